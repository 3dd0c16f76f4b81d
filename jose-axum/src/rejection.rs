//! How a refused request is answered (RFC 6750 section 3): the status and
//! `WWW-Authenticate` say which of the RFC's cases it is and nothing more;
//! the exact reason is kept for the server's log.

use std::fmt;

use axum::http::header::WWW_AUTHENTICATE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jose_jwks::JwksError;

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
            Rejection::Unavailable(e) => write!(f, "issuer keys unavailable: {e}"),
            Rejection::Internal { reason } => write!(f, "internal: {reason}"),
        }
    }
}

impl std::error::Error for Rejection {}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let (status, challenge) = match self {
            Rejection::Missing => (StatusCode::UNAUTHORIZED, Some("Bearer")),
            Rejection::InvalidRequest { .. } => (
                StatusCode::BAD_REQUEST,
                Some(
                    r#"Bearer error="invalid_request", error_description="malformed Authorization header""#,
                ),
            ),
            Rejection::InvalidToken(_) | Rejection::TokenTooLong { .. } => (
                StatusCode::UNAUTHORIZED,
                Some(
                    r#"Bearer error="invalid_token", error_description="the access token is not valid""#,
                ),
            ),
            Rejection::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, None),
            Rejection::Internal { .. } => (StatusCode::INTERNAL_SERVER_ERROR, None),
        };
        let mut response = status.into_response();
        if let Some(challenge) = challenge {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        }
        response
    }
}
