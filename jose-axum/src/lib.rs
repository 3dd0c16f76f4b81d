//! A resource server's side of bearer tokens, for axum: the [`Verified<T>`]
//! extractor reads `Authorization: Bearer`, opens the token with a
//! [`jose_core::Receiver`] (encrypted, signed, or both; the issuer's keys
//! fixed, or fetched by [`jose_jwks`]; owned rules; a verified-token cache)
//! and hands the handler the claims as a `T`.
//!
//! - **Off the executor**: a token the cache holds costs a hash and a copy
//!   and is answered in place; any other is opened with
//!   `tokio::task::spawn_blocking` (an RSA operation, and possibly a JWK
//!   Set refetch for a rotated key, waited for there).
//! - **RFC 6750 answers**: no token, 401 with `WWW-Authenticate: Bearer`; a
//!   malformed header, 400 `invalid_request`; any refused token, 401
//!   `invalid_token` with one fixed description (which check failed is
//!   logged at `debug`, never sent); the issuer's keys unreachable, 503.
//!
//! ```no_run
//! use std::sync::Arc;
//! use axum::{Router, routing::get};
//! use jose_axum::{Authenticator, Verified};
//! use jose_core::{Receiver, jwt::Validation, keys::PrivateKeySet};
//! use jose_jwks::{RemoteJwkSet, RemoteOptions};
//!
//! #[derive(serde::Deserialize)]
//! struct Claims { sub: String }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let (issuer, audience) = (std::env::var("ISSUER")?, std::env::var("AUDIENCE")?);
//! let receiver = Receiver::builder()
//!     .decryption_keys(PrivateKeySet::from_jwks(&std::fs::read_to_string("api.private.jwks.json")?)?)
//!     .rules(Validation::new().issuer(&issuer).audience(&audience))
//!     .build()?;
//! let jwks = RemoteJwkSet::new(&format!("{issuer}.well-known/jwks.json"), RemoteOptions::default())?;
//! let auth = Authenticator::new(receiver).with_remote_keys(jwks);
//! let app: Router = Router::new()
//!     .route("/me", get(|Verified(claims): Verified<Claims>| async move { claims.sub }))
//!     .with_state(Arc::new(auth));
//! # let _ = app; Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod authenticator;
mod bearer;
mod extract;
mod rejection;

pub use authenticator::Authenticator;
pub use bearer::bearer_token;
pub use extract::Verified;
pub use rejection::Rejection;
