//! The symmetric key-management primitives: AES key wrap (RFC 3394) for
//! A128KW, A192KW and A256KW, and AES-GCM key encryption for A128GCMKW,
//! A192GCMKW and A256GCMKW (RFC 7518 §4.7).
//!
//! AES key wrap is RustCrypto's `aes-kw` on both backends: a content key is
//! at most 64 bytes, 48 AES block operations, well under a microsecond, so a
//! second implementation would buy nothing. AES-GCM key encryption is the
//! content layer's AES-GCM (so aws-lc's on that backend) with an empty AAD.
//!
//! Unwrapping answers a [`Choice`] and writes into the caller's buffer; the
//! caller keeps its substitute key unless the choice is set (see
//! `jwe::unwrap`), so a bad wrap is never an error of its own.

use aes::{Aes128, Aes192, Aes256};
use aes_kw::{AesKw, KeyInit};
use subtle::Choice;

use super::{Backend, gcm};
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm};

/// The key-wrap algorithm's AES-GCM counterpart for the key itself.
fn gcm_for(alg: KeyAlgorithm) -> Option<ContentAlgorithm> {
    match alg {
        KeyAlgorithm::A128GcmKw => Some(ContentAlgorithm::A128Gcm),
        KeyAlgorithm::A192GcmKw => Some(ContentAlgorithm::A192Gcm),
        KeyAlgorithm::A256GcmKw => Some(ContentAlgorithm::A256Gcm),
        _ => None,
    }
}

/// RFC 3394 wrap of `key` under `kek` into `out` (`key.len() + 8` bytes).
/// `false` if the lengths do not fit (never for the lengths JOSE uses).
pub(crate) fn aes_wrap(kek: &[u8], key: &[u8], out: &mut [u8]) -> bool {
    fn wrap<C>(kek: &[u8], key: &[u8], out: &mut [u8]) -> bool
    where
        AesKw<C>: KeyInit,
        C: aes::cipher::BlockCipherEncrypt<BlockSize = aes::cipher::consts::U16>,
    {
        let Ok(kw) = AesKw::<C>::new_from_slice(kek) else {
            return false;
        };
        kw.wrap_key(key, out)
            .is_ok_and(|w| w.len() == key.len() + 8)
    }
    match kek.len() {
        16 => wrap::<Aes128>(kek, key, out),
        24 => wrap::<Aes192>(kek, key, out),
        32 => wrap::<Aes256>(kek, key, out),
        _ => false,
    }
}

/// RFC 3394 unwrap of `wrapped` under `kek` into `out`, set only if the
/// integrity check passed and the key is exactly `out.len()` bytes.
pub(crate) fn aes_unwrap_exact(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> Choice {
    fn unwrap<C>(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> bool
    where
        AesKw<C>: KeyInit,
        C: aes::cipher::BlockCipherDecrypt<BlockSize = aes::cipher::consts::U16>,
    {
        let Ok(kw) = AesKw::<C>::new_from_slice(kek) else {
            return false;
        };
        let want = out.len();
        kw.unwrap_key(wrapped, out).is_ok_and(|k| k.len() == want)
    }
    if wrapped.len() != out.len() + 8 {
        return Choice::from(0);
    }
    let ok = match kek.len() {
        16 => unwrap::<Aes128>(kek, wrapped, out),
        24 => unwrap::<Aes192>(kek, wrapped, out),
        32 => unwrap::<Aes256>(kek, wrapped, out),
        _ => false,
    };
    Choice::from(u8::from(ok))
}

/// AES-GCM encryption of `key` under `kek` for `alg` (an `A*GCMKW`): the
/// ciphertext into `out` (as long as `key`), the tag into `tag`.
pub(crate) fn gcm_wrap(
    alg: KeyAlgorithm,
    kek: &[u8],
    iv: &[u8; 12],
    key: &[u8],
    out: &mut [u8],
    tag: &mut [u8; 16],
) -> bool {
    let (Some(gcm_alg), Some(out)) = (gcm_for(alg), out.get_mut(..key.len())) else {
        return false;
    };
    out.copy_from_slice(key);
    gcm::seal(Backend::DEFAULT, gcm_alg, kek, iv, b"", out, tag)
}

/// AES-GCM decryption of `wrapped` under `kek` with the header's `iv` and
/// `tag`, into `out` (exactly `wrapped`'s length); set only if the tag
/// verified.
pub(crate) fn gcm_unwrap_exact(
    alg: KeyAlgorithm,
    kek: &[u8],
    iv: &[u8; 12],
    tag: &[u8; 16],
    wrapped: &[u8],
    out: &mut [u8],
) -> Choice {
    let Some(gcm_alg) = gcm_for(alg) else {
        return Choice::from(0);
    };
    if wrapped.len() != out.len() {
        return Choice::from(0);
    }
    out.copy_from_slice(wrapped);
    let ok = gcm::open(Backend::DEFAULT, gcm_alg, kek, iv, b"", out, tag);
    Choice::from(u8::from(ok))
}

#[cfg(test)]
mod tests {
    //! RFC 3394 §4's six vectors (vectors/rfc/rfc3394_4_aes_key_wrap.json)
    //! are exercised in tests/rfc.rs through the public wrap layer; these
    //! cover what only this module sees.
    use super::*;

    #[test]
    fn a_wrapped_key_unwraps_and_a_changed_one_does_not() {
        for kek_len in [16, 24, 32] {
            let kek = [0x42u8; 32];
            let kek = &kek[..kek_len];
            for key_len in [16, 24, 32, 48, 64] {
                let key: alloc::vec::Vec<u8> = (0..key_len as u8).collect();
                let mut wrapped = [0u8; 72];
                assert!(aes_wrap(kek, &key, &mut wrapped[..key_len + 8]));
                let wrapped = &mut wrapped[..key_len + 8];
                let mut out = [0u8; 64];
                let ok = aes_unwrap_exact(kek, wrapped, &mut out[..key_len]);
                assert!(bool::from(ok));
                assert_eq!(&out[..key_len], key.as_slice());
                // A wrapped key of another length is never taken.
                assert!(!bool::from(aes_unwrap_exact(
                    kek,
                    wrapped,
                    &mut out[..key_len - 8]
                )));
                for i in 0..wrapped.len() {
                    wrapped[i] ^= 1;
                    assert!(!bool::from(aes_unwrap_exact(
                        kek,
                        wrapped,
                        &mut out[..key_len]
                    )));
                    wrapped[i] ^= 1;
                }
            }
        }
    }

    #[test]
    fn gcm_key_encryption_round_trips_and_refuses_a_changed_tag() {
        let (kek, iv, key) = ([9u8; 32], [3u8; 12], [5u8; 32]);
        let (mut wrapped, mut tag) = ([0u8; 32], [0u8; 16]);
        assert!(gcm_wrap(
            KeyAlgorithm::A256GcmKw,
            &kek,
            &iv,
            &key,
            &mut wrapped,
            &mut tag
        ));
        let mut out = [0u8; 32];
        let ok = gcm_unwrap_exact(KeyAlgorithm::A256GcmKw, &kek, &iv, &tag, &wrapped, &mut out);
        assert!(bool::from(ok));
        assert_eq!(out, key);
        tag[0] ^= 1;
        let ok = gcm_unwrap_exact(KeyAlgorithm::A256GcmKw, &kek, &iv, &tag, &wrapped, &mut out);
        assert!(!bool::from(ok));
        // Not a GCM key-wrap algorithm: nothing is unwrapped.
        assert!(!gcm_wrap(
            KeyAlgorithm::A256Kw,
            &kek,
            &iv,
            &key,
            &mut wrapped,
            &mut tag
        ));
    }
}
