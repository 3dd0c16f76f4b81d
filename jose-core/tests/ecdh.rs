//! ECDH-ES and ECDH-ES+A128KW/A192KW/A256KW on P-256, P-384 and P-521
//! (feature `ecdsa`): every alg × enc × curve produced and opened, through
//! a key and through a JWK Set, and a hostile test for each class: an
//! ephemeral key off its curve, on another curve than the recipient's,
//! with coordinates of the wrong length or beyond the field, private, of
//! another type or missing; `apu`/`apv` too long or not strings; encrypted
//! keys of the wrong length; a wrong recipient key (the one `decrypt`
//! error); keys of another type or stated use. (RFC 7520 5.4 and 5.5 are in
//! tests/rfc.rs, RFC 7518 C in the `agreement` unit test.)
#![cfg(feature = "ecdsa")]

mod common;

use common::{b64, b64e};
use jose_core::jwe::{Compact, Encrypter};
use jose_core::keys::{KeyUse, PrivateKey, PrivateKeySet, SecretKey};
use jose_core::{ContentAlgorithm, Curve, Error, ErrorKind, KeyAlgorithm, Part};

const ECDH: [KeyAlgorithm; 4] = [
    KeyAlgorithm::EcdhEs,
    KeyAlgorithm::EcdhEsA128Kw,
    KeyAlgorithm::EcdhEsA192Kw,
    KeyAlgorithm::EcdhEsA256Kw,
];

fn generate(curve: Curve) -> PrivateKey {
    PrivateKey::generate_ec(curve, &mut jose_core::os_rng()).unwrap()
}

fn seal(to: &PrivateKey, alg: KeyAlgorithm, enc: ContentAlgorithm, plaintext: &[u8]) -> String {
    let public = to.public_key();
    let encrypter = Encrypter::new(&public, alg, enc).unwrap();
    let want = encrypter.output_len(plaintext.len()).unwrap();
    let mut out = vec![0u8; want];
    let token = encrypter
        .encrypt(plaintext, &mut jose_core::os_rng(), &mut out)
        .unwrap();
    assert_eq!(token.len(), want, "output_len is exact");
    token.to_owned()
}

fn open(token: &str, key: &PrivateKey) -> Result<Vec<u8>, Error> {
    let jwe = Compact::parse(token)?;
    let mut buf = vec![0xAAu8; jwe.buffer_len()];
    match jwe.decrypt(key, &mut jose_core::os_rng(), &mut buf) {
        Ok(plaintext) => Ok(plaintext.to_vec()),
        Err(err) => {
            if err.kind() == ErrorKind::Decrypt {
                assert!(buf.iter().all(|b| *b == 0), "no plaintext left: {err}");
            }
            Err(err)
        }
    }
}

fn header_of(token: &str) -> serde_json::Value {
    serde_json::from_slice(&b64(token.split('.').next().unwrap())).unwrap()
}

fn with_header(token: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut header = header_of(token);
    edit(&mut header);
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[0] = b64e(header.to_string().as_bytes());
    parts.join(".")
}

#[test]
fn every_ecdh_algorithm_round_trips_on_every_curve_and_enc() {
    let mut count = 0;
    for curve in Curve::ALL {
        let key = generate(curve).with_kid(&format!("ecdh-{}", curve.name()));
        let set =
            PrivateKeySet::from_jwks(&format!(r#"{{"keys":[{}]}}"#, *key.private_jwk().unwrap()))
                .unwrap();
        for alg in ECDH {
            for enc in ContentAlgorithm::ALL {
                let token = seal(&key, alg, enc, b"agreed");
                let header = header_of(&token);
                assert_eq!(header["epk"]["crv"], curve.name());
                assert!(header["epk"].get("d").is_none(), "only the public half");
                let jwe = Compact::parse(&token).unwrap();
                assert_eq!(jwe.encrypted_key_len(), alg.encrypted_key_len(enc).unwrap());
                assert_eq!(
                    open(&token, &key).unwrap(),
                    b"agreed",
                    "{curve:?} {alg} {enc}"
                );
                // Through a set: chosen by kid.
                let chosen =
                    jose_core::keys::DecryptionKeys::decryption_key(&set, &jwe.key_request())
                        .unwrap();
                assert_eq!(open(&token, chosen).unwrap(), b"agreed");
                count += 1;
            }
        }
    }
    assert_eq!(count, 3 * 4 * 6);
}

#[test]
fn every_token_has_a_fresh_ephemeral_key() {
    let key = generate(Curve::P256);
    let a = header_of(&seal(
        &key,
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A128Gcm,
        b"x",
    ));
    let b = header_of(&seal(
        &key,
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A128Gcm,
        b"x",
    ));
    assert_ne!(a["epk"]["x"], b["epk"]["x"]);
}

/// Ephemeral keys no honest producer sends: refused at parse
/// (`malformed`, the header named), before any key is asked for.
#[test]
fn hostile_ephemeral_keys_are_refused_before_any_key() {
    let key = generate(Curve::P256);
    let token = seal(
        &key,
        KeyAlgorithm::EcdhEsA128Kw,
        ContentAlgorithm::A128Gcm,
        b"x",
    );
    let epk = header_of(&token)["epk"].clone();
    let (x, y) = (
        b64(epk["x"].as_str().unwrap()),
        b64(epk["y"].as_str().unwrap()),
    );
    let mut off_curve = y.clone();
    off_curve[31] ^= 1;
    // The field prime of P-256: a coordinate that is not below it.
    let p = common::hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    let cases: Vec<(&str, serde_json::Value)> = vec![
        (
            "off the curve",
            serde_json::json!({"kty":"EC","crv":"P-256","x":b64e(&x),"y":b64e(&off_curve)}),
        ),
        (
            "(0, 0)",
            serde_json::json!({"kty":"EC","crv":"P-256","x":b64e(&[0; 32]),"y":b64e(&[0; 32])}),
        ),
        (
            "x = p",
            serde_json::json!({"kty":"EC","crv":"P-256","x":b64e(&p),"y":b64e(&y)}),
        ),
        (
            "31-byte x",
            serde_json::json!({"kty":"EC","crv":"P-256","x":b64e(&x[1..]),"y":b64e(&y)}),
        ),
        (
            "33-byte y",
            serde_json::json!({"kty":"EC","crv":"P-256","x":b64e(&x),"y":b64e(&[&[0u8][..], &y].concat())}),
        ),
        (
            "private",
            serde_json::json!({"kty":"EC","crv":"P-256","x":b64e(&x),"y":b64e(&y),"d":b64e(&[1; 32])}),
        ),
        (
            "OKP Ed25519",
            serde_json::json!({"kty":"OKP","crv":"Ed25519","x":b64e(&[9; 32])}),
        ),
        (
            "secp256k1",
            serde_json::json!({"kty":"EC","crv":"secp256k1","x":b64e(&x),"y":b64e(&y)}),
        ),
        (
            "no kty",
            serde_json::json!({"crv":"P-256","x":b64e(&x),"y":b64e(&y)}),
        ),
        ("a string", serde_json::json!("epk")),
    ];
    for (what, epk) in cases {
        let changed = with_header(&token, |h| h["epk"] = epk);
        let err = Compact::parse(&changed).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{what}: {err}");
        assert_eq!(err.part(), Some(Part::Header), "{what}");
        assert!(err.to_string().contains("epk"), "{what}: {err}");
    }
    // An X25519 ephemeral key for a P-256 recipient: malformed in a build
    // without X25519; with it, a `key` error once the key is known.
    let okp = with_header(&token, |h| {
        h["epk"] = serde_json::json!({"kty":"OKP","crv":"X25519","x":b64e(&[9; 32])})
    });
    if cfg!(feature = "x25519") {
        assert_eq!(open(&okp, &key).unwrap_err().kind(), ErrorKind::Key);
    } else {
        assert_eq!(
            Compact::parse(&okp).unwrap_err().kind(),
            ErrorKind::Malformed
        );
    }
    let missing = with_header(&token, |h| drop(h.as_object_mut().unwrap().remove("epk")));
    let err = Compact::parse(&missing).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed, "{err}");
}

/// An ephemeral key on another curve than the recipient's (a valid point
/// of P-384 sent to a P-256 key): a `key` error, no arithmetic.
#[test]
fn an_ephemeral_key_on_another_curve_is_refused() {
    let p256 = generate(Curve::P256);
    let p384 = generate(Curve::P384);
    let token = seal(&p384, KeyAlgorithm::EcdhEs, ContentAlgorithm::A256Gcm, b"x");
    let err = open(&token, &p256).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    assert!(err.to_string().contains("epk"), "{err}");
}

#[test]
fn party_info_is_bounded_and_typed() {
    let key = generate(Curve::P256);
    let token = seal(&key, KeyAlgorithm::EcdhEs, ContentAlgorithm::A128Gcm, b"x");
    let max = jose_core::jwe::MAX_PARTY_INFO_LEN;
    for name in ["apu", "apv"] {
        let long = with_header(&token, |h| h[name] = b64e(&vec![1u8; max + 1]).into());
        let err = Compact::parse(&long).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge, "{name}: {err}");
        let number = with_header(&token, |h| h[name] = 5.into());
        assert_eq!(
            Compact::parse(&number).unwrap_err().kind(),
            ErrorKind::Malformed
        );
        // At the bound it parses, and (the header being authenticated) the
        // changed token is the one decrypt error.
        let at_bound = with_header(&token, |h| h[name] = b64e(&vec![1u8; max]).into());
        assert!(Compact::parse(&at_bound).is_ok());
        assert_eq!(
            open(&at_bound, &key).unwrap_err().kind(),
            ErrorKind::Decrypt
        );
    }
}

#[test]
fn encrypted_keys_of_the_wrong_length_are_malformed() {
    let key = generate(Curve::P256);
    for (alg, wrong) in [
        (KeyAlgorithm::EcdhEs, 16),
        (KeyAlgorithm::EcdhEs, 1),
        (KeyAlgorithm::EcdhEsA128Kw, 0),
        (KeyAlgorithm::EcdhEsA256Kw, 32),
    ] {
        let token = seal(&key, alg, ContentAlgorithm::A128Gcm, b"x");
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        parts[1] = b64e(&vec![0u8; wrong]);
        let err = Compact::parse(&parts.join(".")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{alg} {wrong}: {err}");
        assert_eq!(err.part(), Some(Part::EncryptedKey));
    }
}

/// Another key of the same curve, a changed wrapped key, another valid
/// ephemeral key: the one `decrypt` error, with RSA-OAEP's text.
#[test]
fn every_agreement_failure_is_the_one_decrypt_error() {
    let rsa_text = {
        // Another 2048-bit key than RFC 7516 A.1's.
        let other =
            PrivateKey::from_pem(include_str!("../../vectors/interop/recipient.key.pem")).unwrap();
        let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
        let jwe = Compact::parse(token).unwrap();
        let mut buf = vec![0u8; jwe.buffer_len()];
        match jwe.decrypt(&other, &mut jose_core::os_rng(), &mut buf) {
            Err(err) => err.to_string(),
            Ok(_) => panic!("opened with the wrong key"),
        }
    };
    for curve in Curve::ALL {
        let key = generate(curve);
        for alg in ECDH {
            let token = seal(&key, alg, ContentAlgorithm::A256Gcm, b"secret");
            let mut failures = vec![open(&token, &generate(curve)).unwrap_err()];
            let fresh = header_of(&seal(&key, alg, ContentAlgorithm::A256Gcm, b"y"))["epk"].clone();
            failures.push(open(&with_header(&token, |h| h["epk"] = fresh), &key).unwrap_err());
            if alg != KeyAlgorithm::EcdhEs {
                let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
                let mut ek = b64(&parts[1]);
                ek[3] ^= 0x40;
                parts[1] = b64e(&ek);
                failures.push(open(&parts.join("."), &key).unwrap_err());
            }
            for err in failures {
                assert_eq!(err.kind(), ErrorKind::Decrypt, "{curve:?} {alg}: {err}");
                assert_eq!(err.to_string(), rsa_text, "{curve:?} {alg}");
            }
        }
    }
}

#[test]
fn keys_of_another_type_or_use_never_agree() {
    let key = generate(Curve::P256);
    let token = seal(
        &key,
        KeyAlgorithm::EcdhEsA256Kw,
        ContentAlgorithm::A128Gcm,
        b"x",
    );
    // An RSA key for an ECDH-ES token; an EC key for an RSA-OAEP token.
    let rsa = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    assert_eq!(open(&token, &rsa).unwrap_err().kind(), ErrorKind::Key);
    let oaep = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    assert_eq!(open(oaep, &key).unwrap_err().kind(), ErrorKind::Key);
    // A shared secret for an ECDH-ES token.
    let jwe = Compact::parse(&token).unwrap();
    let mut buf = vec![0u8; jwe.buffer_len()];
    let secret = SecretKey::from_bytes(&[1u8; 32]).unwrap();
    let err = jwe
        .decrypt(&secret, &mut jose_core::os_rng(), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    // A signing key (use sig) neither agrees nor is encrypted to.
    let signing = key.clone().with_use(KeyUse::Signature).unwrap();
    assert_eq!(open(&token, &signing).unwrap_err().kind(), ErrorKind::Key);
    let err = Encrypter::new(
        &signing.public_key(),
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A128Gcm,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    // An EC key never takes RSA-OAEP, nor an RSA key ECDH-ES.
    let err = Encrypter::new(
        &key.public_key(),
        KeyAlgorithm::RsaOaep256,
        ContentAlgorithm::A128Gcm,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    let err = Encrypter::new(
        &rsa.public_key(),
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A128Gcm,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
}

/// The private keys OpenSSL wrote (SEC1 and PKCS#8) open what their
/// public halves (SPKI, certificate) were sent.
#[test]
fn openssl_keys_agree() {
    for (name, curve) in [
        ("p256", Curve::P256),
        ("p384", Curve::P384),
        ("p521", Curve::P521),
    ] {
        let read = |ext: &str| {
            std::fs::read_to_string(common::vectors_dir().join(format!("ec/{name}.{ext}.pem")))
                .unwrap()
        };
        let private = PrivateKey::from_pem(&read("sec1")).unwrap();
        let from_pkcs8 = PrivateKey::from_pem(&read("pkcs8")).unwrap();
        let public = jose_core::keys::PublicKey::from_certificate_pem(&read("cert")).unwrap();
        let encrypter = Encrypter::new(
            &public,
            KeyAlgorithm::EcdhEsA192Kw,
            ContentAlgorithm::A256CbcHs512,
        )
        .unwrap();
        let mut out = vec![0u8; encrypter.output_len(3).unwrap()];
        let token = encrypter
            .encrypt(b"abc", &mut jose_core::os_rng(), &mut out)
            .unwrap();
        assert_eq!(open(token, &private).unwrap(), b"abc", "{curve:?}");
        assert_eq!(open(token, &from_pkcs8).unwrap(), b"abc", "{curve:?}");
    }
}

/// The same key on each compiled backend opens the same tokens (aws-lc's
/// ECDH and RustCrypto's agree on `Z`), and refuses the same hostile one.
#[test]
fn every_backend_agrees() {
    for curve in Curve::ALL {
        let key = generate(curve);
        let token = seal(
            &key,
            KeyAlgorithm::EcdhEsA256Kw,
            ContentAlgorithm::A256Gcm,
            b"same",
        );
        let wrong = generate(curve);
        for backend in jose_core::Backend::available() {
            let on = key.clone().with_backend(*backend).unwrap();
            assert_eq!(open(&token, &on).unwrap(), b"same", "{curve:?} {backend:?}");
            let other = wrong.clone().with_backend(*backend).unwrap();
            assert_eq!(open(&token, &other).unwrap_err().kind(), ErrorKind::Decrypt);
        }
    }
}

/// Nested tokens panva jose made (vectors/interop/ecdh.json: ECDH-ES+A256KW
/// and ECDH-ES on P-256 around ES256), opened through the one call with its
/// JWK Sets, claims byte for byte, on every backend; the firmware opens the
/// first (EMBEDDED.md).
#[test]
fn panva_ecdh_tokens_open() {
    let v = common::load("interop/ecdh.json");
    let issuer = jose_core::keys::PublicKeySet::from_jwks(&v["issuer"].to_string()).unwrap();
    let rules = jose_core::jwt::Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    for backend in jose_core::Backend::available() {
        let mine = PrivateKeySet::from_jwks(&v["recipients"].to_string())
            .unwrap()
            .with_backend(*backend)
            .unwrap();
        for t in v["tokens"].as_array().unwrap() {
            let token = t["compact"].as_str().unwrap();
            let mut buf = vec![0u8; jose_core::jwt::required_buffer_len(token)];
            let trust = jose_core::jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100);
            let jwt = jose_core::jwt::decrypt_and_verify(
                token,
                &trust,
                &mut jose_core::os_rng(),
                &mut buf,
            )
            .unwrap_or_else(|e| panic!("{}: {e}", t["name"]));
            assert_eq!(Some(jwt.claims().json().raw()), t["claims"].as_str());
        }
    }
}

/// A set of EC keys of every curve (and an X25519 key with that feature),
/// none with a `kid`: an ECDH-ES token is opened by the key of its
/// ephemeral key's curve, chosen by the set, and by no other.
#[test]
fn a_set_without_kids_chooses_the_key_of_the_epks_curve() {
    #[cfg_attr(not(feature = "x25519"), allow(unused_mut))]
    let mut keys: Vec<PrivateKey> = Curve::ALL.into_iter().map(generate).collect();
    #[cfg(feature = "x25519")]
    keys.push(PrivateKey::generate_x25519(&mut jose_core::os_rng()).unwrap());
    let set = keys
        .iter()
        .cloned()
        .try_fold(PrivateKeySet::new(), PrivateKeySet::with)
        .unwrap();
    for key in &keys {
        let token = seal(
            key,
            KeyAlgorithm::EcdhEsA128Kw,
            ContentAlgorithm::A128Gcm,
            b"mine",
        );
        let jwe = Compact::parse(&token).unwrap();
        let chosen =
            jose_core::keys::DecryptionKeys::decryption_key(&set, &jwe.key_request()).unwrap();
        assert_eq!(chosen.thumbprint(), key.thumbprint());
        assert_eq!(open(&token, chosen).unwrap(), b"mine");
    }
    // A set without a key of the token's curve misses, by name.
    let p256_only = PrivateKeySet::new().with(keys[0].clone()).unwrap();
    let token = seal(
        &keys[1],
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A128Gcm,
        b"x",
    );
    let jwe = Compact::parse(&token).unwrap();
    let err = jose_core::keys::DecryptionKeys::decryption_key(&p256_only, &jwe.key_request())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
}
