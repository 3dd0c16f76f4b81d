//! # jose-core
//!
//! The receiving side of JOSE for Rust services and devices: open a compact JWE
//! (`RSA-OAEP`, `RSA-OAEP-256/384/512` with `A128/192/256GCM` or
//! `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512`) into a buffer you own.
//!
//! `#![no_std]` with `alloc` (RSA big integers live on the heap); everything
//! else works in fixed arrays or the caller's buffer. No `unsafe`.
//!
//! ```
//! use jose_core::{jwe::Compact, keys::PrivateKey};
//!
//! // Once, at start-up.
//! let key = PrivateKey::from_jwk(include_str!("../vectors/rfc7520_5_2.key.json"))?;
//!
//! // Per token, with a buffer on the stack.
//! let token = include_str!("../vectors/rfc7520_5_2.jwe").trim();
//! let jwe = Compact::parse(token)?;
//! let mut buf = [0u8; 512];
//! let plaintext = jwe.decrypt(&key, &mut jose_core::os_rng(), &mut buf)?;
//! assert!(plaintext.starts_with("You can trust us".as_bytes()));
//! # Ok::<(), jose_core::Error>(())
//! ```
//!
//! ## Guarantees
//!
//! - Every size is checked before anything is decoded ([`Policy`] limits); every
//!   header rule and allow-list before the private key is touched.
//! - A bad RSA-OAEP block, a wrong key, a bad tag and bad padding are one error,
//!   [`ErrorKind::Decrypt`], reached by one code path (RFC 7516 §11.5).
//! - Tags are compared in constant time, CBC-HMAC tags before decrypting.
//! - Content keys live in zeroizing fixed arrays; on failure the caller's buffer
//!   holds no plaintext.
//! - `RSA1_5`, `dir`, AES key wrap, ECDH-ES, PBES2, `zip`, `crit` extensions
//!   and the JSON serialization are refused and named in the error.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod algorithm;
pub mod base64url;
mod compact;
mod error;
pub mod hazmat;
mod header;
pub mod json;
pub mod jwe;
pub mod jws;
pub mod jwt;
pub mod keys;
#[cfg(feature = "std")]
mod os;
pub mod policy;

pub use algorithm::{
    ContentAlgorithm, ContentAlgorithms, KeyAlgorithm, KeyAlgorithms, SignatureAlgorithm,
    SignatureAlgorithms,
};
pub use error::{Error, ErrorKind, Part};
pub use header::Header;
#[cfg(feature = "std")]
pub use os::{OsRng, os_rng};
pub use policy::Policy;
/// The random-generator traits callers implement or pass (`rand_core` 0.10).
pub use rand_core;
