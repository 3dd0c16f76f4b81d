//! ECDSA (ES256, ES384, ES512) through aws-lc-rs: one parsed key bound to
//! its curve's fixed-length (`r || s`) algorithm, a digest computed above
//! the seam, for verifying and for signing.

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED,
    ECDSA_P384_SHA384_FIXED_SIGNING, ECDSA_P521_SHA512_FIXED, ECDSA_P521_SHA512_FIXED_SIGNING,
    EcdsaKeyPair, ParsedPublicKey,
};

use crate::algorithm::Curve;
use crate::backend::Prehash;
use crate::error::Error;

/// An EC public key as aws-lc uses it.
#[derive(Clone)]
pub(crate) struct EcPublic {
    curve: Curve,
    key: ParsedPublicKey,
}

impl EcPublic {
    /// The key at the uncompressed SEC1 point `point` (already checked on
    /// its curve by the key layer); aws-lc checks it again.
    pub(crate) fn new(curve: Curve, point: &[u8]) -> Result<Self, Error> {
        let algorithm = match curve {
            Curve::P256 => &ECDSA_P256_SHA256_FIXED,
            Curve::P384 => &ECDSA_P384_SHA384_FIXED,
            Curve::P521 => &ECDSA_P521_SHA512_FIXED,
        };
        let key = ParsedPublicKey::new(algorithm, point).map_err(super::refused)?;
        Ok(EcPublic { curve, key })
    }

    /// Whether `signature` (`r || s`) verifies over the digest `prehash`,
    /// computed for this key's curve's algorithm.
    pub(crate) fn verify_prehashed(&self, prehash: &Prehash, signature: &[u8]) -> bool {
        let alg = prehash.algorithm();
        if alg != self.curve.signature_algorithm() {
            return false;
        }
        super::digest_of(prehash)
            .is_some_and(|digest| self.key.verify_digest_sig(&digest, signature).is_ok())
    }
}

/// An EC private key as aws-lc uses it (aws-lc wipes it when freed).
#[derive(Clone)]
pub(crate) struct EcPrivate {
    curve: Curve,
    pair: EcdsaKeyPair,
}

impl EcPrivate {
    /// The key pair of the big-endian `scalar` and its uncompressed public
    /// `point` (both checked by the key layer; aws-lc checks that they
    /// agree).
    pub(crate) fn new(curve: Curve, scalar: &[u8], point: &[u8]) -> Result<Self, Error> {
        let algorithm = match curve {
            Curve::P256 => &ECDSA_P256_SHA256_FIXED_SIGNING,
            Curve::P384 => &ECDSA_P384_SHA384_FIXED_SIGNING,
            Curve::P521 => &ECDSA_P521_SHA512_FIXED_SIGNING,
        };
        let pair = EcdsaKeyPair::from_private_key_and_public_key(algorithm, scalar, point)
            .map_err(super::refused)?;
        Ok(EcPrivate { curve, pair })
    }

    /// The `r || s` signature over the digest `prehash`; `None` when it is
    /// for another curve's algorithm. aws-lc draws the nonce itself.
    pub(crate) fn sign_prehashed(&self, prehash: &Prehash) -> Option<alloc::vec::Vec<u8>> {
        let alg = prehash.algorithm();
        if alg != self.curve.signature_algorithm() {
            return None;
        }
        let digest = super::digest_of(prehash)?;
        let signature = self.pair.sign_digest(&digest).ok()?;
        Some(signature.as_ref().to_vec())
    }
}
