//! Keys: RSA private keys for unwrapping content keys, and their import.
//!
//! Keys are imported once, at start-up, and may allocate (RSA big integers live
//! on the heap); using them per token allocates only inside the `rsa` crate.
//! Import checks the modulus size (2048 to 4096 bits: smaller keys are a
//! `policy` error) and precomputes the CRT values, so no per-call setup is left.

mod jwk;
mod private;

pub use private::PrivateKey;
