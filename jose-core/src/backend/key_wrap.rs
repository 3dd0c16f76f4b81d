//! The symmetric key-management primitives: AES key wrap (RFC 3394) for
//! A128KW, A192KW and A256KW, and AES-GCM key encryption for A128GCMKW,
//! A192GCMKW and A256GCMKW (RFC 7518 §4.7).
//!
//! AES key wrap is RFC 3394's index-based algorithm written here over
//! RustCrypto's `aes` block cipher, on both backends (a content key is at
//! most 64 bytes, 48 block operations, well under a microsecond; a second
//! implementation through aws-lc would buy nothing). It is ours rather than
//! the `aes-kw` crate's because unwrapping must not branch on its integrity
//! check: `aes-kw` 0.3.1 compares the recovered IV with `==` and clears its
//! output only on failure, a verdict-dependent time that
//! `jose-bench`'s `secret_timing aes-kw` showed. Here the IV is compared
//! with `subtle`, nothing else depends on the verdict, and the verdict is a
//! [`Choice`]. RFC 3394 §4's vectors and Wycheproof's key-wrap file check
//! both directions byte for byte. AES-GCM key encryption is the content
//! layer's AES-GCM (so aws-lc's on that backend) with an empty AAD.
//!
//! Unwrapping answers a [`Choice`] and writes into the caller's scratch
//! buffer whatever the verdict; the caller keeps its substitute key unless
//! the choice is set (see `jwe::unwrap`), so a bad wrap is never an error
//! of its own.

use aes::cipher::consts::U16;
use aes::cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use aes::{Aes128, Aes192, Aes256};
use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroize;

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

/// RFC 3394 §2.2.3.1's default initial value.
const IV: [u8; 8] = [0xA6; 8];

/// `A | R` as one AES block.
fn block_of(a: &[u8; 8], r: &[u8]) -> Array<u8, U16> {
    let mut block = Array::<u8, U16>::default();
    for (byte, value) in block.iter_mut().zip(a.iter().chain(r)) {
        *byte = *value;
    }
    block
}

/// Splits an AES block back into `A` and `R`.
fn split_block(block: &Array<u8, U16>, a: &mut [u8; 8], r: &mut [u8]) {
    for (byte, value) in a.iter_mut().chain(r.iter_mut()).zip(block.iter()) {
        *byte = *value;
    }
}

/// `A ^= t` (t big-endian, RFC 3394 §2.2.1).
fn xor_t(a: &mut [u8; 8], t: u64) {
    for (byte, value) in a.iter_mut().zip(t.to_be_bytes()) {
        *byte ^= value;
    }
}

/// Whether the lengths are RFC 3394's: key data of two 64-bit blocks or
/// more, wrapped into one block more. (The JWE layer's lengths are bounded
/// before this: a content key is at most 64 bytes.)
fn lengths_fit(key_data: usize, wrapped: usize) -> bool {
    key_data.is_multiple_of(8) && key_data >= 16 && Some(wrapped) == key_data.checked_add(8)
}

fn wrap_with<C: BlockCipherEncrypt<BlockSize = U16>>(cipher: &C, key: &[u8], out: &mut [u8]) {
    let (a_out, r) = out.split_at_mut(8);
    r.copy_from_slice(key);
    let n = (key.len() / 8) as u64;
    let mut a = IV;
    for j in 0..6u64 {
        for (i, chunk) in (1u64..).zip(r.chunks_exact_mut(8)) {
            let mut block = block_of(&a, chunk);
            cipher.encrypt_block(&mut block);
            split_block(&block, &mut a, chunk);
            xor_t(&mut a, n * j + i);
            block.zeroize();
        }
    }
    a_out.copy_from_slice(&a);
}

fn unwrap_with<C: BlockCipherDecrypt<BlockSize = U16>>(
    cipher: &C,
    wrapped: &[u8],
    out: &mut [u8],
) -> Choice {
    let (a_in, c) = wrapped.split_at(8);
    out.copy_from_slice(c);
    let n = (out.len() / 8) as u64;
    let mut a = [0u8; 8];
    a.copy_from_slice(a_in);
    for j in (0..6u64).rev() {
        for (i, chunk) in (1u64..=n).rev().zip(out.chunks_exact_mut(8).rev()) {
            xor_t(&mut a, n * j + i);
            let mut block = block_of(&a, chunk);
            cipher.decrypt_block(&mut block);
            split_block(&block, &mut a, chunk);
            block.zeroize();
        }
    }
    let intact = a.ct_eq(&IV);
    a.zeroize();
    intact
}

/// RFC 3394 wrap of `key` under `kek` into `out` (`key.len() + 8` bytes).
/// `false` if the lengths do not fit (key data of 16 bytes or more in
/// 8-byte blocks; never for the lengths JOSE uses).
pub(crate) fn aes_wrap(kek: &[u8], key: &[u8], out: &mut [u8]) -> bool {
    if !lengths_fit(key.len(), out.len()) {
        return false;
    }
    match kek.len() {
        16 => Aes128::new_from_slice(kek)
            .map(|c| wrap_with(&c, key, out))
            .is_ok(),
        24 => Aes192::new_from_slice(kek)
            .map(|c| wrap_with(&c, key, out))
            .is_ok(),
        32 => Aes256::new_from_slice(kek)
            .map(|c| wrap_with(&c, key, out))
            .is_ok(),
        _ => false,
    }
}

/// RFC 3394 unwrap of `wrapped` under `kek` into `out`, which receives the
/// unwrapping whatever the verdict; the choice is set only if the integrity
/// check passed (compared in constant time) and the key data is exactly
/// `out.len()` bytes. Lengths and the KEK's size are public; nothing after
/// the block operations depends on the verdict.
pub(crate) fn aes_unwrap_exact(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> Choice {
    if !lengths_fit(out.len(), wrapped.len()) {
        return Choice::from(0);
    }
    let unwrapped = match kek.len() {
        16 => Aes128::new_from_slice(kek).map(|c| unwrap_with(&c, wrapped, out)),
        24 => Aes192::new_from_slice(kek).map(|c| unwrap_with(&c, wrapped, out)),
        32 => Aes256::new_from_slice(kek).map(|c| unwrap_with(&c, wrapped, out)),
        _ => return Choice::from(0),
    };
    unwrapped.unwrap_or(Choice::from(0))
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
