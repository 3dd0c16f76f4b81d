#![no_main]

#[path = "../bodies/axum.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::sender_constraints(data));
