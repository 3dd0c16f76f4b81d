//! Any bytes to the JSON reader: it must return, never panic, and walking an
//! accepted document (members, elements, string decoding) must never panic.
#![no_main]

use jose_core::json::{self, Value};
use libfuzzer_sys::fuzz_target;

fn walk(value: Value<'_>, depth: usize) {
    assert!(depth <= json::MAX_DEPTH + 1);
    if let Some(s) = value.as_str() {
        let mut buf = [0u8; 256];
        let _ = s.decode_into(&mut buf);
        let _ = s.chars().count();
    }
    if let Some(n) = value.as_number() {
        let _ = (n.as_i64(), n.as_f64());
    }
    for (name, member) in value.members() {
        let _ = name.decoded_len();
        walk(member, depth + 1);
    }
    for element in value.elements() {
        walk(element, depth + 1);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = json::parse(data) {
        walk(doc, 0);
    }
});
