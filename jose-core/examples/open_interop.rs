//! Opens the nested tokens panva `jose` encrypted to the keys jose-core
//! exported (written by `vectors/interop/verify_produced.mjs`): the exported
//! SPKI PEM and JWK, imported by another implementation, must give tokens
//! the crate opens with the private keys, claims byte for byte; and the
//! nested tokens it encrypted under the run's shared secret (`dir`, A*KW,
//! A*GCMKW), opened with that secret beside the private keys, and with
//! ECDH-ES (`apu` and `apv` set) to the EC keys jose-core generated. Exits
//! non-zero on any failure or when there is nothing to open.
//!
//!     cargo run -p jose-core-suite --example open_interop -- target/made.json

use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKeySet, PublicKeySet, SecretKey, WithSecret};
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: open_interop FILE")?;
    let made: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let mine =
        PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
    let issuer = PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?;
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    let tokens = made["tokens"].as_array().ok_or("no tokens")?;
    let mut failed = 0;
    for t in tokens {
        let (name, compact) = (
            t["name"].as_str().unwrap_or("?"),
            t["compact"].as_str().unwrap_or(""),
        );
        // A JWS by a key jose-core generated, signed by jose with its
        // exported private key: verified with the public JWK.
        if let Some(jwk) = t["public_jwk"].as_str() {
            let key = jose_core::keys::PublicKey::from_jwk(jwk)?;
            let jws = jose_core::jws::Compact::parse(compact)?;
            let expected = t["payload_b64u"].as_str().unwrap_or("");
            let mut want = vec![0u8; expected.len()];
            let want = jose_core::base64url::decode(
                expected.as_bytes(),
                &mut want,
                jose_core::Part::Payload,
            )?
            .to_vec();
            let mut payload = vec![0u8; jws.payload_len()];
            match jws.verify_into(&key, &mut payload) {
                Ok(p) if p == want.as_slice() => {
                    println!("ok   {name}: verified by jose-core")
                }
                Ok(_) => {
                    failed += 1;
                    println!("FAIL {name}: payload differs");
                }
                Err(e) => {
                    failed += 1;
                    println!("FAIL {name}: {e}");
                }
            }
            continue;
        }
        let mut buf = vec![0u8; jwt::required_buffer_len(compact)];
        let opened = match t["secret_b64u"].as_str() {
            // A token to a key jose-core generated (ECDH-ES), by its
            // exported private JWK.
            None if t["private_jwk"].is_string() => {
                let key =
                    jose_core::keys::PrivateKey::from_jwk(t["private_jwk"].as_str().unwrap_or(""))?;
                jwt::decrypt_and_verify(
                    compact,
                    &jwt::Trust::nested(&key, &issuer, &rules, 1_700_000_100),
                    &mut jose_core::os_rng(),
                    &mut buf,
                )
            }
            Some(text) => {
                let mut bytes = vec![0u8; text.len()];
                let bytes = jose_core::base64url::decode(
                    text.as_bytes(),
                    &mut bytes,
                    jose_core::Part::Key,
                )?;
                let keys = WithSecret::new(
                    &mine,
                    SecretKey::from_bytes(bytes)?.with_kid("shared-interop"),
                );
                jwt::decrypt_and_verify(
                    compact,
                    &jwt::Trust::nested(&keys, &issuer, &rules, 1_700_000_100),
                    &mut jose_core::os_rng(),
                    &mut buf,
                )
            }
            None => jwt::decrypt_and_verify(
                compact,
                &jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100),
                &mut jose_core::os_rng(),
                &mut buf,
            ),
        };
        match opened {
            Ok(jwt) if Some(jwt.claims().json().raw()) == t["claims"].as_str() => {
                println!("ok   {name}: opened by jose-core")
            }
            Ok(_) => {
                failed += 1;
                println!("FAIL {name}: claims differ");
            }
            Err(e) => {
                failed += 1;
                println!("FAIL {name}: {e}");
            }
        }
    }
    println!("{} opened, {failed} failed", tokens.len() - failed);
    if failed > 0 || tokens.is_empty() {
        return Err("not every token made by jose opened".into());
    }
    Ok(())
}
