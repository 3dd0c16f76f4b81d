//! RFC 7515 A.2 and RFC 7520 §4.1 (RS256), the inner PS256 token of RFC 7520
//! §6, RFC 7638 §3.1 thumbprints, RFC 7517 A.1 key parsing, and RFC 7519 §3.1
//! (HS256) refused.

mod common;

use common::{b64e, load, str_of};
use jose_core::jws::Compact;
use jose_core::keys::{PublicKey, PublicKeySet};
use jose_core::{ErrorKind, SignatureAlgorithm};
use serde_json::Value;

fn verify_vector(compact: &str, public: &Value, alg: SignatureAlgorithm, payload: &[u8]) {
    let jws = Compact::parse(compact).unwrap();
    assert_eq!(jws.algorithm(), alg);
    let mut key = PublicKey::from_jwk(&public.to_string()).unwrap();
    if let (Some(kid), None) = (jws.header().kid(), key.kid()) {
        key = key.with_kid(&kid.to_string());
    }
    let set = PublicKeySet::new().with(key).unwrap();
    let mut buf = vec![0u8; jws.payload_len()];
    assert_eq!(jws.verify_into(&set, &mut buf).unwrap(), payload);

    // The same token with one signature bit flipped does not verify.
    let (input, signature) = compact.rsplit_once('.').unwrap();
    let mut sig = common::b64(signature);
    sig[10] ^= 1;
    let forged = format!("{input}.{}", b64e(&sig));
    let err = Compact::parse(&forged).unwrap().verify(&set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Signature);
}

#[test]
fn rfc7515_a2_rs256_verifies() {
    let v = load("rfc/rfc7515_A2_rs256.json");
    verify_vector(
        str_of(&v, "compact"),
        &v["public_key"],
        SignatureAlgorithm::Rs256,
        &common::b64(str_of(&v, "payload_b64u")),
    );
}

#[test]
fn rfc7520_4_1_rs256_verifies() {
    let v = load("rfc/rfc7520_4_1_rs256.json");
    verify_vector(
        str_of(&v, "compact"),
        &v["public_key"],
        SignatureAlgorithm::Rs256,
        &common::b64(str_of(&v, "payload_b64u")),
    );
}

#[test]
fn rfc7520_6_inner_ps256_verifies() {
    let v = load("rfc/rfc7520_6_nested_rsa-oaep_a128gcm_ps256.json");
    let inner = &v["inner_jws"];
    let mut public = inner["key"].clone();
    for private in ["d", "p", "q", "dp", "dq", "qi"] {
        public.as_object_mut().unwrap().remove(private);
    }
    let compact = str_of(inner, "compact");
    let payload = common::b64(compact.split('.').nth(1).unwrap());
    verify_vector(compact, &public, SignatureAlgorithm::Ps256, &payload);
}

#[test]
fn rfc7519_3_1_hs256_is_refused_by_public_keys_and_the_set_never_turns_into_a_secret() {
    // HS256 parses; public keys never verify it (no secret configured):
    // a `key` error, whatever key the set holds.
    let v = load("rfc/rfc7519_3_1_hs256_jwt.json");
    let jws = Compact::parse(str_of(&v, "compact")).unwrap();
    assert_eq!(jws.algorithm(), SignatureAlgorithm::Hs256);
    let set = PublicKeySet::new()
        .with(PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json")).unwrap())
        .unwrap();
    let err = jws.verify(&set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    assert!(err.to_string().contains("no shared secret"), "{err}");
}

#[test]
fn rfc7638_3_1_thumbprint_is_exact() {
    let v = load("rfc/rfc7638_3_1_jwk_thumbprint_rsa.json");
    let key = PublicKey::from_jwk(&v["jwk"].to_string()).unwrap();
    assert_eq!(b64e(&key.thumbprint()), str_of(&v, "thumbprint_b64u"));
    assert_eq!(common::hex(str_of(&v, "sha256_hex")), key.thumbprint());
}

#[test]
fn rfc7517_a1_public_set_parses() {
    let v = load("rfc/rfc7517_A_example_jwk_sets.json");
    let set = PublicKeySet::from_jwks(&v["public_keys"].to_string()).unwrap();
    // The set's first key is an EC P-256 key for `enc`: loaded with the
    // `ecdsa` feature (a key of a type this build has), skipped without it.
    let key = if cfg!(feature = "ecdsa") {
        assert_eq!(set.len(), 2, "{set:?}");
        let ec = &set.keys()[0];
        assert_eq!(
            (ec.key_type(), ec.kid(), ec.key_use()),
            ("EC", Some("1"), Some("enc"))
        );
        assert_eq!(ec.curve(), Some(jose_core::Curve::P256));
        &set.keys()[1]
    } else {
        assert_eq!(set.len(), 1, "the EC key is skipped, the RSA key kept");
        assert_eq!(
            set.skipped()[0].reason().kind(),
            jose_core::ErrorKind::Unsupported
        );
        &set.keys()[0]
    };
    assert_eq!(key.kid(), Some("2011-04-29"));
    assert_eq!(key.alg(), Some("RS256"));
    assert_eq!(key.bits(), 2048);
    // RFC 7638 §3.1 is the thumbprint of this very key.
    let t = load("rfc/rfc7638_3_1_jwk_thumbprint_rsa.json");
    assert_eq!(b64e(&key.thumbprint()), str_of(&t, "thumbprint_b64u"));
}

#[test]
fn rfc7517_a2_private_rsa_keys_parse() {
    let v = load("rfc/rfc7517_A_example_jwk_sets.json");
    let keys = v["private_keys"]["keys"].as_array().unwrap();
    let mut parsed = 0;
    for jwk in keys.iter().filter(|k| k["kty"] == "RSA") {
        let key = jose_core::keys::PrivateKey::from_jwk(&jwk.to_string()).unwrap();
        assert_eq!(key.public_key().thumbprint(), key.thumbprint());
        parsed += 1;
    }
    assert!(parsed >= 1);
}

#[test]
#[cfg(not(feature = "ecdsa"))]
fn es_tokens_are_unsupported_without_the_ecdsa_feature_and_name_it() {
    let v = load("rfc/rfc7515_A3_es256.json");
    let err = jose_core::jws::Compact::parse(str_of(&v, "compact")).unwrap_err();
    assert_eq!(err.kind(), jose_core::ErrorKind::Unsupported, "{err}");
    assert!(err.to_string().contains("ecdsa"), "{err}");
    let err = jose_core::keys::PublicKey::from_jwk(&v["public_key"].to_string()).unwrap_err();
    assert_eq!(err.kind(), jose_core::ErrorKind::Unsupported, "{err}");
    assert!(err.to_string().contains("ecdsa"), "{err}");
}

#[test]
#[cfg(not(feature = "eddsa"))]
fn eddsa_tokens_are_unsupported_without_the_eddsa_feature_and_name_it() {
    let v = load("rfc/rfc8037_A4_A5_eddsa_ed25519.json");
    let err = jose_core::jws::Compact::parse(str_of(&v, "compact")).unwrap_err();
    assert_eq!(err.kind(), jose_core::ErrorKind::Unsupported, "{err}");
    assert!(err.to_string().contains("eddsa"), "{err}");
    let public = jose_core::keys::PublicKey::from_jwk(&v["public_key"].to_string());
    let private = jose_core::keys::PrivateKey::from_jwk(&v["key"].to_string());
    for err in [public.unwrap_err(), private.unwrap_err()] {
        assert_eq!(err.kind(), jose_core::ErrorKind::Unsupported, "{err}");
        assert!(err.to_string().contains("eddsa"), "{err}");
    }
}
