//! AES-GCM content encryption (RFC 7518 §5.3) through aws-lc-rs: 96-bit IV,
//! 128-bit tag, in place with the tag apart.

use aws_lc_rs::aead::{AES_128_GCM, AES_192_GCM, AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

use crate::algorithm::ContentAlgorithm;

fn key(enc: ContentAlgorithm, key: &[u8]) -> Option<LessSafeKey> {
    let algorithm = match enc {
        ContentAlgorithm::A128Gcm => &AES_128_GCM,
        ContentAlgorithm::A192Gcm => &AES_192_GCM,
        ContentAlgorithm::A256Gcm => &AES_256_GCM,
        _ => return None,
    };
    UnboundKey::new(algorithm, key).ok().map(LessSafeKey::new)
}

/// Authenticates and decrypts `buf` in place. aws-lc may leave unauthenticated
/// plaintext in the buffer when the tag is wrong, so on `false` the buffer is
/// wiped here: it never holds plaintext of a ciphertext that did not verify.
pub(crate) fn open(
    enc: ContentAlgorithm,
    content_key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> bool {
    let (Some(cipher), Ok(nonce)) = (key(enc, content_key), Nonce::try_assume_unique_for_key(iv))
    else {
        return false;
    };
    let opened = cipher
        .open_in_place_separate_tag(nonce, Aad::from(aad), tag, buf)
        .is_ok();
    if !opened {
        buf.fill(0);
    }
    opened
}

/// Encrypts `buf` in place and writes the 16-byte tag to `tag_out`.
pub(crate) fn seal(
    enc: ContentAlgorithm,
    content_key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag_out: &mut [u8],
) -> bool {
    let (Some(cipher), Ok(nonce)) = (key(enc, content_key), Nonce::try_assume_unique_for_key(iv))
    else {
        return false;
    };
    match (
        cipher.seal_in_place_separate_tag(nonce, Aad::from(aad), buf),
        tag_out.get_mut(..16),
    ) {
        (Ok(tag), Some(out)) => {
            out.copy_from_slice(tag.as_ref());
            true
        }
        _ => false,
    }
}
