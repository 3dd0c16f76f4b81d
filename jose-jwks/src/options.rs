//! The bounds a remote JWK Set works within, all the caller's to set.

use std::time::Duration;

/// Limits and timings for a [`crate::RemoteJwkSet`].
///
/// The defaults follow panva jose's `createRemoteJWKSet` where it has one
/// (a 5 s timeout, a 30 s cooldown, a 10 minute age) and are bounded where
/// it is not (the response size, redirects, how long a stale set is served).
///
/// **How long a removed key is still trusted.** A key the issuer takes out
/// of its set verifies tokens until this side fetches the set again: while
/// the issuer answers, at most `max_age` after the last fetch plus one
/// fetch's time (a stale set serves while it is refreshed behind); while
/// the issuer cannot be reached, up to `max_age + stale_limit`. With the
/// defaults that is about 10 minutes, and 24 hours 10 minutes in an outage.
/// To shorten it, lower `max_age` (with [`RemoteOptions::age`]) and
/// `stale_limit`: with `stale_limit` zero an aged set is fetched again
/// before the next token is verified, and an unreachable issuer fails
/// closed at once. (A key rotation by the issuer, a new `kid`, needs none
/// of this: an unknown `kid` refetches at once, once per cooldown.)
///
/// ```
/// use std::time::Duration;
/// let options = jose_jwks::RemoteOptions::default()
///     .timeout(Duration::from_secs(2))
///     .cooldown(Duration::from_secs(60));
/// assert_eq!(options.max_bytes, 64 * 1024);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RemoteOptions {
    /// The whole exchange (connect, TLS, headers, body) must finish within
    /// this. Default 5 s.
    pub timeout: Duration,
    /// At most one fetch per cooldown: a token naming an unknown key, or a
    /// failed fetch, triggers no new fetch sooner. Default 30 s.
    pub cooldown: Duration,
    /// The shortest time a set is used before it is fetched again, whatever
    /// `Cache-Control` says (`max-age=0`, `no-cache`). Default 60 s.
    pub min_age: Duration,
    /// The longest, and the age of a set whose response has no `max-age`.
    /// Default 10 minutes.
    pub max_age: Duration,
    /// How long past its age a set is still served while refetches fail
    /// (the last good set); after that, tokens are refused until a fetch
    /// succeeds. Default 24 hours. Zero: an aged set is refetched before
    /// use, never served stale.
    pub stale_limit: Duration,
    /// The largest response accepted, in bytes. Default 64 KiB (jose-core
    /// reads JWK Sets up to 256 KiB).
    pub max_bytes: usize,
    /// Redirects followed, each to `https` (or loopback `http` from loopback
    /// `http`). Default 2.
    pub max_redirects: usize,
}

impl Default for RemoteOptions {
    fn default() -> Self {
        RemoteOptions {
            timeout: Duration::from_secs(5),
            cooldown: Duration::from_secs(30),
            min_age: Duration::from_secs(60),
            max_age: Duration::from_secs(600),
            stale_limit: Duration::from_secs(24 * 3600),
            max_bytes: 64 * 1024,
            max_redirects: 2,
        }
    }
}

impl RemoteOptions {
    /// Sets [`RemoteOptions::timeout`].
    ///
    /// ```
    /// let o = jose_jwks::RemoteOptions::default().timeout(std::time::Duration::from_secs(1));
    /// assert_eq!(o.timeout.as_secs(), 1);
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets [`RemoteOptions::cooldown`].
    ///
    /// ```
    /// let o = jose_jwks::RemoteOptions::default().cooldown(std::time::Duration::ZERO);
    /// assert!(o.cooldown.is_zero());
    /// ```
    pub fn cooldown(mut self, cooldown: Duration) -> Self {
        self.cooldown = cooldown;
        self
    }

    /// Sets [`RemoteOptions::min_age`] and [`RemoteOptions::max_age`] (the
    /// larger bound wins if they are given the wrong way round).
    ///
    /// ```
    /// use std::time::Duration;
    /// let o = jose_jwks::RemoteOptions::default().age(Duration::from_secs(30), Duration::from_secs(300));
    /// assert_eq!((o.min_age.as_secs(), o.max_age.as_secs()), (30, 300));
    /// ```
    pub fn age(mut self, min: Duration, max: Duration) -> Self {
        self.min_age = min;
        self.max_age = max.max(min);
        self
    }

    /// Sets [`RemoteOptions::stale_limit`].
    ///
    /// ```
    /// let o = jose_jwks::RemoteOptions::default().stale_limit(std::time::Duration::from_secs(3600));
    /// assert_eq!(o.stale_limit.as_secs(), 3600);
    /// ```
    pub fn stale_limit(mut self, limit: Duration) -> Self {
        self.stale_limit = limit;
        self
    }

    /// Sets [`RemoteOptions::max_bytes`].
    ///
    /// ```
    /// let o = jose_jwks::RemoteOptions::default().max_bytes(16 * 1024);
    /// assert_eq!(o.max_bytes, 16 * 1024);
    /// ```
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets [`RemoteOptions::max_redirects`].
    ///
    /// ```
    /// let o = jose_jwks::RemoteOptions::default().max_redirects(0);
    /// assert_eq!(o.max_redirects, 0);
    /// ```
    pub fn max_redirects(mut self, max_redirects: usize) -> Self {
        self.max_redirects = max_redirects;
        self
    }

    /// How long a set fetched with this `max-age` (seconds, if the response
    /// gave one) is used: clamped into `[min_age, max_age]`.
    pub(crate) fn age_of(&self, max_age: Option<u64>) -> Duration {
        max_age
            .map_or(self.max_age, Duration::from_secs)
            .clamp(self.min_age, self.max_age.max(self.min_age))
    }
}
