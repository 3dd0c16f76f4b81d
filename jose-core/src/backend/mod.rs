//! The crypto backend seam: every RSA and AES-GCM operation the crate
//! performs, behind one set of crate-internal types, with the
//! implementation chosen per key by a [`Backend`] value (as rustls's
//! `CryptoProvider` is chosen per config): both can run in one process.
//!
//! - [`rust_crypto`] (always): the RustCrypto stack, pure Rust, `no_std` +
//!   `alloc`. RSA-OAEP decryption keeps a blinding pair per key and owns its
//!   OAEP decoding ([`oaep`], constant time).
//! - `aws_lc` (feature `aws-lc-rs`, std): RSA and AES-GCM through aws-lc-rs.
//!
//! [`dispatch`] holds the one enum per key kind that names the backend a key
//! was converted for, and sends each operation there. Above this module
//! nothing knows which one runs: parsing, policy, key metadata, claims and
//! errors are shared, and a backend never decides an error kind. Keys are
//! parsed by the `rsa` crate's encoders for both (the one place that reads
//! PKCS#1/PKCS#8/SPKI/JWK components) and converted to a backend's own form
//! once, at import or by `with_backend`.

pub(crate) mod digest;
mod dispatch;
#[cfg(feature = "eddsa")]
pub(crate) mod eddsa;
pub(crate) mod integers;
pub(crate) mod key_wrap;
pub(crate) mod mac;
pub(crate) mod oaep;
pub(crate) mod rust_crypto;

#[cfg(feature = "aws-lc-rs")]
pub(crate) mod aws_lc;

pub(crate) use digest::{Hasher, Prehash, SignedInput};
#[cfg(feature = "ecdsa")]
pub(crate) use dispatch::{EcPrivate, EcPublic};
pub(crate) use dispatch::{RsaPrivate, RsaPublic, gcm};
pub(crate) use integers::bit_width;

/// An implementation of the crate's cryptography: which code performs the
/// RSA and AES-GCM operations of a key (and of the content it unwraps or
/// wraps). Every backend gives the same verdicts and error kinds.
///
/// Keys are imported for [`Backend::DEFAULT`], the fastest one compiled in
/// (aws-lc-rs when the `aws-lc-rs` feature is on); `with_backend` converts a
/// key or a key set, so both backends can run side by side in one process.
///
/// ```
/// use jose_core::Backend;
/// assert!(Backend::available().contains(&Backend::DEFAULT));
/// assert!(Backend::available().contains(&Backend::RustCrypto));
/// assert_eq!(Backend::RustCrypto.name(), "rust-crypto");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// RustCrypto's `rsa`, `aes-gcm` and friends: pure Rust, `no_std`,
    /// always compiled.
    RustCrypto,
    /// aws-lc-rs (feature `aws-lc-rs`): OpenSSL-class speed, C behind FFI,
    /// where there is an operating system.
    #[cfg(feature = "aws-lc-rs")]
    AwsLcRs,
}

impl Backend {
    /// The fastest backend compiled in: what keys are imported for.
    #[cfg(feature = "aws-lc-rs")]
    pub const DEFAULT: Backend = Backend::AwsLcRs;
    /// The fastest backend compiled in: what keys are imported for.
    #[cfg(not(feature = "aws-lc-rs"))]
    pub const DEFAULT: Backend = Backend::RustCrypto;

    /// Every backend this build has.
    ///
    /// ```
    /// assert!(!jose_core::Backend::available().is_empty());
    /// ```
    pub const fn available() -> &'static [Backend] {
        &[
            Backend::RustCrypto,
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs,
        ]
    }

    /// The backend's name: `"rust-crypto"` or `"aws-lc-rs"`.
    ///
    /// ```
    /// assert_eq!(jose_core::Backend::DEFAULT.name(), jose_core::BACKEND);
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Backend::RustCrypto => rust_crypto::NAME,
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLcRs => aws_lc::NAME,
        }
    }
}

impl Default for Backend {
    /// [`Backend::DEFAULT`].
    ///
    /// ```
    /// assert_eq!(jose_core::Backend::default(), jose_core::Backend::DEFAULT);
    /// ```
    fn default() -> Self {
        Backend::DEFAULT
    }
}

/// The name of the backend keys are imported for by default:
/// `"rust-crypto"` or `"aws-lc-rs"` ([`Backend::DEFAULT`]).
///
/// ```
/// assert!(["rust-crypto", "aws-lc-rs"].contains(&jose_core::BACKEND));
/// ```
pub const BACKEND: &str = Backend::DEFAULT.name();

#[cfg(all(test, feature = "aws-lc-rs"))]
mod tests;
