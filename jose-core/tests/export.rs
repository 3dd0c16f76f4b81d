//! Key export: every format byte for byte against an independent encoder
//! (the `rsa` crate's SPKI and PKCS#8, the JWK members of the vector files),
//! round trips through every importer with the same thumbprint, key sets
//! that never publish a private member, and exact `buffer` errors.

mod common;

use common::interop::{file, jwk_file};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKey, PublicKeySet};
use jose_core::{ErrorKind, KeyAlgorithm};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use serde_json::Value;

/// The private keys of every size the vectors hold: 2048 (api), 3072, 4096.
fn private_jwks() -> Vec<Value> {
    let mut keys = Vec::new();
    for name in ["api.private.jwks.json", "issuer.private.jwks.json"] {
        keys.extend(jwk_file(name)["keys"].as_array().unwrap().iter().cloned());
    }
    keys
}

fn private_of(jwk: &Value) -> PrivateKey {
    PrivateKey::from_jwk(&jwk.to_string()).unwrap()
}

#[test]
fn the_vectors_hold_every_key_size() {
    let bits: Vec<usize> = private_jwks()
        .iter()
        .map(|j| private_of(j).bits())
        .collect();
    for size in [2048, 3072, 4096] {
        assert!(bits.contains(&size), "{bits:?}");
    }
}

#[test]
fn spki_and_pkcs8_are_byte_for_byte_the_rsa_crates() {
    for jwk in private_jwks() {
        let key = private_of(&jwk);
        let reference = common::forge::rsa_private(&jwk);
        let mut out = vec![0u8; 4096];
        let der = key.public_key().to_spki_der(&mut out).unwrap().to_vec();
        assert_eq!(
            der,
            reference
                .to_public_key()
                .to_public_key_der()
                .unwrap()
                .as_bytes(),
            "{}",
            key.bits()
        );
        let pkcs8 = key.to_pkcs8_der(&mut out).unwrap();
        assert_eq!(
            pkcs8,
            reference.to_pkcs8_der().unwrap().as_bytes(),
            "{}",
            key.bits()
        );
        let pem = key.public_key().spki_pem().unwrap();
        let expected = reference
            .to_public_key()
            .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
            .unwrap();
        assert_eq!(pem, expected);
        let private_pem = key.pkcs8_pem().unwrap();
        assert_eq!(
            *private_pem,
            *reference.to_pkcs8_pem(rsa::pkcs8::LineEnding::LF).unwrap()
        );
    }
}

#[test]
fn a_private_jwk_has_the_vector_files_members() {
    for jwk in private_jwks() {
        let key = private_of(&jwk);
        let exported: Value = serde_json::from_str(&key.private_jwk().unwrap()).unwrap();
        for member in [
            "kty", "n", "e", "d", "p", "q", "dp", "dq", "qi", "kid", "use",
        ] {
            assert_eq!(exported[member], jwk[member], "{member} of {}", jwk["kid"]);
        }
    }
}

#[test]
fn every_export_imports_back_with_the_same_thumbprint_and_metadata() {
    for jwk in private_jwks() {
        let key = private_of(&jwk).with_alg(KeyAlgorithm::RsaOaep256);
        let public = key.public_key();
        let thumbprint = key.thumbprint();
        let back = [
            PublicKey::from_pem(&public.spki_pem().unwrap()).unwrap(),
            PublicKey::from_jwk(&public.jwk().unwrap()).unwrap(),
            PrivateKey::from_pem(&key.pkcs8_pem().unwrap())
                .unwrap()
                .public_key(),
            PrivateKey::from_jwk(&key.private_jwk().unwrap())
                .unwrap()
                .public_key(),
        ];
        for (i, b) in back.iter().enumerate() {
            assert_eq!(b.thumbprint(), thumbprint, "format {i}");
        }
        let from_jwk = PrivateKey::from_jwk(&key.private_jwk().unwrap()).unwrap();
        assert_eq!(
            (from_jwk.kid(), from_jwk.alg(), from_jwk.key_use()),
            (key.kid(), Some("RSA-OAEP-256"), key.key_use())
        );
    }
}

#[test]
fn key_ops_and_certificates_are_exported() {
    let mut jwk = jwk_file("api.private.jwks.json")["keys"][0].clone();
    jwk.as_object_mut().unwrap().remove("use");
    jwk["key_ops"] = serde_json::json!(["unwrapKey", "decrypt"]);
    let key = private_of(&jwk);
    let exported: Value = serde_json::from_str(&key.public_key().jwk().unwrap()).unwrap();
    assert_eq!(
        exported["key_ops"],
        serde_json::json!(["decrypt", "unwrapKey"])
    );

    let cert = file("recipient.cert.pem");
    let certified = PrivateKey::from_pem(&file("recipient.key.pem"))
        .unwrap()
        .with_certificate_pem(&cert)
        .unwrap();
    let exported: Value = serde_json::from_str(&certified.public_key().jwk().unwrap()).unwrap();
    let body: String = cert.lines().filter(|l| !l.starts_with("-----")).collect();
    assert_eq!(exported["x5c"], serde_json::json!([body]));
    assert_eq!(
        exported["x5t#S256"].as_str().unwrap(),
        file("recipient.x5t-s256.txt").trim()
    );
    let back = PublicKey::from_jwk(&exported.to_string()).unwrap();
    assert_eq!(
        back.x5t_s256(),
        certified.x5t_s256(),
        "x5c and x5t#S256 agree on import"
    );
}

#[test]
fn a_published_key_set_has_no_private_member() {
    let mine = PrivateKeySet::from_jwks(&file("issuer.private.jwks.json")).unwrap();
    let published: Value = serde_json::from_str(&mine.public_jwks().unwrap()).unwrap();
    let keys = published["keys"].as_array().unwrap();
    assert_eq!(keys.len(), mine.len());
    for key in keys {
        for member in key.as_object().unwrap().keys() {
            assert!(
                [
                    "kty", "n", "e", "kid", "use", "alg", "key_ops", "x5c", "x5t#S256"
                ]
                .contains(&member.as_str()),
                "{member}"
            );
        }
    }
    let again = PublicKeySet::from_jwks(&mine.public_jwks().unwrap()).unwrap();
    let issuer = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    for (a, b) in again.keys().iter().zip(issuer.keys()) {
        assert_eq!((a.thumbprint(), a.kid()), (b.thumbprint(), b.kid()));
    }
    let set_text = issuer.jwks().unwrap();
    assert_eq!(
        PublicKeySet::from_jwks(&set_text).unwrap().len(),
        issuer.len()
    );
}

#[test]
fn a_short_buffer_names_the_size_needed() {
    let key = private_of(&private_jwks()[0]);
    let public = key.public_key();
    let full = public.spki_pem().unwrap();
    let mut out = vec![0u8; full.len() - 1];
    let err = public.to_spki_pem(&mut out).unwrap_err();
    assert_eq!(
        (err.kind(), err.needed_len()),
        (ErrorKind::Buffer, Some(full.len()))
    );
    let jwk = public.jwk().unwrap();
    let mut out = vec![0u8; 10];
    let err = public.to_jwk(&mut out).unwrap_err();
    assert_eq!(
        (err.kind(), err.needed_len()),
        (ErrorKind::Buffer, Some(jwk.len()))
    );
    let der_len = public.to_spki_der(&mut [0u8; 600]).unwrap().len();
    let err = public.to_spki_der(&mut [0u8; 16]).unwrap_err();
    assert_eq!(err.needed_len(), Some(der_len));
    let private = key.private_jwk().unwrap();
    let mut out = vec![0u8; private.len() / 2];
    let err = key.to_private_jwk(&mut out).unwrap_err();
    assert_eq!(err.needed_len(), Some(private.len()));
    assert!(
        !err.to_string().contains(&private[40..60]),
        "no key material in the message"
    );
}

/// A secret exports as an `oct` JWK whose every member reads back: the
/// bytes, `kid`, `use`, `alg` and `key_ops`; a buffer too small is a
/// `buffer` error naming the size.
#[test]
fn a_secret_exports_as_an_oct_jwk_and_reads_back() {
    use jose_core::keys::SecretKey;
    let jwk = r#"{"kty":"oct","kid":"s-1","use":"sig","alg":"HS384","key_ops":["sign","verify"],"k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v"}"#;
    let key = SecretKey::from_jwk(jwk).unwrap();
    let exported = key.jwk().unwrap();
    let again = SecretKey::from_jwk(&exported).unwrap();
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(jwk).unwrap(),
        serde_json::from_str(&exported).unwrap(),
    );
    assert_eq!(a, b, "every member, the same");
    assert_eq!(
        (again.kid(), again.alg(), again.len()),
        (Some("s-1"), Some("HS384"), 48)
    );
    let mut small = [0u8; 16];
    let err = key.to_jwk(&mut small).unwrap_err();
    assert_eq!(err.kind(), jose_core::ErrorKind::Buffer);
    assert_eq!(err.needed_len(), Some(exported.len()));
}
