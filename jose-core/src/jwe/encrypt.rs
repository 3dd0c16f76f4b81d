//! Producing a compact JWE: a fresh content key and IV from the caller's
//! `CryptoRng` for every token (for `dir`, the shared key is the content
//! key; for `ECDH-ES`, the key agreed with a fresh ephemeral key, which
//! goes in the header as `epk`), the key wrapped with RSA-OAEP, AES key
//! wrap (also after ECDH-ES) or AES-GCM (whose `iv` and `tag` go in the
//! header), the plaintext encrypted in place inside the
//! output buffer and base64url-encoded there. The only allocation is the
//! backend's RSA-OAEP encryption (its output).

use rand_core::{CryptoRng, Rng, TryCryptoRng};

use super::content::{self, ContentKey};
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm};
use crate::backend::{Backend, key_wrap};
use crate::base64url;
use crate::error::{Error, ErrorKind, Part};
use crate::header::NewHeader;
use crate::jws::{fit, push};
use crate::keys::{PublicKey, SecretKey};
use crate::policy::MAX_HEADER_LEN;
use crate::rng::CallRng;

/// Encrypts compact JWE tokens for one recipient: a public key (RSA-OAEP,
/// [`Encrypter::new`]) or a shared secret (`dir`, AES key wrap, AES-GCM key
/// wrap, [`Encrypter::with_secret`]).
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
    key: Recipient<'k>,
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
        Ok(Self::for_recipient(
            Recipient::Public(key),
            alg,
            enc,
            key.kid(),
        ))
    }

    /// An encrypter for the shared secret `key` with `alg` `dir`, `A*KW` or
    /// `A*GCMKW`, and `enc`. A secret of the wrong length for them (a
    /// key-wrap key is exactly its AES key, a `dir` key exactly `enc`'s
    /// key), or whose `use`, `key_ops` or `alg` forbid them, is refused
    /// (`key`).
    ///
    /// ```
    /// use jose_core::{jwe::{Compact, Encrypter}, keys::SecretKey, ContentAlgorithm, KeyAlgorithm, ErrorKind};
    /// let secret = SecretKey::from_bytes(&[7u8; 32])?.with_kid("shared-1");
    /// let encrypter = Encrypter::with_secret(&secret, KeyAlgorithm::A256Kw, ContentAlgorithm::A256Gcm)?;
    /// let mut out = vec![0u8; encrypter.output_len(5)?];
    /// let token = encrypter.encrypt(b"hello", &mut jose_core::os_rng(), &mut out)?;
    /// assert_eq!(Compact::parse(token)?.decrypt_to_vec(&secret)?, b"hello");
    ///
    /// // A 32-byte key is no A128KW key.
    /// let err = Encrypter::with_secret(&secret, KeyAlgorithm::A128Kw, ContentAlgorithm::A256Gcm).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Key);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn with_secret(
        key: &'k SecretKey,
        alg: KeyAlgorithm,
        enc: ContentAlgorithm,
    ) -> Result<Self, Error> {
        key.check_usable_for_encryption(alg, enc)?;
        Ok(Self::for_recipient(
            Recipient::Secret(key),
            alg,
            enc,
            key.kid(),
        ))
    }

    fn for_recipient(
        key: Recipient<'k>,
        alg: KeyAlgorithm,
        enc: ContentAlgorithm,
        kid: Option<&'k str>,
    ) -> Self {
        Encrypter {
            key,
            alg,
            enc,
            header: NewHeader {
                alg: alg.name(),
                enc: Some(enc.name()),
                kid,
                ..NewHeader::default()
            },
        }
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
        let certified = match self.key {
            Recipient::Public(key) => key.x5t_s256(),
            Recipient::Secret(_) => None,
        };
        self.header.x5t_s256 =
            Some(certified.ok_or(Error::invalid_key("the key has no certificate"))?);
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

        let mut cek = ContentKey::zeroed(self.enc.key_len());
        let wrapped = self.wrap(&mut cek, rng)?;
        let mut iv = [0u8; ContentAlgorithm::MAX_IV_LEN];
        let iv = iv.get_mut(..self.enc.iv_len()).ok_or(Error::internal())?;
        rng.fill_bytes(iv);
        let mut header = [0u8; MAX_HEADER_LEN];
        let header = self.header_for(&wrapped).write(&mut header)?;

        let mut len = base64url::encode(header.as_bytes(), out)?.len();
        let aad_len = len;
        len = push(out, len, b".");
        len += base64url::encode(&wrapped.key, out.get_mut(len..).ok_or(Error::internal())?)?.len();
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

    /// The content key for the recipient into `cek` (drawn from `rng`; for
    /// `dir` the shared key, for `ECDH-ES` the agreed one) and its wrapped
    /// form (empty for `dir` and `ECDH-ES`), with what the header carries
    /// for it: AES-GCM key wrap's `iv` and `tag`, ECDH-ES's ephemeral key.
    fn wrap<R: CryptoRng + ?Sized>(
        &self,
        cek: &mut ContentKey,
        rng: &mut R,
    ) -> Result<WrappedKey, Error> {
        let failed = |what| Error::new(ErrorKind::InvalidKey, Some(Part::Key), what);
        let mut wrapped = WrappedKey::default();
        match self.key {
            #[cfg(any(feature = "ecdsa", feature = "x25519"))]
            Recipient::Public(key) if self.alg.is_ecdh() => {
                let mut derived = zeroize::Zeroizing::new([0u8; 64]);
                let (epk, len) =
                    super::agreement::agree(key, self.alg, self.enc, rng, &mut derived)?;
                let derived = derived.get(..len).ok_or(Error::internal())?;
                if self.alg == KeyAlgorithm::EcdhEs {
                    cek.as_mut().copy_from_slice(derived);
                } else {
                    rng.fill_bytes(cek.as_mut());
                    wrapped.key = alloc::vec![0u8; cek.as_slice().len() + 8];
                    if !key_wrap::aes_wrap(derived, cek.as_slice(), &mut wrapped.key) {
                        return Err(failed("AES key wrap failed"));
                    }
                }
                wrapped.epk = Some(epk);
            }
            // `new` checked the key is an RSA key allowed for `alg`.
            Recipient::Public(key) => {
                rng.fill_bytes(cek.as_mut());
                wrapped.key = key
                    .rsa_ops()
                    .and_then(|rsa| rsa.oaep_encrypt(self.alg, rng, cek.as_slice()))
                    .ok_or_else(|| failed("RSA-OAEP encryption failed"))?;
            }
            Recipient::Secret(secret) if self.alg == KeyAlgorithm::Dir => {
                // `with_secret` checked the length against `enc`.
                let key = secret.bytes().get(..self.enc.key_len());
                cek.as_mut().copy_from_slice(key.ok_or(Error::internal())?);
            }
            Recipient::Secret(secret) if self.alg.is_gcm_key_wrap() => {
                rng.fill_bytes(cek.as_mut());
                let (mut iv, mut tag) = ([0u8; 12], [0u8; 16]);
                rng.fill_bytes(&mut iv);
                wrapped.key = alloc::vec![0u8; cek.as_slice().len()];
                let kek = secret.bytes();
                if !key_wrap::gcm_wrap(
                    self.alg,
                    kek,
                    &iv,
                    cek.as_slice(),
                    &mut wrapped.key,
                    &mut tag,
                ) {
                    return Err(failed("AES-GCM key encryption failed"));
                }
                wrapped.gcm = Some((iv, tag));
            }
            Recipient::Secret(secret) => {
                rng.fill_bytes(cek.as_mut());
                wrapped.key = alloc::vec![0u8; cek.as_slice().len() + 8];
                if !key_wrap::aes_wrap(secret.bytes(), cek.as_slice(), &mut wrapped.key) {
                    return Err(failed("AES key wrap failed"));
                }
            }
        }
        Ok(wrapped)
    }

    /// The header with the AES-GCM key wrap's `iv` and `tag`, if any.
    fn header_for<'w>(&self, wrapped: &'w WrappedKey) -> NewHeader<'w>
    where
        'k: 'w,
    {
        NewHeader {
            key_wrap: wrapped.gcm.as_ref().map(|(iv, tag)| (iv, tag)),
            #[cfg(any(feature = "ecdsa", feature = "x25519"))]
            epk: wrapped.epk.as_ref(),
            ..self.header
        }
    }

    fn layout(&self, plaintext_len: usize) -> Result<Layout, Error> {
        let mut header = [0u8; MAX_HEADER_LEN];
        // The key wrap's `iv` and `tag`, and an ephemeral key's
        // coordinates, have fixed lengths: zeros stand in.
        let placeholder = WrappedKey {
            key: alloc::vec::Vec::new(),
            gcm: self.alg.is_gcm_key_wrap().then_some(([0; 12], [0; 16])),
            #[cfg(any(feature = "ecdsa", feature = "x25519"))]
            epk: match self.key {
                Recipient::Public(key) if self.alg.is_ecdh() => ephemeral_placeholder(key),
                _ => None,
            },
        };
        let header_len = self.header_for(&placeholder).write(&mut header)?.len();
        let encrypted_key_len = match (self.key, self.alg.encrypted_key_len(self.enc)) {
            (_, Some(len)) => len,
            (Recipient::Public(key), None) => key.signature_len(),
            (Recipient::Secret(_), None) => return Err(Error::internal()),
        };
        let ciphertext = content::ciphertext_len(self.enc, plaintext_len);
        let ciphertext_encoded = base64url::encoded_len(ciphertext);
        let total = base64url::encoded_len(header_len)
            + 1
            + base64url::encoded_len(encrypted_key_len)
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

/// An ephemeral key of `key`'s type and curve (its own public key stands
/// in: the encodings have fixed lengths), for sizing the header.
#[cfg(any(feature = "ecdsa", feature = "x25519"))]
fn ephemeral_placeholder(key: &PublicKey) -> Option<super::agreement::Ephemeral> {
    #[cfg(feature = "ecdsa")]
    if let Some(point) = key.ec_point() {
        return Some(super::agreement::Ephemeral::Ec(*point));
    }
    #[cfg(feature = "x25519")]
    if let Some(u) = key.x25519_u() {
        return Some(super::agreement::Ephemeral::X25519(*u));
    }
    let _ = key;
    None
}

/// Whom a token is encrypted for.
#[derive(Clone, Copy, Debug)]
enum Recipient<'k> {
    Public(&'k PublicKey),
    Secret(&'k SecretKey),
}

impl Recipient<'_> {
    fn backend(self) -> Backend {
        match self {
            Recipient::Public(key) => key.backend(),
            Recipient::Secret(_) => Backend::DEFAULT,
        }
    }
}

/// The encrypted key, AES-GCM key wrap's `iv` and `tag`, ECDH-ES's
/// ephemeral public key.
#[derive(Default)]
struct WrappedKey {
    key: alloc::vec::Vec<u8>,
    gcm: Option<([u8; 12], [u8; 16])>,
    #[cfg(any(feature = "ecdsa", feature = "x25519"))]
    epk: Option<super::agreement::Ephemeral>,
}

struct Layout {
    ciphertext: usize,
    ciphertext_encoded: usize,
    total: usize,
}
