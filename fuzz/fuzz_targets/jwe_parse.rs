//! Any bytes as a compact JWE: parsing must return, never panic; a token that
//! parses must report a buffer length no larger than the token itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = core::str::from_utf8(data) {
        if let Ok(jwe) = jose_core::jwe::Compact::parse(text) {
            assert!(jwe.buffer_len() <= text.len());
            let header = jwe.header();
            let _ = (header.alg(), header.enc(), header.kid(), header.json().members().count());
        }
    }
});
