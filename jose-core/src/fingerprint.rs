//! SHA-256 over anything that implements `core::hash::Hash`: how the crate
//! names a configuration (keys and what each may do, validation rules) by
//! its content, for the verified-token cache.
//!
//! `Hash` feeds a value's fields in order, strings with a terminator and
//! slices with their length, so two different values give two different
//! byte streams; SHA-256 makes the 32 bytes collision-resistant, where a
//! 64-bit `Hasher` would not be. The stream is the same within one build,
//! which is all a cache in memory needs: fingerprints are never stored.

use core::hash::{Hash, Hasher};

use sha2::{Digest, Sha256};

/// A `core::hash::Hasher` that feeds SHA-256.
pub(crate) struct Fingerprinter(Sha256);

impl Fingerprinter {
    /// A hasher for fingerprints of one kind: `domain` keeps a fingerprint
    /// of keys from ever equalling one of rules.
    pub(crate) fn new(domain: &'static str) -> Self {
        let mut hasher = Fingerprinter(Sha256::new());
        domain.hash(&mut hasher);
        hasher
    }

    /// Feeds `value`.
    pub(crate) fn feed<T: Hash + ?Sized>(&mut self, value: &T) -> &mut Self {
        value.hash(self);
        self
    }

    /// The 32 bytes.
    pub(crate) fn digest(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

impl Hasher for Fingerprinter {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// Not used: the digest is [`Fingerprinter::digest`].
    fn finish(&self) -> u64 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of<T: Hash + ?Sized>(value: &T) -> [u8; 32] {
        let mut f = Fingerprinter::new("test");
        f.feed(value);
        f.digest()
    }

    #[test]
    fn boundaries_between_fields_are_kept() {
        // ("ab", "c") and ("a", "bc") feed the same bytes without terminators.
        assert_ne!(of(&("ab", "c")), of(&("a", "bc")));
        assert_ne!(of(&[["a"].as_slice(), &[]]), of(&[[].as_slice(), &["a"]]));
        assert_eq!(of(&("ab", "c")), of(&("ab", "c")));
        let mut other = Fingerprinter::new("other");
        other.feed(&("ab", "c"));
        assert_ne!(other.digest(), of(&("ab", "c")));
    }
}
