//! Shared secrets (`oct` keys, RFC 7518 §6.4) for HMAC: HS256, HS384 and
//! HS512. A secret is its own type, never a `PublicKey`, so no token can
//! turn a public key's bytes into a MAC key whatever its header says; and
//! a secret shorter than an algorithm's hash never computes that algorithm
//! (RFC 7518 §3.2).
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

use super::meta::{KeyKind, KeyMeta, KeyUse, Purpose};
use super::{KeysFingerprint, jwk};
use crate::algorithm::SignatureAlgorithm;
use crate::backend::{SignedInput, mac};
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};

/// The shortest secret accepted: HS256's 32 bytes (RFC 7518 §3.2).
pub const MIN_SECRET_LEN: usize = 32;

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

/// A shared secret for HMAC (HS256/384/512), with the metadata a JWK gives
/// it (`kid`, `alg`, `use`, `key_ops`). At least 32 bytes; HS384 needs 48,
/// HS512 64. `Debug` shows its length and metadata, never its bytes.
///
/// ```
/// use jose_core::keys::SecretKey;
/// let key = SecretKey::from_bytes(&[7u8; 32])?.with_kid("hmac-1");
/// assert_eq!((key.len(), key.kid()), (32, Some("hmac-1")));
/// assert!(SecretKey::from_bytes(&[7u8; 31]).is_err());
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
    /// The secret `bytes`: 32 to 1024 of them.
    ///
    /// ```
    /// let key = jose_core::keys::SecretKey::from_bytes(&[1u8; 64])?;
    /// assert_eq!(key.len(), 64);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() < MIN_SECRET_LEN {
            return Err(
                Error::invalid_key("an HMAC secret is at least 32 bytes (RFC 7518 §3.2)").with(
                    Detail::Length {
                        found: bytes.len(),
                        expected: MIN_SECRET_LEN,
                    },
                ),
            );
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
        Self::from_bytes(secret.as_bytes())
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
        let doc = jwk::parse(jwk)?;
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
    #[allow(clippy::len_without_is_empty)] // never empty: at least 32 bytes
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
    /// has it.
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
