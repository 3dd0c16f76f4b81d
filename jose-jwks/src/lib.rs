//! Remote JWK Sets for [`jose_core`]: the issuer's signing keys fetched
//! from a URL (or found through OpenID discovery), kept within bounds and
//! followed through rotations.
//!
//! - **Fetched safely**: `https` only (plain `http` to a loopback address),
//!   a timeout on the whole exchange, a response size limit, a bounded
//!   number of redirects that never leave `https`, status 200 only.
//! - **Kept**: for the response's `Cache-Control: max-age` clamped to the
//!   caller's bounds; once stale, served while one background fetch
//!   refreshes it; if fetches fail, the last good set is served for a
//!   bounded time, then tokens are refused (fail closed). A response that is
//!   not a JWK Set with a usable key is refused and the last good set kept.
//! - **Rotations**: a token naming a key the set lacks triggers one refetch,
//!   at most once per cooldown; concurrent requests share it (single
//!   flight). It happens inside `verify` ([`RemoteIssuerKeys`]), after the
//!   token was decrypted once, so a rotation never costs a second
//!   decryption.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use jose_jwks::{RemoteJwkSet, RemoteOptions};
//! // An Auth0 tenant's signing keys.
//! let auth0 = RemoteJwkSet::new("https://tenant.example.auth0.com/.well-known/jwks.json", RemoteOptions::default())?;
//! // A Curity (or any OpenID) issuer's, through its discovery document.
//! let curity = RemoteJwkSet::discover("https://idsvr.example.com/oauth/v2/oauth-anonymous", RemoteOptions::default()).await?;
//! let keys = auth0.keys().await?; // an IssuerKeys for jose_core::jwt
//! # let _ = (keys, curity); Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod discovery;
mod documents;
mod endpoint;
mod error;
mod fetch;
mod issuers;
mod options;
mod remote;
mod resolver;

pub use documents::{parse_jwk_set, parse_openid_configuration};
pub use error::JwksError;
pub use issuers::{Issuers, IssuersKeys, MAX_ISSUERS};
pub use options::RemoteOptions;
pub use remote::RemoteJwkSet;
pub use resolver::RemoteIssuerKeys;
