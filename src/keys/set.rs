//! Key sets for rotation, and choosing the key a token names.
//!
//! A token names its key by `kid`, or by `x5t#S256` (the SHA-256 of the key's
//! X.509 certificate). A named key that is absent is a `key` error; so is a
//! named key whose `use` or `alg` does not allow the token's algorithm. A token
//! that names no key is accepted only when exactly one key in the set could
//! be used for it. Keys embedded in tokens (`jwk`, `x5c`, `jku`, `x5u`) are
//! never consulted.

use alloc::vec::Vec;

use super::meta::{KeyMeta, Purpose};
use super::{PrivateKey, PublicKey, jwk};
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::header::Header;
use crate::json::{self, Kind};

fn key_error(reason: &'static str) -> Error {
    Error::new(ErrorKind::Key, Some(Part::Key), reason)
}

/// Picks the key `header` names among `keys` (by `meta`), for `purpose`/`alg`.
fn select<'k, K>(
    keys: &'k [K],
    meta: impl Fn(&K) -> &KeyMeta,
    header: &Header<'_>,
    purpose: Purpose,
    alg: &'static str,
) -> Result<&'k K, Error> {
    if let Some(kid) = header.kid() {
        let key = keys
            .iter()
            .find(|k| meta(k).kid_is(&kid))
            .ok_or_else(|| key_error("no key matches the token's kid"))?;
        meta(key).check_usable(purpose, alg)?;
        if let (Some(named), Some(own)) = (header.x5t_s256(), meta(key).x5t_s256.as_ref()) {
            if named != own {
                return Err(key_error(
                    "the token's x5t#S256 contradicts the key its kid names",
                ));
            }
        }
        return Ok(key);
    }
    if let Some(thumbprint) = header.x5t_s256() {
        let key = keys
            .iter()
            .find(|k| meta(k).x5t_s256.as_ref() == Some(thumbprint))
            .ok_or_else(|| key_error("no key's certificate matches the token's x5t#S256"))?;
        meta(key).check_usable(purpose, alg)?;
        return Ok(key);
    }
    let mut usable = keys
        .iter()
        .filter(|k| meta(k).check_usable(purpose, alg).is_ok());
    match (usable.next(), usable.next()) {
        (Some(only), None) => Ok(only),
        (None, _) => Err(key_error(
            "no key in the set may be used for the token's algorithm",
        )),
        (Some(_), Some(_)) => Err(key_error(
            "the token names no key (kid, x5t#S256) and the set has several usable keys",
        )),
    }
}

/// The RSA keys of a JWK Set (`{"keys":[...]}`), imported by `import`; keys of
/// other types are skipped, since they could never be used here.
fn import_jwks<K>(
    jwks: &str,
    import: impl Fn(json::Value<'_>) -> Result<K, Error>,
    meta: impl Fn(&K) -> &KeyMeta,
) -> Result<Vec<K>, Error> {
    let limit = jwk::MAX_JWK_LEN * 4;
    if jwks.len() > limit {
        return Err(Error::too_large(Part::Key, jwks.len(), limit));
    }
    let doc = json::parse(jwks.as_bytes()).map_err(|e| e.in_part(Part::Key))?;
    let members = doc
        .get("keys")
        .filter(|k| k.kind() == Kind::Array)
        .ok_or(Error::invalid_key(
            "a JWK Set is an object with a keys array",
        ))?;
    let mut keys = Vec::new();
    for key in members.elements() {
        if key.kind() != Kind::Object {
            return Err(Error::invalid_key("a JWK Set's keys must be objects"));
        }
        if key
            .get("kty")
            .and_then(|k| k.as_str())
            .is_some_and(|k| k != "RSA")
        {
            continue;
        }
        jwk::check_rsa(key)?;
        keys.push(import(key)?);
    }
    check_unique_kids(&keys, meta)?;
    Ok(keys)
}

fn check_unique_kids<K>(keys: &[K], meta: impl Fn(&K) -> &KeyMeta) -> Result<(), Error> {
    for (i, key) in keys.iter().enumerate() {
        if let Some(kid) = meta(key).kid.as_deref() {
            if keys
                .iter()
                .take(i)
                .any(|k| meta(k).kid.as_deref() == Some(kid))
            {
                return Err(Error::invalid_key("two keys in the set share a kid"));
            }
        }
    }
    Ok(())
}

/// The public keys a token issuer signs with: a JWK Set such as an Auth0
/// tenant's `jwks.json`, certificates, or keys added one by one.
///
/// ```
/// use jose_core::keys::PublicKeySet;
/// let set = PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?;
/// assert_eq!(set.len(), 2);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct PublicKeySet {
    keys: Vec<PublicKey>,
}

impl PublicKeySet {
    /// An empty set.
    ///
    /// ```
    /// assert!(jose_core::keys::PublicKeySet::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Imports a JWK Set (`{"keys":[...]}`). RSA keys are imported with their
    /// `kid`, `use`, `alg`, `x5c`, `x5t` and `x5t#S256` (checked against each
    /// other); keys of other types (EC, OKP, oct) are skipped, since they could
    /// never verify here. An RSA key under 2048 bits refuses the whole set
    /// (`policy`), as do two keys with the same `kid` (`invalid_key`).
    ///
    /// ```
    /// let jwks = r#"{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#;
    /// let set = jose_core::keys::PublicKeySet::from_jwks(jwks)?;
    /// assert!(set.is_empty());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwks(jwks: &str) -> Result<Self, Error> {
        Ok(PublicKeySet {
            keys: import_jwks(jwks, PublicKey::from_jwk_value, |k| &k.meta)?,
        })
    }

    /// Adds a key. Its `kid`, if any, must be new to the set.
    ///
    /// ```
    /// use jose_core::keys::{PublicKey, PublicKeySet};
    /// let key = PublicKey::from_certificate_pem(include_str!("../../vectors/interop/issuer.cert.pem"))?;
    /// let set = PublicKeySet::new().with(key)?;
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with(mut self, key: PublicKey) -> Result<Self, Error> {
        self.keys.push(key);
        check_unique_kids(&self.keys, |k| &k.meta)?;
        Ok(self)
    }

    /// The number of keys.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::PublicKeySet::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(jose_core::keys::PublicKeySet::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys, in import order.
    ///
    /// ```
    /// let set = jose_core::keys::PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?;
    /// assert!(set.keys().iter().all(|k| k.kid().is_some()));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    pub(crate) fn select(
        &self,
        header: &Header<'_>,
        alg: crate::SignatureAlgorithm,
    ) -> Result<&PublicKey, Error> {
        select(&self.keys, |k| &k.meta, header, Purpose::Sign, alg.name())
            .map_err(|e| e.with(Detail::Name(alg.name())))
    }
}

/// The private keys a receiver decrypts with, for rotation.
///
/// ```
/// use jose_core::keys::{PrivateKey, PrivateKeySet};
/// let key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7520_5_2.key.json"))?;
/// let set = PrivateKeySet::new().with(key)?;
/// assert_eq!(set.len(), 1);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct PrivateKeySet {
    keys: Vec<PrivateKey>,
}

impl PrivateKeySet {
    /// An empty set.
    ///
    /// ```
    /// assert!(jose_core::keys::PrivateKeySet::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Imports a JWK Set of private RSA keys; other key types are skipped.
    ///
    /// ```
    /// let jwks = format!(r#"{{"keys":[{}]}}"#, include_str!("../../vectors/rfc7516_A1.key.json"));
    /// let set = jose_core::keys::PrivateKeySet::from_jwks(&jwks)?;
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwks(jwks: &str) -> Result<Self, Error> {
        Ok(PrivateKeySet {
            keys: import_jwks(jwks, PrivateKey::from_jwk_value, |k| &k.meta)?,
        })
    }

    /// Adds a key. Its `kid`, if any, must be new to the set.
    ///
    /// ```
    /// use jose_core::keys::{PrivateKey, PrivateKeySet};
    /// let a = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))?.with_kid("a");
    /// let b = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))?.with_kid("a");
    /// assert!(PrivateKeySet::new().with(a)?.with(b).is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with(mut self, key: PrivateKey) -> Result<Self, Error> {
        self.keys.push(key);
        check_unique_kids(&self.keys, |k| &k.meta)?;
        Ok(self)
    }

    /// The number of keys.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::PrivateKeySet::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(jose_core::keys::PrivateKeySet::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub(crate) fn select(
        &self,
        header: &Header<'_>,
        alg: crate::KeyAlgorithm,
    ) -> Result<&PrivateKey, Error> {
        select(
            &self.keys,
            |k| &k.meta,
            header,
            Purpose::Encrypt,
            alg.name(),
        )
    }
}
