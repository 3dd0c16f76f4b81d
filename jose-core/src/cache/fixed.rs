//! The verified-token cache for one thread and no heap: `ENTRIES` slots and
//! `BYTES` bytes inside the value, `&mut self`. For firmware, and for a
//! server that keeps one cache per worker.

use core::fmt;

use rand_core::TryCryptoRng;

use super::key::{OpenedWith, token_digest};
use super::store::{Inline, Store};
use super::{CacheStats, Shards, check_limits, debug_cache, open};
use crate::error::Error;
use crate::jwt::{self, Jwt, Trust};
use crate::keys::{DecryptionKeys, IssuerKeys};

/// A verified-token cache of `ENTRIES` entries in `BYTES` bytes, held in
/// the value itself (no allocation, ever): each entry may hold
/// `BYTES / ENTRIES` bytes of decoded headers and claims. Its size is about
/// `BYTES + ENTRIES * 128` bytes (plus 72 of counters): place it in a `static` or a `Box` rather
/// than on a small stack. A lookup scans `ENTRIES` 64-bit tags, so keep
/// `ENTRIES` to a few thousand (a server uses [`super::TokenCache`]).
///
/// ```
/// use jose_core::{cache::FixedTokenCache, jwt, keys::{PrivateKeySet, PublicKeySet}};
///
/// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
/// let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// let rules = jwt::Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com");
/// let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
/// let mut cache = Box::new(FixedTokenCache::<8, 16384>::new());
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// for _ in 0..3 {
///     let jwt = cache.decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100), &mut jose_core::os_rng(), &mut buf)?;
///     assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
/// }
/// assert_eq!((cache.stats().misses, cache.stats().hits), (1, 2));
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct FixedTokenCache<const ENTRIES: usize, const BYTES: usize> {
    store: Store<Inline<ENTRIES, BYTES>>,
}

impl<const ENTRIES: usize, const BYTES: usize> Default for FixedTokenCache<ENTRIES, BYTES> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const ENTRIES: usize, const BYTES: usize> Shards for FixedTokenCache<ENTRIES, BYTES> {
    type Storage = Inline<ENTRIES, BYTES>;
    fn with_shard<T>(
        &mut self,
        _token: &[u8; 32],
        f: impl FnOnce(&mut Store<Self::Storage>) -> T,
    ) -> T {
        f(&mut self.store)
    }
}

impl<const ENTRIES: usize, const BYTES: usize> FixedTokenCache<ENTRIES, BYTES> {
    /// An empty cache (`const`, so it can be a `static`'s initial value).
    /// With `ENTRIES == 0` or fewer `BYTES` than `ENTRIES` nothing is kept
    /// (see [`FixedTokenCache::check`]).
    ///
    /// ```
    /// static CACHE: std::sync::Mutex<jose_core::cache::FixedTokenCache<4, 4096>> =
    ///     std::sync::Mutex::new(jose_core::cache::FixedTokenCache::new());
    /// assert_eq!(CACHE.lock().unwrap().stats().entries, 0);
    /// ```
    pub const fn new() -> Self {
        FixedTokenCache {
            store: Store::new(Inline::new()),
        }
    }

    /// Whether the sizes can hold anything: a `configuration` error when
    /// `ENTRIES` is 0 or `BYTES < ENTRIES`.
    ///
    /// ```
    /// use jose_core::cache::FixedTokenCache;
    /// assert!(FixedTokenCache::<4, 4096>::new().check().is_ok());
    /// assert!(FixedTokenCache::<0, 4096>::new().check().is_err());
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        check_limits(ENTRIES, BYTES)
    }

    /// The most bytes of decoded headers and claims one entry holds.
    ///
    /// ```
    /// assert_eq!(jose_core::cache::FixedTokenCache::<4, 4096>::new().max_entry_len(), 1024);
    /// ```
    pub fn max_entry_len(&self) -> usize {
        self.store.block_len()
    }

    /// [`jwt::decrypt_and_verify`] through the cache: a token opened before
    /// with keys of the same fingerprints and the same `rules`, still inside
    /// its time window at `now`, is laid out in `buf` without any
    /// cryptography; any other token is opened, and kept if it verifies.
    /// `buf` needs what the cold call needs ([`jwt::required_buffer_len`]).
    ///
    /// ```
    /// # use jose_core::{cache::FixedTokenCache, jwt, keys::{PrivateKeySet, PublicKeySet}, ErrorKind};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// # let rules = jwt::Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com");
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// let mut cache = Box::new(FixedTokenCache::<8, 16384>::new());
    /// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let mut rng = jose_core::os_rng();
    /// cache.decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100), &mut rng, &mut buf)?;
    /// // A day later the cached token is refused as the cold call would refuse it.
    /// let err = cache.decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_700_086_500), &mut rng, &mut buf).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Expired);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn decrypt_and_verify<'b, D, I, R>(
        &mut self,
        token: &str,
        trust: &Trust<'_, D, I>,
        rng: &mut R,
        buf: &'b mut [u8],
    ) -> Result<Jwt<'b>, Error>
    where
        D: DecryptionKeys + ?Sized,
        I: IssuerKeys + ?Sized,
        R: TryCryptoRng + ?Sized,
    {
        let keys = || OpenedWith::of_nested(trust);
        open(
            self,
            token,
            keys(),
            keys,
            trust.rules(),
            trust.now(),
            buf,
            |buf| jwt::decrypt_and_verify(token, trust, rng, buf),
        )
    }

    /// [`jwt::verify`] through the cache, for signed-only tokens (`buf`:
    /// `token.len()` bytes, as for the cold call).
    ///
    /// ```
    /// # use jose_core::{cache::FixedTokenCache, jwt, keys::{PublicKey, PublicKeySet}};
    /// let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// let rules = jwt::Validation::new().issuer("joe").accept_any_audience();
    /// let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// let mut cache = FixedTokenCache::<2, 2048>::new();
    /// let mut buf = vec![0u8; token.len()];
    /// cache.verify(token, &jwt::Trust::signed(&issuer, &rules, 1_300_000_000), &mut buf)?;
    /// let jwt = cache.verify(token, &jwt::Trust::signed(&issuer, &rules, 1_300_000_000), &mut buf)?;
    /// assert!(jwt.claims().issuer().unwrap() == "joe");
    /// assert_eq!(cache.stats().hits, 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn verify<'b, D, I>(
        &mut self,
        token: &str,
        trust: &Trust<'_, D, I>,
        buf: &'b mut [u8],
    ) -> Result<Jwt<'b>, Error>
    where
        D: ?Sized,
        I: IssuerKeys + ?Sized,
    {
        let keys = || OpenedWith::of_signed(trust);
        open(
            self,
            token,
            keys(),
            keys,
            trust.rules(),
            trust.now(),
            buf,
            |buf| jwt::verify(token, trust, buf),
        )
    }

    /// Removes `token` (every entry for it, whatever keys and rules it was
    /// opened under): revocation. Returns how many entries went.
    ///
    /// ```
    /// let mut cache = jose_core::cache::FixedTokenCache::<2, 2048>::new();
    /// assert_eq!(cache.remove("not.cached.token"), 0);
    /// ```
    pub fn remove(&mut self, token: &str) -> usize {
        self.store.remove_token(&token_digest(token))
    }

    /// Removes every entry whose time window has ended by `now`.
    ///
    /// ```
    /// let mut cache = jose_core::cache::FixedTokenCache::<2, 2048>::new();
    /// assert_eq!(cache.purge_expired(1_700_000_000), 0);
    /// ```
    pub fn purge_expired(&mut self, now: u64) -> usize {
        self.store.purge_expired(now)
    }

    /// Removes every entry and wipes the storage.
    ///
    /// ```
    /// let mut cache = jose_core::cache::FixedTokenCache::<2, 2048>::new();
    /// cache.clear();
    /// assert_eq!(cache.stats().entries, 0);
    /// ```
    pub fn clear(&mut self) {
        self.store.clear();
    }

    /// What the cache has done and holds.
    ///
    /// ```
    /// assert_eq!(jose_core::cache::FixedTokenCache::<2, 2048>::new().stats().misses, 0);
    /// ```
    pub fn stats(&self) -> CacheStats {
        let mut stats = CacheStats::default();
        let (entries, bytes, counters) = self.store.usage();
        stats.add(entries, bytes, counters);
        stats
    }
}

impl<const ENTRIES: usize, const BYTES: usize> fmt::Debug for FixedTokenCache<ENTRIES, BYTES> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_cache(
            f,
            "FixedTokenCache",
            ENTRIES,
            self.max_entry_len(),
            self.stats(),
        )
    }
}
