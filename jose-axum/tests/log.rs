//! What the extractor logs, alone in its own test binary: `tracing` keeps
//! per-callsite interest for the whole process, and a test of another file
//! hitting the same callsite with no subscriber at the same moment could
//! make this one's capture miss the event (seen with the aws-lc-rs backend's
//! timing).

mod app;
#[path = "../../jose-jwks/tests/support/mod.rs"]
mod support;

use app::{bearer, fixed_issuer, resource_server};
use reqwest::StatusCode;
use serde_json::json;
use support::{AUDIENCE, ISSUER, Log, api_key, nested, now};

const INVALID: &str =
    r#"Bearer error="invalid_token", error_description="the access token is not valid""#;

#[test]
fn the_reason_goes_to_the_log_at_debug_and_not_to_the_client() {
    let (log, _guard) = Log::capture(tracing::Level::DEBUG);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (url, _) = resource_server(fixed_issuer()).await;
        let at = now();
        let expired = json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "s", "exp": at - 3600});
        let token = nested(
            "issuer-2024",
            &expired.to_string(),
            &api_key("api-enc-2048"),
        );
        let (status, challenge, body) = bearer(&url, &token).await;
        assert_eq!(
            (status, challenge.as_deref(), body.as_str()),
            (StatusCode::UNAUTHORIZED, Some(INVALID), "")
        );
    });
    let log = log.text();
    assert!(
        log.contains("DEBUG") && log.contains("request refused"),
        "{log}"
    );
    assert!(log.contains("expired"), "{log}");
    assert!(!log.contains(r#""sub""#), "no claim is logged: {log}");
}
