//! A JWK Set fetched from a URL and kept: served while fresh, refreshed in
//! the background once stale, refetched at most once per cooldown when a
//! token names a key it lacks, and kept (for a bounded time) when refetches
//! fail. One fetch at a time: callers that need one wait on it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use jose_core::keys::PublicKeySet;
use reqwest::{Client, Url};

use crate::error::JwksError;
use crate::options::RemoteOptions;
use crate::{documents, endpoint, fetch};

/// A remote JWK Set (the issuer's signing keys), shared by every request.
///
/// Cheap to clone (one `Arc`). Ask it for [`RemoteJwkSet::keys`] once per
/// token: the answer is the set held now, which can refetch once if the
/// token names a key the set lacks ([`crate::RemoteIssuerKeys`]).
///
/// ```no_run
/// # async fn run() -> Result<(), jose_jwks::JwksError> {
/// use jose_jwks::{RemoteJwkSet, RemoteOptions};
/// let issuer_keys = RemoteJwkSet::new(
///     "https://tenant.example.auth0.com/.well-known/jwks.json",
///     RemoteOptions::default(),
/// )?;
/// let keys = issuer_keys.keys().await?; // fetched on first use
/// # let _ = keys; Ok(()) }
/// ```
#[derive(Clone)]
pub struct RemoteJwkSet {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    url: Url,
    pub(crate) options: RemoteOptions,
    client: Client,
    state: Mutex<State>,
    /// Held for the length of one fetch: the single flight.
    flight: tokio::sync::Mutex<()>,
    /// A background refresh has been started and not finished.
    refreshing: AtomicBool,
}

#[derive(Default)]
struct State {
    good: Option<Good>,
    /// Fetches attempted so far: a caller that saw `n` and finds more knows
    /// a fetch finished while it waited, and takes its outcome.
    attempts: u64,
    last_attempt: Option<Instant>,
    last_error: Option<JwksError>,
}

/// The last set fetched and accepted.
struct Good {
    set: Arc<PublicKeySet>,
    fetched: Instant,
    age: Duration,
}

/// A set as handed out, with the attempt count it was current at.
pub(crate) struct Snapshot {
    pub(crate) set: Arc<PublicKeySet>,
    pub(crate) attempts: u64,
}

enum Freshness {
    Fresh,
    /// Past its age, within the stale limit: served, refreshed behind.
    Stale,
    /// Nothing to serve.
    Missing,
}

impl RemoteJwkSet {
    /// A JWK Set at `url` (`https`; plain `http` to a loopback address
    /// only). Nothing is fetched until the first [`RemoteJwkSet::keys`].
    ///
    /// ```
    /// use jose_jwks::{RemoteJwkSet, RemoteOptions};
    /// assert!(RemoteJwkSet::new("https://tenant.example.auth0.com/.well-known/jwks.json", RemoteOptions::default()).is_ok());
    /// assert!(RemoteJwkSet::new("http://tenant.example.auth0.com/.well-known/jwks.json", RemoteOptions::default()).is_err());
    /// ```
    pub fn new(url: &str, options: RemoteOptions) -> Result<Self, JwksError> {
        Self::at(endpoint::parse(url)?, options)
    }

    pub(crate) fn at(url: Url, options: RemoteOptions) -> Result<Self, JwksError> {
        endpoint::check(&url)?;
        let client = fetch::client(&options)?;
        Ok(RemoteJwkSet {
            inner: Arc::new(Inner {
                url,
                options,
                client,
                state: Mutex::new(State::default()),
                flight: tokio::sync::Mutex::new(()),
                refreshing: AtomicBool::new(false),
            }),
        })
    }

    /// The URL the set is fetched from.
    ///
    /// ```
    /// let set = jose_jwks::RemoteJwkSet::new("https://issuer.example/jwks", Default::default())?;
    /// assert_eq!(set.url().as_str(), "https://issuer.example/jwks");
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn url(&self) -> &Url {
        &self.inner.url
    }

    /// The options it was made with.
    ///
    /// ```
    /// let set = jose_jwks::RemoteJwkSet::new("https://issuer.example/jwks", Default::default())?;
    /// assert_eq!(set.options().max_bytes, 64 * 1024);
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn options(&self) -> &RemoteOptions {
        &self.inner.options
    }

    /// The set to open one token with, and the state that can refetch it
    /// ([`crate::RemoteJwkSet::keys`] wraps them): fresh, served; stale,
    /// served while a background refresh runs; missing, fetched now.
    pub(crate) async fn current(&self) -> Result<(Snapshot, Arc<Inner>), JwksError> {
        let inner = &self.inner;
        let now = Instant::now();
        let (freshness, held, seen) = {
            let state = inner.lock();
            let freshness = state.freshness(now, &inner.options);
            (freshness, state.snapshot(), state.attempts)
        };
        let snapshot = match (freshness, held) {
            (Freshness::Fresh, Some(held)) => held,
            (Freshness::Stale, Some(held)) => {
                inner.refresh_behind(seen);
                held
            }
            _ => inner.refresh(seen).await?,
        };
        Ok((snapshot, Arc::clone(inner)))
    }

    /// The set held now, without fetching (`None` before the first fetch
    /// succeeds).
    ///
    /// ```
    /// let set = jose_jwks::RemoteJwkSet::new("https://issuer.example/jwks", Default::default())?;
    /// assert!(set.held().is_none());
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn held(&self) -> Option<Arc<PublicKeySet>> {
        self.inner.lock().snapshot().map(|s| s.set)
    }

    /// How many fetches were attempted so far (successful or not): what an
    /// operator watches for a rotation storm or an issuer outage.
    ///
    /// ```
    /// let set = jose_jwks::RemoteJwkSet::new("https://issuer.example/jwks", Default::default())?;
    /// assert_eq!(set.fetch_attempts(), 0);
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn fetch_attempts(&self) -> u64 {
        self.inner.lock().attempts
    }
}

impl std::fmt::Debug for RemoteJwkSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.inner.lock();
        f.debug_struct("RemoteJwkSet")
            .field("url", &self.inner.url.as_str())
            .field("keys", &state.good.as_ref().map(|g| g.set.len()))
            .field("attempts", &state.attempts)
            .field("last_error", &state.last_error)
            .finish()
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is replaced whole under the lock; a panic elsewhere
        // cannot leave it half written.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// One fetch for everyone who saw `seen` attempts: the first caller
    /// fetches (unless the last attempt was less than a cooldown ago), the
    /// others wait and take its outcome.
    pub(crate) async fn refresh(&self, seen: u64) -> Result<Snapshot, JwksError> {
        let _flight = self.flight.lock().await;
        {
            let state = self.lock();
            let now = Instant::now();
            if state.attempts != seen {
                return state.serve(now, &self.options);
            }
            let cooling = state
                .last_attempt
                .is_some_and(|at| now.saturating_duration_since(at) < self.options.cooldown);
            if cooling {
                return state
                    .serve(now, &self.options)
                    .map_err(|last| JwksError::CoolingDown {
                        last: Box::new(last),
                    });
            }
        }
        let outcome = self.fetch().await;
        let mut state = self.lock();
        let now = Instant::now();
        state.attempts += 1;
        state.last_attempt = Some(now);
        match outcome {
            Ok((set, age)) => {
                tracing::debug!(url = %self.url, keys = set.len(), ?age, "JWK Set fetched");
                state.good = Some(Good {
                    set: Arc::new(set),
                    fetched: now,
                    age,
                });
                state.last_error = None;
            }
            Err(error) => {
                tracing::warn!(url = %self.url, %error, "JWK Set fetch failed; the last good set, if any, is kept");
                state.last_error = Some(error);
            }
        }
        state.serve(now, &self.options)
    }

    /// Starts [`Inner::refresh`] on the current tokio runtime unless one is
    /// already running (or there is no runtime: then the set stays stale
    /// until it is missing and fetched in line).
    fn refresh_behind(self: &Arc<Self>, seen: u64) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        if self.refreshing.swap(true, Ordering::AcqRel) {
            return;
        }
        let inner = Arc::clone(self);
        runtime.spawn(async move {
            let _done = Refreshing(&inner.refreshing);
            let _ = inner.refresh(seen).await;
        });
    }

    async fn fetch(&self) -> Result<(PublicKeySet, Duration), JwksError> {
        let accept = "application/jwk-set+json, application/json";
        let fetched = fetch::get(&self.client, &self.url, accept, &self.options).await?;
        let set = documents::parse_jwk_set(&fetched.body)?;
        for skipped in set.skipped() {
            tracing::debug!(index = skipped.index(), kid = ?skipped.kid(), reason = %skipped.reason(), "JWK skipped");
        }
        Ok((set, self.options.age_of(fetched.max_age)))
    }
}

/// Clears the background-refresh flag however the task ends.
struct Refreshing<'a>(&'a AtomicBool);

impl Drop for Refreshing<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

impl State {
    fn freshness(&self, now: Instant, options: &RemoteOptions) -> Freshness {
        match &self.good {
            Some(good) => {
                let age = now.saturating_duration_since(good.fetched);
                if age < good.age {
                    Freshness::Fresh
                } else if age < good.age.saturating_add(options.stale_limit) {
                    Freshness::Stale
                } else {
                    Freshness::Missing
                }
            }
            None => Freshness::Missing,
        }
    }

    fn snapshot(&self) -> Option<Snapshot> {
        self.good.as_ref().map(|good| Snapshot {
            set: Arc::clone(&good.set),
            attempts: self.attempts,
        })
    }

    /// The set to serve at `now` (fresh or within the stale limit), or why
    /// there is none.
    fn serve(&self, now: Instant, options: &RemoteOptions) -> Result<Snapshot, JwksError> {
        match (self.freshness(now, options), self.snapshot()) {
            (Freshness::Fresh | Freshness::Stale, Some(snapshot)) => Ok(snapshot),
            _ => Err(self.last_error.clone().unwrap_or(JwksError::Transport {
                message: "no JWK Set fetched within the stale limit".into(),
            })),
        }
    }
}
