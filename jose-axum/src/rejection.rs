//! How a refused request is answered (RFC 6750 section 3): the status and
//! `WWW-Authenticate` say which of the RFC's cases it is and nothing more;
//! the exact reason is kept for the server's log.

use std::fmt;
use std::sync::Arc;

use axum::http::header::HeaderName;
use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jose_jwks::JwksError;

/// The `DPoP-Nonce` response header (RFC 9449 §8.1): the challenge's, and
/// the layer's on answers to DPoP requests.
pub(crate) static DPOP_NONCE: HeaderName = HeaderName::from_static("dpop-nonce");

/// Why a request was not let through.
///
/// `Debug` and `Display` carry the exact reason (never a claim or key: the
/// errors underneath never hold one); the response carries only the RFC 6750
/// class.
///
/// ```
/// use axum::response::IntoResponse;
/// let response = jose_axum::Rejection::Missing.into_response();
/// assert_eq!(response.status(), 401);
/// assert_eq!(response.headers()["www-authenticate"], "Bearer");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Rejection {
    /// No bearer token (no `Authorization` header, or another scheme): 401
    /// with `WWW-Authenticate: Bearer` and no error code (RFC 6750 §3.1).
    Missing,
    /// A malformed `Authorization` header: 400 with
    /// `error="invalid_request"`.
    InvalidRequest {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A token that was refused, for any reason (malformed, not for us,
    /// expired, wrong key, claims not of the handler's type): 401 with
    /// `error="invalid_token"` and one fixed description.
    InvalidToken(jose_core::Error),
    /// A token longer than the limit, refused unread: answered as
    /// [`Rejection::InvalidToken`].
    TokenTooLong {
        /// Its length in bytes.
        len: usize,
        /// The limit ([`crate::Authenticator::max_token_len`]).
        limit: usize,
    },
    /// A DPoP-bound token (`cnf.jkt`) presented as a bearer token, or any
    /// bearer token where DPoP is required: answered as
    /// [`Rejection::InvalidToken`] (RFC 9449 §7.2).
    SenderConstrained {
        /// Why.
        reason: &'static str,
    },
    /// A DPoP proof that does not hold (RFC 9449 §4.3): 401 with
    /// `WWW-Authenticate: DPoP error="invalid_dpop_proof"` and the accepted
    /// `algs`.
    InvalidDpopProof {
        /// Which check failed (for the log only).
        reason: &'static str,
        /// The accepted algorithms, space-separated.
        algs: Arc<str>,
    },
    /// A DPoP proof that holds but carries no nonce, or one the server did
    /// not issue or no longer takes, where nonces are required (RFC 9449
    /// §9): 401 with `WWW-Authenticate: DPoP error="use_dpop_nonce"` and
    /// `nonce` in a `DPoP-Nonce` header, for the client's retry.
    UseDpopNonce {
        /// Which (for the log only).
        reason: &'static str,
        /// The nonce to use.
        nonce: String,
        /// The accepted algorithms, space-separated.
        algs: Arc<str>,
    },
    /// A valid token without a scope the route requires: 403 with
    /// `error="insufficient_scope"` and every required scope in `scope`
    /// (RFC 6750 §3.1).
    InsufficientScope {
        /// The scopes the route requires, space-separated.
        required: Arc<str>,
    },
    /// A valid token whose claims a [`crate::Policy`] predicate refused:
    /// 403 with `error="insufficient_scope"` and one fixed description.
    Forbidden {
        /// The requirement's name (for the log only).
        requirement: Arc<str>,
    },
    /// The issuer's keys cannot be had (a cold start with the JWK Set
    /// unreachable, or a stale set past its limit): 503, nothing verified.
    Unavailable(JwksError),
    /// The server could not do its part (the clock, a blocking task that
    /// did not finish, a misconfiguration): 500.
    Internal {
        /// What failed.
        reason: &'static str,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Missing => f.write_str("no bearer token"),
            Rejection::InvalidRequest { reason } => write!(f, "invalid request: {reason}"),
            Rejection::InvalidToken(e) => write!(f, "invalid token: {e}"),
            Rejection::TokenTooLong { len, limit } => {
                write!(f, "invalid token: {len} bytes, more than {limit}")
            }
            Rejection::SenderConstrained { reason } => write!(f, "invalid token: {reason}"),
            Rejection::InvalidDpopProof { reason, .. } => write!(f, "invalid DPoP proof: {reason}"),
            // The nonce is public (the answer carries it), but not a reason.
            Rejection::UseDpopNonce { reason, .. } => write!(f, "DPoP nonce required: {reason}"),
            Rejection::InsufficientScope { required } => {
                write!(f, "insufficient scope: the route requires \"{required}\"")
            }
            Rejection::Forbidden { requirement } => {
                write!(f, "forbidden: the claims do not satisfy \"{requirement}\"")
            }
            Rejection::Unavailable(e) => write!(f, "issuer keys unavailable: {e}"),
            Rejection::Internal { reason } => write!(f, "internal: {reason}"),
        }
    }
}

impl std::error::Error for Rejection {}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        self.respond(None, None, false)
    }
}

/// gRPC status codes (the gRPC core's `Code`).
const GRPC_INVALID_ARGUMENT: &str = "3";
const GRPC_PERMISSION_DENIED: &str = "7";
const GRPC_INTERNAL: &str = "13";
const GRPC_UNAVAILABLE: &str = "14";
const GRPC_UNAUTHENTICATED: &str = "16";

impl Rejection {
    /// The HTTP status and the gRPC status that answer this refusal.
    fn statuses(&self) -> (StatusCode, &'static str) {
        match self {
            Rejection::Missing
            | Rejection::InvalidToken(_)
            | Rejection::TokenTooLong { .. }
            | Rejection::SenderConstrained { .. }
            | Rejection::InvalidDpopProof { .. }
            | Rejection::UseDpopNonce { .. } => (StatusCode::UNAUTHORIZED, GRPC_UNAUTHENTICATED),
            Rejection::InvalidRequest { .. } => (StatusCode::BAD_REQUEST, GRPC_INVALID_ARGUMENT),
            Rejection::InsufficientScope { .. } | Rejection::Forbidden { .. } => {
                (StatusCode::FORBIDDEN, GRPC_PERMISSION_DENIED)
            }
            Rejection::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, GRPC_UNAVAILABLE),
            Rejection::Internal { .. } => (StatusCode::INTERNAL_SERVER_ERROR, GRPC_INTERNAL),
        }
    }

    /// The `WWW-Authenticate` challenge (RFC 6750 §3), with
    /// `resource_metadata` (RFC 9728 §5.1) on the 401 and 403 answers when
    /// the resource publishes its metadata. None for 500 and 503.
    pub(crate) fn challenge(&self, resource_metadata: Option<&str>) -> Option<String> {
        let mut challenge = match self {
            Rejection::Missing => String::from("Bearer"),
            Rejection::InvalidRequest { .. } => {
                return Some(String::from(
                    r#"Bearer error="invalid_request", error_description="malformed Authorization header""#,
                ));
            }
            Rejection::InvalidToken(_)
            | Rejection::TokenTooLong { .. }
            | Rejection::SenderConstrained { .. } => String::from(
                r#"Bearer error="invalid_token", error_description="the access token is not valid""#,
            ),
            Rejection::InvalidDpopProof { algs, .. } => format!(
                r#"DPoP error="invalid_dpop_proof", error_description="the DPoP proof is not valid", algs="{algs}""#
            ),
            Rejection::UseDpopNonce { algs, .. } => format!(
                r#"DPoP error="use_dpop_nonce", error_description="the resource server requires a nonce in DPoP proofs", algs="{algs}""#
            ),
            // The scopes were checked as RFC 6749 scope tokens: nothing in
            // them needs escaping in a quoted string.
            Rejection::InsufficientScope { required } => {
                format!(r#"Bearer error="insufficient_scope", scope="{required}""#)
            }
            Rejection::Forbidden { .. } => String::from(
                r#"Bearer error="insufficient_scope", error_description="the access token does not allow this request""#,
            ),
            Rejection::Unavailable(_) | Rejection::Internal { .. } => return None,
        };
        if let Some(url) = resource_metadata {
            // Checked by ResourceMetadata: visible ASCII, no quote or backslash.
            let separator = if matches!(self, Rejection::Missing) {
                " "
            } else {
                ", "
            };
            challenge.push_str(separator);
            challenge.push_str(&format!(r#"resource_metadata="{url}""#));
        }
        Some(challenge)
    }

    /// The answer: an HTTP status with the challenge, or for a gRPC request
    /// a trailers-only gRPC answer (HTTP 200, `grpc-status` and
    /// `grpc-message` in the headers) carrying the same challenge. Where
    /// DPoP is taken (`dpop_algs`), a 401 for a missing or invalid token
    /// also offers `DPoP algs="..."` (RFC 9449 §7.1).
    pub(crate) fn respond(
        &self,
        resource_metadata: Option<&str>,
        dpop_algs: Option<&str>,
        grpc: bool,
    ) -> Response {
        let (status, grpc_status) = self.statuses();
        let mut response = if grpc {
            let mut response = StatusCode::OK.into_response();
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/grpc"));
            headers.insert("grpc-status", HeaderValue::from_static(grpc_status));
            headers.insert(
                "grpc-message",
                HeaderValue::from_static(grpc_message(status)),
            );
            response
        } else {
            status.into_response()
        };
        if let Some(value) = self
            .challenge(resource_metadata)
            .and_then(|c| HeaderValue::from_str(&c).ok())
        {
            response.headers_mut().insert(WWW_AUTHENTICATE, value);
        }
        if let Rejection::UseDpopNonce { nonce, .. } = self {
            // Base64url from NonceSource: always a valid header value.
            if let Ok(value) = HeaderValue::from_str(nonce) {
                response.headers_mut().insert(&DPOP_NONCE, value);
            }
        }
        let offers_dpop = matches!(
            self,
            Rejection::Missing
                | Rejection::InvalidToken(_)
                | Rejection::TokenTooLong { .. }
                | Rejection::SenderConstrained { .. }
        );
        if let Some(algs) = dpop_algs.filter(|_| offers_dpop) {
            // Algorithm names: nothing to escape.
            if let Ok(value) = HeaderValue::from_str(&format!(r#"DPoP algs="{algs}""#)) {
                response.headers_mut().append(WWW_AUTHENTICATE, value);
            }
        }
        response
    }
}

/// The gRPC message for an HTTP status: printable ASCII with no `%`, so it
/// needs no percent-encoding.
fn grpc_message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::UNAUTHORIZED => "the request has no valid access token",
        StatusCode::BAD_REQUEST => "malformed authorization metadata",
        StatusCode::FORBIDDEN => "the access token does not allow this request",
        StatusCode::SERVICE_UNAVAILABLE => "the token issuer's keys are unavailable",
        _ => "internal error",
    }
}
