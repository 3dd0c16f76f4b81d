//! AES-GCM content encryption (RFC 7518 §5.3): 96-bit IV, 128-bit tag.

use aes::{Aes128, Aes192, Aes256};
use aes_gcm::aead::AeadInOut;
use aes_gcm::aead::consts::{U12, U16};
use aes_gcm::{AesGcm, KeyInit};

use crate::algorithm::ContentAlgorithm;

type Gcm<C> = AesGcm<C, U12>;

/// Authenticates and decrypts `buf` in place. On `false`, `buf` is untouched
/// ciphertext (the tag is checked before any keystream is applied).
pub(crate) fn open(
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> bool {
    match enc {
        ContentAlgorithm::A128Gcm => open_with::<Gcm<Aes128>>(key, iv, aad, buf, tag),
        ContentAlgorithm::A192Gcm => open_with::<Gcm<Aes192>>(key, iv, aad, buf, tag),
        ContentAlgorithm::A256Gcm => open_with::<Gcm<Aes256>>(key, iv, aad, buf, tag),
        _ => false,
    }
}

/// Encrypts `buf` in place and writes the 16-byte tag to `tag_out`.
pub(crate) fn seal(
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag_out: &mut [u8],
) -> bool {
    match enc {
        ContentAlgorithm::A128Gcm => seal_with::<Gcm<Aes128>>(key, iv, aad, buf, tag_out),
        ContentAlgorithm::A192Gcm => seal_with::<Gcm<Aes192>>(key, iv, aad, buf, tag_out),
        ContentAlgorithm::A256Gcm => seal_with::<Gcm<Aes256>>(key, iv, aad, buf, tag_out),
        _ => false,
    }
}

fn open_with<A>(key: &[u8], iv: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> bool
where
    A: KeyInit + AeadInOut<NonceSize = U12, TagSize = U16>,
{
    let (Ok(cipher), Ok(nonce), Ok(tag)) = (A::new_from_slice(key), iv.try_into(), tag.try_into())
    else {
        return false;
    };
    cipher
        .decrypt_inout_detached(nonce, aad, buf.into(), tag)
        .is_ok()
}

fn seal_with<A>(key: &[u8], iv: &[u8], aad: &[u8], buf: &mut [u8], tag_out: &mut [u8]) -> bool
where
    A: KeyInit + AeadInOut<NonceSize = U12, TagSize = U16>,
{
    let (Ok(cipher), Ok(nonce)) = (A::new_from_slice(key), iv.try_into()) else {
        return false;
    };
    match (
        cipher.encrypt_inout_detached(nonce, aad, buf.into()),
        tag_out.get_mut(..16),
    ) {
        (Ok(tag), Some(out)) => {
            out.copy_from_slice(&tag);
            true
        }
        _ => false,
    }
}
