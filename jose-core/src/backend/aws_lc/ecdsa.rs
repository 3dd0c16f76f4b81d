//! ECDSA verification (ES256, ES384, ES512) through aws-lc-rs: one parsed
//! key bound to its curve's fixed-length (`r || s`) algorithm, a digest
//! computed above the seam.

use aws_lc_rs::digest::Digest;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED, ECDSA_P384_SHA384_FIXED, ECDSA_P521_SHA512_FIXED, ParsedPublicKey,
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
        Digest::import_less_safe(prehash.as_bytes(), super::digest_algorithm(alg))
            .is_ok_and(|digest| self.key.verify_digest_sig(&digest, signature).is_ok())
    }
}
