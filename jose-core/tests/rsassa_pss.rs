//! A key its owner restricted to RSASSA-PSS (`id-RSASSA-PSS`, RFC 4055)
//! keeps that restriction through every import, every use and every
//! export: PS256/384/512 signatures only, never RS256 and never RSA-OAEP,
//! as OpenSSL (vectors/pss/make.sh checks it refuses both) and panva jose
//! hold it. The keys and the PS256 token are OpenSSL's.

mod common;

use jose_core::jwe::{Compact, Encrypter};
use jose_core::jws::Signer;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{KeyUse, PrivateKey, PrivateKeySet, PublicKey, PublicKeySet};
use jose_core::{ContentAlgorithm, ErrorKind, KeyAlgorithm, SignatureAlgorithm};

fn pss(name: &str) -> String {
    std::fs::read_to_string(common::vectors_dir().join("pss").join(name)).unwrap()
}

fn private() -> PrivateKey {
    PrivateKey::from_pem(&pss("rsa-pss.key.pem")).unwrap()
}

fn rules() -> Validation<'static> {
    Validation::new()
        .issuer("https://pss.example/")
        .audience("api")
}

const NOW: u64 = 1_800_000_000;

fn assert_pss_only(err: &jose_core::Error) {
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    assert!(err.to_string().contains("id-RSASSA-PSS"), "{err}");
}

/// The same RSA numbers, imported without the restriction (as rsaEncryption).
fn unrestricted_public(key: &PublicKey) -> PublicKey {
    PublicKey::from_components(&key.modulus().unwrap(), &key.exponent().unwrap()).unwrap()
}

#[test]
fn every_import_of_a_pss_key_carries_the_restriction() {
    let key = private();
    assert!(key.is_rsassa_pss());
    assert!(key.public_key().is_rsassa_pss());
    let spki = PublicKey::from_pem(&pss("rsa-pss.spki.pem")).unwrap();
    assert!(spki.is_rsassa_pss());
    let cert = PublicKey::from_certificate_pem(&pss("rsa-pss.cert.pem")).unwrap();
    assert!(cert.is_rsassa_pss());
    assert_eq!(spki.thumbprint(), key.thumbprint());
    assert_eq!(cert.thumbprint(), key.thumbprint());
    // An unrestricted private key gains the restriction from its certificate.
    let plain = unrestricted_private(&pss("rsa-pss.key.pem"));
    assert!(!plain.is_rsassa_pss());
    let certified = plain
        .with_certificate_pem(&pss("rsa-pss.cert.pem"))
        .unwrap();
    assert!(certified.is_rsassa_pss());
    assert_pss_only(&Signer::new(&certified, SignatureAlgorithm::Rs256).unwrap_err());
    // Debug says so.
    assert!(format!("{key:?}").contains("rsassa_pss: true"));
}

#[test]
fn a_pss_key_signs_and_verifies_pss_only() {
    let key = private();
    let claims = br#"{"iss":"https://pss.example/","aud":"api","sub":"pss","exp":4102444800}"#;
    let issuer = PublicKeySet::new()
        .with(PublicKey::from_pem(&pss("rsa-pss.spki.pem")).unwrap())
        .unwrap();
    for alg in [
        SignatureAlgorithm::Ps256,
        SignatureAlgorithm::Ps384,
        SignatureAlgorithm::Ps512,
    ] {
        let signer = Signer::new(&key, alg).unwrap();
        let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
        let token = signer
            .sign(claims, &mut jose_core::os_rng(), &mut out)
            .unwrap()
            .to_owned();
        let mut buf = vec![0u8; token.len()];
        jwt::verify(
            &token,
            &jwt::Trust::signed(&issuer, &rules(), NOW),
            &mut buf,
        )
        .unwrap();
    }
    for alg in [
        SignatureAlgorithm::Rs256,
        SignatureAlgorithm::Rs384,
        SignatureAlgorithm::Rs512,
    ] {
        assert_pss_only(&Signer::new(&key, alg).unwrap_err());
    }
    // OpenSSL's PS256 token verifies with the SPKI and with the certificate.
    let token = pss("ps256.jws");
    let token = token.trim();
    for key in [
        PublicKey::from_pem(&pss("rsa-pss.spki.pem")).unwrap(),
        PublicKey::from_certificate_pem(&pss("rsa-pss.cert.pem")).unwrap(),
    ] {
        let set = PublicKeySet::new().with(key).unwrap();
        let mut buf = vec![0u8; token.len()];
        let jwt = jwt::verify(token, &jwt::Trust::signed(&set, &rules(), NOW), &mut buf).unwrap();
        assert_eq!(jwt.claims().subject().unwrap(), "pss");
    }
}

#[test]
fn an_rs256_signature_by_the_same_numbers_is_refused_by_a_pss_public_key() {
    // A PKCS#1 v1.5 signature over the PSS key's modulus (made with the
    // same private numbers through an unrestricted PKCS#1 import).
    let restricted = private();
    let unrestricted = unrestricted_private(&pss("rsa-pss.key.pem"));
    assert!(!unrestricted.is_rsassa_pss());
    let claims = br#"{"iss":"https://pss.example/","aud":"api","sub":"rs","exp":4102444800}"#;
    let signer = Signer::new(&unrestricted, SignatureAlgorithm::Rs256)
        .unwrap()
        .kid("pss-1");
    let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
    let token = signer
        .sign(claims, &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned();
    let mut buf = vec![0u8; token.len()];
    // The unrestricted public key verifies it (the signature is good) ...
    let plain = PublicKeySet::new()
        .with(unrestricted_public(&restricted.public_key()).with_kid("pss-1"))
        .unwrap();
    jwt::verify(&token, &jwt::Trust::signed(&plain, &rules(), NOW), &mut buf).unwrap();
    // ... the restricted ones refuse it for the key's restriction.
    for key in [
        PublicKey::from_pem(&pss("rsa-pss.spki.pem")).unwrap(),
        PublicKey::from_certificate_pem(&pss("rsa-pss.cert.pem")).unwrap(),
    ] {
        let named = PublicKeySet::new()
            .with(key.clone().with_kid("pss-1"))
            .unwrap();
        assert_pss_only(
            &jwt::verify(&token, &jwt::Trust::signed(&named, &rules(), NOW), &mut buf).unwrap_err(),
        );
        // Unnamed, the one key of the set is not usable for RS256: a key error.
        let unnamed = PublicKeySet::new().with(key).unwrap();
        let mut other = vec![0u8; token.len()];
        let err = jwt::verify(
            &token,
            &jwt::Trust::signed(&unnamed, &rules(), NOW),
            &mut other,
        );
        assert_eq!(err.unwrap_err().kind(), ErrorKind::Key);
    }
}

/// The PKCS#8 of `pem` rewritten with the rsaEncryption identifier: the same
/// numbers, no restriction.
fn unrestricted_private(pem: &str) -> PrivateKey {
    use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
    let (_, der) = rsa::pkcs8::der::pem::decode_vec(pem.as_bytes()).unwrap();
    // The rsa crate reads id-RSASSA-PSS and writes rsaEncryption.
    let key = rsa::PrivateKey::from_pkcs8_der(&der).unwrap();
    PrivateKey::from_pkcs8_der(key.to_pkcs8_der().unwrap().as_bytes()).unwrap()
}

#[test]
fn a_pss_key_never_decrypts_and_never_is_encrypted_to() {
    let restricted = private();
    // Encrypting to it: refused.
    let public = PublicKey::from_pem(&pss("rsa-pss.spki.pem")).unwrap();
    for alg in KeyAlgorithm::RSA_OAEP {
        let err = Encrypter::new(&public, alg, ContentAlgorithm::A256Gcm).unwrap_err();
        assert_pss_only(&err);
    }
    // A token encrypted to the same numbers (unrestricted) is not opened.
    let plain = unrestricted_public(&restricted.public_key());
    let encrypter =
        Encrypter::new(&plain, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm).unwrap();
    let mut out = vec![0u8; encrypter.output_len(5).unwrap()];
    let token = encrypter
        .encrypt(b"hello", &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned();
    let jwe = Compact::parse(&token).unwrap();
    let mut buf = vec![0u8; jwe.buffer_len()];
    assert_pss_only(
        &jwe.decrypt(&restricted, &mut jose_core::os_rng(), &mut buf)
            .unwrap_err(),
    );
    // Through a key set as well (the selection refuses it).
    let set = PrivateKeySet::new().with(restricted).unwrap();
    let issuer = PublicKeySet::new().with(plain).unwrap();
    let rules = Validation::new().accept_any_issuer().accept_any_audience();
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let err = jwt::decrypt_and_verify(
        &token,
        &jwt::Trust::nested(&set, &issuer, &rules, NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    // Nor can it be told otherwise: an encryption use contradicts it.
    assert_eq!(
        private().with_use(KeyUse::Encryption).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    assert!(private().with_use(KeyUse::Signature).is_ok());
}

#[test]
fn a_pss_key_with_parameters_is_refused_by_name() {
    let err = PrivateKey::from_pem(&pss("rsa-pss-sha256.key.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(
        err.to_string()
            .contains("id-RSASSA-PSS key with parameters"),
        "{err}"
    );
}

#[test]
fn exports_keep_the_restriction_or_refuse() {
    let key = private();
    // SPKI and PKCS#8 keep id-RSASSA-PSS: byte for byte what OpenSSL wrote.
    let spki_pem = key.public_key().spki_pem().unwrap();
    assert_eq!(spki_pem, pss("rsa-pss.spki.pem"));
    assert!(PublicKey::from_pem(&spki_pem).unwrap().is_rsassa_pss());
    let pkcs8 = key.pkcs8_pem().unwrap();
    let again = PrivateKey::from_pem(&pkcs8).unwrap();
    assert!(again.is_rsassa_pss());
    assert_eq!(again.thumbprint(), key.thumbprint());
    // A JWK cannot say "PSS only" without an alg: refused, not weakened.
    for err in [
        key.private_jwk().unwrap_err(),
        key.public_key().jwk().unwrap_err(),
        PublicKeySet::new()
            .with(key.public_key())
            .unwrap()
            .jwks()
            .unwrap_err(),
        PrivateKeySet::new()
            .with(private())
            .unwrap()
            .public_jwks()
            .unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
        assert!(err.to_string().contains("id-RSASSA-PSS"), "{err}");
    }
    // With a PS alg stated, the JWK carries the restriction as its alg.
    let jwk = key
        .public_key()
        .with_alg(SignatureAlgorithm::Ps256)
        .jwk()
        .unwrap();
    assert!(jwk.contains(r#""alg":"PS256""#), "{jwk}");
    let back = PublicKey::from_jwk(&jwk).unwrap();
    assert_eq!(back.alg(), Some("PS256"));
}
