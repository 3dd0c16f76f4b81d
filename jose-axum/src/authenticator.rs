//! What opens a bearer token: a [`Receiver`] (the API's decryption keys,
//! the rules, which tokens it takes, its verified-token cache), and where
//! the issuer's keys come from (the receiver's own, or a [`RemoteJwkSet`]
//! asked per request). A held token is answered on the executor's thread (a
//! hash and a copy); any other is opened on a blocking thread, since it
//! costs an RSA operation.

use std::sync::Arc;

use axum::http::request::Parts;
use jose_core::keys::IssuerKeys;
use jose_core::{Error, ErrorKind, OwnedJwt, Receiver};
use jose_jwks::{Issuers, IssuersKeys, RemoteIssuerKeys, RemoteJwkSet};
use serde::de::DeserializeOwned;

use crate::bearer::{self, Scheme};
use crate::counters::{CounterSnapshot, Counters};
use crate::dpop::Dpop;
use crate::mtls::CertificateBinding;
use crate::rejection::Rejection;
use crate::token::VerifiedToken;

/// The longest bearer token opened (longer ones are refused unread).
const MAX_TOKEN_LEN: usize = 16 * 1024;

/// Opens bearer tokens for a resource server: a thin layer over a
/// [`Receiver`] that adds the async split (cache hits on the executor,
/// cryptography on `spawn_blocking`), JWK Sets fetched per request, and
/// RFC 6750 answers. Share one in an `Arc` (the [`crate::Verified`]
/// extractor takes it from the router's state).
///
/// ```
/// use std::sync::Arc;
/// use jose_axum::Authenticator;
/// use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
/// let audience = String::from("https://api.example.com"); // from configuration
/// let receiver = Receiver::builder()
///     .decryption_keys(PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?)
///     .issuer_keys(PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?)
///     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience(&audience))
///     .build()?;
/// let state = Arc::new(Authenticator::new(receiver));
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct Authenticator {
    receiver: Receiver,
    keys_from: KeysFrom,
    dpop: Option<Dpop>,
    certificates: Option<CertificateBinding>,
    max_token_len: usize,
    counters: Counters,
}

impl Authenticator {
    /// Opens tokens with `receiver`: its keys, rules, accepted forms
    /// ([`jose_core::Accept`]: encrypted only when it has decryption keys,
    /// signed only when not, unless it says otherwise) and cache.
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// // An Auth0 API receiving signed (RS256) access tokens.
    /// let receiver = Receiver::builder()
    ///     .issuer_keys(PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?)
    ///     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
    ///     .build()?;
    /// let auth = Authenticator::new(receiver);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(receiver: Receiver) -> Self {
        Authenticator {
            receiver,
            keys_from: KeysFrom::Receiver,
            dpop: None,
            certificates: None,
            max_token_len: MAX_TOKEN_LEN,
            counters: Counters::default(),
        }
    }

    /// Verifies with the issuer's JWK Set as `remote` holds it at each
    /// request (fetched, cached, refetched on an unknown `kid`), instead of
    /// the receiver's own issuer keys.
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{Receiver, jwt::Validation, keys::PrivateKeySet};
    /// use jose_jwks::{RemoteJwkSet, RemoteOptions};
    /// let receiver = Receiver::builder()
    ///     .decryption_keys(PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?)
    ///     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
    ///     .build()?;
    /// let jwks = RemoteJwkSet::new("https://tenant.example.auth0.com/.well-known/jwks.json", RemoteOptions::default())?;
    /// let auth = Authenticator::new(receiver).with_remote_keys(jwks);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_remote_keys(mut self, remote: RemoteJwkSet) -> Self {
        self.keys_from = KeysFrom::Remote(remote);
        self
    }

    /// Verifies with the keys of the issuer each token names, among
    /// `issuers` only (fixed or remote sets, fetched only for an issuer a
    /// token names), instead of the receiver's own issuer keys. The
    /// receiver's rules must accept the same issuers
    /// (`Validation::issuers(&names)`). An issuer's set that cannot be had
    /// is answered 503.
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// use jose_jwks::{Issuers, RemoteJwkSet, RemoteOptions};
    /// let issuers = Issuers::new()
    ///     .fixed("https://tenant.example.auth0.com/", PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?)?
    ///     .remote("https://login.example.com/", RemoteJwkSet::new("https://login.example.com/jwks", RemoteOptions::default())?)?;
    /// let names: Vec<&str> = issuers.names().collect();
    /// let receiver = Receiver::builder()
    ///     .rules(Validation::new().issuers(&names).audience("https://api.example.com"))
    ///     .build()?;
    /// let auth = Authenticator::new(receiver).with_issuers(issuers);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_issuers(mut self, issuers: Issuers) -> Self {
        self.keys_from = KeysFrom::Issuers(issuers);
        self
    }

    /// Takes DPoP-bound access tokens (`Authorization: DPoP` with a `DPoP`
    /// proof, RFC 9449) as `dpop` says, beside bearer tokens unless it
    /// requires DPoP. Without it, a `DPoP` credential is no bearer token
    /// (401 `Bearer`). With or without it, a DPoP-bound token (`cnf.jkt`)
    /// presented as a bearer token is refused.
    ///
    /// ```
    /// # use jose_axum::{Authenticator, Dpop};
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let auth = Authenticator::new(receiver).with_dpop(Dpop::new("https://api.example.com")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_dpop(mut self, dpop: Dpop) -> Self {
        self.dpop = Some(dpop);
        self
    }

    /// Takes certificate-bound access tokens (RFC 8705 §3): a token whose
    /// `cnf.x5t#S256` names a certificate passes only with that client
    /// certificate, from the connection or a terminator's header as
    /// `binding` says. Without it, a certificate-bound token is refused
    /// (it cannot be checked, and taking it would make it a bearer token).
    ///
    /// ```
    /// # use jose_axum::{Authenticator, CertificateBinding, CertificateSource};
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let auth = Authenticator::new(receiver)
    ///     .with_certificate_binding(CertificateBinding::new(CertificateSource::Connection));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_certificate_binding(mut self, binding: CertificateBinding) -> Self {
        self.certificates = Some(binding);
        self
    }

    /// The nonce for a `DPoP-Nonce` header on the answer to a request made
    /// with DPoP, when server nonces are on.
    pub(crate) fn dpop_nonce_for(&self, parts: &Parts) -> Option<String> {
        let dpop = self.dpop.as_ref()?;
        match bearer::access_token(&parts.headers) {
            Ok((Scheme::Dpop, _)) => dpop.current_nonce(),
            _ => None,
        }
    }

    /// The DPoP algorithms offered in challenges, if DPoP is taken.
    pub(crate) fn dpop_algs(&self) -> Option<&str> {
        self.dpop.as_ref().map(Dpop::algs)
    }

    /// Refuses tokens longer than `max` bytes before reading them (default
    /// 16 KiB).
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let auth = Authenticator::new(receiver).max_token_len(8 * 1024);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn max_token_len(mut self, max: usize) -> Self {
        self.max_token_len = max;
        self
    }

    /// The receiver (its cache's statistics: `receiver().token_cache()`).
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let auth = Authenticator::new(receiver);
    /// assert_eq!(auth.receiver().token_cache().unwrap().stats().hits, 0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn receiver(&self) -> &Receiver {
        &self.receiver
    }

    /// The counts so far: tokens opened and served from the cache, and
    /// refusals by reason, whether the extractor or the layer refused.
    ///
    /// ```
    /// # use jose_axum::Authenticator;
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let auth = Authenticator::new(receiver);
    /// assert_eq!(auth.counters().invalid_token, 0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn counters(&self) -> CounterSnapshot {
        let mut counts = self.counters.snapshot();
        counts.key_fetches = match &self.keys_from {
            KeysFrom::Receiver => 0,
            KeysFrom::Remote(remote) => remote.fetch_attempts(),
            KeysFrom::Issuers(issuers) => issuers.fetch_attempts(),
        };
        counts
    }

    /// Opens the request's access token: a bearer token
    /// ([`crate::bearer_token`]), or with DPoP configured a `DPoP` one with
    /// its proof checked against the request's method and path. What the
    /// [`crate::Verified`] extractor and the [`crate::AuthLayer`] both run.
    ///
    /// ```no_run
    /// # async fn run(auth: std::sync::Arc<jose_axum::Authenticator>, parts: axum::http::request::Parts) {
    /// match auth.verify_request(&parts).await {
    ///     Ok(token) => println!("{:?}", token.jwt().claims().subject()),
    ///     Err(refused) => println!("{refused}"),
    /// }
    /// # }
    /// ```
    pub async fn verify_request(
        self: &Arc<Self>,
        parts: &Parts,
    ) -> Result<VerifiedToken, Rejection> {
        let (scheme, token) = match bearer::access_token(&parts.headers) {
            Ok((Scheme::Dpop, _)) if self.dpop.is_none() => {
                return Err(self.refuse(Rejection::Missing));
            }
            Ok(found) => found,
            Err(refused) => return Err(self.refuse(refused)),
        };
        let verified = self.verify(token).await?;
        let jkt = confirmation(&verified, "jkt");
        let checked = match (scheme, &self.dpop) {
            (Scheme::Dpop, Some(dpop)) => {
                dpop.check(parts, token, jkt, || self.counters.replayed())
            }
            (Scheme::Bearer, _) if jkt.is_some() => Err(Rejection::SenderConstrained {
                reason: "a DPoP-bound token (cnf.jkt) presented as a bearer token",
            }),
            (Scheme::Bearer, Some(dpop)) if dpop.is_required() => {
                Err(Rejection::SenderConstrained {
                    reason: "a bearer token where DPoP is required",
                })
            }
            _ => Ok(()),
        };
        let x5t = confirmation(&verified, "x5t#S256");
        let checked = checked.and_then(|()| match (&x5t, &self.certificates) {
            (Some(x5t), Some(binding)) => binding.check(parts, x5t),
            (Some(_), None) => Err(Rejection::SenderConstrained {
                reason: "a certificate-bound token (cnf.x5t#S256) and no certificate binding configured",
            }),
            (None, Some(binding)) if binding.is_required() => Err(Rejection::SenderConstrained {
                reason: "a token not bound to a certificate where binding is required",
            }),
            _ => Ok(()),
        });
        match checked {
            Ok(()) => Ok(verified),
            Err(refused) => Err(self.refuse(refused)),
        }
    }

    /// Opens `token` (a cache hit in place; any other with
    /// `tokio::task::spawn_blocking`), or says why not (also logged at
    /// `debug` and counted).
    ///
    /// ```no_run
    /// # async fn run(auth: std::sync::Arc<jose_axum::Authenticator>, token: &str) {
    /// if let Ok(token) = auth.verify(token).await {
    ///     let scopes: Vec<&str> = token.jwt().claims().scopes().collect();
    /// }
    /// # }
    /// ```
    pub async fn verify(self: &Arc<Self>, token: &str) -> Result<VerifiedToken, Rejection> {
        match self.open(token).await {
            Ok(jwt) => Ok(VerifiedToken::new(jwt, self.identity())),
            Err(refused) => Err(self.refuse(refused)),
        }
    }

    /// Opens `token` and gives its claims as a `T`, or the [`Rejection`]
    /// (whose reason is also logged at `debug`). Claims that are not a `T`
    /// are an invalid token.
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
        T: DeserializeOwned,
    {
        let token = self.verify(token).await?;
        self.claims_of(&token)
    }

    /// `token`'s claims as a `T`, a refusal counted and logged if not.
    pub(crate) fn claims_of<T: DeserializeOwned>(
        &self,
        token: &VerifiedToken,
    ) -> Result<T, Rejection> {
        token.claims().map_err(|refused| self.refuse(refused))
    }

    /// This authenticator's address: what a [`VerifiedToken`] records of
    /// who opened it.
    pub(crate) fn identity(&self) -> usize {
        std::ptr::from_ref(self) as usize
    }

    /// Counts and logs a refusal (the reason goes to the log at `debug`,
    /// never to the client), and gives it back.
    pub(crate) fn refuse(&self, refused: Rejection) -> Rejection {
        tracing::debug!(%refused, "request refused");
        self.counters.refused(&refused);
        refused
    }

    async fn open(self: &Arc<Self>, token: &str) -> Result<OwnedJwt, Rejection> {
        if token.len() > self.max_token_len {
            return Err(Rejection::TokenTooLong {
                len: token.len(),
                limit: self.max_token_len,
            });
        }
        let issuer = match &self.keys_from {
            KeysFrom::Receiver => None,
            KeysFrom::Remote(remote) => Some(TokenKeys::Remote(
                remote.keys().await.map_err(Rejection::Unavailable)?,
            )),
            KeysFrom::Issuers(issuers) => Some(TokenKeys::Issuers(issuers.keys())),
        };
        if let Some(answer) = self.cached(token, issuer.as_ref()) {
            let answer = outcome(answer);
            if answer.is_ok() {
                self.counters.served_from_cache();
            }
            return answer;
        }
        let this = Arc::clone(self);
        let token = token.to_owned();
        let answer = tokio::task::spawn_blocking(move || {
            let answer = this.open_cold(&token, issuer.as_ref());
            // The named issuer's keys could not be had: not the token's
            // fault, and not a verdict on it.
            match issuer.as_ref().and_then(TokenKeys::unavailable) {
                Some(error) if answer.is_err() => Err(Rejection::Unavailable(error.clone())),
                _ => outcome(answer),
            }
        })
        .await
        .map_err(|_| Rejection::Internal {
            reason: "the blocking task opening the token did not finish",
        })?;
        if answer.is_ok() {
            self.counters.opened_one();
        }
        answer
    }

    /// The warm half, on the executor's thread.
    fn cached(&self, token: &str, issuer: Option<&TokenKeys>) -> Option<Result<OwnedJwt, Error>> {
        match issuer {
            Some(keys) => self.receiver.cached_with(token, keys.as_issuer_keys()),
            None => self.receiver.cached(token),
        }
    }

    /// The cryptography, on a blocking thread.
    fn open_cold(&self, token: &str, issuer: Option<&TokenKeys>) -> Result<OwnedJwt, Error> {
        match issuer {
            Some(keys) => self.receiver.open_with(token, keys.as_issuer_keys()),
            None => self.receiver.open(token),
        }
    }
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("receiver", &self.receiver)
            .field("keys_from", &self.keys_from)
            .field("max_token_len", &self.max_token_len)
            .field("counters", &self.counters.snapshot())
            .finish()
    }
}

/// The token's confirmation `member` (`cnf.jkt`, RFC 9449 §6.1, or
/// `cnf.x5t#S256`, RFC 8705 §3.1), if it is bound that way. A value that is
/// not a plain string binds it to nothing that can be proven: it is
/// returned raw, to fail the comparison.
fn confirmation<'t>(token: &'t VerifiedToken, member: &str) -> Option<&'t str> {
    let value = token.jwt().claims().get("cnf")?.get(member)?;
    Some(
        value
            .as_str()
            .and_then(|s| s.as_plain())
            .unwrap_or(value.raw()),
    )
}

/// Where the issuer's keys come from.
#[derive(Debug)]
enum KeysFrom {
    /// The receiver's own.
    Receiver,
    /// One remote JWK Set.
    Remote(RemoteJwkSet),
    /// The named issuer's, among several.
    Issuers(Issuers),
}

/// The issuer keys one token is opened with.
enum TokenKeys {
    Remote(RemoteIssuerKeys),
    Issuers(IssuersKeys),
}

impl TokenKeys {
    fn as_issuer_keys(&self) -> &dyn IssuerKeys {
        match self {
            TokenKeys::Remote(keys) => keys,
            TokenKeys::Issuers(keys) => keys,
        }
    }

    fn unavailable(&self) -> Option<&jose_jwks::JwksError> {
        match self {
            TokenKeys::Remote(_) => None,
            TokenKeys::Issuers(keys) => keys.unavailable(),
        }
    }
}

/// An opened token, or why not: any failure is an invalid token, except
/// the server's own (randomness, configuration).
fn outcome(answer: Result<OwnedJwt, Error>) -> Result<OwnedJwt, Rejection> {
    answer.map_err(|e| match e.kind() {
        ErrorKind::Random => {
            tracing::error!(error = %e, "no token can be opened");
            Rejection::Internal {
                reason: "the random generator failed",
            }
        }
        ErrorKind::Configuration => {
            tracing::error!(error = %e, "no token can be opened");
            Rejection::Internal {
                reason: "the receiver is not configured to open tokens",
            }
        }
        _ => Rejection::InvalidToken(e),
    })
}
