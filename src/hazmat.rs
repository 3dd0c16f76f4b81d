//! Raw layers that the JWE path composes, exposed for testing against
//! published vectors and for unusual protocols. Read each warning.

use alloc::vec::Vec;

use rand_core::CryptoRng;
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
/// let key = PrivateKey::from_jwk(include_str!("../vectors/rfc7516_A1.key.json"))?;
/// let err = hazmat::rsa_oaep_decrypt(&key, KeyAlgorithm::RsaOaep, &mut jose_core::os_rng(), &[0u8; 256])
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Decrypt);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn rsa_oaep_decrypt<R: CryptoRng + ?Sized>(
    key: &PrivateKey,
    alg: KeyAlgorithm,
    rng: &mut R,
    encrypted_key: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    key.check_encrypted_key_len(encrypted_key.len())?;
    key.oaep_decrypt(alg, rng, encrypted_key)
        .ok_or(Error::decrypt())
}
