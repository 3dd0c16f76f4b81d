//! Key unwrap: the encrypted key to a content key, with RSA-OAEP.
//!
//! Whether an RSA-OAEP block decodes is an oracle (Manger's attack), so its
//! result never leaves this module as an error. A random content key of the
//! right length is drawn first, every time; the unwrapped key replaces it only
//! if decryption succeeded *and* produced exactly the length `enc` needs, and
//! the replacement is a constant-time select. A bad block, a wrong key and a
//! wrong-length key therefore all surface later, at the tag check, as the one
//! `decrypt` error (RFC 7516 §11.5).

use rand_core::CryptoRng;
use subtle::{Choice, ConditionallySelectable};

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
    let unwrapped = key.oaep_decrypt(alg, rng, encrypted_key);
    let (candidate, found_len) = match &unwrapped {
        Some(bytes) => (bytes.as_slice(), bytes.len()),
        None => (&[][..], 0),
    };
    let use_it = Choice::from(u8::from(found_len == enc.key_len()));
    for (i, byte) in cek.as_mut().iter_mut().enumerate() {
        let unwrapped_byte = candidate.get(i).copied().unwrap_or(0);
        byte.conditional_assign(&unwrapped_byte, use_it);
    }
    cek
}
