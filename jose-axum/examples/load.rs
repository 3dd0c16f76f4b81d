//! A bounded load run on loopback: an axum server with the extractor, and
//! `--connections` clients sending `--requests` requests each phase, first
//! with a new token every request (every one a cache miss: RSA-OAEP
//! decryption and RS256 verification), then with one token per connection
//! (cache hits). Prints requests per second and p50/p99 latency per phase.
//! Client and server share the machine (and its cores): the numbers are a
//! whole-stack measure, not the crate's alone.
//!
//! ```text
//! cargo run --release -p jose-axum --example load -- --requests 20000 --connections 32
//! ```

#[path = "support/load_run.rs"]
mod load_run;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use jose_axum::{Authenticator, Verified};
use jose_core::jwe::Encrypter;
use jose_core::jws::Signer;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKeySet, PublicKeySet};
use jose_core::{ContentAlgorithm, KeyAlgorithm, Receiver, SignatureAlgorithm};

const ISSUER: &str = "https://tenant.example.auth0.com/";
const AUDIENCE: &str = "https://api.example.com";

#[derive(serde::Deserialize)]
struct Claims {
    sub: String,
}

async fn me(Verified(claims): Verified<Claims>) -> String {
    claims.sub
}

use load_run::{Call, Failure, arg, report, run};

fn vector(name: &str) -> Result<String, Failure> {
    let path = format!("{}/../vectors/interop/{name}", env!("CARGO_MANIFEST_DIR"));
    Ok(std::fs::read_to_string(path)?)
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let requests = arg("--requests", 20_000)?.max(1);
    let connections = arg("--connections", 32)?.max(1);

    let mine = PrivateKeySet::from_jwks(&vector("api.private.jwks.json")?)?;
    let issuer = PublicKeySet::from_jwks(&vector("issuer.jwks.json")?)?;
    let tokens = Tokens::new(&vector("issuer.private.jwks.json")?, &mine)?;
    let receiver = Receiver::builder()
        .decryption_keys(mine)
        .issuer_keys(issuer)
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .build()?;
    let auth = Arc::new(Authenticator::new(receiver));
    let app = Router::new()
        .route("/me", get(me))
        .with_state(Arc::clone(&auth));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/me", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    println!(
        "load {} | jose-core backend {} | {requests} requests per phase over {connections} connections",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_else(|_| "unknown".into())
            .trim(),
        jose_core::BACKEND,
    );
    let cold: Vec<Call> = (0..requests)
        .map(|_| tokens.make().map(|t| Call::bearer(&t)))
        .collect::<Result<_, _>>()?;
    report(
        "cold (a new token each request)",
        run(&url, cold, connections).await?,
    );

    let warm: Vec<Call> = (0..connections)
        .map(|_| tokens.make().map(|t| Call::bearer(&t)))
        .collect::<Result<_, _>>()?;
    run(&url, warm.clone(), connections).await?; // into the cache
    let repeated: Vec<Call> = (0..requests)
        .map(|i| warm[i % connections].clone())
        .collect();
    report(
        "cached (one token per connection)",
        run(&url, repeated, connections).await?,
    );
    // The receiver is built with its default cache, so it has one.
    let Some(stats) = auth.receiver().token_cache().map(|c| c.stats()) else {
        return Err("the receiver has no cache".into());
    };
    println!(
        "cache: {} hits, {} misses, {} entries",
        stats.hits, stats.misses, stats.entries
    );
    Ok(())
}

/// Auth0-shaped tokens: one signed JWT, encrypted afresh each time (a new
/// content key and IV, so every token's bytes differ).
struct Tokens {
    inner: String,
    api: jose_core::keys::PublicKey,
}

impl Tokens {
    fn new(issuer_jwks: &str, mine: &PrivateKeySet) -> Result<Self, Failure> {
        let signing = PrivateKeySet::from_jwks(issuer_jwks)?;
        let signing = signing.keys().first().ok_or("no issuer key")?;
        let now = jwt::now()?;
        let claims = format!(
            r#"{{"iss":"{ISSUER}","sub":"auth0|load","aud":"{AUDIENCE}","iat":{now},"exp":{}}}"#,
            now + 3600
        );
        let signer = Signer::new(signing, SignatureAlgorithm::Rs256)?;
        let mut out = vec![0u8; signer.output_len(claims.len())?];
        let inner = signer
            .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)?
            .to_string();
        let api = mine.keys().first().ok_or("no API key")?.public_key();
        Ok(Tokens { inner, api })
    }

    fn make(&self) -> Result<String, Failure> {
        let encrypter = Encrypter::new(
            &self.api,
            KeyAlgorithm::RsaOaep256,
            ContentAlgorithm::A256Gcm,
        )?
        .cty("JWT");
        let mut out = vec![0u8; encrypter.output_len(self.inner.len())?];
        let token = encrypter.encrypt(self.inner.as_bytes(), &mut jose_core::os_rng(), &mut out)?;
        Ok(token.to_string())
    }
}
