//! The server backend (feature `aws-lc-rs`): RSA and AES-GCM through
//! aws-lc-rs, OpenSSL-class speed, C behind FFI, `std` only.
//!
//! Keys are still parsed by the `rsa` crate (one reader of PKCS#1, PKCS#8,
//! SPKI and JWK components for both backends) and converted here, once, at
//! import: a private key to aws-lc's OAEP decrypting key and signing key pair
//! (from its PKCS#8 encoding), a public key to one parsed verification key per
//! signature algorithm and an OAEP encrypting key (from its components). A key
//! aws-lc refuses is an `invalid_key` error naming aws-lc's reason; nothing
//! falls back to the other backend.
//!
//! aws-lc blinds its RSA private operations with its own generator and draws
//! OAEP seeds and PSS salts from it too: the caller's `rng` is not used for
//! those on this backend (it still supplies content keys, IVs and the
//! substitute key of the one-decryption-failure rule).

#[cfg(feature = "ecdsa")]
pub(crate) mod ecdsa;
pub(crate) mod gcm;

use alloc::sync::Arc;
use alloc::vec::Vec;

use aws_lc_rs::digest::{self as aws_digest, Digest};
use aws_lc_rs::rsa::{
    KeyPair, OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OAEP_SHA384_MGF1SHA384,
    OAEP_SHA512_MGF1SHA512, OaepAlgorithm, OaepPrivateDecryptingKey, OaepPublicEncryptingKey,
    PrivateDecryptingKey, PublicEncryptingKey, PublicKeyComponents,
};
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaEncoding, RsaParameters};
use rand_core::CryptoRng;
use rsa::pkcs8::EncodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use super::digest::Prehash;
use super::integers::strip_leading_zeros;
use crate::algorithm::{KeyAlgorithm, SignatureAlgorithm};
use crate::error::{Detail, Error};
use crate::policy::MAX_RSA_BITS;

pub(crate) const NAME: &str = "aws-lc-rs";

/// The largest RSA block, in bytes (the policy's largest modulus).
const MAX_BLOCK: usize = MAX_RSA_BITS / 8;

fn oaep(alg: KeyAlgorithm) -> Option<&'static OaepAlgorithm> {
    match alg {
        KeyAlgorithm::RsaOaep => Some(&OAEP_SHA1_MGF1SHA1),
        KeyAlgorithm::RsaOaep256 => Some(&OAEP_SHA256_MGF1SHA256),
        KeyAlgorithm::RsaOaep384 => Some(&OAEP_SHA384_MGF1SHA384),
        KeyAlgorithm::RsaOaep512 => Some(&OAEP_SHA512_MGF1SHA512),
        // The key layer never gives an RSA key another algorithm.
        _ => None,
    }
}

/// The RSA verification parameters of an RS or PS algorithm; `None` for
/// the others (an RSA key never verifies them).
fn verification(alg: SignatureAlgorithm) -> Option<&'static RsaParameters> {
    Some(match alg {
        SignatureAlgorithm::Rs256 => &signature::RSA_PKCS1_2048_8192_SHA256,
        SignatureAlgorithm::Rs384 => &signature::RSA_PKCS1_2048_8192_SHA384,
        SignatureAlgorithm::Rs512 => &signature::RSA_PKCS1_2048_8192_SHA512,
        SignatureAlgorithm::Ps256 => &signature::RSA_PSS_2048_8192_SHA256,
        SignatureAlgorithm::Ps384 => &signature::RSA_PSS_2048_8192_SHA384,
        SignatureAlgorithm::Ps512 => &signature::RSA_PSS_2048_8192_SHA512,
        _ => return None,
    })
}

/// `prehash` as aws-lc's digest: the hash is the one `backend::digest`
/// chose for the algorithm (the one place that decides it), named here by
/// its length.
pub(crate) fn digest_of(prehash: &Prehash) -> Option<Digest> {
    let bytes = prehash.as_bytes();
    let algorithm = match bytes.len() {
        32 => &aws_digest::SHA256,
        48 => &aws_digest::SHA384,
        64 => &aws_digest::SHA512,
        _ => return None,
    };
    Digest::import_less_safe(bytes, algorithm).ok()
}

/// The RSA signing encoding of an RS or PS algorithm; `None` for the others.
fn signing(alg: SignatureAlgorithm) -> Option<&'static dyn RsaEncoding> {
    Some(match alg {
        SignatureAlgorithm::Rs256 => &signature::RSA_PKCS1_SHA256,
        SignatureAlgorithm::Rs384 => &signature::RSA_PKCS1_SHA384,
        SignatureAlgorithm::Rs512 => &signature::RSA_PKCS1_SHA512,
        SignatureAlgorithm::Ps256 => &signature::RSA_PSS_SHA256,
        SignatureAlgorithm::Ps384 => &signature::RSA_PSS_SHA384,
        SignatureAlgorithm::Ps512 => &signature::RSA_PSS_SHA512,
        _ => return None,
    })
}

/// aws-lc's reason (`"InvalidEncoding"`, `"TooLarge"`, ...) goes into the
/// message: it names a property of the key, never its value.
pub(crate) fn refused(why: aws_lc_rs::error::KeyRejected) -> Error {
    Error::invalid_key("aws-lc refused the key").with(Detail::Name(why.description_()))
}

/// A private key as this backend uses it.
#[derive(Clone)]
pub(crate) struct RsaPrivate {
    key: RsaPrivateKey,
    decrypting: Arc<OaepPrivateDecryptingKey>,
    signing: Arc<KeyPair>,
    public: RsaPublic,
}

impl RsaPrivate {
    pub(crate) fn new(key: RsaPrivateKey) -> Result<Self, Error> {
        let pkcs8 = key
            .to_pkcs8_der()
            .map_err(|_| Error::invalid_key("the key could not be encoded for aws-lc"))?;
        let decrypting = PrivateDecryptingKey::from_pkcs8(pkcs8.as_bytes()).map_err(refused)?;
        let decrypting = OaepPrivateDecryptingKey::new(decrypting)
            .map_err(|_| Error::invalid_key("aws-lc refused the key for RSA-OAEP"))?;
        let signing = KeyPair::from_pkcs8(pkcs8.as_bytes()).map_err(refused)?;
        let public = RsaPublic::new(key.to_public_key())?;
        Ok(RsaPrivate {
            key,
            decrypting: Arc::new(decrypting),
            signing: Arc::new(signing),
            public,
        })
    }

    pub(crate) fn rsa(&self) -> &RsaPrivateKey {
        &self.key
    }

    pub(crate) fn public(&self) -> RsaPublic {
        self.public.clone()
    }

    /// The decrypted message in a zeroizing block-sized buffer, and its length.
    fn decrypt(
        &self,
        alg: KeyAlgorithm,
        ciphertext: &[u8],
    ) -> (Zeroizing<[u8; MAX_BLOCK]>, Option<usize>) {
        let mut out = Zeroizing::new([0u8; MAX_BLOCK]);
        let len = oaep(alg).and_then(|oaep| {
            self.decrypting
                .decrypt(oaep, ciphertext, out.as_mut_slice(), None)
                .ok()
                .map(|m| m.len())
        });
        (out, len)
    }

    /// RSA-OAEP decryption returning the message, for `hazmat` (an oracle).
    #[cfg(any(feature = "hazmat", test))]
    pub(crate) fn oaep_decrypt<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        _rng: &mut R,
        ciphertext: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        let (out, len) = self.decrypt(alg, ciphertext);
        out.get(..len?).map(|m| Zeroizing::new(m.to_vec()))
    }

    /// RSA-OAEP decryption of a content key of exactly `out.len()` bytes.
    /// aws-lc decodes the padding in constant time and reports one failure;
    /// from there the length check and the copy are constant-time too.
    pub(crate) fn oaep_unwrap_exact<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        _rng: &mut R,
        ciphertext: &[u8],
        out: &mut [u8],
    ) -> Choice {
        let (block, len) = self.decrypt(alg, ciphertext);
        let decrypted = Choice::from(u8::from(len.is_some()));
        let found = len.unwrap_or(0) as u64;
        let valid = decrypted & found.ct_eq(&(out.len() as u64));
        for (byte, candidate) in out.iter_mut().zip(block.iter()) {
            byte.conditional_assign(candidate, valid);
        }
        valid
    }

    /// A PKCS#1 v1.5 or PSS signature over `input` (aws-lc draws the salt).
    pub(crate) fn sign<R: CryptoRng + ?Sized>(
        &self,
        alg: SignatureAlgorithm,
        _rng: &mut R,
        input: &[u8],
    ) -> Option<Vec<u8>> {
        let encoding = signing(alg)?;
        let mut out = alloc::vec![0u8; self.signing.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.signing
            .sign(encoding, &rng, input, &mut out)
            .ok()
            .map(|()| out)
    }
}

/// A public key as this backend uses it.
#[derive(Clone)]
pub(crate) struct RsaPublic {
    key: RsaPublicKey,
    verifying: Arc<[ParsedPublicKey]>,
    encrypting: Arc<OaepPublicEncryptingKey>,
}

impl RsaPublic {
    pub(crate) fn new(key: RsaPublicKey) -> Result<Self, Error> {
        let n = key.n().as_ref().to_be_bytes();
        let e = key.e().to_be_bytes();
        let components = PublicKeyComponents {
            n: strip_leading_zeros(&n),
            e: strip_leading_zeros(&e),
        };
        // aws-lc's parsed keys are bound to one algorithm: one per
        // `SignatureAlgorithm::RSA`, in that order.
        let verifying = SignatureAlgorithm::RSA
            .iter()
            .filter_map(|alg| verification(*alg))
            .map(|parameters| components.to_parsed_public_key(parameters).map_err(refused))
            .collect::<Result<Vec<_>, _>>()?;
        let encrypting: PublicEncryptingKey = components
            .try_into()
            .map_err(|_| Error::invalid_key("aws-lc refused the key for RSA-OAEP"))?;
        let encrypting = OaepPublicEncryptingKey::new(encrypting)
            .map_err(|_| Error::invalid_key("aws-lc refused the key for RSA-OAEP"))?;
        Ok(RsaPublic {
            key,
            verifying: Arc::from(verifying),
            encrypting: Arc::new(encrypting),
        })
    }

    pub(crate) fn rsa(&self) -> &RsaPublicKey {
        &self.key
    }

    #[cfg(all(test, feature = "aws-lc-rs"))]
    pub(crate) fn verify(&self, alg: SignatureAlgorithm, input: &[u8], signature: &[u8]) -> bool {
        crate::backend::SignedInput::Text(input)
            .prehash(alg)
            .is_some_and(|p| self.verify_prehashed(&p, signature))
    }

    /// aws-lc verifies a digest it is handed (`verify_digest_sig`): the same
    /// check as over the message, with the hash computed above the seam.
    pub(crate) fn verify_prehashed(&self, prehash: &Prehash, signature: &[u8]) -> bool {
        let alg = prehash.algorithm();
        let Some(digest) = digest_of(prehash) else {
            return false;
        };
        let index = SignatureAlgorithm::RSA.iter().position(|a| *a == alg);
        index
            .and_then(|i| self.verifying.get(i))
            .is_some_and(|key| key.verify_digest_sig(&digest, signature).is_ok())
    }

    pub(crate) fn oaep_encrypt<R: CryptoRng + ?Sized>(
        &self,
        alg: KeyAlgorithm,
        _rng: &mut R,
        message: &[u8],
    ) -> Option<Vec<u8>> {
        let mut out = alloc::vec![0u8; self.encrypting.ciphertext_size()];
        let len = self
            .encrypting
            .encrypt(oaep(alg)?, message, &mut out, None)
            .ok()?
            .len();
        out.truncate(len);
        Some(out)
    }
}
