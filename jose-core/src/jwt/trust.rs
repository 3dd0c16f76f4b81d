//! What a token is opened against: the issuer's keys, the claim rules, the
//! time, and for nested tokens the receiver's decryption keys. One borrowed
//! value taken alike by the fixed-buffer calls ([`super::decrypt_and_verify`],
//! [`super::verify`]) and by the caches that wrap them, so a caller states
//! its trust once and hands the same value to either.

use super::Validation;

/// The keys, rules and time a token must meet to be trusted: built with
/// [`Trust::nested`] (your decryption keys and the issuer's keys) or
/// [`Trust::signed`] (the issuer's keys alone), then handed to
/// [`jwt::decrypt_and_verify`](super::decrypt_and_verify),
/// [`jwt::verify`](super::verify), or a cache's entry point of the same
/// name. It borrows everything and is `Copy`: build one per request (or
/// move its clock with [`Trust::at`]).
///
/// The decryption keys are a type parameter so that a signed-only value
/// cannot be given to a call that decrypts: `Trust::signed` has no
/// decryption keys (`D = ()`), and `()` is not [`crate::keys::DecryptionKeys`].
/// A nested value may be given to [`jwt::verify`](super::verify), which
/// reads only its issuer keys, rules and time (a service accepting both
/// forms states its trust once).
///
/// ```
/// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
///
/// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
/// let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// let rules = jwt::Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com");
/// let trust = jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100);
///
/// let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let jwt = jwt::decrypt_and_verify(token, &trust, &mut jose_core::os_rng(), &mut buf)?;
/// assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
/// # Ok::<(), jose_core::Error>(())
/// ```
///
/// A signed-only value does not compile where decryption is needed:
///
/// ```compile_fail
/// # use jose_core::{jwt, keys::PublicKeySet};
/// # let issuer = PublicKeySet::new();
/// # let rules = jwt::Validation::new().issuer("i").audience("a");
/// let trust = jwt::Trust::signed(&issuer, &rules, 0);
/// let mut buf = [0u8; 64];
/// let _ = jwt::decrypt_and_verify("a.b.c.d.e", &trust, &mut jose_core::os_rng(), &mut buf);
/// ```
#[derive(Debug)]
pub struct Trust<'a, D: ?Sized, I: ?Sized> {
    decryption_keys: &'a D,
    issuer_keys: &'a I,
    rules: &'a Validation<'a>,
    now: u64,
}

// Derives would demand `D: Clone` / `I: Clone`; the value only borrows them.
impl<D: ?Sized, I: ?Sized> Clone for Trust<'_, D, I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: ?Sized, I: ?Sized> Copy for Trust<'_, D, I> {}

impl<'a, D: ?Sized, I: ?Sized> Trust<'a, D, I> {
    /// Trust for nested tokens (a signed JWT inside a JWE): `decryption_keys`
    /// are yours ([`crate::keys::DecryptionKeys`]), `issuer_keys` the
    /// issuer's ([`crate::keys::IssuerKeys`]), `rules` the claim
    /// expectations and token policy, `now` seconds since the epoch.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let mine = PrivateKeySet::new();
    /// # let issuer = PublicKeySet::new();
    /// let rules = jwt::Validation::new().issuer("https://issuer.example/").audience("https://api.example");
    /// let trust = jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_000);
    /// assert_eq!(trust.now(), 1_700_000_000);
    /// ```
    pub const fn nested(
        decryption_keys: &'a D,
        issuer_keys: &'a I,
        rules: &'a Validation<'a>,
        now: u64,
    ) -> Self {
        Self {
            decryption_keys,
            issuer_keys,
            rules,
            now,
        }
    }

    /// The same trust at another time (a clock read per request).
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PublicKeySet};
    /// # let issuer = PublicKeySet::new();
    /// # let rules = jwt::Validation::new().issuer("i").audience("a");
    /// let trust = jwt::Trust::signed(&issuer, &rules, 0);
    /// assert_eq!(trust.at(1_700_000_000).now(), 1_700_000_000);
    /// ```
    #[must_use]
    pub const fn at(self, now: u64) -> Self {
        Self { now, ..self }
    }

    /// Your decryption keys (`()` for signed-only trust).
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let (mine, issuer) = (PrivateKeySet::new(), PublicKeySet::new());
    /// # let rules = jwt::Validation::new().issuer("i").audience("a");
    /// let trust = jwt::Trust::nested(&mine, &issuer, &rules, 0);
    /// assert!(trust.decryption_keys().is_empty());
    /// ```
    pub const fn decryption_keys(&self) -> &'a D {
        self.decryption_keys
    }

    /// The issuer's keys.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PublicKeySet};
    /// # let issuer = PublicKeySet::new();
    /// # let rules = jwt::Validation::new().issuer("i").audience("a");
    /// assert!(jwt::Trust::signed(&issuer, &rules, 0).issuer_keys().is_empty());
    /// ```
    pub const fn issuer_keys(&self) -> &'a I {
        self.issuer_keys
    }

    /// The claim rules and token policy.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PublicKeySet};
    /// # let issuer = PublicKeySet::new();
    /// let rules = jwt::Validation::new().issuer("i").audience("a");
    /// let trust = jwt::Trust::signed(&issuer, &rules, 0);
    /// assert!(core::ptr::eq(trust.rules(), &rules));
    /// ```
    pub const fn rules(&self) -> &'a Validation<'a> {
        self.rules
    }

    /// The time the token is judged at, in seconds since the epoch.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PublicKeySet};
    /// # let issuer = PublicKeySet::new();
    /// # let rules = jwt::Validation::new().issuer("i").audience("a");
    /// assert_eq!(jwt::Trust::signed(&issuer, &rules, 42).now(), 42);
    /// ```
    pub const fn now(&self) -> u64 {
        self.now
    }
}

impl<'a, I: ?Sized> Trust<'a, (), I> {
    /// Trust for signed JWTs that are not encrypted (signed-only access
    /// tokens, ID tokens, Private Key JWT assertions): the issuer's keys,
    /// the rules, the time.
    ///
    /// ```
    /// use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// let issuer = PublicKeySet::new()
    ///     .with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// let rules = jwt::Validation::new().issuer("joe").accept_any_audience();
    /// let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// let mut buf = vec![0u8; token.len()];
    /// let jwt = jwt::verify(token, &jwt::Trust::signed(&issuer, &rules, 1_300_000_000), &mut buf)?;
    /// assert!(jwt.claims().issuer().unwrap() == "joe");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn signed(issuer_keys: &'a I, rules: &'a Validation<'a>, now: u64) -> Self {
        Self::nested(&(), issuer_keys, rules, now)
    }
}
