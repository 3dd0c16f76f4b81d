#![no_main]

#[path = "../bodies/jwks.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::jwks_document(data));
