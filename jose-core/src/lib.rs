//! # jose-core
//!
//! The receiving side of JOSE for Rust services and devices: open an encrypted,
//! signed token (a JWT inside a compact JWE), verify it against the issuer's
//! keys and validate its claims, into a buffer you own; and produce the same
//! tokens. Key management: `RSA-OAEP`, `RSA-OAEP-256/384/512`; `ECDH-ES`
//! and `ECDH-ES+A128/192/256KW` on P-256/384/521 (feature `ecdsa`) and
//! X25519 (feature `x25519`); `dir`, `A128/192/256KW` and
//! `A128/192/256GCMKW` with a shared secret you configure. Content:
//! `A128/192/256GCM`, `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512`.
//! Signatures: `RS256/384/512`, `PS256/384/512`, `ES256/384/512` (feature
//! `ecdsa`), `EdDSA`/`Ed25519` (feature `eddsa`), `HS256/384/512` with a
//! shared secret you configure.
//!
//! **Services** build one [`Receiver`] (feature `std`, on by default) and
//! open each token with one call into an owned [`OwnedJwt`]; rules come from
//! configuration at run time ([`jwt::Validation`] copied into the receiver),
//! verified tokens are cached, and the receiver takes encrypted tokens,
//! signed ones or both ([`Accept`]):
//!
//! ```
//! use jose_core::{Receiver, jwt::Validation, keys::{PrivateKeySet, PublicKeySet}};
//! # let (my_jwks, tenant_jwks) = (include_str!("../../vectors/interop/api.private.jwks.json"), include_str!("../../vectors/interop/issuer.jwks.json"));
//! let audience = String::from("https://api.example.com"); // from configuration
//! let receiver = Receiver::builder()
//!     .decryption_keys(PrivateKeySet::from_jwks(my_jwks)?)
//!     .issuer_keys(PublicKeySet::from_jwks(tenant_jwks)?)
//!     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience(&audience))
//! #   .clock(|| 1_700_000_100)
//!     .build()?;
//! let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
//! let jwt = receiver.open(token)?;
//! assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
//! # Ok::<(), jose_core::Error>(())
//! ```
//!
//! **Devices**, and callers who keep buffers of their own, use the layer
//! under it: `#![no_std]` with `alloc` (RSA big integers live on the heap);
//! everything else works in fixed arrays or the caller's buffer, rules are
//! `const`. Unsafe code is forbidden (`#![forbid(unsafe_code)]`).
//!
//! ```
//! use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
//!
//! // Once, at start-up.
//! let mine = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
//! let issuer = PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?;
//! const RULES: jwt::Validation<'static> = jwt::Validation::new()
//!     .issuer("https://tenant.example.auth0.com/")
//!     .audience("https://api.example.com");
//!
//! // Per token, with a buffer on the stack.
//! let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
//! let mut buf = [0u8; 4096];
//! let jwt = jwt::decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &RULES, 1_700_000_100), &mut jose_core::os_rng(), &mut buf)?;
//! assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
//! # Ok::<(), jose_core::Error>(())
//! ```
//!
//! A token seen again costs a hash and a copy through [`cache`]
//! (`cache::TokenCache`, `cache::FixedTokenCache`): verified tokens filed by
//! their exact bytes and the fingerprints of the keys and rules they passed.
//!
//! The stages are public too: [`jwe`] (compact JWE), [`jws`] (compact JWS),
//! [`jwt`] (claims, validation, the nested call, producers), [`keys`],
//! [`json`], [`base64url`], [`Policy`]. Raw layers for test suites are in
//! `hazmat`, behind the `hazmat` feature.
//!
//! ## Guarantees
//!
//! - Every size is checked before anything is decoded ([`Policy`] limits); every
//!   header rule and allow-list before the private key is touched.
//! - A bad RSA-OAEP block, a bad AES key wrap or GCM key tag, another
//!   ephemeral key, a wrong key, a bad tag and bad padding are one error,
//!   [`ErrorKind::Decrypt`], reached by one code path (RFC 7516 §11.5).
//! - Tags are compared in constant time, CBC-HMAC tags before decrypting.
//! - Content keys live in zeroizing fixed arrays; on failure the caller's buffer
//!   holds no plaintext, including a decrypted inner token whose signature or
//!   claims fail.
//! - Public keys verify the public-key algorithms (RSA; EC with the `ecdsa`
//!   feature; Ed25519 with `eddsa`, strictly), each only its own type's and
//!   curve's; an HMAC token is verified only by a [`keys::SecretKey`] you
//!   configured (at least the hash's length), never by a public key's
//!   bytes, and never inside a nested token; `none` is refused before any
//!   key is looked at.
//! - `RSA1_5`, PBES2, `zip`, `crit` extensions and the JSON serialization
//!   are refused and named in the error; `dir` and key wrap only ever use a
//!   [`keys::SecretKey`] configured for them.

#![no_std]
// docs.rs: each item gated on a feature says which ("Available on crate
// feature ... only"), from the cfg attributes themselves.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[cfg(all(feature = "aws-lc-rs", any(target_os = "none", target_arch = "wasm32")))]
compile_error!(
    "the `aws-lc-rs` backend needs an operating system and a C toolchain; \
     on bare-metal and wasm32 targets use the default pure-Rust backend"
);

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod algorithm;
mod backend;
pub mod base64url;
pub mod cache;
mod compact;
mod error;
mod fingerprint;
// The crate's own tests check the raw layers against vectors without the
// feature (src/hazmat/tests.rs).
#[cfg(any(feature = "hazmat", all(test, not(doctest))))]
pub mod hazmat;
mod header;
mod heap;
pub mod json;
pub mod jwe;
pub mod jws;
pub mod jwt;
pub mod keys;
#[cfg(feature = "os_rng")]
mod os;
pub mod policy;
#[cfg(feature = "std")]
pub mod receiver;
mod rng;
mod sort;

pub use algorithm::{
    ContentAlgorithm, ContentAlgorithms, Curve, KeyAlgorithm, KeyAlgorithms, SignatureAlgorithm,
    SignatureAlgorithms,
};
pub use backend::{BACKEND, Backend};
pub use error::{Error, ErrorKind, KeyMiss, KeySide, Part};
pub use header::Header;
pub use jwt::OwnedJwt;
#[cfg(feature = "os_rng")]
pub use os::{OsRng, os_rng};
pub use policy::Policy;
#[cfg(feature = "std")]
pub use receiver::{Accept, Receiver};

/// The README's examples, compiled and run as doctests (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The guides' examples (docs/), compiled and run as doctests, so no guide
/// shows code that does not work.
#[cfg(doctest)]
pub mod guides {
    #[doc = include_str!("../../docs/receiving.md")]
    pub struct Receiving;
    #[doc = include_str!("../../docs/producing.md")]
    pub struct Producing;
    #[doc = include_str!("../../docs/keys.md")]
    pub struct Keys;
    #[doc = include_str!("../../docs/resource-server.md")]
    pub struct ResourceServer;
    #[doc = include_str!("../../docs/backends.md")]
    pub struct Backends;
    #[doc = include_str!("../../docs/devices.md")]
    pub struct Devices;
    #[doc = include_str!("../../docs/security.md")]
    pub struct Security;
}
/// The random-generator traits callers implement or pass (`rand_core` 0.10).
pub use rand_core;
