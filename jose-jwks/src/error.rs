//! What can go wrong while fetching a JWK Set, named exactly.

use std::fmt;
use std::time::Duration;

/// Why a JWK Set (or an OpenID configuration) could not be had.
///
/// Every variant carries its details as data; none holds key material (a JWK
/// Set is public) and `Display` is one line.
///
/// ```
/// let e = jose_jwks::RemoteJwkSet::new("http://example.com/jwks.json", Default::default()).unwrap_err();
/// assert!(matches!(e, jose_jwks::JwksError::Url { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwksError {
    /// The URL cannot be used: not `https` (plain `http` is allowed to a
    /// loopback address only), no host, or not a URL at all.
    Url {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The server answered with a status other than 200.
    Status {
        /// The HTTP status code.
        status: u16,
    },
    /// The response was larger than the limit (`Content-Length` or the bytes
    /// read so far).
    TooLarge {
        /// The limit in bytes ([`crate::RemoteOptions::max_bytes`]).
        limit: usize,
    },
    /// The whole exchange took longer than the timeout.
    Timeout {
        /// The timeout ([`crate::RemoteOptions::timeout`]).
        after: Duration,
    },
    /// Connecting, TLS, a refused redirect or a broken transfer.
    Transport {
        /// The HTTP client's own description.
        message: String,
    },
    /// The body is not text.
    Body {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The body is not a JWK Set with a usable key (`jose_core`'s reason:
    /// not JSON, no `keys` array, no RSA key of 2048 bits or more, ...).
    Keys(jose_core::Error),
    /// The OpenID configuration cannot be used.
    Discovery {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An [`crate::Issuers`] configuration that cannot be used (an issuer
    /// twice, an empty one, too many).
    Issuers {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No fetch was attempted: the last one failed (it is `last`) less than
    /// a cooldown ago and there is no good set to serve.
    CoolingDown {
        /// The failure of the last attempt.
        last: Box<JwksError>,
    },
}

impl fmt::Display for JwksError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwksError::Url { reason } => write!(f, "JWK Set URL refused: {reason}"),
            JwksError::Status { status } => write!(f, "JWK Set fetch: HTTP status {status}"),
            JwksError::TooLarge { limit } => {
                write!(f, "JWK Set fetch: response larger than {limit} bytes")
            }
            JwksError::Timeout { after } => {
                write!(f, "JWK Set fetch: no complete answer in {after:?}")
            }
            JwksError::Transport { message } => write!(f, "JWK Set fetch: {message}"),
            JwksError::Body { reason } => write!(f, "JWK Set fetch: body {reason}"),
            JwksError::Keys(e) => write!(f, "JWK Set refused: {e}"),
            JwksError::Discovery { reason } => write!(f, "OpenID configuration refused: {reason}"),
            JwksError::Issuers { reason } => write!(f, "issuers refused: {reason}"),
            JwksError::CoolingDown { last } => {
                write!(f, "JWK Set unavailable (cooling down after: {last})")
            }
        }
    }
}

impl std::error::Error for JwksError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            JwksError::Keys(e) => Some(e),
            JwksError::CoolingDown { last } => Some(last.as_ref()),
            _ => None,
        }
    }
}
