//! A bounded load run on loopback with many issuers and DPoP: `--tenants`
//! issuers, each with its own ES256 key published at its own JWK Set URL
//! (one loopback server), a resource server behind `AuthLayer` taking all
//! of them (`Issuers`, sets fetched on first use) and DPoP; `--connections`
//! clients sending `--requests` requests per phase, every `--dpop-every`th
//! one DPoP-bound with a fresh proof (made by `Signer::jwk`). Phases: cold
//! (a new token each request: a signature check, and the first token of
//! each tenant a JWK Set fetch) and cached (one token per connection; DPoP
//! proofs are still checked each time). Prints requests per second and
//! p50/p99 per phase, and the authenticator's counters; fails if any
//! request is refused. Client and server share the machine.
//!
//! ```text
//! cargo run --release -p jose-axum --example load_tenants -- --tenants 50 --requests 20000 --connections 32
//! ```

#[path = "support/load_run.rs"]
mod load_run;

use std::sync::Arc;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use base64ct::{Base64UrlUnpadded, Encoding};
use jose_axum::{AuthLayer, Authenticator, Dpop};
use jose_core::jws::Signer;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PublicKeySet};
use jose_core::{Curve, Receiver, SignatureAlgorithm};
use jose_jwks::{Issuers, RemoteJwkSet, RemoteOptions};
use sha2::Digest;

const AUDIENCE: &str = "https://api.example.com";

use load_run::{Call, Failure, arg, report, run};

fn issuer(tenant: usize) -> String {
    format!("https://tenant{tenant}.example.com/")
}

struct Clients {
    tenants: Vec<PrivateKey>,
    dpop_key: PrivateKey,
    dpop_jwk: String,
    jkt: String,
    htu: String,
}

impl Clients {
    /// A token from `tenant`, DPoP-bound or not.
    fn token(&self, tenant: usize, serial: usize, bound: bool) -> Result<String, Failure> {
        let key = self.tenants.get(tenant).ok_or("no such tenant")?;
        let now = jwt::now()?;
        let mut claims = serde_json::json!({
            "iss": issuer(tenant), "aud": AUDIENCE, "sub": format!("user-{serial}"),
            "iat": now, "exp": now + 3600, "scope": "read",
        });
        if bound {
            claims["cnf"] = serde_json::json!({ "jkt": self.jkt });
        }
        let claims = claims.to_string();
        let kid = format!("t{tenant}");
        let signer = Signer::new(key, SignatureAlgorithm::Es256)?.kid(&kid);
        let mut out = vec![0u8; signer.output_len(claims.len())?];
        Ok(signer
            .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)?
            .to_owned())
    }

    /// A fresh DPoP proof for a GET of the resource with `token`.
    fn proof(&self, token: &str, jti: usize) -> Result<String, Failure> {
        let payload = serde_json::json!({
            "htm": "GET", "htu": self.htu, "iat": jwt::now()?, "jti": format!("load-{jti}"),
            "ath": Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(token.as_bytes())),
        })
        .to_string();
        let signer = Signer::new(&self.dpop_key, SignatureAlgorithm::Es256)?
            .typ("dpop+jwt")
            .jwk(&self.dpop_jwk)?;
        let mut out = vec![0u8; signer.output_len(payload.len())?];
        Ok(signer
            .sign(payload.as_bytes(), &mut jose_core::os_rng(), &mut out)?
            .to_owned())
    }

    fn call(&self, token: String, bound: bool, jti: usize) -> Result<Call, Failure> {
        Ok(if bound {
            Call {
                proof: Some(self.proof(&token, jti)?),
                authorization: format!("DPoP {token}"),
            }
        } else {
            Call::bearer(&token)
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let tenants = arg("--tenants", 20)?.max(1);
    let requests = arg("--requests", 4_000)?.max(1);
    let connections = arg("--connections", 16)?.max(1);
    let dpop_every = arg("--dpop-every", 4)?.max(1);

    // Each tenant's key, published at /t/{i}/jwks on one loopback server.
    let mut rng = jose_core::os_rng();
    let keys: Vec<PrivateKey> = (0..tenants)
        .map(|i| Ok(PrivateKey::generate_ec(Curve::P256, &mut rng)?.with_kid(&format!("t{i}"))))
        .collect::<Result<_, Failure>>()?;
    let sets: Arc<Vec<String>> = Arc::new(
        keys.iter()
            .map(|k| Ok(PublicKeySet::new().with(k.public_key())?.jwks()?))
            .collect::<Result<_, Failure>>()?,
    );
    let jwks_app = Router::new().route(
        "/t/{tenant}/jwks",
        get(move |Path(tenant): Path<usize>| {
            let sets = Arc::clone(&sets);
            async move {
                // An unknown tenant's set: 404, as a real issuer would.
                sets.get(tenant)
                    .cloned()
                    .ok_or(axum::http::StatusCode::NOT_FOUND)
            }
        }),
    );
    let jwks_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let jwks_base = format!("http://{}", jwks_listener.local_addr()?);
    tokio::spawn(async move { axum::serve(jwks_listener, jwks_app).await });

    let mut issuers = Issuers::new();
    for i in 0..tenants {
        let remote =
            RemoteJwkSet::new(&format!("{jwks_base}/t/{i}/jwks"), RemoteOptions::default())?;
        issuers = issuers.remote(&issuer(i), remote)?;
    }
    let names: Vec<String> = issuers.names().map(str::to_owned).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let receiver = Receiver::builder()
        .rules(Validation::new().issuers(&names).audience(AUDIENCE))
        .build()?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let auth = Arc::new(
        Authenticator::new(receiver)
            .with_issuers(issuers)
            .with_dpop(Dpop::new(&base)?),
    );
    let app = Router::new()
        .route("/me", get(|| async { "ok" }))
        .layer(AuthLayer::new(Arc::clone(&auth)).require_scopes(["read"])?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    let url = format!("{base}/me");

    let dpop_key = PrivateKey::generate_ec(Curve::P256, &mut rng)?;
    let clients = Clients {
        dpop_jwk: dpop_key.public_key().jwk()?,
        jkt: Base64UrlUnpadded::encode_string(&dpop_key.thumbprint()),
        dpop_key,
        tenants: keys,
        htu: url.clone(),
    };
    println!(
        "load {} | jose-core backend {} | {tenants} tenants, {requests} requests per phase over {connections} connections, 1 in {dpop_every} DPoP",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_else(|_| "unknown".into())
            .trim(),
        jose_core::BACKEND,
    );

    let cold: Vec<Call> = (0..requests)
        .map(|i| {
            let bound = i % dpop_every == 0;
            clients.call(clients.token(i % tenants, i, bound)?, bound, i)
        })
        .collect::<Result<_, Failure>>()?;
    report(
        "cold (a new token each request)",
        run(&url, cold, connections).await?,
    );

    let warm: Vec<(String, bool)> = (0..connections)
        .map(|c| {
            let bound = c % dpop_every == 0;
            Ok((clients.token(c % tenants, requests + c, bound)?, bound))
        })
        .collect::<Result<_, Failure>>()?;
    let repeated: Vec<Call> = (0..requests)
        .map(|i| {
            let (token, bound) = warm.get(i % connections).ok_or("no token")?;
            clients.call(token.clone(), *bound, 2 * requests + i)
        })
        .collect::<Result<_, Failure>>()?;
    report(
        "cached (one token per connection)",
        run(&url, repeated, connections).await?,
    );

    let counts = auth.counters();
    println!(
        "opened {}, from cache {}, key fetches {}, DPoP replays {}, refused {}",
        counts.opened,
        counts.from_cache,
        counts.key_fetches,
        counts.replays,
        counts.refused()
    );
    if counts.refused() != 0 {
        return Err(format!("{} requests refused", counts.refused()).into());
    }
    Ok(())
}
