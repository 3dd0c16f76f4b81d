//! Producing a compact JWE: a fresh content key and IV from the caller's
//! `CryptoRng` for every token, the key wrapped with RSA-OAEP, the plaintext
//! encrypted in place inside the output buffer and base64url-encoded there.
//! The only allocation is the backend's RSA-OAEP encryption (its output).

use rand_core::{CryptoRng, Rng, TryCryptoRng};

use super::content::{self, ContentKey};
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm};
use crate::base64url;
use crate::error::{Error, ErrorKind, Part};
use crate::header::NewHeader;
use crate::jws::{fit, push};
use crate::keys::PublicKey;
use crate::policy::MAX_HEADER_LEN;
use crate::rng::CallRng;

/// Encrypts compact JWE tokens for one recipient public key.
///
/// ```
/// use jose_core::{jwe::Encrypter, keys::PrivateKey, ContentAlgorithm, KeyAlgorithm};
///
/// let recipient = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
/// let public = recipient.public_key();
/// let encrypter = Encrypter::new(&public, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm)?
///     .kid("api-enc-1");
/// let mut out = vec![0u8; encrypter.output_len(5)?];
/// let token = encrypter.encrypt(b"hello", &mut jose_core::os_rng(), &mut out)?;
///
/// let jwe = jose_core::jwe::Compact::parse(token)?;
/// assert!(jwe.header().kid().unwrap() == "api-enc-1");
/// assert_eq!(jwe.decrypt_to_vec(&recipient)?, b"hello");
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Encrypter<'k> {
    key: &'k PublicKey,
    alg: KeyAlgorithm,
    enc: ContentAlgorithm,
    header: NewHeader<'k>,
}

impl<'k> Encrypter<'k> {
    /// An encrypter for `key` with key algorithm `alg` and content algorithm
    /// `enc`. A key whose `use` is not `enc`, or restricted to another `alg`,
    /// is refused (`key`).
    ///
    /// ```
    /// use jose_core::{jwe::Encrypter, keys::PublicKey, ContentAlgorithm, KeyAlgorithm, ErrorKind};
    /// let signing_key = PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// let signing_key = signing_key.with_alg(jose_core::SignatureAlgorithm::Rs256);
    /// let err = Encrypter::new(&signing_key, KeyAlgorithm::RsaOaep, ContentAlgorithm::A128Gcm).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Key);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(
        key: &'k PublicKey,
        alg: KeyAlgorithm,
        enc: ContentAlgorithm,
    ) -> Result<Self, Error> {
        key.check_usable_for_encryption(alg)?;
        Ok(Encrypter {
            key,
            alg,
            enc,
            header: NewHeader {
                alg: alg.name(),
                enc: Some(enc.name()),
                kid: key.kid(),
                ..NewHeader::default()
            },
        })
    }

    /// Sets the `kid` header (instead of the key's own).
    ///
    /// ```
    /// # use jose_core::{jwe::Encrypter, keys::PrivateKey, ContentAlgorithm as C, KeyAlgorithm as K};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.public_key();
    /// let e = Encrypter::new(&key, K::RsaOaep256, C::A256Gcm)?.kid("enc-2024");
    /// # let _ = e;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(mut self, kid: &'k str) -> Self {
        self.header.kid = Some(kid);
        self
    }

    /// Sets the `cty` header (`JWT` for a nested token; the nested builder sets it).
    ///
    /// ```
    /// # use jose_core::{jwe::Encrypter, keys::PrivateKey, ContentAlgorithm as C, KeyAlgorithm as K};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.public_key();
    /// let e = Encrypter::new(&key, K::RsaOaep, C::A256CbcHs512)?.cty("JWT");
    /// # let _ = e;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn cty(mut self, cty: &'k str) -> Self {
        self.header.cty = Some(cty);
        self
    }

    /// Sets the `typ` header.
    ///
    /// ```
    /// # use jose_core::{jwe::Encrypter, keys::PrivateKey, ContentAlgorithm as C, KeyAlgorithm as K};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.public_key();
    /// let e = Encrypter::new(&key, K::RsaOaep, C::A128Gcm)?.typ("JWT");
    /// # let _ = e;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn typ(mut self, typ: &'k str) -> Self {
        self.header.typ = Some(typ);
        self
    }

    /// Adds the `x5t#S256` header from the key's certificate (`invalid_key`
    /// if the key has none), as Curity names an ID token's recipient key.
    ///
    /// ```
    /// # use jose_core::{jwe::Encrypter, keys::PublicKey, ContentAlgorithm as C, KeyAlgorithm as K};
    /// let key = PublicKey::from_certificate_pem(include_str!("../../../vectors/interop/recipient.cert.pem"))?;
    /// let e = Encrypter::new(&key, K::RsaOaep, C::A256CbcHs512)?.x5t_s256()?;
    /// # let _ = e;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn x5t_s256(mut self) -> Result<Self, Error> {
        self.header.x5t_s256 = Some(
            self.key
                .x5t_s256()
                .ok_or(Error::invalid_key("the key has no certificate"))?,
        );
        Ok(self)
    }

    /// The exact token length for a plaintext of `plaintext_len` bytes.
    ///
    /// ```
    /// # use jose_core::{jwe::Encrypter, keys::PrivateKey, ContentAlgorithm as C, KeyAlgorithm as K};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.public_key();
    /// let e = Encrypter::new(&key, K::RsaOaep, C::A256Gcm)?;
    /// assert_eq!(e.output_len(0)?, e.output_len(1)? - 2);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn output_len(&self, plaintext_len: usize) -> Result<usize, Error> {
        Ok(self.layout(plaintext_len)?.total)
    }

    /// Encrypts `plaintext` into `out` and returns the compact token.
    ///
    /// ```
    /// # use jose_core::{jwe::Encrypter, keys::PrivateKey, ContentAlgorithm as C, KeyAlgorithm as K};
    /// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.public_key();
    /// let e = Encrypter::new(&key, K::RsaOaep512, C::A128CbcHs256)?;
    /// let mut a = vec![0u8; e.output_len(3)?];
    /// let mut b = a.clone();
    /// let mut rng = jose_core::os_rng();
    /// // a fresh content key and IV every time
    /// assert_ne!(e.encrypt(b"abc", &mut rng, &mut a)?, e.encrypt(b"abc", &mut rng, &mut b)?);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn encrypt<'o, R: TryCryptoRng + ?Sized>(
        &self,
        plaintext: &[u8],
        rng: &mut R,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        self.seal(
            plaintext.len(),
            |dst, _| {
                dst.copy_from_slice(plaintext);
                Ok(())
            },
            &mut CallRng::seeded_from(rng)?,
            out,
        )
    }

    /// Encrypts a plaintext of `plaintext_len` bytes that `write` puts in
    /// place (the nested builder signs straight into it).
    pub(crate) fn seal<'o>(
        &self,
        plaintext_len: usize,
        write: impl FnOnce(&mut [u8], &mut CallRng) -> Result<(), Error>,
        rng: &mut CallRng,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        let layout = self.layout(plaintext_len)?;
        let out = fit(out, layout.total)?;
        let mut header = [0u8; MAX_HEADER_LEN];
        let header = self.header.write(&mut header)?;

        let mut cek = ContentKey::zeroed(self.enc.key_len());
        rng.fill_bytes(cek.as_mut());
        let mut iv = [0u8; ContentAlgorithm::MAX_IV_LEN];
        let iv = iv.get_mut(..self.enc.iv_len()).ok_or(Error::internal())?;
        rng.fill_bytes(iv);
        let wrapped = self.wrap(cek.as_slice(), rng)?;

        let mut len = base64url::encode(header.as_bytes(), out)?.len();
        let aad_len = len;
        len = push(out, len, b".");
        len += base64url::encode(&wrapped, out.get_mut(len..).ok_or(Error::internal())?)?.len();
        len = push(out, len, b".");
        len += base64url::encode(iv, out.get_mut(len..).ok_or(Error::internal())?)?.len();
        len = push(out, len, b".");

        // The ciphertext's encoded region; the raw bytes sit at its end, far
        // enough in for the forward in-place encoding.
        let (head, rest) = out.split_at_mut(len);
        let aad = head.get(..aad_len).ok_or(Error::internal())?;
        let region = rest
            .get_mut(..layout.ciphertext_encoded)
            .ok_or(Error::internal())?;
        let raw_at = layout.ciphertext_encoded - layout.ciphertext;
        let raw = region.get_mut(raw_at..).ok_or(Error::internal())?;
        // From here the region may hold plaintext: wipe it on any failure.
        let sealed = write(raw.get_mut(..plaintext_len).ok_or(Error::internal())?, rng)
            .and_then(|()| {
                content::encrypt_on(
                    self.key.backend(),
                    self.enc,
                    cek.as_slice(),
                    iv,
                    aad,
                    raw,
                    plaintext_len,
                )
            })
            .and_then(|(ciphertext_len, tag)| {
                base64url::encode_forward_in_place(region, raw_at, ciphertext_len).map(|n| (n, tag))
            });
        let (encoded, tag) = match sealed {
            Ok(done) => done,
            Err(err) => {
                zeroize::Zeroize::zeroize(out);
                return Err(err);
            }
        };
        len += encoded;
        len = push(out, len, b".");
        len +=
            base64url::encode(tag.as_slice(), out.get_mut(len..).ok_or(Error::internal())?)?.len();
        core::str::from_utf8(out.get(..len).ok_or(Error::internal())?)
            .map_err(|_| Error::malformed(Part::Token, "not ASCII"))
    }

    fn wrap<R: CryptoRng + ?Sized>(
        &self,
        cek: &[u8],
        rng: &mut R,
    ) -> Result<alloc::vec::Vec<u8>, Error> {
        // `new` checked the key is an RSA key allowed for `alg`.
        let wrapped = self
            .key
            .rsa_ops()
            .and_then(|rsa| rsa.oaep_encrypt(self.alg, rng, cek));
        wrapped.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                Some(Part::Key),
                "RSA-OAEP encryption failed",
            )
        })
    }

    fn layout(&self, plaintext_len: usize) -> Result<Layout, Error> {
        let mut header = [0u8; MAX_HEADER_LEN];
        let header_len = self.header.write(&mut header)?.len();
        let ciphertext = content::ciphertext_len(self.enc, plaintext_len);
        let ciphertext_encoded = base64url::encoded_len(ciphertext);
        let total = base64url::encoded_len(header_len)
            + 1
            + base64url::encoded_len(self.key.signature_len())
            + 1
            + base64url::encoded_len(self.enc.iv_len())
            + 1
            + ciphertext_encoded
            + 1
            + base64url::encoded_len(self.enc.tag_len());
        Ok(Layout {
            ciphertext,
            ciphertext_encoded,
            total,
        })
    }
}

struct Layout {
    ciphertext: usize,
    ciphertext_encoded: usize,
    total: usize,
}
