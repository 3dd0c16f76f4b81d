//! What opens a bearer token: the API's decryption keys, the issuer's keys
//! (a fixed set or a [`RemoteJwkSet`]), the validation rules and a
//! verified-token cache. A held token is answered on the executor's thread
//! (a hash and a copy); any other is opened on a blocking thread, since it
//! costs an RSA private operation.

use std::sync::Arc;

use jose_core::cache::TokenCache;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{
    IssuerKeys, IssuerRequest, KeysFingerprint, PrivateKeySet, PublicKey, PublicKeySet,
};
use jose_core::{Error, ErrorKind};
use jose_jwks::{RemoteIssuerKeys, RemoteJwkSet};
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use crate::rejection::Rejection;

/// The default cache: 4,096 tokens of up to 2 KiB of headers and claims
/// each (8 MiB, allocated once).
const CACHE_ENTRIES: usize = 4096;
const CACHE_BYTES: usize = CACHE_ENTRIES * 2048;

/// The longest bearer token opened (longer ones are refused unread).
const MAX_TOKEN_LEN: usize = 16 * 1024;

/// Where the issuer's signing keys come from.
///
/// ```
/// use jose_axum::IssuerSource;
/// use jose_core::keys::PublicKeySet;
/// let fixed: IssuerSource = PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?.into();
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub enum IssuerSource {
    /// A set known when the server starts.
    Fixed(Arc<PublicKeySet>),
    /// A JWK Set fetched and followed through rotations.
    Remote(RemoteJwkSet),
}

impl From<PublicKeySet> for IssuerSource {
    fn from(set: PublicKeySet) -> Self {
        IssuerSource::Fixed(Arc::new(set))
    }
}

impl From<RemoteJwkSet> for IssuerSource {
    fn from(set: RemoteJwkSet) -> Self {
        IssuerSource::Remote(set)
    }
}

/// The issuer keys one request is opened with.
enum RequestKeys {
    Fixed(Arc<PublicKeySet>),
    Remote(RemoteIssuerKeys),
}

impl IssuerKeys for RequestKeys {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        match self {
            RequestKeys::Fixed(set) => set.issuer_key(request),
            RequestKeys::Remote(keys) => keys.issuer_key(request),
        }
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        match self {
            RequestKeys::Fixed(set) => IssuerKeys::fingerprint(&**set),
            RequestKeys::Remote(keys) => keys.fingerprint(),
        }
    }
}

/// Opens bearer tokens for a resource server: share one in an `Arc` (the
/// [`crate::Verified`] extractor takes it from the router's state).
///
/// ```
/// use std::sync::Arc;
/// use jose_axum::Authenticator;
/// use jose_core::{jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
/// let auth = Authenticator::new(
///     PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?,
///     PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?,
///     Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"),
/// )?;
/// let state = Arc::new(auth);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct Authenticator {
    decryption: PrivateKeySet,
    issuer: IssuerSource,
    rules: Validation<'static>,
    cache: Option<TokenCache>,
    max_token_len: usize,
}

impl Authenticator {
    /// Opens tokens encrypted to `decryption`, signed by `issuer`'s keys,
    /// under `rules`, with a cache of 4,096 verified tokens (8 MiB).
    ///
    /// `rules` borrow for `'static`: build them from literals, or from
    /// configuration read once at start (`String::leak`).
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// let audience: &'static str = std::env::var("AUDIENCE").unwrap_or("https://api.example.com".into()).leak();
    /// let auth = Authenticator::new(
    ///     PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?,
    ///     PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?,
    ///     Validation::new().issuer("https://tenant.example.auth0.com/").audience(audience),
    /// )?;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(
        decryption: PrivateKeySet,
        issuer: impl Into<IssuerSource>,
        rules: Validation<'static>,
    ) -> Result<Self, Error> {
        Ok(Authenticator {
            decryption,
            issuer: issuer.into(),
            rules,
            cache: Some(TokenCache::new(CACHE_ENTRIES, CACHE_BYTES)?),
            max_token_len: MAX_TOKEN_LEN,
        })
    }

    /// Uses `cache` (sizes of your choosing), or none: every request then
    /// pays the RSA operation.
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{cache::TokenCache, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let auth = Authenticator::new(
    /// #     PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?,
    /// #     PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?,
    /// #     Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"),
    /// # )?;
    /// let auth = auth.cache(Some(TokenCache::new(100_000, 200 * 1024 * 1024)?));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn cache(mut self, cache: Option<TokenCache>) -> Self {
        self.cache = cache;
        self
    }

    /// Refuses tokens longer than `max` bytes before reading them (default
    /// 16 KiB).
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let auth = Authenticator::new(
    /// #     PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?,
    /// #     PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?,
    /// #     Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"),
    /// # )?;
    /// let auth = auth.max_token_len(8 * 1024);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn max_token_len(mut self, max: usize) -> Self {
        self.max_token_len = max;
        self
    }

    /// The verified-token cache, if any (for its statistics).
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let auth = Authenticator::new(
    /// #     PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?,
    /// #     PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?,
    /// #     Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"),
    /// # )?;
    /// assert_eq!(auth.token_cache().unwrap().stats().hits, 0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn token_cache(&self) -> Option<&TokenCache> {
        self.cache.as_ref()
    }

    /// Opens `token` and gives its claims as a `T`, or the [`Rejection`]
    /// (whose reason is also logged at `debug`). A token the cache holds is
    /// answered in place; any other is opened with
    /// `tokio::task::spawn_blocking`.
    ///
    /// ```no_run
    /// # async fn run(auth: std::sync::Arc<jose_axum::Authenticator>, token: &str) {
    /// #[derive(serde::Deserialize)]
    /// struct Claims { sub: String }
    /// match auth.authenticate::<Claims>(token).await {
    ///     Ok(claims) => println!("{}", claims.sub),
    ///     Err(refused) => println!("{refused}"),
    /// }
    /// # }
    /// ```
    pub async fn authenticate<T>(self: &Arc<Self>, token: &str) -> Result<T, Rejection>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let answer = self.open(token).await;
        if let Err(refused) = &answer {
            tracing::debug!(%refused, "bearer token refused");
        }
        answer
    }

    async fn open<T>(self: &Arc<Self>, token: &str) -> Result<T, Rejection>
    where
        T: DeserializeOwned + Send + 'static,
    {
        if token.len() > self.max_token_len {
            return Err(Rejection::TokenTooLong {
                len: token.len(),
                limit: self.max_token_len,
            });
        }
        let now = jwt::now().map_err(|_| Rejection::Internal {
            reason: "the system clock is before 1970",
        })?;
        let issuer = match &self.issuer {
            IssuerSource::Fixed(set) => RequestKeys::Fixed(Arc::clone(set)),
            IssuerSource::Remote(remote) => {
                RequestKeys::Remote(remote.keys().await.map_err(Rejection::Unavailable)?)
            }
        };
        // One buffer for both halves: a miss takes it to the blocking thread.
        let mut buf = Zeroizing::new(vec![0u8; jwt::required_buffer_len(token)]);
        if let Some(cache) = &self.cache {
            let held = cache.get(token, &self.decryption, &issuer, &self.rules, now, &mut buf);
            if let Some(answer) = held {
                return claims_of(answer);
            }
        }
        let this = Arc::clone(self);
        let token = token.to_owned();
        tokio::task::spawn_blocking(move || this.open_cold(&token, &issuer, now, &mut buf))
            .await
            .map_err(|_| Rejection::Internal {
                reason: "the blocking task opening the token did not finish",
            })?
    }

    /// The RSA path, on a blocking thread.
    fn open_cold<T: DeserializeOwned>(
        &self,
        token: &str,
        issuer: &RequestKeys,
        now: u64,
        buf: &mut [u8],
    ) -> Result<T, Rejection> {
        let mut rng = jose_core::os_rng();
        let (mine, rules) = (&self.decryption, &self.rules);
        let answer = match &self.cache {
            Some(cache) => cache.decrypt_and_verify(token, mine, issuer, rules, now, &mut rng, buf),
            None => jwt::decrypt_and_verify(token, mine, issuer, rules, now, &mut rng, buf),
        };
        claims_of(answer)
    }
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("decryption_keys", &self.decryption.len())
            .field("issuer", &self.issuer)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

/// The claims of an opened token as a `T`; any failure is an invalid token,
/// except the server's own (randomness, configuration).
fn claims_of<T: DeserializeOwned>(answer: Result<jwt::Jwt<'_>, Error>) -> Result<T, Rejection> {
    answer
        .and_then(|jwt| jwt.claims().deserialize::<T>())
        .map_err(|e| match e.kind() {
            ErrorKind::Random => Rejection::Internal {
                reason: "the random generator failed",
            },
            ErrorKind::Configuration => Rejection::Internal {
                reason: "the validation rules are incomplete",
            },
            _ => Rejection::InvalidToken(e),
        })
}
