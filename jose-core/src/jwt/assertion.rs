//! Private Key JWT client assertions (RFC 7523 §2.2, §3): made by the client,
//! verified by the authorization server.

use rand_core::{Rng, TryCryptoRng};

use super::{Jwt, Trust, Validation, verify};
use crate::base64url;
use crate::error::Error;
use crate::json::ObjectWriter;
use crate::jws::Signer;
use crate::keys::IssuerKeys;
use crate::policy::MAX_HEADER_LEN;
use crate::rng::CallRng;

/// The `client_assertion_type` form value that goes with a Private Key JWT.
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The explicit `typ` of a client authentication JWT (RFC 7523bis): set it on
/// the [`Signer`] with `.typ(CLIENT_AUTHENTICATION_TYP)` when the
/// authorization server asks for it.
pub const CLIENT_AUTHENTICATION_TYP: &str = "client-authentication+jwt";

/// How long a client assertion is valid unless [`ClientAssertion::lifetime`]
/// says otherwise: 60 s.
pub const CLIENT_ASSERTION_LIFETIME: u64 = 60;

/// The longest lifetime (`exp` − `iat`) [`verify_client_assertion`] accepts:
/// 5 minutes. An assertion is for one request; a long-lived one is a bearer
/// credential.
pub const CLIENT_ASSERTION_MAX_LIFETIME: u64 = 300;

/// A Private Key JWT client assertion to sign: `iss` = `sub` = the client id,
/// `aud` = the token endpoint, a random 128-bit `jti`, `iat`, `exp` after
/// the lifetime, and any claims the caller adds.
///
/// ```
/// use jose_core::{jws::Signer, jwt::{self, ClientAssertion}, keys::PrivateKey, SignatureAlgorithm};
/// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.with_kid("k1");
/// let signer = Signer::new(&key, SignatureAlgorithm::Ps256)?.typ(jwt::CLIENT_AUTHENTICATION_TYP);
/// let add = |w: &mut jose_core::json::ObjectWriter<'_>| { w.string("tenant", "acme"); };
/// let mut out = [0u8; 1024];
/// let assertion = ClientAssertion::new("s6BhdRkqt3", "https://as.example/token")
///     .lifetime(30)
///     .claims(&add)
///     .sign(&signer, 1_700_000_000, &mut jose_core::os_rng(), &mut out)?;
/// assert_eq!(assertion.matches('.').count(), 2);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct ClientAssertion<'a> {
    client_id: &'a str,
    audience: &'a str,
    lifetime: u64,
    extra: Option<&'a dyn Fn(&mut ObjectWriter<'_>)>,
}

impl<'a> ClientAssertion<'a> {
    /// An assertion by `client_id` for `token_endpoint`, valid for
    /// [`CLIENT_ASSERTION_LIFETIME`].
    ///
    /// ```
    /// let assertion = jose_core::jwt::ClientAssertion::new("client", "https://as.example/token");
    /// # let _ = assertion;
    /// ```
    pub fn new(client_id: &'a str, token_endpoint: &'a str) -> Self {
        ClientAssertion {
            client_id,
            audience: token_endpoint,
            lifetime: CLIENT_ASSERTION_LIFETIME,
            extra: None,
        }
    }

    /// Valid for `seconds` from `iat` (keep it short: the server refuses more
    /// than its maximum, by default [`CLIENT_ASSERTION_MAX_LIFETIME`]).
    ///
    /// ```
    /// let assertion = jose_core::jwt::ClientAssertion::new("c", "https://as.example/token").lifetime(120);
    /// # let _ = assertion;
    /// ```
    pub fn lifetime(mut self, seconds: u64) -> Self {
        self.lifetime = seconds;
        self
    }

    /// Claims to add after the registered ones (a name written twice is an
    /// error when signing).
    ///
    /// ```
    /// let add = |w: &mut jose_core::json::ObjectWriter<'_>| { w.string("tenant", "acme"); };
    /// let assertion = jose_core::jwt::ClientAssertion::new("c", "https://as.example/token").claims(&add);
    /// # let _ = assertion;
    /// ```
    pub fn claims(mut self, extra: &'a dyn Fn(&mut ObjectWriter<'_>)) -> Self {
        self.extra = Some(extra);
        self
    }

    /// Signs the assertion with `signer` (RS256 or PS256, with the key's
    /// `kid`) at `now`, into `out`. Send it as the `client_assertion` form
    /// field, with `client_assertion_type` = [`CLIENT_ASSERTION_TYPE`].
    ///
    /// ```
    /// use jose_core::{jws::Signer, jwt::ClientAssertion, keys::PrivateKey, SignatureAlgorithm};
    /// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let signer = Signer::new(&key, SignatureAlgorithm::Rs256)?;
    /// let mut out = [0u8; 1024];
    /// let assertion = ClientAssertion::new("c", "https://as.example/token")
    ///     .sign(&signer, 1_700_000_000, &mut jose_core::os_rng(), &mut out)?;
    /// assert!(assertion.starts_with("ey"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn sign<'o, R: TryCryptoRng + ?Sized>(
        &self,
        signer: &Signer<'_>,
        now: u64,
        rng: &mut R,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        let rng = &mut CallRng::seeded_from(rng)?;
        let mut id = [0u8; 16];
        rng.fill_bytes(&mut id);
        let mut jti = [0u8; 22];
        let jti = base64url::encode(&id, &mut jti)?;
        let exp = now.saturating_add(self.lifetime);
        let mut claims = [0u8; MAX_HEADER_LEN];
        let mut w = ObjectWriter::new(&mut claims);
        w.string("iss", self.client_id)
            .string("sub", self.client_id)
            .string("aud", self.audience)
            .string("jti", jti)
            .integer("iat", i64::try_from(now).unwrap_or(i64::MAX))
            .integer("exp", i64::try_from(exp).unwrap_or(i64::MAX));
        if let Some(extra) = self.extra {
            extra(&mut w);
        }
        let claims = w.finish()?;
        signer.sign(claims.as_bytes(), rng, out)
    }
}

impl core::fmt::Debug for ClientAssertion<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ClientAssertion")
            .field("client_id", &self.client_id)
            .field("audience", &self.audience)
            .field("lifetime", &self.lifetime)
            .field("extra_claims", &self.extra.is_some())
            .finish()
    }
}

/// Builds a Private Key JWT client assertion (RFC 7523 §2.2) with the
/// defaults of [`ClientAssertion`]: `iss` = `sub` = `client_id`, `aud` = the
/// token endpoint, a random 128-bit `jti`, `iat` = `now`, `exp` = `now` +
/// [`CLIENT_ASSERTION_LIFETIME`], signed by `signer`.
///
/// ```
/// use jose_core::{jws::Signer, jwt, keys::{PrivateKey, PublicKeySet}, SignatureAlgorithm};
///
/// let client_key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.with_kid("client-key-1");
/// let signer = Signer::new(&client_key, SignatureAlgorithm::Rs256)?;
/// let mut out = [0u8; 1024];
/// let assertion = jwt::client_assertion("s6BhdRkqt3", "https://server.example.com/token", &signer,
///     1_700_000_000, &mut jose_core::os_rng(), &mut out)?;
///
/// // The authorization server's side:
/// let registered = PublicKeySet::new().with(client_key.public_key())?;
/// let mut buf = [0u8; 1024];
/// let verified = jwt::verify_client_assertion(assertion, &registered, "s6BhdRkqt3",
///     "https://server.example.com/token", 1_700_000_010, 5, &mut buf)?;
/// assert!(verified.claims().jwt_id().is_some()); // store it to refuse replays
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn client_assertion<'o, R: TryCryptoRng + ?Sized>(
    client_id: &str,
    token_endpoint: &str,
    signer: &Signer<'_>,
    now: u64,
    rng: &mut R,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    ClientAssertion::new(client_id, token_endpoint).sign(signer, now, rng, out)
}

/// The rules [`verify_client_assertion`] applies (RFC 7523 §3), to adjust
/// before calling [`verify`]: `iss` and `sub` both `client_id`, `aud`
/// containing `token_endpoint`, `exp` and `jti` present, and a lifetime of
/// at most [`CLIENT_ASSERTION_MAX_LIFETIME`].
///
/// ```
/// use jose_core::{jwt, jws::Signer, keys::{PrivateKey, PublicKeySet}, SignatureAlgorithm};
/// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
/// # let signer = Signer::new(&key, SignatureAlgorithm::Rs256)?;
/// # let registered = PublicKeySet::new().with(key.public_key())?;
/// let rules = jwt::client_assertion_rules("c", "https://as.example/token").max_lifetime(600).leeway(5);
/// let mut out = [0u8; 1024];
/// let assertion = jwt::ClientAssertion::new("c", "https://as.example/token").lifetime(600)
///     .sign(&signer, 1_000, &mut jose_core::os_rng(), &mut out)?;
/// let mut buf = [0u8; 1024];
/// assert!(jwt::verify(assertion, &jwt::Trust::signed(&registered, &rules, 1_010), &mut buf).is_ok());
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn client_assertion_rules<'r>(client_id: &'r str, token_endpoint: &'r str) -> Validation<'r> {
    Validation::new()
        .issuer(client_id)
        .subject(client_id)
        .audience(token_endpoint)
        .require(&["jti"])
        .max_lifetime(CLIENT_ASSERTION_MAX_LIFETIME)
}

/// Verifies a client assertion for the authorization server (RFC 7523 §3)
/// with [`client_assertion_rules`] and `leeway`: a valid signature by one of
/// the client's registered keys, `iss` and `sub` both equal to `client_id`,
/// `aud` containing `token_endpoint`, `exp` present and in the future, a
/// lifetime of at most [`CLIENT_ASSERTION_MAX_LIFETIME`], `jti` present.
/// Refusing a `jti` seen before is the caller's job: store it until `exp`.
/// `buf` needs `assertion.len()` bytes.
///
/// ```
/// # use jose_core::{jws::Signer, jwt, keys::{PrivateKey, PublicKeySet}, SignatureAlgorithm, ErrorKind};
/// # let client_key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
/// # let signer = Signer::new(&client_key, SignatureAlgorithm::Ps256)?;
/// # let mut out = [0u8; 1024];
/// let assertion = jwt::client_assertion("client-a", "https://as.example/token", &signer, 1_000, &mut jose_core::os_rng(), &mut out)?;
/// # let registered = PublicKeySet::new().with(client_key.public_key())?;
/// # let mut buf = [0u8; 1024];
/// // Presented as another client: refused.
/// let err = jwt::verify_client_assertion(assertion, &registered, "client-b", "https://as.example/token", 1_000, 0, &mut buf)
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Issuer);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn verify_client_assertion<'b, K: IssuerKeys + ?Sized>(
    assertion: &str,
    client_keys: &K,
    client_id: &str,
    token_endpoint: &str,
    now: u64,
    leeway: u64,
    buf: &'b mut [u8],
) -> Result<Jwt<'b>, Error> {
    let rules = client_assertion_rules(client_id, token_endpoint).leeway(leeway);
    verify(assertion, &Trust::signed(client_keys, &rules, now), buf)
}
