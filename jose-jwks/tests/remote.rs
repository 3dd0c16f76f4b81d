//! The remote JWK Set against a real HTTP server on 127.0.0.1: rotation,
//! cooldown, failures, hostile and oversized answers, discovery.

mod support;

use std::time::{Duration, Instant};

use jose_core::{ErrorKind, jwt};
use jose_jwks::{JwksError, RemoteIssuerKeys, RemoteJwkSet, RemoteOptions};
use support::{AUDIENCE, ISSUER, JwksServer, Reply, claims, jwks_of, now, signed};

const LONG: Duration = Duration::from_secs(3600);

fn set(kids: &[&str]) -> Reply {
    Reply::Body(jwks_of(kids), None)
}

/// Options whose set stays fresh for the whole test, with `cooldown`.
fn fresh(cooldown: Duration) -> RemoteOptions {
    RemoteOptions::default()
        .cooldown(cooldown)
        .age(LONG, LONG)
        .timeout(Duration::from_secs(2))
}

/// Verifies `token` with `keys` where blocking is allowed, as a server
/// would: the subject, or the error's kind.
async fn verify(keys: RemoteIssuerKeys, token: String) -> Result<String, ErrorKind> {
    tokio::task::spawn_blocking(move || {
        let rules = jwt::Validation::new().issuer(ISSUER).audience(AUDIENCE);
        let mut buf = vec![0u8; token.len()];
        let jwt = jwt::verify(&token, &jwt::Trust::signed(&keys, &rules, now()), &mut buf)
            .map_err(|e| e.kind())?;
        Ok(jwt.claims().subject().unwrap().to_string())
    })
    .await
    .unwrap()
}

async fn open(remote: &RemoteJwkSet, kid: &str) -> Result<String, ErrorKind> {
    let keys = remote.keys().await.map_err(|_| ErrorKind::Key)?;
    verify(keys, signed(kid, &claims(now()))).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotation_is_fetched_once_and_a_key_works_while_it_is_listed() {
    let server = JwksServer::start(set(&["issuer-2024"])).await;
    let remote = RemoteJwkSet::new(&server.url("/jwks"), fresh(Duration::ZERO)).unwrap();
    assert!(
        remote.held().is_none(),
        "nothing is fetched before first use"
    );

    assert_eq!(
        open(&remote, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
    assert_eq!(server.hits(), 1);
    assert_eq!(
        open(&remote, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
    assert_eq!(
        server.hits(),
        1,
        "a known kid on a fresh set fetches nothing"
    );

    // The issuer adds issuer-2025 and signs with it: one refetch, inside
    // verify, and the token passes.
    server.set(set(&["issuer-2024", "issuer-2025"]));
    assert_eq!(
        open(&remote, "issuer-2025").await.as_deref(),
        Ok("auth0|remote")
    );
    assert_eq!(server.hits(), 2);
    assert_eq!(
        open(&remote, "issuer-2025").await.as_deref(),
        Ok("auth0|remote")
    );
    assert_eq!(
        open(&remote, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
    assert_eq!(server.hits(), 2, "both keys are listed: no fetch");

    // issuer-2024 is removed: still accepted while the held set lists it...
    server.set(set(&["issuer-2025"]));
    assert_eq!(
        open(&remote, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
    assert_eq!(server.hits(), 2);
    // ...until a refetch (here caused by an unknown kid) drops it.
    assert_eq!(open(&remote, "issuer-2026").await, Err(ErrorKind::Key));
    assert_eq!(server.hits(), 3);
    assert_eq!(remote.held().unwrap().len(), 1);
    assert_eq!(open(&remote, "issuer-2024").await, Err(ErrorKind::Key));
    assert_eq!(
        open(&remote, "issuer-2025").await.as_deref(),
        Ok("auth0|remote")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_unknown_kids_fetches_at_most_once_per_cooldown() {
    let cooldown = Duration::from_secs(2);
    let server = JwksServer::start(set(&["issuer-2024"])).await;
    let remote = RemoteJwkSet::new(&server.url("/jwks"), fresh(cooldown)).unwrap();
    remote.keys().await.unwrap();
    assert_eq!(server.hits(), 1);

    // Inside the cooldown of the first fetch: no fetch at all.
    let flood = |n: usize| {
        let remote = remote.clone();
        async move {
            let tokens: Vec<String> = (0..n)
                .map(|i| signed(&format!("unknown-{i}"), &claims(now())))
                .collect();
            let mut tasks = Vec::new();
            for token in tokens {
                let remote = remote.clone();
                tasks.push(tokio::spawn(async move {
                    verify(remote.keys().await.unwrap(), token).await
                }));
            }
            for task in tasks {
                assert_eq!(task.await.unwrap(), Err(ErrorKind::Key));
            }
        }
    };
    flood(32).await;
    assert_eq!(
        server.hits(),
        1,
        "unknown kids inside the cooldown fetch nothing"
    );

    // After it: the flood shares one fetch (single flight); a flood that
    // took longer than a cooldown may have started one more per cooldown.
    tokio::time::sleep(cooldown + Duration::from_millis(100)).await;
    let started = Instant::now();
    flood(64).await;
    let fetches = server.hits() - 1;
    let allowed = 1 + (started.elapsed().as_secs_f64() / cooldown.as_secs_f64()) as usize;
    assert!(fetches >= 1, "an unknown kid after the cooldown refetches");
    assert!(
        fetches <= allowed,
        "{fetches} fetches, at most {allowed} allowed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_refetch_keeps_the_last_good_set_for_the_stale_limit_then_fails_closed() {
    let server = JwksServer::start(set(&["issuer-2024"])).await;
    // Stale as soon as fetched: every use starts a background refresh.
    let options = RemoteOptions::default()
        .age(Duration::ZERO, Duration::ZERO)
        .cooldown(Duration::ZERO)
        .stale_limit(Duration::from_millis(1500));
    let remote = RemoteJwkSet::new(&server.url("/jwks"), options).unwrap();
    assert_eq!(
        open(&remote, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );

    server.set(Reply::Status(500));
    for _ in 0..3 {
        assert_eq!(
            open(&remote, "issuer-2024").await.as_deref(),
            Ok("auth0|remote")
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(server.hits() >= 2, "stale uses refreshed in the background");
    // An unknown kid's refetch fails too: the miss stands.
    assert_eq!(open(&remote, "issuer-2025").await, Err(ErrorKind::Key));

    // Past the stale limit with the server still failing: refused.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(
        remote.keys().await.unwrap_err(),
        JwksError::Status { status: 500 }
    );

    // The server recovers: served again.
    server.set(set(&["issuer-2024"]));
    assert_eq!(
        open(&remote, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cold_start_with_the_server_down_fails_closed_and_backs_off() {
    let server = JwksServer::start(Reply::Status(503)).await;
    let remote = RemoteJwkSet::new(&server.url("/jwks"), fresh(LONG)).unwrap();
    assert_eq!(
        remote.keys().await.unwrap_err(),
        JwksError::Status { status: 503 }
    );
    // Inside the cooldown: refused without a fetch, naming the last failure.
    for _ in 0..5 {
        assert_eq!(
            remote.keys().await.unwrap_err(),
            JwksError::CoolingDown {
                last: Box::new(JwksError::Status { status: 503 })
            }
        );
    }
    assert_eq!(server.hits(), 1);

    // Nobody listening at all.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let nobody = RemoteJwkSet::new(&format!("http://127.0.0.1:{port}/jwks"), fresh(LONG)).unwrap();
    assert!(matches!(
        nobody.keys().await.unwrap_err(),
        JwksError::Transport { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_and_slow_answers_are_bounded_and_refused() {
    let server = JwksServer::start(Reply::Large(100_000)).await;
    let options = || {
        fresh(Duration::ZERO)
            .max_bytes(8 * 1024)
            .timeout(Duration::from_millis(400))
    };
    let cold = |reply: Reply| {
        server.set(reply);
        let remote = RemoteJwkSet::new(&server.url("/jwks"), options()).unwrap();
        async move {
            let started = Instant::now();
            let error = remote.keys().await.unwrap_err();
            (error, started.elapsed())
        }
    };
    let too_large = JwksError::TooLarge { limit: 8 * 1024 };
    assert_eq!(cold(Reply::Large(100_000)).await.0, too_large);
    assert_eq!(cold(Reply::Streamed(100_000)).await.0, too_large);
    let timeout = JwksError::Timeout {
        after: Duration::from_millis(400),
    };
    for reply in [
        Reply::Slow(Duration::from_secs(3), jwks_of(&["issuer-2024"])),
        Reply::Drip,
    ] {
        let (error, took) = cold(reply).await;
        assert_eq!(error, timeout);
        assert!(
            took < Duration::from_secs(2),
            "bounded by the timeout: {took:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_sets_are_refused_and_the_last_good_set_kept() {
    let server = JwksServer::start(set(&["issuer-2024"])).await;
    let warm = RemoteJwkSet::new(&server.url("/jwks"), fresh(Duration::ZERO)).unwrap();
    assert_eq!(
        open(&warm, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
    // A set whose only key is of a curve jose-core never uses (Ed448: X25519
    // would be usable when the workspace is built with every feature), and one
    // whose only EC key is off its curve (y changed in its last bit).
    let okp_only = r#"{"keys":[{"kty":"OKP","crv":"Ed448","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo","kid":"x"}]}"#;
    let ec_off_curve = r#"{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5aw","kid":"ec"}]}"#;
    let deep = format!("{{\"keys\":{}{}}}", "[".repeat(5000), "]".repeat(5000));
    let hostile: Vec<Reply> = vec![
        Reply::Body("<html>gateway</html>".into(), None),
        Reply::Body(r#"{"keys":[]}"#.into(), None),
        Reply::Body(r#"{"keys":"none"}"#.into(), None),
        Reply::Body(r#"{"kty":"RSA"}"#.into(), None),
        Reply::Body(okp_only.into(), None),
        Reply::Body(ec_off_curve.into(), None),
        Reply::Body(deep, None),
        Reply::Body(
            r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"tiny"}]}"#.into(),
            None,
        ),
        Reply::Bytes(vec![0xff, 0xfe, b'{', b'}']),
    ];
    for reply in hostile {
        server.set(reply.clone());
        // Cold: refused.
        let cold = RemoteJwkSet::new(&server.url("/jwks"), fresh(Duration::ZERO)).unwrap();
        let error = cold.keys().await.unwrap_err();
        assert!(
            matches!(error, JwksError::Keys(_) | JwksError::Body { .. }),
            "{reply:?}: {error}"
        );
        // Warm: an unknown kid refetches the hostile set, which is refused;
        // the held set still serves.
        assert_eq!(
            open(&warm, "issuer-2025").await,
            Err(ErrorKind::Key),
            "{reply:?}"
        );
        assert_eq!(
            open(&warm, "issuer-2024").await.as_deref(),
            Ok("auth0|remote"),
            "{reply:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cache_control_max_age_is_honoured_within_the_bounds() {
    let server = JwksServer::start(Reply::Body(
        jwks_of(&["issuer-2024"]),
        Some("public, max-age=1"),
    ))
    .await;
    let options = RemoteOptions::default()
        .age(Duration::ZERO, LONG)
        .cooldown(Duration::ZERO);
    let remote = RemoteJwkSet::new(&server.url("/jwks"), options.clone()).unwrap();
    remote.keys().await.unwrap();
    remote.keys().await.unwrap();
    assert_eq!(server.hits(), 1, "fresh for a second");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    remote.keys().await.unwrap(); // stale: served, refreshed behind
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.hits() < 2 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(server.hits(), 2, "refetched after max-age");

    // max-age above the caller's bound: the bound wins.
    server.set(Reply::Body(
        jwks_of(&["issuer-2024"]),
        Some("max-age=86400"),
    ));
    let bounded = RemoteJwkSet::new(
        &server.url("/jwks"),
        options.age(Duration::ZERO, Duration::from_secs(1)),
    )
    .unwrap();
    bounded.keys().await.unwrap();
    let before = server.hits();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    bounded.keys().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.hits() == before && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(server.hits(), before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_followed_within_the_limit() {
    let server = JwksServer::start(set(&["issuer-2024"])).await;
    let options = fresh(Duration::ZERO).max_redirects(2);
    let two = RemoteJwkSet::new(&server.url("/hop/1"), options.clone()).unwrap();
    assert_eq!(
        open(&two, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
    let three = RemoteJwkSet::new(&server.url("/hop/2"), options).unwrap();
    assert!(matches!(
        three.keys().await.unwrap_err(),
        JwksError::Transport { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discovery_finds_jwks_uri_for_the_exact_issuer() {
    let server = JwksServer::start(set(&["issuer-2024"])).await;
    let issuer = server.url("/");
    let issuer = issuer.trim_end_matches('/');
    let document = |iss: &str, jwks: &str| format!(r#"{{"issuer":"{iss}","jwks_uri":"{jwks}"}}"#);

    server.set_discovery(document(issuer, &server.url("/jwks")));
    let found = RemoteJwkSet::discover(issuer, fresh(Duration::ZERO))
        .await
        .unwrap();
    assert_eq!(found.url().as_str(), server.url("/jwks"));
    assert_eq!(
        open(&found, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );

    server.set_discovery(document("https://other.example", &server.url("/jwks")));
    assert_eq!(
        RemoteJwkSet::discover(issuer, fresh(Duration::ZERO))
            .await
            .unwrap_err(),
        JwksError::Discovery {
            reason: "its issuer is not the issuer asked for"
        }
    );
    server.set_discovery(document(issuer, "http://keys.example.com/jwks"));
    assert!(matches!(
        RemoteJwkSet::discover(issuer, fresh(Duration::ZERO))
            .await
            .unwrap_err(),
        JwksError::Url { .. }
    ));
}

/// The issuer's set with `kid`'s JWK changed by `edit`.
fn edited(kids: &[&str], kid: &str, edit: impl Fn(&mut serde_json::Value)) -> Reply {
    let mut set: serde_json::Value = serde_json::from_str(&jwks_of(kids)).unwrap();
    for key in set["keys"].as_array_mut().unwrap() {
        if key["kid"] == kid {
            edit(key);
        }
    }
    Reply::Body(set.to_string(), None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_miss_refetches_never_a_key_that_is_there_and_refuses() {
    // issuer-2024 is listed for PS256 only: an RS256 token naming it is
    // refused by the key that is there (a key error, not a miss).
    let server = JwksServer::start(edited(&["issuer-2024"], "issuer-2024", |k| {
        k["alg"] = "PS256".into();
    }))
    .await;
    let remote = RemoteJwkSet::new(&server.url("/jwks"), fresh(Duration::ZERO)).unwrap();
    for _ in 0..3 {
        assert_eq!(open(&remote, "issuer-2024").await, Err(ErrorKind::Key));
    }
    assert_eq!(server.hits(), 1, "a restriction is not a reason to refetch");
    // Two different keys under one kid, both usable: ambiguous, no refetch.
    let both = {
        let mut set: serde_json::Value =
            serde_json::from_str(&jwks_of(&["issuer-2024", "issuer-2025"])).unwrap();
        set["keys"][1]["kid"] = "issuer-2024".into();
        Reply::Body(set.to_string(), None)
    };
    server.set(both);
    let remote = RemoteJwkSet::new(&server.url("/jwks"), fresh(Duration::ZERO)).unwrap();
    assert_eq!(open(&remote, "issuer-2024").await, Err(ErrorKind::Key));
    assert_eq!(open(&remote, "issuer-2024").await, Err(ErrorKind::Key));
    assert_eq!(
        server.hits(),
        2,
        "one fetch for the new remote set, none for the ambiguity"
    );
    // An unknown kid is a miss: it refetches (cooldown zero).
    assert_eq!(open(&remote, "issuer-2026").await, Err(ErrorKind::Key));
    assert_eq!(server.hits(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_set_listing_the_same_key_twice_is_served() {
    let twice = {
        let one: serde_json::Value = serde_json::from_str(&jwks_of(&["issuer-2024"])).unwrap();
        let key = one["keys"][0].clone();
        Reply::Body(
            serde_json::json!({"keys": [key.clone(), key]}).to_string(),
            None,
        )
    };
    let server = JwksServer::start(twice).await;
    let remote = RemoteJwkSet::new(&server.url("/jwks"), fresh(Duration::ZERO)).unwrap();
    assert_eq!(
        open(&remote, "issuer-2024").await.as_deref(),
        Ok("auth0|remote")
    );
    let held = remote.held().unwrap();
    assert_eq!((held.len(), held.skipped().len()), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_key_is_trusted_no_longer_than_the_age_the_operator_sets() {
    // The documented window: a key the issuer removed verifies until the
    // next successful fetch, at most `max_age` after the last one while the
    // issuer answers. An operator who wants it short sets a short age and
    // no stale serving (stale_limit zero: an aged set is refetched in line).
    let server = JwksServer::start(set(&["issuer-2024", "issuer-2025"])).await;
    let options = RemoteOptions::default()
        .age(Duration::ZERO, Duration::from_millis(500))
        .stale_limit(Duration::ZERO)
        .cooldown(Duration::ZERO)
        .timeout(Duration::from_secs(2));
    let remote = RemoteJwkSet::new(&server.url("/jwks"), options).unwrap();
    assert!(open(&remote, "issuer-2024").await.is_ok());
    server.set(set(&["issuer-2025"]));
    // Inside the window: still trusted (the held set lists it).
    assert!(open(&remote, "issuer-2024").await.is_ok());
    tokio::time::sleep(Duration::from_millis(600)).await;
    // Past it: the set is fetched again before the token is verified.
    assert_eq!(open(&remote, "issuer-2024").await, Err(ErrorKind::Key));
    assert!(open(&remote, "issuer-2025").await.is_ok());
}
