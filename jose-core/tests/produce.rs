//! The producing side, by property: what jose-core produces, jose-core opens
//! to the same bytes, for every algorithm pair and random plaintexts (0 B to
//! 64 KiB) and claims; and any single changed byte of a produced token is
//! refused with the kind that change calls for.

mod common;

use std::sync::OnceLock;

use jose_core::json::ObjectWriter;
use jose_core::jwe::{Compact, Encrypter};
use jose_core::jws::Signer;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKeySet};
use jose_core::{ContentAlgorithm, ErrorKind, KeyAlgorithm, SignatureAlgorithm};
use proptest::prelude::*;

struct Keys {
    api: Vec<PrivateKey>,
    issuer: PrivateKey,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let load = |name: &str| {
            std::fs::read_to_string(common::vectors_dir().join("interop").join(name)).unwrap()
        };
        let api: serde_json::Value = serde_json::from_str(&load("api.private.jwks.json")).unwrap();
        let issuer: serde_json::Value =
            serde_json::from_str(&load("issuer.private.jwks.json")).unwrap();
        Keys {
            api: api["keys"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| PrivateKey::from_jwk(&k.to_string()).unwrap())
                .collect(),
            issuer: PrivateKey::from_jwk(&issuer["keys"][0].to_string()).unwrap(),
        }
    })
}

fn key_alg() -> impl Strategy<Value = KeyAlgorithm> {
    prop::sample::select(KeyAlgorithm::RSA_OAEP.to_vec())
}

fn content_alg() -> impl Strategy<Value = ContentAlgorithm> {
    prop::sample::select(ContentAlgorithm::ALL.to_vec())
}

fn signature_alg() -> impl Strategy<Value = SignatureAlgorithm> {
    // The fixture's keys are RSA keys.
    prop::sample::select(SignatureAlgorithm::RSA.to_vec())
}

/// Plaintext lengths weighted toward the block edges, up to 64 KiB.
fn plaintext() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        prop::collection::vec(any::<u8>(), 0..2048),
        prop::collection::vec(any::<u8>(), 60_000..=65_536),
    ]
}

fn encrypt(key: &PrivateKey, alg: KeyAlgorithm, enc: ContentAlgorithm, plaintext: &[u8]) -> String {
    let public = key.public_key();
    let encrypter = Encrypter::new(&public, alg, enc).unwrap();
    let need = encrypter.output_len(plaintext.len()).unwrap();
    let mut out = vec![0u8; need];
    let token = encrypter
        .encrypt(plaintext, &mut jose_core::os_rng(), &mut out)
        .unwrap();
    assert_eq!(token.len(), need, "output_len is exact");
    token.to_owned()
}

fn decrypt(token: &str, key: &PrivateKey) -> Result<Vec<u8>, jose_core::Error> {
    let jwe = Compact::parse(token)?;
    let mut buf = vec![0u8; jwe.buffer_len()];
    Ok(jwe
        .decrypt(key, &mut jose_core::os_rng(), &mut buf)?
        .to_vec())
}

/// The kind a change of one byte in part `part` must produce, given the
/// changed part's text: invalid base64url is `malformed`; a well-formed change
/// in the encrypted key, IV, ciphertext or tag is the one `decrypt` error.
fn acceptable_jwe_kinds(part: usize, changed_part: &str) -> Vec<ErrorKind> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let well_formed = Base64UrlUnpadded::decode_vec(changed_part).is_ok();
    match (part, well_formed) {
        (_, false) => vec![ErrorKind::Malformed],
        (0, true) => vec![
            ErrorKind::Malformed,
            ErrorKind::Unsupported,
            ErrorKind::Policy,
            ErrorKind::Decrypt,
        ],
        (_, true) => vec![ErrorKind::Decrypt],
    }
}

fn check_changed_jwe(
    token: &str,
    key: &PrivateKey,
    position: usize,
    new: u8,
) -> Result<(), TestCaseError> {
    let mut bytes = token.as_bytes().to_vec();
    prop_assume!(bytes[position] != new);
    bytes[position] = new;
    let Ok(changed) = String::from_utf8(bytes) else {
        return Ok(()); // not text: cannot be handed to a &str API
    };
    let err = decrypt(&changed, key).expect_err("a changed token was accepted");
    let part = token[..position].matches('.').count();
    let expected = if token.as_bytes()[position] == b'.' || new == b'.' {
        vec![ErrorKind::Malformed] // the part count changed
    } else {
        acceptable_jwe_kinds(part, changed.split('.').nth(part).unwrap())
    };
    prop_assert!(
        expected.contains(&err.kind()),
        "byte {position} of part {part}: {err} (expected {expected:?})"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_algorithm_pair_round_trips(alg in key_alg(), enc in content_alg(), size in 0usize..3, plaintext in plaintext()) {
        let key = &keys().api[size];
        let token = encrypt(key, alg, enc, &plaintext);
        prop_assert_eq!(decrypt(&token, key).unwrap(), plaintext);
    }

    #[test]
    fn any_changed_byte_of_a_jwe_is_refused(alg in key_alg(), enc in content_alg(), plaintext in prop::collection::vec(any::<u8>(), 0..300), at in any::<prop::sample::Index>(), new in any::<u8>()) {
        let key = &keys().api[0];
        let token = encrypt(key, alg, enc, &plaintext);
        check_changed_jwe(&token, key, at.index(token.len()), new)?;
    }

    #[test]
    fn signed_tokens_round_trip(alg in signature_alg(), payload in prop::collection::vec(any::<u8>(), 0..4096)) {
        let key = &keys().issuer;
        let signer = Signer::new(key, alg).unwrap();
        let mut out = vec![0u8; signer.output_len(payload.len()).unwrap()];
        let token = signer.sign(&payload, &mut jose_core::os_rng(), &mut out).unwrap();
        let issuer = PublicKeySet::new().with(key.public_key()).unwrap();
        let jws = jose_core::jws::Compact::parse(token).unwrap();
        let mut buf = vec![0u8; jws.payload_len()];
        prop_assert_eq!(jws.verify_into(&issuer, &mut buf).unwrap(), payload.as_slice());
    }

    #[test]
    fn any_changed_byte_of_a_jws_is_refused(alg in signature_alg(), at in any::<prop::sample::Index>(), new in any::<u8>()) {
        let key = &keys().issuer;
        let signer = Signer::new(key, alg).unwrap();
        let mut out = vec![0u8; signer.output_len(20).unwrap()];
        let token = signer.sign(b"{\"sub\":\"someone-01\"}", &mut jose_core::os_rng(), &mut out).unwrap();
        let position = at.index(token.len());
        let mut bytes = token.as_bytes().to_vec();
        prop_assume!(bytes[position] != new);
        bytes[position] = new;
        let Ok(changed) = String::from_utf8(bytes) else { return Ok(()) };
        let issuer = PublicKeySet::new().with(key.public_key()).unwrap();
        let err = jose_core::jws::Compact::parse(&changed).and_then(|jws| jws.verify(&issuer).map(|_| ())).expect_err("accepted");
        let part = token[..position].matches('.').count();
        use base64ct::{Base64UrlUnpadded, Encoding};
        let well_formed = changed.split('.').nth(part).is_some_and(|p| Base64UrlUnpadded::decode_vec(p).is_ok());
        let expected = if token.as_bytes()[position] == b'.' || new == b'.' {
            vec![ErrorKind::Malformed]
        } else if part == 1 {
            // The payload is decoded only after the signature verifies, so a
            // changed payload fails the signature whether or not it decodes.
            vec![ErrorKind::Signature, ErrorKind::Malformed]
        } else if !well_formed {
            vec![ErrorKind::Malformed]
        } else if part == 0 {
            vec![ErrorKind::Malformed, ErrorKind::Unsupported, ErrorKind::Policy, ErrorKind::Key, ErrorKind::Signature]
        } else {
            vec![ErrorKind::Signature]
        };
        prop_assert!(expected.contains(&err.kind()), "byte {position} of part {part}: {err} (expected {expected:?})");
    }

    #[test]
    fn random_claims_survive_sign_encrypt_open(
        names in prop::collection::btree_set("[a-z_]{1,12}", 0..8),
        text in "\\PC{0,40}",
        control in "[\\x00-\\x1f\"\\\\]{0,8}",
        numbers in prop::collection::vec(any::<i64>(), 0..4),
        flag in any::<bool>(),
        alg in key_alg(),
        enc in content_alg(),
        sig in signature_alg(),
    ) {
        let mut claims = [0u8; 4096];
        let mut w = ObjectWriter::new(&mut claims);
        w.string("iss", "https://issuer.example/").integer("exp", 2_000_000_000);
        let custom: Vec<String> = names.into_iter().map(|n| format!("x_{n}")).collect();
        for (i, name) in custom.iter().enumerate() {
            match i % 3 {
                0 => { w.string(name, &format!("{text}{control}")); }
                1 => { w.array(name, |a| { for n in &numbers { a.integer(*n); } a.boolean(flag); }); }
                _ => { w.object(name, |o| { o.string("t", &text).boolean("f", flag); }); }
            }
        }
        let claims = w.finish().unwrap();
        // The writer's output is JSON by an independent parser too.
        let reference: serde_json::Value = serde_json::from_str(claims).unwrap();

        let keys = keys();
        let signer = Signer::new(&keys.issuer, sig).unwrap();
        let api_public = keys.api[0].public_key();
        let encrypter = Encrypter::new(&api_public, alg, enc).unwrap();
        let mut out = vec![0u8; jwt::nested_len(claims.len(), &signer, &encrypter).unwrap()];
        let token = jwt::sign_and_encrypt(claims.as_bytes(), &signer, &encrypter, &mut jose_core::os_rng(), &mut out).unwrap();

        let mine = PrivateKeySet::new().with(PrivateKey::from_jwk(&serde_json::to_string(&serde_json::from_str::<serde_json::Value>(
            &std::fs::read_to_string(common::vectors_dir().join("interop/api.private.jwks.json")).unwrap()).unwrap()["keys"][0]).unwrap()).unwrap()).unwrap();
        let issuer = PublicKeySet::new().with(keys.issuer.public_key()).unwrap();
        let rules = Validation::new().issuer("https://issuer.example/").accept_any_audience();
        let mut buf = vec![0u8; jwt::required_buffer_len(token)];
        let opened = jwt::decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_900_000_000), &mut jose_core::os_rng(), &mut buf).unwrap();
        prop_assert_eq!(opened.claims().json().raw(), claims);
        for name in &custom {
            let ours = opened.claims().get(name).unwrap();
            if let Some(s) = ours.as_str() {
                prop_assert_eq!(s.to_string(), reference[name].as_str().unwrap());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// What the writer produces parses with the crate's reader and with
    /// serde_json, to the same values.
    #[test]
    fn the_json_writer_output_parses_back_everywhere(
        strings in prop::collection::vec("(\\PC|[\x00-\x1f\x7f\u{80}-\u{10ffff}\"\\\\])*", 0..6),
        integers in prop::collection::vec(any::<i64>(), 0..6),
        floats in prop::collection::vec(any::<f64>().prop_filter("finite", |f| f.is_finite()), 0..6),
        flag in any::<bool>(),
    ) {
        let mut buf = vec![0u8; 64 * 1024];
        let mut w = ObjectWriter::new(&mut buf);
        for (i, s) in strings.iter().enumerate() {
            w.string(&format!("s{i}"), s);
        }
        w.array("ints", |a| { for n in &integers { a.integer(*n); } });
        w.array("floats", |a| { for f in &floats { a.number(*f); } });
        w.object("nested", |o| { o.boolean("flag", flag); o.array("strings", |a| { for s in &strings { a.string(s); } }); });
        let json = w.finish().unwrap();

        let reference: serde_json::Value = serde_json::from_str(json).unwrap();
        let ours = jose_core::json::parse(json.as_bytes()).unwrap();
        for (i, s) in strings.iter().enumerate() {
            let name = format!("s{i}");
            prop_assert_eq!(reference[&name].as_str().unwrap(), s.as_str());
            prop_assert_eq!(ours.get(&name).unwrap().as_str().unwrap().to_string(), s.clone());
        }
        let our_ints: Vec<i64> = ours.get("ints").unwrap().elements().map(|v| v.as_number().unwrap().as_i64().unwrap()).collect();
        prop_assert_eq!(&our_ints, &integers);
        let our_floats: Vec<f64> = ours.get("floats").unwrap().elements().map(|v| v.as_number().unwrap().as_f64().unwrap()).collect();
        prop_assert_eq!(&our_floats, &floats);
        let reference_floats: Vec<f64> = reference["floats"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        prop_assert_eq!(&reference_floats, &floats);
        prop_assert_eq!(ours.get("nested").unwrap().get("flag").unwrap().as_bool(), Some(flag));
    }
}

/// Every byte position of one produced token, not a sample.
#[test]
fn every_changed_byte_of_one_jwe_is_refused() {
    let key = &keys().api[0];
    for (alg, enc) in [
        (KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm),
        (KeyAlgorithm::RsaOaep, ContentAlgorithm::A256CbcHs512),
    ] {
        let token = encrypt(key, alg, enc, b"{\"sub\":\"x\"}");
        for position in 0..token.len() {
            let new = if token.as_bytes()[position] == b'A' {
                b'B'
            } else {
                b'A'
            };
            check_changed_jwe(&token, key, position, new).unwrap();
        }
    }
}

/// `Signer::jwk`: the signing key's public JWK in the header, and nothing
/// else: a private JWK, another key's JWK or a shared secret is refused.
#[test]
fn a_signer_embeds_its_own_public_jwk_only() {
    use jose_core::keys::{PrivateKey, PublicKey, SecretKey};
    use jose_core::{ErrorKind, SignatureAlgorithm, jws};
    let key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    let other = PrivateKey::generate(2048, &mut jose_core::os_rng()).unwrap();
    let public = key.public_key().jwk().unwrap();
    let signer = jws::Signer::new(&key, SignatureAlgorithm::Rs256)
        .unwrap()
        .typ("dpop+jwt")
        .jwk(&public)
        .unwrap();
    let mut out = vec![0u8; signer.output_len(2).unwrap()];
    let token = signer
        .sign(b"{}", &mut jose_core::os_rng(), &mut out)
        .unwrap();
    let parsed = jws::Compact::parse(token).unwrap();
    let header = parsed.header();
    assert!(header.typ().unwrap() == "dpop+jwt");
    let embedded = PublicKey::from_jwk(header.get("jwk").unwrap().raw()).unwrap();
    assert_eq!(embedded.thumbprint(), key.thumbprint());
    assert!(parsed.verify(&embedded).is_ok());

    let private = include_str!("../../vectors/rfc7516_A1.key.json");
    let other_public = other.public_key().jwk().unwrap();
    for (case, jwk, kind) in [
        ("private", private, ErrorKind::InvalidKey),
        ("another key", other_public.as_str(), ErrorKind::InvalidKey),
        ("not JSON", "{", ErrorKind::Malformed),
    ] {
        let refused = jws::Signer::new(&key, SignatureAlgorithm::Rs256)
            .unwrap()
            .jwk(jwk);
        assert_eq!(refused.unwrap_err().kind(), kind, "{case}");
    }
    let secret = SecretKey::from_bytes(&[7u8; 32]).unwrap();
    let refused = jws::Signer::hmac(&secret, SignatureAlgorithm::Hs256)
        .unwrap()
        .jwk(&public);
    assert_eq!(refused.unwrap_err().kind(), ErrorKind::InvalidKey);
}
