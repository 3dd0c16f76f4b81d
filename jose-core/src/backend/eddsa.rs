//! Ed25519 (RFC 8032) with ed25519-dalek, on every backend: it verifies in
//! about 30 us on the machines we measure, where OpenSSL takes over 100, so
//! aws-lc would add an FFI path without a gain (measured in BENCHMARKS.md).
//!
//! Verification is strict, stricter than RFC 8032 §5.1.7 and OpenSSL (which
//! accept forgeries under small-order keys):
//! - the public key is refused at import unless it decodes, is canonical
//!   (its `y` below the field prime, the sign bit of a zero `x` clear) and
//!   not of small order;
//! - a signature is exactly 64 bytes, `S` below the group order `L`, `R`
//!   decodes and is not of small order, and the recomputed `R` equals the
//!   given one byte for byte (so a non-canonical `R` never matches).
//!
//! The message is fed in pieces (dalek's streaming verifier), so the nested
//! path can re-encode the signing input instead of keeping a copy; the
//! checks dalek's `verify_strict` adds over that verifier are made here.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

use super::digest::SignedInput;

/// The length of a key (public or private seed) and of half a signature.
pub(crate) const KEY_LEN: usize = 32;

/// An Ed25519 public key, checked at import.
#[derive(Clone)]
pub(crate) struct EdPublic {
    key: VerifyingKey,
}

/// The point `bytes` encodes, if it decodes and is not of small order.
fn large_order_point(bytes: &[u8; KEY_LEN]) -> Option<VerifyingKey> {
    let key = VerifyingKey::from_bytes(bytes).ok()?;
    (!key.is_weak()).then_some(key)
}

impl EdPublic {
    /// The key encoded as `bytes`; `None` unless it is a canonical encoding
    /// of a point that is not of small order.
    pub(crate) fn from_bytes(bytes: &[u8; KEY_LEN]) -> Option<Self> {
        let key = large_order_point(bytes)?;
        // Canonical: re-encoding gives the same bytes (y below p, no sign
        // bit on x = 0). Checked once, here.
        (key.to_edwards().compress().to_bytes() == *bytes).then_some(EdPublic { key })
    }

    /// Whether `signature` is this key's strict Ed25519 signature over
    /// `input`. A digest alone (never made for EdDSA) is `false`.
    pub(crate) fn verify(&self, input: &SignedInput<'_>, signature: &[u8]) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        let Some(r) = bytes.first_chunk::<KEY_LEN>() else {
            return false;
        };
        // A non-canonical `R` never equals the recomputed one (which is
        // canonical): only its order is checked here.
        if large_order_point(r).is_none() {
            return false;
        }
        // `S` below L is checked by dalek here (a non-canonical `S` is an
        // error, never reduced).
        let Ok(mut verifier) = self.key.verify_stream(&Signature::from_bytes(&bytes)) else {
            return false;
        };
        if !input.feed(&mut |piece| verifier.update(piece)) {
            return false;
        }
        verifier.finalize_and_verify().is_ok()
    }
}

/// An Ed25519 private key: its 32-byte seed (dalek wipes it on drop).
#[derive(Clone)]
pub(crate) struct EdPrivate {
    key: SigningKey,
}

impl EdPrivate {
    /// The key of `seed` (RFC 8032 §5.1.5: any 32 bytes).
    pub(crate) fn from_seed(seed: &[u8; KEY_LEN]) -> Self {
        EdPrivate {
            key: SigningKey::from_bytes(seed),
        }
    }

    /// The seed (secret: the caller keeps it in wiped memory).
    pub(crate) fn seed(&self) -> zeroize::Zeroizing<[u8; KEY_LEN]> {
        zeroize::Zeroizing::new(self.key.to_bytes())
    }

    /// The public key's encoding.
    pub(crate) fn public_bytes(&self) -> [u8; KEY_LEN] {
        self.key.verifying_key().to_bytes()
    }

    /// The (deterministic) signature over the signing input `input`.
    pub(crate) fn sign(&self, input: &[u8]) -> [u8; 64] {
        self.key.sign(input).to_bytes()
    }
}
