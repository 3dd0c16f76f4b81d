//! The receiving API in production: decrypt then verify with key resolvers,
//! key misses as data, `typ` and token-profile rules, fail-closed validation,
//! `key_ops`, `cty` spelled as a media type. Tokens are forged test-side with
//! the `rsa` crate (tests/common forge) and real keys from vectors/interop/.

mod common;

use common::interop::{api_private, api_set, file, issuer_private, issuer_set, jwk_file};

use std::cell::Cell;
use std::sync::Arc;

use common::front_door::{self, SharedKeys};

use common::forge::{rsa_private, rsa_public, seal, sign_rs256};
use jose_core::jwt::{self, Validation};
use jose_core::keys::{
    DecryptionKeys, DecryptionRequest, IssuerKeys, IssuerRequest, PrivateKey, PrivateKeySet,
    PublicKey, PublicKeySet,
};
use jose_core::{Error, ErrorKind, KeySide, SignatureAlgorithm};
use serde_json::{Value, json};

const NOW: u64 = 1_700_000_100;
const ISS: &str = "https://issuer.example.com/";
const AUD: &str = "https://api.example.com";
const CLIENT: &str = "client-1";
const SENTINEL: u8 = 0xA5;

/// An RFC 9068 access token's claims.
fn access_claims() -> Value {
    json!({"iss": ISS, "sub": "user-1", "aud": AUD, "client_id": CLIENT, "jti": "j-1",
           "iat": NOW - 100, "exp": NOW + 3600, "scope": "read"})
}

/// An OpenID ID token's claims for CLIENT.
fn id_claims() -> Value {
    json!({"iss": ISS, "sub": "user-1", "aud": CLIENT, "iat": NOW - 100, "exp": NOW + 3600,
           "nonce": "n-0S6", "auth_time": NOW - 200})
}

/// A nested token: `claims` signed RS256 by issuer-2024 with `inner_header`
/// members added, encrypted to api-enc-2048 under `outer_header`.
fn nested_token(inner_extra: Value, claims: &Value, outer_header: &str) -> String {
    let mut header = json!({"alg": "RS256", "kid": "issuer-2024"});
    for (k, v) in inner_extra.as_object().unwrap() {
        header[k] = v.clone();
    }
    let inner = sign_rs256(
        &header.to_string(),
        claims.to_string().as_bytes(),
        &rsa_private(&issuer_private()),
    );
    seal(outer_header, &rsa_public(&api_private()), inner.as_bytes())
}

const OUTER: &str = r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":"JWT"}"#;

fn typed(typ: Option<&str>, claims: &Value) -> String {
    let extra = match typ {
        Some(t) => json!({ "typ": t }),
        None => json!({}),
    };
    nested_token(extra, claims, OUTER)
}

fn open(token: &str, rules: &Validation<'_>) -> Result<String, Error> {
    open_with(token, &issuer_set(), rules)
}

/// Opens `token` with the API's keys and `issuer`; on failure the buffer
/// must hold no plaintext. Returns the claims text.
fn open_with<K: IssuerKeys + ?Sized>(
    token: &str,
    issuer: &K,
    rules: &Validation<'_>,
) -> Result<String, Error> {
    let mut buf = vec![SENTINEL; jwt::required_buffer_len(token)];
    let opened = jwt::decrypt_and_verify(
        token,
        &jwt::Trust::nested(&api_set(), issuer, rules, NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .map(|jwt| jwt.claims().json().raw().to_string());
    if opened.is_err() {
        assert!(
            buf.iter().all(|b| *b == SENTINEL || *b == 0),
            "plaintext left in the buffer"
        );
    }
    let mine: SharedKeys = Arc::new(api_set());
    let fixed = opened.as_deref().map_err(Error::kind);
    front_door::agrees(token, Some(&mine), issuer, rules, NOW, fixed);
    opened
}

// ---- decrypt, then verify ----

/// Counts how often the receiver's keys are asked: once per decryption.
struct Counting<'k>(&'k PrivateKeySet, Cell<usize>);

impl DecryptionKeys for Counting<'_> {
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        self.1.set(self.1.get() + 1);
        self.0.decryption_key(request)
    }
}

#[test]
fn a_rotated_issuer_key_is_fetched_and_verified_without_decrypting_again() {
    let token = typed(Some("at+jwt"), &access_claims());
    let rules = Validation::access_token(ISS, AUD);
    let mine = api_set();
    let counting = Counting(&mine, Cell::new(0));
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let opened = jwt::decrypt(
        &token,
        &counting,
        &rules,
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap();

    // The cache holds only the old key: a miss on the issuer's side, with the kid.
    let stale = PublicKeySet::from_jwks(&{
        let mut jwks = jwk_file("issuer.jwks.json");
        jwks["keys"].as_array_mut().unwrap().remove(0);
        jwks.to_string()
    })
    .unwrap();
    let err = opened.issuer_key(&stale).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    let miss = err.key_miss().expect("a miss carries what was asked for");
    assert_eq!(miss.side(), KeySide::Issuer);
    assert_eq!(miss.kid(), Some("issuer-2024"));
    assert!(err.to_string().contains("issuer keys"), "{err}");

    // Refetched: verified, and the receiver's keys were asked once.
    let jwt = opened.verify(&issuer_set(), &rules, NOW).unwrap();
    assert!(jwt.claims().subject().unwrap() == "user-1");
    assert_eq!(counting.1.get(), 1);
}

#[test]
fn a_missing_decryption_key_is_a_miss_on_the_decryption_side() {
    let token = typed(None, &access_claims());
    let mut buf = vec![SENTINEL; jwt::required_buffer_len(&token)];
    let other = PrivateKeySet::from_jwks(&{
        let mut jwks = jwk_file("api.private.jwks.json");
        jwks["keys"].as_array_mut().unwrap().remove(0);
        jwks.to_string()
    })
    .unwrap();
    let rules = Validation::new().issuer(ISS).audience(AUD);
    let err = jwt::decrypt(&token, &other, &rules, &mut jose_core::os_rng(), &mut buf).unwrap_err();
    let miss = err.key_miss().unwrap();
    assert_eq!(
        (miss.side(), miss.kid()),
        (KeySide::Decryption, Some("api-enc-2048"))
    );
    assert!(err.to_string().contains("decryption keys"), "{err}");
    assert!(
        buf.iter().all(|b| *b == SENTINEL || *b == 0),
        "no plaintext left"
    );
}

/// Decrypts with the API's keys under permissive rules; must fail.
fn decrypt_refused(token: &str, buf: &mut [u8]) -> Error {
    let rules = Validation::new().accept_any_issuer().accept_any_audience();
    jwt::decrypt(token, &api_set(), &rules, &mut jose_core::os_rng(), buf)
        .map(|_| ())
        .unwrap_err()
}

#[test]
fn a_miss_by_thumbprint_carries_the_thumbprint() {
    let recipient = PrivateKey::from_pem(&file("recipient.key.pem"))
        .unwrap()
        .with_certificate_pem(&file("recipient.cert.pem"))
        .unwrap();
    let thumbprint = *recipient.x5t_s256().unwrap();
    let token = include_str!("../../vectors/interop/curity-id-token.jwe").trim();
    let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    let err = decrypt_refused(token, &mut buf);
    let miss = err.key_miss().unwrap();
    assert_eq!(miss.side(), KeySide::Decryption);
    assert_eq!(miss.kid(), None);
    assert_eq!(miss.x5t_s256(), Some(&thumbprint));
}

#[test]
fn a_long_kid_is_flagged_not_carried() {
    let long = "k".repeat(49);
    let mut header: Value = serde_json::from_str(OUTER).unwrap();
    header["kid"] = long.clone().into();
    let token = seal(&header.to_string(), &rsa_public(&api_private()), b"x.y.z");
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let err = decrypt_refused(&token, &mut buf);
    let miss = err.key_miss().unwrap();
    assert!(miss.kid_too_long() && miss.kid().is_none());
    assert!(!err.to_string().contains(&long), "{err}");
}

/// Issuer keys chosen by the token's unverified `iss`.
struct Tenants {
    ours: PublicKeySet,
}

impl IssuerKeys for Tenants {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        match request.unverified_issuer() {
            Some(iss) if iss == ISS => self.ours.issuer_key(request),
            _ => Err(request.miss()),
        }
    }
}

#[test]
fn issuer_keys_can_be_chosen_by_the_unverified_iss() {
    let tenants = Tenants { ours: issuer_set() };
    let rules = Validation::new().issuer(ISS).audience(AUD);
    let token = typed(None, &access_claims());
    let claims = open_with(&token, &tenants, &rules).unwrap();
    assert!(claims.contains(&format!(r#""iss":"{ISS}""#)), "{claims}");

    // Another issuer's token finds no keys, whatever it is signed with.
    let mut claims = access_claims();
    claims["iss"] = "https://evil.example/".into();
    let token = typed(None, &claims);
    let err = open_with(&token, &tenants, &rules).unwrap_err();
    assert_eq!(err.key_miss().unwrap().side(), KeySide::Issuer);
}

#[test]
fn an_unverified_token_dropped_wipes_the_buffer() {
    let token = typed(None, &access_claims());
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let rules = Validation::new().issuer(ISS).audience(AUD);
    let opened = jwt::decrypt(
        &token,
        &api_set(),
        &rules,
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap();
    assert_eq!(opened.algorithm(), SignatureAlgorithm::Rs256);
    let debug = format!("{opened:?}");
    assert!(!debug.contains("user-1") && !debug.contains(ISS), "{debug}");
    drop(opened);
    assert!(buf.iter().all(|b| *b == 0));
}

#[test]
fn a_forged_signature_is_refused_after_the_payload_was_read() {
    // The unverified iss is readable; the signature still decides.
    let attacker = rsa_private(&jwk_file("attacker.private.jwk.json"));
    let inner = sign_rs256(
        r#"{"alg":"RS256","kid":"issuer-2024"}"#,
        access_claims().to_string().as_bytes(),
        &attacker,
    );
    let token = seal(OUTER, &rsa_public(&api_private()), inner.as_bytes());
    let err = open(&token, &Validation::new().issuer(ISS).audience(AUD)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Signature);
}

// ---- fail closed ----

#[test]
fn validation_with_no_issuer_or_audience_refuses_a_valid_token() {
    let token = typed(None, &access_claims());
    for rules in [
        Validation::new(),
        Validation::new().issuer(ISS),
        Validation::new().audience(AUD),
    ] {
        let err = open(&token, &rules).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Configuration, "{err}");
    }
    assert!(
        open(
            &token,
            &Validation::new().accept_any_issuer().accept_any_audience()
        )
        .is_ok()
    );
    assert!(open(&token, &Validation::new().issuer(ISS).audience(AUD)).is_ok());
}

// ---- typ and token profiles ----

#[test]
fn an_access_token_must_be_typed_at_jwt() {
    let rules = Validation::access_token(ISS, AUD);
    for typ in [
        "at+jwt",
        "AT+JWT",
        "application/at+jwt",
        "Application/At+JWT",
    ] {
        assert!(
            open(&typed(Some(typ), &access_claims()), &rules).is_ok(),
            "{typ}"
        );
    }
    for typ in [
        None,
        Some("JWT"),
        Some("logout+jwt"),
        Some("secevent+jwt"),
        Some("dpop+jwt"),
        Some("application/jwt"),
        Some("at+jwt "),
        Some("application/application/at+jwt"),
        Some(""),
    ] {
        let err = open(&typed(typ, &access_claims()), &rules).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TokenType, "{typ:?}: {err}");
    }
}

#[test]
fn an_id_token_is_refused_as_an_access_token_and_the_reverse() {
    let id = typed(Some("JWT"), &id_claims());
    let access = Validation::access_token(ISS, CLIENT);
    assert_eq!(open(&id, &access).unwrap_err().kind(), ErrorKind::TokenType);

    let as_id = Validation::id_token(ISS, CLIENT);
    assert!(open(&id, &as_id).is_ok());
    assert!(open(&typed(None, &id_claims()), &as_id).is_ok());
    for typ in ["at+jwt", "logout+jwt", "secevent+jwt", "dpop+jwt"] {
        let err = open(&typed(Some(typ), &id_claims()), &as_id).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TokenType, "{typ}: {err}");
        assert!(err.to_string().contains("typ"), "{err}");
    }
}

#[test]
fn an_access_token_needs_every_rfc_9068_claim() {
    let rules = Validation::access_token(ISS, AUD);
    for claim in ["sub", "client_id", "iat", "jti", "exp"] {
        let mut claims = access_claims();
        claims.as_object_mut().unwrap().remove(claim);
        let err = open(&typed(Some("at+jwt"), &claims), &rules).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingClaim, "{claim}");
        assert!(err.to_string().contains(claim), "{err}");
    }
}

#[test]
fn id_token_audience_azp_nonce_and_auth_time_rules() {
    let base = Validation::id_token(ISS, CLIENT);
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut claims = id_claims();
        edit(&mut claims);
        typed(None, &claims)
    };
    // Several audiences need azp = client.
    let several = with(&|c| c["aud"] = json!([CLIENT, "other"]));
    assert_eq!(
        open(&several, &base).unwrap_err().kind(),
        ErrorKind::MissingClaim
    );
    let with_azp = with(&|c| {
        c["aud"] = json!([CLIENT, "other"]);
        c["azp"] = CLIENT.into();
    });
    assert!(open(&with_azp, &base).is_ok());
    let other_azp = with(&|c| c["azp"] = "other".into());
    assert_eq!(
        open(&other_azp, &base).unwrap_err().kind(),
        ErrorKind::Audience
    );
    let not_ours = with(&|c| c["aud"] = "other".into());
    assert_eq!(
        open(&not_ours, &base).unwrap_err().kind(),
        ErrorKind::Audience
    );
    let no_iat = with(&|c| {
        c.as_object_mut().unwrap().remove("iat");
    });
    assert_eq!(
        open(&no_iat, &base).unwrap_err().kind(),
        ErrorKind::MissingClaim
    );
    // nonce
    let token = typed(None, &id_claims());
    assert!(open(&token, &base.nonce("n-0S6")).is_ok());
    assert_eq!(
        open(&token, &base.nonce("other")).unwrap_err().kind(),
        ErrorKind::Claim
    );
    let no_nonce = with(&|c| {
        c.as_object_mut().unwrap().remove("nonce");
    });
    assert_eq!(
        open(&no_nonce, &base.nonce("n-0S6")).unwrap_err().kind(),
        ErrorKind::MissingClaim
    );
    // auth_time with max_age: authenticated 200 s ago.
    assert!(open(&token, &base.max_auth_age(201)).is_ok());
    assert_eq!(
        open(&token, &base.max_auth_age(200)).unwrap_err().kind(),
        ErrorKind::Expired
    );
    let no_auth_time = with(&|c| {
        c.as_object_mut().unwrap().remove("auth_time");
    });
    assert_eq!(
        open(&no_auth_time, &base.max_auth_age(600))
            .unwrap_err()
            .kind(),
        ErrorKind::MissingClaim
    );
}

// ---- cty as a media type ----

#[test]
fn cty_jwt_may_be_written_as_a_media_type_in_any_case() {
    let rules = Validation::new().issuer(ISS).audience(AUD);
    for cty in [
        "JWT",
        "jwt",
        "application/jwt",
        "APPLICATION/JWT",
        "Application/Jwt",
    ] {
        let outer = json!({"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":cty});
        let token = nested_token(json!({}), &access_claims(), &outer.to_string());
        assert!(open(&token, &rules).is_ok(), "{cty}");
    }
    for cty in [
        "application/json",
        "JOSE",
        "jwt+json",
        "application/jwt/x",
        "text/jwt",
    ] {
        let outer = json!({"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":cty});
        let token = nested_token(json!({}), &access_claims(), &outer.to_string());
        let err = open(&token, &rules).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Policy, "{cty}: {err}");
    }
}

// ---- key_ops (RFC 7517 §4.3) ----

/// The JWK with `name` set to `value` and its `use` removed (so that
/// `key_ops` alone decides).
fn with_member(jwk: &Value, name: &str, value: Value) -> String {
    let mut jwk = jwk.clone();
    jwk.as_object_mut().unwrap().remove("use");
    jwk[name] = value;
    jwk.to_string()
}

fn public_of(private: &Value) -> Value {
    json!({"kty": "RSA", "kid": private["kid"], "n": private["n"], "e": private["e"]})
}

#[test]
fn key_ops_decide_what_a_key_may_do() {
    let token = typed(None, &access_claims());
    let rules = Validation::new().issuer(ISS).audience(AUD);
    let issuer_public = public_of(&issuer_private());

    // An issuer key whose key_ops do not include verify cannot verify.
    for ops in [json!(["encrypt"]), json!(["sign"]), json!([])] {
        let key =
            PublicKey::from_jwk(&with_member(&issuer_public, "key_ops", ops.clone())).unwrap();
        let set = PublicKeySet::new().with(key).unwrap();
        let err = open_with(&token, &set, &rules).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key, "{ops}");
        assert!(err.to_string().contains("key_ops"), "{err}");
    }
    let key =
        PublicKey::from_jwk(&with_member(&issuer_public, "key_ops", json!(["verify"]))).unwrap();
    let set = PublicKeySet::new().with(key).unwrap();
    assert!(open_with(&token, &set, &rules).is_ok());

    // A decryption key whose key_ops say sign cannot decrypt.
    for (ops, opens) in [
        (json!(["sign"]), false),
        (json!(["encrypt", "wrapKey"]), false),
        (json!(["decrypt"]), true),
        (json!(["unwrapKey"]), true),
    ] {
        let key =
            PrivateKey::from_jwk(&with_member(&api_private(), "key_ops", ops.clone())).unwrap();
        let mut buf = vec![SENTINEL; jwt::required_buffer_len(&token)];
        let result = jwt::decrypt(&token, &key, &rules, &mut jose_core::os_rng(), &mut buf);
        assert_eq!(result.is_ok(), opens, "{ops}");
        if let Err(err) = result {
            assert_eq!(err.kind(), ErrorKind::Key, "{ops}");
        }
    }

    // The signer refuses a key whose key_ops say decrypt.
    let decrypt_only = PrivateKey::from_jwk(&with_member(
        &issuer_private(),
        "key_ops",
        json!(["decrypt"]),
    ))
    .unwrap();
    let err = jose_core::jws::Signer::new(&decrypt_only, SignatureAlgorithm::Rs256).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
}

#[test]
fn key_ops_that_contradict_use_or_repeat_are_refused_at_import() {
    let issuer_public = public_of(&issuer_private());
    let mut jwk = issuer_public.clone();
    jwk["use"] = "sig".into();
    jwk["key_ops"] = json!(["encrypt"]);
    let err = PublicKey::from_jwk(&jwk.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.to_string().contains("key_ops"), "{err}");

    for ops in [json!(["verify", "verify"]), json!("verify"), json!([1])] {
        let err =
            PublicKey::from_jwk(&with_member(&issuer_public, "key_ops", ops.clone())).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{ops}");
    }
    // Consistent: accepted; unknown operation names are ignored.
    let mut jwk = issuer_public.clone();
    jwk["use"] = "sig".into();
    jwk["key_ops"] = json!(["verify", "x-custom"]);
    assert!(PublicKey::from_jwk(&jwk.to_string()).is_ok());
}

// ---- Debug shows no plaintext ----

#[test]
fn debug_of_an_opened_token_shows_no_claim_or_inner_header_value() {
    let token = typed(Some("at+jwt"), &access_claims());
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let jwt = jwt::decrypt_and_verify(
        &token,
        &jwt::Trust::nested(
            &api_set(),
            &issuer_set(),
            &Validation::access_token(ISS, AUD),
            NOW,
        ),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap();
    let debug = format!("{jwt:?} {:?} {:?}", jwt.claims(), jwt.claims().json());
    for secret in ["user-1", ISS, AUD, CLIENT, "j-1", "issuer-2024", "at+jwt"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}

// ---- stack ----

#[test]
fn the_nested_views_hold_no_header_arrays() {
    // Headers live in the caller's buffer: the views are ranges and member
    // positions, not 4 KiB arrays (the firmware's nested call fits 16 KiB).
    let unverified = std::mem::size_of::<jwt::Unverified<'static>>();
    let jwt = std::mem::size_of::<jwt::Jwt<'static>>();
    println!("size_of Unverified = {unverified} B, Jwt = {jwt} B");
    assert!(unverified <= 1024, "{unverified}");
    assert!(jwt <= 1024, "{jwt}");
}
