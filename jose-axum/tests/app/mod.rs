//! The resource server the HTTP tests run: an axum app with the extractor
//! on 127.0.0.1, and a client for it.
#![allow(dead_code)]

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use jose_axum::{Authenticator, Verified};
use jose_core::jwt::Validation;
use jose_core::keys::{PrivateKeySet, PublicKeySet};
use jose_core::{Accept, Receiver};
use jose_jwks::RemoteJwkSet;
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};

use crate::support::{AUDIENCE, ISSUER, vector};

#[derive(Deserialize, Serialize)]
pub struct Claims {
    pub sub: String,
    pub aud: String,
}

async fn me(Verified(claims): Verified<Claims>) -> Json<Claims> {
    Json(claims)
}

/// Where the test server's issuer keys come from.
pub enum Issuer {
    /// The receiver's own set, read from vectors/.
    Fixed,
    /// A JWK Set fetched per request.
    Remote(RemoteJwkSet),
}

impl From<RemoteJwkSet> for Issuer {
    fn from(remote: RemoteJwkSet) -> Self {
        Issuer::Remote(remote)
    }
}

pub fn fixed_issuer() -> Issuer {
    Issuer::Fixed
}

/// A resource server on 127.0.0.1 opening encrypted tokens with `issuer`'s
/// keys.
pub async fn resource_server(issuer: Issuer) -> (String, Arc<Authenticator>) {
    resource_server_taking(issuer, true, None).await
}

/// A resource server on 127.0.0.1: with the API's decryption keys or
/// without, taking the forms `accept` says (or the receiver's default).
/// Its rules are made from `String`s dropped once it is built.
pub async fn resource_server_taking(
    issuer: Issuer,
    decryption_keys: bool,
    accept: Option<Accept>,
) -> (String, Arc<Authenticator>) {
    let (iss, aud) = (ISSUER.to_owned(), AUDIENCE.to_owned());
    let mut receiver = Receiver::builder().rules(Validation::new().issuer(&iss).audience(&aud));
    drop((iss, aud));
    if decryption_keys {
        let mine = PrivateKeySet::from_jwks(&vector("api.private.jwks.json")).unwrap();
        receiver = receiver.decryption_keys(mine);
    }
    if let Some(accept) = accept {
        receiver = receiver.accept(accept);
    }
    let auth = match issuer {
        Issuer::Fixed => {
            let keys = PublicKeySet::from_jwks(&vector("issuer.jwks.json")).unwrap();
            Authenticator::new(receiver.issuer_keys(keys).build().unwrap())
        }
        Issuer::Remote(remote) => {
            Authenticator::new(receiver.build().unwrap()).with_remote_keys(remote)
        }
    };
    let auth = Arc::new(auth);
    let app = Router::new()
        .route("/me", get(me))
        .with_state(Arc::clone(&auth));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/me", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, auth)
}

/// What the server answered: status, `WWW-Authenticate`, body.
pub async fn call(url: &str, authorization: &[&str]) -> (StatusCode, Option<String>, String) {
    let mut request = reqwest::Client::new().get(url);
    for value in authorization {
        request = request.header("authorization", *value);
    }
    let response = request.send().await.unwrap();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string());
    (response.status(), challenge, response.text().await.unwrap())
}

pub async fn bearer(url: &str, token: &str) -> (StatusCode, Option<String>, String) {
    call(url, &[&format!("Bearer {token}")]).await
}
