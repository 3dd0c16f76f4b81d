//! Key unwrap: the encrypted key to a content key, with RSA-OAEP or a
//! shared secret (`dir`, AES key wrap, AES-GCM key wrap).
//!
//! Whether an RSA-OAEP block decodes is an oracle (Manger's attack), so its
//! result never leaves this module as an error. The same holds here for
//! every algorithm, so that failed decryption is one path whatever the key
//! management: a random content key of the right length is drawn first,
//! every time; the unwrapped key replaces it only if unwrapping succeeded
//! *and* produced exactly the length `enc` needs. The backend answers that
//! as a `Choice` (on the pure-Rust backend computed without a branch on the
//! RSA block), and the replacement is a constant-time select. A bad block,
//! a bad wrap, a wrong key and a wrong-length key therefore all surface
//! later, at the tag check, as the one `decrypt` error (RFC 7516 §11.5).
//!
//! `dir` has nothing to unwrap: the shared key is the content key (its
//! length was checked against `enc` before any decryption). ECDH-ES derives
//! the content key, or the key that unwraps it (`agreement`).

use rand_core::CryptoRng;
use subtle::{Choice, ConditionallySelectable};

use super::content::ContentKey;
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm};
use crate::backend::key_wrap;
use crate::header::Header;
use crate::keys::DecryptionKey;

/// What the token carries for unwrapping: the encrypted key, the header's
/// `iv` and `tag` for AES-GCM key wrap, and the header itself for ECDH-ES
/// (`epk`, `apu`, `apv`).
pub(crate) struct Wrapped<'a> {
    pub(crate) encrypted_key: &'a [u8],
    pub(crate) iv: &'a [u8; 12],
    pub(crate) tag: &'a [u8; 16],
    #[cfg_attr(not(any(feature = "ecdsa", feature = "x25519")), allow(dead_code))]
    pub(crate) header: Header<'a>,
}

/// The content key for `enc`: the unwrapped one, or an unpredictable one.
pub(crate) fn content_key<R: CryptoRng + ?Sized>(
    key: DecryptionKey<'_>,
    alg: KeyAlgorithm,
    enc: ContentAlgorithm,
    wrapped: &Wrapped<'_>,
    rng: &mut R,
) -> ContentKey {
    let mut cek = ContentKey::zeroed(enc.key_len());
    rng.fill_bytes(cek.as_mut());
    let mut unwrapped = ContentKey::zeroed(enc.key_len());
    let use_it = match key {
        #[cfg(any(feature = "ecdsa", feature = "x25519"))]
        DecryptionKey::Private(key) if alg.is_ecdh() => super::agreement::unwrap_exact(
            key,
            alg,
            enc,
            &wrapped.header,
            wrapped.encrypted_key,
            unwrapped.as_mut(),
        ),
        DecryptionKey::Private(key) => {
            key.oaep_unwrap_exact(alg, rng, wrapped.encrypted_key, unwrapped.as_mut())
        }
        DecryptionKey::Secret(secret) => {
            let kek = secret.bytes();
            match alg {
                KeyAlgorithm::Dir if kek.len() == unwrapped.as_slice().len() => {
                    unwrapped.as_mut().copy_from_slice(kek);
                    Choice::from(1)
                }
                _ if alg.is_gcm_key_wrap() => key_wrap::gcm_unwrap_exact(
                    alg,
                    kek,
                    wrapped.iv,
                    wrapped.tag,
                    wrapped.encrypted_key,
                    unwrapped.as_mut(),
                ),
                _ if alg.is_symmetric() && alg.wrapping_key_len().is_some() => {
                    key_wrap::aes_unwrap_exact(kek, wrapped.encrypted_key, unwrapped.as_mut())
                }
                _ => Choice::from(0),
            }
        }
    };
    for (byte, candidate) in cek.as_mut().iter_mut().zip(unwrapped.as_slice()) {
        byte.conditional_assign(candidate, use_it);
    }
    cek
}
