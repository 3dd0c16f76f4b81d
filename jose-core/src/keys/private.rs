//! Private keys: RSA (decrypting with RSA-OAEP, signing RS/PS) and, with
//! the `ecdsa` feature, EC on P-256, P-384 and P-521 (signing ES256/384/512).
//! The key's type binds what it does (`KeyKind`), as for public keys.

use alloc::vec::Vec;
use core::fmt;

use rand_core::{CryptoRng, TryCryptoRng};
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PrivateKey as RsaPrivateKey};
use subtle::Choice;
#[cfg(any(feature = "hazmat", test))]
use zeroize::Zeroizing;

use super::PublicKey;
#[cfg(feature = "ecdsa")]
use super::ec::Point;
#[cfg(any(feature = "ecdsa", feature = "eddsa", feature = "x25519"))]
use super::meta::KeyKind;
use super::meta::{KeyMeta, KeyUse, Purpose};
use crate::algorithm::{KeyAlgorithm, SignatureAlgorithm};
#[cfg(feature = "ecdsa")]
use crate::backend::EcPrivate;
#[cfg(feature = "ecdsa")]
use crate::backend::SignedInput;
use crate::backend::integers::{bit_len, strip_leading_zeros};
use crate::backend::{Backend, RsaPrivate};
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::policy::Policy;

/// A private key, with the metadata a JWK gives it: RSA (2048 to 4096
/// bits) for decrypting JWEs and signing RS/PS tokens, or, with the `ecdsa`
/// feature, EC on P-256, P-384 or P-521 for signing ES256/384/512.
///
/// A key that declares an `alg` is used for that algorithm only; a key that
/// declares `use` other than `enc` is not used for decryption; the key's type
/// binds its algorithms (an EC key on P-256 signs ES256 and nothing else).
/// `Debug` shows the type, size and metadata, never the private values.
///
/// ```
/// let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
/// let key = jose_core::keys::PrivateKey::from_jwk(jwk)?;
/// assert_eq!(key.bits(), 2048);
/// assert!(!format!("{key:?}").contains("\"d\""));
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone)]
pub struct PrivateKey {
    material: Material,
    /// RFC 7638 of the public half, computed once.
    thumbprint: [u8; 32],
    pub(crate) meta: KeyMeta,
}

/// The key itself, in the form of the backend it was converted for.
// RSA keys, the common case, stay inline; EC keys are boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum Material {
    Rsa {
        ops: RsaPrivate,
        bits: usize,
    },
    /// Boxed, as for public keys: made once, far larger than the RSA handles.
    #[cfg(feature = "ecdsa")]
    Ec(alloc::boxed::Box<EcKey>),
    #[cfg(feature = "eddsa")]
    Ed25519(alloc::boxed::Box<EdPrivateKey>),
    /// The scalar (wiped on drop) and its public u-coordinate.
    #[cfg(feature = "x25519")]
    X25519 {
        scalar: zeroize::Zeroizing<[u8; 32]>,
        u: [u8; 32],
        backend: Backend,
    },
}

/// An Ed25519 key: the seed's signing key and the public half.
#[cfg(feature = "eddsa")]
#[derive(Clone)]
struct EdPrivateKey {
    ops: crate::backend::eddsa::EdPrivate,
    public: super::public::EdKey,
}

#[cfg(feature = "ecdsa")]
#[derive(Clone)]
struct EcKey {
    point: Point,
    ops: EcPrivate,
    /// The public half on the same backend, made once (`public_key` cannot
    /// fail).
    public: crate::backend::EcPublic,
}

impl PrivateKey {
    /// Builds a key from its big-endian components: modulus `n`, public exponent
    /// `e`, private exponent `d` and the primes `p` and `q`. The key is checked
    /// (the primes multiply to `n`, `d` inverts `e`) and its CRT values are
    /// computed here, once.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// # let parts = jose_core::json::parse(jwk.as_bytes())?;
    /// # let field = |name: &str| {
    /// #     let text = parts.get(name).unwrap().as_str().unwrap().raw();
    /// #     let mut out = vec![0u8; 600];
    /// #     let len = jose_core::base64url::decode(text.as_bytes(), &mut out, jose_core::Part::Key).unwrap().len();
    /// #     out.truncate(len);
    /// #     out
    /// # };
    /// let key = jose_core::keys::PrivateKey::from_components(
    ///     &field("n"), &field("e"), &field("d"), &field("p"), &field("q"),
    /// )?;
    /// assert_eq!(key.modulus_len(), Some(256));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
    ) -> Result<Self, Error> {
        Self::build(n, e, d, Some((p, q)))
    }

    pub(crate) fn build(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        primes: Option<(&[u8], &[u8])>,
    ) -> Result<Self, Error> {
        let n = strip_leading_zeros(n);
        check_import_bits(bit_len(n))?;
        let e = strip_leading_zeros(e);
        if e.len() > 8 {
            return Err(Error::invalid_key("public exponent too large"));
        }
        let precision = u32::try_from(n.len() * 8).map_err(|_| Error::invalid_key("modulus"))?;
        let int = |bytes: &[u8], what| {
            BoxedUint::from_be_slice(strip_leading_zeros(bytes), precision)
                .map_err(|_| Error::invalid_key(what))
        };
        let n_int = int(n, "modulus does not decode")?;
        let e_int = BoxedUint::from_be_slice_vartime(e);
        let d_int = int(d, "private exponent longer than the modulus")?;
        let primes: Vec<BoxedUint> = match primes {
            Some((p, q)) => alloc::vec![
                int(p, "prime p longer than the modulus")?,
                int(q, "prime q longer than the modulus")?,
            ],
            None => Vec::new(),
        };
        let inner = RsaPrivateKey::from_components(n_int, e_int, d_int, primes)
            .map_err(|_| Error::invalid_key("inconsistent RSA private key components"))?;
        Self::from_rsa(inner)
    }

    /// Wraps a decoded `rsa` key after the size policy; the `rsa` constructors
    /// have validated it and precomputed its CRT values.
    pub(crate) fn from_rsa(mut inner: RsaPrivateKey) -> Result<Self, Error> {
        let bits = check_import_modulus(inner.n())?;
        inner
            .precompute()
            .map_err(|_| Error::invalid_key("CRT values could not be computed"))?;
        Ok(PrivateKey {
            thumbprint: super::thumbprint::rfc7638(inner.as_ref()),
            material: Material::Rsa {
                ops: RsaPrivate::new(inner, Backend::DEFAULT)?,
                bits,
            },
            meta: KeyMeta::default(),
        })
    }

    /// The EC key whose big-endian scalar is `scalar` (exactly the curve's
    /// length, in `[1, n - 1]`). `stated`, the public point an encoding
    /// carries beside the scalar (a JWK's `x`/`y`, SEC1's `publicKey`),
    /// must be the scalar's: a key whose halves disagree is `invalid_key`.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn from_ec_scalar(
        curve: crate::algorithm::Curve,
        scalar: &[u8],
        stated: Option<Point>,
    ) -> Result<Self, Error> {
        use crate::backend::rust_crypto::ecdsa::EcPrivate as Numbers;
        let numbers = Numbers::from_scalar(curve, scalar).ok_or(Error::invalid_key(
            "the EC private scalar is not exactly the curve's length in [1, n - 1]",
        ))?;
        Self::from_ec_numbers(curve, numbers, stated)
    }

    #[cfg(feature = "ecdsa")]
    fn from_ec_numbers(
        curve: crate::algorithm::Curve,
        numbers: crate::backend::rust_crypto::ecdsa::EcPrivate,
        stated: Option<Point>,
    ) -> Result<Self, Error> {
        let mut uncompressed = [0u8; super::ec::MAX_POINT_LEN];
        let len = numbers.write_public_point(&mut uncompressed);
        let point = Point::from_uncompressed(curve, uncompressed.get(..len).unwrap_or(&[]))?;
        if stated.is_some_and(|stated| stated != point) {
            return Err(Error::invalid_key(
                "the EC public point is not the private scalar's",
            ));
        }
        Ok(PrivateKey {
            thumbprint: point.thumbprint(),
            material: Material::Ec(alloc::boxed::Box::new(EcKey::new(
                point,
                numbers,
                Backend::DEFAULT,
            )?)),
            meta: KeyMeta {
                kind: KeyKind::Ec(curve),
                ..KeyMeta::default()
            },
        })
    }

    /// The public half of this key, with the same metadata, on the same
    /// backend.
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// assert_eq!(key.public_key().bits(), 2048);
    /// assert_eq!(key.public_key().thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn public_key(&self) -> PublicKey {
        let meta = self.meta.clone();
        match &self.material {
            // Same modulus, so the import size check already holds.
            Material::Rsa { ops, bits } => {
                PublicKey::from_checked(ops.public(), *bits, self.thumbprint, meta)
            }
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => {
                PublicKey::from_ec_checked(ec.point, ec.public.clone(), self.thumbprint, meta)
            }
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => {
                PublicKey::from_ed25519_checked(ed.public.clone(), self.thumbprint, meta)
            }
            #[cfg(feature = "x25519")]
            Material::X25519 { u, backend, .. } => PublicKey::from_x25519(*u, meta, *backend),
        }
    }

    /// The X25519 key of `scalar` (RFC 7748); `stated`, a JWK's `x`, was
    /// checked to be its public key by the import.
    #[cfg(feature = "x25519")]
    pub(crate) fn from_x25519_scalar(scalar: zeroize::Zeroizing<[u8; 32]>) -> Self {
        let u = super::x25519::public_of(&scalar);
        PrivateKey {
            thumbprint: super::x25519::thumbprint(&u),
            material: Material::X25519 {
                scalar,
                u,
                backend: Backend::DEFAULT,
            },
            meta: KeyMeta {
                kind: KeyKind::X25519,
                ..KeyMeta::default()
            },
        }
    }

    /// The X25519 key of `scalar`; `stated`, the public key a PKCS#8 v2
    /// carries beside it, must be the scalar's.
    #[cfg(feature = "x25519")]
    pub(crate) fn from_x25519_stated(
        scalar: zeroize::Zeroizing<[u8; 32]>,
        stated: Option<[u8; 32]>,
    ) -> Result<Self, Error> {
        use subtle::ConstantTimeEq;
        let key = Self::from_x25519_scalar(scalar);
        if let (Some(stated), Some((_, u))) = (stated, key.x25519()) {
            if !bool::from(stated.ct_eq(u)) {
                return Err(Error::invalid_key(
                    "the X25519 public key is not the private key's",
                ));
            }
        }
        Ok(key)
    }

    /// A new X25519 key: 32 bytes from `rng` (RFC 7748 §6.1; clamped when
    /// used). Give it a `kid` with [`PrivateKey::with_kid`].
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::generate_x25519(&mut jose_core::os_rng())?;
    /// assert_eq!((key.key_type(), key.bits()), ("OKP", 256));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[cfg(feature = "x25519")]
    pub fn generate_x25519<R: TryCryptoRng + ?Sized>(rng: &mut R) -> Result<Self, Error> {
        let mut scalar = zeroize::Zeroizing::new([0u8; 32]);
        rng.try_fill_bytes(scalar.as_mut()).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                Some(Part::Key),
                "the random generator failed",
            )
        })?;
        Ok(Self::from_x25519_scalar(scalar))
    }

    /// The X25519 scalar (wiped memory) and public u-coordinate, if this is
    /// an X25519 key.
    #[cfg(feature = "x25519")]
    pub(crate) fn x25519(&self) -> Option<(&[u8; 32], &[u8; 32])> {
        match &self.material {
            Material::X25519 { scalar, u, .. } => Some((scalar, u)),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The Ed25519 key of `seed` (RFC 8032 §5.1.5). `stated`, the public
    /// key an encoding carries beside it (a JWK's `x`, PKCS#8 v2's
    /// `publicKey`), must be the seed's.
    #[cfg(feature = "eddsa")]
    pub(crate) fn from_ed25519_seed(
        seed: &[u8; 32],
        stated: Option<[u8; 32]>,
    ) -> Result<Self, Error> {
        let ops = crate::backend::eddsa::EdPrivate::from_seed(seed);
        let x = ops.public_bytes();
        if stated.is_some_and(|stated| stated != x) {
            return Err(Error::invalid_key(
                "the Ed25519 public key is not the private key's",
            ));
        }
        Ok(PrivateKey {
            thumbprint: super::okp::thumbprint(&x),
            material: Material::Ed25519(alloc::boxed::Box::new(EdPrivateKey {
                ops,
                public: super::public::EdKey::new(x)?,
            })),
            meta: KeyMeta {
                kind: KeyKind::Ed25519,
                ..KeyMeta::default()
            },
        })
    }

    /// The Ed25519 seed (in wiped memory) and public key, if this is one.
    #[cfg(feature = "eddsa")]
    pub(crate) fn ed25519(&self) -> Option<(zeroize::Zeroizing<[u8; 32]>, &[u8; 32])> {
        match &self.material {
            Material::Ed25519(ed) => Some((ed.ops.seed(), &ed.public.x)),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The RSA key, if this is one.
    pub(crate) fn rsa(&self) -> Option<&RsaPrivateKey> {
        self.rsa_ops().map(RsaPrivate::rsa)
    }

    /// The RSA key's operations, if this is one.
    pub(crate) fn rsa_ops(&self) -> Option<&RsaPrivate> {
        match &self.material {
            Material::Rsa { ops, .. } => Some(ops),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// ECDH: the x-coordinate of this EC key's scalar times `peer` (a
    /// point already checked on its curve) into `out`, on the key's
    /// backend; its length, or `None` for another key type or curve.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn ecdh(&self, peer: &Point, out: &mut [u8]) -> Option<usize> {
        let (own, ops) = self.ec()?;
        if own.curve != peer.curve {
            return None;
        }
        ops.shared_secret(peer.curve, peer.uncompressed(), out)
    }

    /// The EC key's curve, if this is an EC key.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn ec_curve(&self) -> Option<crate::algorithm::Curve> {
        self.ec().map(|(point, _)| point.curve)
    }

    /// The EC public point and the key's operations, if this is an EC key.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn ec(&self) -> Option<(&Point, &EcPrivate)> {
        match &self.material {
            Material::Ec(ec) => Some((&ec.point, &ec.ops)),
            _ => None,
        }
    }

    /// The key's type, `"RSA"` or `"EC"` (the JWK `kty`).
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// assert_eq!(key.key_type(), "RSA");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn key_type(&self) -> &'static str {
        self.meta.kind.kty()
    }

    /// The curve of an EC key; `None` for an RSA key.
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// assert_eq!(key.curve(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn curve(&self) -> Option<crate::algorithm::Curve> {
        self.meta.kind.curve()
    }

    /// The exact length of a signature by this key: the RSA modulus length,
    /// or twice the EC coordinate length (`r || s`).
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// assert_eq!(key.signature_len(), 256);
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

    /// The signature over `input` with `alg`, which the caller has checked
    /// against the key ([`PrivateKey::check_usable_for_signing`]); `rng`
    /// blinds RSA and hedges the ECDSA nonce. `None` if signing failed.
    pub(crate) fn sign<R: rand_core::CryptoRng + ?Sized>(
        &self,
        alg: SignatureAlgorithm,
        rng: &mut R,
        input: &[u8],
    ) -> Option<Vec<u8>> {
        match &self.material {
            Material::Rsa { ops, .. } => ops.sign(alg, rng, input),
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => ec
                .ops
                .sign_prehashed(&SignedInput::Text(input).prehash(alg)?, rng),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => Some(ed.ops.sign(input).to_vec()),
            #[cfg(feature = "x25519")]
            Material::X25519 { .. } => None,
        }
    }

    /// The backend this key's operations run on: [`Backend::DEFAULT`]
    /// unless converted with [`PrivateKey::with_backend`].
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// assert_eq!(key.backend(), jose_core::Backend::DEFAULT);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn backend(&self) -> Backend {
        match &self.material {
            Material::Rsa { ops, .. } => ops.backend(),
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => ec.ops.backend(),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => ed.public.backend,
            #[cfg(feature = "x25519")]
            Material::X25519 { backend, .. } => *backend,
        }
    }

    /// The same key, its operations (RSA, and the content encryption of the
    /// tokens it opens) on `backend`. The numbers, metadata, thumbprint and
    /// fingerprint stay; an `invalid_key` error if that backend refuses the
    /// key.
    ///
    /// ```
    /// use jose_core::{Backend, keys::PrivateKey};
    /// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let pure = key.with_backend(Backend::RustCrypto)?;
    /// assert_eq!(pure.backend(), Backend::RustCrypto);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_backend(self, backend: Backend) -> Result<Self, Error> {
        if self.backend() == backend {
            return Ok(self);
        }
        let material = match &self.material {
            Material::Rsa { ops, bits } => Material::Rsa {
                ops: RsaPrivate::new(ops.rsa().clone(), backend)?,
                bits: *bits,
            },
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => Material::Ec(alloc::boxed::Box::new(EcKey::new(
                ec.point,
                ec.ops.numbers().clone(),
                backend,
            )?)),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => {
                let mut ed = (**ed).clone();
                ed.public.backend = backend;
                Material::Ed25519(alloc::boxed::Box::new(ed))
            }
            // curve25519-dalek on every backend; the backend names where
            // the content encryption of its tokens runs.
            #[cfg(feature = "x25519")]
            Material::X25519 { scalar, u, .. } => Material::X25519 {
                scalar: scalar.clone(),
                u: *u,
                backend,
            },
        };
        Ok(PrivateKey { material, ..self })
    }

    /// Generates a new RSA key of `bits` (2048, 3072 or 4096; public
    /// exponent 65537) with the `rsa` crate's prime generation, from a
    /// generator seeded once from `rng`. It has no `kid`: give it one with
    /// [`PrivateKey::with_kid`] (the RFC 7638 thumbprint is a common choice).
    ///
    /// ```
    /// use jose_core::keys::PrivateKey;
    /// let key = PrivateKey::generate(2048, &mut jose_core::os_rng())?;
    /// assert_eq!(key.bits(), 2048);
    /// assert!(PrivateKey::generate(1024, &mut jose_core::os_rng()).is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn generate<R: TryCryptoRng + ?Sized>(bits: usize, rng: &mut R) -> Result<Self, Error> {
        if ![2048, 3072, 4096].contains(&bits) {
            return Err(Error::invalid_key(
                "keys are generated with 2048, 3072 or 4096 bits",
            ));
        }
        let mut rng = crate::rng::CallRng::seeded_from(rng)?;
        let key = RsaPrivateKey::new(&mut rng, bits)
            .map_err(|_| Error::invalid_key("RSA key generation failed"))?;
        Self::from_rsa(key)
    }

    /// Generates a new EC key on `curve` (feature `ecdsa`): a scalar drawn
    /// uniformly in `[1, n - 1]` from a generator seeded once from `rng`.
    /// It has no `kid`: give it one with [`PrivateKey::with_kid`].
    ///
    /// ```
    /// use jose_core::{keys::PrivateKey, Curve};
    /// let key = PrivateKey::generate_ec(Curve::P256, &mut jose_core::os_rng())?;
    /// assert_eq!((key.key_type(), key.curve(), key.signature_len()), ("EC", Some(Curve::P256), 64));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[cfg(feature = "ecdsa")]
    pub fn generate_ec<R: TryCryptoRng + ?Sized>(
        curve: crate::algorithm::Curve,
        rng: &mut R,
    ) -> Result<Self, Error> {
        let mut rng = crate::rng::CallRng::seeded_from(rng)?;
        let numbers = crate::backend::rust_crypto::ecdsa::EcPrivate::generate(curve, &mut rng);
        Self::from_ec_numbers(curve, numbers, None)
    }

    /// Generates a new Ed25519 key (feature `eddsa`): a 32-byte seed drawn
    /// from `rng` (RFC 8032 §5.1.5). It has no `kid`: give it one with
    /// [`PrivateKey::with_kid`].
    ///
    /// ```
    /// use jose_core::keys::PrivateKey;
    /// let key = PrivateKey::generate_ed25519(&mut jose_core::os_rng())?;
    /// assert_eq!((key.key_type(), key.signature_len()), ("OKP", 64));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[cfg(feature = "eddsa")]
    pub fn generate_ed25519<R: TryCryptoRng + ?Sized>(rng: &mut R) -> Result<Self, Error> {
        // RFC 8032 §5.1.5: any 32 bytes are a seed.
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        let mut rng = crate::rng::CallRng::seeded_from(rng)?;
        rand_core::Rng::fill_bytes(&mut rng, &mut seed[..]);
        Self::from_ed25519_seed(&seed, None)
    }

    /// Sets the key identifier matched against a token's `kid`.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// let key = jose_core::keys::PrivateKey::from_jwk(jwk)?.with_kid("enc-2024");
    /// assert_eq!(key.kid(), Some("enc-2024"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_kid(mut self, kid: &str) -> Self {
        self.meta.kid = Some(kid.into());
        self
    }

    /// Restricts the key to one key algorithm, as a JWK's `alg` does.
    ///
    /// ```
    /// use jose_core::KeyAlgorithm;
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// let key = jose_core::keys::PrivateKey::from_jwk(jwk)?.with_alg(KeyAlgorithm::RsaOaep256);
    /// assert_eq!(key.alg(), Some("RSA-OAEP-256"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_alg(mut self, alg: KeyAlgorithm) -> Self {
        self.meta.alg = Some(alg.name().into());
        self
    }

    /// States what the key is for, as a JWK's `use` does: a key for
    /// [`KeyUse::Signature`] never decrypts, one for [`KeyUse::Encryption`]
    /// never signs. An `invalid_key` error if the key's `key_ops` say
    /// otherwise, or if it is an RSASSA-PSS key asked to encrypt.
    ///
    /// ```
    /// use jose_core::keys::{KeyUse, PrivateKey};
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// let key = PrivateKey::from_jwk(jwk)?.with_use(KeyUse::Signature)?;
    /// assert_eq!(key.key_use(), Some("sig"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_use(mut self, usage: KeyUse) -> Result<Self, Error> {
        self.meta.set_use(usage)?;
        Ok(self)
    }

    /// Whether the key came as `id-RSASSA-PSS` (RFC 4055): then it signs
    /// with PS256/384/512 only, never with RS256 and never decrypts.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert!(!jose_core::keys::PrivateKey::from_jwk(jwk)?.is_rsassa_pss());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn is_rsassa_pss(&self) -> bool {
        self.meta.rsassa_pss
    }

    /// The key's size in bits: the RSA modulus's, or the EC curve order's
    /// (256, 384, 521).
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert_eq!(jose_core::keys::PrivateKey::from_jwk(jwk)?.bits(), 2048);
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

    /// The RSA modulus size in bytes (the exact length of an encrypted key
    /// for it); `None` for an EC key.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert_eq!(jose_core::keys::PrivateKey::from_jwk(jwk)?.modulus_len(), Some(256));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn modulus_len(&self) -> Option<usize> {
        self.rsa().map(|rsa| rsa.size())
    }

    /// The key identifier, if one was set.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert_eq!(jose_core::keys::PrivateKey::from_jwk(jwk)?.kid(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(&self) -> Option<&str> {
        self.meta.kid.as_deref()
    }

    /// The algorithm the key is restricted to, if any (a JWK's `alg`).
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert_eq!(jose_core::keys::PrivateKey::from_jwk(jwk)?.alg(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn alg(&self) -> Option<&str> {
        self.meta.alg.as_deref()
    }

    /// The declared use (a JWK's `use`: `enc` or `sig`), if any.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert_eq!(jose_core::keys::PrivateKey::from_jwk(jwk)?.key_use(), None);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn key_use(&self) -> Option<&str> {
        self.meta.usage.as_deref()
    }

    /// The SHA-256 thumbprint of the key's X.509 certificate, if one was
    /// attached (a JWK's `x5c`, or [`PrivateKey::with_certificate_pem`]): what a
    /// token's `x5t#S256` header names it by.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert!(jose_core::keys::PrivateKey::from_jwk(jwk)?.x5t_s256().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn x5t_s256(&self) -> Option<&[u8; 32]> {
        self.meta.x5t_s256.as_ref()
    }

    /// The RFC 7638 JWK thumbprint (SHA-256) of the key's public half.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// let key = jose_core::keys::PrivateKey::from_jwk(jwk)?;
    /// assert_eq!(key.thumbprint(), key.public_key().thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn thumbprint(&self) -> [u8; 32] {
        self.thumbprint
    }

    /// Whether this key may unwrap content keys with `alg`: its declared use
    /// (if any) is `enc` and its declared algorithm (if any) is `alg`.
    pub(crate) fn check_usable_for(&self, alg: KeyAlgorithm) -> Result<(), Error> {
        self.meta.check_usable(Purpose::Decrypt, alg)
    }

    /// Whether this key may open a token asking for `alg` (for ECDH-ES,
    /// with the ephemeral key's type and curve).
    pub(crate) fn check_usable_for_request(
        &self,
        alg: super::meta::Algorithm,
    ) -> Result<(), Error> {
        self.meta.check_usable(Purpose::Decrypt, alg)
    }

    /// Whether this key may sign with `alg`: declared use `sig` (if any) and
    /// declared algorithm `alg` (if any).
    pub(crate) fn check_usable_for_signing(
        &self,
        alg: crate::algorithm::SignatureAlgorithm,
    ) -> Result<(), Error> {
        self.meta.check_usable(Purpose::Sign, alg)
    }

    /// An encrypted key for this key must be exactly its modulus length. The
    /// length is public, so this check may fail loudly, before any RSA work.
    pub(crate) fn check_encrypted_key_len(&self, len: usize) -> Result<(), Error> {
        let expected = self.modulus_len().ok_or(Error::new(
            ErrorKind::Key,
            Some(Part::Key),
            "RSA-OAEP needs an RSA key",
        ))?;
        if len == expected {
            Ok(())
        } else {
            Err(Error::malformed(
                Part::EncryptedKey,
                "length differs from the key's modulus length",
            )
            .with(Detail::Length {
                found: len,
                expected,
            }))
        }
    }

    /// RSA-OAEP decryption with blinding by `rng`. The result (success or not)
    /// is an oracle: only `hazmat` returns it.
    #[cfg(any(feature = "hazmat", test))]
    pub(crate) fn oaep_decrypt<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        encrypted_key: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        self.rsa_ops()?.oaep_decrypt(alg, rng, encrypted_key)
    }

    /// RSA-OAEP decryption of a content key of exactly `out.len()` bytes;
    /// the `Choice` (valid padding and that length) is for a constant-time
    /// select, never a branch (see `jwe::unwrap`).
    pub(crate) fn oaep_unwrap_exact<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        encrypted_key: &[u8],
        out: &mut [u8],
    ) -> Choice {
        match self.rsa_ops() {
            Some(ops) => ops.oaep_unwrap_exact(alg, rng, encrypted_key, out),
            // Refused by the key's type before any unwrap is attempted.
            None => Choice::from(0),
        }
    }
}

#[cfg(feature = "ecdsa")]
impl EcKey {
    /// Both halves of the key at `point` with scalar `numbers`, on `backend`.
    fn new(
        point: Point,
        numbers: crate::backend::rust_crypto::ecdsa::EcPrivate,
        backend: Backend,
    ) -> Result<Self, Error> {
        Ok(EcKey {
            public: crate::backend::EcPublic::new(point.curve, point.uncompressed(), backend)?,
            ops: EcPrivate::new(numbers, backend)?,
            point,
        })
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
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

/// Import refuses keys outside the default policy's 2048..=4096 bits as
/// `policy`; a stricter policy is applied again at use.
pub(crate) fn check_import_bits(bits: usize) -> Result<(), Error> {
    Policy::new().check_rsa_bits(bits)
}

/// Every check an imported modulus meets: the size (returned in bits), and
/// no ROCA fingerprint ([`super::roca`]: a factorable key is `invalid_key`).
pub(crate) fn check_import_modulus(n: &BoxedUint) -> Result<usize, Error> {
    let bits = crate::backend::bit_width(n) as usize;
    check_import_bits(bits)?;
    if super::roca::has_fingerprint(n) {
        return Err(Error::invalid_key(
            "RSA modulus has the ROCA fingerprint (CVE-2017-15361): the key can be factored",
        ));
    }
    Ok(bits)
}
