//! Sets of shared secrets: an OpenID client's rotated secrets, a JWK Set of
//! `oct` keys, several HMAC or key-wrap keys told apart by `kid`.
//!
//! A token's secret is chosen as a public key is (see `set`): by `kid`,
//! else the one secret usable for the token's algorithm; two different
//! secrets the token's `kid` names that may both be used are an ambiguity,
//! refused. A JWK Set of secrets holds `oct` keys only: one that also lists
//! RSA, EC or OKP keys is refused whole, since a document that carries
//! public keys is one that gets published, and a set mixing the two is how
//! a verifier ends up asked to check an HMAC under a public key's name.

use alloc::vec::Vec;
use core::cell::Cell;

use super::SecretKey;
use super::fingerprint::KeysFingerprint;
use super::meta::{Algorithm, Purpose};
use super::set::{SkippedKey, import_jwks, select};
use crate::error::{Error, KeySide};
use crate::header::Header;
use crate::json;

/// Several shared secrets (`oct` keys) for HMAC and symmetric key
/// management, chosen per token by `kid` and by what each key may do
/// (`alg`, `use`, `key_ops`, length). Use it where one [`SecretKey`] is not
/// enough: a client secret being rotated, a JWK Set of `oct` keys.
///
/// ```
/// use jose_core::jws::{Compact, Signer};
/// use jose_core::keys::{SecretKey, SecretKeySet};
/// use jose_core::SignatureAlgorithm;
/// let old = SecretKey::from_bytes(&[1u8; 32])?.with_kid("2025");
/// let new = SecretKey::from_bytes(&[2u8; 32])?.with_kid("2026");
/// let secrets = SecretKeySet::new().with(old)?.with(new.clone())?;
///
/// let signer = Signer::hmac(&new, SignatureAlgorithm::Hs256)?;
/// let mut out = vec![0u8; signer.output_len(2)?];
/// let token = signer.sign(b"{}", &mut jose_core::os_rng(), &mut out)?;
/// assert_eq!(Compact::parse(token)?.verify(&secrets)?.kid(), Some("2026"));
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct SecretKeySet {
    keys: Vec<SecretKey>,
    skipped: Vec<SkippedKey>,
}

impl SecretKeySet {
    /// An empty set.
    ///
    /// ```
    /// assert!(jose_core::keys::SecretKeySet::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Imports a JWK Set of `oct` keys (`{"keys":[...]}`), each with its
    /// `kid`, `alg`, `use` and `key_ops`. An unreadable secret, one shorter
    /// than 16 bytes, and a copy of a secret listed before it (same bytes,
    /// same metadata) are skipped and listed in [`SecretKeySet::skipped`]; a
    /// set left with none is an error. A set that lists any RSA, EC or OKP
    /// key is refused whole (an `invalid_key` error): secrets and public
    /// keys do not share a document.
    ///
    /// ```
    /// use jose_core::keys::SecretKeySet;
    /// let jwks = r#"{"keys":[
    ///   {"kty":"oct","kid":"a","alg":"HS256","k":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA"},
    ///   {"kty":"oct","kid":"short","k":"AQID"}]}"#;
    /// let set = SecretKeySet::from_jwks(jwks)?;
    /// assert_eq!((set.len(), set.skipped()[0].kid()), (1, Some("short")));
    ///
    /// let mixed = r#"{"keys":[
    ///   {"kty":"oct","k":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA"},
    ///   {"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#;
    /// assert_eq!(SecretKeySet::from_jwks(mixed).unwrap_err().kind(), jose_core::ErrorKind::InvalidKey);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwks(jwks: &str) -> Result<Self, Error> {
        let mixed = Cell::new(false);
        let only_secrets = |key: json::Value<'_>| {
            let kty = key.get("kty").and_then(|k| k.as_str());
            match kty {
                Some(kty) if kty == "oct" => Ok(()),
                Some(_) => {
                    mixed.set(true);
                    Err(Error::invalid_key("not a shared secret (kty is not oct)"))
                }
                None => Err(Error::invalid_key("missing kty")),
            }
        };
        let imported = import_jwks(
            jwks,
            only_secrets,
            SecretKey::from_jwk_value,
            |k| &k.meta,
            SecretKey::digest,
        );
        if mixed.get() {
            return Err(Error::invalid_key(
                "a JWK Set of shared secrets lists an RSA, EC or OKP key: secrets and public \
                 keys do not share a document",
            ));
        }
        let (keys, skipped) = imported?;
        Ok(SecretKeySet { keys, skipped })
    }

    /// Adds a secret. It may share a `kid` only with secrets it can be told
    /// apart from by `use`, `alg` or `key_ops`.
    ///
    /// ```
    /// use jose_core::keys::{SecretKey, SecretKeySet};
    /// let a = SecretKey::from_bytes(&[1u8; 32])?.with_kid("k");
    /// let b = SecretKey::from_bytes(&[2u8; 32])?.with_kid("k");
    /// assert!(SecretKeySet::new().with(a)?.with(b).is_err()); // no token could tell them apart
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with(mut self, key: SecretKey) -> Result<Self, Error> {
        super::set::check_new_kid(&self.keys, &key, |k| &k.meta)?;
        self.keys.push(key);
        Ok(self)
    }

    /// The number of secrets.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::SecretKeySet::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(jose_core::keys::SecretKeySet::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The secrets, in import order.
    ///
    /// ```
    /// use jose_core::keys::{SecretKey, SecretKeySet};
    /// let set = SecretKeySet::new().with(SecretKey::from_bytes(&[1u8; 32])?.with_kid("a"))?;
    /// assert_eq!(set.keys()[0].kid(), Some("a"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn keys(&self) -> &[SecretKey] {
        &self.keys
    }

    /// The members of the imported JWK Set that were not loaded, and why,
    /// in the set's order.
    ///
    /// ```
    /// let jwks = r#"{"keys":[{"kty":"oct","k":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA"},{"kty":"oct","k":"!"}]}"#;
    /// let set = jose_core::keys::SecretKeySet::from_jwks(jwks)?;
    /// assert_eq!(set.skipped()[0].index(), 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// The set's identity for the verified-token cache: each secret's
    /// (a number drawn when it was made, and its metadata), in order;
    /// `None` where secrets have no identity (no atomics).
    pub(crate) fn fingerprint(&self) -> Option<KeysFingerprint> {
        let prints = self
            .keys
            .iter()
            .map(SecretKey::fingerprint)
            .collect::<Option<Vec<_>>>()?;
        Some(KeysFingerprint::of_keys(prints.into_iter()))
    }

    pub(crate) fn select(
        &self,
        header: &Header<'_>,
        purpose: Purpose,
        alg: Algorithm,
    ) -> Result<&SecretKey, Error> {
        let side = match purpose {
            Purpose::Verify | Purpose::Sign => KeySide::Issuer,
            Purpose::Decrypt | Purpose::Encrypt => KeySide::Decryption,
        };
        select(
            &self.keys,
            |k| &k.meta,
            SecretKey::digest,
            header,
            purpose,
            alg,
            side,
        )
    }
}
