//! The warm path: a bounded cache of verified tokens, so that a token seen
//! again costs a hash and a copy instead of an RSA operation.
//!
//! An entry is filed under the SHA-256 of the token's exact bytes together
//! with the fingerprints of the keys it was opened with
//! ([`crate::keys::KeysFingerprint`]) and of the validation rules; it holds
//! the decoded headers and claims (copied, never a prefix of the token) and
//! the window of time in which the token's time rules pass. A hit inside the
//! window copies the texts into the caller's buffer and returns the same
//! [`Jwt`] the cold call would, with no RSA, no AES and no base64 of the
//! token; outside it the claims are validated again at the `now` given, so
//! an expired token is refused exactly as the cold call would refuse it.
//!
//! - Bounded: a number of entries and of bytes, both the caller's, allocated
//!   once; each entry gets `bytes / entries` of them, and a token whose
//!   texts are larger is not kept. A full cache evicts an expired entry
//!   first, then by CLOCK; it never grows.
//! - Failures are never kept; an entry never outlives its `exp`; keys whose
//!   fingerprint changed (a rotation, a removed key) or other rules never
//!   reach an entry made under the old ones. [`TokenCache::remove`] and
//!   [`TokenCache::clear`] revoke.
//! - Keys that cannot name themselves (a resolver whose
//!   [`crate::keys::IssuerKeys::fingerprint`] is `None`) are served by the
//!   cold path every time, and nothing is kept.
//! - Removed and evicted entries are wiped; `Debug` shows counts only.
//!
//! Two forms share one store: [`TokenCache`] (`std`: `Send + Sync`, sharded
//! locks) and [`FixedTokenCache`] (`no_std`: storage inside the value,
//! `&mut self`).

mod fixed;
mod key;
#[cfg(feature = "std")]
mod shared;
mod store;

use core::fmt;

pub use fixed::FixedTokenCache;
#[cfg(feature = "std")]
pub use shared::TokenCache;

use crate::error::Error;
use crate::jwt::{Jwt, Validation, buffer_error};
use key::{OpenedWith, token_digest};
use store::{Counters, Lookup, Storage, Store};

/// What a cache has done and holds.
///
/// ```
/// let cache = jose_core::cache::FixedTokenCache::<4, 8192>::new();
/// let stats = cache.stats();
/// assert_eq!((stats.hits, stats.entries, stats.bytes), (0, 0, 0));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CacheStats {
    /// Tokens served from the cache.
    pub hits: u64,
    /// Lookups that found no entry (the cold path ran).
    pub misses: u64,
    /// Entries found outside their time window (validated again; removed
    /// once past their end), and expired entries removed to make room or by
    /// `purge_expired`.
    pub expired: u64,
    /// Entries stored.
    pub inserts: u64,
    /// Live entries evicted to make room.
    pub evictions: u64,
    /// Tokens opened but not kept: too large for an entry, keys without a
    /// fingerprint, or keys that changed while the token was opened.
    pub skipped: u64,
    /// Entries held now.
    pub entries: usize,
    /// Bytes of headers and claims held now.
    pub bytes: usize,
}

impl CacheStats {
    fn add(&mut self, entries: usize, bytes: usize, counters: Counters) {
        self.hits += counters.hits;
        self.misses += counters.misses;
        self.expired += counters.expired;
        self.inserts += counters.inserts;
        self.evictions += counters.evictions;
        self.skipped += counters.skipped;
        self.entries += entries;
        self.bytes += bytes;
    }
}

/// A cache's stores, each reached by a token's digest.
trait Shards {
    type Storage: Storage;
    fn with_shard<T>(
        &mut self,
        token: &[u8; 32],
        f: impl FnOnce(&mut Store<Self::Storage>) -> T,
    ) -> T;
}

/// The one path both caches take: look the token up; on a hit lay it out in
/// `buf`; otherwise open it with `cold` and keep it if it verified and the
/// keys are still the ones it was looked up with.
#[allow(clippy::too_many_arguments)]
fn open<'b, C: Shards>(
    cache: &mut C,
    token: &str,
    keys: Option<OpenedWith>,
    keys_now: impl FnOnce() -> Option<OpenedWith>,
    rules: &Validation<'_>,
    now: u64,
    buf: &'b mut [u8],
    cold: impl FnOnce(&'b mut [u8]) -> Result<Jwt<'b>, Error>,
) -> Result<Jwt<'b>, Error> {
    let digest = token_digest(token);
    let Some(keys) = keys else {
        cache.with_shard(&digest, Store::count_skipped);
        return cold(buf);
    };
    let key = keys.key(&digest, rules);
    let buf = match lookup(cache, &digest, &key, rules, now, buf, true) {
        Ok(found) => return found,
        Err(buf) => buf,
    };
    let jwt = cold(buf)?;
    // Keys that changed while the token was opened (a resolver refetched)
    // may no longer hold the key that verified it: not kept.
    if keys_now() == Some(keys) {
        let window = rules.window(jwt.claims());
        cache.with_shard(&digest, |store| {
            store.insert(&key, window, now, jwt.texts());
        });
    } else {
        cache.with_shard(&digest, Store::count_skipped);
    }
    Ok(jwt)
}

/// The warm half of [`open`]: the answer for a token the cache holds, or
/// `buf` back on a miss (counted only when `count_miss`: the cold path
/// follows).
fn lookup<'b, C: Shards>(
    cache: &mut C,
    digest: &[u8; 32],
    key: &store::EntryKey,
    rules: &Validation<'_>,
    now: u64,
    buf: &'b mut [u8],
    count_miss: bool,
) -> Result<Result<Jwt<'b>, Error>, &'b mut [u8]> {
    match cache.with_shard(digest, |store| store.lookup(key, now, buf, count_miss)) {
        Lookup::Hit(layout) => Ok(Jwt::from_verified(buf, layout, None)),
        Lookup::OutsideWindow(layout) => Ok(Jwt::from_verified(buf, layout, Some((rules, now)))),
        Lookup::Short(need) => Ok(Err(buffer_error(buf.len(), need))),
        Lookup::Miss => Err(buf),
    }
}

/// [`lookup`] alone, for a caller that opens a miss elsewhere: `None` when
/// the keys cannot be cached or the token is not held. (Only the shared
/// cache offers it: its callers are async servers.)
#[cfg(feature = "std")]
fn get<'b, C: Shards>(
    cache: &mut C,
    token: &str,
    keys: Option<OpenedWith>,
    rules: &Validation<'_>,
    now: u64,
    buf: &'b mut [u8],
) -> Option<Result<Jwt<'b>, Error>> {
    let keys = keys?;
    let digest = token_digest(token);
    let key = keys.key(&digest, rules);
    lookup(cache, &digest, &key, rules, now, buf, false).ok()
}

/// The sizes a cache was built with.
fn check_limits(entries: usize, bytes: usize) -> Result<(), Error> {
    if entries == 0 || bytes < entries {
        return Err(Error::configuration(
            "a token cache needs at least one entry and one byte per entry",
        ));
    }
    Ok(())
}

/// `Debug` for both caches: sizes and counts, never a claim.
fn debug_cache(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    entries: usize,
    entry_len: usize,
    stats: CacheStats,
) -> fmt::Result {
    f.debug_struct(name)
        .field("max_entries", &entries)
        .field("max_entry_len", &entry_len)
        .field("stats", &stats)
        .finish()
}
