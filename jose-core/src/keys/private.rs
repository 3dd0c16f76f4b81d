//! RSA private keys and the one operation the receiving side needs from them.

use alloc::vec::Vec;
use core::fmt;

use rand_core::{CryptoRng, TryCryptoRng};
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PrivateKey as RsaPrivateKey};
use subtle::Choice;
#[cfg(any(feature = "hazmat", test))]
use zeroize::Zeroizing;

use super::meta::{KeyMeta, KeyUse, Purpose};
use crate::algorithm::KeyAlgorithm;
use crate::backend::integers::{bit_len, strip_leading_zeros};
use crate::backend::{Backend, RsaPrivate};
use crate::error::{Detail, Error, Part};
use crate::policy::Policy;

/// An RSA private key for decrypting JWEs, with the metadata a JWK gives it.
///
/// A key that declares an `alg` is used for that algorithm only; a key that
/// declares `use` other than `enc` is not used for decryption. `Debug` shows the
/// size and metadata, never the private values.
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
    inner: RsaPrivate,
    bits: usize,
    /// RFC 7638 of the public half, computed once.
    thumbprint: [u8; 32],
    pub(crate) meta: KeyMeta,
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
    /// assert_eq!(key.modulus_len(), 256);
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
            inner: RsaPrivate::new(inner, Backend::DEFAULT)?,
            bits,
            meta: KeyMeta::default(),
        })
    }

    pub(crate) fn rsa(&self) -> &RsaPrivateKey {
        self.inner.rsa()
    }

    pub(crate) fn rsa_ops(&self) -> &RsaPrivate {
        &self.inner
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
        self.inner.backend()
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
        if self.inner.backend() == backend {
            return Ok(self);
        }
        Ok(PrivateKey {
            inner: RsaPrivate::new(self.inner.rsa().clone(), backend)?,
            ..self
        })
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

    /// The modulus size in bits.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert_eq!(jose_core::keys::PrivateKey::from_jwk(jwk)?.bits(), 2048);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The modulus size in bytes: the exact length of an encrypted key for it.
    ///
    /// ```
    /// # let jwk = include_str!("../../../vectors/rfc7516_A1.key.json");
    /// assert_eq!(jose_core::keys::PrivateKey::from_jwk(jwk)?.modulus_len(), 256);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn modulus_len(&self) -> usize {
        self.rsa().size()
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
        if len == self.modulus_len() {
            Ok(())
        } else {
            Err(Error::malformed(
                Part::EncryptedKey,
                "length differs from the key's modulus length",
            )
            .with(Detail::Length {
                found: len,
                expected: self.modulus_len(),
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
        self.inner.oaep_decrypt(alg, rng, encrypted_key)
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
        self.inner.oaep_unwrap_exact(alg, rng, encrypted_key, out)
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("bits", &self.bits)
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
