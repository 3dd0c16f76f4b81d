//! Key sets for rotation, and choosing the key a token names.
//!
//! A token names its key by `kid`, or by `x5t#S256` (the SHA-256 of the key's
//! X.509 certificate). A named key that is absent is a `key` error; so is a
//! named key whose `use` or `alg` does not allow the token's algorithm. A token
//! that names no key is accepted only when exactly one key in the set could
//! be used for it. Keys embedded in tokens (`jwk`, `x5c`, `jku`, `x5u`) are
//! never consulted.
//!
//! Several keys may share a `kid` (an issuer publishing one key for `sig`
//! and another for `enc` under one name, or one per algorithm): a lookup
//! takes the key usable for the token's operation and algorithm. Only a true
//! ambiguity is refused: two different keys with the token's `kid` that are
//! both usable for what it asks (a `key` error that says so; the set's other
//! keys keep working). The same key listed twice is kept once.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

use super::fingerprint::KeysFingerprint;
use super::meta::{Algorithm, KeyMeta, Purpose};
use super::resolve::miss;
use super::{PrivateKey, PublicKey, jwk};
use crate::backend::Backend;
use crate::error::{Error, ErrorKind, KeySide, Part};
use crate::header::Header;
use crate::json::{self, Kind};

fn key_error(reason: &'static str) -> Error {
    Error::new(ErrorKind::Key, Some(Part::Key), reason)
}

/// Picks the key `header` names among `keys` (by `meta`), for `purpose`/`alg`.
/// A key that is not there is a miss of `side`, carrying what was named.
///
/// Several keys may share a `kid` when they can be told apart (another
/// `use`, `alg` or `key_ops`): the one usable for this operation is taken.
/// Two different keys that share the `kid` and are both usable for it are a
/// true ambiguity, refused as such (a `key` error, not a miss).
pub(super) fn select<'k, K>(
    keys: &'k [K],
    meta: impl Fn(&K) -> &KeyMeta,
    thumbprint: impl Fn(&K) -> [u8; 32],
    header: &Header<'_>,
    purpose: Purpose,
    alg: Algorithm,
    side: KeySide,
) -> Result<&'k K, Error> {
    if let Some(kid) = header.kid() {
        let named = || keys.iter().filter(|k| meta(k).kid_is(&kid));
        // Usable for this operation, and not contradicted by the token's
        // x5t#S256 (when the key has a certificate).
        let fits = |k: &&K| -> Result<(), Error> {
            meta(k).check_usable(purpose, alg)?;
            match (header.x5t_s256(), meta(k).x5t_s256.as_ref()) {
                (Some(named), Some(own)) if named != own => Err(key_error(
                    "the token's x5t#S256 contradicts the key its kid names",
                )),
                _ => Ok(()),
            }
        };
        let first = named()
            .next()
            .ok_or_else(|| miss(side, header, "no key in the set has the token's kid"))?;
        let mut usable = named().filter(|k| fits(k).is_ok());
        let Some(chosen) = usable.next() else {
            // Why the (first) key with that kid may not be used.
            return Err(fits(&first).err().unwrap_or_else(Error::internal));
        };
        if usable.any(|other| thumbprint(other) != thumbprint(chosen)) {
            return Err(key_error(
                "several different keys in the set have the token's kid and may all be used \
                 for its algorithm: the set is ambiguous for this token",
            ));
        }
        return Ok(chosen);
    }
    if let Some(wanted) = header.x5t_s256() {
        let key = keys
            .iter()
            .find(|k| meta(k).x5t_s256.as_ref() == Some(wanted))
            .ok_or_else(|| {
                miss(
                    side,
                    header,
                    "no key's certificate in the set matches the token's x5t#S256",
                )
            })?;
        meta(key).check_usable(purpose, alg)?;
        return Ok(key);
    }
    let mut usable = keys
        .iter()
        .filter(|k| meta(k).check_usable(purpose, alg).is_ok());
    match (usable.next(), usable.next()) {
        (Some(only), None) => Ok(only),
        (None, _) => Err(miss(
            side,
            header,
            "the token names no key and none in the set may be used for its algorithm",
        )),
        (Some(_), Some(_)) => Err(key_error(
            "the token names no key (kid, x5t#S256) and the set has several usable keys",
        )),
    }
}

/// A key of a JWK Set that was not loaded, and why.
///
/// ```
/// let jwks = r#"{"keys":[{"kty":"EC","kid":"ec-1","crv":"P-256","x":"AA","y":"AA"}]}"#;
/// let err = jose_core::keys::PublicKeySet::from_jwks(jwks).unwrap_err();
/// assert_eq!(err.kind(), jose_core::ErrorKind::InvalidKey);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SkippedKey {
    index: usize,
    kid: Option<Box<str>>,
    reason: Error,
}

impl SkippedKey {
    /// The key's position in the set's `keys` array.
    ///
    /// ```
    /// # let rsa = include_str!("../../../vectors/rfc7515_A2.public.json");
    /// # let okp = r#"{"kty":"OKP","kid":"x-1","crv":"Ed448","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#;
    /// let set = jose_core::keys::PublicKeySet::from_jwks(&format!(r#"{{"keys":[{rsa},{okp}]}}"#))?;
    /// assert_eq!(set.skipped()[0].index(), 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// The key's `kid`, when it has a string one.
    ///
    /// ```
    /// # let rsa = include_str!("../../../vectors/rfc7515_A2.public.json");
    /// # let okp = r#"{"kty":"OKP","kid":"x-1","crv":"Ed448","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#;
    /// let set = jose_core::keys::PublicKeySet::from_jwks(&format!(r#"{{"keys":[{rsa},{okp}]}}"#))?;
    /// assert_eq!(set.skipped()[0].kid(), Some("x-1"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Why it was skipped: `unsupported` (a key type or curve this build
    /// does not verify with: oct, Ed448, X448, X25519 without the `x25519`
    /// feature, EC without the `ecdsa`
    /// feature, Ed25519 without `eddsa`), `policy` (RSA
    /// under 2048 bits), `invalid_key` (unreadable, an EC point off its
    /// curve, or the same key as one listed before it).
    ///
    /// ```
    /// # let rsa = include_str!("../../../vectors/rfc7515_A2.public.json");
    /// # let okp = r#"{"kty":"OKP","kid":"x-1","crv":"Ed448","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#;
    /// let set = jose_core::keys::PublicKeySet::from_jwks(&format!(r#"{{"keys":[{rsa},{okp}]}}"#))?;
    /// assert_eq!(set.skipped()[0].reason().kind(), jose_core::ErrorKind::Unsupported);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn reason(&self) -> &Error {
        &self.reason
    }
}

impl fmt::Debug for SkippedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SkippedKey(#{} ", self.index)?;
        match &self.kid {
            Some(kid) => write!(f, "kid {:?}", crate::error::Shown::new(kid.chars()))?,
            None => f.write_str("no kid")?,
        }
        write!(f, ": {})", self.reason)
    }
}

/// The keys of a JWK Set (`{"keys":[...]}`) that `import` accepts. A key
/// that cannot be used here (another key type, too small, unreadable, a copy
/// of a key listed before it) is skipped and reported, so one bad key in a
/// tenant's set does not take the good ones down; a set left with no key is
/// an error.
pub(super) fn import_jwks<K>(
    jwks: &str,
    usable: impl Fn(json::Value<'_>) -> Result<(), Error>,
    import: impl Fn(json::Value<'_>) -> Result<K, Error>,
    meta: impl Fn(&K) -> &KeyMeta,
    thumbprint: impl Fn(&K) -> [u8; 32],
) -> Result<(Vec<K>, Vec<SkippedKey>), Error> {
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
    let mut keys: Vec<(usize, K)> = Vec::new();
    let mut skipped = Vec::new();
    for (index, key) in members.elements().enumerate() {
        let kid = || {
            key.get("kid").and_then(|k| k.as_str()).map(|k| {
                k.chars()
                    .collect::<alloc::string::String>()
                    .into_boxed_str()
            })
        };
        let imported = if key.kind() != Kind::Object {
            Err(Error::invalid_key("a JWK Set's keys must be objects"))
        } else {
            usable(key).and_then(|()| import(key))
        };
        match imported {
            Ok(k) => keys.push((index, k)),
            Err(reason) => skipped.push(SkippedKey {
                index,
                kid: kid(),
                reason,
            }),
        }
    }
    // The same key listed twice (same kid, numbers and metadata) is kept
    // once; the copies are reported. Found by sorting each key's
    // fingerprint (its numbers and metadata), not by comparing every pair.
    // Keys that merely share a kid stay: lookups tell them apart by use,
    // alg and key_ops, and refuse only a true ambiguity (see `select`).
    let fingerprints: Vec<KeysFingerprint> = keys
        .iter()
        .map(|(_, k)| KeysFingerprint::of_key(&thumbprint(k), meta(k)))
        .collect();
    let mut by_print: Vec<usize> = (0..keys.len()).collect();
    let print_of = |i: usize| fingerprints.get(i).map(KeysFingerprint::as_bytes);
    crate::sort::heap_sort(&mut by_print, |a, b| {
        (print_of(*a), *a) < (print_of(*b), *b)
    });
    let mut copy_of: Vec<Option<usize>> = alloc::vec![None; keys.len()];
    let mut run_start = None;
    for pair in by_print.windows(2) {
        if let [a, b] = *pair {
            let same = print_of(a) == print_of(b)
                && keys.get(a).map(|(_, k)| meta(k)) == keys.get(b).map(|(_, k)| meta(k));
            if same {
                let first = *run_start.get_or_insert(a);
                if let Some(slot) = copy_of.get_mut(b) {
                    *slot = keys.get(first).map(|(index, _)| *index);
                }
            } else {
                run_start = None;
            }
        }
    }
    let mut loaded = Vec::new();
    for ((index, key), copy) in keys.into_iter().zip(copy_of) {
        match copy {
            Some(_) => skipped.push(SkippedKey {
                index,
                kid: meta(&key).kid.clone(),
                reason: Error::invalid_key("the same key, with the same kid, is listed earlier"),
            }),
            None => loaded.push(key),
        }
    }
    crate::sort::heap_sort(&mut skipped, |a, b| a.index < b.index);
    if loaded.is_empty() {
        return Err(Error::invalid_key(
            "the JWK Set has no key this crate can use (see each key's reason with from_jwk)",
        ));
    }
    Ok((loaded, skipped))
}

/// The fingerprint of a set's keys, in order.
fn set_fingerprint<K>(keys: &[K], parts: impl Fn(&K) -> ([u8; 32], &KeyMeta)) -> KeysFingerprint {
    KeysFingerprint::of_keys(keys.iter().map(|k| {
        let (thumbprint, meta) = parts(k);
        KeysFingerprint::of_key(&thumbprint, meta)
    }))
}

/// A key added one by one may share a `kid` only with keys it can be told
/// apart from (another `use`, `alg` or `key_ops`): a key no lookup could
/// choose between it and one already there is refused now, not at the
/// first token.
pub(super) fn check_new_kid<K>(
    keys: &[K],
    new: &K,
    meta: impl Fn(&K) -> &KeyMeta,
) -> Result<(), Error> {
    let new = meta(new);
    let clash = new.kid.is_some()
        && keys
            .iter()
            .map(&meta)
            .any(|old| old.kid == new.kid && old.overlaps(new));
    if clash {
        return Err(Error::invalid_key(
            "two keys in the set share a kid and may be used for the same algorithm",
        ));
    }
    Ok(())
}

/// The public keys a token issuer signs with: a JWK Set such as an Auth0
/// tenant's `jwks.json`, certificates, or keys added one by one.
///
/// ```
/// use jose_core::keys::PublicKeySet;
/// let set = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// // Two RSA keys, and an EC key with the `ecdsa` feature.
/// assert_eq!(set.len(), if cfg!(feature = "ecdsa") { 3 } else { 2 });
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct PublicKeySet {
    keys: Vec<PublicKey>,
    skipped: Vec<SkippedKey>,
    fingerprint: KeysFingerprint,
}

impl Default for PublicKeySet {
    fn default() -> Self {
        Self::from_keys(Vec::new(), Vec::new())
    }
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

    /// Imports a JWK Set (`{"keys":[...]}`). RSA keys, EC keys with the
    /// `ecdsa` feature and Ed25519 keys with `eddsa` are imported with their `kid`, `use`, `key_ops`,
    /// `alg`, `x5c`, `x5t` and `x5t#S256` (checked against each other). A
    /// key that cannot be used is skipped and listed in
    /// [`PublicKeySet::skipped`]: another key type or curve (oct, X448,
    /// Ed448), an RSA key under 2048 bits, an unreadable key, an EC point
    /// off its curve or a small-order Ed25519 key, and
    /// a copy of a key listed before it. Keys that share a `kid` are kept (see the module docs for
    /// how a token's key is chosen among them). A set left with no usable
    /// key is an error.
    ///
    /// ```
    /// # let rsa = include_str!("../../../vectors/rfc7515_A2.public.json");
    /// # let okp = r#"{"kty":"OKP","kid":"x-1","crv":"Ed448","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#;
    /// let set = jose_core::keys::PublicKeySet::from_jwks(&format!(r#"{{"keys":[{rsa},{okp}]}}"#))?;
    /// assert_eq!((set.len(), set.skipped().len()), (1, 1)); // the Ed448 key is skipped
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwks(jwks: &str) -> Result<Self, Error> {
        let (keys, skipped) = import_jwks(
            jwks,
            jwk::check_public,
            PublicKey::from_jwk_value,
            |k| &k.meta,
            PublicKey::thumbprint,
        )?;
        Ok(Self::from_keys(keys, skipped))
    }

    fn from_keys(keys: Vec<PublicKey>, skipped: Vec<SkippedKey>) -> Self {
        let fingerprint = set_fingerprint(&keys, |k| (k.thumbprint(), &k.meta));
        PublicKeySet {
            keys,
            skipped,
            fingerprint,
        }
    }

    /// Adds a key. It may share a `kid` only with keys it can be told apart
    /// from by `use`, `alg` or `key_ops`.
    ///
    /// ```
    /// use jose_core::keys::{PublicKey, PublicKeySet};
    /// let key = PublicKey::from_certificate_pem(include_str!("../../../vectors/interop/issuer.cert.pem"))?;
    /// let set = PublicKeySet::new().with(key)?;
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with(mut self, key: PublicKey) -> Result<Self, Error> {
        check_new_kid(&self.keys, &key, |k| &k.meta)?;
        self.keys.push(key);
        Ok(Self::from_keys(self.keys, self.skipped))
    }
    /// Every key of the set on `backend` ([`PublicKey::with_backend`]); the
    /// set's fingerprint stays (it is of the keys' contents), so a cache
    /// treats the two as the same keys, as their verdicts are the same.
    ///
    /// ```
    /// use jose_core::{Backend, keys::PublicKeySet};
    /// let set = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// let pure = set.with_backend(Backend::RustCrypto)?;
    /// assert!(pure.keys().iter().all(|k| k.backend() == Backend::RustCrypto));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_backend(self, backend: Backend) -> Result<Self, Error> {
        let keys = self
            .keys
            .into_iter()
            .map(|key| key.with_backend(backend))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PublicKeySet { keys, ..self })
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
    /// let set = jose_core::keys::PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// assert!(set.keys().iter().all(|k| k.kid().is_some()));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    /// The keys of the imported JWK Set that were not loaded, with the reason
    /// for each, in the set's order. Log them at start-up or after a refetch.
    ///
    /// ```
    /// # let rsa = include_str!("../../../vectors/rfc7515_A2.public.json");
    /// # let okp = r#"{"kty":"OKP","kid":"x-1","crv":"Ed448","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#;
    /// let set = jose_core::keys::PublicKeySet::from_jwks(&format!(r#"{{"keys":[{rsa},{okp}]}}"#))?;
    /// assert_eq!(set.skipped()[0].kid(), Some("x-1"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    pub(crate) fn fingerprint(&self) -> KeysFingerprint {
        self.fingerprint
    }

    pub(crate) fn select(
        &self,
        header: &Header<'_>,
        alg: crate::algorithm::SignatureAlgorithm,
    ) -> Result<&PublicKey, Error> {
        select(
            &self.keys,
            |k| &k.meta,
            PublicKey::thumbprint,
            header,
            Purpose::Verify,
            alg.into(),
            KeySide::Issuer,
        )
    }
}

/// The private keys a receiver decrypts with, for rotation.
///
/// ```
/// use jose_core::keys::{PrivateKey, PrivateKeySet};
/// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7520_5_2.key.json"))?;
/// let set = PrivateKeySet::new().with(key)?;
/// assert_eq!(set.len(), 1);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Debug)]
pub struct PrivateKeySet {
    keys: Vec<PrivateKey>,
    skipped: Vec<SkippedKey>,
    fingerprint: KeysFingerprint,
}

impl Default for PrivateKeySet {
    fn default() -> Self {
        Self::from_keys(Vec::new(), Vec::new())
    }
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

    /// Imports a JWK Set of private RSA keys, with the same skipping rules as
    /// [`PublicKeySet::from_jwks`] (see [`PrivateKeySet::skipped`]).
    ///
    /// ```
    /// let jwks = format!(r#"{{"keys":[{}]}}"#, include_str!("../../../vectors/rfc7516_A1.key.json"));
    /// let set = jose_core::keys::PrivateKeySet::from_jwks(&jwks)?;
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwks(jwks: &str) -> Result<Self, Error> {
        let (keys, skipped) = import_jwks(
            jwks,
            jwk::check_private,
            PrivateKey::from_jwk_value,
            |k| &k.meta,
            PrivateKey::thumbprint,
        )?;
        Ok(Self::from_keys(keys, skipped))
    }

    fn from_keys(keys: Vec<PrivateKey>, skipped: Vec<SkippedKey>) -> Self {
        let fingerprint = set_fingerprint(&keys, |k| (k.thumbprint(), &k.meta));
        PrivateKeySet {
            keys,
            skipped,
            fingerprint,
        }
    }

    /// Adds a key. It may share a `kid` only with keys it can be told apart
    /// from by `use`, `alg` or `key_ops`.
    ///
    /// ```
    /// use jose_core::keys::{PrivateKey, PrivateKeySet};
    /// let a = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.with_kid("a");
    /// let b = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.with_kid("a");
    /// assert!(PrivateKeySet::new().with(a)?.with(b).is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with(mut self, key: PrivateKey) -> Result<Self, Error> {
        check_new_kid(&self.keys, &key, |k| &k.meta)?;
        self.keys.push(key);
        Ok(Self::from_keys(self.keys, self.skipped))
    }
    /// Every key of the set on `backend` ([`PrivateKey::with_backend`]);
    /// the set's fingerprint stays, as for [`PublicKeySet::with_backend`].
    ///
    /// ```
    /// use jose_core::{Backend, keys::PrivateKeySet};
    /// let set = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// let pure = set.with_backend(Backend::RustCrypto)?;
    /// assert!(pure.keys().iter().all(|k| k.backend() == Backend::RustCrypto));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_backend(self, backend: Backend) -> Result<Self, Error> {
        let keys = self
            .keys
            .into_iter()
            .map(|key| key.with_backend(backend))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PrivateKeySet { keys, ..self })
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

    /// The keys, in import order.
    ///
    /// ```
    /// let set = jose_core::keys::PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// assert_eq!(set.keys()[0].kid(), Some("api-enc-2048"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn keys(&self) -> &[PrivateKey] {
        &self.keys
    }

    /// The keys of the imported JWK Set that were not loaded, and why.
    ///
    /// ```
    /// let set = jose_core::keys::PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// assert!(set.skipped().is_empty());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    pub(crate) fn fingerprint(&self) -> KeysFingerprint {
        self.fingerprint
    }

    pub(crate) fn select(
        &self,
        header: &Header<'_>,
        alg: super::meta::Algorithm,
    ) -> Result<&PrivateKey, Error> {
        select(
            &self.keys,
            |k| &k.meta,
            PrivateKey::thumbprint,
            header,
            Purpose::Decrypt,
            alg,
            KeySide::Decryption,
        )
    }
}
