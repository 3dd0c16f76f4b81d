//! The verified-token cache for multi-threaded servers: the entries split
//! across independently locked shards chosen by the token's digest, so
//! threads opening different tokens rarely wait on one another. A lock is
//! held for a scan and a copy, never for cryptography: a miss opens the
//! token unlocked and locks again to keep it.

use std::boxed::Box;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::vec::Vec;

use core::fmt;

use rand_core::TryCryptoRng;

use super::key::{OpenedWith, token_digest};
use super::store::{Slot, Storage, Store};
use super::{CacheStats, Shards, check_limits, debug_cache, get, open};
use crate::error::{Error, ErrorKind};
use crate::jwt::{self, Jwt, Trust};
use crate::keys::{DecryptionKeys, IssuerKeys};

/// Entries per shard the shard count aims at: a lookup scans a shard's tags.
const ENTRIES_PER_SHARD: usize = 256;

/// The most shards: beyond this, more locks buy nothing on real machines.
const MAX_SHARDS: usize = 1024;

/// The fewest shards a cache of at least this many entries gets, so that a
/// few threads rarely meet on one lock.
const MIN_SHARDS: usize = 16;

/// Storage on the heap, allocated once.
pub(crate) struct Boxed {
    tags: Box<[u64]>,
    slots: Box<[Slot]>,
    bytes: Box<[u8]>,
}

impl Boxed {
    /// Storage of `entries` slots and `bytes` bytes, or a `configuration`
    /// error when the allocator cannot give it (never an abort: the sizes
    /// are an operator's setting).
    pub(crate) fn new(entries: usize, bytes: usize) -> Result<Self, Error> {
        Ok(Boxed {
            tags: filled(entries, 0)?,
            slots: filled(entries, Slot::EMPTY)?,
            bytes: filled(bytes, 0)?,
        })
    }

    /// Storage of nothing (allocates nothing).
    fn empty() -> Self {
        Boxed {
            tags: Box::default(),
            slots: Box::default(),
            bytes: Box::default(),
        }
    }
}

/// `len` copies of `value` on the heap, reserved fallibly.
fn filled<T: Clone>(len: usize, value: T) -> Result<Box<[T]>, Error> {
    crate::heap::filled(
        len,
        value,
        ErrorKind::Configuration,
        "the token cache's sizes cannot be allocated",
    )
    .map(Vec::into_boxed_slice)
}

impl Storage for Boxed {
    fn parts(&mut self) -> (&mut [u64], &mut [Slot], &mut [u8]) {
        (&mut self.tags, &mut self.slots, &mut self.bytes)
    }
    fn view(&self) -> (&[u64], &[Slot], &[u8]) {
        (&self.tags, &self.slots, &self.bytes)
    }
}

/// A verified-token cache shared by threads (`Send + Sync`, `&self`).
///
/// Built with a number of entries and of bytes, allocated once: each entry
/// holds up to `max_bytes / max_entries` bytes of decoded headers and
/// claims (the Auth0 token in `vectors/` needs about 400), and costs that plus
/// 128 bytes of bookkeeping (a slot and its tag). The entries
/// are split evenly across shards (at least 16 once there are 16 entries,
/// about 256 entries each for large caches); each shard evicts on its own
/// when its share is full.
///
/// ```
/// use jose_core::{cache::TokenCache, jwt, keys::{PrivateKeySet, PublicKeySet}};
///
/// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
/// let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// let rules = jwt::Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com");
/// let cache = TokenCache::new(10_000, 10_000 * 2048)?;
///
/// let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let mut rng = jose_core::os_rng();
/// let cold = cache.decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100), &mut rng, &mut buf)?;
/// let claims = cold.claims().json().raw().to_owned();
/// let warm = cache.decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_200), &mut rng, &mut buf)?;
/// assert_eq!(warm.claims().json().raw(), claims);
/// assert_eq!(cache.stats().hits, 1);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct TokenCache {
    shards: Box<[Mutex<Store<Boxed>>]>,
    max_entries: usize,
    entry_len: usize,
}

impl Shards for &TokenCache {
    type Storage = Boxed;
    fn with_shard<T>(&mut self, token: &[u8; 32], f: impl FnOnce(&mut Store<Boxed>) -> T) -> T {
        match self.lock(token) {
            Some(mut shard) => f(&mut shard),
            // Not reached (`new` makes at least one shard); if it were, a
            // store of no entries misses and keeps nothing.
            None => f(&mut Store::new(Boxed::empty())),
        }
    }
}

impl TokenCache {
    /// A cache of at most `max_entries` tokens in at most `max_bytes` bytes
    /// of headers and claims; a `configuration` error when `max_entries` is
    /// 0, `max_bytes < max_entries`, or the memory cannot be allocated (an
    /// impossible size is an error, never an abort). Everything is
    /// allocated here and written once (zeroed), so the cache holds its
    /// memory from the start: `max_bytes` plus 128 bytes per entry. (On a
    /// system that overcommits memory, a size the allocator grants but the
    /// machine cannot hold shows here, at start-up, not later under load.)
    ///
    /// ```
    /// use jose_core::{ErrorKind, cache::TokenCache};
    /// let cache = TokenCache::new(1_000, 2 * 1024 * 1024)?;
    /// assert_eq!(cache.max_entry_len(), 2097);
    /// assert!(TokenCache::new(0, 1024).is_err());
    /// let impossible = TokenCache::new(1_000, usize::MAX).unwrap_err();
    /// assert_eq!(impossible.kind(), ErrorKind::Configuration);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(max_entries: usize, max_bytes: usize) -> Result<Self, Error> {
        check_limits(max_entries, max_bytes)?;
        let entry_len = max_bytes / max_entries;
        let shards = if max_entries < MIN_SHARDS {
            1
        } else {
            (max_entries / ENTRIES_PER_SHARD).clamp(MIN_SHARDS, MAX_SHARDS)
        };
        let mut stores: Vec<Mutex<Store<Boxed>>> = Vec::new();
        stores
            .try_reserve_exact(shards)
            .map_err(|_| Error::configuration("out of memory"))?;
        for i in 0..shards {
            // The first `max_entries % shards` shards take one more.
            let entries = max_entries / shards + usize::from(i < max_entries % shards);
            // At most `max_bytes`: entries * entry_len <= max_entries * (max_bytes / max_entries).
            let bytes = entries.saturating_mul(entry_len);
            stores.push(Mutex::new(Store::new(Boxed::new(entries, bytes)?)));
        }
        Ok(TokenCache {
            shards: stores.into_boxed_slice(),
            max_entries,
            entry_len,
        })
    }

    /// The most bytes of decoded headers and claims one entry holds: a
    /// token whose texts are longer is opened every time, never kept.
    ///
    /// ```
    /// assert_eq!(jose_core::cache::TokenCache::new(10, 20_480)?.max_entry_len(), 2048);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn max_entry_len(&self) -> usize {
        self.entry_len
    }

    /// The most entries the cache holds.
    ///
    /// ```
    /// assert_eq!(jose_core::cache::TokenCache::new(10, 20_480)?.max_entries(), 10);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn max_entries(&self) -> usize {
        self.max_entries
    }

    /// The shard for `token`'s digest, locked.
    fn lock(&self, token: &[u8; 32]) -> Option<MutexGuard<'_, Store<Boxed>>> {
        let pick = token
            .get(8..16)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map_or(0, u64::from_le_bytes);
        let index = (pick % self.shards.len().max(1) as u64) as usize;
        self.shards.get(index).map(locked)
    }

    /// [`jwt::decrypt_and_verify`] through the cache: a token opened before
    /// with keys of the same fingerprints and the same `rules`, still inside
    /// its time window at `now`, is laid out in `buf` without any
    /// cryptography; any other token is opened (no lock held), and kept if
    /// it verifies. `buf` needs what the cold call needs
    /// ([`jwt::required_buffer_len`]). In an async server call it where
    /// blocking is allowed: a miss costs an RSA private operation.
    ///
    /// ```
    /// # use jose_core::{cache::TokenCache, jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// # let rules = jwt::Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com");
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// let cache = TokenCache::new(100, 200_000)?;
    /// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let jwt = cache.decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100), &mut jose_core::os_rng(), &mut buf)?;
    /// assert!(jwt.header().kid().unwrap() == "issuer-2024");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn decrypt_and_verify<'b, D, I, R>(
        &self,
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
            &mut &*self,
            token,
            keys(),
            keys,
            trust.rules(),
            trust.now(),
            buf,
            |buf| jwt::decrypt_and_verify(token, trust, rng, buf),
        )
    }

    /// The warm half of [`TokenCache::decrypt_and_verify`] alone: the answer
    /// for a token this cache holds under these keys and `rules` (a `Jwt`
    /// laid out in `buf`, or the error the stored claims meet at `now`), or
    /// `None`, without opening anything. For an async server: a hit costs a
    /// hash and a copy and can be answered on the executor's thread, and only
    /// a `None` needs the blocking call that opens the token (which looks it
    /// up once more, and counts the miss).
    ///
    /// ```
    /// # use jose_core::{cache::TokenCache, jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// # let rules = jwt::Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com");
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let now = 1_700_000_100;
    /// let cache = TokenCache::new(100, 200_000)?;
    /// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// assert!(cache.get(token, &jwt::Trust::nested(&mine, &issuer, &rules, now), &mut buf).is_none());
    /// cache.decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, now), &mut jose_core::os_rng(), &mut buf)?;
    /// let jwt = cache.get(token, &jwt::Trust::nested(&mine, &issuer, &rules, now), &mut buf).expect("held")?;
    /// assert_eq!(jwt.claims().subject().unwrap(), "auth0|5f7c8ec7c33c6c004bbafe82");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn get<'b, D, I>(
        &self,
        token: &str,
        trust: &Trust<'_, D, I>,
        buf: &'b mut [u8],
    ) -> Option<Result<Jwt<'b>, Error>>
    where
        D: DecryptionKeys + ?Sized,
        I: IssuerKeys + ?Sized,
    {
        let keys = OpenedWith::of_nested(trust);
        get(&mut &*self, token, keys, trust.rules(), trust.now(), buf)
    }

    /// [`TokenCache::get`] for signed-only tokens: the warm half of
    /// [`TokenCache::verify`] (the receiver's, for async servers).
    pub(crate) fn get_signed<'b, D, I>(
        &self,
        token: &str,
        trust: &Trust<'_, D, I>,
        buf: &'b mut [u8],
    ) -> Option<Result<Jwt<'b>, Error>>
    where
        D: ?Sized,
        I: IssuerKeys + ?Sized,
    {
        let keys = OpenedWith::of_signed(trust);
        get(&mut &*self, token, keys, trust.rules(), trust.now(), buf)
    }

    /// [`jwt::verify`] through the cache, for signed-only tokens (`buf`:
    /// `token.len()` bytes, as for the cold call).
    ///
    /// ```
    /// # use jose_core::{cache::TokenCache, jwt, keys::{PublicKey, PublicKeySet}};
    /// let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// let rules = jwt::Validation::new().issuer("joe").accept_any_audience();
    /// let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// let cache = TokenCache::new(16, 32 * 1024)?;
    /// let mut buf = vec![0u8; token.len()];
    /// cache.verify(token, &jwt::Trust::signed(&issuer, &rules, 1_300_000_000), &mut buf)?;
    /// cache.verify(token, &jwt::Trust::signed(&issuer, &rules, 1_300_000_000), &mut buf)?;
    /// assert_eq!(cache.stats().hits, 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn verify<'b, D, I>(
        &self,
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
            &mut &*self,
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
    /// let cache = jose_core::cache::TokenCache::new(16, 32 * 1024)?;
    /// assert_eq!(cache.remove("not.cached.token"), 0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn remove(&self, token: &str) -> usize {
        let digest = token_digest(token);
        self.lock(&digest)
            .map_or(0, |mut shard| shard.remove_token(&digest))
    }

    /// Removes every entry whose time window has ended by `now` (entries are
    /// also removed when met past their end, and are the first evicted).
    ///
    /// ```
    /// let cache = jose_core::cache::TokenCache::new(16, 32 * 1024)?;
    /// assert_eq!(cache.purge_expired(1_700_000_000), 0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn purge_expired(&self, now: u64) -> usize {
        self.each_shard(|store| store.purge_expired(now)).sum()
    }

    /// Removes every entry and wipes the storage (after a key compromise,
    /// say: entries made under removed keys are unreachable already).
    ///
    /// ```
    /// let cache = jose_core::cache::TokenCache::new(16, 32 * 1024)?;
    /// cache.clear();
    /// assert_eq!(cache.stats().entries, 0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn clear(&self) {
        self.each_shard(Store::clear).for_each(drop);
    }

    /// What the cache has done and holds, summed over the shards (each
    /// locked in turn, so the sum is not one instant's).
    ///
    /// ```
    /// let cache = jose_core::cache::TokenCache::new(16, 32 * 1024)?;
    /// assert_eq!(cache.stats().entries, 0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn stats(&self) -> CacheStats {
        let mut stats = CacheStats::default();
        for (entries, bytes, counters) in self.each_shard(|store| store.usage()) {
            stats.add(entries, bytes, counters);
        }
        stats
    }

    /// `f` on every shard, locked one at a time.
    fn each_shard<'s, T: 's>(
        &'s self,
        mut f: impl FnMut(&mut Store<Boxed>) -> T + 's,
    ) -> impl Iterator<Item = T> + 's {
        self.shards.iter().map(move |shard| f(&mut locked(shard)))
    }
}

/// A shard, locked. A shard whose lock was poisoned (a panic elsewhere while
/// it was held) is emptied and used.
fn locked(shard: &Mutex<Store<Boxed>>) -> MutexGuard<'_, Store<Boxed>> {
    shard.lock().unwrap_or_else(|poisoned| {
        let mut guard = PoisonError::into_inner(poisoned);
        guard.clear();
        guard
    })
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_cache(
            f,
            "TokenCache",
            self.max_entries,
            self.entry_len,
            self.stats(),
        )
    }
}
