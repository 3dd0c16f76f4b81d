//! Compact JWS: parse, choose the issuer's key, verify, then decode the payload.
//!
//! `RS256`, `RS384`, `RS512`, `PS256`, `PS384`, `PS512` with RSA keys;
//! `ES256`, `ES384`, `ES512` with EC keys on their curve (feature `ecdsa`).
//! `none` is refused as `policy`; HMAC and EdDSA as `unsupported`, before
//! any key is looked at. Only public keys verify here, each only its own
//! type's algorithms, so algorithm confusion (verifying an RS256 token's
//! forgery as HS256 with the public key as secret, or an EC key under an
//! RSA `alg`) cannot be expressed.
//!
//! ```
//! use jose_core::{jws::Compact, keys::{PublicKey, PublicKeySet}};
//!
//! let issuer = PublicKeySet::new()
//!     .with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
//! let jws = Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
//! let mut buf = [0u8; 256];
//! let payload = jws.verify_into(&issuer, &mut buf)?;
//! assert!(payload.starts_with(br#"{"iss":"joe""#));
//! # Ok::<(), jose_core::Error>(())
//! ```

mod compact;
pub(crate) mod in_place;
mod sign;

pub use compact::Compact;
pub(crate) use compact::verify_with;
pub use sign::Signer;
pub(crate) use sign::{fit, push};
