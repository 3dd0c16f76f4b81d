//! A resource server's side of bearer tokens, for axum and tonic: the
//! [`AuthLayer`] (tower middleware) and the [`Verified<T>`] extractor read
//! `Authorization: Bearer`, open the token with a [`jose_core::Receiver`]
//! (encrypted, signed, or both; the issuer's keys fixed, or fetched by
//! [`jose_jwks`]; owned rules; a verified-token cache) through one
//! [`Authenticator`], and hand the handler the claims.
//!
//! - **Authorization**: a [`Policy`] per layer (required scopes, from
//!   `scope` or Auth0's `permissions`, and predicates on the claims), 403
//!   `insufficient_scope` with the scopes required (RFC 6750 §3.1).
//! - **RFC 9728**: the layer serves [`ResourceMetadata`] at its
//!   well-known URL and names it in its challenges (`resource_metadata`).
//! - **gRPC**: requests with `content-type: application/grpc` are refused
//!   with `grpc-status` 16 (unauthenticated), 7 (permission denied), 3, 13
//!   or 14, the challenge beside it.
//! - **Counters**: [`Authenticator::counters`] (opened, from the cache,
//!   refused by reason); every refusal is also a `debug` event with its
//!   reason.
//!
//! - **Off the executor**: a token the cache holds costs a hash and a copy
//!   and is answered in place; any other is opened with
//!   `tokio::task::spawn_blocking` (an RSA operation, and possibly a JWK
//!   Set refetch for a rotated key, waited for there).
//! - **RFC 6750 answers**: no token, 401 with `WWW-Authenticate: Bearer`; a
//!   malformed header, 400 `invalid_request`; any refused token, 401
//!   `invalid_token` with one fixed description (which check failed is
//!   logged at `debug`, never sent); a missing scope, 403; the issuer's
//!   keys unreachable, 503.
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
mod counters;
mod dpop;
mod extract;
mod layer;
mod metadata;
mod mtls;
mod nonce;
mod policy;
mod rejection;
mod token;

pub use authenticator::Authenticator;
pub use bearer::bearer_token;
pub use counters::CounterSnapshot;
pub use dpop::{Dpop, DpopError, MAX_JTI_LEN, MAX_PROOF_LEN};
pub use extract::Verified;
pub use layer::{AuthLayer, AuthService};
pub use metadata::{MAX_URL_LEN, MetadataError, ResourceMetadata};
pub use mtls::{
    CertificateBinding, CertificateSource, ClientCertificate, MAX_CERTIFICATE_HEADER_LEN,
};
pub use nonce::MAX_NONCE_LIFETIME;
pub use policy::{MAX_REQUIRED_SCOPES, Policy, PolicyError};
pub use rejection::Rejection;
pub use token::VerifiedToken;
