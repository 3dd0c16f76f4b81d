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
            (EcPublic::P256(key), SignatureAlgorithm::Es256) => {
                p256::ecdsa::Signature::from_slice(signature)
                    .is_ok_and(|s| key.verify_prehash(digest, &s).is_ok())
            }
            (EcPublic::P384(key), SignatureAlgorithm::Es384) => {
                p384::ecdsa::Signature::from_slice(signature)
                    .is_ok_and(|s| key.verify_prehash(digest, &s).is_ok())
            }
            (EcPublic::P521(key), SignatureAlgorithm::Es512) => {
                p521::ecdsa::Signature::from_slice(signature)
                    .is_ok_and(|s| key.verify_prehash(digest, &s).is_ok())
            }
            _ => false,
        }
    }
}
