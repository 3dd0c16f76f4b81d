//! Producing a compact JWS: header, payload, signature (RSA, ECDSA, EdDSA
//! or an HMAC), into the caller's buffer. The only allocation is the backend's signature (its
//! output).

use rand_core::{CryptoRng, TryCryptoRng};

use crate::algorithm::SignatureAlgorithm;
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::header::NewHeader;
use crate::keys::{PrivateKey, SecretKey};
use crate::policy::MAX_HEADER_LEN;
use crate::rng::CallRng;

/// Signs compact JWS tokens with one private key and algorithm.
///
/// The header carries `alg`, the key's `kid` (unless overridden), and `typ`
/// and `x5t#S256` when asked for. A key whose `use` is not `sig`, or that is
/// restricted to another `alg`, is refused (`key`).
///
/// ```
/// use jose_core::{jws::Signer, keys::{PrivateKey, PublicKeySet}, SignatureAlgorithm};
///
/// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.with_kid("k1");
/// let signer = Signer::new(&key, SignatureAlgorithm::Rs256)?.typ("JWT");
/// let mut out = vec![0u8; signer.output_len(11)?];
/// let token = signer.sign(b"{\"sub\":\"x\"}", &mut jose_core::os_rng(), &mut out)?;
///
/// let issuer = PublicKeySet::new().with(key.public_key())?;
/// let mut buf = [0u8; 64];
/// let jws = jose_core::jws::Compact::parse(token)?;
/// assert_eq!(jws.verify_into(&issuer, &mut buf)?, b"{\"sub\":\"x\"}");
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Signer<'k> {
    key: SigningKey<'k>,
    header: NewHeader<'k>,
    alg: SignatureAlgorithm,
}

/// What signs: a private key, or a shared secret (HMAC).
#[derive(Clone, Copy, Debug)]
enum SigningKey<'k> {
    Private(&'k PrivateKey),
    Secret(&'k SecretKey),
}

impl<'k> Signer<'k> {
    /// A signer for `key` with `alg`.
    ///
    /// ```
    /// use jose_core::{jws::Signer, keys::PrivateKey, KeyAlgorithm, SignatureAlgorithm, ErrorKind};
    /// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?
    ///     .with_alg(KeyAlgorithm::RsaOaep);
    /// assert_eq!(Signer::new(&key, SignatureAlgorithm::Rs256).unwrap_err().kind(), ErrorKind::Key);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(key: &'k PrivateKey, alg: SignatureAlgorithm) -> Result<Self, Error> {
        key.check_usable_for_signing(alg)?;
        Ok(Signer {
            key: SigningKey::Private(key),
            header: NewHeader {
                alg: alg.name(),
                kid: key.kid(),
                ..NewHeader::default()
            },
            alg,
        })
    }

    /// A signer that MACs with the shared secret `key` and `alg` (HS256,
    /// HS384 or HS512; the secret at least the hash's length): OpenID ID
    /// tokens signed with a client secret, `client_secret_jwt` assertions.
    /// A `key` error for another algorithm, a secret too short for `alg`,
    /// or one whose `use`, `key_ops` or `alg` say otherwise.
    ///
    /// ```
    /// use jose_core::{jws::{Compact, Signer}, keys::SecretKey, SignatureAlgorithm, ErrorKind};
    /// let secret = SecretKey::from_client_secret("an OpenID client secret, 32 bytes+")?;
    /// let signer = Signer::hmac(&secret, SignatureAlgorithm::Hs256)?;
    /// let mut out = vec![0u8; signer.output_len(2)?];
    /// let token = signer.sign(b"{}", &mut jose_core::os_rng(), &mut out)?;
    /// let mut buf = [0u8; 2];
    /// assert_eq!(Compact::parse(token)?.verify_into(&secret, &mut buf)?, b"{}");
    /// assert_eq!(Signer::hmac(&secret, SignatureAlgorithm::Hs512).unwrap_err().kind(), ErrorKind::Key);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn hmac(key: &'k SecretKey, alg: SignatureAlgorithm) -> Result<Self, Error> {
        key.check_usable_for_signing(alg)?;
        Ok(Signer {
            key: SigningKey::Secret(key),
            header: NewHeader {
                alg: alg.name(),
                kid: key.kid(),
                ..NewHeader::default()
            },
            alg,
        })
    }

    /// Sets the `kid` header (instead of the key's own).
    ///
    /// ```
    /// # use jose_core::{jws::Signer, keys::PrivateKey, SignatureAlgorithm};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let signer = Signer::new(&key, SignatureAlgorithm::Ps256)?.kid("2024-06");
    /// # let _ = signer;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(mut self, kid: &'k str) -> Self {
        self.header.kid = Some(kid);
        self
    }

    /// Sets the `typ` header (`JWT`, or e.g. `at+jwt` for RFC 9068 access tokens).
    ///
    /// ```
    /// # use jose_core::{jws::Signer, keys::PrivateKey, SignatureAlgorithm};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let signer = Signer::new(&key, SignatureAlgorithm::Rs256)?.typ("at+jwt");
    /// # let _ = signer;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn typ(mut self, typ: &'k str) -> Self {
        self.header.typ = Some(typ);
        self
    }

    /// Puts the signing key's public JWK in the header (`jwk`): what a DPoP
    /// proof carries (RFC 9449 §4.2, with `typ("dpop+jwt")`). `public_jwk`
    /// is the key's public JWK text (`key.public_key().jwk()?`); a JWK with
    /// a private part, or of another key than the one signing, is refused
    /// (`invalid_key`; text that is not JSON, `malformed`), so no private
    /// member and no other key can end up in a token.
    ///
    /// ```
    /// use jose_core::{jws::{Compact, Signer}, keys::{PrivateKey, PublicKey}, SignatureAlgorithm};
    /// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let public = key.public_key().jwk()?;
    /// let signer = Signer::new(&key, SignatureAlgorithm::Ps256)?.typ("dpop+jwt").jwk(&public)?;
    /// let mut out = vec![0u8; signer.output_len(2)?];
    /// let proof = signer.sign(b"{}", &mut jose_core::os_rng(), &mut out)?;
    /// let jws = Compact::parse(proof)?;
    /// let embedded = PublicKey::from_jwk(jws.header().get("jwk").unwrap().raw())?;
    /// assert!(jws.verify(&embedded).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn jwk(mut self, public_jwk: &'k str) -> Result<Self, Error> {
        let SigningKey::Private(key) = self.key else {
            return Err(Error::invalid_key(
                "a shared secret has no public key to put in a header",
            ));
        };
        let embedded = crate::keys::PublicKey::from_jwk(public_jwk)?;
        if embedded.thumbprint() != key.thumbprint() {
            return Err(Error::invalid_key(
                "the JWK is not the public key of the signing key",
            ));
        }
        self.header.jwk = Some(public_jwk);
        Ok(self)
    }

    /// Adds the `x5t#S256` header from the key's certificate (`invalid_key` if
    /// the key has none).
    ///
    /// ```
    /// # use jose_core::{jws::Signer, keys::PrivateKey, SignatureAlgorithm};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// assert!(Signer::new(&key, SignatureAlgorithm::Rs256)?.x5t_s256().is_err());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn x5t_s256(mut self) -> Result<Self, Error> {
        let certificate = match self.key {
            SigningKey::Private(key) => key.x5t_s256(),
            SigningKey::Secret(_) => None,
        };
        self.header.x5t_s256 =
            Some(certificate.ok_or(Error::invalid_key("the key has no certificate"))?);
        Ok(self)
    }

    /// The signature's length: the key's, or the HMAC's.
    fn signature_len(&self) -> usize {
        match self.key {
            SigningKey::Private(key) => key.signature_len(),
            SigningKey::Secret(_) => self.alg.mac_len(),
        }
    }

    /// The exact token length for a payload of `payload_len` bytes.
    ///
    /// ```
    /// # use jose_core::{jws::Signer, keys::PrivateKey, SignatureAlgorithm};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let signer = Signer::new(&key, SignatureAlgorithm::Rs256)?;
    /// // {"alg":"RS256"} is 15 bytes: 20 characters; a 256-byte signature: 342.
    /// assert_eq!(signer.output_len(3)?, 20 + 1 + 4 + 1 + 342);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn output_len(&self, payload_len: usize) -> Result<usize, Error> {
        let mut header = [0u8; MAX_HEADER_LEN];
        let header = self.header.write(&mut header)?;
        Ok(base64url::encoded_len(header.len())
            + 1
            + base64url::encoded_len(payload_len)
            + 1
            + base64url::encoded_len(self.signature_len()))
    }

    /// Signs `payload` into `out` and returns the compact token. `rng` blinds
    /// the RSA operation (and draws the PSS salt), or hedges the ECDSA nonce.
    ///
    /// ```
    /// # use jose_core::{jws::Signer, keys::PrivateKey, SignatureAlgorithm, ErrorKind};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let signer = Signer::new(&key, SignatureAlgorithm::Rs256)?;
    /// let err = signer.sign(b"x", &mut jose_core::os_rng(), &mut [0u8; 10]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Buffer);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn sign<'o, R: TryCryptoRng + ?Sized>(
        &self,
        payload: &[u8],
        rng: &mut R,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        let rng = &mut CallRng::seeded_from(rng)?;
        let need = self.output_len(payload.len())?;
        let out = fit(out, need)?;
        let mut header = [0u8; MAX_HEADER_LEN];
        let header = self.header.write(&mut header)?;
        let mut len = base64url::encode(header.as_bytes(), out)?.len();
        len = push(out, len, b".");
        len += base64url::encode(payload, out.get_mut(len..).ok_or(Error::internal())?)?.len();
        let signature = self.signature(out.get(..len).ok_or(Error::internal())?, rng)?;
        len = push(out, len, b".");
        len += base64url::encode(&signature, out.get_mut(len..).ok_or(Error::internal())?)?.len();
        core::str::from_utf8(out.get(..len).ok_or(Error::internal())?)
            .map_err(|_| Error::malformed(Part::Token, "not ASCII"))
    }

    fn signature<R: CryptoRng + ?Sized>(
        &self,
        input: &[u8],
        rng: &mut R,
    ) -> Result<alloc::vec::Vec<u8>, Error> {
        let signed = match self.key {
            SigningKey::Private(key) => key.sign(self.alg, rng, input),
            SigningKey::Secret(key) => key.sign(self.alg, input).ok(),
        };
        signed.ok_or_else(|| {
            Error::new(
                ErrorKind::Signature,
                Some(Part::Signature),
                "signing failed",
            )
        })
    }
}

/// The first `need` bytes of `out`, or the `buffer` error saying so.
pub(crate) fn fit(out: &mut [u8], need: usize) -> Result<&mut [u8], Error> {
    let have = out.len();
    out.get_mut(..need).ok_or(
        Error::new(
            ErrorKind::Buffer,
            Some(Part::Token),
            "output buffer too small",
        )
        .with(Detail::Buffer { have, need }),
    )
}

/// Writes `bytes` at `at` and returns the new length.
pub(crate) fn push(out: &mut [u8], at: usize, bytes: &[u8]) -> usize {
    if let Some(dst) = out.get_mut(at..at + bytes.len()) {
        dst.copy_from_slice(bytes);
    }
    at + bytes.len()
}
