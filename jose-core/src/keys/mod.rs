//! Keys: RSA private keys for unwrapping content keys, RSA and EC public
//! keys for verifying signatures, their import, thumbprints, and key sets.
//!
//! Keys are imported once, at start-up, and may allocate (RSA big integers live
//! on the heap); using them per token allocates only inside the `rsa` crate.
//! Import checks the modulus size (2048 to 4096 bits: smaller keys are a
//! `policy` error), refuses a modulus with the ROCA fingerprint (`roca`), and
//! precomputes CRT values and Montgomery parameters, so no
//! per-call setup is left. An EC key's point is checked on its curve at
//! import (`ec`).

#[cfg(feature = "ecdsa")]
pub(crate) mod ec;
mod encoding;
mod export;
mod fingerprint;
mod jwk;
mod meta;
#[cfg(feature = "eddsa")]
pub(crate) mod okp;
mod private;
mod public;
mod resolve;
#[cfg(any(feature = "eddsa", feature = "x25519"))]
mod rfc8410;
mod roca;
mod secret;
mod secret_set;
mod set;
mod thumbprint;
#[cfg(feature = "x25519")]
pub(crate) mod x25519;
mod x509;

pub use fingerprint::KeysFingerprint;
#[cfg(any(feature = "ecdsa", feature = "x25519"))]
pub(crate) use meta::KeyKind;
pub use meta::KeyUse;
pub use private::PrivateKey;
pub use public::PublicKey;
pub(crate) use resolve::decryption_key_for;
pub use resolve::{
    DecryptionKey, DecryptionKeys, DecryptionRequest, IssuerKeys, IssuerRequest, VerifiedBy,
    WithSecret,
};
pub use secret::{MAX_SECRET_LEN, MIN_SECRET_LEN, SecretKey};
pub use secret_set::SecretKeySet;
pub use set::{PrivateKeySet, PublicKeySet, SkippedKey};
