//! Public keys for verifying JWS signatures: RSA, EC on P-256, P-384 and
//! P-521 (feature `ecdsa`), Ed25519 (feature `eddsa`). The key's type binds
//! the algorithms it verifies (`KeyKind`), whatever a token's header says.

use alloc::vec::Vec;
use core::fmt;

use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PublicKey as RsaPublicKey};

#[cfg(feature = "ecdsa")]
use super::ec::Point;
#[cfg(any(feature = "ecdsa", feature = "eddsa", feature = "x25519"))]
use super::meta::KeyKind;
use super::meta::{KeyMeta, KeyUse};
use super::private::{check_import_bits, check_import_modulus};
use crate::algorithm::SignatureAlgorithm;
#[cfg(feature = "ecdsa")]
use crate::backend::EcPublic;
#[cfg(feature = "eddsa")]
use crate::backend::eddsa::EdPublic;
use crate::backend::integers::{bit_len, strip_leading_zeros};
use crate::backend::{Backend, Prehash, RsaPublic, SignedInput};
use crate::error::{Detail, Error, ErrorKind, Part};

/// A public key for verifying signatures, with the metadata a JWK or a
/// certificate gives it (`kid`, `alg`, `use`, `x5t#S256`): RSA (modulus
/// 2048 to 4096 bits; Montgomery parameters computed once, at import) or,
/// with the `ecdsa` feature, EC on P-256, P-384 or P-521 (the point checked
/// on its curve at import).
///
/// The key's type binds what it verifies: an RSA key RS256..PS512, an EC
/// key the one ES algorithm of its curve. No HMAC secret is a `PublicKey`,
/// so no token can steer verification to one.
///
/// ```
/// let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
/// let key = jose_core::keys::PublicKey::from_certificate_pem(pem)?;
/// assert_eq!(key.bits(), 2048);
/// assert!(key.x5t_s256().is_some());
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone)]
pub struct PublicKey {
    material: Material,
    /// RFC 7638, computed once: the key's identity in fingerprints.
    thumbprint: [u8; 32],
    pub(crate) meta: KeyMeta,
}

/// The key itself, in the form of the backend it was converted for.
#[derive(Clone)]
enum Material {
    Rsa {
        ops: RsaPublic,
        bits: usize,
    },
    /// Boxed: the point and the curve's verifying key are ten times an RSA
    /// key's handles, and keys are made once.
    #[cfg(feature = "ecdsa")]
    Ec(alloc::boxed::Box<EcKey>),
    /// Boxed as EC keys are (dalek keeps the decoded point beside the bytes).
    #[cfg(feature = "eddsa")]
    Ed25519(alloc::boxed::Box<EdKey>),
    /// The u-coordinate: X25519 needs nothing decoded ahead.
    #[cfg(feature = "x25519")]
    X25519 {
        u: [u8; 32],
        backend: Backend,
    },
}

/// An Ed25519 key: its encoding, the checked key, and the backend it was
/// asked for (EdDSA runs on ed25519-dalek on every backend: see
/// `backend::eddsa`).
#[cfg(feature = "eddsa")]
#[derive(Clone)]
pub(crate) struct EdKey {
    pub(crate) x: [u8; 32],
    ops: EdPublic,
    pub(crate) backend: Backend,
}

#[cfg(feature = "eddsa")]
impl EdKey {
    /// The key encoded as `x`, for [`Backend::DEFAULT`]; `invalid_key`
    /// unless canonical and not of small order.
    pub(crate) fn new(x: [u8; 32]) -> Result<Self, Error> {
        Ok(EdKey {
            ops: EdPublic::from_bytes(&x).ok_or(Error::invalid_key(
                "not a canonical Ed25519 point of large order (RFC 8032; small-order keys \
                 admit forgeries)",
            ))?,
            x,
            backend: Backend::DEFAULT,
        })
    }
}

#[cfg(feature = "ecdsa")]
#[derive(Clone)]
struct EcKey {
    point: Point,
    ops: EcPublic,
}

impl PublicKey {
    /// Builds a key from its big-endian modulus `n` and exponent `e`.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// # let private = jose_core::keys::PrivateKey::from_jwk(jwk)?;
    /// let public = private.public_key();
    /// let (n, e) = (public.modulus().unwrap(), public.exponent().unwrap());
    /// let same = jose_core::keys::PublicKey::from_components(&n, &e)?;
    /// assert_eq!(same.thumbprint(), public.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let n = strip_leading_zeros(n);
        let e = strip_leading_zeros(e);
        check_import_bits(bit_len(n))?;
        if e.len() > 8 {
            return Err(Error::invalid_key("public exponent too large"));
        }
        let inner = RsaPublicKey::new(
            BoxedUint::from_be_slice_vartime(n),
            BoxedUint::from_be_slice_vartime(e),
        )
        .map_err(|_| Error::invalid_key("invalid RSA public key"))?;
        Self::from_rsa(inner)
    }

    pub(crate) fn from_rsa(inner: RsaPublicKey) -> Result<Self, Error> {
        let bits = check_import_modulus(inner.n())?;
        Ok(PublicKey {
            thumbprint: super::thumbprint::rfc7638(&inner),
            material: Material::Rsa {
                ops: RsaPublic::new(inner, Backend::DEFAULT)?,
                bits,
            },
            meta: KeyMeta::default(),
        })
    }

    /// An EC key at `point`, checked on its curve.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn from_ec_point(point: Point) -> Result<Self, Error> {
        Ok(PublicKey {
            thumbprint: point.thumbprint(),
            material: Material::Ec(alloc::boxed::Box::new(EcKey {
                ops: EcPublic::new(point.curve, point.uncompressed(), Backend::DEFAULT)?,
                point,
            })),
            meta: KeyMeta {
                kind: KeyKind::Ec(point.curve),
                ..KeyMeta::default()
            },
        })
    }

    /// The public half of an EC private key: its point (checked when the
    /// private key was made) and the verifying key made beside it.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn from_ec_checked(
        point: Point,
        ops: EcPublic,
        thumbprint: [u8; 32],
        meta: KeyMeta,
    ) -> Self {
        PublicKey {
            material: Material::Ec(alloc::boxed::Box::new(EcKey { point, ops })),
            thumbprint,
            meta,
        }
    }

    /// An Ed25519 key encoded as `x` (RFC 8032): refused unless canonical
    /// and not of small order.
    #[cfg(feature = "eddsa")]
    pub(crate) fn from_ed25519(x: [u8; 32]) -> Result<Self, Error> {
        Ok(PublicKey {
            thumbprint: super::okp::thumbprint(&x),
            material: Material::Ed25519(alloc::boxed::Box::new(EdKey::new(x)?)),
            meta: KeyMeta {
                kind: KeyKind::Ed25519,
                ..KeyMeta::default()
            },
        })
    }

    /// The public half of an Ed25519 private key (checked when it was made).
    #[cfg(feature = "eddsa")]
    pub(crate) fn from_ed25519_checked(key: EdKey, thumbprint: [u8; 32], meta: KeyMeta) -> Self {
        PublicKey {
            material: Material::Ed25519(alloc::boxed::Box::new(key)),
            thumbprint,
            meta,
        }
    }

    /// An X25519 key (RFC 8037) with public u-coordinate `u`, its
    /// tokens' content encryption on `backend`.
    #[cfg(feature = "x25519")]
    pub(crate) fn from_x25519(u: [u8; 32], meta: KeyMeta, backend: Backend) -> Self {
        PublicKey {
            thumbprint: super::x25519::thumbprint(&u),
            material: Material::X25519 { u, backend },
            meta: KeyMeta {
                kind: KeyKind::X25519,
                ..meta
            },
        }
    }

    /// The X25519 key's u-coordinate, if this is one.
    #[cfg(feature = "x25519")]
    pub(crate) fn x25519_u(&self) -> Option<&[u8; 32]> {
        match &self.material {
            Material::X25519 { u, .. } => Some(u),
            _ => None,
        }
    }

    /// The Ed25519 key's encoding, if this is one.
    #[cfg(feature = "eddsa")]
    pub(crate) fn ed25519_x(&self) -> Option<&[u8; 32]> {
        match &self.material {
            Material::Ed25519(ed) => Some(&ed.x),
            _ => None,
        }
    }

    pub(crate) fn from_checked(
        inner: RsaPublic,
        bits: usize,
        thumbprint: [u8; 32],
        meta: KeyMeta,
    ) -> Self {
        PublicKey {
            material: Material::Rsa { ops: inner, bits },
            thumbprint,
            meta,
        }
    }

    /// The RSA key, if this is one.
    pub(crate) fn rsa(&self) -> Option<&RsaPublicKey> {
        self.rsa_ops().map(RsaPublic::rsa)
    }

    /// The RSA key's operations, if this is one.
    pub(crate) fn rsa_ops(&self) -> Option<&RsaPublic> {
        match &self.material {
            Material::Rsa { ops, .. } => Some(ops),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The EC point, if this is an EC key.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn ec_point(&self) -> Option<&Point> {
        match &self.material {
            Material::Ec(ec) => Some(&ec.point),
            _ => None,
        }
    }

    /// The key's type, `"RSA"` or `"EC"` (the JWK `kty`).
    ///
    /// ```
    /// let key = jose_core::keys::PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// assert_eq!(key.key_type(), "RSA");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn key_type(&self) -> &'static str {
        self.meta.kind.kty()
    }

    /// The curve of an EC key; `None` for an RSA key.
    ///
    /// ```
    /// let key = jose_core::keys::PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// assert_eq!(key.curve(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn curve(&self) -> Option<crate::algorithm::Curve> {
        self.meta.kind.curve()
    }

    /// The backend this key's operations run on: [`Backend::DEFAULT`]
    /// unless converted with [`PublicKey::with_backend`] (a private key's
    /// public key keeps the private key's).
    ///
    /// ```
    /// let key = jose_core::keys::PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// assert_eq!(key.backend(), jose_core::Backend::DEFAULT);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn backend(&self) -> Backend {
        match &self.material {
            Material::Rsa { ops, .. } => ops.backend(),
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => ec.ops.backend(),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => ed.backend,
            #[cfg(feature = "x25519")]
            Material::X25519 { backend, .. } => *backend,
        }
    }

    /// The same key, its operations (signature checks, RSA-OAEP wrapping
    /// and the content encryption of the tokens it encrypts) on `backend`;
    /// an `invalid_key` error if that backend refuses the key.
    ///
    /// ```
    /// use jose_core::{Backend, keys::PublicKey};
    /// let key = PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// assert_eq!(key.with_backend(Backend::RustCrypto)?.backend(), Backend::RustCrypto);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_backend(self, backend: Backend) -> Result<Self, Error> {
        if self.backend() == backend {
            return Ok(self);
        }
        let material = match &self.material {
            Material::Rsa { ops, bits } => Material::Rsa {
                ops: RsaPublic::new(ops.rsa().clone(), backend)?,
                bits: *bits,
            },
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => Material::Ec(alloc::boxed::Box::new(EcKey {
                ops: EcPublic::new(ec.point.curve, ec.point.uncompressed(), backend)?,
                point: ec.point,
            })),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => Material::Ed25519(alloc::boxed::Box::new(EdKey {
                backend,
                ..(**ed).clone()
            })),
            #[cfg(feature = "x25519")]
            Material::X25519 { u, .. } => Material::X25519 { u: *u, backend },
        };
        Ok(PublicKey { material, ..self })
    }

    /// Sets the key identifier matched against a token's `kid`.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// let key = jose_core::keys::PublicKey::from_certificate_pem(pem)?.with_kid("2024-01");
    /// assert_eq!(key.kid(), Some("2024-01"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_kid(mut self, kid: &str) -> Self {
        self.meta.kid = Some(kid.into());
        self
    }

    /// Restricts the key to one signature algorithm, as a JWK's `alg` does.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// use jose_core::SignatureAlgorithm;
    /// let key = jose_core::keys::PublicKey::from_certificate_pem(pem)?.with_alg(SignatureAlgorithm::Rs256);
    /// assert_eq!(key.alg(), Some("RS256"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_alg(mut self, alg: SignatureAlgorithm) -> Self {
        self.meta.alg = Some(alg.name().into());
        self
    }

    /// States what the key is for, as a JWK's `use` does (see
    /// [`crate::keys::PrivateKey::with_use`]).
    ///
    /// ```
    /// use jose_core::keys::{KeyUse, PublicKey};
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// let key = PublicKey::from_certificate_pem(pem)?.with_use(KeyUse::Signature)?;
    /// assert_eq!(key.key_use(), Some("sig"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_use(mut self, usage: KeyUse) -> Result<Self, Error> {
        self.meta.set_use(usage)?;
        Ok(self)
    }

    /// Whether the key came as `id-RSASSA-PSS` (RFC 4055): then it verifies
    /// PS256/384/512 signatures only.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert!(!jose_core::keys::PublicKey::from_certificate_pem(pem)?.is_rsassa_pss());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn is_rsassa_pss(&self) -> bool {
        self.meta.rsassa_pss
    }

    /// The key's size in bits: the RSA modulus's, the EC curve's order's
    /// (256, 384, 521), or 256 for Ed25519.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.bits(), 2048);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn bits(&self) -> usize {
        match &self.material {
            Material::Rsa { bits, .. } => *bits,
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => ec.point.curve.bits(),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(_) => 256,
            #[cfg(feature = "x25519")]
            Material::X25519 { .. } => 256,
        }
    }

    /// The RSA modulus size in bits, for the policy's RSA sizes; `None` for
    /// any other key.
    pub(crate) fn rsa_bits(&self) -> Option<usize> {
        match &self.material {
            Material::Rsa { bits, .. } => Some(*bits),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The exact length of a signature by this key: the RSA modulus length,
    /// twice the EC coordinate length (`r || s`), 64 for Ed25519, 0 for an
    /// X25519 key (it never signs).
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.signature_len(), 256);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn signature_len(&self) -> usize {
        match &self.material {
            Material::Rsa { ops, .. } => ops.rsa().size(),
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => 2 * ec.point.curve.coordinate_len(),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(_) => 64,
            // It never signs.
            #[cfg(feature = "x25519")]
            Material::X25519 { .. } => 0,
        }
    }

    /// The RSA modulus size in bytes; `None` for any other key.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.modulus_len(), Some(256));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn modulus_len(&self) -> Option<usize> {
        self.rsa().map(|rsa| rsa.size())
    }

    /// The RSA modulus, big-endian, without leading zeros; `None` for an EC
    /// key.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.modulus().map(|n| n.len()), Some(256));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn modulus(&self) -> Option<Vec<u8>> {
        self.rsa()
            .map(|rsa| strip_leading_zeros(&rsa.n().as_ref().to_be_bytes()).to_vec())
    }

    /// The RSA public exponent, big-endian, without leading zeros; `None`
    /// for an EC key.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.exponent(), Some(vec![1, 0, 1]));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn exponent(&self) -> Option<Vec<u8>> {
        self.rsa()
            .map(|rsa| strip_leading_zeros(&rsa.e().to_be_bytes()).to_vec())
    }

    /// The key identifier, if any.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.kid(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(&self) -> Option<&str> {
        self.meta.kid.as_deref()
    }

    /// The algorithm the key is restricted to, if any.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.alg(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn alg(&self) -> Option<&str> {
        self.meta.alg.as_deref()
    }

    /// The declared use (`sig` or `enc`), if any.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.key_use(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn key_use(&self) -> Option<&str> {
        self.meta.usage.as_deref()
    }

    /// The SHA-256 thumbprint of the key's X.509 certificate (what a token's
    /// `x5t#S256` header names), if the key came with one.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// assert_eq!(jose_core::keys::PublicKey::from_certificate_pem(pem)?.x5t_s256().unwrap().len(), 32);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn x5t_s256(&self) -> Option<&[u8; 32]> {
        self.meta.x5t_s256.as_ref()
    }

    /// The RFC 7638 JWK thumbprint (SHA-256) of this key.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/issuer.cert.pem");
    /// let key = jose_core::keys::PublicKey::from_certificate_pem(pem)?;
    /// assert_eq!(key.thumbprint().len(), 32);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn thumbprint(&self) -> [u8; 32] {
        self.thumbprint
    }

    /// Whether this key may wrap content keys with `alg`.
    pub(crate) fn check_usable_for_encryption(
        &self,
        alg: crate::algorithm::KeyAlgorithm,
    ) -> Result<(), Error> {
        self.meta.check_usable(super::meta::Purpose::Encrypt, alg)
    }

    /// Whether this key may verify signatures made with `alg`.
    pub(crate) fn check_usable_for_verifying(&self, alg: SignatureAlgorithm) -> Result<(), Error> {
        self.meta.check_usable(super::meta::Purpose::Verify, alg)
    }

    /// Verifies `signature` over `signing_input` with `alg`: the JWS signature
    /// check without the JWS. The signature must be exactly the modulus length
    /// (and, as an integer, below the modulus). The key's `use`/`alg`
    /// restrictions are not applied here; [`crate::jws::Compact::verify`]
    /// applies them when it chooses the key.
    ///
    /// ```
    /// use jose_core::{keys::PublicKey, SignatureAlgorithm, ErrorKind};
    /// let key = PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// let (input, signature) = token.rsplit_once('.').unwrap();
    /// let mut sig = [0u8; 256];
    /// jose_core::base64url::decode(signature.as_bytes(), &mut sig, jose_core::Part::Signature)?;
    /// key.verify(SignatureAlgorithm::Rs256, input.as_bytes(), &sig)?;
    /// let err = key.verify(SignatureAlgorithm::Rs256, b"other", &sig).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Signature);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn verify(
        &self,
        alg: SignatureAlgorithm,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        self.verify_input(alg, &SignedInput::Text(signing_input), signature)
    }

    /// [`PublicKey::verify`] over the signing input in the form the caller
    /// has it.
    pub(crate) fn verify_input(
        &self,
        alg: SignatureAlgorithm,
        input: &SignedInput<'_>,
        signature: &[u8],
    ) -> Result<(), Error> {
        self.meta.check_kind(alg)?;
        if signature.len() != self.signature_len() {
            return Err(Error::new(
                ErrorKind::Signature,
                Some(Part::Signature),
                "length differs from the key's signature length",
            )
            .with(Detail::Length {
                found: signature.len(),
                expected: self.signature_len(),
            }));
        }
        let prehashed = |verify: &dyn Fn(&Prehash) -> bool| {
            input.prehash(alg).is_some_and(|prehash| verify(&prehash))
        };
        let verified = match &self.material {
            Material::Rsa { ops, .. } => prehashed(&|p| ops.verify_prehashed(p, signature)),
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => prehashed(&|p| ec.ops.verify_prehashed(p, signature)),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => ed.ops.verify(input, signature),
            // `check_kind` refused every signature algorithm for it.
            #[cfg(feature = "x25519")]
            Material::X25519 { .. } => false,
        };
        if verified {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Signature,
            Some(Part::Signature),
            "does not verify",
        ))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("kty", &self.key_type())
            .field("bits", &self.bits())
            .field("kid", &self.meta.kid)
            .field("alg", &self.meta.alg)
            .field("use", &self.meta.usage)
            .field("rsassa_pss", &self.meta.rsassa_pss)
            .field("x5t#S256", &self.meta.x5t_s256.is_some())
            .finish_non_exhaustive()
    }
}
