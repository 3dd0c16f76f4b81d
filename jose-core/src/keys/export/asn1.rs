//! DER for the structures key export writes, encoded by `der` through the
//! `spki`, `pkcs1`, `pkcs8` and `sec1` types (the ones keys are read with):
//! `SubjectPublicKeyInfo` (RFC 5280 §4.1; RSA per RFC 8017 A.1.1, EC per
//! RFC 5480), PKCS#8 `PrivateKeyInfo` (RFC 5208 §5; RSA per RFC 8017
//! A.1.2, EC per RFC 5915) and SEC1 `ECPrivateKey` (RFC 5915). Each integer's
//! minimal bytes are taken from its limbs into a wiped scratch array on the
//! stack, never the heap; the encoded length is asked first, so a short
//! buffer is a `buffer` error naming the whole size.

use crypto_bigint::BoxedUint;
use der::Encode;
use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use pkcs1::{RsaPrivateKeyRef, RsaPublicKeyRef, UintRef};
use pkcs8::PrivateKeyInfoRef;
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::super::encoding::ID_RSASSA_PSS;
use super::{MAX_MAGNITUDE, MAX_PKCS8_LEN, MAX_SPKI_LEN, Scratch, magnitude, short, too_large};
use crate::error::Error;

/// The AlgorithmIdentifier a key is written under: `rsaEncryption` with
/// NULL parameters, or `id-RSASSA-PSS` without any for a key restricted to
/// PSS.
fn algorithm(pss: bool) -> AlgorithmIdentifierRef<'static> {
    if pss {
        AlgorithmIdentifierRef {
            oid: ID_RSASSA_PSS,
            parameters: None,
        }
    } else {
        AlgorithmIdentifierRef {
            oid: pkcs1::ALGORITHM_OID,
            parameters: Some(AnyRef::NULL),
        }
    }
}

/// `x`'s DER INTEGER content, from its limbs into `scratch`.
fn integer<'s>(x: &BoxedUint, scratch: &'s mut Scratch) -> Result<UintRef<'s>, Error> {
    let bytes = magnitude(x, scratch).ok_or_else(too_large)?;
    UintRef::new(bytes).map_err(|_| Error::internal())
}

/// `value`'s DER into the front of `out`, after checking that it fits.
fn write<'o>(value: &impl Encode, out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    let need = value
        .encoded_len()
        .and_then(usize::try_from)
        .map_err(|_| Error::internal())?;
    if out.len() < need {
        return Err(short(out.len(), need));
    }
    value.encode_to_slice(out).map_err(|_| Error::internal())
}

/// `SubjectPublicKeyInfo { rsaEncryption, BIT STRING { RSAPublicKey { n, e } } }`
/// (`id-RSASSA-PSS` for a key restricted to PSS).
pub(crate) fn spki<'o>(
    n: &BoxedUint,
    e: &BoxedUint,
    pss: bool,
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    let (mut n_bytes, mut e_bytes) = ([0u8; MAX_MAGNITUDE + 8], [0u8; MAX_MAGNITUDE + 8]);
    let key = RsaPublicKeyRef {
        modulus: integer(n, &mut n_bytes)?,
        public_exponent: integer(e, &mut e_bytes)?,
    };
    let mut inner = [0u8; MAX_SPKI_LEN];
    let inner = write(&key, &mut inner)?;
    let info = SubjectPublicKeyInfoRef {
        algorithm: algorithm(pss),
        subject_public_key: BitStringRef::from_bytes(inner).map_err(|_| Error::internal())?,
    };
    write(&info, out)
}

/// `SubjectPublicKeyInfo { id-ecPublicKey namedCurve, BIT STRING { 04 || x
/// || y } }` (RFC 5480 §2).
#[cfg(feature = "ecdsa")]
pub(crate) fn ec_spki<'o>(
    point: &crate::keys::ec::Point,
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    let curve = point.curve_oid();
    let info = SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid: crate::keys::ec::ID_EC_PUBLIC_KEY,
            parameters: Some(AnyRef::from(&curve)),
        },
        subject_public_key: BitStringRef::from_bytes(point.uncompressed())
            .map_err(|_| Error::internal())?,
    };
    write(&info, out)
}

/// `PrivateKeyInfo { 0, rsaEncryption, OCTET STRING { RSAPrivateKey { 0, n,
/// e, d, p, q, dp, dq, qinv } } }`: `integers` in that order from `n`
/// (`id-RSASSA-PSS` for a key restricted to PSS).
pub(crate) fn pkcs8<'o>(
    integers: [&BoxedUint; 8],
    pss: bool,
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    let mut scratch = Zeroizing::new([[0u8; MAX_MAGNITUDE + 8]; 8]);
    let [n, e, d, p, q, dp, dq, qinv] = integers;
    let [s_n, s_e, s_d, s_p, s_q, s_dp, s_dq, s_qinv] = &mut *scratch;
    let key = RsaPrivateKeyRef {
        modulus: integer(n, s_n)?,
        public_exponent: integer(e, s_e)?,
        private_exponent: integer(d, s_d)?,
        prime1: integer(p, s_p)?,
        prime2: integer(q, s_q)?,
        exponent1: integer(dp, s_dp)?,
        exponent2: integer(dq, s_dq)?,
        coefficient: integer(qinv, s_qinv)?,
        other_prime_infos: None,
    };
    let mut inner = Zeroizing::new([0u8; MAX_PKCS8_LEN]);
    let inner = write(&key, &mut inner[..])?;
    let info = PrivateKeyInfoRef {
        algorithm: algorithm(pss),
        private_key: OctetStringRef::new(inner).map_err(|_| Error::internal())?,
        public_key: None,
    };
    write(&info, out)
}

/// `ECPrivateKey { 1, scalar, [0] namedCurve?, [1] 04 || x || y }` (RFC
/// 5915 §3): with the curve for SEC1's own `EC PRIVATE KEY`, without it
/// inside PKCS#8 (the algorithm names it), as OpenSSL writes them.
#[cfg(feature = "ecdsa")]
pub(crate) fn ec_sec1<'o>(
    point: &crate::keys::ec::Point,
    scalar: &[u8],
    with_curve: bool,
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    let key = sec1::EcPrivateKey {
        private_key: scalar,
        parameters: with_curve.then(|| sec1::EcParameters::NamedCurve(point.curve_oid())),
        public_key: Some(point.uncompressed()),
    };
    write(&key, out)
}

/// `PrivateKeyInfo { 0, id-ecPublicKey namedCurve, OCTET STRING {
/// ECPrivateKey } }` (RFC 5915 §2, RFC 5958).
#[cfg(feature = "ecdsa")]
pub(crate) fn ec_pkcs8<'o>(
    point: &crate::keys::ec::Point,
    scalar: &[u8],
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    let mut inner = Zeroizing::new([0u8; 256]);
    let inner = ec_sec1(point, scalar, false, &mut inner[..])?;
    let curve = point.curve_oid();
    let info = PrivateKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid: crate::keys::ec::ID_EC_PUBLIC_KEY,
            parameters: Some(AnyRef::from(&curve)),
        },
        private_key: OctetStringRef::new(inner).map_err(|_| Error::internal())?,
        public_key: None,
    };
    write(&info, out)
}

/// `SubjectPublicKeyInfo { oid, BIT STRING { x } }` (RFC 8410 §4), for
/// id-Ed25519 and id-X25519.
#[cfg(any(feature = "eddsa", feature = "x25519"))]
pub(crate) fn rfc8410_spki<'o>(
    oid: der::asn1::ObjectIdentifier,
    x: &[u8; 32],
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    let info = SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        subject_public_key: BitStringRef::from_bytes(x).map_err(|_| Error::internal())?,
    };
    write(&info, out)
}

/// `PrivateKeyInfo { 0, oid, OCTET STRING { OCTET STRING secret } }`
/// (RFC 8410 §7, version 1: what OpenSSL writes), for an Ed25519 seed or an
/// X25519 scalar.
#[cfg(any(feature = "eddsa", feature = "x25519"))]
pub(crate) fn rfc8410_pkcs8<'o>(
    oid: der::asn1::ObjectIdentifier,
    secret: &[u8; 32],
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    let mut inner = Zeroizing::new([0u8; 34]);
    let secret = OctetStringRef::new(secret).map_err(|_| Error::internal())?;
    let inner = write(&secret, &mut inner[..])?;
    let info = PrivateKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        private_key: OctetStringRef::new(inner).map_err(|_| Error::internal())?,
        public_key: None,
    };
    write(&info, out)
}
