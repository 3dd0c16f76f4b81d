//! Claim validation against the caller's clock and expectations.
//!
//! Times follow RFC 7519 §4.1.4–4.1.6: a token is expired when `now >= exp`
//! (`exp == now` is expired), not yet valid when `now < nbf`; the leeway widens
//! both. `exp` is required unless explicitly waived. Issuers and audiences are
//! compared exactly, after unescaping: `https://issuer.example.com.evil` is not
//! `https://issuer.example.com`.

use crate::error::{Detail, Error, ErrorKind, Part, Shown};
use crate::header::{Header, media_type_is};
use crate::json::JsonStr;
use crate::policy::Policy;

use super::{Claims, NumericDate};

mod bindings;
mod owned;
mod strs;

use bindings::{Bindings, OwnedBindings};

pub use owned::OwnedValidation;
use strs::Strs;

/// Expected values of a claim: not decided yet (refuses every token), any,
/// one, or one of several.
#[derive(Clone, Copy, Debug, Hash)]
enum Expect<'r> {
    Unset,
    Any,
    One(&'r str),
    Many(Strs<'r>),
}

impl Expect<'_> {
    fn is_set(&self) -> bool {
        !matches!(self, Expect::Any | Expect::Unset)
    }

    fn accepts(&self, found: &JsonStr<'_>) -> bool {
        match self {
            Expect::Unset => false,
            Expect::Any => true,
            Expect::One(one) => *found == **one,
            Expect::Many(many) => many.iter().any(|m| *found == *m),
        }
    }
}

/// What the signed token's `typ` header must be.
#[derive(Clone, Copy, Debug, Hash)]
enum TypeRule<'r> {
    /// Any `typ`, or none.
    Any,
    /// Exactly this media type (RFC 8725 §3.11 explicit typing).
    Is(&'r str),
    /// No `typ`, or `JWT`: a plain JWT, not a token of another profile
    /// (`at+jwt`, `logout+jwt`, `secevent+jwt`, `dpop+jwt`, ...).
    PlainJwt,
}

/// A token profile's claim rules, beyond issuer and audience.
#[derive(Clone, Copy, Debug, Hash)]
enum Profile<'r> {
    None,
    /// RFC 9068 §2.2 and §4.
    AccessToken,
    /// OpenID Connect Core 1.0 §3.1.3.7, for this client.
    IdToken {
        client_id: &'r str,
    },
}

/// The claims RFC 9068 §2.2 makes required in a JWT access token, beside
/// `iss`, `aud` and `exp`.
const ACCESS_TOKEN_CLAIMS: &[&str] = &["sub", "client_id", "iat", "jti"];

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
#[derive(Clone, Copy, Debug, Hash)]
pub struct Validation<'r> {
    issuers: Expect<'r>,
    audiences: Expect<'r>,
    subject: Expect<'r>,
    typ: TypeRule<'r>,
    profile: Profile<'r>,
    nonce: Option<&'r str>,
    bindings: Bindings<'r>,
    max_auth_age: Option<u64>,
    max_lifetime: Option<u64>,
    leeway: u64,
    required: Strs<'r>,
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
    /// Rules that refuse every token until the issuer and the audience are
    /// decided: set them ([`Validation::issuer`], [`Validation::audience`],
    /// ...) or waive them by name ([`Validation::accept_any_issuer`],
    /// [`Validation::accept_any_audience`]). No leeway, `exp` required, any
    /// `typ`, the default [`Policy`]. For the common token profiles start
    /// from [`Validation::access_token`] or [`Validation::id_token`].
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, ErrorKind};
    /// let claims = Claims::parse(br#"{"iss":"a","aud":"b","exp":100}"#)?;
    /// // Fail closed: nothing was said about the issuer or the audience.
    /// let err = Validation::new().validate(&claims, 0).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Configuration);
    /// assert!(Validation::new().issuer("a").audience("b").validate(&claims, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn new() -> Self {
        Validation {
            issuers: Expect::Unset,
            audiences: Expect::Unset,
            subject: Expect::Any,
            typ: TypeRule::Any,
            profile: Profile::None,
            nonce: None,
            bindings: Bindings {
                access_token: None,
                code: None,
                state: None,
            },
            max_auth_age: None,
            max_lifetime: None,
            leeway: 0,
            required: Strs::Borrowed(&[]),
            max_age: None,
            require_exp: true,
            policy: Policy::new(),
        }
    }

    /// The rules of an RFC 9068 JWT access token for a resource server:
    /// `typ` must be `at+jwt` (RFC 9068 §4, RFC 8725 §3.11; an ID token, a
    /// logout or security-event token, or a token with no `typ` is refused
    /// as `token_type`), `iss` exactly `issuer`, `aud` containing
    /// `audience`, and `exp`, `sub`, `client_id`, `iat` and `jti` present.
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, ErrorKind};
    /// let rules = Validation::access_token("https://as.example/", "https://api.example");
    /// let claims = Claims::parse(br#"{"iss":"https://as.example/","aud":"https://api.example","exp":100,"sub":"u","client_id":"c","iat":1,"jti":"j"}"#)?;
    /// assert!(rules.validate(&claims, 50).is_ok());
    /// let no_jti = Claims::parse(br#"{"iss":"https://as.example/","aud":"https://api.example","exp":100,"sub":"u","client_id":"c","iat":1}"#)?;
    /// assert_eq!(rules.validate(&no_jti, 50).unwrap_err().kind(), ErrorKind::MissingClaim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn access_token(issuer: &'r str, audience: &'r str) -> Self {
        let mut rules = Self::new().issuer(issuer).audience(audience);
        rules.typ = TypeRule::Is("at+jwt");
        rules.profile = Profile::AccessToken;
        rules
    }

    /// The rules of an OpenID Connect ID token for the client `client_id`
    /// (OpenID Connect Core 1.0 §3.1.3.7): `iss` exactly `issuer`, `aud`
    /// containing `client_id`, `exp` and `iat` present, and when `aud` names
    /// several audiences an `azp` equal to `client_id` (an `azp` naming
    /// another client is refused whatever the audiences). `typ` must be
    /// absent or `JWT`, so a token of another profile (`at+jwt`,
    /// `logout+jwt`, ...) is not taken for an ID token. Add
    /// [`Validation::nonce`] and [`Validation::max_auth_age`] when the
    /// authentication request sent them.
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, ErrorKind};
    /// let rules = Validation::id_token("https://op.example", "client-1");
    /// let claims = Claims::parse(br#"{"iss":"https://op.example","aud":["client-1","other"],"azp":"client-1","exp":100,"iat":1}"#)?;
    /// assert!(rules.validate(&claims, 50).is_ok());
    /// let no_azp = Claims::parse(br#"{"iss":"https://op.example","aud":["client-1","other"],"exp":100,"iat":1}"#)?;
    /// assert_eq!(rules.validate(&no_azp, 50).unwrap_err().kind(), ErrorKind::MissingClaim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn id_token(issuer: &'r str, client_id: &'r str) -> Self {
        let mut rules = Self::new().issuer(issuer).audience(client_id);
        rules.typ = TypeRule::PlainJwt;
        rules.profile = Profile::IdToken { client_id };
        rules
    }

    /// Require the `nonce` claim to be exactly `nonce` (the value the client
    /// sent in its authentication request).
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, ErrorKind};
    /// let rules = Validation::id_token("op", "c").nonce("n-0S6_WzA2Mj");
    /// let claims = Claims::parse(br#"{"iss":"op","aud":"c","exp":100,"iat":1,"nonce":"replayed"}"#)?;
    /// assert_eq!(rules.validate(&claims, 50).unwrap_err().kind(), ErrorKind::Claim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn nonce(mut self, nonce: &'r str) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// Require the ID token's `at_hash` to bind it to `access_token`, the
    /// access token of the same response (OpenID Connect Core §3.2.2.9,
    /// §3.3.2.11): the base64url of the left half of its hash, with the
    /// hash of the token's `alg`. The claim must be present. Checked where
    /// the signature is ([`Validation::validate_signed`] and every opening
    /// call); [`Validation::validate`], which sees no header, refuses rules
    /// that ask for it.
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, jws::Compact, ErrorKind};
    /// let jws = Compact::parse("eyJhbGciOiJSUzI1NiJ9.e30.AA")?; // {"alg":"RS256"}
    /// let header = jws.header();
    /// let claims = Claims::parse(br#"{"iss":"op","aud":"c","exp":100,"iat":1,"at_hash":"77QmUPtjPfzWtF2AnpK9RQ"}"#)?;
    /// let rules = Validation::id_token("op", "c").at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y");
    /// assert!(rules.validate_signed(&header, &claims, 50).is_ok());
    /// let other = Validation::id_token("op", "c").at_hash("another access token");
    /// assert_eq!(other.validate_signed(&header, &claims, 50).unwrap_err().kind(), ErrorKind::Claim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn at_hash(mut self, access_token: &'r str) -> Self {
        self.bindings.access_token = Some(access_token);
        self
    }

    /// Require the ID token's `c_hash` to bind it to `code`, the
    /// authorization code of the same response (OpenID Connect Core
    /// §3.3.2.11, the hybrid flow), as [`Validation::at_hash`] does.
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, jws::Compact, ErrorKind};
    /// let jws = Compact::parse("eyJhbGciOiJSUzI1NiJ9.e30.AA")?;
    /// let header = jws.header();
    /// let claims = Claims::parse(br#"{"iss":"op","aud":"c","exp":100,"iat":1}"#)?;
    /// let rules = Validation::id_token("op", "c").c_hash("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk");
    /// assert_eq!(rules.validate_signed(&header, &claims, 50).unwrap_err().kind(), ErrorKind::MissingClaim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn c_hash(mut self, code: &'r str) -> Self {
        self.bindings.code = Some(code);
        self
    }

    /// Require the ID token's `s_hash` to bind it to `state`, the state of
    /// the same response (FAPI 1.0 Advanced §5.2.2.1), as
    /// [`Validation::at_hash`] does.
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, jws::Compact, ErrorKind};
    /// let jws = Compact::parse("eyJhbGciOiJIUzM4NCJ9.e30.AA")?; // {"alg":"HS384"}
    /// let header = jws.header();
    /// let claims = Claims::parse(br#"{"iss":"op","aud":"c","exp":100,"iat":1,"s_hash":"nwv5pSBfOQyOPHGVwhwdEGB52LrZFoIz"}"#)?;
    /// assert!(Validation::id_token("op", "c").s_hash("state-xyz").validate_signed(&header, &claims, 50).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn s_hash(mut self, state: &'r str) -> Self {
        self.bindings.state = Some(state);
        self
    }

    /// Require `auth_time` and refuse a token whose user authenticated more
    /// than `seconds` ago (the `max_age` of the authentication request).
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, ErrorKind};
    /// let rules = Validation::id_token("op", "c").max_auth_age(600);
    /// let claims = Claims::parse(br#"{"iss":"op","aud":"c","exp":5000,"iat":1000,"auth_time":1000}"#)?;
    /// assert!(rules.validate(&claims, 1599).is_ok());
    /// assert_eq!(rules.validate(&claims, 1600).unwrap_err().kind(), ErrorKind::Expired);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn max_auth_age(mut self, seconds: u64) -> Self {
        self.max_auth_age = Some(seconds);
        self
    }

    /// Refuse a token meant to live longer than `seconds`: `exp` − `iat`
    /// (or `exp` − now, without `iat`). For short-lived tokens such as client
    /// assertions, where a long lifetime turns a one-time proof into a
    /// bearer credential.
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, ErrorKind};
    /// let rules = Validation::new().accept_any_issuer().accept_any_audience().max_lifetime(300);
    /// assert!(rules.validate(&Claims::parse(br#"{"iat":1000,"exp":1300}"#)?, 1000).is_ok());
    /// let err = rules.validate(&Claims::parse(br#"{"iat":1000,"exp":1301}"#)?, 1000).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Claim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn max_lifetime(mut self, seconds: u64) -> Self {
        self.max_lifetime = Some(seconds);
        self
    }

    /// Require the signed token's `typ` header to be the media type `typ`,
    /// compared as RFC 7515 says (case-insensitively, `application/`
    /// optional): explicit typing, RFC 8725 §3.11. A token without `typ` is
    /// refused.
    ///
    /// ```
    /// use jose_core::{jwt::Validation, jws::Compact, ErrorKind};
    /// let rules = Validation::new().typ("application/AT+JWT"); // the same as at+jwt
    /// let jws = Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?; // no typ
    /// assert_eq!(rules.validate_header(&jws.header()).unwrap_err().kind(), ErrorKind::TokenType);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn typ(mut self, typ: &'r str) -> Self {
        self.typ = TypeRule::Is(typ);
        self
    }

    /// Accept any `iss` (say so only when the keys alone decide who may
    /// issue tokens: one issuer's own keys, never a shared provider's).
    ///
    /// ```
    /// use jose_core::jwt::{Claims, Validation};
    /// let rules = Validation::new().accept_any_issuer().audience("api");
    /// assert!(rules.validate(&Claims::parse(br#"{"aud":"api","exp":9}"#)?, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn accept_any_issuer(mut self) -> Self {
        self.issuers = Expect::Any;
        self
    }

    /// Accept any `aud`, or none (say so only when every token these keys
    /// sign is meant for you).
    ///
    /// ```
    /// use jose_core::jwt::{Claims, Validation};
    /// let rules = Validation::new().issuer("as").accept_any_audience();
    /// assert!(rules.validate(&Claims::parse(br#"{"iss":"as","exp":9}"#)?, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn accept_any_audience(mut self) -> Self {
        self.audiences = Expect::Any;
        self
    }

    /// Require `iss` to be exactly `issuer`.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().issuer("https://a.example/").accept_any_audience().allow_missing_exp();
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
    /// let rules = jose_core::jwt::Validation::new().issuers(&["a", "b"]).accept_any_audience().allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"iss":"b"}"#)?;
    /// assert!(rules.validate(&claims, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn issuers(mut self, issuers: &'r [&'r str]) -> Self {
        self.issuers = Expect::Many(Strs::Borrowed(issuers));
        self
    }

    /// Require `aud` to contain `audience`.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().audience("api").allow_missing_exp();
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
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().audiences(&["a", "b"]).allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"aud":"c"}"#)?;
    /// assert_eq!(rules.validate(&claims, 0).unwrap_err().kind(), jose_core::ErrorKind::Audience);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn audiences(mut self, audiences: &'r [&'r str]) -> Self {
        self.audiences = Expect::Many(Strs::Borrowed(audiences));
        self
    }

    /// Require `sub` to be exactly `subject` (RFC 7523 client assertions:
    /// `sub` is the client id). A different `sub` is a `claim` error.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().accept_any_audience()
    ///     .subject("client-1").allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"sub":"client-2"}"#)?;
    /// assert_eq!(rules.validate(&claims, 0).unwrap_err().kind(), jose_core::ErrorKind::Claim);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn subject(mut self, subject: &'r str) -> Self {
        self.subject = Expect::One(subject);
        self
    }

    /// Seconds of clock skew tolerated on `exp`, `nbf` and the maximum age.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().accept_any_audience().leeway(60);
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
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().accept_any_audience().require(&["sub", "jti"]).allow_missing_exp();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"sub":"x"}"#)?;
    /// let err = rules.validate(&claims, 0).unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::MissingClaim);
    /// assert!(err.to_string().contains("jti"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub const fn require(mut self, claims: &'r [&'r str]) -> Self {
        self.required = Strs::Borrowed(claims);
        self
    }

    /// Refuse tokens issued more than `seconds` ago (by `iat`, which becomes
    /// required), or issued in the future.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().accept_any_audience().max_age(300).allow_missing_exp();
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
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().accept_any_audience().allow_missing_exp();
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

    /// [`crate::jwt::required_buffer_len`] under these rules' policy: what
    /// [`crate::jwt::decrypt_and_verify`] with them needs for `token`, never
    /// more than the largest token the policy accepts needs.
    ///
    /// ```
    /// use jose_core::{Policy, jwt::Validation};
    /// let rules = Validation::new().policy(Policy::new().max_token_len(16 * 1024));
    /// let token = format!("e.b.c.{}.e", "A".repeat(100_000));
    /// assert_eq!(rules.required_buffer_len(&token), 12_288);
    /// assert_eq!(rules.required_buffer_len("eyJhbGciOiJ4In0.b.c.AAAA.e"), 14);
    /// ```
    pub fn required_buffer_len(&self, token: &str) -> usize {
        super::nested::buffer_len_within(token, self.policy.max_token())
    }

    /// A `configuration` error while the issuer or the audience is
    /// undecided (neither set nor waived): rules that would refuse every
    /// token. A [`crate::Receiver`] asks this when it is built.
    pub(crate) fn check_decided(&self) -> Result<(), Error> {
        if matches!(self.issuers, Expect::Unset) {
            return Err(Error::configuration(
                "no issuer expected: set Validation::issuer or call accept_any_issuer",
            ));
        }
        if matches!(self.audiences, Expect::Unset) {
            return Err(Error::configuration(
                "no audience expected: set Validation::audience or call accept_any_audience",
            ));
        }
        Ok(())
    }

    /// Checks `claims` against these rules at time `now` (seconds since the
    /// epoch). The first failing rule is reported, naming the claim and the
    /// values compared.
    ///
    /// ```
    /// let rules = jose_core::jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// let claims = jose_core::jwt::Claims::parse(br#"{"exp":100}"#)?;
    /// let err = rules.validate(&claims, 100).unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::Expired);
    /// assert_eq!(err.to_string(), "expired: claims: the token has expired: exp 100, now 100, leeway 0s");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn validate(&self, claims: &Claims<'_>, now: u64) -> Result<(), Error> {
        if self.bindings.any() {
            return Err(Error::configuration(
                "at_hash, c_hash and s_hash are checked with the token's alg: use validate_signed \
                 (the opening calls do)",
            ));
        }
        self.validate_claims(claims, now)
    }

    /// Checks a signed token against these rules: its header
    /// ([`Validation::validate_header`]), its claims
    /// ([`Validation::validate`]) and the bindings asked for
    /// ([`Validation::at_hash`], [`Validation::c_hash`],
    /// [`Validation::s_hash`]) under the header's `alg`. What every opening
    /// call runs after the signature verified.
    ///
    /// ```
    /// use jose_core::{jwt::{Claims, Validation}, jws::Compact};
    /// let jws = Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// let claims = Claims::parse(br#"{"iss":"joe","aud":"c","exp":1300819380,"iat":1}"#)?;
    /// assert!(Validation::id_token("joe", "c").validate_signed(&jws.header(), &claims, 1300819000).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn validate_signed(
        &self,
        header: &Header<'_>,
        claims: &Claims<'_>,
        now: u64,
    ) -> Result<(), Error> {
        self.validate_header(header)?;
        self.validate_claims(claims, now)?;
        if self.bindings.any() {
            let alg = header
                .alg()
                .as_plain()
                .and_then(crate::algorithm::SignatureAlgorithm::from_name)
                .ok_or(Error::malformed(
                    Part::Header,
                    "alg names no signature algorithm",
                ))?;
            self.bindings.check(alg, claims)?;
        }
        Ok(())
    }

    /// The claim rules of [`Validation::validate`], bindings aside.
    fn validate_claims(&self, claims: &Claims<'_>, now: u64) -> Result<(), Error> {
        self.check_decided()?;
        let profile_claims: &[&'static str] = match self.profile {
            Profile::AccessToken => ACCESS_TOKEN_CLAIMS,
            Profile::IdToken { .. } => &["iat"],
            Profile::None => &[],
        };
        for name in profile_claims {
            if claims.get(name).is_none() {
                return Err(missing(name));
            }
        }
        for name in self.required.iter() {
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
        if let (Some(max), Some(exp)) = (self.max_lifetime, claims.expires_at()) {
            let from = claims.issued_at().map_or(now_f, NumericDate::as_f64);
            if exp.as_f64() - from > max as f64 {
                return Err(Error::new(
                    ErrorKind::Claim,
                    Some(Part::Claims),
                    "the token's lifetime (exp - iat) is over the maximum",
                )
                .with(Detail::Limit {
                    found: (exp.as_f64() - from) as usize,
                    limit: max as usize,
                }));
            }
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
                    ErrorKind::Claim,
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
        if let Profile::IdToken { client_id } = self.profile {
            check_authorized_party(claims, client_id)?;
        }
        if let Some(expected) = self.nonce {
            let nonce = claims
                .get("nonce")
                .ok_or_else(|| missing("nonce"))?
                .as_str()
                .ok_or_else(|| {
                    Error::malformed(Part::Claims, "must be a string").with(Detail::Name("nonce"))
                })?;
            if nonce != expected {
                return Err(
                    Error::new(ErrorKind::Claim, Some(Part::Claims), "not the nonce sent")
                        .with(Detail::Name("nonce")),
                );
            }
        }
        if let Some(max) = self.max_auth_age {
            let auth_time = claims
                .get("auth_time")
                .ok_or_else(|| missing("auth_time"))?;
            let auth_time = super::claims::numeric_date(auth_time, "auth_time")?;
            if auth_time.as_f64() + max as f64 + leeway <= now_f {
                return Err(time_error(
                    ErrorKind::Expired,
                    "the user authenticated longer ago than the maximum",
                    "auth_time",
                    auth_time.seconds(),
                    now,
                    self.leeway,
                ));
            }
        }
        Ok(())
    }

    /// The times at which the time rules of [`Validation::validate`] pass
    /// for `claims` (`exp`, `nbf`, the maximum age, the maximum time since
    /// authentication, a lifetime without `iat`): a verified-token cache
    /// serves an entry without validating again only inside it. Never wider
    /// than the rules allow; exactly as wide for whole-second claims.
    pub(crate) fn window(&self, claims: &Claims<'_>) -> ValidWindow {
        let leeway = self.leeway as f64;
        let mut window = ValidWindow::ALWAYS;
        if let Some(exp) = claims.expires_at() {
            window.ends_by(exp.as_f64() + leeway);
            if let (Some(max), None) = (self.max_lifetime, claims.issued_at()) {
                window.starts_by(exp.as_f64() - max as f64);
            }
        }
        if let Some(nbf) = claims.not_before() {
            window.starts_by(nbf.as_f64() - leeway);
        }
        if let (Some(max_age), Some(iat)) = (self.max_age, claims.issued_at()) {
            window.ends_by(iat.as_f64() + max_age as f64 + leeway);
            window.starts_by(iat.as_f64() - leeway);
        }
        let auth_time = claims
            .get("auth_time")
            .and_then(|t| super::claims::numeric_date(t, "auth_time").ok());
        if let (Some(max), Some(auth_time)) = (self.max_auth_age, auth_time) {
            window.ends_by(auth_time.as_f64() + max as f64 + leeway);
        }
        window
    }

    /// Checks the signed token's header against these rules: its `typ`
    /// (see [`Validation::typ`], [`Validation::access_token`],
    /// [`Validation::id_token`]).
    ///
    /// ```
    /// use jose_core::{jwt::Validation, jws::Compact};
    /// let jws = Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?; // no typ
    /// assert!(Validation::id_token("joe", "c").validate_header(&jws.header()).is_ok());
    /// assert!(Validation::access_token("joe", "c").validate_header(&jws.header()).is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn validate_header(&self, header: &Header<'_>) -> Result<(), Error> {
        let typ = header.typ();
        let wrong = |reason: &'static str| {
            let error = Error::new(ErrorKind::TokenType, Some(Part::Header), reason);
            match &typ {
                Some(found) => error.with(Detail::Found {
                    claim: "typ",
                    text: Shown::new(found.chars()),
                }),
                None => error,
            }
        };
        match (self.typ, &typ) {
            (TypeRule::Any, _) => Ok(()),
            (TypeRule::Is(_), None) => Err(wrong("the token has no typ; the rules require one")),
            (TypeRule::Is(expected), Some(found)) if !media_type_is(found, expected) => {
                Err(wrong("not the token type the rules require"))
            }
            (TypeRule::PlainJwt, Some(found)) if !media_type_is(found, "JWT") => Err(wrong(
                "a token of another profile, not a plain JWT (typ must be absent or JWT)",
            )),
            _ => Ok(()),
        }
    }
}

/// The whole seconds `now` at which a token's time rules pass: `from <= now
/// < until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ValidWindow {
    pub(crate) from: u64,
    pub(crate) until: u64,
}

/// 2^53: up to here every whole second is exact as an `f64`, the type the
/// rules compare in, so a bound computed here means the same in both.
const EXACT_SECONDS: u64 = 1 << 53;

impl ValidWindow {
    /// No time rule.
    pub(crate) const ALWAYS: ValidWindow = ValidWindow {
        from: 0,
        until: EXACT_SECONDS,
    };

    /// Whether the rules pass at `now`.
    pub(crate) fn contains(&self, now: u64) -> bool {
        self.from <= now && now < self.until
    }

    /// A rule that passes while `now < limit`.
    fn ends_by(&mut self, limit: f64) {
        let until = if limit.is_nan() || limit <= 0.0 {
            0
        } else if limit >= EXACT_SECONDS as f64 {
            EXACT_SECONDS
        } else {
            // floor: for whole `now`, now < floor(limit) implies now < limit.
            limit as u64
        };
        self.until = self.until.min(until);
    }

    /// A rule that passes while `now >= bound`.
    fn starts_by(&mut self, bound: f64) {
        let from = if bound.is_nan() || bound > EXACT_SECONDS as f64 {
            u64::MAX
        } else if bound <= 0.0 {
            0
        } else {
            let whole = bound as u64;
            if (whole as f64) < bound {
                whole + 1
            } else {
                whole
            }
        };
        self.from = self.from.max(from);
    }
}

/// OpenID Connect Core §3.1.3.7 items 4 and 5: several audiences need an
/// `azp`, and an `azp` must name this client.
fn check_authorized_party(claims: &Claims<'_>, client_id: &str) -> Result<(), Error> {
    let several = claims.audiences().nth(1).is_some();
    match claims.authorized_party() {
        Some(azp) if azp != client_id => Err(Error::new(
            ErrorKind::Audience,
            Some(Part::Claims),
            "azp names another client",
        )
        .with(Detail::Found {
            claim: "azp",
            text: Shown::new(azp.chars()),
        })),
        None if several => Err(missing("azp")),
        _ => Ok(()),
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

#[cfg(test)]
mod window_tests {
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;

    /// A claim of whole or fractional seconds, or none.
    const DATES: [Option<f64>; 4] = [None, Some(100.0), Some(100.5), Some(300.0)];

    fn claims_json(dates: [Option<f64>; 4]) -> String {
        let mut members = String::from("\"iss\":\"a\"");
        for (name, value) in ["exp", "nbf", "iat", "auth_time"].iter().zip(dates) {
            if let Some(v) = value {
                members.push_str(&format!(",\"{name}\":{v}"));
            }
        }
        format!("{{{members}}}")
    }

    /// Every second where a bound could fall for these dates and limits,
    /// and either side of it.
    fn moments(dates: [Option<f64>; 4], shifts: [u64; 5]) -> Vec<u64> {
        let mut moments = Vec::new();
        for base in dates.iter().flatten() {
            for a in shifts {
                for b in [0, shifts[0]] {
                    for d in [-1i64, 0, 1] {
                        let base = *base as i64;
                        let span = (a + b) as i64;
                        for m in [base + span + d, base - span + d] {
                            moments.extend(u64::try_from(m).ok());
                        }
                    }
                }
            }
        }
        moments
    }

    /// For every combination of dates (absent, whole, fractional) and of
    /// time rules: for claims that pass at some moment, inside the window
    /// every rule passes (a cache hit is never wider than validation); for
    /// whole seconds the window is exactly where they pass (a hit is never
    /// needlessly narrow). Exhaustive over the grid, checked at every moment
    /// where a bound can fall.
    #[test]
    fn the_window_is_where_the_time_rules_pass() {
        let mut checked = 0;
        for exp in DATES {
            for nbf in DATES {
                for iat in DATES {
                    for auth in DATES {
                        let dates = [exp, nbf, iat, auth];
                        checked += check_rules(dates);
                    }
                }
            }
        }
        assert!(checked > 100_000, "{checked} moments checked");
    }

    fn check_rules(dates: [Option<f64>; 4]) -> usize {
        let text = claims_json(dates);
        let claims = Claims::parse(text.as_bytes()).unwrap();
        let whole = dates.iter().flatten().all(|v| v.fract() == 0.0);
        let mut checked = 0;
        for leeway in [0, 7] {
            for max_age in [None, Some(50)] {
                for max_lifetime in [None, Some(200)] {
                    for max_auth_age in [None, Some(60)] {
                        let mut rules = Validation::new()
                            .accept_any_issuer()
                            .accept_any_audience()
                            .allow_missing_exp()
                            .leeway(leeway);
                        if let Some(m) = max_age {
                            rules = rules.max_age(m);
                        }
                        if let Some(m) = max_lifetime {
                            rules = rules.max_lifetime(m);
                        }
                        if let Some(m) = max_auth_age {
                            rules = rules.max_auth_age(m);
                        }
                        let window = rules.window(&claims);
                        let shifts = [
                            leeway,
                            0,
                            max_age.unwrap_or(0),
                            max_lifetime.unwrap_or(0),
                            max_auth_age.unwrap_or(0),
                        ];
                        let moments = moments(dates, shifts);
                        let passes: Vec<bool> = moments
                            .iter()
                            .map(|now| rules.validate(&claims, *now).is_ok())
                            .collect();
                        // A cache holds only tokens that passed once.
                        let held = passes.iter().any(|p| *p);
                        for (now, passes) in moments.iter().zip(passes) {
                            if window.contains(*now) && held {
                                assert!(
                                    passes,
                                    "{text} {rules:?} at {now}: inside {window:?} but refused"
                                );
                            }
                            if whole && passes {
                                assert!(
                                    window.contains(*now),
                                    "{text} {rules:?} at {now}: valid but outside {window:?}"
                                );
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
        checked
    }

    #[test]
    fn bounds_beyond_exact_seconds_are_clamped() {
        let claims = Claims::parse(br#"{"exp":253402300799}"#).unwrap();
        let rules = Validation::new()
            .accept_any_issuer()
            .accept_any_audience()
            .leeway(u64::MAX);
        let window = rules.window(&claims);
        assert_eq!(window.until, EXACT_SECONDS);
        assert!(!window.contains(u64::MAX));
        let late = Claims::parse(br#"{"exp":1,"nbf":253402300799}"#).unwrap();
        assert!(!Validation::new().window(&late).contains(253_402_300_799));
    }
}
