//! The DER forms RFC 8410 gives the 32-byte curve keys, Ed25519
//! (id-Ed25519) and X25519 (id-X25519), read here for `okp` and `x25519`:
//! an SPKI whose algorithm is the curve's OID with no parameters and the
//! public key as its BIT STRING (§4); a PKCS#8, version 1 or 2, whose
//! `privateKey` is an OCTET STRING holding the 32-byte secret, with the
//! public key beside it in version 2 (§7). Every part is exactly 32 bytes;
//! the secret lives in wiped memory. (The writers are `export::asn1`'s.)

use der::Decode;
use der::asn1::ObjectIdentifier;
use spki::SubjectPublicKeyInfoRef;
use zeroize::Zeroizing;

use crate::error::Error;

/// The length of every key part: public key, Ed25519 seed, X25519 scalar.
pub(crate) const LEN: usize = 32;

/// A private key's secret, and the public key stated beside it (if any).
pub(crate) type Secret = (Zeroizing<[u8; LEN]>, Option<[u8; LEN]>);

fn no_parameters(parameters: bool) -> Result<(), Error> {
    if parameters {
        return Err(Error::invalid_key(
            "id-Ed25519 and id-X25519 take no parameters (RFC 8410 §3)",
        ));
    }
    Ok(())
}

fn public_bytes(bits: &der::asn1::BitStringRef<'_>) -> Result<[u8; LEN], Error> {
    bits.as_bytes()
        .and_then(|b| <[u8; LEN]>::try_from(b).ok())
        .ok_or(Error::invalid_key(
            "an Ed25519 or X25519 public key is exactly 32 bytes",
        ))
}

/// The public key of an SPKI under `oid`; `None` for another algorithm.
pub(crate) fn public_from_spki(
    spki: &SubjectPublicKeyInfoRef<'_>,
    oid: ObjectIdentifier,
) -> Result<Option<[u8; LEN]>, Error> {
    if spki.algorithm.oid != oid {
        return Ok(None);
    }
    no_parameters(spki.algorithm.parameters.is_some())?;
    public_bytes(&spki.subject_public_key).map(Some)
}

/// The secret (and the public key, if stated) of a PKCS#8 under `oid`;
/// `None` for another algorithm.
pub(crate) fn private_from_pkcs8(
    info: &pkcs8::PrivateKeyInfoRef<'_>,
    oid: ObjectIdentifier,
) -> Result<Option<Secret>, Error> {
    if info.algorithm.oid != oid {
        return Ok(None);
    }
    no_parameters(info.algorithm.parameters.is_some())?;
    let inner = <&der::asn1::OctetStringRef>::from_der(info.private_key.as_bytes())
        .map_err(|_| Error::invalid_key("the private key is not an OCTET STRING (RFC 8410 §7)"))?;
    let secret = <[u8; LEN]>::try_from(inner.as_bytes()).map_err(|_| {
        Error::invalid_key("an Ed25519 seed or an X25519 scalar is exactly 32 bytes")
    })?;
    let stated = match info.public_key {
        Some(public) => Some(public_bytes(&public)?),
        None => None,
    };
    Ok(Some((Zeroizing::new(secret), stated)))
}
