//! The front door: a `Receiver` built once from owned keys and rules read at
//! run time, shared between threads, opening each token in one call. Its
//! answers equal the fixed layer's on the suites (tests/common front_door,
//! called from hostile.rs, hostile_nested.rs, receiving.rs, nested.rs);
//! here, what only the receiver does: the forms it takes, its checks when
//! built, its clock, generator, cache and threads.

mod common;

use std::sync::Arc;

use common::interop::{api_set, file, issuer_set};
use jose_core::jws::Signer;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PublicKeySet};
use jose_core::{Accept, ErrorKind, Receiver, SignatureAlgorithm};

const NOW: u64 = 1_700_000_100;
const ISSUER: &str = "https://tenant.example.auth0.com/";
const AUDIENCE: &str = "https://api.example.com";

fn nested_token() -> String {
    file("auth0-access-token.jwe").trim().to_owned()
}

fn signed_token() -> String {
    file("auth0-signed-access-token.jws").trim().to_owned()
}

/// Rules made from `String`s that are dropped before the receiver is used.
fn build(accept: Option<Accept>, with_decryption_keys: bool) -> Result<Receiver, jose_core::Error> {
    let issuer = String::from(ISSUER);
    let audience = String::from(AUDIENCE);
    let mut builder = Receiver::builder()
        .issuer_keys(issuer_set())
        .rules(Validation::new().issuer(&issuer).audience(&audience))
        .clock(|| NOW);
    if with_decryption_keys {
        builder = builder.decryption_keys(api_set());
    }
    if let Some(accept) = accept {
        builder = builder.accept(accept);
    }
    let receiver = builder.build();
    drop((issuer, audience));
    receiver
}

#[test]
fn rules_from_strings_read_at_run_time_outlive_them() {
    let receiver = build(None, true).unwrap();
    let jwt = receiver.open(&nested_token()).unwrap();
    assert_eq!(jwt.claims().issuer().unwrap(), ISSUER);
    assert!(jwt.claims().audiences().any(|a| a == AUDIENCE));
}

#[test]
fn the_default_form_follows_the_keys_given() {
    let (nested, signed) = (nested_token(), signed_token());
    let with_keys = build(None, true).unwrap();
    assert_eq!(with_keys.accepts(), Accept::Nested);
    assert!(with_keys.open(&nested).unwrap().is_nested());
    let err = with_keys.open(&signed).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Policy);
    assert!(err.to_string().contains("encrypted tokens only"), "{err}");

    let without = build(None, false).unwrap();
    assert_eq!(without.accepts(), Accept::Signed);
    assert!(!without.open(&signed).unwrap().is_nested());
    let err = without.open(&nested).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Policy);
    assert!(err.to_string().contains("signed tokens only"), "{err}");
}

#[test]
fn both_forms_when_asked_and_the_same_claims_as_the_fixed_layer() {
    let receiver = build(Some(Accept::NestedOrSigned), true).unwrap();
    let (nested, signed) = (nested_token(), signed_token());
    let opened = receiver.open(&nested).unwrap();
    let mut buf = vec![0u8; jwt::required_buffer_len(&nested)];
    let rules = Validation::new().issuer(ISSUER).audience(AUDIENCE);
    let mut rng = jose_core::os_rng();
    let fixed = jwt::decrypt_and_verify(
        &nested,
        &jwt::Trust::nested(&api_set(), &issuer_set(), &rules, NOW),
        &mut rng,
        &mut buf,
    )
    .unwrap();
    assert_eq!(opened.claims().json().raw(), fixed.claims().json().raw());
    assert!(opened.encryption_header().unwrap().enc().unwrap() == "A256GCM");
    assert!(opened.header().kid().unwrap() == "issuer-2024");
    let opened = receiver.open(&signed).unwrap();
    assert!(opened.header().alg() == "RS256" && opened.header().typ().unwrap() == "JWT");
    assert!(opened.encryption_header().is_none());
}

#[test]
fn a_receiver_that_could_open_nothing_is_refused_when_built() {
    let config = |r: Result<Receiver, jose_core::Error>| r.unwrap_err().to_string();
    let no_rules = Receiver::builder().issuer_keys(issuer_set()).build();
    assert!(config(no_rules).contains("no rules"));
    let undecided = Receiver::builder()
        .issuer_keys(issuer_set())
        .rules(Validation::new().issuer(ISSUER))
        .build();
    assert!(config(undecided).contains("no audience expected"));
    let nested_without_keys = build(Some(Accept::Nested), false);
    assert!(config(nested_without_keys).contains("no decryption keys given"));
    let either_without_keys = build(Some(Accept::NestedOrSigned), false);
    assert_eq!(
        either_without_keys.unwrap_err().kind(),
        ErrorKind::Configuration
    );
    let impossible_cache = Receiver::builder()
        .issuer_keys(issuer_set())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .cache(1_000, usize::MAX)
        .build();
    assert_eq!(
        impossible_cache.unwrap_err().kind(),
        ErrorKind::Configuration
    );
}

#[test]
fn without_issuer_keys_open_says_so_and_open_with_takes_them() {
    let receiver = Receiver::builder()
        .decryption_keys(api_set())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .clock(|| NOW)
        .build()
        .unwrap();
    let token = nested_token();
    let err = receiver.open(&token).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert!(err.to_string().contains("open_with"), "{err}");
    assert!(receiver.open_with(&token, &issuer_set()).is_ok());
    // Another set of keys is another cache entry: no hit for the first.
    let other = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    assert!(receiver.cached_with(&token, &other).is_some());
    let rotated = PublicKeySet::new();
    assert!(receiver.cached_with(&token, &rotated).is_none());
    assert_eq!(
        receiver.open_with(&token, &rotated).unwrap_err().kind(),
        ErrorKind::Key
    );
}

#[test]
fn the_clock_decides_expiry_and_a_held_token_expires_too() {
    let token = signed_token();
    let exp = 1_700_000_000 + 86_400;
    let at = |now: u64| {
        Receiver::builder()
            .issuer_keys(issuer_set())
            .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
            .clock(move || now)
            .build()
            .unwrap()
    };
    assert!(at(exp - 1).open(&token).is_ok());
    assert_eq!(at(exp).open(&token).unwrap_err().kind(), ErrorKind::Expired);
    // One receiver whose clock moves: the cached answer expires with it.
    let now = Arc::new(std::sync::atomic::AtomicU64::new(exp - 10));
    let clock = Arc::clone(&now);
    let receiver = Receiver::builder()
        .issuer_keys(issuer_set())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .clock(move || clock.load(std::sync::atomic::Ordering::SeqCst))
        .build()
        .unwrap();
    receiver.open(&token).unwrap();
    assert!(receiver.cached(&token).unwrap().is_ok());
    now.store(exp, std::sync::atomic::Ordering::SeqCst);
    let held = receiver.cached(&token).unwrap();
    assert_eq!(held.unwrap_err().kind(), ErrorKind::Expired);
    assert_eq!(
        receiver.open(&token).unwrap_err().kind(),
        ErrorKind::Expired
    );
}

/// A generator that always fails, as an unavailable OS source would.
struct Broken;

impl rand_core::TryRng for Broken {
    type Error = std::io::Error;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Err(std::io::Error::other("no entropy"))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Err(std::io::Error::other("no entropy"))
    }
    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Self::Error> {
        Err(std::io::Error::other("no entropy"))
    }
}

impl rand_core::TryCryptoRng for Broken {}

#[test]
fn the_generator_is_the_one_given_and_its_failure_is_an_error() {
    fn with(rng: impl rand_core::TryCryptoRng + Send + 'static) -> Receiver {
        Receiver::builder()
            .decryption_keys(api_set())
            .issuer_keys(issuer_set())
            .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
            .clock(|| NOW)
            .accept(Accept::NestedOrSigned)
            .rng(rng)
            .no_cache()
            .build()
            .unwrap()
    }
    let broken = with(Broken);
    assert_eq!(
        broken.open(&nested_token()).unwrap_err().kind(),
        ErrorKind::Random
    );
    // A signed token needs no randomness.
    assert!(broken.open(&signed_token()).is_ok());
    let seeded = with(common::SeededRng::new(7));
    assert!(seeded.open(&nested_token()).is_ok());
}

#[test]
fn an_oversized_token_is_refused_before_anything_is_allocated_for_it() {
    let receiver = build(Some(Accept::NestedOrSigned), true).unwrap();
    let huge = format!("e.b.c.{}.e", "A".repeat(50_000_000));
    for answer in [receiver.open(&huge), receiver.cached(&huge).unwrap()] {
        let err = answer.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
        assert_eq!(err.limit(), Some(jose_core::policy::DEFAULT_MAX_TOKEN_LEN));
    }
    // Neither three parts nor five: the nested layer names the count.
    let err = receiver.open("a.b.c.d").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
}

#[test]
fn debug_shows_no_key_and_no_claim() {
    let receiver = build(None, true).unwrap();
    let jwt = receiver.open(&nested_token()).unwrap();
    let shown = format!("{receiver:?} {jwt:?}");
    assert!(
        shown.contains("Receiver") && shown.contains("Nested"),
        "{shown}"
    );
    for secret in [
        "auth0|5f7c8ec7c33c6c004bbafe82",
        "read:messages",
        "\"d\"",
        "issuer-2024", // the inner header's kid: it arrived encrypted
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

#[cfg(feature = "serde")]
#[test]
fn open_as_gives_the_callers_type() {
    #[derive(serde::Deserialize)]
    struct AccessToken {
        sub: String,
        permissions: Vec<String>,
    }
    let receiver = build(Some(Accept::NestedOrSigned), true).unwrap();
    for token in [nested_token(), signed_token()] {
        let claims: AccessToken = receiver.open_as(&token).unwrap();
        assert_eq!(claims.sub, "auth0|5f7c8ec7c33c6c004bbafe82");
        assert!(claims.permissions.contains(&"read:messages".to_owned()));
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct NeedsTenant {
        tenant: String,
    }
    let err = receiver
        .open_as::<NeedsTenant>(&signed_token())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
}

/// Signed tokens of the issuer, `count` of them, some refused: expired,
/// for another audience, or with a broken signature.
fn many_tokens(count: usize) -> Vec<String> {
    let jwk = common::interop::issuer_private().to_string();
    let issuer = PrivateKey::from_jwk(&jwk).unwrap();
    let signer = Signer::new(&issuer, SignatureAlgorithm::Rs256)
        .unwrap()
        .kid("issuer-2024");
    (0..count)
        .map(|i| {
            let (exp, aud) = match i % 5 {
                3 => (NOW - 1, AUDIENCE),
                4 => (NOW + 600, "https://other.example.com"),
                _ => (NOW + 600, AUDIENCE),
            };
            let claims = format!(
                r#"{{"iss":"{ISSUER}","aud":"{aud}","sub":"user-{i}","exp":{exp},"jti":"{i}"}}"#
            );
            let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
            let mut token = signer
                .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)
                .unwrap()
                .to_owned();
            if i % 7 == 6 {
                // A different last signature character.
                let last = if token.ends_with('A') { "B" } else { "A" };
                token.truncate(token.len() - 1);
                token.push_str(last);
            }
            token
        })
        .collect()
}

#[test]
fn eight_threads_sharing_one_receiver_get_the_single_threaded_answers() {
    let tokens = many_tokens(40);
    let single = Receiver::builder()
        .issuer_keys(issuer_set())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .clock(|| NOW)
        .no_cache()
        .build()
        .unwrap();
    let expected: Vec<Result<String, ErrorKind>> = tokens
        .iter()
        .map(|t| {
            single
                .open(t)
                .map(|jwt| jwt.claims().json().raw().to_owned())
                .map_err(|e| e.kind())
        })
        .collect();
    assert!(expected.iter().filter(|a| a.is_ok()).count() >= 20);
    assert!(expected.contains(&Err(ErrorKind::Expired)));
    assert!(expected.contains(&Err(ErrorKind::Audience)));
    assert!(expected.contains(&Err(ErrorKind::Signature)));
    // A cache of 8 entries for 40 tokens: evictions all the time.
    let shared = Receiver::builder()
        .issuer_keys(issuer_set())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .clock(|| NOW)
        .cache(8, 8 * 2048)
        .build()
        .unwrap();
    std::thread::scope(|scope| {
        for thread in 0..8 {
            let (shared, tokens, expected) = (&shared, &tokens, &expected);
            scope.spawn(move || {
                for round in 0..5 {
                    for (i, token) in tokens.iter().enumerate().skip((thread + round) % 3) {
                        let answer = shared
                            .open(token)
                            .map(|jwt| jwt.claims().json().raw().to_owned())
                            .map_err(|e| e.kind());
                        assert_eq!(answer, expected[i], "thread {thread}, token {i}");
                        let stats = shared.token_cache().unwrap().stats();
                        assert!(stats.entries <= 8 && stats.bytes <= 8 * 2048, "{stats:?}");
                    }
                }
            });
        }
    });
    let stats = shared.token_cache().unwrap().stats();
    assert!(stats.hits > 0 && stats.evictions > 0, "{stats:?}");
    assert!(stats.entries <= 8, "{stats:?}");
}

#[test]
fn a_receiver_is_send_sync_and_cheap_to_clone() {
    fn shared<T: Send + Sync + Clone + 'static>() {}
    shared::<Receiver>();
    let receiver = build(None, true).unwrap();
    let clone = receiver.clone();
    clone.open(&nested_token()).unwrap();
    // One cache behind both.
    assert!(receiver.cached(&nested_token()).is_some());
}
