//! Shared secrets (`oct` keys, RFC 7518 §6.4): HMAC (HS256, HS384, HS512)
//! and symmetric key management (`dir`, A128KW..A256KW, A128GCMKW..
//! A256GCMKW). A secret is its own type, never a `PublicKey`, so no token
//! can turn a public key's bytes into a MAC key whatever its header says;
//! a secret shorter than an algorithm's hash never computes that algorithm
//! (RFC 7518 §3.2); a key-wrap key is exactly its AES key's length, a
//! `dir` key exactly the content key's.
//!
//! The bytes live in wiped memory and appear nowhere: not in `Debug`, not
//! in errors, not in fingerprints (a secret is identified in caches by a
//! number drawn when it was made, not by a hash an attacker could test
//! guesses against).

use alloc::vec::Vec;
use core::fmt;
#[cfg(target_has_atomic = "ptr")]
use core::sync::atomic::{AtomicUsize, Ordering};

use zeroize::Zeroizing;

use super::meta::{Algorithm, KeyKind, KeyMeta, KeyUse, Purpose};
use super::{KeysFingerprint, jwk};
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use crate::backend::{SignedInput, mac};
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};

/// The shortest secret accepted: an AES-128 key's 16 bytes (A128KW,
/// A128GCMKW, `dir` with A128GCM). HMAC asks more of the secret it uses:
/// at least the hash's length (HS256 32 bytes, RFC 7518 §3.2).
pub const MIN_SECRET_LEN: usize = 16;

/// The shortest OpenID client secret accepted, for HMAC or for the
/// derivation of an encryption key from it: HS256's 32 bytes.
const MIN_CLIENT_SECRET_LEN: usize = 32;

/// The longest secret accepted, a bound on what is copied and hashed.
pub const MAX_SECRET_LEN: usize = 1024;

/// Distinct identities for distinct secrets made in this process.
#[cfg(target_has_atomic = "ptr")]
static NEXT_IDENTITY: AtomicUsize = AtomicUsize::new(1);

/// A new identity; 0 (no identity: never cached) without atomics.
fn next_identity() -> usize {
    #[cfg(target_has_atomic = "ptr")]
    return NEXT_IDENTITY.fetch_add(1, Ordering::Relaxed);
    #[cfg(not(target_has_atomic = "ptr"))]
    0
}

/// A shared secret for HMAC (HS256/384/512) or symmetric key management
/// (`dir`, AES key wrap, AES-GCM key wrap), with the metadata a JWK gives
/// it (`kid`, `alg`, `use`, `key_ops`). 16 to 1024 bytes; HS256 needs 32,
/// HS384 48, HS512 64; A128KW 16 exactly, A192KW 24, A256KW 32; `dir`
/// exactly the content key's length. `Debug` shows its length and
/// metadata, never its bytes.
///
/// ```
/// use jose_core::keys::SecretKey;
/// let key = SecretKey::from_bytes(&[7u8; 32])?.with_kid("hmac-1");
/// assert_eq!((key.len(), key.kid()), (32, Some("hmac-1")));
/// assert!(SecretKey::from_bytes(&[7u8; 15]).is_err());
/// assert!(!format!("{key:?}").contains("7, 7"));
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone)]
pub struct SecretKey {
    bytes: Zeroizing<Vec<u8>>,
    identity: usize,
    pub(crate) meta: KeyMeta,
}

impl SecretKey {
    /// The secret `bytes`: 16 to 1024 of them.
    ///
    /// ```
    /// let key = jose_core::keys::SecretKey::from_bytes(&[1u8; 64])?;
    /// assert_eq!(key.len(), 64);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() < MIN_SECRET_LEN {
            return Err(Error::invalid_key(
                "a shared secret is at least 16 bytes (an AES-128 key)",
            )
            .with(Detail::Length {
                found: bytes.len(),
                expected: MIN_SECRET_LEN,
            }));
        }
        if bytes.len() > MAX_SECRET_LEN {
            return Err(Error::too_large(Part::Key, bytes.len(), MAX_SECRET_LEN));
        }
        let mut copy = Zeroizing::new(Vec::new());
        copy.try_reserve_exact(bytes.len())
            .map_err(|_| Error::invalid_key("no memory for the secret"))?;
        copy.extend_from_slice(bytes);
        Ok(SecretKey {
            bytes: copy,
            identity: next_identity(),
            meta: KeyMeta {
                kind: KeyKind::Oct { len: bytes.len() },
                ..KeyMeta::default()
            },
        })
    }

    /// An OpenID Connect client secret as the HMAC key of the ID tokens
    /// signed for that client (OpenID Connect Core §10.1: the octets of its
    /// UTF-8 form). A secret under 32 bytes is refused (RFC 7518 §3.2).
    ///
    /// ```
    /// let key = jose_core::keys::SecretKey::from_client_secret("a-client-secret-of-32-characters!")?;
    /// assert_eq!(key.len(), 33);
    /// assert!(jose_core::keys::SecretKey::from_client_secret("short").is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_client_secret(secret: &str) -> Result<Self, Error> {
        check_client_secret(secret)?;
        Self::from_bytes(secret.as_bytes())
    }

    /// The key OpenID Connect Core §10.2 derives from a client secret for
    /// ID tokens encrypted to that client with `alg` (`dir`, `A*KW`,
    /// `A*GCMKW`) and `enc`: the left-most bytes of the SHA-256 of the
    /// secret's UTF-8 octets for keys up to 32 bytes, of its SHA-384 up to
    /// 48, of its SHA-512 up to 64. The key is restricted to `alg` and to
    /// encryption. A secret under 32 bytes is refused, as for HMAC.
    ///
    /// ```
    /// use jose_core::{keys::SecretKey, ContentAlgorithm, KeyAlgorithm};
    /// let secret = "the client secret, 32 bytes or more";
    /// let key = SecretKey::encryption_key_from_client_secret(secret, KeyAlgorithm::Dir, ContentAlgorithm::A256CbcHs512)?;
    /// assert_eq!((key.len(), key.alg()), (64, Some("dir")));
    /// let key = SecretKey::encryption_key_from_client_secret(secret, KeyAlgorithm::A128Kw, ContentAlgorithm::A256Gcm)?;
    /// assert_eq!(key.len(), 16);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn encryption_key_from_client_secret(
        secret: &str,
        alg: KeyAlgorithm,
        enc: ContentAlgorithm,
    ) -> Result<Self, Error> {
        check_client_secret(secret)?;
        let len = match alg.wrapping_key_len().filter(|_| alg.is_symmetric()) {
            Some(len) => len,
            None if alg == KeyAlgorithm::Dir => enc.key_len(),
            None => {
                return Err(Error::invalid_key(
                    "a client secret derives keys for dir and AES key wrap only",
                )
                .with(Detail::Name(alg.name())));
            }
        };
        let mut digest = Zeroizing::new([0u8; 64]);
        let written = match len {
            0..=32 => hash_into::<sha2::Sha256>(secret.as_bytes(), &mut digest[..]),
            33..=48 => hash_into::<sha2::Sha384>(secret.as_bytes(), &mut digest[..]),
            _ => hash_into::<sha2::Sha512>(secret.as_bytes(), &mut digest[..]),
        };
        let key = digest
            .get(..len)
            .filter(|_| written >= len)
            .ok_or(Error::internal())?;
        let mut key = Self::from_bytes(key)?;
        key.meta.alg = Some(alg.name().into());
        key.meta.set_use(KeyUse::Encryption)?;
        Ok(key)
    }

    /// An `oct` JWK (`k`, base64url), keeping `kid`, `alg`, `use` and
    /// `key_ops`.
    ///
    /// ```
    /// let v: serde_json::Value = serde_json::from_str(include_str!("../../../vectors/rfc/rfc7515_A1_hs256.json")).unwrap();
    /// let key = jose_core::keys::SecretKey::from_jwk(&v["key"].to_string())?;
    /// assert_eq!(key.len(), 64);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        Self::from_jwk_value(jwk::parse(jwk)?)
    }

    pub(crate) fn from_jwk_value(doc: crate::json::Value<'_>) -> Result<Self, Error> {
        match doc.get("kty").and_then(|v| v.as_str()) {
            Some(kty) if kty == "oct" => {}
            Some(_) => return Err(Error::invalid_key("kty is not oct")),
            None => return Err(Error::invalid_key("missing kty")),
        }
        let text = doc
            .get("k")
            .and_then(|v| v.as_str())
            .and_then(|s| s.as_plain())
            .ok_or(
                Error::invalid_key("member must be a base64url string").with(Detail::Name("k")),
            )?;
        let len = base64url::decoded_len(text.len())
            .filter(|len| *len <= MAX_SECRET_LEN)
            .ok_or(Error::too_large(Part::Key, text.len(), MAX_SECRET_LEN))?;
        let mut bytes = Zeroizing::new(alloc::vec![0u8; len]);
        let bytes = base64url::decode(text.as_bytes(), &mut bytes[..], Part::Key)
            .map_err(|_| Error::invalid_key("invalid base64url").with(Detail::Name("k")))?;
        let mut key = Self::from_bytes(bytes)?;
        key.meta = jwk::metadata(doc, None, key.meta.kind)?;
        Ok(key)
    }

    /// The secret's length in bytes.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::SecretKey::from_bytes(&[0u8; 48])?.len(), 48);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[allow(clippy::len_without_is_empty)] // never empty: at least 16 bytes
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Sets the key identifier matched against a token's `kid`.
    ///
    /// ```
    /// let key = jose_core::keys::SecretKey::from_bytes(&[0u8; 32])?.with_kid("s1");
    /// assert_eq!(key.kid(), Some("s1"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_kid(mut self, kid: &str) -> Self {
        self.meta.kid = Some(kid.into());
        self
    }

    /// Restricts the secret to one algorithm, as a JWK's `alg` does.
    ///
    /// ```
    /// use jose_core::SignatureAlgorithm;
    /// let key = jose_core::keys::SecretKey::from_bytes(&[0u8; 64])?.with_alg(SignatureAlgorithm::Hs512);
    /// assert_eq!(key.alg(), Some("HS512"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_alg(mut self, alg: SignatureAlgorithm) -> Self {
        self.meta.alg = Some(alg.name().into());
        self
    }

    /// Restricts the secret to one key-management algorithm (`dir`, an
    /// AES key wrap), as a JWK's `alg` does.
    ///
    /// ```
    /// use jose_core::KeyAlgorithm;
    /// let key = jose_core::keys::SecretKey::from_bytes(&[0u8; 16])?.with_key_algorithm(KeyAlgorithm::A128Kw);
    /// assert_eq!(key.alg(), Some("A128KW"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_key_algorithm(mut self, alg: KeyAlgorithm) -> Self {
        self.meta.alg = Some(alg.name().into());
        self
    }

    /// States what the secret is for (`sig` here), as a JWK's `use` does.
    ///
    /// ```
    /// use jose_core::keys::{KeyUse, SecretKey};
    /// let key = SecretKey::from_bytes(&[0u8; 32])?.with_use(KeyUse::Signature)?;
    /// assert_eq!(key.key_use(), Some("sig"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_use(mut self, usage: KeyUse) -> Result<Self, Error> {
        self.meta.set_use(usage)?;
        Ok(self)
    }

    /// The key identifier, if one was set.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::SecretKey::from_bytes(&[0u8; 32])?.kid(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(&self) -> Option<&str> {
        self.meta.kid.as_deref()
    }

    /// The algorithm the secret is restricted to, if any.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::SecretKey::from_bytes(&[0u8; 32])?.alg(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn alg(&self) -> Option<&str> {
        self.meta.alg.as_deref()
    }

    /// The declared use, if any.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::SecretKey::from_bytes(&[0u8; 32])?.key_use(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn key_use(&self) -> Option<&str> {
        self.meta.usage.as_deref()
    }

    /// Checks `tag` against the HMAC of `signing_input` under `alg`, in
    /// constant time: the JWS check without the JWS. A `key` error when the
    /// secret does not compute `alg` (too short, another `alg` stated), a
    /// `signature` error when the tag is not exactly the hash's length or
    /// differs.
    ///
    /// ```
    /// use jose_core::{keys::SecretKey, SignatureAlgorithm, ErrorKind};
    /// let key = SecretKey::from_bytes(&[9u8; 32])?;
    /// let tag = key.sign(SignatureAlgorithm::Hs256, b"input")?;
    /// key.verify(SignatureAlgorithm::Hs256, b"input", &tag)?;
    /// assert_eq!(key.verify(SignatureAlgorithm::Hs256, b"other", &tag).unwrap_err().kind(), ErrorKind::Signature);
    /// assert_eq!(key.verify(SignatureAlgorithm::Hs384, b"input", &tag).unwrap_err().kind(), ErrorKind::Key);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn verify(
        &self,
        alg: SignatureAlgorithm,
        signing_input: &[u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        self.verify_input(alg, &SignedInput::Text(signing_input), tag)
    }

    /// [`SecretKey::verify`] over the signing input in the form the caller
    /// has it. Not inlined: on the nested path its HMAC-SHA-512 state
    /// would sit in the frame that calls the public-key check too.
    #[inline(never)]
    pub(crate) fn verify_input(
        &self,
        alg: SignatureAlgorithm,
        input: &SignedInput<'_>,
        tag: &[u8],
    ) -> Result<(), Error> {
        self.meta.check_kind(alg)?;
        if tag.len() != alg.mac_len() {
            return Err(Error::new(
                ErrorKind::Signature,
                Some(Part::Signature),
                "length differs from the HMAC's",
            )
            .with(Detail::Length {
                found: tag.len(),
                expected: alg.mac_len(),
            }));
        }
        if mac::verify(alg, &self.bytes, input, tag) {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Signature,
            Some(Part::Signature),
            "does not verify",
        ))
    }

    /// The HMAC of `signing_input` under `alg` (the tag a JWS carries).
    /// A `key` error when the secret does not compute `alg`.
    ///
    /// ```
    /// use jose_core::{keys::SecretKey, SignatureAlgorithm};
    /// let key = SecretKey::from_bytes(&[9u8; 64])?;
    /// assert_eq!(key.sign(SignatureAlgorithm::Hs512, b"x")?.len(), 64);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn sign(&self, alg: SignatureAlgorithm, signing_input: &[u8]) -> Result<Vec<u8>, Error> {
        self.meta.check_kind(alg)?;
        mac::sign(alg, &self.bytes, signing_input).ok_or(Error::internal())
    }

    /// Whether this secret may verify `alg` (`use`, `key_ops`, `alg`, and
    /// its length).
    pub(crate) fn check_usable_for_verifying(&self, alg: SignatureAlgorithm) -> Result<(), Error> {
        self.meta.check_usable(Purpose::Verify, alg)
    }

    /// Whether this secret may open a token of `alg` and `enc`.
    pub(crate) fn check_usable_for_decryption(
        &self,
        alg: KeyAlgorithm,
        enc: ContentAlgorithm,
    ) -> Result<(), Error> {
        self.meta
            .check_usable(Purpose::Decrypt, Algorithm::for_key(alg, enc))
    }

    /// Whether this secret may produce a token of `alg` and `enc`.
    pub(crate) fn check_usable_for_encryption(
        &self,
        alg: KeyAlgorithm,
        enc: ContentAlgorithm,
    ) -> Result<(), Error> {
        self.meta
            .check_usable(Purpose::Encrypt, Algorithm::for_key(alg, enc))
    }

    /// SHA-256 of the secret, to tell two secrets of one set apart when they
    /// are loaded and chosen; compared there, never stored or shown.
    pub(crate) fn digest(&self) -> [u8; 32] {
        use sha2::Digest;
        sha2::Sha256::digest(&*self.bytes).into()
    }

    /// The secret's bytes, for the key-management layer.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether this secret may sign with `alg`.
    pub(crate) fn check_usable_for_signing(&self, alg: SignatureAlgorithm) -> Result<(), Error> {
        self.meta.check_usable(Purpose::Sign, alg)
    }

    /// The secret's identity in key fingerprints: a number drawn when it was
    /// made (clones share it), and its metadata; never its bytes. `None`
    /// where there are no atomics to draw numbers with (never cached).
    pub(crate) fn fingerprint(&self) -> Option<KeysFingerprint> {
        if self.identity == 0 {
            return None;
        }
        let mut identity = [0u8; 32];
        for (slot, byte) in identity.iter_mut().zip(self.identity.to_le_bytes()) {
            *slot = byte;
        }
        Some(KeysFingerprint::of_key(&identity, &self.meta))
    }
}

/// Hashes `input` with `D` into the front of `out` (no copy left behind);
/// the digest's length, or 0 if `out` is too short.
fn hash_into<D: sha2::Digest>(input: &[u8], out: &mut [u8]) -> usize {
    let len = <D as sha2::Digest>::output_size();
    match out.get_mut(..len).map(TryInto::try_into) {
        Some(Ok(out)) => {
            let mut hasher = D::new();
            hasher.update(input);
            hasher.finalize_into(out);
            len
        }
        _ => 0,
    }
}

fn check_client_secret(secret: &str) -> Result<(), Error> {
    if secret.len() < MIN_CLIENT_SECRET_LEN {
        return Err(Error::invalid_key(
            "a client secret used as a key is at least 32 bytes (RFC 7518 §3.2)",
        )
        .with(Detail::Length {
            found: secret.len(),
            expected: MIN_CLIENT_SECRET_LEN,
        }));
    }
    Ok(())
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretKey")
            .field("len", &self.bytes.len())
            .field("kid", &self.meta.kid)
            .field("alg", &self.meta.alg)
            .field("use", &self.meta.usage)
            .finish_non_exhaustive()
    }
}
