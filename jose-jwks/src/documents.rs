//! The two documents a server sends this crate, read the way a fetch reads
//! them: a JWK Set, and an OpenID Provider Configuration. Public, so that a
//! caller who fetches them another way (a file, a client of its own) gets
//! the same verdicts.

use jose_core::keys::PublicKeySet;
use jose_core::{ErrorKind, json};

use crate::error::JwksError;

/// A JWK Set response body, read as [`crate::RemoteJwkSet`] reads the one it
/// fetches: UTF-8 text, a JWK Set (`{"keys":[...]}`) with at least one key
/// jose-core can use; unusable keys are skipped and listed in
/// [`PublicKeySet::skipped`].
///
/// ```
/// let body = include_bytes!("../../vectors/interop/issuer.jwks.json");
/// let set = jose_jwks::parse_jwk_set(body)?;
/// assert_eq!((set.len(), set.skipped().len()), (3, 0)); // two RSA keys, one EC
/// let ed448 = br#"{"keys":[{"kty":"OKP","crv":"Ed448","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}]}"#;
/// assert!(jose_jwks::parse_jwk_set(ed448).is_err()); // no key jose-core uses
/// assert!(jose_jwks::parse_jwk_set(b"<html>").is_err());
/// # Ok::<(), jose_jwks::JwksError>(())
/// ```
pub fn parse_jwk_set(body: &[u8]) -> Result<PublicKeySet, JwksError> {
    PublicKeySet::from_jwks(text(body)?).map_err(JwksError::Keys)
}

/// The `jwks_uri` of an OpenID Provider Configuration document (OpenID
/// Connect Discovery 1.0 §3) whose `issuer` is exactly `issuer` (§4.3:
/// character for character, no trailing-slash leniency), read as
/// [`crate::RemoteJwkSet::discover`] reads the one it fetches. Any other
/// document is a [`JwksError::Discovery`] naming why (not JSON, not an
/// object, over the JSON reader's limits, another issuer, no `jwks_uri`).
///
/// ```
/// let doc = br#"{"issuer":"https://idp.example","jwks_uri":"https://idp.example/jwks"}"#;
/// assert_eq!(jose_jwks::parse_openid_configuration(doc, "https://idp.example")?, "https://idp.example/jwks");
/// assert!(jose_jwks::parse_openid_configuration(doc, "https://idp.example/").is_err());
/// # Ok::<(), jose_jwks::JwksError>(())
/// ```
pub fn parse_openid_configuration(document: &[u8], issuer: &str) -> Result<String, JwksError> {
    let refused = |reason| JwksError::Discovery { reason };
    let document = text(document)?;
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

/// A response body as text: both documents are UTF-8.
fn text(body: &[u8]) -> Result<&str, JwksError> {
    core::str::from_utf8(body).map_err(|_| JwksError::Body {
        reason: "not UTF-8 text",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issuer_must_match_exactly_and_jwks_uri_be_a_string() {
        let iss = "https://idsvr.example.com/oauth";
        let doc = |body: &str| parse_openid_configuration(body.as_bytes(), iss);
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
