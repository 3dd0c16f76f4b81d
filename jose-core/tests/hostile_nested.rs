//! Hostile nested and signed tokens, one named test each, with the expected
//! error kind. Tokens are forged test-side (tests/common forge) with real keys
//! from vectors/interop/. After every failure the caller's buffer must hold no
//! plaintext: only the sentinel it was filled with, or zeros.

mod common;

use common::interop::{api_private, api_set, file, issuer_private, issuer_set, jwk_file};

use common::forge::{rsa_private, rsa_public, seal, sign_rs256};
use common::front_door::{self, SharedKeys};
use common::{b64, b64e};
use hmac::{KeyInit, Mac};
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKey, PublicKeySet};
use jose_core::{Error, ErrorKind, Policy};
use serde_json::{Value, json};
use std::sync::Arc;

const NOW: u64 = 1_700_000_100;
const ISS: &str = "https://issuer.example.com";
const AUD: &str = "https://api.example.com";
const SENTINEL: u8 = 0xA5;

fn rules() -> Validation<'static> {
    Validation::new().issuer(ISS).audience(AUD)
}

fn claims() -> Value {
    json!({"iss": ISS, "sub": "user-1", "aud": AUD, "iat": NOW - 100, "exp": NOW + 3600})
}

fn signed(claims: &Value) -> String {
    sign_rs256(
        r#"{"alg":"RS256","typ":"JWT","kid":"issuer-2024"}"#,
        claims.to_string().as_bytes(),
        &rsa_private(&issuer_private()),
    )
}

const OUTER: &str = r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":"JWT"}"#;

fn nested(inner: &str) -> String {
    nested_with(OUTER, inner.as_bytes())
}

fn nested_with(outer_header: &str, plaintext: &[u8]) -> String {
    seal(outer_header, &rsa_public(&api_private()), plaintext)
}

/// Opens `token` with the standard sets; checks the error kind and the buffer.
fn refused_with(
    token: &str,
    issuer: &PublicKeySet,
    rules: &Validation<'_>,
    kind: ErrorKind,
) -> Error {
    let mut buf = vec![SENTINEL; jwt::required_buffer_len(token).max(64)];
    let err = jwt::decrypt_and_verify(
        token,
        &jwt::Trust::nested(&api_set(), issuer, rules, NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .map(|jwt| format!("{:?}", jwt.claims()))
    .unwrap_err();
    assert_eq!(err.kind(), kind, "{err}");
    assert!(
        buf.iter().all(|b| *b == SENTINEL || *b == 0),
        "plaintext left in the buffer after: {err}"
    );
    let mine: SharedKeys = Arc::new(api_set());
    front_door::agrees(token, Some(&mine), issuer, rules, NOW, Err(kind));
    err
}

fn refused(token: &str, kind: ErrorKind) -> Error {
    refused_with(token, &issuer_set(), &rules(), kind)
}

#[test]
fn a_well_formed_nested_token_opens() {
    let token = nested(&signed(&claims()));
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let jwt = jwt::decrypt_and_verify(
        &token,
        &jwt::Trust::nested(&api_set(), &issuer_set(), &rules(), NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap();
    assert!(jwt.claims().subject().unwrap() == "user-1");
    let claims = jwt.claims().json().raw().to_owned();
    let mine: SharedKeys = Arc::new(api_set());
    front_door::agrees(
        &token,
        Some(&mine),
        &issuer_set(),
        &rules(),
        NOW,
        Ok(&claims),
    );
}

// ---- the inner token ----

#[test]
fn inner_alg_none_is_refused() {
    let inner = format!(
        "{}.{}.",
        b64e(br#"{"alg":"none"}"#),
        b64e(claims().to_string().as_bytes())
    );
    let err = refused(&nested(&inner), ErrorKind::Policy);
    assert!(err.to_string().contains("none"), "{err}");
}

#[test]
fn inner_hs256_keyed_with_the_issuers_public_key_is_refused() {
    // The classic confusion: HMAC with the RSA public key (PEM) as the secret.
    let input = format!(
        "{}.{}",
        b64e(br#"{"alg":"HS256","typ":"JWT","kid":"issuer-2024"}"#),
        b64e(claims().to_string().as_bytes())
    );
    let mut mac =
        <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(file("issuer.spki.pem").as_bytes())
            .unwrap();
    mac.update(input.as_bytes());
    let inner = format!("{input}.{}", b64e(&mac.finalize().into_bytes()));
    let err = refused(&nested(&inner), ErrorKind::Policy);
    assert!(err.to_string().contains("HS256"), "{err}");
}

#[test]
fn inner_signed_by_a_key_outside_the_set_is_refused() {
    // The attacker reuses the issuer's kid: the issuer's key does not verify it.
    let attacker = rsa_private(&jwk_file("attacker.private.jwk.json"));
    let inner = sign_rs256(
        r#"{"alg":"RS256","kid":"issuer-2024"}"#,
        claims().to_string().as_bytes(),
        &attacker,
    );
    refused(&nested(&inner), ErrorKind::Signature);
    // With a kid of its own, no key is found.
    let inner = sign_rs256(
        r#"{"alg":"RS256","kid":"attacker"}"#,
        claims().to_string().as_bytes(),
        &attacker,
    );
    refused(&nested(&inner), ErrorKind::Key);
}

#[test]
fn inner_signed_by_an_attacker_key_carried_in_its_own_jwk_header_is_refused() {
    let attacker_jwk = jwk_file("attacker.private.jwk.json");
    let header = json!({"alg": "RS256", "jwk": {"kty": "RSA", "n": attacker_jwk["n"], "e": attacker_jwk["e"]}});
    let inner = sign_rs256(
        &header.to_string(),
        claims().to_string().as_bytes(),
        &rsa_private(&attacker_jwk),
    );
    // The token names no key from the set: with two usable keys, none is chosen...
    refused(&nested(&inner), ErrorKind::Key);
    // ...and with one, that one is tried, and the embedded key is never used.
    let one = PublicKeySet::new()
        .with(PublicKey::from_certificate_pem(&file("issuer.cert.pem")).unwrap())
        .unwrap();
    refused_with(&nested(&inner), &one, &rules(), ErrorKind::Signature);
}

#[test]
fn inner_signed_by_an_attacker_key_carried_in_its_own_x5c_header_is_refused() {
    let attacker_jwk = jwk_file("attacker.private.jwk.json");
    let cert = jwk_file("issuer.jwks.json")["keys"][0]["x5c"].clone(); // any certificate
    let header = json!({"alg": "RS256", "x5c": cert, "x5u": "https://attacker.example/cert"});
    let inner = sign_rs256(
        &header.to_string(),
        claims().to_string().as_bytes(),
        &rsa_private(&attacker_jwk),
    );
    let one = PublicKeySet::new()
        .with(PublicKey::from_certificate_pem(&file("issuer.cert.pem")).unwrap())
        .unwrap();
    refused_with(&nested(&inner), &one, &rules(), ErrorKind::Signature);
}

#[test]
fn jwe_inside_jwe_is_refused() {
    let inner_jwe = nested(&signed(&claims()));
    let err = refused(&nested(&inner_jwe), ErrorKind::Policy);
    assert!(err.to_string().contains("JWE inside"), "{err}");
}

#[test]
fn bare_claims_json_as_plaintext_is_refused() {
    let token = nested_with(OUTER, claims().to_string().as_bytes());
    let err = refused(&token, ErrorKind::Malformed);
    assert!(err.to_string().contains("not a signed JWT"), "{err}");
}

#[test]
fn a_plain_jws_given_to_the_nested_call_is_refused() {
    let err = refused(&signed(&claims()), ErrorKind::Malformed);
    assert!(err.to_string().contains("JWS"), "{err}");
}

// ---- choosing keys ----

#[test]
fn outer_kid_matching_nothing_is_refused() {
    let token = nested_with(
        r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"nobody"}"#,
        signed(&claims()).as_bytes(),
    );
    refused(&token, ErrorKind::Key);
}

#[test]
fn inner_kid_matching_nothing_is_refused() {
    let inner = sign_rs256(
        r#"{"alg":"RS256","kid":"nobody"}"#,
        claims().to_string().as_bytes(),
        &rsa_private(&issuer_private()),
    );
    refused(&nested(&inner), ErrorKind::Key);
}

#[test]
fn outer_x5t_s256_matching_nothing_is_refused() {
    let header = json!({"alg": "RSA-OAEP-256", "enc": "A256GCM", "x5t#S256": b64e(&[7u8; 32])});
    refused(
        &nested_with(&header.to_string(), signed(&claims()).as_bytes()),
        ErrorKind::Key,
    );
}

#[test]
fn inner_x5t_s256_matching_nothing_is_refused() {
    let header = json!({"alg": "RS256", "x5t#S256": b64e(&[7u8; 32])});
    let inner = sign_rs256(
        &header.to_string(),
        claims().to_string().as_bytes(),
        &rsa_private(&issuer_private()),
    );
    refused(&nested(&inner), ErrorKind::Key);
}

#[test]
fn inner_x5t_s256_of_the_issuer_certificate_selects_it() {
    let thumbprint = jwk_file("issuer.jwks.json")["keys"][0]["x5t#S256"].clone();
    let header = json!({"alg": "RS256", "x5t#S256": thumbprint});
    let inner = sign_rs256(
        &header.to_string(),
        claims().to_string().as_bytes(),
        &rsa_private(&issuer_private()),
    );
    let token = nested(&inner);
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    assert!(
        jwt::decrypt_and_verify(
            &token,
            &jwt::Trust::nested(&api_set(), &issuer_set(), &rules(), NOW),
            &mut jose_core::os_rng(),
            &mut buf
        )
        .is_ok()
    );
}

// ---- cty ----

#[test]
fn cty_other_than_jwt_is_refused() {
    let header =
        r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":"application/json"}"#;
    refused(
        &nested_with(header, signed(&claims()).as_bytes()),
        ErrorKind::Policy,
    );
}

#[test]
fn cty_is_compared_case_insensitively() {
    let header = r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":"jwt"}"#;
    let token = nested_with(header, signed(&claims()).as_bytes());
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    assert!(
        jwt::decrypt_and_verify(
            &token,
            &jwt::Trust::nested(&api_set(), &issuer_set(), &rules(), NOW),
            &mut jose_core::os_rng(),
            &mut buf
        )
        .is_ok()
    );
}

#[test]
fn missing_cty_is_refused_when_the_policy_requires_it() {
    let header = r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048"}"#;
    let strict = rules().policy(Policy::new().require_cty(true));
    refused_with(
        &nested_with(header, signed(&claims()).as_bytes()),
        &issuer_set(),
        &strict,
        ErrorKind::Policy,
    );
}

// ---- claims ----

fn with(member: &str, value: Value) -> String {
    let mut c = claims();
    c[member] = value;
    nested(&signed(&c))
}

fn without(member: &str) -> String {
    let mut c = claims();
    c.as_object_mut().unwrap().remove(member);
    nested(&signed(&c))
}

fn opens_with(token: &str, rules: &Validation<'_>) -> bool {
    let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    jwt::decrypt_and_verify(
        token,
        &jwt::Trust::nested(&api_set(), &issuer_set(), rules, NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .is_ok()
}

#[test]
fn expired_is_refused() {
    let err = refused(&with("exp", json!(NOW - 1)), ErrorKind::Expired);
    assert!(
        err.to_string().contains(&format!("exp {}", NOW - 1)),
        "{err}"
    );
    // exp == now is expired (RFC 7519 4.1.4: "on or after")
    refused(&with("exp", json!(NOW)), ErrorKind::Expired);
    assert!(opens_with(&with("exp", json!(NOW + 1)), &rules()));
}

#[test]
fn not_yet_valid_is_refused() {
    refused(&with("nbf", json!(NOW + 1)), ErrorKind::NotYetValid);
    assert!(opens_with(&with("nbf", json!(NOW)), &rules()));
}

#[test]
fn leeway_at_both_edges() {
    let lenient = rules().leeway(30);
    // exp: accepted until exp + leeway, refused at it
    assert!(opens_with(&with("exp", json!(NOW - 29)), &lenient));
    refused_with(
        &with("exp", json!(NOW - 30)),
        &issuer_set(),
        &lenient,
        ErrorKind::Expired,
    );
    // nbf: accepted from nbf - leeway, refused before it
    assert!(opens_with(&with("nbf", json!(NOW + 30)), &lenient));
    refused_with(
        &with("nbf", json!(NOW + 31)),
        &issuer_set(),
        &lenient,
        ErrorKind::NotYetValid,
    );
}

#[test]
fn issuer_with_a_suffix_is_refused() {
    let err = refused(
        &with("iss", json!("https://issuer.example.com.evil")),
        ErrorKind::Issuer,
    );
    assert!(err.to_string().contains("issuer.example.com.evil"), "{err}");
    refused(
        &with("iss", json!("https://issuer.example.com/")),
        ErrorKind::Issuer,
    );
}

#[test]
fn issuer_with_control_characters_is_shown_sanitized() {
    let err = refused(
        &with("iss", json!("evil\n\u{1b}[31mred\"")),
        ErrorKind::Issuer,
    );
    let shown = err.to_string();
    assert!(
        !shown.contains('\n') && !shown.contains('\u{1b}'),
        "{shown:?}"
    );
}

#[test]
fn audience_array_without_ours_is_refused() {
    refused(
        &with(
            "aud",
            json!(["https://other.example.com", "https://api.example.com.evil"]),
        ),
        ErrorKind::Audience,
    );
    assert!(opens_with(&with("aud", json!(["x", AUD])), &rules()));
}

#[test]
fn audience_with_a_non_string_element_is_refused() {
    refused(&with("aud", json!(["x", 1])), ErrorKind::Malformed);
}

#[test]
fn audience_missing_while_one_is_expected_is_refused() {
    let err = refused(&without("aud"), ErrorKind::MissingClaim);
    assert!(err.to_string().contains("aud"), "{err}");
}

#[test]
fn exp_of_the_wrong_type_or_range_is_refused() {
    for bad in [
        json!("soon"),
        json!(null),
        json!(1e300),
        json!(-1),
        json!(true),
        json!([NOW]),
    ] {
        let err = refused(&with("exp", bad.clone()), ErrorKind::Malformed);
        assert!(err.to_string().contains("exp"), "{bad}: {err}");
    }
}

#[test]
fn missing_exp_is_refused_by_default() {
    refused(&without("exp"), ErrorKind::MissingClaim);
    assert!(opens_with(&without("exp"), &rules().allow_missing_exp()));
}

#[test]
fn fractional_dates_are_accepted() {
    assert!(opens_with(&with("exp", json!(NOW as f64 + 0.5)), &rules()));
    refused(&with("exp", json!(NOW as f64 - 0.5)), ErrorKind::Expired);
}

// ---- signatures of every wrong shape ----

fn with_signature(token: &str, signature: &[u8]) -> String {
    let (input, _) = token.rsplit_once('.').unwrap();
    format!("{input}.{}", b64e(signature))
}

fn be_256(value: &rsa::BoxedUint) -> Vec<u8> {
    let bytes = value.to_be_bytes().to_vec();
    bytes[bytes.len() - 256..].to_vec()
}

#[test]
fn signatures_of_every_wrong_shape_are_refused() {
    let token = signed(&claims());
    let good = b64(token.rsplit('.').next().unwrap());
    assert_eq!(good.len(), 256);
    let n = rsa_public(&jwk_file("issuer.jwks.json")["keys"][0])
        .n()
        .as_ref()
        .clone();
    use rsa::traits::PublicKeyParts;
    let one = rsa::BoxedUint::one_with_precision(n.bits_precision());
    let n_minus_1 = n.wrapping_sub(&one);
    let n_plus_1 = n.wrapping_add(&one);
    let mut one_value = vec![0u8; 256];
    one_value[255] = 1;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("one byte short", good[..255].to_vec()),
        ("one byte long", [good.clone(), vec![0]].concat()),
        ("0", vec![0u8; 256]),
        ("1", one_value),
        ("n-1", be_256(&n_minus_1)),
        ("n", be_256(&n)),
        ("n+1", be_256(&n_plus_1)),
    ];
    for (what, signature) in cases {
        let forged = with_signature(&token, &signature);
        let mut buf = vec![SENTINEL; forged.len()];
        let err = jwt::verify(
            &forged,
            &jwt::Trust::signed(&issuer_set(), &rules(), NOW),
            &mut buf,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Signature, "{what}: {err}");
        assert!(buf.iter().all(|b| *b == SENTINEL || *b == 0), "{what}");
        let kind = Err(ErrorKind::Signature);
        front_door::agrees(&forged, None, &issuer_set(), &rules(), NOW, kind);
        // and the same inside a JWE
        refused(&nested(&forged), ErrorKind::Signature);
    }
}

#[test]
fn the_buffer_is_wiped_when_the_inner_signature_fails() {
    let token = signed(&claims());
    let mut sig = b64(token.rsplit('.').next().unwrap());
    sig[0] ^= 1;
    let err = refused(&nested(&with_signature(&token, &sig)), ErrorKind::Signature);
    assert_eq!(err.part(), Some(jose_core::Part::Signature));
}

#[test]
fn a_private_key_set_picks_the_recipient_by_certificate_thumbprint() {
    let recipient = PrivateKey::from_pem(&file("recipient.key.pem"))
        .unwrap()
        .with_certificate_pem(&file("recipient.cert.pem"))
        .unwrap();
    let thumbprint = file("recipient.x5t-s256.txt");
    let set = PrivateKeySet::new()
        .with(recipient)
        .unwrap()
        .with(PrivateKey::from_jwk(&api_private().to_string()).unwrap())
        .unwrap();
    let public = rsa_public(&jwk_file("recipient.private.jwk.json"));
    let header = json!({"alg": "RSA-OAEP-256", "enc": "A256GCM", "cty": "JWT", "x5t#S256": thumbprint.trim()});
    let token = seal(&header.to_string(), &public, signed(&claims()).as_bytes());
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let jwt = jwt::decrypt_and_verify(
        &token,
        &jwt::Trust::nested(&set, &issuer_set(), &rules(), NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap();
    assert!(jwt.claims().subject().unwrap() == "user-1");
}

#[test]
fn inner_payload_with_non_canonical_base64_is_refused_even_when_signed() {
    // Sign over a payload encoding whose last character carries unused bits:
    // the signature is valid, the encoding is not canonical.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut text = claims().to_string();
    while b64e(text.as_bytes()).len().is_multiple_of(4) {
        text.push(' ');
    }
    let mut payload = b64e(text.as_bytes()).into_bytes();
    let last = payload.pop().unwrap();
    let value = ALPHABET.iter().position(|c| *c == last).unwrap();
    payload.push(ALPHABET[value | 1]);
    let header = b64e(br#"{"alg":"RS256","kid":"issuer-2024"}"#);
    let input = format!("{header}.{}", String::from_utf8(payload).unwrap());
    use sha2::Digest;
    let digest = sha2::Sha256::digest(input.as_bytes());
    let sig = rsa_private(&issuer_private())
        .sign_with_rng(
            &mut rand_core::UnwrapErr(jose_core::os_rng()),
            rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            &digest,
        )
        .unwrap();
    let inner = format!("{input}.{}", b64e(&sig));
    let err = refused(&nested(&inner), ErrorKind::Malformed);
    assert_eq!(err.part(), Some(jose_core::Part::Payload), "{err}");
    // and through the signed-only path
    let mut buf = vec![SENTINEL; inner.len()];
    let err = jwt::verify(
        &inner,
        &jwt::Trust::signed(&issuer_set(), &rules(), NOW),
        &mut buf,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed, "{err}");
    let kind = Err(ErrorKind::Malformed);
    front_door::agrees(&inner, None, &issuer_set(), &rules(), NOW, kind);
}

#[test]
fn an_oversized_token_costs_the_caller_no_more_than_the_size_limit() {
    // 40 MB of ciphertext: the buffer asked for is what the largest
    // accepted token needs, and the call refuses the token for its size
    // with that buffer (never a buffer error asking for 30 MB).
    let token = nested(&signed(&claims()));
    let parts: Vec<&str> = token.split('.').collect();
    let huge = format!(
        "{}.{}.{}.{}.{}",
        parts[0],
        parts[1],
        parts[2],
        "A".repeat(40_000_000),
        parts[4]
    );
    let len = jwt::required_buffer_len(&huge);
    assert_eq!(len, 196_608);
    let mut buf = vec![0u8; len];
    let err = jwt::decrypt_and_verify(
        &huge,
        &jwt::Trust::nested(&api_set(), &issuer_set(), &rules(), NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
    // Under a narrower policy, the narrower answer.
    let narrow = rules().policy(Policy::new().max_token_len(8 * 1024));
    assert_eq!(narrow.required_buffer_len(&huge), 6_144);
    // A token inside the limit still gets its own exact need.
    assert!(jwt::required_buffer_len(&token) < token.len());
}
