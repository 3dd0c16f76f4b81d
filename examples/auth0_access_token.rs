//! A resource server opens an Auth0-style encrypted access token: an RS256
//! JWT inside a compact JWE (RSA-OAEP-256 + A256GCM, `kid` naming the API's
//! key), from vectors/interop/, and prints the validated claims.
//!
//!     cargo run --example auth0_access_token
//!
//! The token was made by an independent implementation (panva `jose`); the
//! issuer's keys are published as a JWK Set, as an Auth0 tenant's jwks.json.

use jose_core::jwt::Validation;
use jose_core::keys::{PrivateKeySet, PublicKeySet};
use jose_core::{
    ContentAlgorithm, ContentAlgorithms, KeyAlgorithm, KeyAlgorithms, Policy, Receiver,
    SignatureAlgorithm, SignatureAlgorithms,
};

/// The vectors were minted at 1700000000; "now" is 100 seconds later.
const NOW: u64 = 1_700_000_100;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Once, at start-up: our decryption keys, the issuer's keys, the rules.
    let receiver = Receiver::builder()
        .decryption_keys(PrivateKeySet::from_jwks(include_str!(
            "../vectors/interop/api.private.jwks.json"
        ))?)
        .issuer_keys(PublicKeySet::from_jwks(include_str!(
            "../vectors/interop/issuer.jwks.json"
        ))?)
        .rules(
            Validation::new()
                .issuer("https://tenant.example.auth0.com/")
                .audience("https://api.example.com")
                .leeway(30)
                .policy(
                    Policy::new()
                        .key_algorithms(KeyAlgorithms::none().with(KeyAlgorithm::RsaOaep256))
                        .content_algorithms(
                            ContentAlgorithms::none().with(ContentAlgorithm::A256Gcm),
                        )
                        .signature_algorithms(
                            SignatureAlgorithms::none().with(SignatureAlgorithm::Rs256),
                        ),
                ),
        )
        .clock(|| NOW)
        .build()?;

    // Per request: the bearer token, one call.
    let token = include_str!("../vectors/interop/auth0-access-token.jwe").trim();
    let jwt = receiver.open(token)?;

    let outer = jwt.encryption_header().ok_or("not encrypted")?;
    println!(
        "encrypted with {} + {} for key {}",
        outer.alg(),
        outer.enc().ok_or("no enc")?,
        outer.kid().ok_or("no kid")?
    );
    println!(
        "signed with {} by key {}",
        jwt.header().alg(),
        jwt.header().kid().ok_or("no kid")?
    );
    println!("validated claims:");
    for (name, value) in jwt.claims().json().members() {
        match value.as_str() {
            Some(text) => println!("  {name}: {text}"),
            None => println!("  {name}: {}", value.raw()),
        }
    }
    Ok(())
}
