//! Messages that name what is really wrong: one hostile input each, asserting
//! the kind AND the key words of the message (and, where a value came from
//! the token, that it is not echoed).

mod common;

use common::interop::{file, jwk_file};

use common::b64e;
use common::forge::{rsa_private, rsa_public, seal, sign_rs256};
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKeySet, PublicKey, PublicKeySet};
use jose_core::{Error, ErrorKind, jwe, jws};
use serde_json::json;

const NOW: u64 = 1_700_000_100;

fn auth0_token() -> String {
    file("auth0-access-token.jwe").trim().to_string()
}

fn says(err: &Error, kind: ErrorKind, words: &[&str]) {
    assert_eq!(err.kind(), kind, "{err}");
    let text = err.to_string();
    for word in words {
        assert!(text.contains(word), "{word:?} not in: {text}");
    }
}

/// A JWE whose protected header is `header`; what follows is never reached.
fn jwe_with_header(header: &str) -> String {
    format!(
        "{}.{}.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
        b64e(header.as_bytes()),
        "A".repeat(342)
    )
}

// ---- the token's framing ----

#[test]
fn a_trailing_newline_says_trim() {
    for suffix in ["\n", "\r\n", " ", "\0", "\t"] {
        let token = format!("{}{suffix}", auth0_token());
        let err = jwe::Compact::parse(&token).unwrap_err();
        says(&err, ErrorKind::Malformed, &["token", "trim"]);
        assert!(!err.to_string().contains("authentication tag"), "{err}");
    }
    let err = jwe::Compact::parse(&format!(" {}", auth0_token())).unwrap_err();
    says(&err, ErrorKind::Malformed, &["trim"]);
}

#[test]
fn a_bearer_prefix_says_authorization_scheme() {
    for prefix in ["Bearer ", "bearer ", "BEARER ", "DPoP "] {
        let token = format!("{prefix}{}", auth0_token());
        let err = jwe::Compact::parse(&token).unwrap_err();
        says(
            &err,
            ErrorKind::Malformed,
            &["authorization scheme", "Bearer"],
        );
        let err = jws::Compact::parse(&token).unwrap_err();
        says(&err, ErrorKind::Malformed, &["authorization scheme"]);
    }
}

#[test]
fn a_space_inside_the_token_is_named_with_its_offset() {
    let token = auth0_token().replacen('.', ". ", 1);
    let err = jwe::Compact::parse(&token).unwrap_err();
    says(
        &err,
        ErrorKind::Malformed,
        &["whitespace", "inside", "at byte"],
    );
}

// ---- algorithm names ----

#[test]
fn swapped_and_miscased_alg_and_enc_get_a_hint() {
    let err = jwe::Compact::parse(&jwe_with_header(
        r#"{"alg":"a256gcm","enc":"rsa-oaep-256"}"#,
    ))
    .unwrap_err();
    says(
        &err,
        ErrorKind::Unsupported,
        &["swapped", "case", "A256GCM"],
    );
    let err = jwe::Compact::parse(&jwe_with_header(
        r#"{"alg":"rsa-oaep-256","enc":"A256GCM"}"#,
    ))
    .unwrap_err();
    says(
        &err,
        ErrorKind::Unsupported,
        &["wrong case", "RSA-OAEP-256"],
    );
    let err = jwe::Compact::parse(&jwe_with_header(
        r#"{"alg":"RSA-OAEP-256","enc":"a256gcm"}"#,
    ))
    .unwrap_err();
    says(&err, ErrorKind::Unsupported, &["wrong case", "A256GCM"]);
}

#[test]
fn a_jws_alg_in_a_jwe_header_says_signed_token() {
    for alg in ["RS256", "PS512", "HS256", "none"] {
        let header = json!({"alg": alg, "enc": "A256GCM"}).to_string();
        let err = jwe::Compact::parse(&jwe_with_header(&header)).unwrap_err();
        says(
            &err,
            ErrorKind::Unsupported,
            &["signature algorithm", "signed token", alg],
        );
    }
}

#[test]
fn a_miscased_signature_alg_gets_a_hint() {
    let token = format!("{}.e30.AA", b64e(br#"{"alg":"rs256"}"#));
    let err = jws::Compact::parse(&token).unwrap_err();
    says(&err, ErrorKind::Unsupported, &["wrong case", "RS256"]);
}

// ---- the nested token ----

const ISS: &str = "https://issuer.example.com";
const AUD: &str = "https://api.example.com";
const OUTER: &str = r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":"JWT"}"#;

fn open_nested(inner: &[u8]) -> Error {
    open_nested_with(inner, &api_set_and_issuer().1)
}

fn api_set_and_issuer() -> (PrivateKeySet, PublicKeySet) {
    (
        PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap(),
        PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap(),
    )
}

/// Seals `inner` to api-enc-2048 and opens it with `issuer`'s keys.
fn open_nested_with(inner: &[u8], issuer: &PublicKeySet) -> Error {
    let api = jwk_file("api.private.jwks.json")["keys"][0].clone();
    let token = seal(OUTER, &rsa_public(&api), inner);
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let rules = Validation::new().issuer(ISS).audience(AUD);
    jwt::decrypt_and_verify(
        &token,
        &jwt::Trust::nested(&api_set_and_issuer().0, issuer, &rules, NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .map(|_| ())
    .unwrap_err()
}

fn issuer_key() -> rsa::PrivateKey {
    rsa_private(&jwk_file("issuer.private.jwks.json")["keys"][0])
}

#[test]
fn unsigned_inner_tokens_are_one_policy_refusal_in_any_spelling() {
    for alg in ["none", "None", "NONE", "nOnE", ""] {
        let header = json!({"alg": alg}).to_string();
        let inner = format!("{}.{}.", b64e(header.as_bytes()), b64e(b"{}"));
        says(
            &open_nested(inner.as_bytes()),
            ErrorKind::Policy,
            &["unsigned"],
        );
    }
}

#[test]
fn a_plaintext_that_is_not_a_jws_is_malformed() {
    for plaintext in [
        &b"{\"sub\":\"x\"}"[..],
        b"a.b",
        b"\xff\xfe.x.y",
        b"one.two.three.four",
    ] {
        says(
            &open_nested(plaintext),
            ErrorKind::Malformed,
            &["not a signed JWT"],
        );
    }
}

#[test]
fn a_jws_whose_payload_is_a_jws_says_so() {
    let innermost = sign_rs256(r#"{"alg":"RS256"}"#, b"{}", &issuer_key());
    let inner = sign_rs256(
        r#"{"alg":"RS256","kid":"issuer-2024"}"#,
        innermost.as_bytes(),
        &issuer_key(),
    );
    let err = open_nested(inner.as_bytes());
    says(
        &err,
        ErrorKind::Malformed,
        &["payload is itself a compact token"],
    );
    assert!(!err.to_string().contains("unexpected byte"), "{err}");
}

// ---- keys ----

#[test]
fn a_key_error_does_not_repeat_key() {
    let mut jwks = jwk_file("issuer.jwks.json");
    jwks["keys"][0]["use"] = "enc".into();
    let issuer = PublicKeySet::from_jwks(&jwks.to_string()).unwrap();
    let inner = sign_rs256(
        r#"{"alg":"RS256","kid":"issuer-2024"}"#,
        json!({"iss": ISS, "aud": AUD, "exp": NOW + 60})
            .to_string()
            .as_bytes(),
        &issuer_key(),
    );
    let err = open_nested_with(inner.as_bytes(), &issuer);
    says(&err, ErrorKind::Key, &["use", "sig"]);
    assert!(!err.to_string().contains("key: key:"), "{err}");
    assert!(!err.to_string().contains("RS256"), "{err}");
}

/// DER of an RSA SPKI with modulus `n` and exponent `e` (big-endian).
fn spki_der(n: &[u8], e: &[u8]) -> Vec<u8> {
    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        match body.len() {
            len if len < 0x80 => out.push(len as u8),
            len if len < 0x100 => out.extend([0x81, len as u8]),
            len => out.extend([0x82, (len >> 8) as u8, len as u8]),
        }
        out.extend_from_slice(body);
        out
    }
    let int = |bytes: &[u8]| {
        let mut body = Vec::new();
        if bytes[0] & 0x80 != 0 {
            body.push(0);
        }
        body.extend_from_slice(bytes);
        tlv(0x02, &body)
    };
    let key = tlv(0x30, &[int(n), int(e)].concat());
    let algorithm = tlv(
        0x30,
        &[
            &[
                0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
            ][..],
            &[0x05, 0x00],
        ]
        .concat(),
    );
    let mut bits = vec![0u8];
    bits.extend(key);
    tlv(0x30, &[algorithm, tlv(0x03, &bits)].concat())
}

#[test]
fn an_spki_with_a_bad_exponent_names_the_exponent() {
    let jwk = jwk_file("issuer.jwks.json")["keys"][0].clone();
    let n = common::b64(jwk["n"].as_str().unwrap());
    let good = spki_der(&n, &[1, 0, 1]);
    assert!(PublicKey::from_spki_der(&good).is_ok());
    for e in [&[1u8][..], &[2], &[1, 0, 0], &[0]] {
        let err = PublicKey::from_spki_der(&spki_der(&n, e)).unwrap_err();
        says(&err, ErrorKind::InvalidKey, &["exponent", "odd"]);
        assert!(!err.to_string().contains("not an RSA"), "{err}");
    }
    let err = PublicKey::from_spki_der(b"\x30\x03\x02\x01\x01").unwrap_err();
    says(&err, ErrorKind::InvalidKey, &["SubjectPublicKeyInfo"]);
}

#[test]
fn a_cbc_ciphertext_length_is_shown_as_a_length() {
    let header = r#"{"alg":"RSA-OAEP-256","enc":"A128CBC-HS256"}"#;
    let token = format!(
        "{}.{}.{}.{}.{}",
        b64e(header.as_bytes()),
        "A".repeat(342),
        b64e(&[0u8; 16]),
        b64e(&[0u8; 17]),
        b64e(&[0u8; 16])
    );
    let err = jwe::Compact::parse(&token).unwrap_err();
    says(
        &err,
        ErrorKind::Malformed,
        &["multiple of 16", "found 17 bytes"],
    );
    assert!(!err.to_string().contains("at byte"), "{err}");
}

// ---- claims into the caller's type ----

#[cfg(feature = "serde")]
#[test]
fn serde_keeps_its_reason_but_never_a_claim_value() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Needs {
        scope: String,
        level: u64,
        role: Role,
    }
    #[derive(Debug, serde::Deserialize)]
    enum Role {
        Admin,
    }
    let missing = jose_core::jwt::Claims::parse(br#"{"level":1,"role":"Admin"}"#).unwrap();
    let err = missing.deserialize::<Needs>().unwrap_err();
    says(&err, ErrorKind::Malformed, &["missing field `scope`"]);

    let secret = "s3cr3t-value";
    let wrong = format!(r#"{{"scope":"x","level":"{secret}","role":"Admin"}}"#);
    let wrong = jose_core::jwt::Claims::parse(wrong.as_bytes()).unwrap();
    let err = wrong.deserialize::<Needs>().unwrap_err();
    says(
        &err,
        ErrorKind::Malformed,
        &["invalid type", "expected u64"],
    );
    assert!(!err.to_string().contains(secret), "{err}");

    let variant = format!(r#"{{"scope":"x","level":1,"role":"{secret}"}}"#);
    let variant = jose_core::jwt::Claims::parse(variant.as_bytes()).unwrap();
    let err = variant.deserialize::<Needs>().unwrap_err();
    says(&err, ErrorKind::Malformed, &["unknown variant", "expected"]);
    assert!(!err.to_string().contains(secret), "{err}");
}

#[test]
fn a_refused_header_is_named_before_the_buffer_is_measured() {
    // RFC 7520 §5.1 (RSA1_5): a buffer that holds its header (77 bytes
    // decoded) but not its plaintext.
    let token = std::fs::read_to_string(common::vectors_dir().join("rfc7520_5_1.jwe")).unwrap();
    let mut buf = [0u8; 100];
    let rules = Validation::new().accept_any_issuer().accept_any_audience();
    let (keys, _) = api_set_and_issuer();
    let err = jwt::decrypt(
        token.trim(),
        &keys,
        &rules,
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .map(|_| ())
    .unwrap_err();
    says(&err, ErrorKind::Unsupported, &["RSA1_5"]);
}

#[test]
fn a_buffer_too_small_says_how_large_it_must_be() {
    let token = auth0_token();
    let need = jwt::required_buffer_len(&token);
    let mut buf = vec![0u8; need - 1];
    let rules = Validation::new().accept_any_issuer().accept_any_audience();
    let (keys, _) = api_set_and_issuer();
    let err = jwt::decrypt(&token, &keys, &rules, &mut jose_core::os_rng(), &mut buf)
        .map(|_| ())
        .unwrap_err();
    says(&err, ErrorKind::Buffer, &[&format!("{need} needed")]);
    let mut buf = vec![0u8; need];
    assert!(jwt::decrypt(&token, &keys, &rules, &mut jose_core::os_rng(), &mut buf).is_ok());
}
