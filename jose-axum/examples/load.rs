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

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

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

type Failure = Box<dyn std::error::Error + Send + Sync>;

fn vector(name: &str) -> Result<String, Failure> {
    let path = format!("{}/../vectors/interop/{name}", env!("CARGO_MANIFEST_DIR"));
    Ok(std::fs::read_to_string(path)?)
}

fn arg(name: &str, default: usize) -> Result<usize, Failure> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == name) {
        Some(i) => Ok(args.get(i + 1).ok_or("a number after the flag")?.parse()?),
        None => Ok(default),
    }
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
    let cold: Vec<String> = (0..requests)
        .map(|_| tokens.make())
        .collect::<Result<_, _>>()?;
    report(
        "cold (a new token each request)",
        run(&url, cold, connections).await?,
    );

    let warm: Vec<String> = (0..connections)
        .map(|_| tokens.make())
        .collect::<Result<_, _>>()?;
    run(&url, warm.clone(), connections).await?; // into the cache
    let repeated: Vec<String> = (0..requests)
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

/// Sends every token once, `connections` at a time (one client and
/// connection each); the latency of each request, and the wall time.
async fn run(
    url: &str,
    tokens: Vec<String>,
    connections: usize,
) -> Result<(Vec<Duration>, Duration), Failure> {
    let tokens = Arc::new(tokens);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (tokens, next, url) = (Arc::clone(&tokens), Arc::clone(&next), url.to_string());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()?;
            let mut latencies = Vec::new();
            while let Some(token) = tokens.get(next.fetch_add(1, Ordering::Relaxed)) {
                let sent = Instant::now();
                let response = client.get(&url).bearer_auth(token).send().await?;
                let status = response.status();
                response.bytes().await?;
                if !status.is_success() {
                    return Err(format!("status {status}").into());
                }
                latencies.push(sent.elapsed());
            }
            Ok::<_, Failure>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    Ok((latencies, started.elapsed()))
}

fn report(phase: &str, (mut latencies, wall): (Vec<Duration>, Duration)) {
    latencies.sort_unstable();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1));
        latencies.get(i).copied().unwrap_or(Duration::ZERO)
    };
    println!(
        "{phase:<36} {:>6} requests in {:>7.2?}: {:>8.0} req/s, p50 {:>9.1?}, p99 {:>9.1?}",
        latencies.len(),
        wall,
        latencies.len() as f64 / wall.as_secs_f64(),
        at(0.50),
        at(0.99),
    );
}
