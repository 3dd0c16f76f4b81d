//! jose-core on wasm32-wasip1: opens the Auth0-shaped nested token from
//! vectors/ with keys compiled in, validates its claims against a fixed time,
//! and prints them. Exits non-zero on any failure.
//!
//!     cargo build --release --target wasm32-wasip1
//!     node run.mjs target/wasm32-wasip1/release/jose-core-wasi.wasm

use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKeySet, PublicKeySet};

const NOW: u64 = 1_700_000_100;

fn main() -> Result<(), jose_core::Error> {
    let api = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
    let issuer = PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?;
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
    let mut buf = [0u8; 4096];
    let jwt = jwt::decrypt_and_verify(token, &jwt::Trust::nested(&api, &issuer, &rules, NOW), &mut jose_core::os_rng(), &mut buf)?;
    println!("wasm32-wasip1: decrypted and verified {} bytes", token.len());
    for (name, value) in jwt.claims().json().members() {
        match value.as_str() {
            Some(text) => println!("  {name}: {text}"),
            None => println!("  {name}: {}", value.raw()),
        }
    }
    Ok(())
}
