//! One type per key kind over the backends: the backend a key was converted
//! for, named by its variant, and every operation sent there. A match per
//! operation; no state of its own.

use alloc::vec::Vec;

use rand_core::CryptoRng;
use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use subtle::Choice;
#[cfg(any(
    feature = "hazmat",
    test,
    all(feature = "ecdsa", feature = "aws-lc-rs")
))]
use zeroize::Zeroizing;

#[cfg(feature = "aws-lc-rs")]
use super::aws_lc;
use super::digest::Prehash;
use super::{Backend, rust_crypto};
use crate::algorithm::{KeyAlgorithm, SignatureAlgorithm};
use crate::error::Error;

/// A private key in the form of the backend it was converted for.
#[derive(Clone)]
pub(crate) enum RsaPrivate {
    RustCrypto(rust_crypto::RsaPrivate),
    #[cfg(feature = "aws-lc-rs")]
    AwsLcRs(aws_lc::RsaPrivate),
}

/// A public key in the form of the backend it was converted for.
#[derive(Clone)]
pub(crate) enum RsaPublic {
    RustCrypto(rust_crypto::RsaPublic),
    #[cfg(feature = "aws-lc-rs")]
    AwsLcRs(aws_lc::RsaPublic),
}

impl RsaPrivate {
    pub(crate) fn new(key: RsaPrivateKey, backend: Backend) -> Result<Self, Error> {
        Ok(match backend {
            Backend::RustCrypto => RsaPrivate::RustCrypto(rust_crypto::RsaPrivate::new(key)?),
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs => RsaPrivate::AwsLcRs(aws_lc::RsaPrivate::new(key)?),
        })
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            RsaPrivate::RustCrypto(_) => Backend::RustCrypto,
            #[cfg(feature = "aws-lc-rs")]
            RsaPrivate::AwsLcRs(_) => Backend::AwsLcRs,
        }
    }

    pub(crate) fn rsa(&self) -> &RsaPrivateKey {
        match self {
            RsaPrivate::RustCrypto(key) => key.rsa(),
            #[cfg(feature = "aws-lc-rs")]
            RsaPrivate::AwsLcRs(key) => key.rsa(),
        }
    }

    pub(crate) fn public(&self) -> RsaPublic {
        match self {
            RsaPrivate::RustCrypto(key) => RsaPublic::RustCrypto(key.public()),
            #[cfg(feature = "aws-lc-rs")]
            RsaPrivate::AwsLcRs(key) => RsaPublic::AwsLcRs(key.public()),
        }
    }

    #[cfg(any(feature = "hazmat", test))]
    pub(crate) fn oaep_decrypt<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        ciphertext: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        match self {
            RsaPrivate::RustCrypto(key) => key.oaep_decrypt(alg, rng, ciphertext),
            #[cfg(feature = "aws-lc-rs")]
            RsaPrivate::AwsLcRs(key) => key.oaep_decrypt(alg, rng, ciphertext),
        }
    }

    pub(crate) fn oaep_unwrap_exact<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        ciphertext: &[u8],
        out: &mut [u8],
    ) -> Choice {
        match self {
            RsaPrivate::RustCrypto(key) => key.oaep_unwrap_exact(alg, rng, ciphertext, out),
            #[cfg(feature = "aws-lc-rs")]
            RsaPrivate::AwsLcRs(key) => key.oaep_unwrap_exact(alg, rng, ciphertext, out),
        }
    }

    pub(crate) fn sign<R: CryptoRng + ?Sized>(
        &self,
        alg: SignatureAlgorithm,
        rng: &mut R,
        input: &[u8],
    ) -> Option<Vec<u8>> {
        match self {
            RsaPrivate::RustCrypto(key) => key.sign(alg, rng, input),
            #[cfg(feature = "aws-lc-rs")]
            RsaPrivate::AwsLcRs(key) => key.sign(alg, rng, input),
        }
    }
}

impl RsaPublic {
    pub(crate) fn new(key: RsaPublicKey, backend: Backend) -> Result<Self, Error> {
        Ok(match backend {
            Backend::RustCrypto => RsaPublic::RustCrypto(rust_crypto::RsaPublic::new(key)?),
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs => RsaPublic::AwsLcRs(aws_lc::RsaPublic::new(key)?),
        })
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            RsaPublic::RustCrypto(_) => Backend::RustCrypto,
            #[cfg(feature = "aws-lc-rs")]
            RsaPublic::AwsLcRs(_) => Backend::AwsLcRs,
        }
    }

    pub(crate) fn rsa(&self) -> &RsaPublicKey {
        match self {
            RsaPublic::RustCrypto(key) => key.rsa(),
            #[cfg(feature = "aws-lc-rs")]
            RsaPublic::AwsLcRs(key) => key.rsa(),
        }
    }

    pub(crate) fn verify_prehashed(&self, prehash: &Prehash, signature: &[u8]) -> bool {
        match self {
            RsaPublic::RustCrypto(key) => key.verify_prehashed(prehash, signature),
            #[cfg(feature = "aws-lc-rs")]
            RsaPublic::AwsLcRs(key) => key.verify_prehashed(prehash, signature),
        }
    }

    pub(crate) fn oaep_encrypt<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        rng: &mut R,
        message: &[u8],
    ) -> Option<Vec<u8>> {
        match self {
            RsaPublic::RustCrypto(key) => key.oaep_encrypt(alg, rng, message),
            #[cfg(feature = "aws-lc-rs")]
            RsaPublic::AwsLcRs(key) => key.oaep_encrypt(alg, rng, message),
        }
    }
}

/// An EC public key in the form of the backend it was converted for.
#[cfg(feature = "ecdsa")]
#[derive(Clone)]
pub(crate) enum EcPublic {
    RustCrypto(rust_crypto::ecdsa::EcPublic),
    #[cfg(feature = "aws-lc-rs")]
    AwsLcRs(aws_lc::ecdsa::EcPublic),
}

#[cfg(feature = "ecdsa")]
impl EcPublic {
    /// The key at the uncompressed SEC1 point `point` of `curve`, on
    /// `backend`. The point is checked by RustCrypto whatever the backend
    /// (both refuse the same keys); an `invalid_key` error when it is not a
    /// point of the curve's group other than the identity.
    pub(crate) fn new(
        curve: crate::algorithm::Curve,
        point: &[u8],
        backend: Backend,
    ) -> Result<Self, Error> {
        let checked = rust_crypto::ecdsa::EcPublic::from_uncompressed(curve, point).ok_or(
            Error::invalid_key("not a point of the curve's group (or the point at infinity)"),
        )?;
        Ok(match backend {
            Backend::RustCrypto => EcPublic::RustCrypto(checked),
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs => EcPublic::AwsLcRs(aws_lc::ecdsa::EcPublic::new(curve, point)?),
        })
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            EcPublic::RustCrypto(_) => Backend::RustCrypto,
            #[cfg(feature = "aws-lc-rs")]
            EcPublic::AwsLcRs(_) => Backend::AwsLcRs,
        }
    }

    pub(crate) fn verify_prehashed(&self, prehash: &Prehash, signature: &[u8]) -> bool {
        match self {
            EcPublic::RustCrypto(key) => key.verify_prehashed(prehash, signature),
            #[cfg(feature = "aws-lc-rs")]
            EcPublic::AwsLcRs(key) => key.verify_prehashed(prehash, signature),
        }
    }
}

/// An EC private key in the form of the backend it was converted for. The
/// RustCrypto key is kept on both: it is the key's numbers (its scalar and
/// public point, for export and `with_backend`), as the `rsa` key is for
/// RSA.
#[cfg(feature = "ecdsa")]
#[derive(Clone)]
pub(crate) enum EcPrivate {
    RustCrypto(rust_crypto::ecdsa::EcPrivate),
    #[cfg(feature = "aws-lc-rs")]
    AwsLcRs(rust_crypto::ecdsa::EcPrivate, aws_lc::ecdsa::EcPrivate),
}

#[cfg(feature = "ecdsa")]
impl EcPrivate {
    /// The key whose scalar `numbers` holds, on `backend`.
    pub(crate) fn new(
        numbers: rust_crypto::ecdsa::EcPrivate,
        backend: Backend,
    ) -> Result<Self, Error> {
        Ok(match backend {
            Backend::RustCrypto => EcPrivate::RustCrypto(numbers),
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs => {
                let mut scalar = Zeroizing::new([0u8; 66]);
                let scalar_len = numbers.write_scalar(&mut scalar[..]);
                let mut point = [0u8; 1 + 2 * 66];
                let point_len = numbers.write_public_point(&mut point);
                let pair = aws_lc::ecdsa::EcPrivate::new(
                    numbers.curve(),
                    scalar.get(..scalar_len).ok_or(Error::internal())?,
                    point.get(..point_len).ok_or(Error::internal())?,
                )?;
                EcPrivate::AwsLcRs(numbers, pair)
            }
        })
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            EcPrivate::RustCrypto(_) => Backend::RustCrypto,
            #[cfg(feature = "aws-lc-rs")]
            EcPrivate::AwsLcRs(..) => Backend::AwsLcRs,
        }
    }

    /// The key's numbers (RustCrypto's form), whatever the backend.
    pub(crate) fn numbers(&self) -> &rust_crypto::ecdsa::EcPrivate {
        match self {
            EcPrivate::RustCrypto(numbers) => numbers,
            #[cfg(feature = "aws-lc-rs")]
            EcPrivate::AwsLcRs(numbers, _) => numbers,
        }
    }

    pub(crate) fn sign_prehashed<R: CryptoRng + ?Sized>(
        &self,
        prehash: &Prehash,
        rng: &mut R,
    ) -> Option<Vec<u8>> {
        match self {
            EcPrivate::RustCrypto(key) => key.sign_prehashed(prehash, rng),
            #[cfg(feature = "aws-lc-rs")]
            EcPrivate::AwsLcRs(_, key) => key.sign_prehashed(prehash),
        }
    }

    /// ECDH with the peer's uncompressed point on this key's curve (checked
    /// on the curve by the caller, and again by aws-lc): `Z` into the front
    /// of `out`, its length; `None` for another curve or on failure.
    pub(crate) fn shared_secret(
        &self,
        curve: crate::algorithm::Curve,
        peer: &[u8],
        out: &mut [u8],
    ) -> Option<usize> {
        match self {
            EcPrivate::RustCrypto(key) => {
                let peer = rust_crypto::ecdsa::EcPublic::from_uncompressed(curve, peer)?;
                rust_crypto::ecdh::shared_secret(key, &peer, out)
            }
            #[cfg(feature = "aws-lc-rs")]
            EcPrivate::AwsLcRs(numbers, key) if numbers.curve() == curve => {
                key.shared_secret(peer, out)
            }
            #[cfg(feature = "aws-lc-rs")]
            EcPrivate::AwsLcRs(..) => None,
        }
    }
}

/// AES-GCM content encryption on a backend.
pub(crate) mod gcm {
    #[cfg(feature = "aws-lc-rs")]
    use super::aws_lc;
    use super::{Backend, rust_crypto};
    use crate::algorithm::ContentAlgorithm;

    /// Authenticates and decrypts `buf` in place; on `false` it holds no
    /// plaintext.
    pub(crate) fn open(
        backend: Backend,
        enc: ContentAlgorithm,
        key: &[u8],
        iv: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> bool {
        match backend {
            Backend::RustCrypto => rust_crypto::gcm::open(enc, key, iv, aad, buf, tag),
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs => aws_lc::gcm::open(enc, key, iv, aad, buf, tag),
        }
    }

    /// Encrypts `buf` in place and writes the tag to `tag_out`.
    pub(crate) fn seal(
        backend: Backend,
        enc: ContentAlgorithm,
        key: &[u8],
        iv: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag_out: &mut [u8],
    ) -> bool {
        match backend {
            Backend::RustCrypto => rust_crypto::gcm::seal(enc, key, iv, aad, buf, tag_out),
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs => aws_lc::gcm::seal(enc, key, iv, aad, buf, tag_out),
        }
    }
}
