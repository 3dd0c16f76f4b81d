//! Key export, for handing a key to the other side: the receiver's public
//! key to the issuer (Auth0 takes a PEM; an OpenID client registering with
//! Curity sends a JWK Set), and a new key pair for tools. Everything is
//! written into the caller's buffer; the `String` forms (alloc) size it for
//! you. Key sets export public members only, whatever keys they hold.
//! Private keys export into zeroizing strings; nothing of a private key is
//! copied to the heap on the way.

mod asn1;
mod jwk;

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crypto_bigint::{BoxedUint, Word};
use der::pem::{self, LineEnding};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use zeroize::{Zeroize, Zeroizing};

use super::meta::KeyMeta;
use super::{PrivateKey, PrivateKeySet, PublicKey, PublicKeySet, SecretKey};
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::json::ObjectWriter;

/// The largest magnitude, in bytes (4096 bits).
const MAX_MAGNITUDE: usize = 512;

/// Room for an integer's limbs, big-endian (held in `Zeroizing`).
type Scratch = [u8; MAX_MAGNITUDE + 8];

/// `x`'s minimal big-endian bytes (none for 0), from its limbs; `None` past
/// 4096 bits.
fn magnitude<'s>(x: &BoxedUint, scratch: &'s mut Scratch) -> Option<&'s [u8]> {
    const WORD: usize = core::mem::size_of::<Word>();
    let bytes = crate::backend::bit_width(x).div_ceil(8) as usize;
    if bytes > MAX_MAGNITUDE {
        return None;
    }
    let words = x.as_words();
    let len = words.len().checked_mul(WORD)?.min(scratch.len());
    let start = scratch.len() - len;
    let limbs = scratch.get_mut(start..)?;
    for (chunk, word) in limbs.chunks_mut(WORD).zip(words.iter().rev()) {
        for (to, from) in chunk.iter_mut().zip(word.to_be_bytes()) {
            *to = from;
        }
    }
    scratch.get(scratch.len() - bytes..)
}

fn too_large() -> Error {
    Error::invalid_key("an integer of the key is longer than 4096 bits")
}

/// The largest SPKI of a 4096-bit key is 550 bytes.
const MAX_SPKI_LEN: usize = 600;

/// The largest PKCS#8 of a 4096-bit key (CRT values included) is about 2,380
/// bytes.
const MAX_PKCS8_LEN: usize = 2600;

/// `out` as PEM of `der` under `label`.
fn pem_of<'o>(label: &str, der: &[u8], out: &'o mut [u8]) -> Result<&'o str, Error> {
    let need = pem::encoded_len(label, LineEnding::LF, der).map_err(|_| Error::internal())?;
    if out.len() < need {
        return Err(short(out.len(), need));
    }
    pem::encode(label, LineEnding::LF, der, out).map_err(|_| Error::internal())
}

fn short(have: usize, need: usize) -> Error {
    Error::new(
        ErrorKind::Buffer,
        Some(Part::Key),
        "buffer too small for the key",
    )
    .with(Detail::Buffer { have, need })
}

/// Runs a writer into a buffer it sizes: a first guess, then the size a
/// `buffer` error names.
fn sized(
    guess: usize,
    write: impl Fn(&mut [u8]) -> Result<usize, Error>,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut buf = Zeroizing::new(vec![0u8; guess]);
    let len = match write(&mut buf) {
        Err(e) if e.kind() == ErrorKind::Buffer => {
            let need = e.needed_len().ok_or(e)?;
            buf = Zeroizing::new(vec![0u8; need]);
            write(&mut buf)?
        }
        other => other?,
    };
    buf.truncate(len);
    Ok(buf)
}

/// The text a sized writer produced (always ASCII).
fn text(bytes: Zeroizing<Vec<u8>>) -> Result<Zeroizing<String>, Error> {
    let mut bytes = bytes;
    let owned = core::mem::take(&mut *bytes);
    String::from_utf8(owned).map(Zeroizing::new).map_err(|e| {
        let mut lost = e.into_bytes();
        lost.zeroize();
        Error::internal()
    })
}

impl PublicKey {
    /// The key as DER `SubjectPublicKeyInfo` into `out` (at most 550 bytes
    /// for a 4096-bit key; a `buffer` error says the size needed).
    ///
    /// ```
    /// use jose_core::keys::PublicKey;
    /// let key = PublicKey::from_pem(include_str!("../../../../vectors/interop/issuer.spki.pem"))?;
    /// let mut out = [0u8; 600];
    /// let der = key.to_spki_der(&mut out)?;
    /// assert_eq!(PublicKey::from_spki_der(der)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_spki_der<'o>(&self, out: &'o mut [u8]) -> Result<&'o [u8], Error> {
        #[cfg(feature = "ecdsa")]
        if let Some(point) = self.ec_point() {
            return asn1::ec_spki(point, out);
        }
        #[cfg(feature = "eddsa")]
        if let Some(x) = self.ed25519_x() {
            return asn1::rfc8410_spki(crate::keys::okp::ID_ED25519, x, out);
        }
        #[cfg(feature = "x25519")]
        if let Some(u) = self.x25519_u() {
            return asn1::rfc8410_spki(crate::keys::x25519::ID_X25519, u, out);
        }
        let rsa = self.rsa().ok_or(Error::internal())?;
        asn1::spki(rsa.n().as_ref(), rsa.e(), self.meta.rsassa_pss, out)
    }

    /// The key as a PEM `PUBLIC KEY` (SPKI) into `out`: what Auth0 takes as
    /// an API's encryption key.
    ///
    /// ```
    /// use jose_core::keys::PublicKey;
    /// let pem = include_str!("../../../../vectors/interop/issuer.spki.pem");
    /// let key = PublicKey::from_pem(pem)?;
    /// let mut out = [0u8; 1024];
    /// assert_eq!(key.to_spki_pem(&mut out)?, pem);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_spki_pem<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let mut der = [0u8; MAX_SPKI_LEN];
        let der = self.to_spki_der(&mut der)?;
        pem_of("PUBLIC KEY", der, out)
    }

    /// [`PublicKey::to_spki_pem`] into a new `String`.
    ///
    /// ```
    /// let key = jose_core::keys::PublicKey::from_pem(include_str!("../../../../vectors/interop/issuer.spki.pem"))?;
    /// assert!(key.spki_pem()?.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn spki_pem(&self) -> Result<String, Error> {
        let bytes = sized(1024, |out| self.to_spki_pem(out).map(str::len))?;
        text(bytes).map(|t| (*t).clone())
    }

    /// The key as a public JWK into `out`: `kty`, `n`, `e`, and the `kid`,
    /// `use`, `alg`, `key_ops` it states, `x5c` and `x5t#S256` when a
    /// certificate is attached.
    ///
    /// ```
    /// use jose_core::keys::PublicKey;
    /// let key = PublicKey::from_certificate_pem(include_str!("../../../../vectors/interop/issuer.cert.pem"))?.with_kid("issuer-2024");
    /// let mut out = vec![0u8; 4096];
    /// let jwk = key.to_jwk(&mut out)?;
    /// let back = PublicKey::from_jwk(jwk)?;
    /// assert_eq!((back.thumbprint(), back.kid(), back.x5t_s256()), (key.thumbprint(), Some("issuer-2024"), key.x5t_s256()));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_jwk<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        self.meta.check_jwk_expressible()?;
        let mut w = ObjectWriter::new(out);
        self.write_jwk(&mut w);
        w.finish()
    }

    /// [`PublicKey::to_jwk`] into a new `String`.
    ///
    /// ```
    /// let key = jose_core::keys::PublicKey::from_pem(include_str!("../../../../vectors/interop/issuer.spki.pem"))?;
    /// assert!(key.jwk()?.starts_with(r#"{"kty":"RSA","n":""#));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn jwk(&self) -> Result<String, Error> {
        let bytes = sized(1024, |out| self.to_jwk(out).map(str::len))?;
        text(bytes).map(|t| (*t).clone())
    }

    fn write_jwk(&self, w: &mut ObjectWriter<'_>) {
        #[cfg(feature = "ecdsa")]
        if let Some(point) = self.ec_point() {
            jwk::write_ec(w, point);
            jwk::write_meta(w, &self.meta);
            return;
        }
        #[cfg(feature = "eddsa")]
        if let Some(x) = self.ed25519_x() {
            jwk::write_okp(w, "Ed25519", x);
            jwk::write_meta(w, &self.meta);
            return;
        }
        #[cfg(feature = "x25519")]
        if let Some(u) = self.x25519_u() {
            jwk::write_okp(w, "X25519", u);
            jwk::write_meta(w, &self.meta);
            return;
        }
        if let Some(rsa) = self.rsa() {
            jwk::write_members(w, &[("n", rsa.n().as_ref()), ("e", rsa.e())], &self.meta);
        }
    }
}

/// A JWK Set of public JWKs, one per key.
fn write_jwks<'o, K>(
    keys: &[K],
    meta: impl Fn(&K) -> &KeyMeta,
    public: impl Fn(&K, &mut ObjectWriter<'_>),
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    for key in keys {
        meta(key).check_jwk_expressible()?;
    }
    let mut w = ObjectWriter::new(out);
    w.array("keys", |a| {
        for key in keys {
            a.object(|o| public(key, o));
        }
    });
    w.finish()
}

impl PublicKeySet {
    /// The set as a JWK Set (`{"keys":[...]}`) into `out`, for publishing
    /// at a `jwks_uri` or sending in a registration's `jwks`.
    ///
    /// ```
    /// use jose_core::keys::PublicKeySet;
    /// let set = PublicKeySet::from_jwks(include_str!("../../../../vectors/interop/issuer.jwks.json"))?;
    /// let mut out = vec![0u8; 8192];
    /// let again = PublicKeySet::from_jwks(set.to_jwks(&mut out)?)?;
    /// assert_eq!(again.fingerprint(), set.fingerprint());
    /// # use jose_core::keys::IssuerKeys;
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_jwks<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        write_jwks(self.keys(), |k| &k.meta, PublicKey::write_jwk, out)
    }

    /// [`PublicKeySet::to_jwks`] into a new `String`.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::PublicKeySet::new().jwks()?, r#"{"keys":[]}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn jwks(&self) -> Result<String, Error> {
        let bytes = sized(4096, |out| self.to_jwks(out).map(str::len))?;
        text(bytes).map(|t| (*t).clone())
    }
}

impl PrivateKeySet {
    /// The public halves of the set's keys as a JWK Set into `out`: what an
    /// issuer encrypts to. No private member is ever written.
    ///
    /// ```
    /// use jose_core::keys::PrivateKeySet;
    /// let mine = PrivateKeySet::from_jwks(include_str!("../../../../vectors/interop/api.private.jwks.json"))?;
    /// let mut out = vec![0u8; 4096];
    /// let published = mine.to_public_jwks(&mut out)?;
    /// assert!(!published.contains("\"d\""));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_public_jwks<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        write_jwks(self.keys(), |k| &k.meta, PrivateKey::write_public_jwk, out)
    }

    /// [`PrivateKeySet::to_public_jwks`] into a new `String`.
    ///
    /// ```
    /// let mine = jose_core::keys::PrivateKeySet::from_jwks(include_str!("../../../../vectors/interop/api.private.jwks.json"))?;
    /// assert!(mine.public_jwks()?.contains("api-enc-2048"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn public_jwks(&self) -> Result<String, Error> {
        let bytes = sized(4096, |out| self.to_public_jwks(out).map(str::len))?;
        text(bytes).map(|t| (*t).clone())
    }
}

impl PrivateKey {
    fn write_public_jwk(&self, w: &mut ObjectWriter<'_>) {
        self.public_key().write_jwk(w);
    }

    /// The EC key's point and scalar (in wiped memory), for export.
    #[cfg(feature = "ecdsa")]
    fn with_ec_scalar<T>(&self, f: impl FnOnce(&super::ec::Point, &[u8]) -> T) -> Option<T> {
        let (point, ops) = self.ec()?;
        let mut scalar = Zeroizing::new([0u8; 66]);
        let len = ops.numbers().write_scalar(&mut scalar[..]);
        Some(f(point, scalar.get(..len).unwrap_or(&[])))
    }

    /// The CRT coefficient `q^-1 mod p`, computed by the `rsa` crate (a
    /// heap value, wiped here).
    fn with_integers<T>(&self, f: impl FnOnce([&BoxedUint; 8]) -> T) -> Result<T, Error> {
        let rsa = self.rsa().ok_or(Error::internal())?;
        let missing = || Error::invalid_key("the key has no CRT values");
        let [p, q] = rsa.primes() else {
            return Err(Error::invalid_key("only two-prime RSA keys are exported"));
        };
        let (dp, dq) = (rsa.dp().ok_or_else(missing)?, rsa.dq().ok_or_else(missing)?);
        let mut qinv = rsa.crt_coefficient().ok_or_else(missing)?;
        let out = f([
            rsa.n().as_ref(),
            rsa.e(),
            rsa.d(),
            p.as_ref(),
            q.as_ref(),
            dp,
            dq,
            &qinv,
        ]);
        qinv.zeroize();
        Ok(out)
    }

    /// The key as DER PKCS#8 `PrivateKeyInfo` into `out` (at most about
    /// 2,400 bytes for a 4096-bit key). Secret: wipe `out` when done.
    ///
    /// ```
    /// use jose_core::keys::PrivateKey;
    /// let key = PrivateKey::from_pem(include_str!("../../../../vectors/interop/recipient.key.pem"))?;
    /// let mut out = zeroize::Zeroizing::new([0u8; 2600]);
    /// let der = key.to_pkcs8_der(&mut out[..])?;
    /// assert_eq!(PrivateKey::from_pkcs8_der(der)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_pkcs8_der<'o>(&self, out: &'o mut [u8]) -> Result<&'o [u8], Error> {
        #[cfg(feature = "ecdsa")]
        if let Some(len) =
            self.with_ec_scalar(|point, scalar| asn1::ec_pkcs8(point, scalar, out).map(<[u8]>::len))
        {
            return out.get(..len?).ok_or(Error::internal());
        }
        #[cfg(feature = "eddsa")]
        if let Some((seed, _)) = self.ed25519() {
            let len = asn1::rfc8410_pkcs8(crate::keys::okp::ID_ED25519, &seed, out)?.len();
            return out.get(..len).ok_or(Error::internal());
        }
        #[cfg(feature = "x25519")]
        if let Some((scalar, _)) = self.x25519() {
            let len = asn1::rfc8410_pkcs8(crate::keys::x25519::ID_X25519, scalar, out)?.len();
            return out.get(..len).ok_or(Error::internal());
        }
        let len = self.with_integers(|integers| {
            asn1::pkcs8(integers, self.meta.rsassa_pss, out).map(<[u8]>::len)
        })??;
        out.get(..len).ok_or(Error::internal())
    }

    /// The key as a PEM `PRIVATE KEY` (PKCS#8) into `out`. Secret: wipe
    /// `out` when done.
    ///
    /// ```
    /// use jose_core::keys::PrivateKey;
    /// let key = PrivateKey::from_pem(include_str!("../../../../vectors/interop/recipient.key.pem"))?;
    /// let mut out = zeroize::Zeroizing::new([0u8; 4096]);
    /// let pem = key.to_pkcs8_pem(&mut out[..])?;
    /// assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    /// assert_eq!(PrivateKey::from_pem(pem)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_pkcs8_pem<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let mut der = Zeroizing::new([0u8; MAX_PKCS8_LEN]);
        let der = self.to_pkcs8_der(&mut der[..])?;
        pem_of("PRIVATE KEY", der, out)
    }

    /// [`PrivateKey::to_pkcs8_pem`] into a string wiped when dropped.
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_pem(include_str!("../../../../vectors/interop/recipient.key.pem"))?;
    /// assert!(key.pkcs8_pem()?.ends_with("-----END PRIVATE KEY-----\n"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn pkcs8_pem(&self) -> Result<Zeroizing<String>, Error> {
        text(sized(4096, |out| self.to_pkcs8_pem(out).map(str::len))?)
    }

    /// The key as a private JWK into `out`: the public members, then `d`,
    /// `p`, `q`, `dp`, `dq`, `qi`. Secret: wipe `out` when done.
    ///
    /// ```
    /// use jose_core::keys::PrivateKey;
    /// let key = PrivateKey::from_pem(include_str!("../../../../vectors/interop/recipient.key.pem"))?.with_kid("enc-1");
    /// let mut out = zeroize::Zeroizing::new([0u8; 4096]);
    /// let jwk = key.to_private_jwk(&mut out[..])?;
    /// assert_eq!(PrivateKey::from_jwk(jwk)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_private_jwk<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        self.meta.check_jwk_expressible()?;
        let mut w = ObjectWriter::new(out);
        #[cfg(feature = "ecdsa")]
        if let Some(()) = self.with_ec_scalar(|point, scalar| {
            jwk::write_ec(&mut w, point);
            jwk::write_secret(&mut w, "d", scalar);
            jwk::write_meta(&mut w, &self.meta);
        }) {
            return w.finish();
        }
        #[cfg(feature = "eddsa")]
        if let Some((seed, x)) = self.ed25519() {
            jwk::write_okp(&mut w, "Ed25519", x);
            jwk::write_secret(&mut w, "d", &seed[..]);
            jwk::write_meta(&mut w, &self.meta);
            return w.finish();
        }
        #[cfg(feature = "x25519")]
        if let Some((scalar, u)) = self.x25519() {
            jwk::write_okp(&mut w, "X25519", u);
            jwk::write_secret(&mut w, "d", scalar);
            jwk::write_meta(&mut w, &self.meta);
            return w.finish();
        }
        self.with_integers(|[n, e, d, p, q, dp, dq, qi]| {
            let integers = [
                ("n", n),
                ("e", e),
                ("d", d),
                ("p", p),
                ("q", q),
                ("dp", dp),
                ("dq", dq),
                ("qi", qi),
            ];
            jwk::write_members(&mut w, &integers, &self.meta);
        })?;
        w.finish()
    }

    /// The EC key as DER SEC1 `ECPrivateKey` (RFC 5915, with its curve and
    /// public point) into `out`: what OpenSSL writes as `EC PRIVATE KEY`.
    /// An `invalid_key` error for an RSA key. Secret: wipe `out` when done.
    ///
    /// ```
    /// use jose_core::{keys::PrivateKey, Curve};
    /// let key = PrivateKey::generate_ec(Curve::P384, &mut jose_core::os_rng())?;
    /// let mut out = zeroize::Zeroizing::new([0u8; 256]);
    /// let der = key.to_sec1_der(&mut out[..])?;
    /// assert_eq!(PrivateKey::from_sec1_der(der)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[cfg(feature = "ecdsa")]
    pub fn to_sec1_der<'o>(&self, out: &'o mut [u8]) -> Result<&'o [u8], Error> {
        let len = self
            .with_ec_scalar(|point, scalar| {
                asn1::ec_sec1(point, scalar, true, out).map(<[u8]>::len)
            })
            .ok_or(Error::invalid_key("SEC1 holds EC keys only"))??;
        out.get(..len).ok_or(Error::internal())
    }

    /// [`PrivateKey::to_sec1_der`] as a PEM `EC PRIVATE KEY` into `out`.
    /// Secret: wipe `out` when done.
    ///
    /// ```
    /// use jose_core::{keys::PrivateKey, Curve};
    /// let key = PrivateKey::generate_ec(Curve::P256, &mut jose_core::os_rng())?;
    /// let mut out = zeroize::Zeroizing::new([0u8; 512]);
    /// let pem = key.to_sec1_pem(&mut out[..])?;
    /// assert!(pem.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    /// assert_eq!(PrivateKey::from_pem(pem)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[cfg(feature = "ecdsa")]
    pub fn to_sec1_pem<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let mut der = Zeroizing::new([0u8; 256]);
        let der = self.to_sec1_der(&mut der[..])?;
        pem_of("EC PRIVATE KEY", der, out)
    }

    /// [`PrivateKey::to_private_jwk`] into a string wiped when dropped.
    ///
    /// ```
    /// let key = jose_core::keys::PrivateKey::from_pem(include_str!("../../../../vectors/interop/recipient.key.pem"))?;
    /// assert!(key.private_jwk()?.contains(r#""qi":""#));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn private_jwk(&self) -> Result<Zeroizing<String>, Error> {
        text(sized(4096, |out| self.to_private_jwk(out).map(str::len))?)
    }
}

impl SecretKey {
    /// The secret as an `oct` JWK (RFC 7518 §6.4) into `out`: `kty`, `k`,
    /// then `kid`, `use`, `alg` and `key_ops` as the secret states them.
    /// `k` is written with the constant-time encoder, straight into `out`.
    /// Secret: wipe `out` when done.
    ///
    /// ```
    /// use jose_core::keys::SecretKey;
    /// let key = SecretKey::from_bytes(&[7u8; 32])?.with_kid("shared-1");
    /// let mut out = zeroize::Zeroizing::new([0u8; 128]);
    /// let jwk = key.to_jwk(&mut out[..])?;
    /// assert_eq!(SecretKey::from_jwk(jwk)?.kid(), Some("shared-1"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn to_jwk<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let mut w = ObjectWriter::new(out);
        w.string("kty", "oct");
        let secret = self.bytes();
        w.encoded("k", crate::base64url::encoded_len(secret.len()), |out| {
            crate::base64url::encode(secret, out).map(|_| ())
        });
        jwk::write_meta(&mut w, &self.meta);
        w.finish()
    }

    /// [`SecretKey::to_jwk`] into a string wiped when dropped. There is no
    /// public form of a secret, and no thumbprint: RFC 7638's for an `oct`
    /// key is a hash of the secret, which would let anyone holding it test
    /// guesses offline.
    ///
    /// ```
    /// let key = jose_core::keys::SecretKey::from_bytes(&[7u8; 32])?;
    /// assert!(key.jwk()?.starts_with(r#"{"kty":"oct","k":""#));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn jwk(&self) -> Result<Zeroizing<String>, Error> {
        text(sized(2048, |out| self.to_jwk(out).map(str::len))?)
    }
}
