//! DPoP (RFC 9449): an access token bound to a key the client holds, and a
//! proof of that key signed for each request. This module owns the proof
//! check: a JWS with `typ` `dpop+jwt`, an asymmetric `alg` from the
//! allow-list, the public key in its `jwk` header (never a private one),
//! `htm` and `htu` matching the request, `iat` inside the window, `ath` the
//! hash of the access token, the key's RFC 7638 thumbprint equal to the
//! token's `cnf.jkt`, and a `jti` not seen inside the window (a bounded
//! replay store); with server nonces on, a `nonce` issued by
//! [`crate::nonce`] (RFC 9449 §9).

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::header::HeaderName;
use axum::http::request::Parts;
use base64ct::{Base64UrlUnpadded, Encoding};
use jose_core::jws::Compact;
use jose_core::jwt::Claims;
use jose_core::keys::PublicKey;
use jose_core::{Policy, SignatureAlgorithm, SignatureAlgorithms};
use sha2::{Digest, Sha256};

use crate::nonce::{MAX_NONCE_LIFETIME, NonceSource};
use crate::rejection::Rejection;

/// The longest DPoP proof read (longer ones are refused unread).
pub const MAX_PROOF_LEN: usize = 8 * 1024;
/// The longest `jti` accepted.
pub const MAX_JTI_LEN: usize = 256;

/// The `DPoP` request header.
static DPOP: HeaderName = HeaderName::from_static("dpop");

/// What a resource server requires of DPoP proofs. Give it to
/// [`crate::Authenticator::with_dpop`].
///
/// Defaults: the algorithms ES256/384/512, EdDSA, Ed25519, PS256/384/512
/// and RS256; `iat` at most 60 s old and 5 s ahead; 100,000 `jti`s
/// remembered (a proof arriving with the store full of live entries is
/// refused, never let through unchecked); no server nonces
/// ([`Dpop::nonces`] turns them on); Bearer tokens still taken when they
/// are not DPoP-bound.
///
/// ```
/// let dpop = jose_axum::Dpop::new("https://api.example.com")?.max_age(30);
/// # Ok::<(), jose_axum::DpopError>(())
/// ```
pub struct Dpop {
    origin: String,
    algorithms: SignatureAlgorithms,
    algs: Arc<str>,
    max_age: u64,
    max_ahead: u64,
    required: bool,
    clock: Arc<dyn Fn() -> u64 + Send + Sync>,
    replays: Mutex<ReplayStore>,
    nonces: Option<NonceSource>,
}

/// A DPoP configuration that cannot be used.
///
/// ```
/// assert!(jose_axum::Dpop::new("api.example.com").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DpopError {
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for DpopError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid DPoP configuration: {}", self.reason)
    }
}

impl std::error::Error for DpopError {}

const DEFAULT_ALGORITHMS: [SignatureAlgorithm; 9] = [
    SignatureAlgorithm::Es256,
    SignatureAlgorithm::Es384,
    SignatureAlgorithm::Es512,
    SignatureAlgorithm::EdDsa,
    SignatureAlgorithm::Ed25519,
    SignatureAlgorithm::Ps256,
    SignatureAlgorithm::Ps384,
    SignatureAlgorithm::Ps512,
    SignatureAlgorithm::Rs256,
];

impl Dpop {
    /// DPoP for the resource at `origin`, the scheme and authority clients
    /// use to reach it (`https://api.example.com`, `http://127.0.0.1:3000`):
    /// a proof's `htu` must be that origin and the request's path. Taken
    /// from configuration, never from the request (a proxy's `Host` is not
    /// the client's URL).
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?;
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn new(origin: &str) -> Result<Self, DpopError> {
        let origin = normalize_origin(origin).ok_or(DpopError {
            reason: "the origin is not scheme://host[:port] (http or https, no path)",
        })?;
        let mut dpop = Dpop {
            origin,
            algorithms: SignatureAlgorithms::none(),
            algs: Arc::from(""),
            max_age: 60,
            max_ahead: 5,
            required: false,
            clock: Arc::new(|| jose_core::jwt::now().unwrap_or(0)),
            replays: Mutex::new(ReplayStore::new(100_000)),
            nonces: None,
        };
        dpop.set_algorithms(&DEFAULT_ALGORITHMS)?;
        Ok(dpop)
    }

    /// The proof algorithms accepted (asymmetric only: HMAC is refused
    /// here, a proof must show a private key).
    ///
    /// ```
    /// use jose_core::SignatureAlgorithm;
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.algorithms(&[SignatureAlgorithm::Es256])?;
    /// assert!(jose_axum::Dpop::new("https://api.example.com")?.algorithms(&[SignatureAlgorithm::Hs256]).is_err());
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn algorithms(mut self, algorithms: &[SignatureAlgorithm]) -> Result<Self, DpopError> {
        self.set_algorithms(algorithms)?;
        Ok(self)
    }

    fn set_algorithms(&mut self, algorithms: &[SignatureAlgorithm]) -> Result<(), DpopError> {
        let mut set = SignatureAlgorithms::none();
        let mut names = Vec::new();
        for &alg in algorithms {
            if matches!(
                alg,
                SignatureAlgorithm::Hs256 | SignatureAlgorithm::Hs384 | SignatureAlgorithm::Hs512
            ) {
                return Err(DpopError {
                    reason: "a symmetric algorithm cannot sign a DPoP proof",
                });
            }
            // An algorithm this build cannot verify is not offered.
            if alg.is_compiled() && !set.contains(alg) {
                set = set.with(alg);
                names.push(alg.name());
            }
        }
        if names.is_empty() {
            return Err(DpopError {
                reason: "no algorithm this build verifies",
            });
        }
        self.algorithms = set;
        self.algs = names.join(" ").into();
        Ok(())
    }

    /// How old a proof's `iat` may be, in seconds (default 60): also how
    /// long a `jti` is remembered.
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.max_age(30);
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = seconds;
        self
    }

    /// How far ahead of the server's clock a proof's `iat` may be (default
    /// 5 s).
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.max_ahead(2);
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn max_ahead(mut self, seconds: u64) -> Self {
        self.max_ahead = seconds;
        self
    }

    /// How many `jti`s are remembered at most (default 100,000; at least 1).
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.replay_capacity(10_000);
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn replay_capacity(self, capacity: usize) -> Self {
        Dpop {
            replays: Mutex::new(ReplayStore::new(capacity.max(1))),
            ..self
        }
    }

    /// Refuse Bearer tokens altogether: every request must use DPoP.
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.required();
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Requires a server nonce in every proof (RFC 9449 §9), under a
    /// secret drawn from the system's random generator: for a resource
    /// served by one process (several behind one name: see
    /// [`Dpop::shared_nonces`]). A proof without a nonce, or with one this
    /// server did not issue in the last one or two `lifetime`s, is answered
    /// 401 `DPoP error="use_dpop_nonce"` with a fresh `DPoP-Nonce` header,
    /// and the client retries with it; [`crate::AuthLayer`] also sends the
    /// current nonce with every answer to a DPoP request, so a client that
    /// reads it never sees that 401 again. `lifetime` is in seconds, 1 to
    /// [`MAX_NONCE_LIFETIME`](crate::MAX_NONCE_LIFETIME).
    ///
    /// The nonces are stateless (a window number and its HMAC-SHA256 tag):
    /// they cost no memory whatever the number of clients.
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.nonces(300)?;
    /// assert!(jose_axum::Dpop::new("https://api.example.com")?.nonces(0).is_err());
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn nonces(self, lifetime: u64) -> Result<Self, DpopError> {
        let mut secret = zeroize::Zeroizing::new([0u8; 32]);
        getrandom::fill(secret.as_mut_slice()).map_err(|_| DpopError {
            reason: "the system's random generator failed",
        })?;
        self.shared_nonces(&secret, lifetime)
    }

    /// [`Dpop::nonces`] under `secret`: every instance of a resource given
    /// the same secret (32 random bytes from your secret store) accepts the
    /// nonces any of them issued, as long as their clocks agree to within a
    /// `lifetime`. Only a MAC keyed with it is kept (wiped on drop).
    ///
    /// ```
    /// # let secret_from_the_store = [7u8; 32];
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?
    ///     .shared_nonces(&secret_from_the_store, 300)?;
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn shared_nonces(mut self, secret: &[u8; 32], lifetime: u64) -> Result<Self, DpopError> {
        if !(1..=MAX_NONCE_LIFETIME).contains(&lifetime) {
            return Err(DpopError {
                reason: "the nonce lifetime is not 1 to MAX_NONCE_LIFETIME seconds",
            });
        }
        self.nonces = Some(NonceSource::new(secret, lifetime).ok_or(DpopError {
            reason: "HMAC-SHA256 refused the nonce secret",
        })?);
        Ok(self)
    }

    /// The nonce a client should use now, when nonces are on: what the
    /// `DPoP-Nonce` headers carry.
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?;
    /// assert_eq!(dpop.current_nonce(), None);
    /// assert_eq!(dpop.nonces(60)?.current_nonce().map(|n| n.len()), Some(32));
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn current_nonce(&self) -> Option<String> {
        let now = (self.clock)();
        self.nonces.as_ref().map(|nonces| nonces.current(now))
    }

    /// The clock, in seconds since the epoch (tests; default the system's).
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.clock(|| 1_800_000_000);
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn clock(mut self, now: impl Fn() -> u64 + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(now);
        self
    }

    /// The accepted algorithms, space-separated: the `algs` of the
    /// challenges.
    ///
    /// ```
    /// use jose_core::SignatureAlgorithm;
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?.algorithms(&[SignatureAlgorithm::Es256])?;
    /// assert_eq!(dpop.algs(), "ES256");
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn algs(&self) -> &str {
        &self.algs
    }

    pub(crate) fn is_required(&self) -> bool {
        self.required
    }

    fn refuse(&self, reason: &'static str) -> Rejection {
        Rejection::InvalidDpopProof {
            reason,
            algs: Arc::clone(&self.algs),
        }
    }

    /// Checks the `DPoP` proof in `headers` for a request of `method` to
    /// `uri` carrying `access_token`, whose verified `cnf.jkt` is `jkt`
    /// (None: the token is not DPoP-bound, refused): what
    /// [`crate::Authenticator`] runs, for middleware of your own. The `jti`
    /// is remembered when everything else holds.
    ///
    /// ```
    /// let dpop = jose_axum::Dpop::new("https://api.example.com")?;
    /// let (parts, ()) = axum::http::Request::get("/r").body(()).unwrap().into_parts();
    /// let refused = dpop.check_proof(&parts, "token", Some("jkt"));
    /// assert!(matches!(refused, Err(jose_axum::Rejection::InvalidDpopProof { .. })));
    /// # Ok::<(), jose_axum::DpopError>(())
    /// ```
    pub fn check_proof(
        &self,
        request: &Parts,
        access_token: &str,
        jkt: Option<&str>,
    ) -> Result<(), Rejection> {
        self.check(request, access_token, jkt, || {})
    }

    /// [`Dpop::check_proof`]; `replayed` is told when the refusal is a
    /// replay.
    pub(crate) fn check(
        &self,
        request: &Parts,
        access_token: &str,
        jkt: Option<&str>,
        replayed: impl FnOnce(),
    ) -> Result<(), Rejection> {
        let mut proofs = request.headers.get_all(&DPOP).iter();
        let (Some(proof), None) = (proofs.next(), proofs.next()) else {
            return Err(self.refuse("not exactly one DPoP header"));
        };
        let proof = proof
            .to_str()
            .map_err(|_| self.refuse("the DPoP header is not visible ASCII"))?;
        if proof.len() > MAX_PROOF_LEN {
            return Err(self.refuse("the proof is longer than MAX_PROOF_LEN"));
        }
        let Some(jkt) = jkt else {
            return Err(self.refuse("the access token is not DPoP-bound (no cnf.jkt)"));
        };
        let policy = Policy::new().signature_algorithms(self.algorithms);
        let jws = Compact::parse_with_policy(proof, &policy)
            .map_err(|_| self.refuse("not a JWS of an accepted algorithm"))?;
        if !jws.header().typ().is_some_and(|t| t == "dpop+jwt") {
            return Err(self.refuse("typ is not dpop+jwt"));
        }
        let key = jws
            .header()
            .get("jwk")
            .filter(|jwk| jwk.members().next().is_some())
            .ok_or_else(|| self.refuse("no jwk in the header"))
            .and_then(|jwk| {
                PublicKey::from_jwk(jwk.raw())
                    .map_err(|_| self.refuse("the jwk is not a usable public key"))
            })?;
        let mut payload = vec![0u8; jws.payload_len()];
        let payload = jws
            .verify_into(&key, &mut payload)
            .map_err(|_| self.refuse("the signature does not verify with the jwk"))?;
        let claims =
            Claims::parse(payload).map_err(|_| self.refuse("the payload is not a JSON object"))?;

        let string = |name| {
            claims
                .get(name)
                .and_then(|v| v.as_str())
                .and_then(|s| s.as_plain())
        };
        if string("htm") != Some(request.method.as_str()) {
            return Err(self.refuse("htm is not the request's method"));
        }
        match string("htu").and_then(normalize_htu) {
            Some(htu) if htu.0 == self.origin && htu.1 == request.uri.path() => {}
            _ => return Err(self.refuse("htu is not the request's URL")),
        }
        let now = (self.clock)();
        let Some(iat) = claims.issued_at().map(|d| d.seconds()) else {
            return Err(self.refuse("no iat"));
        };
        let now_i = i64::try_from(now).unwrap_or(i64::MAX);
        let oldest = now_i.saturating_sub(i64::try_from(self.max_age).unwrap_or(i64::MAX));
        let newest = now_i.saturating_add(i64::try_from(self.max_ahead).unwrap_or(i64::MAX));
        if iat < oldest || iat > newest {
            return Err(self.refuse("iat outside the accepted window"));
        }
        let ath = string("ath").ok_or_else(|| self.refuse("no ath"))?;
        let expected_ath = Base64UrlUnpadded::encode_string(&Sha256::digest(access_token));
        if ath != expected_ath {
            return Err(self.refuse("ath is not the access token's hash"));
        }
        if Base64UrlUnpadded::encode_string(&key.thumbprint()) != jkt {
            return Err(self.refuse("the proof's key is not the key the token is bound to"));
        }
        // After the proof itself holds: a client learns the nonce from the
        // answer to a proof that is valid but for it.
        if let Some(nonces) = &self.nonces {
            let reason = match string("nonce") {
                None => Some("no nonce"),
                Some(nonce) if !nonces.accepts(nonce, now) => {
                    Some("a nonce this server did not issue, or one too old")
                }
                Some(_) => None,
            };
            if let Some(reason) = reason {
                return Err(Rejection::UseDpopNonce {
                    reason,
                    nonce: nonces.current(now),
                    algs: Arc::clone(&self.algs),
                });
            }
        }
        let jti = string("jti")
            .filter(|j| !j.is_empty() && j.len() <= MAX_JTI_LEN)
            .ok_or_else(|| self.refuse("no jti, or one longer than MAX_JTI_LEN"))?;
        // Last, so a proof that fails any other check never fills the store.
        let horizon = now
            .saturating_add(self.max_age)
            .saturating_add(self.max_ahead);
        let fresh = self
            .replays
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(jti, now, horizon);
        match fresh {
            Insert::Fresh => Ok(()),
            Insert::Seen => {
                replayed();
                Err(self.refuse("jti seen before (a replay)"))
            }
            Insert::Full => Err(self.refuse("the replay store is full")),
        }
    }
}

impl fmt::Debug for Dpop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dpop")
            .field("origin", &self.origin)
            .field("algs", &self.algs)
            .field("max_age", &self.max_age)
            .field("max_ahead", &self.max_ahead)
            .field("required", &self.required)
            .field(
                "nonce_lifetime",
                &self.nonces.as_ref().map(NonceSource::lifetime),
            )
            .finish_non_exhaustive()
    }
}

/// `jti`s seen, each until its horizon; oldest first, so expiry is a pop
/// from the front (horizons are the server's clock plus a constant: they
/// grow with insertion order).
struct ReplayStore {
    capacity: usize,
    order: VecDeque<([u8; 32], u64)>,
    seen: HashSet<[u8; 32]>,
}

enum Insert {
    Fresh,
    Seen,
    Full,
}

impl ReplayStore {
    fn new(capacity: usize) -> Self {
        ReplayStore {
            capacity,
            order: VecDeque::new(),
            seen: HashSet::new(),
        }
    }

    fn insert(&mut self, jti: &str, now: u64, horizon: u64) -> Insert {
        while let Some(&(old, until)) = self.order.front() {
            if until >= now {
                break;
            }
            self.order.pop_front();
            self.seen.remove(&old);
        }
        // Hashed: a fixed size per entry, whatever the jti.
        let id: [u8; 32] = Sha256::digest(jti).into();
        if self.seen.contains(&id) {
            return Insert::Seen;
        }
        if self.order.len() >= self.capacity {
            return Insert::Full;
        }
        self.seen.insert(id);
        self.order.push_back((id, horizon));
        Insert::Fresh
    }
}

/// `scheme://host[:port]`, scheme and host lowercased, the scheme's default
/// port dropped; None for anything else (a path, a query, user info).
fn normalize_origin(origin: &str) -> Option<String> {
    let (scheme, authority, path) = split_url(origin)?;
    (path.is_empty() || path == "/").then(|| format!("{scheme}://{authority}"))
}

/// A proof's `htu` as (origin, path), without its query and fragment (RFC
/// 9449 §4.3), normalized as [`normalize_origin`] does; an empty path is
/// `/`.
fn normalize_htu(htu: &str) -> Option<(String, String)> {
    let end = htu.find(['?', '#']).unwrap_or(htu.len());
    let (scheme, authority, path) = split_url(htu.get(..end)?)?;
    let path = if path.is_empty() { "/" } else { path };
    Some((format!("{scheme}://{authority}"), path.to_owned()))
}

fn split_url(url: &str) -> Option<(String, String, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => ":443",
        "http" => ":80",
        _ => return None,
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.is_empty() || authority.contains('@') || !authority.is_ascii() {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let authority = authority
        .strip_suffix(default_port)
        .map(str::to_owned)
        .unwrap_or(authority);
    Some((scheme, authority, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each hostile proof of the panva-made vectors is refused for its own
    /// reason, not another check's (the HTTP test sees one challenge for
    /// all of them).
    #[test]
    fn each_hostile_vector_fails_the_check_it_was_made_for() {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../vectors/interop/dpop.json")).unwrap();
        let now = v["now"].as_u64().unwrap();
        let dpop = Dpop::new(v["origin"].as_str().unwrap())
            .unwrap()
            .clock(move || now);
        // The jkt the token carries (what the authenticator reads after
        // verifying it).
        let jkt_of = |token: &str| -> Option<String> {
            let payload = token.split('.').nth(1)?;
            let claims: serde_json::Value =
                serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).ok()?).ok()?;
            claims["cnf"]["jkt"].as_str().map(str::to_owned)
        };
        let expected = [
            ("wrong htm", "htm is not the request's method"),
            ("wrong htu path", "htu is not the request's URL"),
            ("wrong htu host", "htu is not the request's URL"),
            ("stale iat", "iat outside the accepted window"),
            ("iat in the future", "iat outside the accepted window"),
            ("ath of another token", "ath is not the access token's hash"),
            ("no ath", "no ath"),
            ("no jti", "no jti, or one longer than MAX_JTI_LEN"),
            (
                "proof key not the bound one",
                "the proof's key is not the key the token is bound to",
            ),
            ("typ jwt", "typ is not dpop+jwt"),
            (
                "private jwk in the header",
                "the jwk is not a usable public key",
            ),
            (
                "jwk not the signing key",
                "the signature does not verify with the jwk",
            ),
        ];
        let uri = v["path"].as_str().unwrap();
        let mut checked = 0;
        for case in v["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let (parts, ()) = axum::http::Request::builder()
                .method(case["method"].as_str().unwrap())
                .uri(uri)
                .header(&DPOP, case["proof"].as_str().unwrap())
                .body(())
                .unwrap()
                .into_parts();
            let token = case["token"].as_str().unwrap();
            let bound = jkt_of(token);
            let answer = dpop.check(&parts, token, bound.as_deref(), || {});
            if case["status"] == 200 {
                assert!(answer.is_ok(), "{name}: {answer:?}");
                continue;
            }
            let want = expected
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, r)| *r)
                .unwrap_or("the access token is not DPoP-bound (no cnf.jkt)");
            match answer {
                Err(Rejection::InvalidDpopProof { reason, .. }) => {
                    assert_eq!(reason, want, "{name}")
                }
                other => panic!("{name}: {other:?}"),
            }
            checked += 1;
        }
        assert_eq!(checked, expected.len() + 1);
    }

    #[test]
    fn urls_are_compared_after_normalization() {
        assert_eq!(
            normalize_htu("HTTPS://API.Example.com:443/a/b?x=1#f"),
            Some(("https://api.example.com".into(), "/a/b".into()))
        );
        assert_eq!(
            normalize_htu("http://127.0.0.1:8080"),
            Some(("http://127.0.0.1:8080".into(), "/".into()))
        );
        for bad in [
            "ftp://a/b",
            "https:///x",
            "https://u@a/b",
            "/relative",
            "https://caf\u{e9}/",
        ] {
            assert_eq!(normalize_htu(bad), None, "{bad}");
        }
        assert_eq!(
            normalize_origin("https://api.example.com/").as_deref(),
            Some("https://api.example.com")
        );
        assert_eq!(normalize_origin("https://api.example.com/v1"), None);
    }

    #[test]
    fn the_replay_store_is_bounded_and_forgets_at_the_horizon() {
        let mut store = ReplayStore::new(2);
        assert!(matches!(store.insert("a", 100, 160), Insert::Fresh));
        assert!(matches!(store.insert("a", 101, 161), Insert::Seen));
        assert!(matches!(store.insert("b", 102, 162), Insert::Fresh));
        assert!(matches!(store.insert("c", 103, 163), Insert::Full));
        // Past a's horizon: a is forgotten, room for c.
        assert!(matches!(store.insert("c", 161, 221), Insert::Fresh));
        assert!(matches!(store.insert("b", 161, 221), Insert::Seen));
    }
}
