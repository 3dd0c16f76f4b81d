//! OpenID Connect Discovery 1.0: the issuer's `jwks_uri`, read from
//! `{issuer}/.well-known/openid-configuration`, whose `issuer` must be the
//! one asked for, character for character (section 4.3).

use jose_core::{ErrorKind, json};

use crate::error::JwksError;
use crate::options::RemoteOptions;
use crate::remote::RemoteJwkSet;
use crate::{endpoint, fetch};

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
        let jwks_uri = jwks_uri(&fetched.body, issuer)?;
        Self::at(endpoint::parse(&jwks_uri)?, options)
    }
}

/// The `jwks_uri` of a discovery document whose `issuer` is `issuer`.
pub(crate) fn jwks_uri(document: &str, issuer: &str) -> Result<String, JwksError> {
    let refused = |reason| JwksError::Discovery { reason };
    let doc = json::parse(document.as_bytes()).map_err(|e| match e.limit() {
        _ if e.kind() != ErrorKind::TooLarge => refused("not a JSON object"),
        Some(json::MAX_MEMBERS) => refused(
            "an object in it has more than 256 members (jose-core's JSON limit; \
             real discovery documents have a few dozen)",
        ),
        Some(json::MAX_DEPTH) => refused("nested deeper than 32 levels (jose-core's JSON limit)"),
        _ => refused("over jose-core's JSON limits"),
    })?;
    if doc.kind() != json::Kind::Object {
        return Err(refused("not a JSON object"));
    }
    let text = |name| {
        doc.get(name)
            .and_then(|v| v.as_str())
            .map(|s| s.chars().collect::<String>())
    };
    match text("issuer") {
        Some(found) if found == issuer => {}
        Some(_) => return Err(refused("its issuer is not the issuer asked for")),
        None => return Err(refused("no issuer")),
    }
    text("jwks_uri").ok_or(refused("no jwks_uri"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issuer_must_match_exactly_and_jwks_uri_be_a_string() {
        let iss = "https://idsvr.example.com/oauth";
        let doc = |body: &str| jwks_uri(body, iss);
        // A document with 257 members (a valid issuer and jwks_uri among
        // them), and one nested 33 deep.
        let members: Vec<String> = (0..255).map(|i| format!(r#""m{i}":{i}"#)).collect();
        let wide = format!(
            r#"{{"issuer":"{iss}","jwks_uri":"https://idsvr.example.com/jwks",{}}}"#,
            members.join(",")
        );
        let deep = format!(
            r#"{{"issuer":"{iss}","x":{}{}}}"#,
            "[".repeat(32),
            "]".repeat(32)
        );
        assert_eq!(
            doc(
                r#"{"issuer":"https://idsvr.example.com/oauth","jwks_uri":"https://idsvr.example.com/jwks"}"#
            ),
            Ok("https://idsvr.example.com/jwks".to_string())
        );
        for (body, reason) in [
            (
                r#"{"issuer":"https://idsvr.example.com/oauth/","jwks_uri":"x"}"#,
                "its issuer is not the issuer asked for",
            ),
            (
                r#"{"issuer":"https://evil.example/oauth","jwks_uri":"x"}"#,
                "its issuer is not the issuer asked for",
            ),
            (
                r#"{"jwks_uri":"https://idsvr.example.com/jwks"}"#,
                "no issuer",
            ),
            (
                r#"{"issuer":"https://idsvr.example.com/oauth","jwks_uri":7}"#,
                "no jwks_uri",
            ),
            (r#"["issuer"]"#, "not a JSON object"),
            ("<html>", "not a JSON object"),
            (
                wide.as_str(),
                "an object in it has more than 256 members (jose-core's JSON limit; \
                 real discovery documents have a few dozen)",
            ),
            (
                deep.as_str(),
                "nested deeper than 32 levels (jose-core's JSON limit)",
            ),
        ] {
            assert_eq!(doc(body), Err(JwksError::Discovery { reason }), "{body}");
        }
    }
}
