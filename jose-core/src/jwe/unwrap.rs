//! Key unwrap: the encrypted key to a content key, with RSA-OAEP.
//!
//! Whether an RSA-OAEP block decodes is an oracle (Manger's attack), so its
//! result never leaves this module as an error. A random content key of the
//! right length is drawn first, every time; the unwrapped key replaces it only
//! if decryption succeeded *and* produced exactly the length `enc` needs. The
//! backend answers that as a `Choice` (on the pure-Rust backend computed
//! without a branch on the block), and the replacement is a constant-time
//! select. A bad block, a wrong key and a
//! wrong-length key therefore all surface later, at the tag check, as the one
//! `decrypt` error (RFC 7516 §11.5).

use rand_core::CryptoRng;
use subtle::ConditionallySelectable;

use super::content::ContentKey;
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm};
use crate::keys::PrivateKey;

/// The content key for `enc`: the unwrapped one, or an unpredictable one.
pub(crate) fn content_key<R: CryptoRng + ?Sized>(
    key: &PrivateKey,
    alg: KeyAlgorithm,
    enc: ContentAlgorithm,
    encrypted_key: &[u8],
    rng: &mut R,
) -> ContentKey {
    let mut cek = ContentKey::zeroed(enc.key_len());
    rng.fill_bytes(cek.as_mut());
    let mut unwrapped = ContentKey::zeroed(enc.key_len());
    let use_it = key.oaep_unwrap_exact(alg, rng, encrypted_key, unwrapped.as_mut());
    for (byte, candidate) in cek.as_mut().iter_mut().zip(unwrapped.as_slice()) {
        byte.conditional_assign(candidate, use_it);
    }
    cek
}
