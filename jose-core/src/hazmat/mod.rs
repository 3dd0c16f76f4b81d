//! Raw layers that the JWE path composes, exposed for testing against
//! published vectors and for unusual protocols. Read each warning.

use alloc::vec::Vec;

use rand_core::TryCryptoRng;

use crate::rng::CallRng;
use zeroize::Zeroizing;

use crate::algorithm::KeyAlgorithm;
use crate::error::Error;
use crate::keys::PrivateKey;

/// RSA-OAEP decryption of `encrypted_key` with `key` (blinded by `rng`), with
/// the hash `alg` names for both the label hash and MGF1, and an empty label.
///
/// **Warning:** whether this returns `Ok` is a padding oracle. Never let a remote
/// party observe its result; the JWE path does not (it substitutes a random
/// content key, see RFC 7516 §11.5). This exists so the OAEP layer can be
/// checked against Wycheproof and similar suites.
///
/// ```
/// use jose_core::{hazmat, keys::PrivateKey, KeyAlgorithm, ErrorKind};
/// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
/// let err = hazmat::rsa_oaep_decrypt(&key, KeyAlgorithm::RsaOaep, &mut jose_core::os_rng(), &[0u8; 256])
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Decrypt);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn rsa_oaep_decrypt<R: TryCryptoRng + ?Sized>(
    key: &PrivateKey,
    alg: KeyAlgorithm,
    rng: &mut R,
    encrypted_key: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    key.check_encrypted_key_len(encrypted_key.len())?;
    key.oaep_decrypt(alg, &mut CallRng::seeded_from(rng)?, encrypted_key)
        .ok_or(Error::decrypt())
}

/// EME-OAEP decoding (RFC 8017 §7.1.2 step 3, empty label) of the encoded
/// block `em` (the RSA output, `k` bytes) for a message of exactly
/// `out.len()` bytes: the decoder the pure-Rust backend runs after its RSA
/// private operation.
///
/// The masks are removed in place (`em` then holds secrets: wipe it). The
/// bytes from the block's last `out.len()` positions are always copied into
/// `out`; the result says whether the padding was valid and the message that
/// long. Constant time in the content of `em`; exposed so the timing harness
/// (`cargo run --release -p jose-bench --bin oaep_timing`) can measure exactly this.
///
/// **Warning:** the returned `bool` is a padding oracle; see
/// [`rsa_oaep_decrypt`].
///
/// ```
/// use jose_core::{hazmat, KeyAlgorithm};
/// let mut em = [0u8; 256];
/// let mut out = [0u8; 32];
/// assert!(!hazmat::oaep_decode_exact(KeyAlgorithm::RsaOaep256, &mut em, &mut out));
/// ```
pub fn oaep_decode_exact(alg: KeyAlgorithm, em: &mut [u8], out: &mut [u8]) -> bool {
    let decoded = crate::backend::oaep::decode(alg, em);
    bool::from(crate::backend::oaep::take_exact(em, &decoded, out))
}

/// RFC 3394 AES key wrap of `key` (a multiple of 8 bytes, at least 16)
/// under `kek` (16, 24 or 32 bytes): the layer A128KW, A192KW and A256KW
/// put around a content key. `invalid_key` for any other length.
///
/// ```
/// let wrapped = jose_core::hazmat::aes_key_wrap(&[1u8; 16], &[2u8; 32])?;
/// assert_eq!(wrapped.len(), 40);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn aes_key_wrap(kek: &[u8], key: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = alloc::vec![0u8; key.len() + 8];
    if key.len() < 16 || !crate::backend::key_wrap::aes_wrap(kek, key, &mut out) {
        return Err(Error::invalid_key(
            "AES key wrap takes a 16, 24 or 32-byte key and key data of 16 bytes or more, in 8-byte blocks",
        ));
    }
    Ok(out)
}

/// RFC 3394 AES key unwrap of `wrapped` under `kek`: the key data, or the
/// `decrypt` error if the integrity check fails (or the lengths are wrong).
///
/// **Warning:** the JWE path never reports a failed unwrap by itself (it
/// substitutes a random content key, so a bad wrap and a bad tag are one
/// error); this reports it, for checking the layer against vectors.
///
/// ```
/// use jose_core::hazmat;
/// let wrapped = hazmat::aes_key_wrap(&[1u8; 16], &[2u8; 16])?;
/// assert_eq!(*hazmat::aes_key_unwrap(&[1u8; 16], &wrapped)?, [2u8; 16]);
/// assert!(hazmat::aes_key_unwrap(&[3u8; 16], &wrapped).is_err());
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn aes_key_unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let len = wrapped.len().checked_sub(8).filter(|len| *len >= 16);
    let mut out = Zeroizing::new(alloc::vec![0u8; len.unwrap_or(0)]);
    let ok = len.is_some() && aes_key_unwrap_exact(kek, wrapped, &mut out);
    if ok { Ok(out) } else { Err(Error::decrypt()) }
}

/// RFC 3394 AES key unwrap of `wrapped` under `kek` into `out`, for key
/// data of exactly `out.len()` bytes: the unwrap the JWE layer runs. The
/// unwrapping is written into `out` whatever the verdict (wipe it); the
/// result says whether the integrity check passed. Constant time in the
/// content of `wrapped` and `kek`; exposed so the timing harness
/// (`cargo run --release -p jose-bench --bin secret_timing -- aes-kw`) can
/// measure exactly this.
///
/// **Warning:** the returned `bool` says whether a wrap is valid under
/// `kek`; see [`aes_key_unwrap`].
///
/// ```
/// use jose_core::hazmat;
/// let wrapped = hazmat::aes_key_wrap(&[1u8; 16], &[2u8; 16])?;
/// let mut out = [0u8; 16];
/// assert!(hazmat::aes_key_unwrap_exact(&[1u8; 16], &wrapped, &mut out));
/// assert!(!hazmat::aes_key_unwrap_exact(&[1u8; 16], &wrapped, &mut out[..8]));
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn aes_key_unwrap_exact(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> bool {
    bool::from(crate::backend::key_wrap::aes_unwrap_exact(
        kek, wrapped, out,
    ))
}

#[cfg(all(test, feature = "std"))]
mod tests;
