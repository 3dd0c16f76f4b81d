//! Elliptic-curve Diffie-Hellman on P-256, P-384 and P-521 with RustCrypto's
//! group arithmetic: the x-coordinate of the private scalar times the
//! peer's point (SEC 1 §3.3.1), the `Z` that ECDH-ES derives its key from.
//!
//! The peer's point is checked on the curve (and not the identity) when it
//! is decoded (`EcPublic::from_uncompressed`), so no invalid-curve or
//! twist point reaches the multiplication; the multiplication is constant
//! time in the scalar.

use p256::elliptic_curve::point::AffineCoordinates;

use super::ecdsa::{EcPrivate, EcPublic};

/// `Z`, the shared x-coordinate, into the front of `out`; its length (the
/// curve's coordinate length), or `None` when the keys are on different
/// curves or `out` is too short.
pub(crate) fn shared_secret(private: &EcPrivate, peer: &EcPublic, out: &mut [u8]) -> Option<usize> {
    let mut copy = |x: &[u8]| {
        let out = out.get_mut(..x.len())?;
        out.copy_from_slice(x);
        Some(x.len())
    };
    match (private, peer) {
        (EcPrivate::P256(key), EcPublic::P256(peer)) => {
            let point = p256::ProjectivePoint::from(*peer.as_affine());
            let shared = (point * key.as_nonzero_scalar().as_ref()).to_affine();
            copy(&zeroize::Zeroizing::new(shared.x()))
        }
        (EcPrivate::P384(key), EcPublic::P384(peer)) => {
            let point = p384::ProjectivePoint::from(*peer.as_affine());
            let shared = (point * key.as_nonzero_scalar().as_ref()).to_affine();
            copy(&zeroize::Zeroizing::new(shared.x()))
        }
        (EcPrivate::P521(key), EcPublic::P521(peer)) => {
            let point = p521::ProjectivePoint::from(*peer.as_affine());
            let shared = (point * key.as_nonzero_scalar().as_ref()).to_affine();
            copy(&zeroize::Zeroizing::new(shared.x()))
        }
        _ => None,
    }
}
