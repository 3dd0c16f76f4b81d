//! What an operator reads: how many tokens were opened, served from the
//! cache, and refused by reason. Counted where each outcome is decided, by
//! the extractor and the layer alike (they share the authenticator).

use std::sync::atomic::{AtomicU64, Ordering};

use crate::rejection::Rejection;

/// The authenticator's running counts (relaxed atomics: each is exact, a
/// snapshot of several is not one instant).
#[derive(Debug, Default)]
pub(crate) struct Counters {
    opened: AtomicU64,
    from_cache: AtomicU64,
    missing: AtomicU64,
    invalid_request: AtomicU64,
    invalid_token: AtomicU64,
    insufficient_scope: AtomicU64,
    forbidden: AtomicU64,
    invalid_dpop_proof: AtomicU64,
    dpop_nonce_challenges: AtomicU64,
    replays: AtomicU64,
    unavailable: AtomicU64,
    internal: AtomicU64,
}

/// A reading of the counters: [`crate::Authenticator::counters`].
///
/// ```
/// # use jose_axum::Authenticator;
/// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
/// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
/// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
/// let auth = Authenticator::new(receiver);
/// let counts = auth.counters();
/// assert_eq!(counts.opened + counts.from_cache, 0);
/// assert_eq!(counts.refused(), 0);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CounterSnapshot {
    /// Tokens opened by their cryptography (a cache miss that passed).
    pub opened: u64,
    /// Tokens answered from the verified-token cache.
    pub from_cache: u64,
    /// Requests with no bearer token (401).
    pub missing: u64,
    /// Malformed `Authorization` headers (400).
    pub invalid_request: u64,
    /// Tokens refused: malformed, expired, not for us, wrong key, too long,
    /// claims not of the handler's type (401).
    pub invalid_token: u64,
    /// DPoP proofs refused (401), replays included.
    pub invalid_dpop_proof: u64,
    /// DPoP proofs refused because their `jti` was seen before.
    pub replays: u64,
    /// Valid DPoP proofs answered with a nonce to use (401
    /// `use_dpop_nonce`): a client's first request, or one after its nonce
    /// aged out; many per client would mean it ignores `DPoP-Nonce`.
    pub dpop_nonce_challenges: u64,
    /// Valid tokens without a required scope (403).
    pub insufficient_scope: u64,
    /// Valid tokens a policy's predicate refused (403).
    pub forbidden: u64,
    /// Requests answered 503: the issuer's keys could not be had.
    pub unavailable: u64,
    /// Requests answered 500: the server's own failure.
    pub internal: u64,
    /// JWK Set fetches attempted (successful or not), over every remote
    /// set the authenticator reads.
    pub key_fetches: u64,
}

impl CounterSnapshot {
    /// Every refusal, whatever its reason.
    ///
    /// ```
    /// let counts = jose_axum::CounterSnapshot::default();
    /// assert_eq!(counts.refused(), 0);
    /// ```
    pub fn refused(&self) -> u64 {
        self.missing
            + self.invalid_request
            + self.invalid_token
            + self.invalid_dpop_proof
            + self.dpop_nonce_challenges
            + self.insufficient_scope
            + self.forbidden
            + self.unavailable
            + self.internal
    }
}

impl Counters {
    pub(crate) fn opened_one(&self) {
        self.opened.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn served_from_cache(&self) {
        self.from_cache.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn refused(&self, rejection: &Rejection) {
        let counter = match rejection {
            Rejection::Missing => &self.missing,
            Rejection::InvalidRequest { .. } => &self.invalid_request,
            Rejection::InvalidToken(_)
            | Rejection::TokenTooLong { .. }
            | Rejection::SenderConstrained { .. } => &self.invalid_token,
            Rejection::InvalidDpopProof { .. } => &self.invalid_dpop_proof,
            Rejection::UseDpopNonce { .. } => &self.dpop_nonce_challenges,
            Rejection::InsufficientScope { .. } => &self.insufficient_scope,
            Rejection::Forbidden { .. } => &self.forbidden,
            Rejection::Unavailable(_) => &self.unavailable,
            Rejection::Internal { .. } => &self.internal,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn replayed(&self) {
        self.replays.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> CounterSnapshot {
        let read = |c: &AtomicU64| c.load(Ordering::Relaxed);
        CounterSnapshot {
            opened: read(&self.opened),
            from_cache: read(&self.from_cache),
            missing: read(&self.missing),
            invalid_request: read(&self.invalid_request),
            invalid_token: read(&self.invalid_token),
            insufficient_scope: read(&self.insufficient_scope),
            forbidden: read(&self.forbidden),
            invalid_dpop_proof: read(&self.invalid_dpop_proof),
            dpop_nonce_challenges: read(&self.dpop_nonce_challenges),
            replays: read(&self.replays),
            unavailable: read(&self.unavailable),
            internal: read(&self.internal),
            key_fetches: 0,
        }
    }
}
