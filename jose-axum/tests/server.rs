//! End to end over real HTTP on 127.0.0.1: an axum server with the
//! extractor, a JWK Set server for the issuer's keys, and a client sending
//! tokens the crate produced.

mod app;
#[path = "../../jose-jwks/tests/support/mod.rs"]
mod support;

use std::time::Duration;

use app::{bearer, call, fixed_issuer, resource_server, resource_server_taking};
use jose_core::Accept;
use jose_jwks::{RemoteJwkSet, RemoteOptions};
use reqwest::StatusCode;
use serde_json::json;
use support::{
    AUDIENCE, ISSUER, JwksServer, Reply, api_key, claims, jwks_of, nested, now, signed, vector,
};

const INVALID: &str =
    r#"Bearer error="invalid_token", error_description="the access token is not valid""#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_valid_token_gets_its_claims_and_every_refused_one_the_same_401() {
    let (url, auth) = resource_server(fixed_issuer()).await;
    let api = api_key("api-enc-2048");
    let token = nested("issuer-2024", &claims(now()), &api);

    let (status, challenge, body) = bearer(&url, &token).await;
    assert_eq!((status, challenge), (StatusCode::OK, None));
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body, json!({"sub": "auth0|remote", "aud": AUDIENCE}));

    // Served again from the cache.
    assert_eq!(bearer(&url, &token).await.0, StatusCode::OK);
    let stats = auth.receiver().token_cache().unwrap().stats();
    assert_eq!((stats.misses, stats.hits, stats.inserts), (1, 1, 1));

    let at = now();
    let expired =
        json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "s", "iat": at - 7200, "exp": at - 3600});
    let wrong_audience =
        json!({"iss": ISSUER, "aud": "https://other.example", "sub": "s", "exp": at + 600});
    let wrong_issuer =
        json!({"iss": "https://evil.example/", "aud": AUDIENCE, "sub": "s", "exp": at + 600});
    let not_our_type = json!({"iss": ISSUER, "aud": AUDIENCE, "exp": at + 600});
    let refused = [
        ("expired", nested("issuer-2024", &expired.to_string(), &api)),
        (
            "wrong audience",
            nested("issuer-2024", &wrong_audience.to_string(), &api),
        ),
        (
            "wrong issuer",
            nested("issuer-2024", &wrong_issuer.to_string(), &api),
        ),
        // The attacker's key under the issuer's kid.
        ("wrong signing key", forged(&claims(at), &api)),
        (
            "encrypted to another key",
            nested("issuer-2024", &claims(at), &api_key("recipient")),
        ),
        (
            "claims without sub",
            nested("issuer-2024", &not_our_type.to_string(), &api),
        ),
        ("signed only", support::signed("issuer-2024", &claims(at))),
        ("malformed", "abc.def".to_string()),
        ("five empty parts", "....".to_string()),
        ("too long", "a".repeat(20_000)),
    ];
    for (case, token) in refused {
        let (status, challenge, body) = bearer(&url, &token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{case}");
        assert_eq!(challenge.as_deref(), Some(INVALID), "{case}");
        assert_eq!(body, "", "{case}: nothing said beyond the challenge");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_is_a_bare_challenge_and_a_malformed_header_a_400() {
    let (url, _) = resource_server(fixed_issuer()).await;
    assert_eq!(call(&url, &[]).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(call(&url, &[]).await.1.as_deref(), Some("Bearer"));
    assert_eq!(
        call(&url, &["Basic dXNlcjpwYXNz"]).await.1.as_deref(),
        Some("Bearer")
    );
    for malformed in [
        &["Bearer"][..],
        &["Bearer a b"],
        &["Bearer x", "Bearer y"],
        &["Bearer\tabc.def.ghi"],
    ] {
        let (status, challenge, _) = call(&url, malformed).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{malformed:?}");
        assert!(challenge.unwrap().contains(r#"error="invalid_request""#));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remote_keys_follow_a_rotation_with_one_decryption_and_fail_closed_when_unreachable() {
    let jwks = JwksServer::start(Reply::Body(jwks_of(&["issuer-2024"]), None)).await;
    let options = RemoteOptions::default()
        .cooldown(Duration::ZERO)
        .age(Duration::from_secs(3600), Duration::from_secs(3600));
    let remote = RemoteJwkSet::new(&jwks.url("/jwks"), options).unwrap();
    let (url, auth) = resource_server(remote.into()).await;
    let api = api_key("api-enc-2048");

    let old = nested("issuer-2024", &claims(now()), &api);
    assert_eq!(bearer(&url, &old).await.0, StatusCode::OK);
    assert_eq!(jwks.hits(), 1);

    // A token signed with a key published after the set was fetched: one
    // refetch inside verify; the token was decrypted once (one miss, one
    // cold call), and is not kept since the keys changed under it.
    jwks.set(Reply::Body(jwks_of(&["issuer-2024", "issuer-2025"]), None));
    let new = nested("issuer-2025", &claims(now()), &api);
    let before = auth.receiver().token_cache().unwrap().stats();
    assert_eq!(bearer(&url, &new).await.0, StatusCode::OK);
    let after = auth.receiver().token_cache().unwrap().stats();
    assert_eq!(jwks.hits(), 2);
    assert_eq!(
        (after.misses - before.misses, after.skipped - before.skipped),
        (1, 1)
    );
    // The next request keeps it; the one after is a hit.
    assert_eq!(bearer(&url, &new).await.0, StatusCode::OK);
    assert_eq!(bearer(&url, &new).await.0, StatusCode::OK);
    assert_eq!(
        auth.receiver().token_cache().unwrap().stats().hits,
        before.hits + 1
    );
    assert_eq!(jwks.hits(), 2);

    // A cold start with the JWK Set unreachable: 503, nothing let through.
    let down = JwksServer::start(Reply::Status(502)).await;
    let remote = RemoteJwkSet::new(&down.url("/jwks"), RemoteOptions::default()).unwrap();
    let (url, _) = resource_server(remote.into()).await;
    let (status, challenge, body) = bearer(&url, &old).await;
    assert_eq!(
        (status, challenge, body.as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, None, "")
    );
}

/// Signed by the attacker's key under the issuer's own `kid`.
fn forged(claims: &str, api: &jose_core::keys::PrivateKey) -> String {
    let attacker =
        jose_core::keys::PrivateKey::from_jwk(&vector("attacker.private.jwk.json")).unwrap();
    support::nested_by(&attacker, "issuer-2024", claims, api)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_only_tokens_are_served_exactly_when_configured() {
    let at = now();
    let api = api_key("api-enc-2048");
    let signed = signed("issuer-2024", &claims(at));
    let nested = nested("issuer-2024", &claims(at), &api);
    let ok = |answer: (StatusCode, Option<String>, String)| answer.0 == StatusCode::OK;
    let refused = |answer: (StatusCode, Option<String>, String)| {
        (answer.0, answer.1.as_deref(), answer.2.is_empty())
            == (StatusCode::UNAUTHORIZED, Some(INVALID), true)
    };
    // Without decryption keys (an Auth0 API's default): signed only.
    let (url, _) = resource_server_taking(fixed_issuer(), false, None).await;
    assert!(ok(bearer(&url, &signed).await));
    assert!(refused(bearer(&url, &nested).await));
    // With them: encrypted only, unless both are asked for.
    let (url, _) = resource_server_taking(fixed_issuer(), true, None).await;
    assert!(refused(bearer(&url, &signed).await));
    assert!(ok(bearer(&url, &nested).await));
    let (url, _) = resource_server_taking(fixed_issuer(), true, Some(Accept::NestedOrSigned)).await;
    assert!(ok(bearer(&url, &signed).await));
    assert!(ok(bearer(&url, &nested).await));
    let (url, _) = resource_server_taking(fixed_issuer(), true, Some(Accept::Signed)).await;
    assert!(ok(bearer(&url, &signed).await));
    assert!(refused(bearer(&url, &nested).await));
}
