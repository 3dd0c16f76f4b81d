//! The tower layer end to end over real HTTP on 127.0.0.1: an axum app
//! whose routes sit behind `AuthLayer`s (one router-wide with RFC 9728
//! metadata, route layers with scopes and a predicate), tokens the crate
//! signed, and each answer's exact status and `WWW-Authenticate`.

#[path = "../../jose-jwks/tests/support/mod.rs"]
mod support;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use jose_axum::{AuthLayer, Authenticator, Policy, ResourceMetadata, Verified, VerifiedToken};
use jose_core::Receiver;
use jose_core::jwt::Validation;
use jose_core::keys::PublicKeySet;
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use support::{AUDIENCE, ISSUER, now, signed, vector};

#[derive(Deserialize)]
struct Claims {
    sub: String,
}

struct Server {
    base: String,
    auth: Arc<Authenticator>,
    metadata_url: String,
}

/// `/me` (any valid token, claims through `Verified`), `/messages`
/// (`read:messages`), `/messages` POST (`write:messages` and
/// `read:messages`), `/admin` (a predicate), all behind one router-wide
/// layer publishing the metadata of the resource at the server's own URL.
async fn server() -> Server {
    let receiver = Receiver::builder()
        .issuer_keys(PublicKeySet::from_jwks(&vector("issuer.jwks.json")).unwrap())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .build()
        .unwrap();
    let auth = Arc::new(Authenticator::new(receiver));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let metadata = ResourceMetadata::new(&format!("{base}/api"))
        .unwrap()
        .authorization_server(ISSUER)
        .unwrap()
        .scopes_supported(["read:messages", "write:messages"])
        .resource_name("Messages");
    let metadata_url = metadata.url().to_owned();
    let route = |scopes: &[&str]| {
        AuthLayer::new(Arc::clone(&auth))
            .require_scopes(scopes)
            .unwrap()
    };
    let admin = Policy::new().require("the admin role", |claims| {
        claims
            .get("role")
            .and_then(|r| r.as_str())
            .is_some_and(|r| r.raw() == "admin")
    });
    let app = Router::new()
        .route(
            "/api/me",
            get(|Verified(claims): Verified<Claims>| async move { claims.sub }),
        )
        .route(
            "/api/messages",
            get(|Extension(token): Extension<VerifiedToken>| async move {
                Json(json!({"scopes": token.jwt().claims().scopes().collect::<Vec<_>>()}))
            })
            .route_layer(route(&["read:messages"])),
        )
        .route(
            "/api/messages/new",
            post(|| async { "posted" }).route_layer(route(&["write:messages", "read:messages"])),
        )
        .route(
            "/api/admin",
            get(|| async { "admin" }).route_layer(AuthLayer::new(Arc::clone(&auth)).policy(admin)),
        )
        .layer(AuthLayer::new(Arc::clone(&auth)).resource_metadata(metadata))
        .with_state(Arc::clone(&auth));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        base,
        auth,
        metadata_url,
    }
}

fn token_with(extra: Value) -> String {
    let at = now();
    let mut claims =
        json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "auth0|layer", "iat": at, "exp": at + 600});
    for (name, value) in extra.as_object().unwrap() {
        claims[name] = value.clone();
    }
    signed("issuer-2024", &claims.to_string())
}

struct Answer {
    status: StatusCode,
    challenge: Option<String>,
    body: String,
}

async fn send(method: reqwest::Method, url: &str, token: Option<&str>) -> Answer {
    let mut request = reqwest::Client::new().request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned());
    Answer {
        status: response.status(),
        challenge,
        body: response.text().await.unwrap(),
    }
}

async fn get_with(url: &str, token: Option<&str>) -> Answer {
    send(reqwest::Method::GET, url, token).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_refusal_has_its_status_and_exact_challenge() {
    let s = server().await;
    let me = format!("{}/api/me", s.base);
    let rm = format!(r#"resource_metadata="{}""#, s.metadata_url);
    let invalid = format!(
        r#"Bearer error="invalid_token", error_description="the access token is not valid", {rm}"#
    );

    let ok = get_with(&me, Some(&token_with(json!({})))).await;
    assert_eq!(
        (ok.status, ok.body.as_str()),
        (StatusCode::OK, "auth0|layer")
    );

    let none = get_with(&me, None).await;
    assert_eq!(
        (none.status, none.challenge.as_deref()),
        (
            StatusCode::UNAUTHORIZED,
            Some(format!("Bearer {rm}").as_str())
        )
    );

    let at = now() as i64;
    let refused = [
        ("expired", json!({"iat": at - 7200, "exp": at - 3600})),
        ("wrong audience", json!({"aud": "https://other.example"})),
        ("wrong issuer", json!({"iss": "https://evil.example/"})),
    ];
    for (case, extra) in refused {
        let answer = get_with(&me, Some(&token_with(extra))).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{case}");
        assert_eq!(
            answer.challenge.as_deref(),
            Some(invalid.as_str()),
            "{case}"
        );
        assert_eq!(answer.body, "", "{case}");
    }
    // Claims the handler's type cannot take: refused by the extractor after
    // the layer let the token through (no resource_metadata there).
    let no_sub = {
        let at = now();
        signed(
            "issuer-2024",
            &json!({"iss": ISSUER, "aud": AUDIENCE, "exp": at + 600}).to_string(),
        )
    };
    let answer = get_with(&me, Some(&no_sub)).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.challenge.as_deref(),
        Some(r#"Bearer error="invalid_token", error_description="the access token is not valid""#)
    );

    let malformed = reqwest::Client::new()
        .get(&me)
        .header("authorization", "Bearer a b")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        malformed.headers()["www-authenticate"],
        r#"Bearer error="invalid_request", error_description="malformed Authorization header""#
    );

    let counts = s.auth.counters();
    assert_eq!(counts.missing, 1);
    assert_eq!(counts.invalid_request, 1);
    assert_eq!(counts.invalid_token, 4);
    assert_eq!(counts.refused(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scopes_are_required_per_route_and_answered_403() {
    let s = server().await;
    let messages = format!("{}/api/messages", s.base);
    let new = format!("{}/api/messages/new", s.base);
    let rm = format!(r#"resource_metadata="{}""#, s.metadata_url);
    let insufficient =
        |scope: &str| format!(r#"Bearer error="insufficient_scope", scope="{scope}", {rm}"#);

    // The scope claim (RFC 9068), or Auth0's permissions array.
    for extra in [
        json!({"scope": "openid read:messages"}),
        json!({"permissions": ["read:messages"]}),
        json!({"scope": "openid", "permissions": ["x", "read:messages"]}),
    ] {
        let answer = get_with(&messages, Some(&token_with(extra.clone()))).await;
        assert_eq!(answer.status, StatusCode::OK, "{extra}");
    }
    let answer = get_with(
        &messages,
        Some(&token_with(json!({"scope": "read:messages"}))),
    )
    .await;
    assert_eq!(
        answer.body, r#"{"scopes":["read:messages"]}"#,
        "the layer's token reached the handler"
    );

    // Near misses are not the scope.
    for extra in [
        json!({}),
        json!({"scope": "read:messagesX"}),
        json!({"scope": "read:message"}),
        json!({"scope": "READ:MESSAGES"}),
        json!({"scope": "read:messages\u{0000}"}),
        json!({"permissions": "read:messages"}),
        json!({"permissions": [["read:messages"]]}),
        json!({"scope": "read\\u003amessages"}),
    ] {
        let answer = get_with(&messages, Some(&token_with(extra.clone()))).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{extra}");
        assert_eq!(
            answer.challenge.as_deref(),
            Some(insufficient("read:messages").as_str()),
            "{extra}"
        );
        assert_eq!(answer.body, "", "{extra}");
    }
    // A scope claim that is not a string is an invalid token (the core's
    // rules for registered claims), not a missing scope.
    let answer = get_with(
        &messages,
        Some(&token_with(json!({"scope": ["read:messages"]}))),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

    // Every scope required, and all of them named in the answer.
    let post = |token: String| {
        let new = new.clone();
        async move { send(reqwest::Method::POST, &new, Some(&token)).await }
    };
    let answer = post(token_with(json!({"scope": "read:messages"}))).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        answer.challenge.as_deref(),
        Some(insufficient("write:messages read:messages").as_str())
    );
    let answer = post(token_with(json!({"scope": "write:messages read:messages"}))).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "posted")
    );

    // An invalid token on a scoped route is 401, not 403.
    let at = now() as i64;
    let answer = get_with(
        &messages,
        Some(&token_with(
            json!({"scope": "read:messages", "exp": at - 3600}),
        )),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

    assert_eq!(s.auth.counters().insufficient_scope, 9);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_predicate_on_the_claims_answers_403_without_saying_which() {
    let s = server().await;
    let admin = format!("{}/api/admin", s.base);
    let answer = get_with(&admin, Some(&token_with(json!({"role": "admin"})))).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "admin")
    );
    for extra in [
        json!({}),
        json!({"role": "user"}),
        json!({"role": ["admin"]}),
    ] {
        let answer = get_with(&admin, Some(&token_with(extra.clone()))).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{extra}");
        assert_eq!(
            answer.challenge.as_deref(),
            Some(
                format!(
                    r#"Bearer error="insufficient_scope", error_description="the access token does not allow this request", resource_metadata="{}""#,
                    s.metadata_url
                )
                .as_str()
            ),
            "{extra}"
        );
    }
    assert_eq!(s.auth.counters().forbidden, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metadata_document_is_served_without_a_token() {
    let s = server().await;
    assert_eq!(
        s.metadata_url,
        format!("{}/.well-known/oauth-protected-resource/api", s.base)
    );
    let response = reqwest::get(&s.metadata_url).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let document: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(
        document,
        json!({
            "resource": format!("{}/api", s.base),
            "authorization_servers": [ISSUER],
            "bearer_methods_supported": ["header"],
            "scopes_supported": ["read:messages", "write:messages"],
            "resource_name": "Messages",
        })
    );
    let head = reqwest::Client::new()
        .head(&s.metadata_url)
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(head.headers()["content-type"], "application/json");
    assert_eq!(head.text().await.unwrap(), "");
    let post = reqwest::Client::new()
        .post(&s.metadata_url)
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.headers()["allow"], "GET, HEAD");
    // Only that path: a neighbour is behind the layer.
    let other = get_with(
        &format!("{}/.well-known/oauth-protected-resource", s.base),
        None,
    )
    .await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_is_opened_once_for_the_layer_and_the_extractor() {
    let s = server().await;
    let token = token_with(json!({}));
    let me = format!("{}/api/me", s.base);
    assert_eq!(get_with(&me, Some(&token)).await.status, StatusCode::OK);
    let counts = s.auth.counters();
    assert_eq!((counts.opened, counts.from_cache), (1, 0));
    assert_eq!(get_with(&me, Some(&token)).await.status, StatusCode::OK);
    let counts = s.auth.counters();
    assert_eq!((counts.opened, counts.from_cache), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpc_requests_are_refused_with_grpc_statuses() {
    let s = server().await;
    let url = format!("{}/api/messages/new", s.base);
    let call = |token: Option<String>| {
        let url = url.clone();
        async move {
            let mut request = reqwest::Client::new()
                .post(&url)
                .header("content-type", "application/grpc");
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await.unwrap();
            let h = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned())
            };
            (response.status(), h("grpc-status"), h("content-type"))
        }
    };
    let grpc = Some("application/grpc".to_owned());
    assert_eq!(
        call(None).await,
        (StatusCode::OK, Some("16".into()), grpc.clone())
    );
    let at = now() as i64;
    let expired = token_with(json!({"exp": at - 3600}));
    assert_eq!(
        call(Some(expired)).await,
        (StatusCode::OK, Some("16".into()), grpc.clone())
    );
    let unscoped = token_with(json!({"scope": "openid"}));
    assert_eq!(
        call(Some(unscoped)).await,
        (StatusCode::OK, Some("7".into()), grpc)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inner_layer_with_another_authenticator_verifies_again() {
    // The outer layer takes any audience; the inner one only AUDIENCE. A
    // token for another audience passes the outer one and must not ride
    // through the inner one on the outer one's verdict.
    let keys = || PublicKeySet::from_jwks(&vector("issuer.jwks.json")).unwrap();
    let lenient = Receiver::builder()
        .issuer_keys(keys())
        .rules(Validation::new().issuer(ISSUER).accept_any_audience())
        .build()
        .unwrap();
    let strict = Receiver::builder()
        .issuer_keys(keys())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .build()
        .unwrap();
    let (lenient, strict) = (
        Arc::new(Authenticator::new(lenient)),
        Arc::new(Authenticator::new(strict)),
    );
    let app: Router = Router::new()
        .route(
            "/strict",
            get(|| async { "strict" }).route_layer(AuthLayer::new(Arc::clone(&strict))),
        )
        .route("/lenient", get(|| async { "lenient" }))
        .layer(AuthLayer::new(Arc::clone(&lenient)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let other = token_with(json!({"aud": "https://other.example"}));
    assert_eq!(
        get_with(&format!("{base}/lenient"), Some(&other))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        get_with(&format!("{base}/strict"), Some(&other))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let ours = token_with(json!({}));
    assert_eq!(
        get_with(&format!("{base}/strict"), Some(&ours))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(strict.counters().invalid_token, 1);
    assert_eq!(strict.counters().opened, 1);
}
