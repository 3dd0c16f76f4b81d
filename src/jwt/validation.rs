//! Claim validation against the caller's clock and expectations.
//!
//! Times follow RFC 7519 §4.1.4–4.1.6: a token is expired when `now >= exp`
//! (`exp == now` is expired), not yet valid when `now < nbf`; the leeway widens
//! both. `exp` is required unless explicitly waived. Issuers and audiences are
//! compared exactly, after unescaping: `https://issuer.example.com.evil` is not
//! `https://issuer.example.com`.

use crate::error::{Detail, Error, ErrorKind, Part, Shown};
use crate::json::JsonStr;
use crate::policy::Policy;

use super::Claims;

/// Expected values of a claim: any, one, or one of several.
#[derive(Clone, Copy, Debug)]
enum Expect<'r> {
    Any,
    One(&'r str),
    Many(&'r [&'r str]),
}

impl Expect<'_> {
    fn is_set(&self) -> bool {
        !matches!(self, Expect::Any)
    }

    fn accepts(&self, found: &JsonStr<'_>) -> bool {
        match self {
            Expect::Any => true,
            Expect::One(one) => *found == **one,
            Expect::Many(many) => many.iter().any(|m| *found == **m),
        }
    }
}

/// What a token must satisfy: expected issuers and audiences, clock leeway,
/// required claims, maximum age, and the [`Policy`] for the token layers.
///
/// ```
/// use jose_core::jwt::{Claims, Validation};
///
/// let rules = Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com")
///     .leeway(30);
/// let claims = Claims::parse(br#"{"iss":"https://tenant.example.auth0.com/","aud":"https://api.example.com","exp":1000}"#)?;
/// assert!(rules.validate(&claims, 900).is_ok());
/// assert!(rules.validate(&claims, 1030).is_err()); // exp + leeway == now: expired
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Validation<'r> {
    issuers: Expect<'r>,
    audiences: Expect<'r>,
    subject: Expect<'r>,
    leeway: u64,
    required: &'r [&'r str],
    max_age: Option<u64>,
    require_exp: bool,
    policy: Policy,
}

impl Default for Validation<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'r> Validation<'r> {
    /// No issuer or audience expectation, no leeway, `exp` required, the
    /// default [`Policy`].
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"sub":"x"}"#)?;
    /// assert_eq!(rules.validate(&claims, 0).unwrap_err().kind(), jose_core::ErrorKind::MissingClaim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn new() -> Self {
        Validation {
            issuers: Expect::Any,
            audiences: Expect::Any,
            subject: Expect::Any,
            leeway: 0,
            required: &[],
            max_age: None,
            require_exp: true,
            policy: Policy::new(),
        }
    }

    /// Require `iss` to be exactly `issuer`.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().issuer("https://a.example/").allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"iss":"https://a.example"}"#)?;
    /// assert_eq!(rules.validate(&claims, 0).unwrap_err().kind(), jose_core::ErrorKind::Issuer);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn issuer(mut self, issuer: &'r str) -> Self {
        self.issuers = Expect::One(issuer);
        self
    }

    /// Require `iss` to be one of `issuers`.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().issuers(&["a", "b"]).allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"iss":"b"}"#)?;
    /// assert!(rules.validate(&claims, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn issuers(mut self, issuers: &'r [&'r str]) -> Self {
        self.issuers = Expect::Many(issuers);
        self
    }

    /// Require `aud` to contain `audience`.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().audience("api").allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"aud":["other","api"]}"#)?;
    /// assert!(rules.validate(&claims, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn audience(mut self, audience: &'r str) -> Self {
        self.audiences = Expect::One(audience);
        self
    }

    /// Require `aud` to contain one of `audiences`.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().audiences(&["a", "b"]).allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"aud":"c"}"#)?;
    /// assert_eq!(rules.validate(&claims, 0).unwrap_err().kind(), jose_core::ErrorKind::Audience);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn audiences(mut self, audiences: &'r [&'r str]) -> Self {
        self.audiences = Expect::Many(audiences);
        self
    }

    /// Require `sub` to be exactly `subject` (RFC 7523 client assertions:
    /// `sub` is the client id). A different `sub` is reported as an `issuer`
    /// error, since the pair names who made the token.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().subject("client-1").allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"sub":"client-2"}"#)?;
    /// assert_eq!(rules.validate(&claims, 0).unwrap_err().kind(), jose_core::ErrorKind::Issuer);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn subject(mut self, subject: &'r str) -> Self {
        self.subject = Expect::One(subject);
        self
    }

    /// Seconds of clock skew tolerated on `exp`, `nbf` and the maximum age.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().leeway(60);
    /// let claims = jose_core::jwt::Claims::parse(br#"{"exp":100}"#)?;
    /// assert!(rules.validate(&claims, 159).is_ok());
    /// assert!(rules.validate(&claims, 160).is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Claims that must be present (any type).
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().require(&["sub", "jti"]).allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"sub":"x"}"#)?;
    /// let err = rules.validate(&claims, 0).unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::MissingClaim);
    /// assert!(err.to_string().contains("jti"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn require(mut self, claims: &'r [&'r str]) -> Self {
        self.required = claims;
        self
    }

    /// Refuse tokens issued more than `seconds` ago (by `iat`, which becomes
    /// required), or issued in the future.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().max_age(300).allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"iat":1000}"#)?;
    /// assert!(rules.validate(&claims, 1299).is_ok());
    /// assert_eq!(rules.validate(&claims, 1300).unwrap_err().kind(), jose_core::ErrorKind::Expired);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Accept tokens without `exp` (for tokens that never expire by design;
    /// access and ID tokens always have one).
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().allow_missing_exp();
    /// assert!(rules.validate(&jose_core::jwt::Claims::parse(b"{}")?, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn allow_missing_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// The [`Policy`] applied to the token layers by [`super::decrypt_and_verify`]
    /// and [`super::verify`].
    ///
    /// ```
    /// use jose_core::{jwt::Validation, Policy};
    /// let rules = Validation::new().policy(Policy::new().require_cty(true));
    /// assert!(rules.token_policy().requires_cty());
    /// ```
    pub const fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// The token-layer policy.
    ///
    /// ```
    /// assert_eq!(jose_core::jwt::Validation::new().token_policy(), jose_core::Policy::new());
    /// ```
    pub const fn token_policy(&self) -> Policy {
        self.policy
    }

    /// Checks `claims` against these rules at time `now` (seconds since the
    /// epoch). The first failing rule is reported, naming the claim and the
    /// values compared.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"exp":100}"#)?;
    /// let err = rules.validate(&claims, 100).unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::Expired);
    /// assert_eq!(err.to_string(), "expired: claims: the token has expired: exp 100, now 100, leeway 0s");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn validate(&self, claims: &Claims<'_>, now: u64) -> Result<(), Error> {
        for name in self.required {
            if claims.get(name).is_none() {
                return Err(missing_named(name));
            }
        }
        let leeway = self.leeway as f64;
        let now_f = now as f64;
        match claims.expires_at() {
            Some(exp) if exp.as_f64() + leeway <= now_f => {
                return Err(time_error(
                    ErrorKind::Expired,
                    "the token has expired",
                    "exp",
                    exp.seconds(),
                    now,
                    self.leeway,
                ));
            }
            None if self.require_exp => return Err(missing("exp")),
            _ => {}
        }
        if let Some(nbf) = claims.not_before() {
            if nbf.as_f64() > now_f + leeway {
                return Err(time_error(
                    ErrorKind::NotYetValid,
                    "the token is not valid yet",
                    "nbf",
                    nbf.seconds(),
                    now,
                    self.leeway,
                ));
            }
        }
        if let Some(max_age) = self.max_age {
            let iat = claims.issued_at().ok_or_else(|| missing("iat"))?;
            if iat.as_f64() + max_age as f64 + leeway <= now_f {
                return Err(time_error(
                    ErrorKind::Expired,
                    "the token is older than the maximum age",
                    "iat",
                    iat.seconds(),
                    now,
                    self.leeway,
                ));
            }
            if iat.as_f64() > now_f + leeway {
                return Err(time_error(
                    ErrorKind::NotYetValid,
                    "the token was issued in the future",
                    "iat",
                    iat.seconds(),
                    now,
                    self.leeway,
                ));
            }
        }
        if self.issuers.is_set() {
            let iss = claims.issuer().ok_or_else(|| missing("iss"))?;
            if !self.issuers.accepts(&iss) {
                return Err(Error::new(
                    ErrorKind::Issuer,
                    Some(Part::Claims),
                    "not an expected issuer",
                )
                .with(Detail::Found {
                    claim: "iss",
                    text: Shown::new(iss.chars()),
                }));
            }
        }
        if self.subject.is_set() {
            let sub = claims.subject().ok_or_else(|| missing("sub"))?;
            if !self.subject.accepts(&sub) {
                return Err(Error::new(
                    ErrorKind::Issuer,
                    Some(Part::Claims),
                    "not the expected subject",
                )
                .with(Detail::Found {
                    claim: "sub",
                    text: Shown::new(sub.chars()),
                }));
            }
        }
        if self.audiences.is_set() {
            let mut audiences = claims.audiences().peekable();
            let first = *audiences.peek().ok_or_else(|| missing("aud"))?;
            if !audiences.any(|aud| self.audiences.accepts(&aud)) {
                return Err(Error::new(
                    ErrorKind::Audience,
                    Some(Part::Claims),
                    "no expected audience in aud",
                )
                .with(Detail::Found {
                    claim: "aud",
                    text: Shown::new(first.chars()),
                }));
            }
        }
        Ok(())
    }
}

fn missing(claim: &'static str) -> Error {
    Error::new(
        ErrorKind::MissingClaim,
        Some(Part::Claims),
        "required claim absent",
    )
    .with(Detail::Name(claim))
}

fn missing_named(claim: &str) -> Error {
    Error::new(
        ErrorKind::MissingClaim,
        Some(Part::Claims),
        "required claim absent",
    )
    .with(Detail::Found {
        claim: "name",
        text: Shown::new(claim.chars()),
    })
}

fn time_error(
    kind: ErrorKind,
    reason: &'static str,
    claim: &'static str,
    value: i64,
    now: u64,
    leeway: u64,
) -> Error {
    Error::new(kind, Some(Part::Claims), reason).with(Detail::Time {
        claim,
        value,
        now,
        leeway,
    })
}
