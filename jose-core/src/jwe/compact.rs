//! The compact JWE serialization (RFC 7516 §7.1): split, bound, decode.
//!
//! Order matters here. The token's size and part count are checked first; then
//! every part's length against what it could possibly be, before any decoding;
//! then the header is decoded and every header and policy rule applied; only
//! then are the encrypted key, IV and tag decoded (into fixed arrays). The
//! ciphertext stays encoded until `decrypt` decodes it into the caller's buffer.

use core::fmt;

use crate::algorithm::{self, ContentAlgorithm, KeyAlgorithm};
use crate::base64url;
use crate::error::{Detail, Error, Part};
use crate::header::{Header, HeaderBuf};
use crate::keys::DecryptionRequest;
use crate::policy::{MAX_HEADER_LEN, MAX_RSA_BITS, MIN_RSA_BITS, Policy};

/// The longest encrypted key: the largest accepted RSA modulus, in bytes.
const MAX_ENCRYPTED_KEY_LEN: usize = MAX_RSA_BITS / 8;

/// A parsed compact JWE whose header has passed every check.
///
/// Holds the decoded header, encrypted key, IV and tag in fixed arrays (about
/// 4.9 KiB in all on 64-bit targets) and borrows the rest from the token.
///
/// ```
/// let token = include_str!("../../../vectors/rfc7516_A1.jwe").trim();
/// let jwe = jose_core::jwe::Compact::parse(token)?;
/// assert_eq!(jwe.key_algorithm(), jose_core::KeyAlgorithm::RsaOaep);
/// assert_eq!(jwe.content_algorithm(), jose_core::ContentAlgorithm::A256Gcm);
/// assert_eq!(jwe.buffer_len(), 63);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct Compact<'t, S = [u8; MAX_HEADER_LEN]> {
    pub(super) header: HeaderBuf<S>,
    pub(super) protected: &'t str,
    pub(super) ciphertext: &'t str,
    pub(super) ciphertext_len: usize,
    pub(super) encrypted_key: [u8; MAX_ENCRYPTED_KEY_LEN],
    pub(super) encrypted_key_len: usize,
    pub(super) iv: [u8; ContentAlgorithm::MAX_IV_LEN],
    pub(super) tag: [u8; ContentAlgorithm::MAX_TAG_LEN],
    /// The header's `iv` and `tag` of an `A*GCMKW` token (zero otherwise).
    pub(super) key_wrap_iv: [u8; 12],
    pub(super) key_wrap_tag: [u8; 16],
    pub(super) alg: KeyAlgorithm,
    pub(super) enc: ContentAlgorithm,
    pub(super) policy: Policy,
}

impl<'t> Compact<'t> {
    /// Parses `token` under the default [`Policy`].
    ///
    /// ```
    /// use jose_core::{jwe::Compact, ErrorKind};
    /// let err = Compact::parse("only.four.parts.here").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Malformed);
    /// ```
    pub fn parse(token: &'t str) -> Result<Self, Error> {
        Self::parse_with_policy(token, &Policy::new())
    }

    /// Parses `token`, applying `policy`'s limits and allow-lists. Nothing here
    /// touches a key: a token refused by this call costs no RSA operation.
    ///
    /// ```
    /// use jose_core::{jwe::Compact, ErrorKind, KeyAlgorithm, KeyAlgorithms, Policy};
    /// let token = include_str!("../../../vectors/rfc7516_A1.jwe").trim();
    /// let only_256 = Policy::new().key_algorithms(KeyAlgorithms::none().with(KeyAlgorithm::RsaOaep256));
    /// let err = Compact::parse_with_policy(token, &only_256).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Policy);
    /// ```
    pub fn parse_with_policy(token: &'t str, policy: &Policy) -> Result<Self, Error> {
        Compact::parse_into(token, policy, [0; MAX_HEADER_LEN])
    }
}

impl<'t, S: AsRef<[u8]> + AsMut<[u8]>> Compact<'t, S> {
    /// [`Compact::parse_with_policy`], decoding the header into `storage`
    /// instead of a 4 KiB array: a smaller array (a header longer than it is
    /// a `buffer` error), or a slice of a buffer you own (the nested path
    /// uses the front of the caller's buffer, before the plaintext).
    ///
    /// ```
    /// use jose_core::{jwe::Compact, ErrorKind, Policy};
    /// let token = include_str!("../../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = Compact::parse_into(token, &Policy::new(), [0u8; 64])?;
    /// assert!(jwe.header().alg() == "RSA-OAEP");
    /// let err = Compact::parse_into(token, &Policy::new(), [0u8; 16]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Buffer);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn parse_into(token: &'t str, policy: &Policy, storage: S) -> Result<Self, Error> {
        let [protected, encrypted_key, iv, ciphertext, tag] =
            crate::compact::split::<5>(token, policy)?;

        // Upper bounds first: nothing is decoded until every part could be valid.
        // The encrypted key's lower bound depends on `alg` (`dir` and ECDH-ES
        // carry none), so it is checked once `alg` is known to be RSA-OAEP.
        let encrypted_key_len = base64url::decoded_len(encrypted_key.len()).ok_or(
            Error::malformed(Part::EncryptedKey, "base64url length is impossible"),
        )?;
        if encrypted_key_len > MAX_ENCRYPTED_KEY_LEN {
            return Err(Error::malformed(
                Part::EncryptedKey,
                "longer than the largest accepted RSA modulus",
            )
            .with(Detail::Limit {
                found: encrypted_key_len,
                limit: MAX_ENCRYPTED_KEY_LEN,
            }));
        }
        let iv_len = bounded_len(iv, Part::Iv, ContentAlgorithm::MAX_IV_LEN)?;
        let tag_len = bounded_len(tag, Part::Tag, ContentAlgorithm::MAX_TAG_LEN)?;
        let ciphertext_len = base64url::decoded_len(ciphertext.len()).ok_or(Error::malformed(
            Part::Ciphertext,
            "base64url length is impossible",
        ))?;

        // Built in place: the struct holds 4.7 KiB of fixed arrays, and moving
        // them between frames costs stack on small devices.
        let mut jwe = Compact {
            header: HeaderBuf::with_storage(storage),
            protected,
            ciphertext,
            ciphertext_len,
            encrypted_key: [0; MAX_ENCRYPTED_KEY_LEN],
            encrypted_key_len,
            iv: [0; ContentAlgorithm::MAX_IV_LEN],
            tag: [0; ContentAlgorithm::MAX_TAG_LEN],
            key_wrap_iv: [0; 12],
            key_wrap_tag: [0; 16],
            alg: KeyAlgorithm::RsaOaep,
            enc: ContentAlgorithm::A128Gcm,
            policy: *policy,
        };
        jwe.header
            .decode_into(protected.as_bytes(), policy.max_header())?;
        let view = jwe.header.view();
        let enc_name = view
            .enc()
            .ok_or(Error::malformed(Part::Header, "missing member").with(Detail::Name("enc")))?;
        let alg = algorithm::key_algorithm(view.alg(), enc_name)?;
        let enc = algorithm::content_algorithm(enc_name)?;
        policy.check_key_algorithm(alg)?;
        policy.check_content_algorithm(enc)?;
        jwe.alg = alg;
        jwe.enc = enc;

        match alg.encrypted_key_len(enc) {
            // dir's is empty, a key wrap's fixed by enc: anything else is
            // not a token of this alg (a public fact, not a key's answer).
            Some(expected) => exact(Part::EncryptedKey, encrypted_key_len, expected)?,
            None if encrypted_key_len < MIN_RSA_BITS / 8 => {
                return Err(Error::malformed(
                    Part::EncryptedKey,
                    "shorter than the smallest accepted RSA modulus",
                )
                .with(Detail::Minimum {
                    found: encrypted_key_len,
                    minimum: MIN_RSA_BITS / 8,
                }));
            }
            None => {}
        }
        if alg.is_gcm_key_wrap() {
            header_bytes(&view, "iv", &mut jwe.key_wrap_iv)?;
            header_bytes(&view, "tag", &mut jwe.key_wrap_tag)?;
        }
        // `key_algorithm` refused ECDH-ES in a build without EC keys.
        #[cfg(any(feature = "ecdsa", feature = "x25519"))]
        if alg.is_ecdh() {
            super::agreement::ephemeral_key(&view)?;
            super::agreement::check_party_info(&view)?;
        }
        exact(Part::Iv, iv_len, enc.iv_len())?;
        exact(Part::Tag, tag_len, enc.tag_len())?;
        if !enc.is_gcm() && (ciphertext_len == 0 || !ciphertext_len.is_multiple_of(16)) {
            return Err(Error::malformed(
                Part::Ciphertext,
                "CBC ciphertext must be a non-empty multiple of 16 bytes",
            )
            .with(Detail::Bytes(ciphertext_len)));
        }
        base64url::decode_public(
            encrypted_key.as_bytes(),
            &mut jwe.encrypted_key,
            Part::EncryptedKey,
        )?;
        base64url::decode_public(iv.as_bytes(), &mut jwe.iv, Part::Iv)?;
        base64url::decode_public(tag.as_bytes(), &mut jwe.tag, Part::Tag)?;
        Ok(jwe)
    }
}

impl<'t, S: AsRef<[u8]>> Compact<'t, S> {
    /// The protected header.
    ///
    /// ```
    /// let token = include_str!("../../../vectors/rfc7520_5_2.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert!(jwe.header().kid().unwrap() == "samwise.gamgee@hobbiton.example");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn header(&self) -> Header<'_> {
        self.header.view()
    }

    /// The key management algorithm (`alg`).
    ///
    /// ```
    /// let token = include_str!("../../../vectors/rfc7520_5_2.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert_eq!(jwe.key_algorithm(), jose_core::KeyAlgorithm::RsaOaep);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        self.alg
    }

    /// The content encryption algorithm (`enc`).
    ///
    /// ```
    /// let token = include_str!("../../../vectors/rfc7520_5_2.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert_eq!(jwe.content_algorithm(), jose_core::ContentAlgorithm::A256Gcm);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn content_algorithm(&self) -> ContentAlgorithm {
        self.enc
    }

    /// The buffer size [`Compact::decrypt`] needs: the decoded ciphertext length
    /// (the plaintext is never longer).
    ///
    /// ```
    /// let token = include_str!("../../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// let mut buf = vec![0u8; jwe.buffer_len()];
    /// # let _ = &mut buf;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn buffer_len(&self) -> usize {
        self.ciphertext_len
    }

    /// What this token asks the receiver's keys for ([`DecryptionKeys`]).
    ///
    /// ```
    /// use jose_core::keys::{DecryptionKeys, PrivateKeySet};
    /// let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// assert_eq!(mine.decryption_key(&jwe.key_request())?.kid(), Some("api-enc-2048"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    ///
    /// [`DecryptionKeys`]: crate::keys::DecryptionKeys
    pub fn key_request(&self) -> DecryptionRequest<'_> {
        #[cfg(any(feature = "ecdsa", feature = "x25519"))]
        let agreement = super::agreement::ephemeral_key(&self.header())
            .ok()
            .map(|epk| epk.kind());
        #[cfg(not(any(feature = "ecdsa", feature = "x25519")))]
        let agreement = None;
        DecryptionRequest::new(self.header(), self.alg, self.enc, agreement)
    }

    pub(crate) fn into_header(self) -> HeaderBuf<S> {
        self.header
    }

    /// The encrypted key's length in bytes; it must equal the key's modulus length.
    ///
    /// ```
    /// let token = include_str!("../../../vectors/rfc7520_5_2.jwe").trim();
    /// assert_eq!(jose_core::jwe::Compact::parse(token)?.encrypted_key_len(), 512);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn encrypted_key_len(&self) -> usize {
        self.encrypted_key_len
    }
}

/// Decodes the header member `name` (base64url, exactly `out.len()` bytes
/// decoded) into `out`: the `iv` and `tag` of AES-GCM key wrap (RFC 7518
/// §4.7.1).
fn header_bytes(header: &Header<'_>, name: &'static str, out: &mut [u8]) -> Result<(), Error> {
    let missing = || Error::malformed(Part::Header, "missing member").with(Detail::Name(name));
    let text = header
        .get(name)
        .ok_or_else(missing)?
        .as_str()
        .and_then(|s| s.as_plain())
        .ok_or_else(|| {
            Error::malformed(Part::Header, "member must be a base64url string")
                .with(Detail::Name(name))
        })?;
    let len = base64url::decoded_len(text.len());
    if len != Some(out.len()) {
        return Err(
            Error::malformed(Part::Header, "wrong length for the key wrap")
                .with(Detail::Name(name)),
        );
    }
    base64url::decode_public(text.as_bytes(), out, Part::Header).map(|_| ())
}

/// The decoded length of a part, refused before decoding if empty or longer
/// than `max`.
fn bounded_len(encoded: &str, part: Part, max: usize) -> Result<usize, Error> {
    if encoded.is_empty() {
        return Err(Error::malformed(part, "empty"));
    }
    let len = base64url::checked_decoded_len(encoded.as_bytes(), part)?;
    if len > max {
        return Err(
            Error::malformed(part, "longer than any supported algorithm allows").with(
                Detail::Limit {
                    found: len,
                    limit: max,
                },
            ),
        );
    }
    Ok(len)
}

fn exact(part: Part, found: usize, expected: usize) -> Result<(), Error> {
    if found == expected {
        Ok(())
    } else {
        Err(Error::malformed(part, "wrong length for enc").with(Detail::Length { found, expected }))
    }
}

impl<S: AsRef<[u8]>> fmt::Debug for Compact<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compact")
            .field("header", &self.header())
            .field("encrypted_key_len", &self.encrypted_key_len)
            .field("ciphertext_len", &self.ciphertext_len)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::Compact;

    /// The README documents the stack a parsed token holds; keep it true.
    #[test]
    fn a_parsed_token_holds_under_5_kib() {
        let size = core::mem::size_of::<Compact<'_>>();
        assert!(size <= 5 * 1024, "Compact is {size} bytes");
        assert!(size >= 4096 + 512 + 16 + 32, "Compact is {size} bytes");
    }
}
