//! Several issuers (tenants), each with its own keys, one chosen per token
//! by the token's `iss` among the configured ones only. The choice is made
//! where the core asks for a key ([`IssuerKeys::issuer_key`], which sees
//! the claims' unverified `iss`), so it works for signed and nested tokens
//! alike, and the chosen key then has to verify the signature over that
//! same `iss`: one issuer's keys never verify a token naming another. A
//! remote set is fetched only for a configured issuer a token names: a
//! flood of tokens naming unknown issuers costs no fetch.

use std::sync::mpsc;
use std::sync::{Arc, OnceLock};

use jose_core::Error;
use jose_core::keys::{IssuerKeys, IssuerRequest, KeysFingerprint, PublicKey, PublicKeySet};

use crate::error::JwksError;
use crate::fetch;
use crate::remote::RemoteJwkSet;
use crate::resolver::RemoteIssuerKeys;

/// The most issuers one [`Issuers`] holds: each token's `iss` is compared
/// with each, and a cache lookup combines each one's key fingerprint.
pub const MAX_ISSUERS: usize = 256;

#[derive(Clone)]
enum Source {
    Fixed(Arc<PublicKeySet>),
    Remote(RemoteJwkSet),
}

/// Issuer identifiers and where each one's keys come from: fixed
/// ([`PublicKeySet`]) or a [`RemoteJwkSet`] (its URL given, or found by
/// OpenID discovery). Cloning shares it.
///
/// The receiver's rules must accept the same issuers
/// (`Validation::issuers`): a token naming an issuer configured here but
/// not there is refused by the rules, and one named there but not here has
/// no keys.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use jose_core::keys::PublicKeySet;
/// use jose_jwks::{Issuers, RemoteJwkSet, RemoteOptions};
/// let issuers = Issuers::new()
///     .remote("https://tenant-a.eu.auth0.com/", RemoteJwkSet::new("https://tenant-a.eu.auth0.com/.well-known/jwks.json", RemoteOptions::default())?)?
///     .remote("https://login.example.com/", RemoteJwkSet::discover("https://login.example.com/", RemoteOptions::default()).await?)?
///     .fixed("https://legacy.example.com", PublicKeySet::from_jwks(&std::fs::read_to_string("legacy.jwks.json")?)?)?;
/// let names: Vec<&str> = issuers.names().collect(); // for Validation::issuers
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
pub struct Issuers {
    entries: Arc<[(String, Source)]>,
}

impl Issuers {
    /// No issuer yet.
    ///
    /// ```
    /// assert_eq!(jose_jwks::Issuers::new().names().count(), 0);
    /// ```
    pub fn new() -> Self {
        Issuers::default()
    }

    /// Adds `issuer` with fixed keys.
    ///
    /// ```
    /// use jose_core::keys::PublicKeySet;
    /// let issuers = jose_jwks::Issuers::new()
    ///     .fixed("https://tenant.example.auth0.com/", PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fixed(self, issuer: &str, keys: PublicKeySet) -> Result<Self, JwksError> {
        self.with(issuer, Source::Fixed(Arc::new(keys)))
    }

    /// Adds `issuer` with keys fetched from `keys` (on the first token
    /// naming it, then as the set's options say).
    ///
    /// ```
    /// use jose_jwks::{Issuers, RemoteJwkSet, RemoteOptions};
    /// let issuers = Issuers::new().remote(
    ///     "https://tenant.example.auth0.com/",
    ///     RemoteJwkSet::new("https://tenant.example.auth0.com/.well-known/jwks.json", RemoteOptions::default())?,
    /// )?;
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn remote(self, issuer: &str, keys: RemoteJwkSet) -> Result<Self, JwksError> {
        self.with(issuer, Source::Remote(keys))
    }

    fn with(self, issuer: &str, source: Source) -> Result<Self, JwksError> {
        if issuer.is_empty() {
            return Err(JwksError::Issuers {
                reason: "an empty issuer identifier",
            });
        }
        if self.entries.iter().any(|(name, _)| name == issuer) {
            return Err(JwksError::Issuers {
                reason: "an issuer configured twice",
            });
        }
        if self.entries.len() >= MAX_ISSUERS {
            return Err(JwksError::Issuers {
                reason: "more than MAX_ISSUERS issuers",
            });
        }
        let mut entries = self.entries.to_vec();
        entries.push((issuer.to_owned(), source));
        Ok(Issuers {
            entries: entries.into(),
        })
    }

    /// The configured issuer identifiers, in the order added.
    ///
    /// ```
    /// use jose_core::keys::PublicKeySet;
    /// let issuers = jose_jwks::Issuers::new()
    ///     .fixed("https://a.example/", PublicKeySet::new())?
    ///     .fixed("https://b.example/", PublicKeySet::new())?;
    /// assert_eq!(issuers.names().collect::<Vec<_>>(), ["https://a.example/", "https://b.example/"]);
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(name, _)| name.as_str())
    }

    /// Fetches attempted so far, over every remote set.
    ///
    /// ```
    /// let issuers = jose_jwks::Issuers::new();
    /// assert_eq!(issuers.fetch_attempts(), 0);
    /// ```
    pub fn fetch_attempts(&self) -> u64 {
        self.entries
            .iter()
            .map(|(_, source)| match source {
                Source::Fixed(_) => 0,
                Source::Remote(remote) => remote.fetch_attempts(),
            })
            .sum()
    }

    /// The issuer keys to open one token with. Made on a tokio runtime (a
    /// remote set is fetched on it, from the blocking thread the token is
    /// opened on, as [`RemoteIssuerKeys`] refetches).
    ///
    /// ```
    /// use jose_core::keys::{IssuerKeys, PublicKeySet};
    /// let issuers = jose_jwks::Issuers::new().fixed("https://a.example/", PublicKeySet::new())?;
    /// assert!(issuers.keys().fingerprint().is_some());
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn keys(&self) -> IssuersKeys {
        IssuersKeys {
            issuers: self.clone(),
            chosen: OnceLock::new(),
            unavailable: OnceLock::new(),
            runtime: tokio::runtime::Handle::try_current().ok(),
        }
    }
}

impl std::fmt::Debug for Issuers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

/// [`IssuerKeys`] for one token, from [`Issuers::keys`]: the keys of the
/// configured issuer the token's `iss` names (compared after JSON
/// unescaping, exactly), or a key miss for any other `iss` and for none.
///
/// ```
/// use jose_core::keys::PublicKeySet;
/// let keys = jose_jwks::Issuers::new().fixed("https://a.example/", PublicKeySet::new())?.keys();
/// assert!(keys.unavailable().is_none());
/// # Ok::<(), jose_jwks::JwksError>(())
/// ```
pub struct IssuersKeys {
    issuers: Issuers,
    /// The remote set fetched for the token's issuer (its index).
    chosen: OnceLock<(usize, RemoteIssuerKeys)>,
    /// Why the token's issuer's set could not be had.
    unavailable: OnceLock<JwksError>,
    runtime: Option<tokio::runtime::Handle>,
}

impl IssuersKeys {
    /// Why the keys of the issuer the token named could not be had (the
    /// token was then refused as a key miss): a resource server answers
    /// 503 rather than 401.
    ///
    /// ```
    /// # use jose_core::keys::PublicKeySet;
    /// # let keys = jose_jwks::Issuers::new().fixed("https://a.example/", PublicKeySet::new())?.keys();
    /// if let Some(error) = keys.unavailable() {
    ///     eprintln!("issuer keys unavailable: {error}");
    /// }
    /// # Ok::<(), jose_jwks::JwksError>(())
    /// ```
    pub fn unavailable(&self) -> Option<&JwksError> {
        self.unavailable.get()
    }

    /// The remote set's keys for one token, fetched through the runtime
    /// and waited for from this (blocking) thread.
    fn fetch(&self, remote: &RemoteJwkSet) -> Result<RemoteIssuerKeys, JwksError> {
        let timed_out = JwksError::Timeout {
            after: fetch::bound(remote.options()),
        };
        let Some(runtime) = &self.runtime else {
            return Err(timed_out);
        };
        let (answer, wait) = mpsc::sync_channel(1);
        let remote_set = remote.clone();
        runtime.spawn(async move {
            let _ = answer.send(remote_set.keys().await);
        });
        wait.recv_timeout(fetch::bound(remote.options()))
            .unwrap_or(Err(timed_out))
    }
}

impl IssuerKeys for IssuersKeys {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        let Some(iss) = request.unverified_issuer() else {
            return Err(request.miss());
        };
        let Some((index, (_, source))) = self
            .issuers
            .entries
            .iter()
            .enumerate()
            .find(|(_, (name, _))| iss == name.as_str())
        else {
            return Err(request.miss());
        };
        match source {
            Source::Fixed(set) => set.issuer_key(request),
            Source::Remote(remote) => {
                if let Some((chosen, keys)) = self.chosen.get() {
                    // One token names one issuer; anything else is a miss.
                    return if *chosen == index {
                        keys.issuer_key(request)
                    } else {
                        Err(request.miss())
                    };
                }
                match self.fetch(remote) {
                    Ok(keys) => {
                        let (_, keys) = self.chosen.get_or_init(|| (index, keys));
                        keys.issuer_key(request)
                    }
                    Err(error) => {
                        let _ = self.unavailable.set(error);
                        Err(request.miss())
                    }
                }
            }
        }
    }

    /// Every issuer's keys, combined in order: a remote set not fetched
    /// yet counts as empty, so its first fetch changes the fingerprint (the
    /// tokens cached before are opened again, once).
    fn fingerprint(&self) -> Option<KeysFingerprint> {
        let empty = PublicKeySet::new().fingerprint()?;
        let chosen = self.chosen.get();
        let mut combined: Option<KeysFingerprint> = None;
        for (index, (_, source)) in self.issuers.entries.iter().enumerate() {
            let one = match (source, chosen) {
                (_, Some((i, keys))) if *i == index => keys.fingerprint()?,
                (Source::Fixed(set), _) => set.fingerprint()?,
                (Source::Remote(remote), _) => match remote.held() {
                    Some(set) => set.fingerprint()?,
                    None => empty,
                },
            };
            combined = Some(match combined {
                Some(so_far) => so_far.combine(one),
                None => one,
            });
        }
        combined.or(Some(empty))
    }
}

impl std::fmt::Debug for IssuersKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuersKeys")
            .field("issuers", &self.issuers)
            .field("fetched", &self.chosen.get().map(|(i, _)| i))
            .field("unavailable", &self.unavailable.get())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configuration_that_cannot_be_used_is_refused() {
        let one = Issuers::new()
            .fixed("https://a.example/", PublicKeySet::new())
            .unwrap();
        assert!(matches!(
            one.clone().fixed("https://a.example/", PublicKeySet::new()),
            Err(JwksError::Issuers { .. })
        ));
        assert!(Issuers::new().fixed("", PublicKeySet::new()).is_err());
        let mut many = Issuers::new();
        for i in 0..MAX_ISSUERS {
            many = many
                .fixed(&format!("https://{i}.example/"), PublicKeySet::new())
                .unwrap();
        }
        assert!(
            many.fixed("https://one-more.example/", PublicKeySet::new())
                .is_err()
        );
        // Differently spelled is another issuer, not a duplicate.
        assert!(one.fixed("https://a.example", PublicKeySet::new()).is_ok());
    }
}
