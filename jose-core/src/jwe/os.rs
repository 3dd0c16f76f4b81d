//! Conveniences for `std` callers: the OS random generator and owned output.

use alloc::vec::Vec;

use super::Compact;
use crate::error::Error;
use crate::keys::DecryptionKey;

impl Compact<'_> {
    /// Decrypts with the operating system's random generator into a new `Vec`.
    ///
    /// ```
    /// use jose_core::{jwe::Compact, keys::PrivateKey};
    /// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7520_5_2.key.json"))?;
    /// let jwe = Compact::parse(include_str!("../../../vectors/rfc7520_5_2.jwe").trim())?;
    /// let plaintext = jwe.decrypt_to_vec(&key)?;
    /// assert!(plaintext.starts_with("You can trust us".as_bytes()));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn decrypt_to_vec<'k>(&self, key: impl Into<DecryptionKey<'k>>) -> Result<Vec<u8>, Error> {
        let mut buf = crate::heap::zeroed(self.buffer_len())?;
        let len = self.decrypt(key, &mut crate::os::os_rng(), &mut buf)?.len();
        buf.truncate(len);
        Ok(buf)
    }
}

/// Parses `token` under the default policy and decrypts it with `key` (a
/// private key or a shared secret) and the operating system's random
/// generator.
///
/// ```
/// let key = jose_core::keys::PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
/// let plaintext = jose_core::jwe::decrypt(include_str!("../../../vectors/rfc7516_A1.jwe").trim(), &key)?;
/// assert!(plaintext.starts_with(b"The true sign"));
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn decrypt<'k>(token: &str, key: impl Into<DecryptionKey<'k>>) -> Result<Vec<u8>, Error> {
    Compact::parse(token)?.decrypt_to_vec(key)
}
