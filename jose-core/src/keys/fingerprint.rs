//! What identifies a collection of keys for the verified-token cache: a
//! SHA-256 over each key's RFC 7638 thumbprint and everything that decides
//! which tokens it accepts (`kid`, `alg`, `use`, `key_ops`, `x5t#S256`), in
//! order. Two sets with the same fingerprint open exactly the same tokens;
//! adding, removing or re-labelling a key changes it.

use core::fmt;

use super::meta::KeyMeta;
use crate::fingerprint::Fingerprinter;

/// The identity of a collection of keys, by content: a cached token is
/// served only to a caller whose keys have the fingerprint it was opened
/// with, so a rotation or a removed key makes every entry opened under the
/// old keys unreachable.
///
/// The key sets compute theirs once, when built; a single key on each call.
/// A resolver of its own ([`crate::keys::IssuerKeys`],
/// [`crate::keys::DecryptionKeys`]) returns the fingerprint of the keys it
/// currently answers from, or combines several with
/// [`KeysFingerprint::combine`].
///
/// ```
/// use jose_core::keys::{IssuerKeys, PublicKey, PublicKeySet};
/// let jwks = include_str!("../../../vectors/interop/issuer.jwks.json");
/// let a = PublicKeySet::from_jwks(jwks)?;
/// let b = PublicKeySet::from_jwks(jwks)?;
/// assert_eq!(a.fingerprint(), b.fingerprint()); // same content, same identity
/// let fewer = PublicKeySet::new().with(a.keys()[0].clone())?;
/// assert_ne!(a.fingerprint(), fewer.fingerprint());
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeysFingerprint([u8; 32]);

impl KeysFingerprint {
    /// The fingerprint of several collections together, in this order (a
    /// resolver that answers from two sets, say one per tenant).
    ///
    /// ```
    /// use jose_core::keys::{IssuerKeys, PublicKeySet};
    /// let a = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// let b = PublicKeySet::new();
    /// let (fa, fb) = (a.fingerprint().unwrap(), b.fingerprint().unwrap());
    /// assert_ne!(fa.combine(fb), fb.combine(fa));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn combine(self, other: KeysFingerprint) -> KeysFingerprint {
        let mut f = Fingerprinter::new("jose-core keys combined");
        f.feed(&self.0).feed(&other.0);
        KeysFingerprint(f.digest())
    }

    /// The fingerprint's bytes.
    ///
    /// ```
    /// use jose_core::keys::{IssuerKeys, PublicKeySet};
    /// assert_eq!(PublicKeySet::new().fingerprint().unwrap().as_bytes().len(), 32);
    /// ```
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// One key: its thumbprint and what it may do.
    pub(crate) fn of_key(thumbprint: &[u8; 32], meta: &KeyMeta) -> Self {
        let mut f = Fingerprinter::new("jose-core key");
        f.feed(thumbprint).feed(meta);
        KeysFingerprint(f.digest())
    }

    /// Keys in order (a set's selection depends on the order).
    pub(crate) fn of_keys(keys: impl ExactSizeIterator<Item = KeysFingerprint>) -> Self {
        let mut f = Fingerprinter::new("jose-core key set");
        f.feed(&keys.len());
        for key in keys {
            f.feed(&key.0);
        }
        KeysFingerprint(f.digest())
    }
}

impl fmt::Debug for KeysFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The first eight bytes identify it in a log line.
        write!(f, "KeysFingerprint(")?;
        for byte in self.0.iter().take(8) {
            write!(f, "{byte:02x}")?;
        }
        write!(f, "..)")
    }
}
