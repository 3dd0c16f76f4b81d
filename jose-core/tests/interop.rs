//! Tokens produced by an independent implementation (panva `jose` on Node's
//! WebCrypto; generator: vectors/interop/generate.mjs) for every alg x enc
//! pair jose-core implements, at 2048, 3072 and 4096 bits, decrypted to the
//! exact plaintext.

mod common;

use std::collections::BTreeMap;

use common::{b64, load, str_of};
use jose_core::jwe::Compact;
use jose_core::keys::PrivateKey;
use jose_core::{ContentAlgorithm, ErrorKind, KeyAlgorithm};

fn keys(v: &serde_json::Value) -> BTreeMap<u64, PrivateKey> {
    v["keys"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(bits, jwk)| {
            (
                bits.parse().unwrap(),
                PrivateKey::from_jwk(&jwk.to_string()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_alg_enc_and_size_from_node_jose_decrypts_exactly() {
    let v = load("interop/jose-node.json");
    let keys = keys(&v);
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut pairs = std::collections::BTreeSet::new();
    let tokens = v["tokens"].as_array().unwrap();
    for t in tokens {
        let bits = t["bits"].as_u64().unwrap();
        let key = &keys[&bits];
        assert_eq!(key.bits() as u64, bits);
        let jwe = Compact::parse(str_of(t, "compact")).unwrap();
        assert_eq!(jwe.key_algorithm().name(), str_of(t, "alg"));
        assert_eq!(jwe.content_algorithm().name(), str_of(t, "enc"));
        assert!(jwe.header().kid().unwrap() == key.kid().unwrap());
        let mut buf = vec![0u8; jwe.buffer_len()];
        let plaintext = jwe.decrypt(key, &mut rng, &mut buf).unwrap();
        assert_eq!(
            plaintext,
            b64(str_of(t, "plaintext_b64u")).as_slice(),
            "{t}"
        );
        pairs.insert((
            jwe.key_algorithm().name(),
            jwe.content_algorithm().name(),
            bits,
        ));
    }
    println!(
        "interop ({}): {} tokens, {} distinct alg x enc x size",
        str_of(&v, "implementation"),
        tokens.len(),
        pairs.len()
    );
    assert_eq!(
        pairs.len(),
        KeyAlgorithm::RSA_OAEP.len() * ContentAlgorithm::ALL.len() * 3
    );
}

/// A token opened with a different key of the same size is the one decrypt
/// error, the buffer wiped. (That an encrypted key made with one OAEP hash
/// does not unwrap under another is checked on the raw unwrap layer, in
/// src/hazmat/tests.rs.)
#[test]
fn another_key_of_the_same_size_is_the_one_decrypt_error() {
    let v = load("interop/jose-node.json");
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    // a fresh key of the same size: the one decrypt error, buffer wiped
    let other_key =
        PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    let t = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["bits"] == 2048 && t["plaintext_b64u"].as_str().unwrap().len() > 20)
        .unwrap();
    let jwe = Compact::parse(str_of(t, "compact")).unwrap();
    let mut buf = vec![0u8; jwe.buffer_len()];
    let err = jwe.decrypt(&other_key, &mut rng, &mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decrypt);
    assert!(buf.iter().all(|b| *b == 0));
}
