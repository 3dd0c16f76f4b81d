//! DPoP (RFC 9449) over real HTTP on 127.0.0.1: access tokens bound to a
//! client key and proofs made by an independent implementation (panva
//! jose, `vectors/interop/generate_dpop.mjs`), sent to a server behind
//! `AuthLayer` whose clocks are set to the vectors' time; server nonces
//! derived outside the crate (`generate_dpop_nonce.mjs`).

#[path = "../../jose-jwks/tests/support/mod.rs"]
mod support;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use jose_axum::{AuthLayer, Authenticator, Dpop, VerifiedToken};
use jose_core::Receiver;
use jose_core::jwt::Validation;
use jose_core::keys::PublicKeySet;
use reqwest::StatusCode;
use serde_json::Value;
use support::{AUDIENCE, ISSUER, vector};

fn vectors() -> Value {
    serde_json::from_str(&vector("dpop.json")).unwrap()
}

/// An authenticator for the issuer's tokens with its clocks (and the DPoP
/// configuration's, if any) at `now`.
fn authenticator(now: u64, dpop: Option<Dpop>) -> Arc<Authenticator> {
    let receiver = Receiver::builder()
        .issuer_keys(PublicKeySet::from_jwks(&vector("issuer.jwks.json")).unwrap())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .clock(move || now)
        .build()
        .unwrap();
    let auth = Authenticator::new(receiver);
    Arc::new(match dpop {
        Some(dpop) => auth.with_dpop(dpop.clock(move || now)),
        None => auth,
    })
}

/// A server for `/resource` (GET and POST answer the token's `sub`) at the
/// vectors' time; DPoP as `dpop` says, or none.
async fn server(dpop: Option<Dpop>) -> (String, Arc<Authenticator>) {
    let auth = authenticator(vectors()["now"].as_u64().unwrap(), dpop);
    let sub = |axum::Extension(token): axum::Extension<VerifiedToken>| async move {
        token
            .jwt()
            .claims()
            .subject()
            .unwrap()
            .as_plain()
            .unwrap()
            .to_owned()
    };
    let app = Router::new()
        .route("/resource", get(sub).post(sub))
        .layer(AuthLayer::new(Arc::clone(&auth)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("{base}/resource"), auth)
}

fn origin() -> String {
    vectors()["origin"].as_str().unwrap().to_owned()
}

struct Answer {
    status: StatusCode,
    challenges: Vec<String>,
    /// The `DPoP-Nonce` header, if any.
    nonce: Option<String>,
    body: String,
}

async fn send(url: &str, method: &str, authorization: Option<String>, proofs: &[&str]) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = reqwest::Client::new().request(method, url);
    if let Some(authorization) = authorization {
        request = request.header("authorization", authorization);
    }
    for proof in proofs {
        request = request.header("dpop", *proof);
    }
    let response = request.send().await.unwrap();
    let challenges = response
        .headers()
        .get_all("www-authenticate")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let nonce = response
        .headers()
        .get("dpop-nonce")
        .map(|v| v.to_str().unwrap().to_owned());
    Answer {
        status: response.status(),
        challenges,
        nonce,
        body: response.text().await.unwrap(),
    }
}

const ALGS: &str = "ES256 ES384 ES512 EdDSA Ed25519 PS256 PS384 PS512 RS256";

fn invalid_proof() -> Vec<String> {
    vec![format!(
        r#"DPoP error="invalid_dpop_proof", error_description="the DPoP proof is not valid", algs="{ALGS}""#
    )]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proofs_made_by_panva_jose_are_checked_one_claim_at_a_time() {
    let v = vectors();
    let (url, auth) = server(Some(Dpop::new(&origin()).unwrap())).await;
    let cases = v["cases"].as_array().unwrap();
    let mut refused = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let answer = send(
            &url,
            case["method"].as_str().unwrap(),
            Some(format!("DPoP {token}")),
            &[case["proof"].as_str().unwrap()],
        )
        .await;
        let status = StatusCode::from_u16(case["status"].as_u64().unwrap() as u16).unwrap();
        assert_eq!(answer.status, status, "{name}");
        if status == StatusCode::OK {
            assert!(answer.body.starts_with("dpop|"), "{name}: {}", answer.body);
        } else {
            refused += 1;
            assert_eq!(answer.challenges, invalid_proof(), "{name}");
            assert_eq!(answer.body, "", "{name}");
        }
    }
    assert!(refused >= 12, "the vectors hold the hostile cases");
    let counts = auth.counters();
    assert_eq!(counts.invalid_dpop_proof, refused);
    assert_eq!(counts.replays, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_proof_is_refused_inside_the_window() {
    let v = vectors();
    let (url, auth) = server(Some(Dpop::new(&origin()).unwrap())).await;
    let token = v["replayed"]["token"].as_str().unwrap();
    let proof = v["replayed"]["proof"].as_str().unwrap();
    let first = send(&url, "GET", Some(format!("DPoP {token}")), &[proof]).await;
    assert_eq!(first.status, StatusCode::OK);
    let again = send(&url, "GET", Some(format!("DPoP {token}")), &[proof]).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.challenges, invalid_proof());
    assert_eq!(auth.counters().replays, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bound_token_presented_as_bearer_is_refused() {
    let v = vectors();
    let bound = v["bound_token"].as_str().unwrap();
    let unbound = v["unbound_token"].as_str().unwrap();
    let proof = v["replayed"]["proof"].as_str().unwrap();
    let invalid_token =
        r#"Bearer error="invalid_token", error_description="the access token is not valid""#
            .to_owned();

    // DPoP taken beside bearer tokens.
    let (url, _) = server(Some(Dpop::new(&origin()).unwrap())).await;
    let answer = send(&url, "GET", Some(format!("Bearer {bound}")), &[]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.challenges,
        [invalid_token.clone(), format!(r#"DPoP algs="{ALGS}""#)]
    );
    // Even with its proof beside it.
    let answer = send(&url, "GET", Some(format!("Bearer {bound}")), &[proof]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let answer = send(&url, "GET", Some(format!("Bearer {unbound}")), &[]).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "bearer|plain")
    );
    // DPoP scheme without a proof, or with two.
    let answer = send(&url, "GET", Some(format!("DPoP {bound}")), &[]).await;
    assert_eq!(answer.challenges, invalid_proof());
    let answer = send(&url, "GET", Some(format!("DPoP {bound}")), &[proof, proof]).await;
    assert_eq!(answer.challenges, invalid_proof());
    let none = send(&url, "GET", None, &[]).await;
    assert_eq!(
        none.challenges,
        ["Bearer".to_owned(), format!(r#"DPoP algs="{ALGS}""#)]
    );

    // DPoP required: no bearer token at all.
    let (url, _) = server(Some(Dpop::new(&origin()).unwrap().required())).await;
    let answer = send(&url, "GET", Some(format!("Bearer {unbound}")), &[]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

    // A server without DPoP: a bound token as Bearer is still refused, and
    // a DPoP credential is no bearer token.
    let (url, _) = server(None).await;
    let answer = send(&url, "GET", Some(format!("Bearer {bound}")), &[]).await;
    assert_eq!(
        (answer.status, answer.challenges),
        (StatusCode::UNAUTHORIZED, vec![invalid_token])
    );
    let answer = send(&url, "GET", Some(format!("DPoP {bound}")), &[proof]).await;
    assert_eq!(
        (answer.status, answer.challenges),
        (StatusCode::UNAUTHORIZED, vec!["Bearer".to_owned()])
    );
}

/// The server-nonce vectors: proofs by panva jose with nonces derived by
/// Node's crypto from the documented format
/// (`vectors/interop/generate_dpop_nonce.mjs`).
fn nonce_vectors() -> (Value, Dpop) {
    let v: Value = serde_json::from_str(&vector("dpop_nonce.json")).unwrap();
    let secret: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&v["secret"].as_str().unwrap()[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let dpop = Dpop::new(v["origin"].as_str().unwrap())
        .unwrap()
        .shared_nonces(&secret.try_into().unwrap(), v["lifetime"].as_u64().unwrap())
        .unwrap();
    (v, dpop)
}

fn use_nonce() -> Vec<String> {
    vec![format!(
        r#"DPoP error="use_dpop_nonce", error_description="the resource server requires a nonce in DPoP proofs", algs="{ALGS}""#
    )]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_nonces_derived_outside_the_crate_are_issued_and_taken() {
    let (v, dpop) = nonce_vectors();
    let current = v["current_nonce"].as_str().unwrap();
    assert_eq!(
        dpop.clock({
            let now = v["now"].as_u64().unwrap();
            move || now
        })
        .current_nonce()
        .as_deref(),
        Some(current),
        "the nonce the server issues is the one derived from the format"
    );
    let (v, dpop) = nonce_vectors();
    let (url, auth) = server(Some(dpop)).await;
    let authorization = format!("DPoP {}", v["token"].as_str().unwrap());
    let (mut challenged, mut invalid) = (0, 0);
    for case in v["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let proof = case["proof"].as_str().unwrap();
        let answer = send(&url, "GET", Some(authorization.clone()), &[proof]).await;
        match case["answer"].as_str() {
            None => {
                assert_eq!(
                    (answer.status, answer.body.as_str()),
                    (StatusCode::OK, "dpop|nonce"),
                    "{name}"
                );
                // Every answer to a DPoP request carries the next nonce.
                assert_eq!(answer.nonce.as_deref(), Some(current), "{name}");
            }
            Some("use_dpop_nonce") => {
                challenged += 1;
                assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{name}");
                assert_eq!(answer.challenges, use_nonce(), "{name}");
                assert_eq!(answer.nonce.as_deref(), Some(current), "{name}");
            }
            Some(other) => {
                assert_eq!(other, "invalid_dpop_proof");
                invalid += 1;
                assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{name}");
                assert_eq!(answer.challenges, invalid_proof(), "{name}");
                assert_eq!(answer.nonce, None, "{name}: a nonce only for a valid proof");
            }
        }
    }
    assert!(
        challenged >= 6 && invalid == 2,
        "the vectors hold the hostile cases"
    );
    // A proof refused for its nonce is not remembered: the client's retry
    // is not a replay (and the same proof again is still only challenged).
    let no_nonce = v["cases"][0]["proof"].as_str().unwrap();
    let again = send(&url, "GET", Some(authorization.clone()), &[no_nonce]).await;
    assert_eq!(again.challenges, use_nonce());
    let counts = auth.counters();
    assert_eq!(counts.dpop_nonce_challenges, challenged + 1);
    assert_eq!(counts.invalid_dpop_proof, invalid);
    assert_eq!(counts.replays, 0);
    // A bearer token on the same server: no nonce in its answer.
    let bearer = send(&url, "GET", None, &[]).await;
    assert_eq!(bearer.nonce, None);
}

/// Without the layer, the extractor's answer carries the nonce too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_extractor_answers_the_nonce_challenge_with_its_nonce() {
    let (v, dpop) = nonce_vectors();
    let auth = authenticator(v["now"].as_u64().unwrap(), Some(dpop));
    let app = Router::new()
        .route(
            "/resource",
            get(
                |jose_axum::Verified(claims): jose_axum::Verified<Value>| async move {
                    claims["sub"].as_str().unwrap().to_owned()
                },
            ),
        )
        .with_state(auth);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/resource", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let authorization = format!("DPoP {}", v["token"].as_str().unwrap());
    let no_nonce = v["cases"][0]["proof"].as_str().unwrap();
    let answer = send(&url, "GET", Some(authorization.clone()), &[no_nonce]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.challenges, use_nonce());
    assert_eq!(answer.nonce.as_deref(), v["current_nonce"].as_str());
    let with_nonce = v["cases"][1]["proof"].as_str().unwrap();
    let answer = send(&url, "GET", Some(authorization), &[with_nonce]).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "dpop|nonce")
    );
}

#[test]
fn the_configuration_refuses_what_cannot_work() {
    use jose_core::SignatureAlgorithm as S;
    for origin in [
        "api.example.com",
        "https://api.example.com/path",
        "ftp://a",
        "https://u@a",
    ] {
        assert!(Dpop::new(origin).is_err(), "{origin}");
    }
    let dpop = Dpop::new("https://api.example.com").unwrap();
    assert!(dpop.algorithms(&[S::Hs256, S::Es256]).is_err());
    let dpop = Dpop::new("https://api.example.com").unwrap();
    assert!(dpop.algorithms(&[]).is_err());
    for lifetime in [0, jose_axum::MAX_NONCE_LIFETIME + 1, u64::MAX] {
        let dpop = Dpop::new("https://api.example.com").unwrap();
        assert!(
            dpop.shared_nonces(&[1; 32], lifetime).is_err(),
            "{lifetime}"
        );
    }
    // The secret is never printed; the lifetime is.
    let dpop = Dpop::new("https://api.example.com")
        .unwrap()
        .shared_nonces(&[0xab; 32], 60)
        .unwrap();
    let debug = format!("{dpop:?}");
    assert!(debug.contains("nonce_lifetime: Some(60)"), "{debug}");
    assert!(!debug.to_ascii_lowercase().contains("abab"), "{debug}");
    assert!(!debug.contains("171"), "{debug}");
}

/// A proof made by jose-core's own producing side (`Signer::jwk`), for a
/// token bound to the same key: the client half of DPoP in this crate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proofs_made_by_jose_core_are_accepted() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    use jose_core::SignatureAlgorithm;
    use jose_core::jws::Signer;
    use jose_core::keys::PrivateKey;
    use sha2::Digest;

    let v = vectors();
    let now = v["now"].as_u64().unwrap();
    let (url, _) = server(Some(Dpop::new(&origin()).unwrap())).await;
    let client = PrivateKey::generate_ec(jose_core::Curve::P256, &mut jose_core::os_rng()).unwrap();
    let jkt = Base64UrlUnpadded::encode_string(&client.thumbprint());
    let claims = serde_json::json!({
        "iss": ISSUER, "aud": AUDIENCE, "sub": "dpop|jose-core",
        "iat": now - 10, "exp": now + 600, "cnf": {"jkt": jkt},
    });
    let token = support::signed("issuer-2024", &claims.to_string());
    let public = client.public_key().jwk().unwrap();
    let signer = Signer::new(&client, SignatureAlgorithm::Es256)
        .unwrap()
        .typ("dpop+jwt")
        .jwk(&public)
        .unwrap();
    let proof_for = |htm: &str, jti: &str| {
        let payload = serde_json::json!({
            "htm": htm, "htu": format!("{}/resource", origin()), "iat": now, "jti": jti,
            "ath": Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(token.as_bytes())),
        })
        .to_string();
        let mut out = vec![0u8; signer.output_len(payload.len()).unwrap()];
        signer
            .sign(payload.as_bytes(), &mut jose_core::os_rng(), &mut out)
            .unwrap()
            .to_owned()
    };
    for (method, jti) in [("GET", "j-1"), ("POST", "j-2")] {
        let answer = send(
            &url,
            method,
            Some(format!("DPoP {token}")),
            &[&proof_for(method, jti)],
        )
        .await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (StatusCode::OK, "dpop|jose-core"),
            "{method}"
        );
    }
    let replay = send(
        &url,
        "GET",
        Some(format!("DPoP {token}")),
        &[&proof_for("GET", "j-1")],
    )
    .await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
}
