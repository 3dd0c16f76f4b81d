//! The default backend: the RustCrypto stack, pure Rust, `no_std` + `alloc`.
//!
//! RSA arithmetic is the `rsa` crate's (constant-time crypto-bigint). OAEP
//! decryption is assembled here from its raw private operation, a reused
//! blinding pair ([`blinding`]) and the crate's own constant-time OAEP
//! decoding ([`super::oaep`]); signing, verification and OAEP encryption are
//! the `rsa` crate's own calls. AES-GCM is `aes-gcm`.
//!
//! Under `aws-lc-rs` this module is compiled only for the tests that hold the
//! two backends side by side.
#![cfg_attr(feature = "aws-lc-rs", allow(dead_code))]

mod blinding;
#[cfg(feature = "ecdsa")]
pub(crate) mod ecdh;
#[cfg(feature = "ecdsa")]
pub(crate) mod ecdsa;
pub(crate) mod gcm;

use alloc::vec::Vec;

use crypto_bigint::BoxedUint;
use rand_core::CryptoRng;
use rsa::traits::PublicKeyParts;
use rsa::{Oaep, Pkcs1v15Sign, PrivateKey as RsaPrivateKey, Pss, PublicKey as RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use subtle::Choice;
use zeroize::{Zeroize, Zeroizing};

use super::digest::Prehash;
use super::oaep;
use crate::algorithm::{KeyAlgorithm, SignatureAlgorithm};
use crate::error::Error;
use blinding::Blinding;

pub(crate) const NAME: &str = "rust-crypto";

/// A private key as this backend uses it: the `rsa` key (CRT values
/// precomputed) and its blinding state.
pub(crate) struct RsaPrivate {
    key: RsaPrivateKey,
    blinding: Blinding,
}

impl Clone for RsaPrivate {
    /// A clone is another key value: it gets its own blinding pair.
    fn clone(&self) -> Self {
        RsaPrivate {
            key: self.key.clone(),
            blinding: Blinding::new(),
        }
    }
}

impl RsaPrivate {
    pub(crate) fn new(key: RsaPrivateKey) -> Result<Self, Error> {
        Ok(RsaPrivate {
            key,
            blinding: Blinding::new(),
        })
    }

    pub(crate) fn rsa(&self) -> &RsaPrivateKey {
        &self.key
    }

    pub(crate) fn public(&self) -> RsaPublic {
        RsaPublic {
            key: self.key.to_public_key(),
        }
    }

    /// The encoded block `EM = I2OSP(c^d mod n, k)` (RFC 8017 §7.1.2 steps 1
    /// and 2). The ciphertext's length and range are public facts; `None` for
    /// those, or when the private operation's fault check fails.
    fn decrypt_block<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        ciphertext: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        let k = self.key.size();
        if ciphertext.len() != k {
            return None;
        }
        let c = BoxedUint::from_be_slice(ciphertext, self.key.n_bits_precision()).ok()?;
        if c >= *self.key.n().as_ref() {
            return None;
        }
        let mut m = self.blinding.private_op(&self.key, rng, &c)?;
        let mut bytes = m.to_be_bytes();
        m.zeroize();
        let mut em = Zeroizing::new(alloc::vec![0u8; k]);
        let from = bytes.len().checked_sub(k);
        if let Some(tail) = from.and_then(|from| bytes.get(from..)) {
            em.copy_from_slice(tail);
        }
        bytes.zeroize();
        from.map(|_| em)
    }

    /// RSA-OAEP decryption returning the message, for `hazmat`: whether it
    /// returns `Some` is the padding oracle the JWE path never shows.
    #[cfg(any(feature = "hazmat", test))]
    pub(crate) fn oaep_decrypt<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        ciphertext: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        let mut em = self.decrypt_block(rng, ciphertext)?;
        let decoded = oaep::decode(alg, &mut em);
        if !bool::from(decoded.valid) {
            return None;
        }
        let start = usize::try_from(decoded.start).ok()?;
        em.get(start..).map(|m| Zeroizing::new(m.to_vec()))
    }

    /// RSA-OAEP decryption of a message whose length is known in advance (a
    /// content key): `out` receives bytes from a fixed position of the block,
    /// and the returned `Choice` says whether the padding was valid and the
    /// message exactly `out.len()` long. Constant time in the block's content.
    pub(crate) fn oaep_unwrap_exact<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        ciphertext: &[u8],
        out: &mut [u8],
    ) -> Choice {
        match self.decrypt_block(rng, ciphertext) {
            Some(mut em) => {
                let decoded = oaep::decode(alg, &mut em);
                oaep::take_exact(&em, &decoded, out)
            }
            None => Choice::from(0),
        }
    }

    /// A PKCS#1 v1.5 or PSS signature over `input`, blinded by `rng` (which
    /// also draws the PSS salt).
    pub(crate) fn sign<R: CryptoRng + ?Sized>(
        &self,
        alg: SignatureAlgorithm,
        rng: &mut R,
        input: &[u8],
    ) -> Option<Vec<u8>> {
        let key = &self.key;
        let signed = match alg {
            SignatureAlgorithm::Rs256 => {
                key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(input))
            }
            SignatureAlgorithm::Rs384 => {
                key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha384>(), &Sha384::digest(input))
            }
            SignatureAlgorithm::Rs512 => {
                key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha512>(), &Sha512::digest(input))
            }
            SignatureAlgorithm::Ps256 => {
                key.sign_with_rng(rng, Pss::<Sha256>::new(), &Sha256::digest(input))
            }
            SignatureAlgorithm::Ps384 => {
                key.sign_with_rng(rng, Pss::<Sha384>::new(), &Sha384::digest(input))
            }
            SignatureAlgorithm::Ps512 => {
                key.sign_with_rng(rng, Pss::<Sha512>::new(), &Sha512::digest(input))
            }
            // An RSA key signs RS and PS only (the key layer refuses others
            // before they get here).
            _ => return None,
        };
        signed.ok()
    }

    #[cfg(all(test, feature = "std"))]
    pub(crate) fn blinding_uses(&self) -> Vec<u32> {
        self.blinding.stored_uses()
    }
}

/// A public key as this backend uses it: the `rsa` key.
#[derive(Clone)]
pub(crate) struct RsaPublic {
    key: RsaPublicKey,
}

impl RsaPublic {
    pub(crate) fn new(key: RsaPublicKey) -> Result<Self, Error> {
        Ok(RsaPublic { key })
    }

    pub(crate) fn rsa(&self) -> &RsaPublicKey {
        &self.key
    }

    /// Whether `signature` (exactly the modulus length; the caller checks)
    /// verifies over `input` with `alg`.
    #[cfg(all(test, feature = "aws-lc-rs"))]
    pub(crate) fn verify(&self, alg: SignatureAlgorithm, input: &[u8], signature: &[u8]) -> bool {
        crate::backend::SignedInput::Text(input)
            .prehash(alg)
            .is_some_and(|p| self.verify_prehashed(&p, signature))
    }

    /// Whether `signature` verifies over the input `prehash` is the digest of,
    /// with the algorithm it was computed for.
    pub(crate) fn verify_prehashed(&self, prehash: &Prehash, signature: &[u8]) -> bool {
        let key = &self.key;
        let hashed = prehash.as_bytes();
        let result = match prehash.algorithm() {
            SignatureAlgorithm::Rs256 => {
                key.verify(Pkcs1v15Sign::new::<Sha256>(), hashed, signature)
            }
            SignatureAlgorithm::Rs384 => {
                key.verify(Pkcs1v15Sign::new::<Sha384>(), hashed, signature)
            }
            SignatureAlgorithm::Rs512 => {
                key.verify(Pkcs1v15Sign::new::<Sha512>(), hashed, signature)
            }
            SignatureAlgorithm::Ps256 => key.verify(Pss::<Sha256>::new(), hashed, signature),
            SignatureAlgorithm::Ps384 => key.verify(Pss::<Sha384>::new(), hashed, signature),
            SignatureAlgorithm::Ps512 => key.verify(Pss::<Sha512>::new(), hashed, signature),
            _ => return false,
        };
        result.is_ok()
    }

    /// RSA-OAEP encryption of `message` (a content key), seeded by `rng`.
    pub(crate) fn oaep_encrypt<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        message: &[u8],
    ) -> Option<Vec<u8>> {
        let key = &self.key;
        let wrapped = match alg {
            KeyAlgorithm::RsaOaep => key.encrypt(rng, Oaep::<sha1::Sha1>::new(), message),
            KeyAlgorithm::RsaOaep256 => key.encrypt(rng, Oaep::<Sha256>::new(), message),
            KeyAlgorithm::RsaOaep384 => key.encrypt(rng, Oaep::<Sha384>::new(), message),
            KeyAlgorithm::RsaOaep512 => key.encrypt(rng, Oaep::<Sha512>::new(), message),
            // The key layer never gives an RSA key another algorithm.
            _ => return None,
        };
        wrapped.ok()
    }
}

/// The interop recipient key for this backend's unit tests, read by the
/// `rsa` crate (the backend sits below the key layer).
#[cfg(all(test, feature = "std"))]
#[allow(clippy::unwrap_used)]
fn recipient_key() -> RsaPrivateKey {
    use pkcs8::DecodePrivateKey;
    let pem = include_str!("../../../../vectors/interop/recipient.key.pem");
    let (_, der) = der::pem::decode_vec(pem.as_bytes()).unwrap();
    RsaPrivateKey::from_pkcs8_der(&der).unwrap()
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;

    #[test]
    fn the_blinding_pair_is_reused_then_refreshed() {
        let rsa = recipient_key();
        let key = RsaPrivate::new(rsa).unwrap();
        let mut rng = rand_core::UnwrapErr(crate::os::os_rng());
        let cek = [0x42u8; 32];
        let ciphertext = key
            .public()
            .oaep_encrypt(KeyAlgorithm::RsaOaep256, &mut rng, &cek)
            .unwrap();
        assert!(
            key.blinding_uses().is_empty(),
            "no pair before the first use"
        );
        for call in 1..=(2 * blinding::REFRESH_AFTER + 1) {
            let mut out = [0u8; 32];
            let ok =
                key.oaep_unwrap_exact(KeyAlgorithm::RsaOaep256, &mut rng, &ciphertext, &mut out);
            assert!(bool::from(ok) && out == cek, "call {call}");
            let expected = match call % blinding::REFRESH_AFTER {
                0 => alloc::vec![],
                n => alloc::vec![n],
            };
            assert_eq!(key.blinding_uses(), expected, "call {call}");
        }
        // A clone is another key value: it starts without a pair.
        assert!(key.clone().blinding_uses().is_empty());
        // A failed block uses (and advances) the pair like a good one: the
        // pair's state does not depend on the padding.
        assert_eq!(key.blinding_uses(), alloc::vec![1]);
        let mut bad = ciphertext.clone();
        bad[10] ^= 1;
        let mut out = [0u8; 32];
        assert!(!bool::from(key.oaep_unwrap_exact(
            KeyAlgorithm::RsaOaep256,
            &mut rng,
            &bad,
            &mut out
        )));
        assert_eq!(key.blinding_uses(), alloc::vec![2]);
    }

    #[test]
    fn concurrent_decryptions_each_get_a_pair_and_the_pool_is_bounded() {
        let rsa = recipient_key();
        let key = RsaPrivate::new(rsa).unwrap();
        let cek = [0x24u8; 16];
        let ciphertext = key
            .public()
            .oaep_encrypt(
                KeyAlgorithm::RsaOaep,
                &mut rand_core::UnwrapErr(crate::os::os_rng()),
                &cek,
            )
            .unwrap();
        let threads = blinding::POOL + 4;
        let start = std::sync::Barrier::new(threads);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    let mut rng = rand_core::UnwrapErr(crate::os::os_rng());
                    start.wait();
                    for _ in 0..3 {
                        let mut out = [0u8; 16];
                        let ok = key.oaep_unwrap_exact(
                            KeyAlgorithm::RsaOaep,
                            &mut rng,
                            &ciphertext,
                            &mut out,
                        );
                        assert!(bool::from(ok) && out == cek);
                    }
                });
            }
        });
        // More threads than the pool holds: every decryption was right and
        // the pool stayed within its bound (how many pairs it ends with
        // depends on the scheduler; the bound is checked deterministically in
        // blinding's own test).
        let pool = key.blinding_uses();
        assert!(!pool.is_empty() && pool.len() <= blinding::POOL, "{pool:?}");
        assert!(pool.iter().all(|uses| *uses < blinding::REFRESH_AFTER));
    }
}
