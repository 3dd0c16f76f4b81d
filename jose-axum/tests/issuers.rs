//! Several issuers over real HTTP on 127.0.0.1: two JWK Set servers (one
//! per issuer), a resource server whose layer opens each token with the
//! keys of the issuer it names, among the configured ones only.

mod app;
#[path = "../../jose-jwks/tests/support/mod.rs"]
mod support;

use std::sync::Arc;

use app::bearer;
use axum::Router;
use axum::routing::get;
use jose_axum::{AuthLayer, Authenticator, Verified};
use jose_core::jwt::Validation;
use jose_core::keys::{PrivateKeySet, PublicKeySet};
use jose_core::{Accept, Receiver};
use jose_jwks::{Issuers, RemoteJwkSet, RemoteOptions};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::json;
use support::{
    AUDIENCE, ISSUER, JwksServer, Reply, api_key, jwks_of, nested, now, signed, signing_key, vector,
};

const ISSUER_B: &str = "https://b.example.com/";
const ISSUER_DOWN: &str = "https://down.example.com/";

#[derive(Deserialize)]
struct Claims {
    sub: String,
}

struct Setup {
    url: String,
    auth: Arc<Authenticator>,
    a: JwksServer,
    b: JwksServer,
}

/// Issuer A (the Auth0 tenant, key `issuer-2024`), issuer B (another key,
/// `b-1`) and an issuer whose JWK Set server fails, each fetched remotely.
async fn setup() -> Setup {
    let a = JwksServer::start(Reply::Body(jwks_of(&["issuer-2024"]), None)).await;
    let b_public = PublicKeySet::new()
        .with(signing_key("b-1").public_key().with_kid("b-1"))
        .unwrap();
    let b = JwksServer::start(Reply::Body(b_public.jwks().unwrap(), None)).await;
    let down = JwksServer::start(Reply::Status(502)).await;
    let remote = |server: &JwksServer| {
        RemoteJwkSet::new(&server.url("/jwks"), RemoteOptions::default()).unwrap()
    };
    let issuers = Issuers::new()
        .remote(ISSUER, remote(&a))
        .unwrap()
        .remote(ISSUER_B, remote(&b))
        .unwrap()
        .remote(ISSUER_DOWN, remote(&down))
        .unwrap();
    let names: Vec<&str> = issuers.names().collect();
    let receiver = Receiver::builder()
        .decryption_keys(PrivateKeySet::from_jwks(&vector("api.private.jwks.json")).unwrap())
        .accept(Accept::NestedOrSigned)
        .rules(Validation::new().issuers(&names).audience(AUDIENCE))
        .build()
        .unwrap();
    let auth = Arc::new(Authenticator::new(receiver).with_issuers(issuers));
    let app = Router::new()
        .route(
            "/me",
            get(|Verified(claims): Verified<Claims>| async move { claims.sub }),
        )
        .layer(AuthLayer::new(Arc::clone(&auth)))
        .with_state(Arc::clone(&auth));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/me", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Setup { url, auth, a, b }
}

fn claims_of(iss: &str, sub: &str) -> String {
    let at = now();
    json!({"iss": iss, "aud": AUDIENCE, "sub": sub, "iat": at, "exp": at + 600}).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_issuer_verifies_its_own_tokens_only() {
    let s = setup().await;
    assert_eq!(
        (s.a.hits(), s.b.hits()),
        (0, 0),
        "nothing fetched before a token"
    );

    // B's token: B's set fetched, A's not.
    let from_b = signed("b-1", &claims_of(ISSUER_B, "user-b"));
    let answer = bearer(&s.url, &from_b).await;
    assert_eq!((answer.0, answer.2.as_str()), (StatusCode::OK, "user-b"));
    assert_eq!((s.a.hits(), s.b.hits()), (0, 1));
    // Opened across the first fetch of B's set, the token was not kept
    // (as with one remote set); the next request keeps it, the one after
    // is served from the cache.
    assert_eq!(bearer(&s.url, &from_b).await.0, StatusCode::OK);
    assert_eq!(bearer(&s.url, &from_b).await.0, StatusCode::OK);
    let counts = s.auth.counters();
    assert_eq!((counts.opened, counts.from_cache), (2, 1));
    assert_eq!((s.a.hits(), s.b.hits()), (0, 1));
    assert_eq!(counts.key_fetches, 1);

    // A's tokens, signed and nested (the iss is read after decryption).
    let from_a = signed("issuer-2024", &claims_of(ISSUER, "user-a"));
    let answer = bearer(&s.url, &from_a).await;
    assert_eq!((answer.0, answer.2.as_str()), (StatusCode::OK, "user-a"));
    let nested_a = nested(
        "issuer-2024",
        &claims_of(ISSUER, "user-a2"),
        &api_key("api-enc-2048"),
    );
    let answer = bearer(&s.url, &nested_a).await;
    assert_eq!((answer.0, answer.2.as_str()), (StatusCode::OK, "user-a2"));
    assert_eq!((s.a.hits(), s.b.hits()), (1, 1));

    // A's `iss` escaped differently in JSON is still A.
    let at = now();
    let escaped = format!(
        r#"{{"iss":"https:\/\/tenant.example.auth0.com\/","aud":"{AUDIENCE}","sub":"user-a3","exp":{}}}"#,
        at + 600
    );
    let answer = bearer(&s.url, &signed("issuer-2024", &escaped)).await;
    assert_eq!((answer.0, answer.2.as_str()), (StatusCode::OK, "user-a3"));

    // Crossed: a token naming one issuer, signed by the other's key (under
    // either kid), is refused.
    let b_hits = s.b.hits();
    for (case, token) in [
        (
            "names A, B's key and kid",
            signed("b-1", &claims_of(ISSUER, "x")),
        ),
        (
            "names A, B's key under A's kid",
            support::nested_by(
                &signing_key("b-1"),
                "issuer-2024",
                &claims_of(ISSUER, "x"),
                &api_key("api-enc-2048"),
            ),
        ),
        (
            "names B, A's key",
            signed("issuer-2024", &claims_of(ISSUER_B, "x")),
        ),
    ] {
        assert_eq!(
            bearer(&s.url, &token).await.0,
            StatusCode::UNAUTHORIZED,
            "{case}"
        );
    }
    // B's set was not asked about the tokens naming A.
    assert!(
        s.b.hits() <= b_hits + 1,
        "B refetched at most for the token naming B"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_naming_unknown_issuers_cost_no_fetch() {
    let s = setup().await;
    let mut refused = 0;
    for i in 0..50 {
        let token = signed("b-1", &claims_of(&format!("https://evil{i}.example/"), "x"));
        assert_eq!(bearer(&s.url, &token).await.0, StatusCode::UNAUTHORIZED);
        refused += 1;
    }
    let at = now();
    let no_iss = json!({"aud": AUDIENCE, "sub": "x", "exp": at + 600}).to_string();
    assert_eq!(
        bearer(&s.url, &signed("b-1", &no_iss)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let not_a_string = json!({"iss": 7, "aud": AUDIENCE, "sub": "x", "exp": at + 600}).to_string();
    assert_eq!(
        bearer(&s.url, &signed("b-1", &not_a_string)).await.0,
        StatusCode::UNAUTHORIZED
    );
    // A prefix or a case change of a configured issuer is another issuer.
    for iss in [
        "https://b.example.com",
        "HTTPS://B.EXAMPLE.COM/",
        "https://b.example.com/x",
    ] {
        let token = signed("b-1", &claims_of(iss, "x"));
        assert_eq!(
            bearer(&s.url, &token).await.0,
            StatusCode::UNAUTHORIZED,
            "{iss}"
        );
    }
    assert_eq!(
        (s.a.hits(), s.b.hits()),
        (0, 0),
        "no fetch for {refused} unknown issuers"
    );
    assert_eq!(s.auth.counters().invalid_token, 55);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issuer_whose_keys_cannot_be_had_is_answered_503() {
    let s = setup().await;
    let token = signed("b-1", &claims_of(ISSUER_DOWN, "x"));
    let (status, challenge, _) = bearer(&s.url, &token).await;
    assert_eq!((status, challenge), (StatusCode::SERVICE_UNAVAILABLE, None));
    assert_eq!(s.auth.counters().unavailable, 1);
    // The other issuers are unaffected.
    let from_b = signed("b-1", &claims_of(ISSUER_B, "user-b"));
    assert_eq!(bearer(&s.url, &from_b).await.0, StatusCode::OK);
}
