//! The layer in front of a real gRPC server: tonic's health service on
//! 127.0.0.1 behind `AuthLayer`, called by tonic's own client over HTTP/2
//! with the token in the `authorization` metadata. A refusal reaches the
//! client as a gRPC status, with the RFC 6750 challenge beside it.

#[path = "../../jose-jwks/tests/support/mod.rs"]
mod support;

use std::sync::Arc;

use jose_axum::{AuthLayer, Authenticator};
use jose_core::Receiver;
use jose_core::jwt::Validation;
use jose_core::keys::PublicKeySet;
use serde_json::json;
use support::{AUDIENCE, ISSUER, now, signed, vector};
use tonic::metadata::MetadataValue;
use tonic::transport::{Channel, Server};
use tonic::{Code, Request};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::server::health_reporter;

/// A health service behind a layer requiring `scopes`; its address.
async fn grpc_server(scopes: &[&str]) -> (String, Arc<Authenticator>) {
    let receiver = Receiver::builder()
        .issuer_keys(PublicKeySet::from_jwks(&vector("issuer.jwks.json")).unwrap())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .build()
        .unwrap();
    let auth = Arc::new(Authenticator::new(receiver));
    let layer = AuthLayer::new(Arc::clone(&auth))
        .require_scopes(scopes)
        .unwrap();
    let (_reporter, health) = health_reporter();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    tokio::spawn(async move {
        Server::builder()
            .layer(layer)
            .add_service(health)
            .serve_with_incoming(incoming)
            .await
            .unwrap()
    });
    (address, auth)
}

async fn check(address: &str, token: Option<&str>) -> Result<i32, tonic::Status> {
    let channel = Channel::from_shared(address.to_owned())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut request = Request::new(HealthCheckRequest {
        service: String::new(),
    });
    if let Some(token) = token {
        let value: MetadataValue<_> = format!("Bearer {token}").parse().unwrap();
        request.metadata_mut().insert("authorization", value);
    }
    HealthClient::new(channel)
        .check(request)
        .await
        .map(|answer| answer.into_inner().status)
}

fn token(extra: serde_json::Value) -> String {
    let at = now();
    let mut claims =
        json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "svc", "iat": at, "exp": at + 600});
    for (name, value) in extra.as_object().unwrap() {
        claims[name] = value.clone();
    }
    signed("issuer-2024", &claims.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_grpc_service_serves_valid_tokens_and_refuses_the_rest_with_grpc_statuses() {
    let (address, auth) = grpc_server(&["health:read"]).await;

    let serving = check(&address, Some(&token(json!({"scope": "health:read"})))).await;
    assert_eq!(serving.unwrap(), 1, "SERVING");

    let challenge = |status: &tonic::Status| {
        status
            .metadata()
            .get("www-authenticate")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let missing = check(&address, None).await.unwrap_err();
    assert_eq!(missing.code(), Code::Unauthenticated);
    assert_eq!(challenge(&missing).as_deref(), Some("Bearer"));

    let at = now() as i64;
    for (case, extra) in [
        ("expired", json!({"scope": "health:read", "exp": at - 3600})),
        (
            "wrong audience",
            json!({"scope": "health:read", "aud": "https://other.example"}),
        ),
        (
            "wrong issuer",
            json!({"scope": "health:read", "iss": "https://evil.example/"}),
        ),
    ] {
        let refused = check(&address, Some(&token(extra))).await.unwrap_err();
        assert_eq!(refused.code(), Code::Unauthenticated, "{case}");
        assert_eq!(
            challenge(&refused).as_deref(),
            Some(
                r#"Bearer error="invalid_token", error_description="the access token is not valid""#
            ),
            "{case}"
        );
    }

    let unscoped = check(&address, Some(&token(json!({"scope": "openid"}))))
        .await
        .unwrap_err();
    assert_eq!(unscoped.code(), Code::PermissionDenied);
    assert_eq!(
        challenge(&unscoped).as_deref(),
        Some(r#"Bearer error="insufficient_scope", scope="health:read""#)
    );

    let counts = auth.counters();
    assert_eq!(
        (
            counts.opened,
            counts.missing,
            counts.invalid_token,
            counts.insufficient_scope
        ),
        (2, 1, 3, 1)
    );
}
