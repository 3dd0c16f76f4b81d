//! OpenID Connect Discovery 1.0: the issuer's `jwks_uri`, read from
//! `{issuer}/.well-known/openid-configuration`, whose `issuer` must be the
//! one asked for, character for character (section 4.3).

use crate::error::JwksError;
use crate::options::RemoteOptions;
use crate::remote::RemoteJwkSet;
use crate::{documents, endpoint, fetch};

impl RemoteJwkSet {
    /// The JWK Set of the OpenID issuer `issuer` (its identifier, as tokens
    /// carry it in `iss`), found through its discovery document with the
    /// same bounds as the set itself. Fetches the document now; the set is
    /// fetched on first use.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), jose_jwks::JwksError> {
    /// let keys = jose_jwks::RemoteJwkSet::discover("https://idsvr.example.com/oauth/v2/oauth-anonymous", Default::default()).await?;
    /// println!("{}", keys.url());
    /// # Ok(()) }
    /// ```
    pub async fn discover(issuer: &str, options: RemoteOptions) -> Result<Self, JwksError> {
        let base = endpoint::parse(issuer)?;
        if base.query().is_some() || base.fragment().is_some() {
            return Err(JwksError::Url {
                reason: "an issuer identifier has no query or fragment",
            });
        }
        let config = endpoint::parse(&format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        ))?;
        let client = fetch::client(&options)?;
        let fetched = fetch::get(&client, &config, "application/json", &options).await?;
        let jwks_uri = documents::parse_openid_configuration(&fetched.body, issuer)?;
        Self::at(endpoint::parse(&jwks_uri)?, options)
    }
}
