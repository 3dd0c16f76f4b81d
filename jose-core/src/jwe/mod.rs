//! Compact JWE: parse, unwrap the content key, decrypt and authenticate.
//!
//! The stages, each its own module, in the order data flows through them:
//! `compact` (split, bound, decode the header and small parts), `unwrap`
//! (RSA-OAEP, AES key wrap, AES-GCM key wrap, `dir`, or ECDH-ES through
//! `agreement`, to a content key, failure folded into a random key), and
//! [`content`] (AES-GCM or AES-CBC-HMAC-SHA2, in place in the caller's buffer).
//!
//! ```
//! use jose_core::{jwe::Compact, keys::PrivateKey};
//!
//! let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
//! let jwe = Compact::parse(include_str!("../../../vectors/rfc7516_A1.jwe").trim())?;
//! let mut buf = vec![0u8; jwe.buffer_len()];
//! let plaintext = jwe.decrypt(&key, &mut jose_core::os_rng(), &mut buf)?;
//! assert!(plaintext.starts_with(b"The true sign"));
//! # Ok::<(), jose_core::Error>(())
//! ```

#[cfg(any(feature = "ecdsa", feature = "x25519"))]
mod agreement;
mod cbc_hmac;
mod compact;
pub mod content;
mod decrypt;
mod encrypt;
#[cfg(feature = "os_rng")]
mod os;
mod unwrap;

#[cfg(any(feature = "ecdsa", feature = "x25519"))]
pub(crate) use agreement::Ephemeral;
#[cfg(any(feature = "ecdsa", feature = "x25519"))]
pub use agreement::MAX_PARTY_INFO_LEN;
pub use compact::Compact;
pub use encrypt::Encrypter;
#[cfg(feature = "os_rng")]
pub use os::decrypt;
