//! RSA private keys from JSON Web Keys (RFC 7517 §4, RFC 7518 §6.3).

use alloc::boxed::Box;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::PrivateKey;
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::json::{self, Kind, Value};

/// The largest JWK text accepted. A 4096-bit private JWK is about 3.2 KiB.
const MAX_JWK_LEN: usize = 64 * 1024;

impl PrivateKey {
    /// Imports a private RSA JWK (`kty` `RSA` with `n`, `e`, `d`, and either all
    /// of `p`, `q`, `dp`, `dq`, `qi` or none of them). `kid`, `alg` and `use` are
    /// kept and enforced: a key with an `alg` unwraps for that algorithm only, a
    /// key whose `use` is not `enc` is not used for decryption. Multi-prime keys
    /// (`oth`) are refused.
    ///
    /// ```
    /// let jwk = include_str!("../../vectors/rfc7520_5_2.key.json");
    /// let key = jose_core::keys::PrivateKey::from_jwk(jwk)?;
    /// assert_eq!(key.bits(), 4096);
    /// assert_eq!(key.kid(), Some("samwise.gamgee@hobbiton.example"));
    /// assert_eq!(key.key_use(), Some("enc"));
    ///
    /// let public_only = r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#;
    /// let err = jose_core::keys::PrivateKey::from_jwk(public_only).unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::InvalidKey);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        if jwk.len() > MAX_JWK_LEN {
            return Err(Error::too_large(Part::Key, jwk.len(), MAX_JWK_LEN));
        }
        let doc = json::parse(jwk.as_bytes()).map_err(|e| e.in_part(Part::Key))?;
        if doc.kind() != Kind::Object {
            return Err(Error::invalid_key("a JWK must be a JSON object"));
        }
        match doc.get("kty").and_then(|v| v.as_str()) {
            Some(kty) if kty == "RSA" => {}
            Some(_) => return Err(Error::invalid_key("kty is not RSA")),
            None => return Err(Error::invalid_key("missing kty")),
        }
        if doc.get("oth").is_some() {
            return Err(Error::invalid_key(
                "multi-prime RSA keys (oth) are not supported",
            ));
        }
        let n = member(doc, "n")?.ok_or(missing("n"))?;
        let e = member(doc, "e")?.ok_or(missing("e"))?;
        let d = member(doc, "d")?.ok_or(Error::invalid_key("not a private key: missing d"))?;
        let crt = [
            member(doc, "p")?,
            member(doc, "q")?,
            member(doc, "dp")?,
            member(doc, "dq")?,
            member(doc, "qi")?,
        ];
        let present = crt.iter().filter(|c| c.is_some()).count();
        let mut key = match crt {
            [Some(p), Some(q), Some(_), Some(_), Some(_)] => {
                PrivateKey::build(&n, &e, &d, Some((&p, &q)))?
            }
            _ if present == 0 => PrivateKey::build(&n, &e, &d, None)?,
            _ => {
                return Err(Error::invalid_key(
                    "p, q, dp, dq and qi must be all present or all absent",
                ));
            }
        };
        key.set_metadata(text(doc, "kid")?, text(doc, "alg")?, text(doc, "use")?);
        Ok(key)
    }
}

fn missing(name: &'static str) -> Error {
    Error::invalid_key("missing member").with(Detail::Name(name))
}

/// A base64url big-endian integer member, decoded into zeroizing memory.
fn member(doc: Value<'_>, name: &'static str) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let Some(value) = doc.get(name) else {
        return Ok(None);
    };
    let text = value
        .as_str()
        .and_then(|s| s.as_plain())
        .ok_or(Error::invalid_key("member must be a base64url string").with(Detail::Name(name)))?;
    let len = base64url::decoded_len(text.len())
        .ok_or(Error::invalid_key("invalid base64url").with(Detail::Name(name)))?;
    let mut out = Zeroizing::new(alloc::vec![0u8; len]);
    base64url::decode(text.as_bytes(), &mut out, Part::Key)
        .map_err(|_| Error::invalid_key("invalid base64url").with(Detail::Name(name)))?;
    if out.is_empty() {
        return Err(Error::invalid_key("empty integer").with(Detail::Name(name)));
    }
    Ok(Some(out))
}

/// An optional string member, unescaped.
fn text(doc: Value<'_>, name: &'static str) -> Result<Option<Box<str>>, Error> {
    match doc.get(name) {
        None => Ok(None),
        Some(value) => match value.as_str() {
            Some(s) => Ok(Some(
                s.chars()
                    .collect::<alloc::string::String>()
                    .into_boxed_str(),
            )),
            None => Err(Error::new(
                ErrorKind::InvalidKey,
                Some(Part::Key),
                "member must be a string",
            )
            .with(Detail::Name(name))),
        },
    }
}
