//! The two backends side by side on the same keys and inputs: every verdict
//! (decrypts or not, verifies or not, opens or not) must be the same.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use alloc::vec::Vec;

use rsa::traits::PublicKeyParts;

use super::{aws_lc, rust_crypto};
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use crate::keys::PrivateKey;

const KEY_ALGS: [KeyAlgorithm; 4] = KeyAlgorithm::RSA_OAEP;

const SIG_ALGS: [SignatureAlgorithm; 6] = SignatureAlgorithm::RSA;

fn keys() -> Vec<(rust_crypto::RsaPrivate, aws_lc::RsaPrivate)> {
    [
        include_str!("../../../vectors/rfc7516_A1.key.json"),
        include_str!("../../../vectors/rfc7520_5_2.key.json"),
    ]
    .iter()
    .map(|jwk| {
        let rsa = PrivateKey::from_jwk(jwk).unwrap().rsa().unwrap().clone();
        (
            rust_crypto::RsaPrivate::new(rsa.clone()).unwrap(),
            aws_lc::RsaPrivate::new(rsa).unwrap(),
        )
    })
    .collect()
}

/// Ciphertexts that must fail: one byte changed at several places, zero,
/// the modulus minus one, all ones (at least the modulus).
fn hostile(good: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for pos in [0, 1, good.len() / 2, good.len() - 1] {
        let mut c = good.to_vec();
        c[pos] ^= 0x01;
        out.push(c);
    }
    out.push(alloc::vec![0u8; good.len()]);
    out.push(alloc::vec![0xFFu8; good.len()]);
    out.push(good[1..].to_vec());
    out
}

#[test]
fn oaep_verdicts_agree() {
    let mut rng = rand_core::UnwrapErr(crate::os::os_rng());
    for (rust, aws) in keys() {
        let modulus_minus_one = {
            let mut n = rust.rsa().as_ref().n().as_ref().to_be_bytes().to_vec();
            if let Some(last) = n.last_mut() {
                *last -= 1;
            }
            n
        };
        for alg in KEY_ALGS {
            for cek_len in [16usize, 32, 64] {
                let cek: Vec<u8> = (0..cek_len).map(|i| i as u8 ^ 0x5A).collect();
                let by_rust = rust.public().oaep_encrypt(alg, &mut rng, &cek).unwrap();
                let by_aws = aws.public().oaep_encrypt(alg, &mut rng, &cek).unwrap();
                for ciphertext in [&by_rust, &by_aws] {
                    let a = rust.oaep_decrypt(alg, &mut rng, ciphertext).unwrap();
                    let b = aws.oaep_decrypt(alg, &mut rng, ciphertext).unwrap();
                    assert_eq!(&a[..], &cek[..]);
                    assert_eq!(&b[..], &cek[..]);
                    for want in [cek_len - 1, cek_len, cek_len + 1] {
                        let (mut x, mut y) = (alloc::vec![0u8; want], alloc::vec![0u8; want]);
                        let rx =
                            bool::from(rust.oaep_unwrap_exact(alg, &mut rng, ciphertext, &mut x));
                        let ry =
                            bool::from(aws.oaep_unwrap_exact(alg, &mut rng, ciphertext, &mut y));
                        assert_eq!(rx, want == cek_len, "{alg:?} want {want}");
                        assert_eq!(rx, ry, "{alg:?} want {want}");
                        if rx {
                            assert_eq!(x, y);
                        }
                    }
                }
                let mut bad = hostile(&by_rust);
                bad.push(modulus_minus_one.clone());
                for ciphertext in &bad {
                    assert!(
                        rust.oaep_decrypt(alg, &mut rng, ciphertext).is_none(),
                        "{alg:?}"
                    );
                    assert!(
                        aws.oaep_decrypt(alg, &mut rng, ciphertext).is_none(),
                        "{alg:?}"
                    );
                    let mut out = [0u8; 32];
                    assert!(!bool::from(
                        rust.oaep_unwrap_exact(alg, &mut rng, ciphertext, &mut out)
                    ));
                    assert!(!bool::from(
                        aws.oaep_unwrap_exact(alg, &mut rng, ciphertext, &mut out)
                    ));
                }
            }
        }
    }
}

#[test]
fn signature_verdicts_agree() {
    let mut rng = rand_core::UnwrapErr(crate::os::os_rng());
    let input = b"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3RoIn0";
    for (rust, aws) in keys() {
        for alg in SIG_ALGS {
            let by_rust = rust.sign(alg, &mut rng, input).unwrap();
            let by_aws = aws.sign(alg, &mut rng, input).unwrap();
            for signature in [&by_rust, &by_aws] {
                assert!(rust.public().verify(alg, input, signature), "{alg:?}");
                assert!(aws.public().verify(alg, input, signature), "{alg:?}");
                assert!(!rust.public().verify(alg, b"other", signature));
                assert!(!aws.public().verify(alg, b"other", signature));
                for bad in hostile(signature) {
                    assert!(!rust.public().verify(alg, input, &bad), "{alg:?}");
                    assert!(!aws.public().verify(alg, input, &bad), "{alg:?}");
                }
            }
            // The same signature under another algorithm of the same key.
            for other in SIG_ALGS.iter().filter(|o| **o != alg) {
                assert!(!rust.public().verify(*other, input, &by_rust));
                assert!(!aws.public().verify(*other, input, &by_rust));
            }
        }
    }
}

#[test]
fn gcm_verdicts_agree() {
    let aad = b"eyJhbGciOiJSU0EtT0FFUCJ9";
    for (enc, key_len) in [
        (ContentAlgorithm::A128Gcm, 16),
        (ContentAlgorithm::A192Gcm, 24),
        (ContentAlgorithm::A256Gcm, 32),
    ] {
        let key: Vec<u8> = (0..key_len).map(|i| i as u8).collect();
        let iv = [7u8; 12];
        for len in [0usize, 1, 15, 16, 17, 1000] {
            let plaintext: Vec<u8> = (0..len).map(|i| (i * 3) as u8).collect();
            let (mut a, mut b) = (plaintext.clone(), plaintext.clone());
            let (mut tag_a, mut tag_b) = ([0u8; 16], [0u8; 16]);
            assert!(rust_crypto::gcm::seal(
                enc, &key, &iv, aad, &mut a, &mut tag_a
            ));
            assert!(aws_lc::gcm::seal(enc, &key, &iv, aad, &mut b, &mut tag_b));
            assert_eq!(
                (&a, tag_a),
                (&b, tag_b),
                "{enc:?} {len}: same ciphertext and tag"
            );
            let mut x = a.clone();
            assert!(aws_lc::gcm::open(enc, &key, &iv, aad, &mut x, &tag_a));
            assert_eq!(x, plaintext);
            for (what, tamper) in [("tag", 0usize), ("ciphertext", 1), ("aad", 2), ("key", 3)] {
                let (mut c1, mut c2) = (a.clone(), a.clone());
                let mut tag = tag_a;
                let mut k = key.clone();
                let mut extra = aad.to_vec();
                match tamper {
                    0 => tag[0] ^= 1,
                    1 if len > 0 => {
                        c1[0] ^= 1;
                        c2[0] ^= 1;
                    }
                    1 => continue,
                    2 => extra.push(b'x'),
                    _ => k[0] ^= 1,
                }
                let r = rust_crypto::gcm::open(enc, &k, &iv, &extra, &mut c1, &tag);
                let w = aws_lc::gcm::open(enc, &k, &iv, &extra, &mut c2, &tag);
                assert!(!r && !w, "{enc:?} {len} {what}");
                assert!(
                    c2.iter().all(|b| *b == 0),
                    "aws-lc's buffer is wiped on failure"
                );
            }
        }
    }
}
