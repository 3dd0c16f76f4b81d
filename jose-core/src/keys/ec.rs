//! EC keys as their encodings give them (RFC 7518 §6.2): P-256, P-384 and
//! P-521 points from a JWK's coordinates or a SubjectPublicKeyInfo, private
//! scalars from a JWK's `d`, SEC1 (RFC 5915) or PKCS#8, the RFC 7638
//! thumbprint, and the members a JWK export writes. A scalar is exactly the
//! curve's length (RFC 7518 §6.2.2.1, RFC 5915) and lives in wiped memory.
//!
//! A point is held uncompressed (`04 || x || y`), each coordinate exactly
//! the curve's length: a JWK coordinate of another length is refused (RFC
//! 7518 §6.2.1.2 fixes it), never padded or trimmed. Whether the point is on
//! the curve, not the point at infinity and its coordinates below the field
//! prime is checked by RustCrypto at import (`backend::EcPublic::new`),
//! whatever backend the key is for.

use der::asn1::ObjectIdentifier;
use sha2::Digest;
use spki::SubjectPublicKeyInfoRef;

use zeroize::Zeroizing;

use crate::algorithm::Curve;
use crate::base64url;
use crate::error::{Detail, Error, Part};
use crate::json::Value;

/// The longest uncompressed point: P-521, 1 + 2 x 66 bytes.
pub(crate) const MAX_POINT_LEN: usize = 1 + 2 * 66;

/// id-ecPublicKey (RFC 5480 §2.1.1).
pub(crate) const ID_EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// The named-curve OID of `curve` (RFC 5480 §2.1.1.1).
const fn curve_oid(curve: Curve) -> ObjectIdentifier {
    match curve {
        Curve::P256 => ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
        Curve::P384 => ObjectIdentifier::new_unwrap("1.3.132.0.34"),
        Curve::P521 => ObjectIdentifier::new_unwrap("1.3.132.0.35"),
    }
}

/// An uncompressed point of a known curve, not yet checked on the curve.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Point {
    pub(crate) curve: Curve,
    bytes: [u8; MAX_POINT_LEN],
}

impl core::fmt::Debug for Point {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Point")
            .field("curve", &self.curve)
            .finish_non_exhaustive()
    }
}

impl Point {
    /// `04 || x || y`.
    pub(crate) fn uncompressed(&self) -> &[u8] {
        let len = 1 + 2 * self.curve.coordinate_len();
        self.bytes.get(..len).unwrap_or(&self.bytes)
    }

    pub(crate) fn x(&self) -> &[u8] {
        let n = self.curve.coordinate_len();
        self.bytes.get(1..1 + n).unwrap_or(&[])
    }

    pub(crate) fn y(&self) -> &[u8] {
        let n = self.curve.coordinate_len();
        self.bytes.get(1 + n..1 + 2 * n).unwrap_or(&[])
    }

    /// The point a JWK's `crv`, `x` and `y` give.
    pub(crate) fn from_jwk(doc: Value<'_>) -> Result<Self, Error> {
        let crv = doc
            .get("crv")
            .and_then(|v| v.as_str())
            .ok_or(Error::invalid_key("missing member").with(Detail::Name("crv")))?;
        let curve = Curve::ALL
            .into_iter()
            .find(|c| crv == c.name())
            .ok_or(Error::unsupported(
                Part::Key,
                "EC curve other than P-256, P-384 and P-521 (crv)",
            ))?;
        let n = curve.coordinate_len();
        let mut bytes = [0u8; MAX_POINT_LEN];
        if let Some(first) = bytes.first_mut() {
            *first = 4;
        }
        for (name, at) in [("x", 1), ("y", 1 + n)] {
            let text = doc
                .get(name)
                .and_then(|v| v.as_str())
                .and_then(|s| s.as_plain())
                .ok_or(
                    Error::invalid_key("member must be a base64url string")
                        .with(Detail::Name(name)),
                )?;
            if base64url::decoded_len(text.len()) != Some(n) {
                return Err(
                    Error::invalid_key("coordinate is not exactly the curve's length")
                        .with(Detail::Name(name)),
                );
            }
            let out = bytes.get_mut(at..at + n).ok_or(Error::internal())?;
            base64url::decode_public(text.as_bytes(), out, Part::Key)
                .map_err(|_| Error::invalid_key("invalid base64url").with(Detail::Name(name)))?;
        }
        Ok(Point { curve, bytes })
    }

    /// The point `04 || x || y` of exactly `curve`'s length (not yet
    /// checked on the curve).
    pub(crate) fn from_uncompressed(curve: Curve, point: &[u8]) -> Result<Self, Error> {
        let len = 1 + 2 * curve.coordinate_len();
        if point.first() != Some(&4) || point.len() != len {
            return Err(Error::invalid_key(
                "the EC point is not uncompressed (04 || x || y) of the curve's length",
            ));
        }
        let mut bytes = [0u8; MAX_POINT_LEN];
        bytes
            .get_mut(..len)
            .ok_or(Error::internal())?
            .copy_from_slice(point);
        Ok(Point { curve, bytes })
    }

    /// The point of a SubjectPublicKeyInfo whose algorithm is
    /// id-ecPublicKey; `None` when it holds another algorithm. Only named
    /// curves and uncompressed points are taken.
    pub(crate) fn from_spki(spki: &SubjectPublicKeyInfoRef<'_>) -> Result<Option<Self>, Error> {
        if spki.algorithm.oid != ID_EC_PUBLIC_KEY {
            return Ok(None);
        }
        let curve = named_curve(
            spki.algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok()),
        )?;
        let point = spki
            .subject_public_key
            .as_bytes()
            .ok_or(Error::invalid_key(
                "the EC point is not a whole number of bytes",
            ))?;
        Self::from_uncompressed(curve, point).map(Some)
    }

    /// The curve's named-curve OID.
    pub(crate) fn curve_oid(&self) -> ObjectIdentifier {
        curve_oid(self.curve)
    }

    /// RFC 7638 JWK thumbprint: SHA-256 over
    /// `{"crv":"..","kty":"EC","x":"..","y":".."}`.
    pub(crate) fn thumbprint(&self) -> [u8; 32] {
        let mut hash = sha2::Sha256::new();
        hash.update(b"{\"crv\":\"");
        hash.update(self.curve.name().as_bytes());
        hash.update(b"\",\"kty\":\"EC\",\"x\":\"");
        feed(&mut hash, self.x());
        hash.update(b"\",\"y\":\"");
        feed(&mut hash, self.y());
        hash.update(b"\"}");
        hash.finalize().into()
    }
}

/// The curve a `namedCurve` OID names (RFC 5480 §2.1.1.1); implicit and
/// specified curves are refused.
fn named_curve(oid: Option<ObjectIdentifier>) -> Result<Curve, Error> {
    let named = oid.ok_or(Error::invalid_key(
        "an EC key must name its curve (namedCurve)",
    ))?;
    Curve::ALL
        .into_iter()
        .find(|c| curve_oid(*c) == named)
        .ok_or(Error::unsupported(
            Part::Key,
            "EC curve other than P-256, P-384 and P-521",
        ))
}

/// An EC private key as an encoding gives it: the curve, the big-endian
/// scalar (wiped on drop) and the public point stated beside it, if any.
pub(crate) struct Secret {
    pub(crate) curve: Curve,
    scalar: Zeroizing<[u8; MAX_SCALAR_LEN]>,
    pub(crate) stated: Option<Point>,
}

/// The longest scalar: P-521, 66 bytes.
const MAX_SCALAR_LEN: usize = 66;

impl Secret {
    /// The scalar, exactly the curve's length.
    pub(crate) fn scalar(&self) -> &[u8] {
        self.scalar
            .get(..self.curve.coordinate_len())
            .unwrap_or(&[])
    }

    /// A private EC JWK: `crv`, `x`, `y` (the stated point) and `d`, exactly
    /// the curve's length (RFC 7518 §6.2.2.1).
    pub(crate) fn from_jwk(doc: Value<'_>) -> Result<Self, Error> {
        let point = Point::from_jwk(doc)?;
        let curve = point.curve;
        let n = curve.coordinate_len();
        let text = doc
            .get("d")
            .and_then(|v| v.as_str())
            .and_then(|s| s.as_plain())
            .ok_or(Error::invalid_key("not a private key: missing d"))?;
        if base64url::decoded_len(text.len()) != Some(n) {
            return Err(
                Error::invalid_key("d is not exactly the curve's length").with(Detail::Name("d"))
            );
        }
        let mut scalar = Zeroizing::new([0u8; MAX_SCALAR_LEN]);
        let out = scalar.get_mut(..n).ok_or(Error::internal())?;
        base64url::decode(text.as_bytes(), out, Part::Key)
            .map_err(|_| Error::invalid_key("invalid base64url").with(Detail::Name("d")))?;
        Ok(Secret {
            curve,
            scalar,
            stated: Some(point),
        })
    }

    /// A DER SEC1 `ECPrivateKey` (RFC 5915). Its curve is its own
    /// `parameters` or, inside PKCS#8, the algorithm's (`outer`); when both
    /// are given they must agree.
    pub(crate) fn from_sec1_der(der: &[u8], outer: Option<Curve>) -> Result<Self, Error> {
        use der::Decode;
        let key = sec1::EcPrivateKey::from_der(der)
            .map_err(|_| Error::invalid_key("not a DER SEC1 ECPrivateKey"))?;
        let own = match key.parameters {
            Some(sec1::EcParameters::NamedCurve(oid)) => Some(named_curve(Some(oid))?),
            None => None,
        };
        let curve = match (own, outer) {
            (Some(a), Some(b)) if a != b => {
                return Err(Error::invalid_key(
                    "the ECPrivateKey's curve differs from the PKCS#8 algorithm's",
                ));
            }
            (Some(curve), _) | (None, Some(curve)) => curve,
            (None, None) => {
                return Err(Error::invalid_key(
                    "an EC key must name its curve (namedCurve)",
                ));
            }
        };
        let n = curve.coordinate_len();
        if key.private_key.len() != n {
            return Err(Error::invalid_key(
                "the EC private scalar is not exactly the curve's length",
            ));
        }
        let mut scalar = Zeroizing::new([0u8; MAX_SCALAR_LEN]);
        scalar
            .get_mut(..n)
            .ok_or(Error::internal())?
            .copy_from_slice(key.private_key);
        let stated = match key.public_key {
            Some(point) => Some(Point::from_uncompressed(curve, point)?),
            None => None,
        };
        Ok(Secret {
            curve,
            scalar,
            stated,
        })
    }

    /// The key of a PKCS#8 `PrivateKeyInfo` whose algorithm is
    /// id-ecPublicKey; `None` when it holds another algorithm.
    pub(crate) fn from_pkcs8(info: &pkcs8::PrivateKeyInfoRef<'_>) -> Result<Option<Self>, Error> {
        if info.algorithm.oid != ID_EC_PUBLIC_KEY {
            return Ok(None);
        }
        let curve = named_curve(
            info.algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok()),
        )?;
        Self::from_sec1_der(info.private_key.as_bytes(), Some(curve)).map(Some)
    }
}

/// Feeds the base64url of `bytes` in three-byte chunks (no buffer).
fn feed(hash: &mut sha2::Sha256, bytes: &[u8]) {
    let mut out = [0u8; 4];
    for chunk in bytes.chunks(3) {
        if let Ok(text) = base64url::encode(chunk, &mut out) {
            hash.update(text.as_bytes());
        }
    }
}
