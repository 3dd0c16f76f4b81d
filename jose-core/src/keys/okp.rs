//! Ed25519 keys as their encodings give them (RFC 8037, RFC 8410): a JWK's
//! `kty` `OKP` with `crv` `Ed25519`, `x` and (private) `d`; an SPKI or a
//! PKCS#8 (v1 or v2) under id-Ed25519; the RFC 7638 thumbprint. Every part
//! is exactly 32 bytes (RFC 8037 §2); the seed lives in wiped memory. Other
//! OKP curves are `unsupported` by name (X25519 agrees keys, it never signs;
//! Ed448 is not implemented).

use der::asn1::ObjectIdentifier;
use sha2::Digest;
use spki::SubjectPublicKeyInfoRef;
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

/// The key of an SPKI under id-Ed25519 (RFC 8410 §4: no parameters, a
/// 32-byte key); `None` for another algorithm.
pub(crate) fn public_from_spki(
    spki: &SubjectPublicKeyInfoRef<'_>,
) -> Result<Option<[u8; KEY_LEN]>, Error> {
    if spki.algorithm.oid != ID_ED25519 {
        return Ok(None);
    }
    if spki.algorithm.parameters.is_some() {
        return Err(Error::invalid_key(
            "id-Ed25519 takes no parameters (RFC 8410 §3)",
        ));
    }
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .and_then(|b| <[u8; KEY_LEN]>::try_from(b).ok())
        .ok_or(Error::invalid_key(
            "an Ed25519 public key is exactly 32 bytes",
        ))?;
    Ok(Some(bytes))
}

/// An Ed25519 seed, and the public key stated beside it (if any).
pub(crate) type Seed = (Zeroizing<[u8; KEY_LEN]>, Option<[u8; KEY_LEN]>);

/// The seed (and the public key, if stated) of a PKCS#8 under id-Ed25519
/// (RFC 8410 §7: `privateKey` is an OCTET STRING holding the 32-byte seed);
/// `None` for another algorithm.
pub(crate) fn private_from_pkcs8(
    info: &pkcs8::PrivateKeyInfoRef<'_>,
) -> Result<Option<Seed>, Error> {
    use der::Decode;
    if info.algorithm.oid != ID_ED25519 {
        return Ok(None);
    }
    if info.algorithm.parameters.is_some() {
        return Err(Error::invalid_key(
            "id-Ed25519 takes no parameters (RFC 8410 §3)",
        ));
    }
    let inner = <&der::asn1::OctetStringRef>::from_der(info.private_key.as_bytes())
        .map_err(|_| Error::invalid_key("the Ed25519 private key is not an OCTET STRING"))?;
    let bytes = <[u8; KEY_LEN]>::try_from(inner.as_bytes())
        .map_err(|_| Error::invalid_key("an Ed25519 private key is exactly 32 bytes"))?;
    let stated = match info.public_key {
        Some(public) => Some(
            public
                .as_bytes()
                .and_then(|b| <[u8; KEY_LEN]>::try_from(b).ok())
                .ok_or(Error::invalid_key(
                    "an Ed25519 public key is exactly 32 bytes",
                ))?,
        ),
        None => None,
    };
    Ok(Some((Zeroizing::new(bytes), stated)))
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
