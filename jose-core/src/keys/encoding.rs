//! RSA keys from PEM and DER: PKCS#8 and PKCS#1 private keys; SPKI and PKCS#1
//! public keys; X.509 certificates. Decoding is the `pkcs8`/`pkcs1`/`spki`
//! crates' (through `rsa`), strict DER; this module adds the size policy, the
//! certificate walk and the certificate thumbprint.

use der::{Decode, pem};
use pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use pkcs8::{DecodePrivateKey, DecodePublicKey, PrivateKeyInfoRef};
use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use sha2::Digest;
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::{PrivateKey, PublicKey, x509};
use crate::error::{Error, Part};

/// The largest PEM or DER input accepted for one key or certificate.
const MAX_ENCODED_LEN: usize = 64 * 1024;

fn bounded(len: usize) -> Result<(), Error> {
    if len > MAX_ENCODED_LEN {
        Err(Error::too_large(Part::Key, len, MAX_ENCODED_LEN))
    } else {
        Ok(())
    }
}

impl PrivateKey {
    /// Imports a PEM private key: `PRIVATE KEY` (PKCS#8, RSA or EC),
    /// `RSA PRIVATE KEY` (PKCS#1) or `EC PRIVATE KEY` (SEC1, feature
    /// `ecdsa`). Encrypted PKCS#8 is refused.
    ///
    /// ```
    /// let pem = include_str!("../../../vectors/interop/recipient.key.pem");
    /// let key = jose_core::keys::PrivateKey::from_pem(pem)?;
    /// assert_eq!(key.bits(), 2048);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        bounded(pem.len())?;
        let (label, der) = pem::decode_vec(pem.as_bytes())
            .map_err(|_| Error::invalid_key("not a PEM document"))?;
        let der = Zeroizing::new(der);
        match label {
            "PRIVATE KEY" => Self::from_pkcs8_der(&der),
            "RSA PRIVATE KEY" => Self::from_pkcs1_der(&der),
            "EC PRIVATE KEY" => Self::from_sec1_der(&der),
            "ENCRYPTED PRIVATE KEY" => Err(Error::invalid_key(
                "encrypted PKCS#8 is not supported: decrypt the key first",
            )),
            _ => Err(Error::invalid_key("PEM label is not a private key")),
        }
    }

    /// Imports a DER PKCS#8 `PrivateKeyInfo` holding an RSA key, (feature
    /// `ecdsa`) an EC key on P-256, P-384 or P-521 (`id-ecPublicKey` with a
    /// named curve; the public point, if present, must be the scalar's),
    /// (feature `eddsa`) an Ed25519 key or (feature `x25519`) an X25519 key
    /// (RFC 8410, v1 or v2; a stated public key must be the secret's).
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/recipient.key.pem");
    /// # let (_, der) = rsa::pkcs8::der::pem::decode_vec(pem.as_bytes()).unwrap();
    /// let key = jose_core::keys::PrivateKey::from_pkcs8_der(&der)?;
    /// assert_eq!(key.modulus_len(), Some(256));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    ///
    /// A key whose algorithm is `id-RSASSA-PSS` (RFC 4055) keeps that
    /// restriction: it signs with PS256/384/512 and nothing else (never
    /// RS256, never RSA-OAEP), as OpenSSL and panva jose hold it.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        bounded(der.len())?;
        let pss = match PrivateKeyInfoRef::try_from(der) {
            Ok(info) => {
                #[cfg(feature = "ecdsa")]
                if let Some(secret) = super::ec::Secret::from_pkcs8(&info)? {
                    return Self::from_ec_scalar(secret.curve, secret.scalar(), secret.stated);
                }
                #[cfg(feature = "eddsa")]
                if let Some((seed, stated)) =
                    super::rfc8410::private_from_pkcs8(&info, super::okp::ID_ED25519)?
                {
                    return Self::from_ed25519_seed(&seed, stated);
                }
                #[cfg(feature = "x25519")]
                if let Some((scalar, stated)) =
                    super::rfc8410::private_from_pkcs8(&info, super::x25519::ID_X25519)?
                {
                    return Self::from_x25519_stated(scalar, stated);
                }
                rsassa_pss(&info.algorithm)?
            }
            Err(_) => return Err(Error::invalid_key("not a DER PKCS#8 PrivateKeyInfo")),
        };
        let mut key = Self::from_rsa(
            RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|_| Error::invalid_key("not a PKCS#8 RSA private key"))?,
        )?;
        key.meta.rsassa_pss = pss;
        Ok(key)
    }

    /// Imports a DER PKCS#1 `RSAPrivateKey`.
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/recipient.key.pem");
    /// # let key = jose_core::keys::PrivateKey::from_pem(pem)?;
    /// let err = jose_core::keys::PrivateKey::from_pkcs1_der(b"\x30\x00").unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::InvalidKey);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        bounded(der.len())?;
        Self::from_rsa(
            RsaPrivateKey::from_pkcs1_der(der)
                .map_err(|_| Error::invalid_key("not a PKCS#1 RSA private key"))?,
        )
    }

    /// Imports a DER SEC1 `ECPrivateKey` (RFC 5915, the `EC PRIVATE KEY`
    /// that OpenSSL writes): a named curve (P-256, P-384, P-521), a scalar
    /// of exactly its length, and the public point, if present, the
    /// scalar's. Without the `ecdsa` feature it is `unsupported`.
    ///
    /// ```
    /// let err = jose_core::keys::PrivateKey::from_sec1_der(b"\x30\x00").unwrap_err();
    /// assert!(matches!(err.kind(), jose_core::ErrorKind::InvalidKey | jose_core::ErrorKind::Unsupported));
    /// ```
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, Error> {
        bounded(der.len())?;
        #[cfg(feature = "ecdsa")]
        {
            let secret = super::ec::Secret::from_sec1_der(der, None)?;
            Self::from_ec_scalar(secret.curve, secret.scalar(), secret.stated)
        }
        #[cfg(not(feature = "ecdsa"))]
        Err(Error::unsupported(
            Part::Key,
            "EC keys need jose-core's `ecdsa` feature, which this build leaves out",
        ))
    }

    /// Attaches the key's X.509 certificate (PEM), after checking that it
    /// carries this key's public half; tokens can then name the key by the
    /// certificate's `x5t#S256`, as Curity's encrypted ID tokens do.
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_pem(include_str!("../../../vectors/interop/recipient.key.pem"))?
    ///     .with_certificate_pem(include_str!("../../../vectors/interop/recipient.cert.pem"))?;
    /// assert!(key.x5t_s256().is_some());
    ///
    /// // someone else's certificate is refused
    /// let other = jose_core::keys::PrivateKey::from_pem(include_str!("../../../vectors/interop/recipient.key.pem"))?
    ///     .with_certificate_pem(include_str!("../../../vectors/interop/issuer.cert.pem"));
    /// assert!(other.is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_certificate_pem(self, pem: &str) -> Result<Self, Error> {
        let der = certificate_pem_to_der(pem)?;
        self.with_certificate_der(&der)
    }

    /// Attaches the key's X.509 certificate (DER); see
    /// [`PrivateKey::with_certificate_pem`].
    ///
    /// ```
    /// # let pem = include_str!("../../../vectors/interop/recipient.cert.pem");
    /// # let (_, der) = rsa::pkcs8::der::pem::decode_vec(pem.as_bytes()).unwrap();
    /// let key = jose_core::keys::PrivateKey::from_pem(include_str!("../../../vectors/interop/recipient.key.pem"))?
    ///     .with_certificate_der(&der)?;
    /// assert!(key.x5t_s256().is_some());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_certificate_der(mut self, der: &[u8]) -> Result<Self, Error> {
        bounded(der.len())?;
        // The same key when its RFC 7638 thumbprint (type and numbers) is.
        let certified = PublicKey::from_certificate_der(der)?;
        if certified.thumbprint() != self.thumbprint() {
            return Err(Error::invalid_key(
                "the certificate carries a different public key",
            ));
        }
        // A certificate that restricts the key to PSS restricts it here too.
        self.meta.rsassa_pss |= certified.meta.rsassa_pss;
        self.meta.x5t_s256 = Some(sha2::Sha256::digest(der).into());
        self.meta.certificate = Some(der.into());
        Ok(self)
    }
}

impl PublicKey {
    /// Imports a PEM public key: `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1)
    /// or `CERTIFICATE` (X.509; the key then carries the certificate's
    /// `x5t#S256`).
    ///
    /// ```
    /// let key = jose_core::keys::PublicKey::from_pem(include_str!("../../../vectors/interop/issuer.cert.pem"))?;
    /// assert!(key.x5t_s256().is_some());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        bounded(pem.len())?;
        let (label, der) = pem::decode_vec(pem.as_bytes())
            .map_err(|_| Error::invalid_key("not a PEM document"))?;
        match label {
            "PUBLIC KEY" => Self::from_spki_der(&der),
            "RSA PUBLIC KEY" => Self::from_pkcs1_der(&der),
            "CERTIFICATE" => Self::from_certificate_der(&der),
            _ => Err(Error::invalid_key(
                "PEM label is not a public key or certificate",
            )),
        }
    }

    /// Imports a DER SubjectPublicKeyInfo holding an RSA key, (feature
    /// `ecdsa`) an EC key on P-256, P-384 or P-521 (`id-ecPublicKey`, a
    /// named curve, an uncompressed point), (feature `eddsa`) an Ed25519
    /// key or (feature `x25519`) an X25519 key (RFC 8410).
    ///
    /// ```
    /// let err = jose_core::keys::PublicKey::from_spki_der(b"\x30\x00").unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::InvalidKey);
    /// ```
    ///
    /// A key whose algorithm is `id-RSASSA-PSS` (RFC 4055) verifies
    /// PS256/384/512 signatures only.
    pub fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        bounded(der.len())?;
        #[cfg(any(feature = "ecdsa", feature = "eddsa", feature = "x25519"))]
        if let Ok(spki) = SubjectPublicKeyInfoRef::from_der(der) {
            #[cfg(feature = "ecdsa")]
            if let Some(point) = super::ec::Point::from_spki(&spki)? {
                return Self::from_ec_point(point);
            }
            #[cfg(feature = "eddsa")]
            if let Some(x) = super::rfc8410::public_from_spki(&spki, super::okp::ID_ED25519)? {
                return Self::from_ed25519(x);
            }
            #[cfg(feature = "x25519")]
            if let Some(u) = super::rfc8410::public_from_spki(&spki, super::x25519::ID_X25519)? {
                return Ok(Self::from_x25519(
                    u,
                    super::meta::KeyMeta::default(),
                    crate::backend::Backend::DEFAULT,
                ));
            }
        }
        let (key, pss) = spki_public_key(der)?;
        let mut key = Self::from_rsa(key)?;
        key.meta.rsassa_pss = pss;
        Ok(key)
    }

    /// Imports a DER PKCS#1 `RSAPublicKey`.
    ///
    /// ```
    /// let err = jose_core::keys::PublicKey::from_pkcs1_der(b"\x30\x00").unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::InvalidKey);
    /// ```
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        bounded(der.len())?;
        Self::from_rsa(
            RsaPublicKey::from_pkcs1_der(der)
                .map_err(|_| Error::invalid_key("not a PKCS#1 RSA public key"))?,
        )
    }

    /// Imports the public key of an X.509 certificate (PEM), with the
    /// certificate's SHA-256 thumbprint as its `x5t#S256`. The certificate is
    /// not validated (no chain, dates or revocation): it is a key container.
    ///
    /// ```
    /// let key = jose_core::keys::PublicKey::from_certificate_pem(include_str!("../../../vectors/interop/issuer.cert.pem"))?;
    /// assert_eq!(key.bits(), 2048);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn from_certificate_pem(pem: &str) -> Result<Self, Error> {
        let der = certificate_pem_to_der(pem)?;
        Self::from_certificate_der(&der)
    }

    /// Imports the public key of a DER X.509 certificate; see
    /// [`PublicKey::from_certificate_pem`].
    ///
    /// ```
    /// let err = jose_core::keys::PublicKey::from_certificate_der(b"\x30\x03\x02\x01\x00").unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::InvalidKey);
    /// ```
    pub fn from_certificate_der(der: &[u8]) -> Result<Self, Error> {
        bounded(der.len())?;
        let mut key = Self::from_spki_der(x509::subject_public_key_info(der)?)?;
        key.meta.x5t_s256 = Some(sha2::Sha256::digest(der).into());
        key.meta.certificate = Some(der.into());
        Ok(key)
    }
}

fn certificate_pem_to_der(pem: &str) -> Result<alloc::vec::Vec<u8>, Error> {
    bounded(pem.len())?;
    match pem::decode_vec(pem.as_bytes()) {
        Ok(("CERTIFICATE", der)) => Ok(der),
        Ok(_) => Err(Error::invalid_key("PEM label is not CERTIFICATE")),
        Err(_) => Err(Error::invalid_key("not a PEM document")),
    }
}

/// `id-RSASSA-PSS` (RFC 4055 §1.2): an RSA key its owner restricted to
/// RSASSA-PSS signatures.
pub(crate) const ID_RSASSA_PSS: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");

/// Whether an RSA key's `AlgorithmIdentifier` restricts it to PSS. With
/// parameters (a hash and salt length of its own, RFC 4055 §3.1) it is
/// refused, named: JOSE's PS256/384/512 fix both.
fn rsassa_pss(algorithm: &AlgorithmIdentifierRef<'_>) -> Result<bool, Error> {
    if algorithm.oid != ID_RSASSA_PSS {
        return Ok(false);
    }
    if algorithm.parameters.is_some() {
        return Err(Error::unsupported(
            Part::Key,
            "an id-RSASSA-PSS key with parameters (its own hash and salt length) is not \
             supported: export it without them, or as rsaEncryption",
        ));
    }
    Ok(true)
}

/// The RSA key of a DER SPKI, and whether it is restricted to PSS.
pub(crate) fn spki_public_key(der: &[u8]) -> Result<(RsaPublicKey, bool), Error> {
    let pss = match SubjectPublicKeyInfoRef::from_der(der) {
        Ok(spki) => rsassa_pss(&spki.algorithm)?,
        Err(_) => false, // named below
    };
    let key = RsaPublicKey::from_public_key_der(der).map_err(|_| spki_refusal(der))?;
    Ok((key, pss))
}

/// Why an SPKI was refused: the structure, the key type, or the RSA numbers
/// (an exponent of 1 or an even one is a well-formed RSA SPKI that is still
/// no usable key).
fn spki_refusal(der: &[u8]) -> Error {
    let Ok(spki) = SubjectPublicKeyInfoRef::try_from(der) else {
        return Error::invalid_key("not a DER SubjectPublicKeyInfo");
    };
    if spki.algorithm.oid != pkcs1::ALGORITHM_OID && spki.algorithm.oid != ID_RSASSA_PSS {
        return Error::invalid_key("the SubjectPublicKeyInfo holds a key other than RSA");
    }
    let numbers = spki
        .subject_public_key
        .as_bytes()
        .and_then(|bytes| pkcs1::RsaPublicKeyRef::from_der(bytes).ok());
    let Some(numbers) = numbers else {
        return Error::invalid_key(
            "the RSA public key inside the SubjectPublicKeyInfo is malformed",
        );
    };
    let e = numbers.public_exponent.as_bytes();
    let even = e.last().is_none_or(|low| low & 1 == 0);
    if even || e == [1] {
        return Error::invalid_key("the RSA public exponent must be odd and greater than 1");
    }
    Error::invalid_key("the RSA public key's modulus or exponent is out of range")
}
