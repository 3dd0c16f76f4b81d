//! Key import in every supported encoding gives the same key; key sets choose
//! keys by kid and x5t#S256 and refuse what they must.

mod common;

use common::{b64e, load};
use jose_core::ErrorKind;
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKey, PublicKeySet};

fn file(name: &str) -> String {
    std::fs::read_to_string(common::vectors_dir().join("interop").join(name)).unwrap()
}

#[test]
fn every_public_encoding_of_the_issuer_key_is_the_same_key() {
    let set = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    let from_jwks = set
        .keys()
        .iter()
        .find(|k| k.kid() == Some("issuer-2024"))
        .unwrap();
    let from_cert = PublicKey::from_certificate_pem(&file("issuer.cert.pem")).unwrap();
    let from_spki = PublicKey::from_pem(&file("issuer.spki.pem")).unwrap();
    let from_pkcs1 = PublicKey::from_pem(&file("issuer.pkcs1.pub.pem")).unwrap();
    for other in [&from_cert, &from_spki, &from_pkcs1] {
        assert_eq!(other.thumbprint(), from_jwks.thumbprint());
    }
    // The JWKS's x5c certificate is the PEM certificate: same x5t#S256.
    assert_eq!(from_cert.x5t_s256(), from_jwks.x5t_s256());
    assert!(from_spki.x5t_s256().is_none());
    assert_eq!(from_jwks.key_use(), Some("sig"));
    assert_eq!(from_jwks.alg(), Some("RS256"));
}

#[test]
fn every_private_encoding_of_the_recipient_key_is_the_same_key() {
    let pkcs8 = PrivateKey::from_pem(&file("recipient.key.pem")).unwrap();
    let pkcs1 = PrivateKey::from_pem(&file("recipient.key.pkcs1.pem")).unwrap();
    let jwk = PrivateKey::from_jwk(&file("recipient.private.jwk.json")).unwrap();
    assert_eq!(pkcs8.thumbprint(), pkcs1.thumbprint());
    assert_eq!(pkcs8.thumbprint(), jwk.thumbprint());
    let with_cert = pkcs8
        .with_certificate_pem(&file("recipient.cert.pem"))
        .unwrap();
    assert_eq!(
        b64e(with_cert.x5t_s256().unwrap()),
        file("recipient.x5t-s256.txt").trim()
    );
}

#[test]
fn a_certificate_for_another_key_is_refused() {
    let key = PrivateKey::from_pem(&file("recipient.key.pem")).unwrap();
    let err = key
        .with_certificate_pem(&file("issuer.cert.pem"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

/// One key of a tenant's set is bad: it is skipped with its reason, the
/// others still load.
fn one_key_skipped(jwks: &serde_json::Value, index: usize) -> jose_core::Error {
    let set = PublicKeySet::from_jwks(&jwks.to_string()).unwrap();
    let rsa_keys = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["kty"] == "RSA")
        .count();
    assert_eq!(set.len(), rsa_keys - 1, "{set:?}");
    let skipped = set
        .skipped()
        .iter()
        .find(|s| s.index() == index)
        .unwrap_or_else(|| panic!("key #{index} not reported: {set:?}"));
    assert_eq!(skipped.kid(), jwks["keys"][index]["kid"].as_str());
    assert!(set.keys().iter().all(|k| k.kid() != skipped.kid()));
    *skipped.reason()
}

#[test]
fn jwks_with_x5c_for_another_key_skips_that_key() {
    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    let other_cert = jwks["keys"][1]["x5c"].clone();
    jwks["keys"][0]["x5c"] = other_cert;
    let err = one_key_skipped(&jwks, 0);
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.to_string().contains("x5c"), "{err}");
}

#[test]
fn jwks_with_a_wrong_x5t_skips_that_key() {
    for member in ["x5t", "x5t#S256"] {
        let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
        let other = jwks["keys"][1][member].clone();
        jwks["keys"][0][member] = other;
        let err = one_key_skipped(&jwks, 0);
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{member}");
        assert!(err.to_string().contains(member), "{err}");
    }
}

#[test]
fn jwks_with_an_rsa_1024_key_skips_that_key() {
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let small = rsa::RsaPrivateKey::new(&mut rng, 1024).unwrap();
    use rsa::traits::PublicKeyParts;
    let jwk = serde_json::json!({
        "kty": "RSA", "kid": "small",
        "n": b64e(&small.n().as_ref().to_be_bytes()),
        "e": b64e(&small.e().to_be_bytes()),
    });
    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    jwks["keys"].as_array_mut().unwrap().push(jwk);
    let err = one_key_skipped(&jwks, 3);
    assert_eq!(err.kind(), ErrorKind::Policy);
    assert!(err.to_string().contains("1024"), "{err}");
}

#[test]
fn jwks_with_an_ec_key_skips_it() {
    let set = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    assert_eq!(set.len(), 2, "two RSA keys kept, the EC key skipped");
    assert_eq!(set.skipped().len(), 1);
    assert_eq!(set.skipped()[0].reason().kind(), ErrorKind::Unsupported);
}

#[test]
fn jwks_with_duplicate_kids_skips_every_key_with_that_kid() {
    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    let mut third = jwks["keys"][0].clone();
    third["kid"] = "issuer-2026".into();
    jwks["keys"][1]["kid"] = "issuer-2024".into();
    jwks["keys"].as_array_mut().unwrap().push(third);
    let set = PublicKeySet::from_jwks(&jwks.to_string()).unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(set.keys()[0].kid(), Some("issuer-2026"));
    let shared: Vec<_> = set
        .skipped()
        .iter()
        .filter(|s| s.kid() == Some("issuer-2024"))
        .collect();
    assert_eq!(shared.len(), 2, "{set:?}");
    assert!(
        shared
            .iter()
            .all(|s| s.reason().kind() == ErrorKind::InvalidKey)
    );
    // A token naming the shared kid finds no key.
    assert!(set.keys().iter().all(|k| k.kid() != Some("issuer-2024")));
}

#[test]
fn a_jwks_with_no_usable_key_is_an_error() {
    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    jwks["keys"][1]["kid"] = "issuer-2024".into(); // both RSA keys now share a kid
    let err = PublicKeySet::from_jwks(&jwks.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.to_string().contains("no RSA key"), "{err}");
    for empty in [r#"{"keys":[]}"#, r#"{"keys":[1,"x",null]}"#] {
        assert_eq!(
            PublicKeySet::from_jwks(empty).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }
}

#[test]
fn public_import_refuses_a_private_jwk() {
    let err = PublicKey::from_jwk(&file("recipient.private.jwk.json")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn private_set_from_jwks() {
    let set = PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap();
    assert_eq!(set.len(), 3);
}

#[test]
fn malformed_key_inputs_are_invalid_key_not_panics() {
    for pem in [
        "",
        "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
        "garbage",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ] {
        assert!(PrivateKey::from_pem(pem).is_err());
        assert!(PublicKey::from_pem(pem).is_err());
    }
    for der in [
        &b""[..],
        b"\x30",
        b"\x30\x80",
        b"\x30\x84\xff\xff\xff\xff",
        b"\x30\x03\x02\x01",
    ] {
        assert_eq!(
            PublicKey::from_certificate_der(der).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            PublicKey::from_spki_der(der).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            PrivateKey::from_pkcs8_der(der).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }
    let v = load("rfc/rfc7517_A_example_jwk_sets.json");
    assert_eq!(
        PublicKeySet::from_jwks(&v["symmetric_keys"].to_string())
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn keys_and_sets_can_be_shared_between_threads_on_every_backend() {
    // The pure-Rust backend keeps its blinding pair behind a mutex and the
    // aws-lc-rs backend shares its keys through Arc: both must stay
    // Send + Sync, and a key used from many threads must keep decrypting.
    fn shared<T: Send + Sync>() {}
    shared::<jose_core::keys::PrivateKey>();
    shared::<jose_core::keys::PublicKey>();
    shared::<jose_core::keys::PrivateKeySet>();
    shared::<jose_core::keys::PublicKeySet>();

    let key = jose_core::keys::PrivateKey::from_jwk(include_str!("../vectors/rfc7516_A1.key.json"))
        .unwrap();
    let token = include_str!("../vectors/rfc7516_A1.jwe").trim();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..40 {
                    let jwe = jose_core::jwe::Compact::parse(token).unwrap();
                    let plaintext = jwe.decrypt_to_vec(&key).unwrap();
                    assert!(plaintext.starts_with(b"The true sign"));
                }
            });
        }
    });
}
