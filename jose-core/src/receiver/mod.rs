//! The front door for services: a [`Receiver`] is built once from the
//! service's keys, the issuer's keys and the rules, shared between threads,
//! and opens each token in one call into an owned [`OwnedJwt`]. It is a
//! thin owner over the layers below (`jwt::decrypt_and_verify`,
//! `jwt::verify`, [`TokenCache`]): same checks, same error kinds, and the
//! fixed-buffer layers stay for devices and for callers who keep buffers of
//! their own.
//!
//! ```
//! use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
//! # let (mine, issuer) = (include_str!("../../../vectors/interop/api.private.jwks.json"), include_str!("../../../vectors/interop/issuer.jwks.json"));
//! # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
//! let receiver = Receiver::builder()
//!     .decryption_keys(PrivateKeySet::from_jwks(mine)?)
//!     .issuer_keys(PublicKeySet::from_jwks(issuer)?)
//!     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
//! #   .clock(|| 1_700_000_100)
//!     .build()?;
//! let jwt = receiver.open(token)?;
//! assert_eq!(jwt.claims().subject().unwrap(), "auth0|5f7c8ec7c33c6c004bbafe82");
//! # Ok::<(), jose_core::Error>(())
//! ```

mod builder;
mod scratch;
mod sources;

use std::boxed::Box;
use std::fmt;
use std::sync::Arc;

use crate::cache::TokenCache;
use crate::error::{Error, Part};
use crate::jwt::{self, Jwt, OwnedJwt, OwnedValidation, Validation};
use crate::keys::{DecryptionKeys, IssuerKeys};

pub use builder::{DEFAULT_CACHE_BYTES, DEFAULT_CACHE_ENTRIES, ReceiverBuilder};
use scratch::Scratch;
use sources::{Clock, Entropy};

/// Which tokens a [`Receiver`] opens.
///
/// The default is decided by the keys it is given: [`Accept::Nested`] when
/// it has decryption keys (a service that receives encrypted tokens does not
/// also take them in clear), [`Accept::Signed`] when it has none.
///
/// ```
/// use jose_core::Accept;
/// assert_ne!(Accept::Nested, Accept::NestedOrSigned);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Accept {
    /// Encrypted tokens only: a signed JWT inside a compact JWE.
    Nested,
    /// Signed tokens only: a compact JWS.
    Signed,
    /// Both, told apart by their number of parts (5 or 3).
    NestedOrSigned,
}

impl Accept {
    fn takes(self, form: Form) -> bool {
        matches!(
            (self, form),
            (Accept::NestedOrSigned, _)
                | (Accept::Nested, Form::Nested)
                | (Accept::Signed, Form::Signed)
        )
    }

    /// The form a token of neither shape is read as, so the layer that
    /// refuses it names what is wrong.
    fn first(self) -> Form {
        match self {
            Accept::Signed => Form::Signed,
            Accept::Nested | Accept::NestedOrSigned => Form::Nested,
        }
    }
}

/// What a token is, by its number of parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Nested,
    Signed,
}

/// Opens the tokens a service receives: encrypted (a signed JWT inside a
/// JWE), signed, or both, as [`Accept`] says; verified against the issuer's
/// keys, validated against owned rules, through a bounded verified-token
/// cache. `Send + Sync`; cloning shares it (an `Arc` inside).
///
/// Built with [`Receiver::builder`]. Defaults: the system clock and
/// random generator, a cache of 4,096 tokens of up to 2 KiB of headers and
/// claims each (8 MiB, allocated when built).
///
/// ```
/// use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
/// # let jwks = include_str!("../../../vectors/rfc7515_A2.public.json");
/// # let jwks = format!(r#"{{"keys":[{jwks}]}}"#);
/// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
/// let issuer = String::from("joe"); // read from configuration
/// let receiver = Receiver::builder()
///     .issuer_keys(PublicKeySet::from_jwks(&jwks)?)
///     .rules(Validation::new().issuer(&issuer).accept_any_audience())
/// #   .clock(|| 1_300_000_000)
///     .build()?;
/// drop(issuer);
/// assert_eq!(receiver.open(token)?.claims().issuer().unwrap(), "joe");
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Receiver {
    inner: Arc<Inner>,
}

struct Inner {
    decryption: Option<Box<dyn DecryptionKeys + Send + Sync>>,
    issuer: Option<Box<dyn IssuerKeys + Send + Sync>>,
    rules: OwnedValidation,
    accept: Accept,
    cache: Option<TokenCache>,
    clock: Clock,
    entropy: Entropy,
}

impl Receiver {
    /// A builder; see [`ReceiverBuilder`] for each setting and its default.
    ///
    /// ```
    /// let err = jose_core::Receiver::builder().build().unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::Configuration);
    /// ```
    pub fn builder() -> ReceiverBuilder {
        ReceiverBuilder::new()
    }

    /// Opens `token` with the issuer keys the receiver was built with: the
    /// verified token, or the error of the first check that failed (the
    /// kinds of the layers below; a token of a form the receiver does not
    /// [`Accept`] is a `policy` error). A token the cache holds costs a
    /// hash and a copy; any other, its cryptography (an RSA private
    /// operation for an encrypted one: in an async server, call it where
    /// blocking is allowed, or take [`Receiver::cached`] first).
    ///
    /// ```
    /// # use jose_core::{Receiver, ErrorKind, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let (mine, issuer) = (include_str!("../../../vectors/interop/api.private.jwks.json"), include_str!("../../../vectors/interop/issuer.jwks.json"));
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let receiver = Receiver::builder()
    /// #     .decryption_keys(PrivateKeySet::from_jwks(mine)?)
    /// #     .issuer_keys(PublicKeySet::from_jwks(issuer)?)
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
    /// #     .clock(|| 1_700_000_100)
    /// #     .build()?;
    /// let jwt = receiver.open(token)?;
    /// assert!(jwt.is_nested());
    /// assert!(jwt.header().kid().unwrap() == "issuer-2024");
    /// assert!(jwt.encryption_header().unwrap().enc().unwrap() == "A256GCM");
    /// // A signed-only token where only encrypted ones are taken.
    /// let signed = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// assert_eq!(receiver.open(signed).unwrap_err().kind(), ErrorKind::Policy);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn open(&self, token: &str) -> Result<OwnedJwt, Error> {
        self.open_with(token, self.issuer_keys()?)
    }

    /// [`Receiver::open`], then the claims as the caller's own type
    /// (feature `serde`).
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let (mine, issuer) = (include_str!("../../../vectors/interop/api.private.jwks.json"), include_str!("../../../vectors/interop/issuer.jwks.json"));
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let receiver = Receiver::builder()
    /// #     .decryption_keys(PrivateKeySet::from_jwks(mine)?)
    /// #     .issuer_keys(PublicKeySet::from_jwks(issuer)?)
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
    /// #     .clock(|| 1_700_000_100)
    /// #     .build()?;
    /// #[derive(serde::Deserialize)]
    /// struct AccessToken { sub: String, scope: String }
    /// let claims: AccessToken = receiver.open_as(token)?;
    /// assert_eq!(claims.sub, "auth0|5f7c8ec7c33c6c004bbafe82");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn open_as<T: serde::de::DeserializeOwned>(&self, token: &str) -> Result<T, Error> {
        self.open(token)?.deserialize()
    }

    /// [`Receiver::open`] with issuer keys given for this call, for a source
    /// that hands out the current keys per request (`jose_jwks`'s
    /// `RemoteJwkSet::keys`). The cache tells tokens apart by the keys'
    /// fingerprints, so keys that rotate never answer for old ones.
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let (mine, issuer) = (include_str!("../../../vectors/interop/api.private.jwks.json"), include_str!("../../../vectors/interop/issuer.jwks.json"));
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// let receiver = Receiver::builder()
    ///     .decryption_keys(PrivateKeySet::from_jwks(mine)?)
    ///     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
    /// #   .clock(|| 1_700_000_100)
    ///     .build()?;
    /// let current = PublicKeySet::from_jwks(issuer)?; // fetched per request
    /// assert!(receiver.open_with(token, &current).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn open_with<I: IssuerKeys + ?Sized>(
        &self,
        token: &str,
        issuer: &I,
    ) -> Result<OwnedJwt, Error> {
        let rules = self.inner.rules.as_validation();
        let form = self.form(token, &rules)?;
        let now = (self.inner.clock)()?;
        let mut buf = buffer(token, form, &rules)?;
        let mut rng = self.inner.entropy.draw();
        let cache = self.inner.cache.as_ref();
        let jwt = match form {
            Form::Nested => {
                let trust = jwt::Trust::nested(self.decryption_keys()?, issuer, &rules, now);
                match cache {
                    Some(cache) => cache.decrypt_and_verify(token, &trust, &mut rng, &mut buf),
                    None => jwt::decrypt_and_verify(token, &trust, &mut rng, &mut buf),
                }
            }
            Form::Signed => {
                let trust = jwt::Trust::signed(issuer, &rules, now);
                match cache {
                    Some(cache) => cache.verify(token, &trust, &mut buf),
                    None => jwt::verify(token, &trust, &mut buf),
                }
            }
        };
        jwt.and_then(Jwt::into_owned)
    }

    /// The warm half of [`Receiver::open`] alone: the answer for a token the
    /// cache holds (or for one refused before any key is used: too long, of
    /// a form not accepted), `None` when only the cold call can answer. For
    /// an async server: answer a `Some` on the executor's thread, and open
    /// a `None` where blocking is allowed. Without a cache, `None` for every
    /// token it does not refuse up front.
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let (mine, issuer) = (include_str!("../../../vectors/interop/api.private.jwks.json"), include_str!("../../../vectors/interop/issuer.jwks.json"));
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let receiver = Receiver::builder()
    /// #     .decryption_keys(PrivateKeySet::from_jwks(mine)?)
    /// #     .issuer_keys(PublicKeySet::from_jwks(issuer)?)
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
    /// #     .clock(|| 1_700_000_100)
    /// #     .build()?;
    /// assert!(receiver.cached(token).is_none());
    /// receiver.open(token)?;
    /// assert!(receiver.cached(token).expect("held").is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn cached(&self, token: &str) -> Option<Result<OwnedJwt, Error>> {
        match self.issuer_keys() {
            Ok(issuer) => self.cached_with(token, issuer),
            Err(err) => Some(Err(err)),
        }
    }

    /// [`Receiver::cached`] with issuer keys given for this call (as
    /// [`Receiver::open_with`]).
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// # let (mine, issuer) = (include_str!("../../../vectors/interop/api.private.jwks.json"), include_str!("../../../vectors/interop/issuer.jwks.json"));
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let receiver = Receiver::builder()
    /// #     .decryption_keys(PrivateKeySet::from_jwks(mine)?)
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
    /// #     .clock(|| 1_700_000_100)
    /// #     .build()?;
    /// let current = PublicKeySet::from_jwks(issuer)?;
    /// assert!(receiver.cached_with(token, &current).is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn cached_with<I: IssuerKeys + ?Sized>(
        &self,
        token: &str,
        issuer: &I,
    ) -> Option<Result<OwnedJwt, Error>> {
        self.held(token, issuer).transpose()
    }

    /// [`Receiver::cached_with`] with `?`: `Ok(None)` when only the cold
    /// call can answer.
    fn held<I: IssuerKeys + ?Sized>(
        &self,
        token: &str,
        issuer: &I,
    ) -> Result<Option<OwnedJwt>, Error> {
        let rules = self.inner.rules.as_validation();
        let form = self.form(token, &rules)?;
        let Some(cache) = self.inner.cache.as_ref() else {
            return Ok(None);
        };
        let now = (self.inner.clock)()?;
        let mut buf = buffer(token, form, &rules)?;
        let held = match form {
            Form::Nested => {
                let trust = jwt::Trust::nested(self.decryption_keys()?, issuer, &rules, now);
                cache.get(token, &trust, &mut buf)
            }
            Form::Signed => {
                cache.get_signed(token, &jwt::Trust::signed(issuer, &rules, now), &mut buf)
            }
        };
        held.map(|answer| answer.and_then(Jwt::into_owned))
            .transpose()
    }

    /// Which tokens this receiver opens.
    ///
    /// ```
    /// # use jose_core::{Accept, Receiver, jwt::Validation, keys::PublicKeySet};
    /// let receiver = Receiver::builder()
    ///     .issuer_keys(PublicKeySet::new())
    ///     .rules(Validation::new().accept_any_issuer().accept_any_audience())
    ///     .build()?;
    /// assert_eq!(receiver.accepts(), Accept::Signed);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn accepts(&self) -> Accept {
        self.inner.accept
    }

    /// The verified-token cache, if any (for its statistics, or to
    /// [`TokenCache::remove`] a revoked token).
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// let receiver = Receiver::builder()
    ///     .issuer_keys(PublicKeySet::new())
    ///     .rules(Validation::new().accept_any_issuer().accept_any_audience())
    ///     .build()?;
    /// assert_eq!(receiver.token_cache().unwrap().max_entries(), 4096);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn token_cache(&self) -> Option<&TokenCache> {
        self.inner.cache.as_ref()
    }

    /// What `token` is, by its number of parts, and whether it is taken:
    /// refused for its size first, as every layer does, before it is read.
    fn form(&self, token: &str, rules: &Validation<'_>) -> Result<Form, Error> {
        crate::compact::check_len(token, &rules.token_policy())?;
        let form = match token.matches('.').count() {
            4 => Form::Nested,
            2 => Form::Signed,
            // Neither: the layer of the first accepted form names it.
            _ => return Ok(self.inner.accept.first()),
        };
        if self.inner.accept.takes(form) {
            Ok(form)
        } else {
            Err(not_accepted(form))
        }
    }

    fn decryption_keys(&self) -> Result<&(dyn DecryptionKeys + Send + Sync), Error> {
        self.inner.decryption.as_deref().ok_or(Error::configuration(
            "no decryption keys: give them to Receiver::builder().decryption_keys",
        ))
    }

    fn issuer_keys(&self) -> Result<&(dyn IssuerKeys + Send + Sync), Error> {
        self.inner.issuer.as_deref().ok_or(Error::configuration(
            "no issuer keys: give them to Receiver::builder().issuer_keys, or call open_with",
        ))
    }
}

/// The `policy` error for a token of a form the receiver does not take.
fn not_accepted(form: Form) -> Error {
    let reason = match form {
        Form::Signed => "a signed-only token (JWS); this receiver accepts encrypted tokens only",
        Form::Nested => "an encrypted token (JWE); this receiver accepts signed tokens only",
    };
    Error::policy(Part::Token, reason)
}

/// The buffer one call opens `token` in: what the nested layer needs
/// (bounded by the policy's token size), or the token's length for a
/// signed one. Wiped when dropped.
fn buffer(token: &str, form: Form, rules: &Validation<'_>) -> Result<Scratch, Error> {
    let len = match form {
        Form::Nested => rules.required_buffer_len(token),
        Form::Signed => token.len(),
    };
    Scratch::zeroed(len)
}

impl fmt::Debug for Receiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keys are not shown (nor are they `Debug` behind the resolver
        // traits); the rules hold no secret.
        f.debug_struct("Receiver")
            .field("accept", &self.inner.accept)
            .field("decryption_keys", &self.inner.decryption.is_some())
            .field("issuer_keys", &self.inner.issuer.is_some())
            .field("rules", &self.inner.rules)
            .field("cache", &self.inner.cache)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
