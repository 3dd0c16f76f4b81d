//! HMAC for JWS (HS256, HS384, HS512) with RustCrypto's `hmac` and `sha2`,
//! on every backend (as the CBC-HMAC content encryption is): the tag is
//! computed over the signing input fed in pieces (so the nested path can
//! re-encode it, as for EdDSA) and compared in constant time
//! (`Mac::verify_slice`, `subtle` underneath).

use alloc::vec::Vec;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::digest::SignedInput;
use crate::algorithm::SignatureAlgorithm;

/// Whether `tag` is the HMAC of `input` under `alg` with `key`, compared in
/// constant time; `false` for a non-HMAC `alg` or a digest-only input.
pub(crate) fn verify(
    alg: SignatureAlgorithm,
    key: &[u8],
    input: &SignedInput<'_>,
    tag: &[u8],
) -> bool {
    fn check<M: Mac + KeyInit>(key: &[u8], input: &SignedInput<'_>, tag: &[u8]) -> bool {
        let Ok(mut mac) = <M as KeyInit>::new_from_slice(key) else {
            return false;
        };
        input.feed(&mut |piece| mac.update(piece)) && mac.verify_slice(tag).is_ok()
    }
    match alg {
        SignatureAlgorithm::Hs256 => check::<Hmac<Sha256>>(key, input, tag),
        SignatureAlgorithm::Hs384 => check::<Hmac<Sha384>>(key, input, tag),
        SignatureAlgorithm::Hs512 => check::<Hmac<Sha512>>(key, input, tag),
        _ => false,
    }
}

/// The HMAC of `input` under `alg` with `key`; `None` for a non-HMAC `alg`.
pub(crate) fn sign(alg: SignatureAlgorithm, key: &[u8], input: &[u8]) -> Option<Vec<u8>> {
    fn tag<M: Mac + KeyInit>(key: &[u8], input: &[u8]) -> Option<Vec<u8>> {
        let mut mac = <M as KeyInit>::new_from_slice(key).ok()?;
        mac.update(input);
        Some(mac.finalize().into_bytes().to_vec())
    }
    match alg {
        SignatureAlgorithm::Hs256 => tag::<Hmac<Sha256>>(key, input),
        SignatureAlgorithm::Hs384 => tag::<Hmac<Sha384>>(key, input),
        SignatureAlgorithm::Hs512 => tag::<Hmac<Sha512>>(key, input),
        _ => None,
    }
}
