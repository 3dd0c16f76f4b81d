//! Decrypting a parsed compact JWE: the key checks, then decode, unwrap, open.

use rand_core::TryCryptoRng;

use super::unwrap::{self, Wrapped};
use super::{Compact, content};
use crate::backend::Backend;
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::keys::{DecryptionKey, DecryptionKeys, decryption_key_for};
use crate::rng::CallRng;

impl<S: AsRef<[u8]>> Compact<'_, S> {
    /// [`Compact::decrypt`] with the key `keys` chooses for this token: a
    /// [`crate::keys::PrivateKeySet`], a [`crate::keys::SecretKeySet`],
    /// both in a [`crate::keys::WithSecret`], or a resolver of your own.
    /// Symmetric algorithms (`dir`, key wrap) ask the resolver for a
    /// secret, RSA-OAEP and ECDH-ES for a private key; a key it does not
    /// have is a `key` error.
    ///
    /// ```
    /// use jose_core::{jwe::Compact, keys::PrivateKeySet};
    /// let keys = PrivateKeySet::new()
    ///     .with(jose_core::keys::PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?)?;
    /// let jwe = Compact::parse(include_str!("../../../vectors/rfc7516_A1.jwe").trim())?;
    /// let mut buf = vec![0u8; jwe.buffer_len()];
    /// let plaintext = jwe.decrypt_with(&keys, &mut jose_core::os_rng(), &mut buf)?;
    /// assert!(plaintext.starts_with(b"The true sign"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn decrypt_with<'b, K: DecryptionKeys + ?Sized, R: TryCryptoRng + ?Sized>(
        &self,
        keys: &K,
        rng: &mut R,
        buf: &'b mut [u8],
    ) -> Result<&'b mut [u8], Error> {
        let key = decryption_key_for(keys, &self.key_request())?;
        self.decrypt(key, rng, buf)
    }

    /// Decrypts into `buf` and returns the authenticated plaintext, a prefix of
    /// `buf`.
    ///
    /// `key` is a [`crate::keys::PrivateKey`] for RSA-OAEP or a
    /// [`crate::keys::SecretKey`] for `dir`, AES key wrap and AES-GCM key
    /// wrap (either by reference). `buf` needs [`Compact::buffer_len`]
    /// bytes. `rng` blinds the RSA private key operation and supplies the
    /// substitute content key used when unwrap fails. Checks that need no
    /// secret come first: the key must be of the type and length the
    /// token's `alg` and `enc` take and allowed for them (`key`), an RSA key
    /// within the policy's sizes (`policy`) and the encrypted key exactly
    /// its modulus length (`malformed`). After that every failure, whatever
    /// the key management, is the one `decrypt` error, and on every failure
    /// `buf` holds no plaintext.
    ///
    /// ```
    /// use jose_core::{jwe::Compact, keys::PrivateKey};
    ///
    /// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let jwe = Compact::parse(include_str!("../../../vectors/rfc7516_A1.jwe").trim())?;
    /// let mut buf = [0u8; 128];
    /// let plaintext = jwe.decrypt(&key, &mut jose_core::os_rng(), &mut buf)?;
    /// assert_eq!(plaintext, b"The true sign of intelligence is not knowledge but imagination.");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn decrypt<'b, 'k, R: TryCryptoRng + ?Sized>(
        &self,
        key: impl Into<DecryptionKey<'k>>,
        rng: &mut R,
        buf: &'b mut [u8],
    ) -> Result<&'b mut [u8], Error> {
        let key = key.into();
        let rng = &mut CallRng::seeded_from(rng)?;
        let backend = match key {
            DecryptionKey::Private(key) => {
                key.check_usable_for(self.alg)?;
                if self.alg.is_rsa_oaep() {
                    self.policy.check_rsa_bits(key.bits())?;
                    key.check_encrypted_key_len(self.encrypted_key_len)?;
                }
                #[cfg(any(feature = "ecdsa", feature = "x25519"))]
                if self.alg.is_ecdh() {
                    super::agreement::check_key(&self.header(), key)?;
                }
                key.backend()
            }
            DecryptionKey::Secret(secret) => {
                secret.check_usable_for_decryption(self.alg, self.enc)?;
                Backend::DEFAULT
            }
        };
        let have = buf.len();
        let body = buf.get_mut(..self.ciphertext_len).ok_or(
            Error::new(
                ErrorKind::Buffer,
                Some(Part::Ciphertext),
                "buffer too small",
            )
            .with(Detail::Buffer {
                have,
                need: self.ciphertext_len,
            }),
        )?;
        base64url::decode_public(self.ciphertext.as_bytes(), body, Part::Ciphertext)?;

        let encrypted_key = self
            .encrypted_key
            .get(..self.encrypted_key_len)
            .ok_or(Error::internal())?;
        let wrapped = Wrapped {
            encrypted_key,
            iv: &self.key_wrap_iv,
            tag: &self.key_wrap_tag,
            header: self.header(),
        };
        let cek = unwrap::content_key(key, self.alg, self.enc, &wrapped, rng);
        let iv = self.iv.get(..self.enc.iv_len()).ok_or(Error::internal())?;
        let tag = self
            .tag
            .get(..self.enc.tag_len())
            .ok_or(Error::internal())?;
        let len = content::decrypt_on(
            backend,
            self.enc,
            cek.as_slice(),
            iv,
            self.protected.as_bytes(),
            body,
            tag,
        )?;
        body.get_mut(..len).ok_or(Error::internal())
    }
}
