//! A JWK Set server on 127.0.0.1 (real HTTP through axum), and tokens
//! signed by the vectors' issuer keys.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jose_core::jws::Signer;
use jose_core::keys::{PrivateKey, PrivateKeySet};
use jose_core::{SignatureAlgorithm, jwt};
use serde_json::{Value, json};

/// What `tracing` writes on the current thread while its guard lives
/// (the log tests run alone in their binaries: interest is per process).
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    /// Captures events at `level` and above until the guard drops.
    pub fn capture(level: tracing::Level) -> (Log, tracing::subscriber::DefaultGuard) {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        (log, tracing::subscriber::set_default(subscriber))
    }

    /// The text written so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

pub const ISSUER: &str = "https://tenant.example.auth0.com/";
pub const AUDIENCE: &str = "https://api.example.com";

pub fn vector(name: &str) -> String {
    let path = format!("{}/../vectors/interop/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The public JWK Set holding the issuer keys with these `kid`s
/// (`issuer-2024`, `issuer-2025`).
pub fn jwks_of(kids: &[&str]) -> String {
    let all: Value = serde_json::from_str(&vector("issuer.jwks.json")).unwrap();
    let keys: Vec<&Value> = all["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| kids.iter().any(|kid| k["kid"] == *kid))
        .collect();
    assert_eq!(keys.len(), kids.len(), "{kids:?}");
    json!({ "keys": keys }).to_string()
}

/// The issuer's private key `kid`, or the attacker's key under `kid`.
pub fn signing_key(kid: &str) -> PrivateKey {
    let set = PrivateKeySet::from_jwks(&vector("issuer.private.jwks.json")).unwrap();
    match set.keys().iter().find(|k| k.kid() == Some(kid)) {
        Some(key) => key.clone(),
        None => PrivateKey::from_jwk(&vector("attacker.private.jwk.json"))
            .unwrap()
            .with_kid(kid),
    }
}

pub fn claims(now: u64) -> String {
    json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "auth0|remote", "iat": now, "exp": now + 600})
        .to_string()
}

/// An RS256 token over `claims`, signed by [`signing_key`]`(kid)`.
pub fn signed(kid: &str, claims: &str) -> String {
    let key = signing_key(kid);
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256)
        .unwrap()
        .kid(kid);
    let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
    signer
        .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_string()
}

pub fn now() -> u64 {
    jwt::now().unwrap()
}

/// What the server answers on `/jwks`.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A body with `Cache-Control` if given.
    Body(String, Option<&'static str>),
    /// Bytes as they are (not UTF-8, say).
    Bytes(Vec<u8>),
    Status(u16),
    /// A valid set, after a delay.
    Slow(Duration, String),
    /// `n` bytes with a Content-Length.
    Large(usize),
    /// `n` bytes streamed without a Content-Length.
    Streamed(usize),
    /// One byte every 50 ms, never ending.
    Drip,
}

#[derive(Clone)]
pub struct JwksServer {
    pub addr: SocketAddr,
    reply: Arc<Mutex<Reply>>,
    discovery: Arc<Mutex<String>>,
    hits: Arc<AtomicUsize>,
}

impl JwksServer {
    /// Starts a server answering `reply` on `/jwks`, on the current runtime.
    pub async fn start(reply: Reply) -> JwksServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = JwksServer {
            addr: listener.local_addr().unwrap(),
            reply: Arc::new(Mutex::new(reply)),
            discovery: Arc::new(Mutex::new(String::new())),
            hits: Arc::new(AtomicUsize::new(0)),
        };
        let app = Router::new()
            .route("/jwks", get(jwks))
            .route("/hop/{n}", get(hop))
            .route("/.well-known/openid-configuration", get(discovery))
            .with_state(server.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn set(&self, reply: Reply) {
        *self.reply.lock().unwrap() = reply;
    }

    pub fn set_discovery(&self, document: String) {
        *self.discovery.lock().unwrap() = document;
    }

    /// Requests `/jwks` has had.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

async fn jwks(State(server): State<JwksServer>) -> Response {
    server.hits.fetch_add(1, Ordering::SeqCst);
    let reply = server.reply.lock().unwrap().clone();
    match reply {
        Reply::Body(body, cache) => {
            let mut response = body.into_response();
            if let Some(cache) = cache {
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, cache.parse().unwrap());
            }
            response
        }
        Reply::Bytes(bytes) => bytes.into_response(),
        Reply::Status(code) => StatusCode::from_u16(code).unwrap().into_response(),
        Reply::Slow(delay, body) => {
            tokio::time::sleep(delay).await;
            body.into_response()
        }
        Reply::Large(n) => vec![b' '; n].into_response(),
        Reply::Streamed(n) => {
            let chunks = (0..n.div_ceil(1024)).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1024]));
            Body::from_stream(futures_util::stream::iter(chunks)).into_response()
        }
        Reply::Drip => {
            let drip = futures_util::stream::unfold((), |()| async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Some((Ok::<_, std::io::Error>(vec![b' ']), ()))
            });
            Body::from_stream(drip).into_response()
        }
    }
}

/// `/hop/n` redirects to `/hop/n-1`, and `/hop/0` to `/jwks`.
async fn hop(Path(n): Path<u32>) -> Response {
    let to = match n {
        0 => "/jwks".to_string(),
        n => format!("/hop/{}", n - 1),
    };
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

async fn discovery(State(server): State<JwksServer>) -> String {
    server.discovery.lock().unwrap().clone()
}

/// The API's encryption key `kid` (`api-enc-2048`, ...), or the vectors'
/// `recipient` key (not the API's).
pub fn api_key(kid: &str) -> PrivateKey {
    let set = PrivateKeySet::from_jwks(&vector("api.private.jwks.json")).unwrap();
    match set.keys().iter().find(|k| k.kid() == Some(kid)) {
        Some(key) => key.clone(),
        None => PrivateKey::from_jwk(&vector("recipient.private.jwk.json")).unwrap(),
    }
}

/// Auth0's shape: `claims` signed RS256 by [`signing_key`]`(signer)`, then
/// encrypted (RSA-OAEP-256, A256GCM, `cty: JWT`) to `recipient`'s public key.
pub fn nested(signer: &str, claims: &str, recipient: &PrivateKey) -> String {
    nested_by(&signing_key(signer), signer, claims, recipient)
}

/// [`nested`] signed by `key` under `kid`.
pub fn nested_by(key: &PrivateKey, kid: &str, claims: &str, recipient: &PrivateKey) -> String {
    use jose_core::jwe::Encrypter;
    use jose_core::{ContentAlgorithm, KeyAlgorithm};
    let signer = Signer::new(key, SignatureAlgorithm::Rs256)
        .unwrap()
        .kid(kid);
    let public = recipient.public_key();
    let encrypter =
        Encrypter::new(&public, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm).unwrap();
    jwt::sign_and_encrypt_to_string(
        claims.as_bytes(),
        &signer,
        &encrypter,
        &mut jose_core::os_rng(),
    )
    .unwrap()
}
