//! Ed25519 keys as their encodings give them (RFC 8037, RFC 8410): a JWK's
//! `kty` `OKP` with `crv` `Ed25519`, `x` and (private) `d`; an SPKI or a
//! PKCS#8 (v1 or v2) under id-Ed25519 (read by `rfc8410`); the RFC 7638 thumbprint. Every part
//! is exactly 32 bytes (RFC 8037 §2); the seed lives in wiped memory. Other
//! OKP curves are `unsupported` by name (X25519 agrees keys, it never signs;
//! Ed448 is not implemented).

use der::asn1::ObjectIdentifier;
use sha2::Digest;
use zeroize::Zeroizing;

use crate::backend::eddsa::KEY_LEN;
use crate::base64url;
use crate::error::{Detail, Error, Part};
use crate::json::Value;

/// id-Ed25519 (RFC 8410 §3).
pub(crate) const ID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// Reads a 32-byte base64url member of an OKP JWK.
fn member(doc: Value<'_>, name: &'static str, out: &mut [u8; KEY_LEN]) -> Result<(), Error> {
    let text = doc
        .get(name)
        .and_then(|v| v.as_str())
        .and_then(|s| s.as_plain())
        .ok_or(Error::invalid_key("member must be a base64url string").with(Detail::Name(name)))?;
    if base64url::decoded_len(text.len()) != Some(KEY_LEN) {
        return Err(
            Error::invalid_key("an Ed25519 key part is exactly 32 bytes").with(Detail::Name(name)),
        );
    }
    base64url::decode(text.as_bytes(), out, Part::Key)
        .map(|_| ())
        .map_err(|_| Error::invalid_key("invalid base64url").with(Detail::Name(name)))
}

/// Checks an OKP JWK's `crv` is Ed25519.
fn check_crv(doc: Value<'_>) -> Result<(), Error> {
    let crv = doc
        .get("crv")
        .and_then(|v| v.as_str())
        .ok_or(Error::invalid_key("missing member").with(Detail::Name("crv")))?;
    if crv == "Ed25519" {
        return Ok(());
    }
    let why = if crv == "X25519" || crv == "X448" {
        "an X25519 key agrees keys (ECDH-ES, feature `x25519`) and never signs; X448 is not implemented"
    } else {
        "OKP curve other than Ed25519 (crv): Ed448 is not implemented"
    };
    Err(Error::unsupported(Part::Key, why))
}

/// The public key of an OKP JWK (`crv` Ed25519, `x`).
pub(crate) fn public_from_jwk(doc: Value<'_>) -> Result<[u8; KEY_LEN], Error> {
    check_crv(doc)?;
    let mut x = [0u8; KEY_LEN];
    member(doc, "x", &mut x)?;
    Ok(x)
}

/// The seed and stated public key of a private OKP JWK (`d`, `x`).
pub(crate) fn private_from_jwk(
    doc: Value<'_>,
) -> Result<(Zeroizing<[u8; KEY_LEN]>, [u8; KEY_LEN]), Error> {
    let x = public_from_jwk(doc)?;
    if doc.get("d").is_none() {
        return Err(Error::invalid_key("not a private key: missing d"));
    }
    let mut seed = Zeroizing::new([0u8; KEY_LEN]);
    member(doc, "d", &mut seed)?;
    Ok((seed, x))
}

/// RFC 7638 (RFC 8037 §2): SHA-256 over `{"crv":"Ed25519","kty":"OKP","x":".."}`.
pub(crate) fn thumbprint(x: &[u8; KEY_LEN]) -> [u8; 32] {
    let mut hash = sha2::Sha256::new();
    hash.update(b"{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"");
    let mut text = [0u8; 43];
    if let Ok(encoded) = base64url::encode(x, &mut text) {
        hash.update(encoded.as_bytes());
    }
    hash.update(b"\"}");
    hash.finalize().into()
}
