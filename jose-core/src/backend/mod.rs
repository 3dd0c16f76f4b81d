//! The crypto backend seam: every RSA and AES-GCM operation the crate performs,
//! behind one set of crate-internal types, with the implementation chosen at
//! build time (as rustls's `CryptoProvider` and jsonwebtoken's backend
//! features do, but fixed by a Cargo feature rather than at run time).
//!
//! - [`rust_crypto`] (default): the RustCrypto stack, pure Rust, `no_std` +
//!   `alloc`. RSA-OAEP decryption keeps a blinding pair per key and owns its
//!   OAEP decoding ([`oaep`], constant time).
//! - `aws_lc` (feature `aws-lc-rs`, std): RSA and AES-GCM through aws-lc-rs.
//!
//! Above this line nothing knows which one is active: parsing, policy, key
//! metadata, claims and errors are shared, and a backend never decides an
//! error kind. Keys are parsed by the `rsa` crate's encoders on both backends
//! (the one place that reads PKCS#1/PKCS#8/SPKI/JWK components) and converted
//! to the backend's own form once, at import.

pub(crate) mod digest;
pub(crate) mod integers;
// The OAEP decoding is the pure-Rust backend's, and what `hazmat` exposes.
#[cfg(any(not(feature = "aws-lc-rs"), feature = "hazmat", test))]
pub(crate) mod oaep;
// Under `aws-lc-rs` the pure-Rust backend is still compiled for the tests that
// hold the two side by side.
#[cfg(any(not(feature = "aws-lc-rs"), test))]
pub(crate) mod rust_crypto;

#[cfg(feature = "aws-lc-rs")]
pub(crate) mod aws_lc;

#[cfg(not(feature = "aws-lc-rs"))]
pub(crate) use rust_crypto as active;

#[cfg(feature = "aws-lc-rs")]
pub(crate) use aws_lc as active;

pub(crate) use active::{RsaPrivate, RsaPublic, gcm};
pub(crate) use digest::{Hasher, Prehash};
pub(crate) use integers::bit_width;

/// The name of the backend this build uses: `"rust-crypto"` or `"aws-lc-rs"`.
///
/// ```
/// assert!(["rust-crypto", "aws-lc-rs"].contains(&jose_core::BACKEND));
/// ```
pub const BACKEND: &str = active::NAME;

#[cfg(all(test, feature = "aws-lc-rs"))]
mod tests;
