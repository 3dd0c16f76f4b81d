//! The resource server the HTTP tests run: an axum app with the extractor
//! on 127.0.0.1, and a client for it.
#![allow(dead_code)]

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use jose_axum::{Authenticator, IssuerSource, Verified};
use jose_core::jwt::Validation;
use jose_core::keys::{PrivateKeySet, PublicKeySet};
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

/// A resource server on 127.0.0.1 opening tokens with `issuer`'s keys.
pub async fn resource_server(issuer: IssuerSource) -> (String, Arc<Authenticator>) {
    let mine = PrivateKeySet::from_jwks(&vector("api.private.jwks.json")).unwrap();
    let rules = Validation::new().issuer(ISSUER).audience(AUDIENCE);
    let auth = Arc::new(Authenticator::new(mine, issuer, rules).unwrap());
    let app = Router::new()
        .route("/me", get(me))
        .with_state(Arc::clone(&auth));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/me", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, auth)
}

pub fn fixed_issuer() -> IssuerSource {
    PublicKeySet::from_jwks(&vector("issuer.jwks.json"))
        .unwrap()
        .into()
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
