//! The digest a signature covers, computed once above the seam.
//!
//! Verification is split in two: the JWS signing input is hashed while it is
//! still in its encoded form, and the signature is checked against that digest
//! later. The nested path needs the split: the inner token's payload is
//! decoded in place (destroying the signing input) so that its unverified
//! `iss` can choose the issuer's keys before the signature is checked. Both
//! backends verify a digest, so the hash is one piece of code (RustCrypto's
//! `sha2`) whatever the backend.

use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::algorithm::SignatureAlgorithm;

/// The largest digest: SHA-512.
const MAX_DIGEST_LEN: usize = 64;

/// The hash of a signing input under the hash its algorithm names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Prehash {
    alg: SignatureAlgorithm,
    bytes: [u8; MAX_DIGEST_LEN],
    len: usize,
}

impl Prehash {
    /// Hashes `input` with the hash `alg` signs with.
    pub(crate) fn new(alg: SignatureAlgorithm, input: &[u8]) -> Self {
        let mut hasher = Hasher::new(alg);
        hasher.update(input);
        hasher.finish()
    }

    /// The algorithm whose hash this is.
    pub(crate) fn algorithm(&self) -> SignatureAlgorithm {
        self.alg
    }

    /// The digest bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&self.bytes)
    }
}

/// A signing input hashed piece by piece (the nested path feeds the header
/// re-encoded, a dot, then the encoded payload).
pub(crate) struct Hasher {
    alg: SignatureAlgorithm,
    state: State,
}

enum State {
    Sha256(Sha256),
    Sha384(Sha384),
    Sha512(Sha512),
}

impl Hasher {
    /// A hasher for the hash `alg` signs with.
    pub(crate) fn new(alg: SignatureAlgorithm) -> Self {
        let state = match alg {
            SignatureAlgorithm::Rs256 | SignatureAlgorithm::Ps256 | SignatureAlgorithm::Es256 => {
                State::Sha256(Sha256::new())
            }
            SignatureAlgorithm::Rs384 | SignatureAlgorithm::Ps384 | SignatureAlgorithm::Es384 => {
                State::Sha384(Sha384::new())
            }
            SignatureAlgorithm::Rs512 | SignatureAlgorithm::Ps512 | SignatureAlgorithm::Es512 => {
                State::Sha512(Sha512::new())
            }
        };
        Hasher { alg, state }
    }

    pub(crate) fn update(&mut self, input: &[u8]) {
        match &mut self.state {
            State::Sha256(h) => h.update(input),
            State::Sha384(h) => h.update(input),
            State::Sha512(h) => h.update(input),
        }
    }

    pub(crate) fn finish(self) -> Prehash {
        let mut bytes = [0u8; MAX_DIGEST_LEN];
        let len = match self.state {
            State::Sha256(h) => fill(&mut bytes, &h.finalize()),
            State::Sha384(h) => fill(&mut bytes, &h.finalize()),
            State::Sha512(h) => fill(&mut bytes, &h.finalize()),
        };
        Prehash {
            alg: self.alg,
            bytes,
            len,
        }
    }
}

fn fill(out: &mut [u8; MAX_DIGEST_LEN], digest: &[u8]) -> usize {
    for (slot, byte) in out.iter_mut().zip(digest) {
        *slot = *byte;
    }
    digest.len().min(MAX_DIGEST_LEN)
}

impl core::fmt::Debug for Prehash {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Prehash")
            .field("alg", &self.alg)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_lengths_follow_the_algorithm() {
        for alg in SignatureAlgorithm::ALL.iter().copied() {
            let expected = match alg.name().get(2..) {
                Some("256") => 32,
                Some("384") => 48,
                _ => 64,
            };
            let prehash = Prehash::new(alg, b"input");
            assert_eq!(prehash.as_bytes().len(), expected, "{alg:?}");
            assert_eq!(prehash.algorithm(), alg);
            assert_ne!(prehash, Prehash::new(alg, b"inpuT"));
            let mut pieces = Hasher::new(alg);
            pieces.update(b"in");
            pieces.update(b"put");
            assert_eq!(pieces.finish(), prehash);
        }
    }
}
