//! DPoP server nonces (RFC 9449 §9) that need no server state: a nonce is
//! the number of the time window it was issued in and a MAC of that number
//! under the server's secret. It is accepted in its own window and the next
//! one, so a client's nonce lives between one and two lifetimes; servers
//! sharing the secret (and a clock to within a window) accept each other's.

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Separates these MACs from any other use of the same secret.
const LABEL: &[u8] = b"jose-axum DPoP nonce v1\0";
/// Bytes of the MAC kept (128 bits: forging one is a 2^-128 guess).
const TAG_LEN: usize = 16;
/// The window number (8 bytes, big-endian) and the tag.
const NONCE_BYTES: usize = 8 + TAG_LEN;
/// Base64url of [`NONCE_BYTES`], unpadded (24 bytes: exactly 32
/// characters).
const NONCE_LEN: usize = NONCE_BYTES / 3 * 4;

/// The longest nonce lifetime accepted, in seconds (a day). A nonce exists
/// to bound how long a proof made in advance stays usable.
pub const MAX_NONCE_LIFETIME: u64 = 24 * 60 * 60;

/// Issues and checks the nonces. Holds the HMAC keyed once (hmac's
/// `zeroize` feature wipes it, and each clone, on drop), never the secret
/// itself; not `Debug`.
pub(crate) struct NonceSource {
    keyed: Hmac<Sha256>,
    lifetime: u64,
}

impl NonceSource {
    /// Nonces under `secret`, each window `lifetime` seconds long (1 to
    /// [`MAX_NONCE_LIFETIME`], checked by the caller; 0 is taken as 1).
    /// None only if HMAC refused a 32-byte key, which it never does.
    pub(crate) fn new(secret: &[u8; 32], lifetime: u64) -> Option<Self> {
        let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).ok()?;
        Some(NonceSource {
            keyed,
            lifetime: lifetime.max(1),
        })
    }

    pub(crate) fn lifetime(&self) -> u64 {
        self.lifetime
    }

    fn mac(&self, window: u64) -> Hmac<Sha256> {
        let mut mac = self.keyed.clone();
        mac.update(LABEL);
        mac.update(&window.to_be_bytes());
        mac
    }

    /// The nonce for the window `now` falls in.
    pub(crate) fn current(&self, now: u64) -> String {
        let window = now / self.lifetime;
        let tag = self.mac(window).finalize().into_bytes();
        let mut nonce = [0u8; NONCE_BYTES];
        let bytes = window
            .to_be_bytes()
            .into_iter()
            .chain(tag.into_iter().take(TAG_LEN));
        for (out, byte) in nonce.iter_mut().zip(bytes) {
            *out = byte;
        }
        Base64UrlUnpadded::encode_string(&nonce)
    }

    /// Whether `nonce` was issued under this secret in the window `now`
    /// falls in or the one before. The tag is compared in constant time
    /// (the window number is public).
    pub(crate) fn accepts(&self, nonce: &str, now: u64) -> bool {
        if nonce.len() != NONCE_LEN {
            return false;
        }
        let mut bytes = [0u8; NONCE_BYTES];
        let Ok(decoded) = Base64UrlUnpadded::decode(nonce, &mut bytes) else {
            return false;
        };
        let Some((number, tag)) = decoded.split_first_chunk::<8>() else {
            return false;
        };
        let window = u64::from_be_bytes(*number);
        let current = now / self.lifetime;
        if window != current && window.checked_add(1) != Some(current) {
            return false;
        }
        self.mac(window).verify_truncated_left(tag).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_lives_in_its_window_and_the_next() {
        let source = NonceSource::new(&[7; 32], 300).unwrap();
        let nonce = source.current(600);
        // Window 2 and its tag, from Python's hmac module.
        assert_eq!(nonce, "AAAAAAAAAAI1lLDCiCbuY8jBPag8k0uu");
        assert_eq!(nonce.len(), NONCE_LEN);
        assert_eq!(source.current(899), nonce, "one nonce per window");
        assert!(source.accepts(&nonce, 600));
        assert!(source.accepts(&nonce, 1199), "the next window");
        assert!(!source.accepts(&nonce, 1200), "two windows on");
        assert!(
            !source.accepts(&nonce, 599),
            "a window before it was issued"
        );
        assert_ne!(source.current(900), nonce);
    }

    #[test]
    fn only_this_secret_makes_an_accepted_nonce() {
        let source = NonceSource::new(&[7; 32], 300).unwrap();
        let other = NonceSource::new(&[8; 32], 300).unwrap();
        assert!(!source.accepts(&other.current(600), 600));
        let nonce = source.current(600);
        // Each character changed in turn (the window number and the tag).
        for i in 0..nonce.len() {
            let mut forged = nonce.clone().into_bytes();
            forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
            let forged = String::from_utf8(forged).unwrap();
            assert!(!source.accepts(&forged, 600), "{forged}");
        }
        for junk in [
            "",
            "nonce",
            &nonce[1..],
            &format!("{nonce}A"),
            &"=".repeat(32),
        ] {
            assert!(!source.accepts(junk, 600), "{junk}");
        }
        // The window number at its largest does not overflow.
        assert!(!source.accepts(&source.current(u64::MAX), 0));
        assert!(source.accepts(&source.current(u64::MAX), u64::MAX));
    }
}
