//! The body of the jose-axum fuzz target: the `Authorization` header
//! parser a client's bytes reach before any key is used, through the
//! crate's public `bearer_token`. Replayed by jose-axum/tests/fuzz_replay.rs.
//! See core.rs for the conventions.
#![allow(dead_code)]
// Compiled by packages of different rust-versions (1.87, 1.88): written
// without let chains, which only 1.88 has.
#![allow(clippy::collapsible_if)]

/// A target's body.
pub type Body = fn(&[u8]);

/// Every target, by name, for the replay test.
pub const TARGETS: &[(&str, Body)] = &[("authorization_header", authorization_header)];

/// Up to three `Authorization` header values (split at NUL bytes; values
/// the `http` crate refuses, by its rule of visible bytes and tab, never
/// reach a server): a token is read only from exactly one value, of the
/// Bearer scheme, and it is one b64token that value ends with.
pub fn authorization_header(data: &[u8]) {
    use jose_axum::Rejection;
    let values: Vec<&[u8]> = data.split(|b| *b == 0).take(3).collect();
    let valid: Vec<&[u8]> = values
        .iter()
        .copied()
        .filter(|v| v.iter().all(|&b| (b >= 32 && b != 127) || b == b'\t'))
        .collect();
    let mut headers = http::HeaderMap::new();
    for value in &values {
        if let Ok(value) = http::HeaderValue::from_bytes(value) {
            headers.append(http::header::AUTHORIZATION, value);
        }
    }
    match jose_axum::bearer_token(&headers).map(str::to_owned) {
        Ok(token) => {
            assert_eq!(valid.len(), 1, "one header");
            let value = std::str::from_utf8(valid[0]).expect("ASCII");
            assert!(value.len() > 6 && value[..6].eq_ignore_ascii_case("bearer"));
            assert!(value[6..].starts_with(' '), "{value:?}");
            assert_eq!(value[6..].trim_start_matches(' '), token);
            let body = token.trim_end_matches('=');
            assert!(!body.is_empty());
            assert!(
                body.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b)),
                "{token:?}"
            );
        }
        Err(Rejection::Missing) => {
            // No header, or one of another scheme.
            assert!(valid.len() <= 1, "two headers are malformed, not missing");
            if let Some(value) = valid.first() {
                let bearer = value.len() >= 6 && value[..6].eq_ignore_ascii_case(b"bearer");
                let scheme_ends = value
                    .get(6)
                    .is_none_or(|b| !(b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b)));
                assert!(
                    !(bearer && scheme_ends),
                    "a Bearer header called missing: {value:?}"
                );
            }
        }
        Err(_) => {}
    }
}
