//! The content layer: authenticated decryption (and encryption) of a JWE's
//! ciphertext with a known content key, for every implemented `enc`.
//!
//! The JWE path calls this after key unwrap; it is public for callers that hold
//! the content key themselves and for checking published content vectors. It
//! never releases unauthenticated plaintext: CBC-HMAC checks the tag before it
//! decrypts, the pure-Rust GCM checks it before applying the keystream, and
//! the aws-lc-rs GCM's buffer is wiped when the tag fails. On any failure the
//! buffer is wiped and the one `decrypt` error is returned: a bad tag, bad
//! padding and a wrong key are indistinguishable.

use zeroize::Zeroize;

use super::cbc_hmac;
use crate::algorithm::ContentAlgorithm;
use crate::backend::{Backend, gcm};
use crate::error::{Detail, Error, ErrorKind, Part};

/// A content key in a zeroizing fixed array; never shown by `Debug`.
pub(crate) struct ContentKey {
    bytes: [u8; ContentAlgorithm::MAX_KEY_LEN],
    len: usize,
}

impl ContentKey {
    pub(crate) fn zeroed(len: usize) -> Self {
        ContentKey {
            bytes: [0; ContentAlgorithm::MAX_KEY_LEN],
            len: len.min(ContentAlgorithm::MAX_KEY_LEN),
        }
    }

    // `len` is clamped to the array when set: the split is total.
    pub(crate) fn as_mut(&mut self) -> &mut [u8] {
        let len = self.len.min(self.bytes.len());
        self.bytes.split_at_mut(len).0
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes.split_at(self.len.min(self.bytes.len())).0
    }
}

impl Drop for ContentKey {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

/// An authentication tag produced by [`encrypt`].
///
/// ```
/// # use jose_core::{jwe::content, ContentAlgorithm};
/// let mut buf = [0u8; 16];
/// let (_, tag) = content::encrypt(ContentAlgorithm::A128Gcm, &[0; 16], &[0; 12], b"", &mut buf, 0)?;
/// assert_eq!(tag.as_slice().len(), 16);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthTag {
    bytes: [u8; ContentAlgorithm::MAX_TAG_LEN],
    len: usize,
}

impl AuthTag {
    /// The tag bytes.
    ///
    /// ```
    /// # use jose_core::{jwe::content, ContentAlgorithm};
    /// # let mut buf = [0u8; 16];
    /// let (_, tag) = content::encrypt(ContentAlgorithm::A256CbcHs512, &[1; 64], &[2; 16], b"", &mut buf, 0)?;
    /// assert_eq!(tag.as_slice().len(), 32);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.split_at(self.len.min(self.bytes.len())).0
    }
}

fn check_lengths(enc: ContentAlgorithm, key: &[u8], iv: &[u8]) -> Result<(), Error> {
    if key.len() != enc.key_len() {
        return Err(Error::new(
            ErrorKind::InvalidKey,
            Some(Part::Key),
            "content key has the wrong length for enc",
        )
        .with(Detail::Length {
            found: key.len(),
            expected: enc.key_len(),
        }));
    }
    if iv.len() != enc.iv_len() {
        return Err(
            Error::malformed(Part::Iv, "wrong length for enc").with(Detail::Length {
                found: iv.len(),
                expected: enc.iv_len(),
            }),
        );
    }
    Ok(())
}

/// Authenticates `aad`, `iv` and the ciphertext in `buf` under `key`, then
/// decrypts `buf` in place and returns the plaintext length (the plaintext is
/// `&buf[..len]`).
///
/// `key`, `iv` and `tag` must have exactly the lengths `enc` requires (a
/// truncated tag is refused, never accepted). On failure `buf` is zeroed.
///
/// ```
/// use jose_core::{jwe::content, ContentAlgorithm};
///
/// let (key, iv, aad) = ([7u8; 32], [9u8; 12], b"header");
/// let mut buf = *b"hello";
/// let (len, tag) = content::encrypt(ContentAlgorithm::A256Gcm, &key, &iv, aad, &mut buf, 5)?;
/// let len = content::decrypt(ContentAlgorithm::A256Gcm, &key, &iv, aad, &mut buf[..len], tag.as_slice())?;
/// assert_eq!(&buf[..len], b"hello");
///
/// // A wrong AAD is the one decryption error, and wipes the buffer.
/// let err = content::decrypt(ContentAlgorithm::A256Gcm, &key, &iv, b"other", &mut buf, tag.as_slice())
///     .unwrap_err();
/// assert_eq!(err.kind(), jose_core::ErrorKind::Decrypt);
/// assert_eq!(buf, [0u8; 5]);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn decrypt(
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> Result<usize, Error> {
    decrypt_on(Backend::DEFAULT, enc, key, iv, aad, buf, tag)
}

/// [`decrypt`] on `backend` (the one of the key that unwrapped `key`).
pub(crate) fn decrypt_on(
    backend: Backend,
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> Result<usize, Error> {
    check_lengths(enc, key, iv)?;
    if tag.len() != enc.tag_len() {
        return Err(
            Error::malformed(Part::Tag, "wrong length for enc").with(Detail::Length {
                found: tag.len(),
                expected: enc.tag_len(),
            }),
        );
    }
    let opened = if enc.is_gcm() {
        gcm::open(backend, enc, key, iv, aad, buf, tag).then_some(buf.len())
    } else {
        cbc_hmac::open(enc, key, iv, aad, buf, tag)
    };
    opened.ok_or_else(|| {
        buf.zeroize();
        Error::decrypt()
    })
}

/// Encrypts the first `len` bytes of `buf` in place and returns the ciphertext
/// length and the tag. GCM ciphertext is as long as the plaintext; CBC adds
/// 1 to 16 bytes of padding, so `buf` must have room for
/// [`ciphertext_len`]`(enc, len)` bytes.
///
/// The caller chooses `iv`; it must never repeat under one key (the producing
/// side draws it from a `CryptoRng`).
///
/// ```
/// use jose_core::{jwe::content, ContentAlgorithm};
/// let mut buf = [0u8; 32];
/// buf[..5].copy_from_slice(b"hello");
/// let (len, _tag) = content::encrypt(ContentAlgorithm::A128CbcHs256, &[1; 32], &[2; 16], b"", &mut buf, 5)?;
/// assert_eq!(len, 16);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn encrypt(
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    len: usize,
) -> Result<(usize, AuthTag), Error> {
    encrypt_on(Backend::DEFAULT, enc, key, iv, aad, buf, len)
}

/// [`encrypt`] on `backend` (the one of the key that wraps `key`).
pub(crate) fn encrypt_on(
    backend: Backend,
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    len: usize,
) -> Result<(usize, AuthTag), Error> {
    check_lengths(enc, key, iv)?;
    let need = ciphertext_len(enc, len);
    if buf.len() < need {
        return Err(Error::new(
            ErrorKind::Buffer,
            None,
            "buffer too small for the ciphertext",
        )
        .with(Detail::Buffer {
            have: buf.len(),
            need,
        }));
    }
    let mut tag = AuthTag {
        bytes: [0; ContentAlgorithm::MAX_TAG_LEN],
        len: enc.tag_len(),
    };
    let sealed = if enc.is_gcm() {
        let body = buf.get_mut(..len).ok_or(Error::internal())?;
        gcm::seal(backend, enc, key, iv, aad, body, &mut tag.bytes).then_some(len)
    } else {
        cbc_hmac::seal(enc, key, iv, aad, buf, len, &mut tag.bytes)
    };
    match sealed {
        Some(out) => Ok((out, tag)),
        None => Err(Error::new(
            ErrorKind::TooLarge,
            Some(Part::Ciphertext),
            "content too large to encrypt",
        )),
    }
}

/// The ciphertext length `enc` produces for `plaintext_len` bytes.
///
/// ```
/// use jose_core::{jwe::content::ciphertext_len, ContentAlgorithm};
/// assert_eq!(ciphertext_len(ContentAlgorithm::A256Gcm, 5), 5);
/// assert_eq!(ciphertext_len(ContentAlgorithm::A256CbcHs512, 16), 32);
/// ```
pub const fn ciphertext_len(enc: ContentAlgorithm, plaintext_len: usize) -> usize {
    if enc.is_gcm() {
        plaintext_len
    } else {
        plaintext_len - plaintext_len % 16 + 16
    }
}
