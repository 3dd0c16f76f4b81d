//! Keys from JSON Web Keys (RFC 7517 §4): RSA (RFC 7518 §6.3), EC (§6.2,
//! feature `ecdsa`) and OKP Ed25519 (RFC 8037, feature `eddsa`), public and
//! private.
//!
//! `kid`, `alg` and `use` are kept and enforced. A certificate chain (`x5c`) is
//! checked against the key: its first certificate must carry the same public
//! key, and `x5t` / `x5t#S256`, when present, must be that certificate's SHA-1
//! / SHA-256 thumbprint. The certificate's SHA-256 thumbprint is then what a
//! token's `x5t#S256` header selects the key by.

use alloc::boxed::Box;
use alloc::vec::Vec;

use sha2::Digest;
use zeroize::Zeroizing;

use super::meta::{KeyKind, KeyMeta};
use super::{PrivateKey, PublicKey};
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::json::{self, Kind, Value};

/// The largest JWK text accepted. A 4096-bit private JWK with a certificate
/// chain is well under this.
pub(crate) const MAX_JWK_LEN: usize = 64 * 1024;

/// The largest certificate accepted in `x5c`, decoded.
const MAX_CERTIFICATE_LEN: usize = 16 * 1024;

impl PrivateKey {
    /// Imports a private JWK: `kty` `RSA` with `n`, `e`, `d`, and either all
    /// of `p`, `q`, `dp`, `dq`, `qi` or none of them (multi-prime keys,
    /// `oth`, are refused); or `EC` (feature `ecdsa`) with `crv`, `x`, `y`
    /// and `d`, each exactly the curve's length, `x`/`y` the point of `d`.
    /// `kid`, `alg` and `use` are kept and enforced: a key with an `alg` is
    /// used for that algorithm only, a key whose `use` is not `enc` is not
    /// used for decryption.
    ///
    /// ```
    /// let jwk = include_str!("../../../vectors/rfc7520_5_2.key.json");
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
        Self::from_jwk_value(parse(jwk)?)
    }

    pub(crate) fn from_jwk_value(doc: Value<'_>) -> Result<Self, Error> {
        let mut key = match public_kty(doc)? {
            Kty::Rsa => Self::from_rsa_jwk(doc)?,
            #[cfg(feature = "ecdsa")]
            Kty::Ec => {
                let secret = super::ec::Secret::from_jwk(doc)?;
                PrivateKey::from_ec_scalar(secret.curve, secret.scalar(), secret.stated)?
            }
            #[cfg(any(feature = "eddsa", feature = "x25519"))]
            Kty::Okp => match okp_curve(doc)? {
                #[cfg(feature = "eddsa")]
                OkpCurve::Ed25519 => {
                    let (seed, x) = super::okp::private_from_jwk(doc)?;
                    PrivateKey::from_ed25519_seed(&seed, Some(x))?
                }
                #[cfg(feature = "x25519")]
                OkpCurve::X25519 => {
                    let (scalar, _) = super::x25519::private_from_jwk(doc)?;
                    PrivateKey::from_x25519_scalar(scalar)
                }
            },
        };
        key.meta = metadata(doc, Some(key.thumbprint()), key.meta.kind)?;
        Ok(key)
    }

    fn from_rsa_jwk(doc: Value<'_>) -> Result<Self, Error> {
        let n = integer(doc, "n")?.ok_or(missing("n"))?;
        let e = integer(doc, "e")?.ok_or(missing("e"))?;
        let d = integer(doc, "d")?.ok_or(Error::invalid_key("not a private key: missing d"))?;
        let crt = [
            integer(doc, "p")?,
            integer(doc, "q")?,
            integer(doc, "dp")?,
            integer(doc, "dq")?,
            integer(doc, "qi")?,
        ];
        let present = crt.iter().filter(|c| c.is_some()).count();
        match crt {
            [Some(p), Some(q), Some(_), Some(_), Some(_)] => {
                PrivateKey::build(&n, &e, &d, Some((&p, &q)))
            }
            _ if present == 0 => PrivateKey::build(&n, &e, &d, None),
            _ => Err(Error::invalid_key(
                "p, q, dp, dq and qi must be all present or all absent",
            )),
        }
    }
}

impl PublicKey {
    /// Imports a public JWK: `kty` `RSA` (`n`, `e`), or `EC` (`crv` P-256,
    /// P-384 or P-521, `x` and `y` of exactly the curve's length; feature
    /// `ecdsa`), keeping `kid`, `alg`, `use` and the certificate thumbprint
    /// from `x5c`. A JWK that carries a private part (`d`) is refused:
    /// publish and load public keys only.
    ///
    /// ```
    /// let set = include_str!("../../../vectors/rfc7517_A1.public.json");
    /// # let doc = jose_core::json::parse(set.as_bytes())?;
    /// # let first = doc.get("keys").unwrap().elements().nth(1).unwrap().raw();
    /// let key = jose_core::keys::PublicKey::from_jwk(first)?;
    /// assert_eq!(key.kid(), Some("2011-04-29"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        Self::from_jwk_value(parse(jwk)?)
    }

    pub(crate) fn from_jwk_value(doc: Value<'_>) -> Result<Self, Error> {
        if doc.get("d").is_some() {
            return Err(Error::invalid_key(
                "a public key import was given a private JWK (d present)",
            ));
        }
        let mut key = match public_kty(doc)? {
            Kty::Rsa => {
                let n = integer(doc, "n")?.ok_or(missing("n"))?;
                let e = integer(doc, "e")?.ok_or(missing("e"))?;
                PublicKey::from_components(&n, &e)?
            }
            #[cfg(feature = "ecdsa")]
            Kty::Ec => PublicKey::from_ec_point(super::ec::Point::from_jwk(doc)?)?,
            #[cfg(any(feature = "eddsa", feature = "x25519"))]
            Kty::Okp => match okp_curve(doc)? {
                #[cfg(feature = "eddsa")]
                OkpCurve::Ed25519 => PublicKey::from_ed25519(super::okp::public_from_jwk(doc)?)?,
                #[cfg(feature = "x25519")]
                OkpCurve::X25519 => PublicKey::from_x25519(
                    super::x25519::public_from_jwk(doc)?,
                    super::meta::KeyMeta::default(),
                    crate::backend::Backend::DEFAULT,
                ),
            },
        };
        key.meta = metadata(doc, Some(key.thumbprint()), key.meta.kind)?;
        Ok(key)
    }
}

/// The key types a JWK may have in this build.
enum Kty {
    Rsa,
    #[cfg(feature = "ecdsa")]
    Ec,
    #[cfg(any(feature = "eddsa", feature = "x25519"))]
    Okp,
}

/// The OKP curves a JWK may have in this build.
#[cfg(any(feature = "eddsa", feature = "x25519"))]
enum OkpCurve {
    #[cfg(feature = "eddsa")]
    Ed25519,
    #[cfg(feature = "x25519")]
    X25519,
}

/// The `crv` of an OKP JWK, if this build uses it: `Ed25519` with the
/// `eddsa` feature, `X25519` with `x25519`; Ed448 and X448 are
/// `unsupported`.
#[cfg(any(feature = "eddsa", feature = "x25519"))]
fn okp_curve(doc: Value<'_>) -> Result<OkpCurve, Error> {
    let crv = doc
        .get("crv")
        .and_then(|v| v.as_str())
        .ok_or(Error::invalid_key("missing member").with(crate::error::Detail::Name("crv")))?;
    let missing = |why| Err(Error::unsupported(Part::Key, why));
    if crv == "Ed25519" {
        #[cfg(feature = "eddsa")]
        return Ok(OkpCurve::Ed25519);
        #[cfg(not(feature = "eddsa"))]
        return missing(
            "Ed25519 keys need jose-core's `eddsa` feature, which this build leaves out",
        );
    }
    if crv == "X25519" {
        #[cfg(feature = "x25519")]
        return Ok(OkpCurve::X25519);
        #[cfg(not(feature = "x25519"))]
        return missing(
            "X25519 keys need jose-core's `x25519` feature, which this build leaves out",
        );
    }
    missing("OKP curve other than Ed25519 and X25519 (crv): Ed448 and X448 are not implemented")
}

/// Parses `jwk` (bounded) as a JSON object.
pub(crate) fn parse(jwk: &str) -> Result<Value<'_>, Error> {
    if jwk.len() > MAX_JWK_LEN {
        return Err(Error::too_large(Part::Key, jwk.len(), MAX_JWK_LEN));
    }
    let doc = json::parse(jwk.as_bytes()).map_err(|e| e.in_part(Part::Key))?;
    if doc.kind() != Kind::Object {
        return Err(Error::invalid_key("a JWK must be a JSON object"));
    }
    Ok(doc)
}

/// The `kty` of a JWK, if this build uses that type: `RSA`, `EC` with the
/// `ecdsa` feature, `OKP` with `eddsa`; any other is `unsupported`.
fn public_kty(doc: Value<'_>) -> Result<Kty, Error> {
    match doc.get("kty").and_then(|v| v.as_str()) {
        Some(kty) if kty == "RSA" => check_rsa(doc).map(|()| Kty::Rsa),
        #[cfg(feature = "ecdsa")]
        Some(kty) if kty == "EC" => Ok(Kty::Ec),
        #[cfg(not(feature = "ecdsa"))]
        Some(kty) if kty == "EC" => Err(Error::unsupported(
            Part::Key,
            "EC keys need jose-core's `ecdsa` feature, which this build leaves out",
        )),
        #[cfg(any(feature = "eddsa", feature = "x25519"))]
        Some(kty) if kty == "OKP" => Ok(Kty::Okp),
        #[cfg(not(any(feature = "eddsa", feature = "x25519")))]
        Some(kty) if kty == "OKP" => Err(Error::unsupported(
            Part::Key,
            "OKP keys need jose-core's `eddsa` (Ed25519) or `x25519` feature, which this build \
             leaves out",
        )),
        Some(_) => Err(Error::unsupported(
            Part::Key,
            "key type other than RSA, EC and OKP: never used by this crate",
        )),
        None => Err(Error::invalid_key("missing kty")),
    }
}

/// Whether a JWK Set member is a public key this build can use (the check
/// before its import; the reason when not).
pub(crate) fn check_public(doc: Value<'_>) -> Result<(), Error> {
    public_kty(doc).map(|_| ())
}

/// Whether a JWK Set member is a private key this build decrypts with: an
/// RSA key (any other type is `unsupported`, named as before).
pub(crate) fn check_private(doc: Value<'_>) -> Result<(), Error> {
    let kty = doc.get("kty").and_then(|k| k.as_str());
    if kty.is_some_and(|k| k == "EC") {
        // ECDH-ES; without the `ecdsa` feature the import says so.
        return Ok(());
    }
    let crv = doc.get("crv").and_then(|k| k.as_str());
    if kty.is_some_and(|k| k == "OKP") && crv.is_some_and(|c| c == "X25519") {
        // ECDH-ES; without the `x25519` feature the import says so.
        return Ok(());
    }
    if kty.is_some_and(|k| k != "RSA") {
        return Err(Error::unsupported(
            Part::Key,
            "key type other than RSA, EC and X25519: this crate decrypts with RSA (RSA-OAEP), \
             EC and X25519 (ECDH-ES) keys, and with shared secrets given as SecretKey",
        ));
    }
    check_rsa(doc)
}

pub(crate) fn check_rsa(doc: Value<'_>) -> Result<(), Error> {
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
    Ok(())
}

fn missing(name: &'static str) -> Error {
    Error::invalid_key("missing member").with(Detail::Name(name))
}

/// A base64url big-endian integer member, decoded into zeroizing memory.
fn integer(doc: Value<'_>, name: &'static str) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let Some(value) = doc.get(name) else {
        return Ok(None);
    };
    let text = value
        .as_str()
        .and_then(|s| s.as_plain())
        .ok_or(Error::invalid_key("member must be a base64url string").with(Detail::Name(name)))?;
    let invalid = || Error::invalid_key("invalid base64url").with(Detail::Name(name));
    let len = base64url::decoded_len(text.len()).ok_or_else(invalid)?;
    let mut out = Zeroizing::new(alloc::vec![0u8; len]);
    base64url::decode(text.as_bytes(), &mut out, Part::Key).map_err(|_| invalid())?;
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

/// A base64url thumbprint member of exactly `N` bytes.
fn thumbprint_member<const N: usize>(
    doc: Value<'_>,
    name: &'static str,
) -> Result<Option<[u8; N]>, Error> {
    let Some(value) = doc.get(name) else {
        return Ok(None);
    };
    let invalid =
        || Error::invalid_key("thumbprint must be base64url of a hash").with(Detail::Name(name));
    let text = value
        .as_str()
        .and_then(|s| s.as_plain())
        .ok_or_else(invalid)?;
    if text.len() != base64url::encoded_len(N) {
        return Err(invalid());
    }
    let mut out = [0u8; N];
    base64url::decode(text.as_bytes(), &mut out, Part::Key).map_err(|_| invalid())?;
    Ok(Some(out))
}

/// `kid`, `alg`, `use`, `key_ops`, and the certificate facts, checked
/// against the key whose RFC 7638 thumbprint is `thumbprint` (`None` for a
/// secret, which no certificate carries).
pub(crate) fn metadata(
    doc: Value<'_>,
    thumbprint: Option<[u8; 32]>,
    kind: KeyKind,
) -> Result<KeyMeta, Error> {
    let mut meta = KeyMeta {
        kid: text(doc, "kid")?,
        alg: text(doc, "alg")?,
        usage: text(doc, "use")?,
        key_ops: super::meta::KeyOps::from_jwk(doc)?,
        x5t_s256: None,
        certificate: None,
        rsassa_pss: false,
        kind,
    };
    meta.check_consistent()?;
    let stated_s256 = thumbprint_member::<32>(doc, "x5t#S256")?;
    let stated_sha1 = thumbprint_member::<20>(doc, "x5t")?;
    match first_certificate(doc)? {
        Some(der) => {
            // The certificate's key, read as any certificate is: the same
            // key when its RFC 7638 thumbprint (kty and numbers) is equal.
            let certified = PublicKey::from_certificate_der(&der)?;
            let pss = certified.meta.rsassa_pss;
            if Some(certified.thumbprint()) != thumbprint {
                return Err(Error::invalid_key(
                    "x5c certificate carries a different public key",
                ));
            }
            let s256: [u8; 32] = sha2::Sha256::digest(&der).into();
            if stated_s256.is_some_and(|t| t != s256) {
                return Err(Error::invalid_key(
                    "x5t#S256 is not the thumbprint of the x5c certificate",
                ));
            }
            let sha1: [u8; 20] = sha1::Sha1::digest(&der).into();
            if stated_sha1.is_some_and(|t| t != sha1) {
                return Err(Error::invalid_key(
                    "x5t is not the thumbprint of the x5c certificate",
                ));
            }
            meta.x5t_s256 = Some(s256);
            meta.certificate = Some(der.into_boxed_slice());
            // A certificate restricting the key to PSS binds the JWK too.
            meta.rsassa_pss = pss;
            meta.check_consistent()?;
        }
        // Without the certificate the stated thumbprint is all there is.
        None => meta.x5t_s256 = stated_s256,
    }
    Ok(meta)
}

/// The DER of the first certificate in `x5c` (standard base64, RFC 7517 §4.7).
fn first_certificate(doc: Value<'_>) -> Result<Option<Vec<u8>>, Error> {
    let Some(chain) = doc.get("x5c") else {
        return Ok(None);
    };
    let invalid = || Error::invalid_key("x5c must be an array of base64 certificates");
    if chain.kind() != Kind::Array {
        return Err(invalid());
    }
    let first = chain.elements().next().ok_or_else(invalid)?;
    let text = first
        .as_str()
        .and_then(|s| s.as_plain())
        .ok_or_else(invalid)?;
    if text.len() > MAX_CERTIFICATE_LEN * 4 / 3 + 4 {
        return Err(Error::too_large(
            Part::Key,
            text.len(),
            MAX_CERTIFICATE_LEN * 4 / 3 + 4,
        ));
    }
    use base64ct::Encoding;
    base64ct::Base64::decode_vec(text)
        .map(Some)
        .map_err(|_| invalid())
}
