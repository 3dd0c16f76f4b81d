//! A resource server for Auth0 access tokens, signed (Auth0's default) or
//! encrypted: one protected route, `GET /api/me`, answering the token's
//! subject and scope.
//!
//! With your tenant (see docs/resource-server.md); with `API_KEY` (your
//! API's private key, for JWE access tokens) it takes encrypted tokens,
//! without it signed ones:
//!
//! ```text
//! AUTH0_DOMAIN=your-tenant.eu.auth0.com AUTH0_AUDIENCE=https://api.example.com \
//! API_KEY=api.jwk.json cargo run -p jose-axum --example resource_server
//! ```
//!
//! Without `AUTH0_DOMAIN` it runs on the vectors' test keys (an issuer that
//! is not Auth0, keys that are public) and prints a `curl` line with a token
//! it made for them.

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use jose_axum::{Authenticator, Verified};
use jose_core::Receiver;
use jose_core::jwt::Validation;
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKeySet};
use jose_jwks::{RemoteJwkSet, RemoteOptions};
use serde::{Deserialize, Serialize};

/// The claims the route needs (others are ignored).
#[derive(Deserialize, Serialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    scope: Option<String>,
}

async fn me(Verified(claims): Verified<Claims>) -> Json<Claims> {
    Json(claims)
}

type Failure = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .init();
    let listen = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let auth = match std::env::var("AUTH0_DOMAIN") {
        Ok(domain) => auth0(&domain)?,
        Err(_) => demo(&listen)?,
    };
    let app = Router::new()
        .route("/api/me", get(me))
        .with_state(Arc::new(auth));
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    eprintln!("listening on http://{listen}/api/me");
    axum::serve(listener, app).await?;
    Ok(())
}

/// An Auth0 tenant: its JWK Set, its issuer, your API's identifier as the
/// audience, and (for encrypted tokens) the private key whose public half
/// you gave Auth0.
fn auth0(domain: &str) -> Result<Authenticator, Failure> {
    let audience =
        std::env::var("AUTH0_AUDIENCE").map_err(|_| "AUTH0_AUDIENCE: your API's identifier")?;
    let issuer = format!("https://{domain}/");
    let jwks = RemoteJwkSet::new(
        &format!("https://{domain}/.well-known/jwks.json"),
        RemoteOptions::default(),
    )?;
    let mut receiver =
        Receiver::builder().rules(Validation::new().issuer(&issuer).audience(&audience));
    if let Ok(path) = std::env::var("API_KEY") {
        receiver = receiver.decryption_keys(private_keys(&std::fs::read_to_string(&path)?)?);
    }
    Ok(Authenticator::new(receiver.build()?).with_remote_keys(jwks))
}

/// A JWK Set, a JWK or a PEM private key; `API_KEY_KID` names a key that
/// has no `kid` (the key id you entered in Auth0, if any).
fn private_keys(text: &str) -> Result<PrivateKeySet, jose_core::Error> {
    if text.contains("\"keys\"") {
        return PrivateKeySet::from_jwks(text);
    }
    let key = if text.trim_start().starts_with('{') {
        PrivateKey::from_jwk(text)?
    } else {
        PrivateKey::from_pem(text)?
    };
    let key = match std::env::var("API_KEY_KID") {
        Ok(kid) if key.kid().is_none() => key.with_kid(&kid),
        _ => key,
    };
    PrivateKeySet::new().with(key)
}

/// The vectors' keys, and a token for them on stderr.
fn demo(listen: &str) -> Result<Authenticator, Failure> {
    let vectors = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/interop/");
    let read = |name: &str| std::fs::read_to_string(format!("{vectors}{name}"));
    let mine = PrivateKeySet::from_jwks(&read("api.private.jwks.json")?)?;
    let issuer = PublicKeySet::from_jwks(&read("issuer.jwks.json")?)?;
    let token = demo_token(&read("issuer.private.jwks.json")?, &mine)?;
    eprintln!("AUTH0_DOMAIN is not set: serving the vectors' test keys. Try:");
    eprintln!("  curl -H 'Authorization: Bearer {token}' http://{listen}/api/me");
    let receiver = Receiver::builder()
        .decryption_keys(mine)
        .issuer_keys(issuer)
        .rules(
            Validation::new()
                .issuer("https://tenant.example.auth0.com/")
                .audience("https://api.example.com"),
        )
        .build()?;
    Ok(Authenticator::new(receiver))
}

/// Auth0's shape, made with the vectors' issuer key, valid for an hour.
fn demo_token(issuer_jwks: &str, mine: &PrivateKeySet) -> Result<String, Failure> {
    use jose_core::jwe::Encrypter;
    use jose_core::jws::Signer;
    use jose_core::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm, jwt};
    let signing = PrivateKeySet::from_jwks(issuer_jwks)?;
    let signing = signing.keys().first().ok_or("no issuer key")?;
    let api = mine.keys().first().ok_or("no API key")?.public_key();
    let now = jwt::now()?;
    let claims = format!(
        r#"{{"iss":"https://tenant.example.auth0.com/","sub":"auth0|demo","aud":"https://api.example.com","iat":{now},"exp":{},"scope":"read:me"}}"#,
        now + 3600
    );
    let signer = Signer::new(signing, SignatureAlgorithm::Rs256)?;
    let encrypter = Encrypter::new(&api, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm)?;
    let token = jwt::sign_and_encrypt_to_string(
        claims.as_bytes(),
        &signer,
        &encrypter,
        &mut jose_core::os_rng(),
    )?;
    Ok(token)
}
