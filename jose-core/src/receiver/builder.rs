//! What a [`Receiver`] is built from, each setting with its default, and
//! the checks that refuse a receiver that could open nothing.

use std::boxed::Box;
use std::sync::Arc;

use rand_core::TryCryptoRng;

use super::sources::{self, Clock, Entropy};
use super::{Accept, Inner, Receiver};
use crate::cache::TokenCache;
use crate::error::Error;
use crate::jwt::{OwnedValidation, Validation};
use crate::keys::{DecryptionKeys, IssuerKeys};

/// The default cache: 4,096 tokens of up to 2 KiB of decoded headers and
/// claims each (8 MiB, allocated when the receiver is built).
pub const DEFAULT_CACHE_ENTRIES: usize = 4096;
/// The default cache's size in bytes (see [`DEFAULT_CACHE_ENTRIES`]).
pub const DEFAULT_CACHE_BYTES: usize = DEFAULT_CACHE_ENTRIES * 2048;

/// The cache a receiver is built with.
enum CacheChoice {
    Sized { entries: usize, bytes: usize },
    Off,
}

/// Builds a [`Receiver`] ([`Receiver::builder`]). Needed: the rules, and
/// the keys for the tokens accepted. Everything else has a default.
///
/// ```
/// use jose_core::{Accept, Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
/// # let (mine, issuer) = (include_str!("../../../vectors/interop/api.private.jwks.json"), include_str!("../../../vectors/interop/issuer.jwks.json"));
/// let receiver = Receiver::builder()
///     .decryption_keys(PrivateKeySet::from_jwks(mine)?)
///     .issuer_keys(PublicKeySet::from_jwks(issuer)?)
///     .rules(Validation::access_token("https://tenant.example.auth0.com/", "https://api.example.com").leeway(30))
///     .accept(Accept::NestedOrSigned)
///     .cache(100_000, 256 * 1024 * 1024)
///     .build()?;
/// # Ok::<(), jose_core::Error>(())
/// ```
#[must_use = "a builder does nothing until `build` is called"]
pub struct ReceiverBuilder {
    decryption: Option<Box<dyn DecryptionKeys + Send + Sync>>,
    issuer: Option<Box<dyn IssuerKeys + Send + Sync>>,
    rules: Option<OwnedValidation>,
    accept: Option<Accept>,
    cache: CacheChoice,
    clock: Option<Clock>,
    entropy: Option<Entropy>,
}

impl ReceiverBuilder {
    pub(super) fn new() -> Self {
        ReceiverBuilder {
            decryption: None,
            issuer: None,
            rules: None,
            accept: None,
            cache: CacheChoice::Sized {
                entries: DEFAULT_CACHE_ENTRIES,
                bytes: DEFAULT_CACHE_BYTES,
            },
            clock: None,
            entropy: None,
        }
    }

    /// The service's own keys, which encrypted tokens are encrypted to: a
    /// [`crate::keys::PrivateKeySet`], one [`crate::keys::PrivateKey`], an
    /// `Arc` of either, or a [`DecryptionKeys`] resolver of your own.
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
    /// let builder = Receiver::builder()
    ///     .decryption_keys(PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn decryption_keys(mut self, keys: impl DecryptionKeys + Send + Sync + 'static) -> Self {
        self.decryption = Some(Box::new(keys));
        self
    }

    /// The issuer's signing keys: a [`crate::keys::PublicKeySet`], one
    /// [`crate::keys::PublicKey`], an `Arc` of either, or an [`IssuerKeys`]
    /// resolver of your own. Optional: without them, give the keys per call
    /// ([`Receiver::open_with`]).
    ///
    /// ```
    /// # use jose_core::{Receiver, keys::PublicKeySet};
    /// let builder = Receiver::builder()
    ///     .issuer_keys(PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn issuer_keys(mut self, keys: impl IssuerKeys + Send + Sync + 'static) -> Self {
        self.issuer = Some(Box::new(keys));
        self
    }

    /// The rules every token must meet. Their strings are copied: build
    /// them from `String`s read at run time and drop those afterwards.
    /// Rules whose issuer or audience is undecided are refused by
    /// [`ReceiverBuilder::build`].
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation};
    /// let audience = String::from("https://api.example.com"); // from configuration
    /// let builder = Receiver::builder()
    ///     .rules(Validation::id_token("https://idsvr.example.com/oauth/v2/oauth-anonymous", &audience).nonce("n-0S6_WzA2Mj"));
    /// drop(audience);
    /// ```
    pub fn rules(mut self, rules: Validation<'_>) -> Self {
        self.rules = Some(OwnedValidation::from(&rules));
        self
    }

    /// Which tokens to open; by default [`Accept::Nested`] when decryption
    /// keys are given and [`Accept::Signed`] when not.
    ///
    /// ```
    /// # use jose_core::{Accept, Receiver};
    /// let builder = Receiver::builder().accept(Accept::NestedOrSigned);
    /// ```
    pub fn accept(mut self, accept: Accept) -> Self {
        self.accept = Some(accept);
        self
    }

    /// A verified-token cache of at most `max_entries` tokens in
    /// `max_bytes` of headers and claims (as [`TokenCache::new`]; sizes it
    /// cannot allocate are a `configuration` error from `build`). Default:
    /// [`DEFAULT_CACHE_ENTRIES`] in [`DEFAULT_CACHE_BYTES`].
    ///
    /// ```
    /// # use jose_core::Receiver;
    /// let builder = Receiver::builder().cache(100_000, 256 * 1024 * 1024);
    /// ```
    pub fn cache(mut self, max_entries: usize, max_bytes: usize) -> Self {
        self.cache = CacheChoice::Sized {
            entries: max_entries,
            bytes: max_bytes,
        };
        self
    }

    /// No cache: every token is opened with its cryptography (a command
    /// line tool, or a test that counts operations).
    ///
    /// ```
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// let receiver = Receiver::builder()
    ///     .issuer_keys(PublicKeySet::new())
    ///     .rules(Validation::new().accept_any_issuer().accept_any_audience())
    ///     .no_cache()
    ///     .build()?;
    /// assert!(receiver.token_cache().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn no_cache(mut self) -> Self {
        self.cache = CacheChoice::Off;
        self
    }

    /// The time, in seconds since the Unix epoch, tokens are checked at;
    /// by default the system clock.
    ///
    /// ```
    /// # use jose_core::Receiver;
    /// let builder = Receiver::builder().clock(|| 1_700_000_100);
    /// ```
    pub fn clock(mut self, now: impl Fn() -> u64 + Send + Sync + 'static) -> Self {
        self.clock = Some(sources::given_clock(now));
        self
    }

    /// The random generator (RSA blinding: one 32-byte seed per encrypted
    /// token opened, drawn under a lock); by default the operating
    /// system's, asked on every call.
    ///
    /// ```
    /// # use jose_core::Receiver;
    /// let builder = Receiver::builder().rng(jose_core::os_rng());
    /// ```
    pub fn rng(mut self, rng: impl TryCryptoRng + Send + 'static) -> Self {
        self.entropy = Some(Entropy::given(rng));
        self
    }

    /// The receiver, or a `configuration` error naming what is missing:
    /// no rules, rules with the issuer or audience undecided, no decryption
    /// keys while encrypted tokens are accepted, a cache that cannot be
    /// allocated.
    ///
    /// ```
    /// use jose_core::{Accept, ErrorKind, Receiver, jwt::Validation, keys::PublicKeySet};
    /// let undecided = Receiver::builder().issuer_keys(PublicKeySet::new()).rules(Validation::new().issuer("a")).build();
    /// assert_eq!(undecided.unwrap_err().kind(), ErrorKind::Configuration);
    /// let no_keys = Receiver::builder()
    ///     .rules(Validation::new().issuer("a").audience("b"))
    ///     .accept(Accept::Nested)
    ///     .build();
    /// assert!(no_keys.unwrap_err().to_string().contains("decryption keys"));
    /// ```
    pub fn build(self) -> Result<Receiver, Error> {
        let rules = self.rules.ok_or(Error::configuration(
            "no rules: give them to Receiver::builder().rules",
        ))?;
        rules.as_validation().check_decided()?;
        let accept = self.accept.unwrap_or(match self.decryption {
            Some(_) => Accept::Nested,
            None => Accept::Signed,
        });
        if accept != Accept::Signed && self.decryption.is_none() {
            return Err(Error::configuration(
                "encrypted tokens accepted but no decryption keys given: \
                 give them to decryption_keys, or accept(Accept::Signed)",
            ));
        }
        let cache = match self.cache {
            CacheChoice::Sized { entries, bytes } => Some(TokenCache::new(entries, bytes)?),
            CacheChoice::Off => None,
        };
        Ok(Receiver {
            inner: Arc::new(Inner {
                decryption: self.decryption,
                issuer: self.issuer,
                rules,
                accept,
                cache,
                clock: self.clock.unwrap_or_else(sources::system_clock),
                entropy: self.entropy.unwrap_or(Entropy::System),
            }),
        })
    }
}
