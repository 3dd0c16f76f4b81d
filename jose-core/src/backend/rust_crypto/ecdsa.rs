//! ECDSA verification (ES256, ES384, ES512) with RustCrypto's `p256`,
//! `p384` and `p521`: a public key checked at import, a signature checked
//! against a digest computed above the seam.

use p256::ecdsa::signature::hazmat::PrehashVerifier;

use crate::algorithm::{Curve, SignatureAlgorithm};
use crate::backend::Prehash;

/// An EC public key as this backend uses it: a point on its curve, checked
/// once at import.
#[derive(Clone)]
pub(crate) enum EcPublic {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
}

impl EcPublic {
    /// The key at the uncompressed SEC1 point `point` (`04 || x || y`),
    /// or `None` when it is not a point of `curve`'s group other than the
    /// identity (off the curve, a coordinate not below the field prime, a
    /// wrong length). RustCrypto checks the curve equation on decoding.
    pub(crate) fn from_uncompressed(curve: Curve, point: &[u8]) -> Option<Self> {
        if point.len() != 1 + 2 * curve.coordinate_len() || point.first() != Some(&4) {
            return None;
        }
        Some(match curve {
            Curve::P256 => EcPublic::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()?),
            Curve::P384 => EcPublic::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()?),
            Curve::P521 => EcPublic::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()?),
        })
    }

    /// Whether `signature`, `r || s` of exactly twice the coordinate length
    /// with `r` and `s` in `[1, n - 1]`, verifies over the digest `prehash`
    /// under the algorithm of this key's curve. DER signatures, other
    /// lengths, out-of-range scalars and another curve's algorithm are
    /// `false`.
    pub(crate) fn verify_prehashed(&self, prehash: &Prehash, signature: &[u8]) -> bool {
        let digest = prehash.as_bytes();
        match (self, prehash.algorithm()) {
            (EcPublic::P256(key), SignatureAlgorithm::Es256) => verify_one(
                key,
                digest,
                p256::ecdsa::Signature::from_slice(signature).ok(),
            ),
            (EcPublic::P384(key), SignatureAlgorithm::Es384) => verify_one(
                key,
                digest,
                p384::ecdsa::Signature::from_slice(signature).ok(),
            ),
            (EcPublic::P521(key), SignatureAlgorithm::Es512) => verify_one(
                key,
                digest,
                p521::ecdsa::Signature::from_slice(signature).ok(),
            ),
            _ => false,
        }
    }
}

/// One curve's verification, in a frame of its own: inlined, the three
/// curves' arithmetic shared one 14 KB frame in the Cortex-M firmware
/// (LLVM did not overlap the arms' locals), and an ES256 check paid for
/// P-521's tables.
#[inline(never)]
fn verify_one<K: PrehashVerifier<S>, S>(key: &K, digest: &[u8], signature: Option<S>) -> bool {
    signature.is_some_and(|s| key.verify_prehash(digest, &s).is_ok())
}

/// An EC private key as this backend uses it: a scalar in `[1, n - 1]`
/// (RustCrypto wipes it on drop).
#[derive(Clone)]
pub(crate) enum EcPrivate {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
}

impl EcPrivate {
    /// The key whose big-endian scalar is `scalar`, exactly the curve's
    /// length; `None` for zero, a scalar not below the group order, or
    /// another length.
    pub(crate) fn from_scalar(curve: Curve, scalar: &[u8]) -> Option<Self> {
        if scalar.len() != curve.coordinate_len() {
            return None;
        }
        Some(match curve {
            Curve::P256 => EcPrivate::P256(p256::ecdsa::SigningKey::from_slice(scalar).ok()?),
            Curve::P384 => EcPrivate::P384(p384::ecdsa::SigningKey::from_slice(scalar).ok()?),
            Curve::P521 => EcPrivate::P521(p521::ecdsa::SigningKey::from_slice(scalar).ok()?),
        })
    }

    /// The key's curve.
    #[cfg_attr(not(feature = "aws-lc-rs"), allow(dead_code))]
    pub(crate) fn curve(&self) -> Curve {
        match self {
            EcPrivate::P256(_) => Curve::P256,
            EcPrivate::P384(_) => Curve::P384,
            EcPrivate::P521(_) => Curve::P521,
        }
    }

    /// A new key drawn from `rng` (rejection sampling in `[1, n - 1]`).
    pub(crate) fn generate<R: rand_core::CryptoRng + ?Sized>(curve: Curve, rng: &mut R) -> Self {
        use p256::elliptic_curve::Generate;
        match curve {
            Curve::P256 => EcPrivate::P256(p256::ecdsa::SigningKey::generate_from_rng(rng)),
            Curve::P384 => EcPrivate::P384(p384::ecdsa::SigningKey::generate_from_rng(rng)),
            Curve::P521 => EcPrivate::P521(p521::ecdsa::SigningKey::generate_from_rng(rng)),
        }
    }

    /// The scalar, big-endian, exactly the curve's length, into `out`
    /// (the caller wipes it); returns its length.
    pub(crate) fn write_scalar(&self, out: &mut [u8]) -> usize {
        let mut copy = |bytes: &[u8]| copy_into(out, bytes);
        match self {
            EcPrivate::P256(key) => copy(&zeroize::Zeroizing::new(key.to_bytes())),
            EcPrivate::P384(key) => copy(&zeroize::Zeroizing::new(key.to_bytes())),
            EcPrivate::P521(key) => copy(&zeroize::Zeroizing::new(key.to_bytes())),
        }
    }

    /// The public point, uncompressed (`04 || x || y`), into `out`;
    /// returns its length.
    pub(crate) fn write_public_point(&self, out: &mut [u8]) -> usize {
        let mut copy = |bytes: &[u8]| copy_into(out, bytes);
        match self {
            EcPrivate::P256(key) => copy(key.verifying_key().to_sec1_point(false).as_bytes()),
            EcPrivate::P384(key) => copy(key.verifying_key().to_sec1_point(false).as_bytes()),
            EcPrivate::P521(key) => copy(key.verifying_key().to_sec1_point(false).as_bytes()),
        }
    }

    /// The `r || s` signature over the digest `prehash`, hedged with `rng`
    /// (RFC 6979 with added randomness); `None` when `prehash` is for
    /// another curve's algorithm.
    pub(crate) fn sign_prehashed<R: rand_core::CryptoRng + ?Sized>(
        &self,
        prehash: &Prehash,
        rng: &mut R,
    ) -> Option<alloc::vec::Vec<u8>> {
        use p256::ecdsa::signature::hazmat::RandomizedPrehashSigner;
        let digest = prehash.as_bytes();
        match (self, prehash.algorithm()) {
            (EcPrivate::P256(key), SignatureAlgorithm::Es256) => {
                let s: p256::ecdsa::Signature = key.sign_prehash_with_rng(rng, digest).ok()?;
                Some(s.to_bytes().to_vec())
            }
            (EcPrivate::P384(key), SignatureAlgorithm::Es384) => {
                let s: p384::ecdsa::Signature = key.sign_prehash_with_rng(rng, digest).ok()?;
                Some(s.to_bytes().to_vec())
            }
            (EcPrivate::P521(key), SignatureAlgorithm::Es512) => {
                let s: p521::ecdsa::Signature = key.sign_prehash_with_rng(rng, digest).ok()?;
                Some(s.to_bytes().to_vec())
            }
            _ => None,
        }
    }
}

/// Copies `bytes` to the front of `out`; returns how many were copied.
fn copy_into(out: &mut [u8], bytes: &[u8]) -> usize {
    for (to, from) in out.iter_mut().zip(bytes) {
        *to = *from;
    }
    bytes.len().min(out.len())
}
