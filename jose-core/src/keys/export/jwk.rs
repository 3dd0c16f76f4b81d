//! JWK and JWK Set text for keys (RFC 7517, RFC 7518 §6.3): the public
//! members `kty`, `n`, `e`, then `kid`, `use`, `alg`, `key_ops`, `x5c`,
//! `x5t#S256` as the key states them; for a private JWK also `d`, `p`, `q`,
//! `dp`, `dq`, `qi`. Integers are base64url of their minimal big-endian
//! bytes, written in place in the output (the private ones with the
//! constant-time encoder), so no copy of a secret is made.

use base64ct::{Base64, Encoding};
use crypto_bigint::BoxedUint;
use zeroize::Zeroizing;

use super::super::meta::KeyMeta;
use super::{MAX_MAGNITUDE, magnitude, too_large};
use crate::base64url;
use crate::error::Error;
use crate::json::ObjectWriter;

/// The key's RSA integers, by JWK member name, in the order written.
pub(crate) type Integers<'k> = [(&'static str, &'k BoxedUint)];

/// Writes `kty`, the integers, then the metadata.
pub(crate) fn write_members(w: &mut ObjectWriter<'_>, integers: &Integers<'_>, meta: &KeyMeta) {
    w.string("kty", "RSA");
    for (name, x) in integers {
        let len = crate::backend::bit_width(x).div_ceil(8) as usize;
        w.encoded(name, base64url::encoded_len(len), |out| {
            let mut scratch = Zeroizing::new([0u8; MAX_MAGNITUDE + 8]);
            let bytes = magnitude(x, &mut scratch).ok_or_else(too_large)?;
            base64url::encode(bytes, out).map(|_| ())
        });
    }
    write_meta(w, meta);
}

/// Writes an EC key's `kty`, `crv`, `x` and `y` (RFC 7518 §6.2.1).
#[cfg(feature = "ecdsa")]
pub(crate) fn write_ec(w: &mut ObjectWriter<'_>, point: &crate::keys::ec::Point) {
    w.string("kty", "EC");
    w.string("crv", point.curve.name());
    for (name, coordinate) in [("x", point.x()), ("y", point.y())] {
        w.encoded(name, base64url::encoded_len(coordinate.len()), |out| {
            base64url::encode(coordinate, out).map(|_| ())
        });
    }
}

/// Writes an OKP key's `kty`, `crv` (`Ed25519` or `X25519`) and `x` (RFC
/// 8037 §2).
#[cfg(any(feature = "eddsa", feature = "x25519"))]
pub(crate) fn write_okp(w: &mut ObjectWriter<'_>, crv: &str, x: &[u8; 32]) {
    w.string("kty", "OKP");
    w.string("crv", crv);
    w.encoded("x", base64url::encoded_len(x.len()), |out| {
        base64url::encode(x, out).map(|_| ())
    });
}

/// Writes a secret member (an EC scalar, an Ed25519 seed, an X25519
/// scalar) with the constant-time encoder, straight into the output.
#[cfg(any(feature = "ecdsa", feature = "eddsa", feature = "x25519"))]
pub(crate) fn write_secret(w: &mut ObjectWriter<'_>, name: &str, secret: &[u8]) {
    w.encoded(name, base64url::encoded_len(secret.len()), |out| {
        base64url::encode(secret, out).map(|_| ())
    });
}

/// Writes `kid`, `use`, `alg`, `key_ops`, `x5c` and `x5t#S256` as the key
/// states them.
pub(crate) fn write_meta(w: &mut ObjectWriter<'_>, meta: &KeyMeta) {
    if let Some(kid) = meta.kid.as_deref() {
        w.string("kid", kid);
    }
    if let Some(usage) = meta.usage.as_deref() {
        w.string("use", usage);
    }
    if let Some(alg) = meta.alg.as_deref() {
        w.string("alg", alg);
    }
    if let Some(ops) = meta.key_ops {
        w.array("key_ops", |a| {
            for name in ops.names() {
                a.string(name);
            }
        });
    }
    if let Some(der) = meta.certificate.as_deref() {
        w.array("x5c", |a| {
            a.encoded(Base64::encoded_len(der), |out| {
                Base64::encode(der, out)
                    .map(|_| ())
                    .map_err(|_| Error::internal())
            });
        });
    }
    if let Some(thumbprint) = meta.x5t_s256.as_ref() {
        w.encoded("x5t#S256", base64url::encoded_len(32), |out| {
            base64url::encode(thumbprint, out).map(|_| ())
        });
    }
}
