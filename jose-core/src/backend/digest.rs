//! What a signature covers, above the seam: the signing input in the form
//! the caller has it ([`SignedInput`]), and its digest ([`Prehash`]).
//!
//! Verification may be split in two: the nested path decodes the inner
//! token's payload in place (destroying the signing input) so that its
//! unverified `iss` can choose the issuer's keys before the signature is
//! checked. For RSA and ECDSA the signing input is hashed while still
//! encoded, and the signature checked against that digest later; both
//! backends verify a digest, so the hash is one piece of code (RustCrypto's
//! `sha2`). EdDSA hashes the key and the signature's `R` before the message,
//! so it cannot be hashed ahead: there the signing input is re-encoded from
//! the decoded parts, on the fly (the strict decoders accept one encoding
//! per byte string, so that gives back the exact text).

use base64ct::{Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::algorithm::SignatureAlgorithm;

/// A JWS signing input, `BASE64URL(header) '.' BASE64URL(payload)`, as the
/// verifier has it.
#[derive(Clone, Copy)]
pub(crate) enum SignedInput<'a> {
    /// The text as it was sent.
    Text(&'a [u8]),
    /// The decoded header and payload of a JWS opened in place.
    Decoded { header: &'a [u8], payload: &'a [u8] },
    /// The digest, taken before the text was decoded in place.
    Digest(&'a Prehash),
}

impl SignedInput<'_> {
    /// Feeds the signing input's text to `sink`, in pieces; `false` if only
    /// its digest is left.
    pub(crate) fn feed(&self, sink: &mut dyn FnMut(&[u8])) -> bool {
        match self {
            SignedInput::Text(text) => sink(text),
            SignedInput::Decoded { header, payload } => {
                encode_into(header, sink);
                sink(b".");
                encode_into(payload, sink);
            }
            SignedInput::Digest(_) => return false,
        }
        true
    }

    /// The digest under `alg`'s hash; `None` for an algorithm that hashes
    /// no digest (EdDSA), or a digest taken for another algorithm.
    pub(crate) fn prehash(&self, alg: SignatureAlgorithm) -> Option<Prehash> {
        match self {
            SignedInput::Digest(prehash) => (prehash.alg == alg).then_some(**prehash),
            _ => {
                let mut hasher = Hasher::new(alg)?;
                self.feed(&mut |piece| hasher.update(piece));
                Some(hasher.finish())
            }
        }
    }
}

/// Feeds the base64url of `bytes` to `sink`, 48 bytes (64 characters) at a
/// time: no group but the last is short, so the pieces join to the text.
pub(crate) fn encode_into(bytes: &[u8], sink: &mut dyn FnMut(&[u8])) {
    let mut text = [0u8; 64];
    for group in bytes.chunks(48) {
        if let Ok(encoded) = Base64UrlUnpadded::encode(group, &mut text) {
            sink(encoded.as_bytes());
        }
    }
}

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
    /// A hasher for the hash `alg` signs with; `None` for EdDSA.
    pub(crate) fn new(alg: SignatureAlgorithm) -> Option<Self> {
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
            // EdDSA and HMAC hash a key before the message: no digest
            // can be taken ahead.
            _ => return None,
        };
        Some(Hasher { alg, state })
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
                _ if alg.is_eddsa() || alg.is_hmac() => {
                    // Keyed before the message: no digest ahead.
                    assert!(SignedInput::Text(b"input").prehash(alg).is_none());
                    continue;
                }
                Some("256") => 32,
                Some("384") => 48,
                _ => 64,
            };
            let prehash = SignedInput::Text(b"input").prehash(alg).unwrap();
            assert_eq!(prehash.as_bytes().len(), expected, "{alg:?}");
            assert_eq!(prehash.algorithm(), alg);
            assert_ne!(Some(prehash), SignedInput::Text(b"inpuT").prehash(alg));
            let mut pieces = Hasher::new(alg).unwrap();
            pieces.update(b"in");
            pieces.update(b"put");
            assert_eq!(pieces.finish(), prehash);
        }
    }

    #[test]
    fn decoded_parts_feed_back_the_text_they_were_decoded_from() {
        use base64ct::{Base64UrlUnpadded, Encoding};
        // Lengths around the 48-byte groups, and every tail length.
        for header_len in [0, 1, 2, 3, 47, 48, 49, 95, 96, 97, 200] {
            for payload_len in [0, 1, 2, 3, 47, 48, 49, 143, 144, 145, 1000] {
                let header: alloc::vec::Vec<u8> = (0..header_len).map(|i| (i * 7) as u8).collect();
                let payload: alloc::vec::Vec<u8> =
                    (0..payload_len).map(|i| (i * 13 + 5) as u8).collect();
                let text = alloc::format!(
                    "{}.{}",
                    Base64UrlUnpadded::encode_string(&header),
                    Base64UrlUnpadded::encode_string(&payload)
                );
                let mut fed = alloc::vec::Vec::new();
                let decoded = SignedInput::Decoded {
                    header: &header,
                    payload: &payload,
                };
                assert!(decoded.feed(&mut |piece| fed.extend_from_slice(piece)));
                assert_eq!(fed, text.as_bytes(), "{header_len} {payload_len}");
                let alg = SignatureAlgorithm::Rs256;
                assert_eq!(
                    decoded.prehash(alg),
                    SignedInput::Text(text.as_bytes()).prehash(alg)
                );
            }
        }
    }
}
