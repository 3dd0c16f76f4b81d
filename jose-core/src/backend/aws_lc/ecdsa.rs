//! EC keys through aws-lc-rs: ECDSA (ES256, ES384, ES512), one parsed key
//! bound to its curve's fixed-length (`r || s`) algorithm, a digest
//! computed above the seam, for verifying and for signing; and ECDH (the
//! `Z` of ECDH-ES) with the same scalar, parsed once as an agreement key.

use alloc::sync::Arc;

use aws_lc_rs::agreement::{self, ECDH_P256, ECDH_P384, ECDH_P521, UnparsedPublicKey};
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
    // aws-lc's agreement keys are not `Clone`; keys are shared read-only.
    agreement: Arc<agreement::PrivateKey>,
}

fn agreement_algorithm(curve: Curve) -> &'static agreement::Algorithm {
    match curve {
        Curve::P256 => &ECDH_P256,
        Curve::P384 => &ECDH_P384,
        Curve::P521 => &ECDH_P521,
    }
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
        let agreement = agreement::PrivateKey::from_private_key(agreement_algorithm(curve), scalar)
            .map_err(super::refused)?;
        Ok(EcPrivate {
            curve,
            pair,
            agreement: Arc::new(agreement),
        })
    }

    /// ECDH: `Z`, the x-coordinate of this key's scalar times the peer's
    /// uncompressed point (aws-lc checks it on the curve), into the front
    /// of `out`; its length, or `None` on any failure.
    pub(crate) fn shared_secret(&self, peer: &[u8], out: &mut [u8]) -> Option<usize> {
        let peer = UnparsedPublicKey::new(agreement_algorithm(self.curve), peer);
        agreement::agree(&self.agreement, peer, (), |z| {
            let out = out.get_mut(..z.len()).ok_or(())?;
            out.copy_from_slice(z);
            Ok(z.len())
        })
        .ok()
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
