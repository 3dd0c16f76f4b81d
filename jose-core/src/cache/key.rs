//! What a verified token is filed under: the SHA-256 of its exact bytes,
//! and the SHA-256 of what it was opened under (which layers, the
//! fingerprints of both collections of keys, every validation rule). A
//! token changed in one byte, a rotated key set or other rules file
//! elsewhere, so they miss.

use sha2::{Digest, Sha256};

use super::store::EntryKey;
use crate::fingerprint::Fingerprinter;
use crate::jwt::{Trust, Validation};
use crate::keys::{DecryptionKeys, IssuerKeys, KeysFingerprint};

/// The keys a token is opened with, by fingerprint: for a nested token the
/// receiver's and the issuer's, for a signed-only token the issuer's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct OpenedWith {
    pub(crate) decryption: Option<KeysFingerprint>,
    pub(crate) issuer: KeysFingerprint,
}

impl OpenedWith {
    /// The keys of a nested token, if both can say who they are.
    pub(crate) fn nested(
        decryption: Option<KeysFingerprint>,
        issuer: Option<KeysFingerprint>,
    ) -> Option<Self> {
        Some(OpenedWith {
            decryption: Some(decryption?),
            issuer: issuer?,
        })
    }

    /// The keys of a signed-only token.
    pub(crate) fn signed(issuer: Option<KeysFingerprint>) -> Option<Self> {
        Some(OpenedWith {
            decryption: None,
            issuer: issuer?,
        })
    }

    /// The keys `trust` opens a nested token with.
    pub(crate) fn of_nested<D, I>(trust: &Trust<'_, D, I>) -> Option<Self>
    where
        D: DecryptionKeys + ?Sized,
        I: IssuerKeys + ?Sized,
    {
        Self::nested(
            trust.decryption_keys().fingerprint(),
            trust.issuer_keys().fingerprint(),
        )
    }

    /// The keys `trust` opens a signed-only token with.
    pub(crate) fn of_signed<D: ?Sized, I: IssuerKeys + ?Sized>(
        trust: &Trust<'_, D, I>,
    ) -> Option<Self> {
        Self::signed(trust.issuer_keys().fingerprint())
    }

    /// The key of `token` opened with these keys under `rules`.
    pub(crate) fn key(&self, token: &[u8; 32], rules: &Validation<'_>) -> EntryKey {
        let mut context = Fingerprinter::new("jose-core verified-token cache");
        context
            .feed(&self.decryption.map(|f| *f.as_bytes()))
            .feed(self.issuer.as_bytes())
            .feed(rules);
        EntryKey {
            token: *token,
            context: context.digest(),
        }
    }
}

/// The SHA-256 of the token's bytes.
pub(crate) fn token_digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}
