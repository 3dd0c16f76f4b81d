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
pub const TARGETS: &[(&str, Body)] = &[
    ("authorization_header", authorization_header),
    ("sender_constraints", sender_constraints),
];

/// A DPoP proof and a certificate header from the client's bytes (split at
/// the first NUL): the proof is checked for a token bound to a key the
/// input cannot have (its thumbprint would be a SHA-256 preimage), so it
/// is always refused, and never panics; a certificate read from the header
/// is at least a DER SEQUENCE.
pub fn sender_constraints(data: &[u8]) {
    let mut parts = data.splitn(2, |b| *b == 0);
    let proof = parts.next().unwrap_or(&[]);
    let certificate = parts.next().unwrap_or(&[]);
    static DPOP: std::sync::OnceLock<jose_axum::Dpop> = std::sync::OnceLock::new();
    let dpop = DPOP.get_or_init(|| {
        jose_axum::Dpop::new("https://api.example.com")
            .expect("a valid origin")
            .clock(|| 1_800_000_000)
    });
    let (mut request, ()) = http::Request::get("/resource")
        .body(())
        .expect("a fixed request")
        .into_parts();
    if let Ok(value) = http::HeaderValue::from_bytes(proof) {
        request
            .headers
            .insert(http::HeaderName::from_static("dpop"), value);
    }
    let checked = dpop.check_proof(
        &request,
        "an access token",
        Some("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    );
    assert!(checked.is_err(), "a proof for a key nobody holds");
    if let Some(certificate) = jose_axum::ClientCertificate::from_url_encoded_pem(certificate) {
        assert_eq!(certificate.der().first(), Some(&0x30));
        assert_eq!(certificate.thumbprint().len(), 43);
    }
}

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
