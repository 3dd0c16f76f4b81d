//! The verified-token cache: a hit is the cold call's answer byte for byte,
//! time is re-checked on every hit, failures are never kept, a changed key
//! set never reaches an old entry, and the bounds hold under many threads.
//! Every cached answer is compared with the uncached call on the same input.

mod common;

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use common::forge::{rsa_private, rsa_public, seal, sign_rs256};
use common::interop::{api_private, api_set, file, jwk_file};
use jose_core::cache::{FixedTokenCache, TokenCache};
use jose_core::jwt::{self, Jwt, Validation};
use jose_core::keys::{IssuerKeys, IssuerRequest, PublicKey, PublicKeySet};
use jose_core::{Error, ErrorKind};
use serde_json::{Value, json};

const NOW: u64 = 1_700_000_100;
const ISS: &str = "https://issuer.example.com/";
const AUD: &str = "https://api.example.com";

/// What a call answered: the three texts, or the error's kind and message.
type Answer = Result<(Option<String>, String, String), String>;

fn answer(result: Result<Jwt<'_>, Error>) -> Answer {
    result
        .map(|jwt| {
            (
                jwt.encryption_header().map(|h| h.json().raw().to_string()),
                jwt.header().json().raw().to_string(),
                jwt.claims().json().raw().to_string(),
            )
        })
        .map_err(|e| format!("{:?}: {e}", e.kind()))
}

/// The issuer's two signing keys (issuer-2024, issuer-2025) as private JWKs.
fn issuer_private(index: usize) -> Value {
    jwk_file("issuer.private.jwks.json")["keys"][index].clone()
}

fn public_of(index: usize) -> PublicKey {
    let mut jwk = issuer_private(index);
    for private in ["d", "p", "q", "dp", "dq", "qi"] {
        jwk.as_object_mut().unwrap().remove(private);
    }
    PublicKey::from_jwk(&jwk.to_string()).unwrap()
}

/// A set of the issuer's keys by index, in order.
fn set_of(indices: &[usize]) -> PublicKeySet {
    indices.iter().fold(PublicKeySet::new(), |set, i| {
        set.with(public_of(*i)).unwrap()
    })
}

/// A signed-only JWT over `claims` by issuer key `index` (kid in the header).
fn signed(claims: &Value, index: usize) -> String {
    let key = issuer_private(index);
    let header = json!({"alg": "RS256", "kid": key["kid"]}).to_string();
    sign_rs256(&header, claims.to_string().as_bytes(), &rsa_private(&key))
}

/// A nested token: `claims` signed by issuer-2024, encrypted to api-enc-2048.
fn nested(claims: &Value) -> String {
    let inner = signed(claims, 0);
    let outer =
        json!({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "api-enc-2048", "cty": "JWT"});
    seal(
        &outer.to_string(),
        &rsa_public(&api_private()),
        inner.as_bytes(),
    )
}

fn claims(exp: u64) -> Value {
    json!({"iss": ISS, "sub": "user-1", "aud": AUD, "iat": NOW - 100, "exp": exp})
}

fn rules() -> Validation<'static> {
    Validation::new().issuer(ISS).audience(AUD)
}

fn cold_signed(token: &str, keys: &PublicKeySet, rules: &Validation<'_>, now: u64) -> Answer {
    let mut buf = vec![0u8; token.len()];
    answer(jwt::verify(
        token,
        &jwt::Trust::signed(keys, rules, now),
        &mut buf,
    ))
}

fn cached_signed(
    cache: &TokenCache,
    token: &str,
    keys: &PublicKeySet,
    rules: &Validation<'_>,
    now: u64,
) -> Answer {
    let mut buf = vec![0u8; token.len()];
    answer(cache.verify(token, &jwt::Trust::signed(keys, rules, now), &mut buf))
}

fn cache() -> TokenCache {
    TokenCache::new(64, 64 * 2048).unwrap()
}

// ---- a hit is the cold call's answer ----

#[test]
fn a_hit_returns_the_cold_calls_headers_and_claims_byte_for_byte() {
    let token = file("auth0-access-token.jwe");
    let token = token.trim();
    let (mine, issuer) = (
        api_set(),
        PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap(),
    );
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience(AUD);
    let mut rng = jose_core::os_rng();
    let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    let cold = answer(jwt::decrypt_and_verify(
        token,
        &jwt::Trust::nested(&mine, &issuer, &rules, NOW),
        &mut rng,
        &mut buf,
    ));
    assert!(cold.is_ok(), "{cold:?}");

    let cache = cache();
    for round in 0..3 {
        let mut buf = vec![0u8; jwt::required_buffer_len(token)];
        let warm = answer(cache.decrypt_and_verify(
            token,
            &jwt::Trust::nested(&mine, &issuer, &rules, NOW + round),
            &mut rng,
            &mut buf,
        ));
        assert_eq!(warm, cold, "round {round}");
    }
    let stats = cache.stats();
    assert_eq!(
        (stats.misses, stats.hits, stats.inserts, stats.entries),
        (1, 2, 1, 1)
    );
    let (outer, inner, claims) = cold.unwrap();
    assert_eq!(
        stats.bytes,
        outer.unwrap().len() + inner.len() + claims.len()
    );
}

#[test]
fn get_answers_a_held_token_as_the_cold_call_and_opens_nothing() {
    let token = nested(&claims(NOW + 600));
    let (mine, issuer) = (api_set(), set_of(&[0]));
    let rules = rules();
    let mut rng = jose_core::os_rng();
    let cache = cache();
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    // Not held: None, and no miss counted (the cold call counts its own).
    assert!(
        cache
            .get(
                &token,
                &jwt::Trust::nested(&mine, &issuer, &rules, NOW),
                &mut buf
            )
            .is_none()
    );
    assert_eq!(cache.stats().misses, 0);
    let cold = answer(cache.decrypt_and_verify(
        &token,
        &jwt::Trust::nested(&mine, &issuer, &rules, NOW),
        &mut rng,
        &mut buf,
    ));
    assert!(cold.is_ok(), "{cold:?}");
    let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
    let warm = cache
        .get(
            &token,
            &jwt::Trust::nested(&mine, &issuer, &rules, NOW + 1),
            &mut buf,
        )
        .map(answer);
    assert_eq!(warm, Some(cold));
    // Past exp: the stored claims meet the cold call's error.
    let late = cache
        .get(
            &token,
            &jwt::Trust::nested(&mine, &issuer, &rules, NOW + 601),
            &mut buf,
        )
        .map(answer);
    assert!(
        matches!(&late, Some(Err(e)) if e.starts_with("Expired: ")),
        "{late:?}"
    );
    // Other issuer keys or other rules: not held.
    assert!(
        cache
            .get(
                &token,
                &jwt::Trust::nested(&mine, &set_of(&[0, 1]), &rules, NOW),
                &mut buf
            )
            .is_none()
    );
    let other = Validation::new().issuer(ISS).accept_any_audience();
    assert!(
        cache
            .get(
                &token,
                &jwt::Trust::nested(&mine, &issuer, &other, NOW),
                &mut buf
            )
            .is_none()
    );
    let stats = cache.stats();
    assert_eq!((stats.misses, stats.hits, stats.inserts), (1, 1, 1));
}

#[test]
fn the_fixed_cache_answers_as_the_shared_one() {
    let token = nested(&claims(NOW + 600));
    let issuer = set_of(&[0]);
    let mut rng = jose_core::os_rng();
    let mut fixed = Box::new(FixedTokenCache::<4, 8192>::new());
    let shared = cache();
    for now in [NOW, NOW + 1, NOW + 599, NOW + 600, NOW + 601] {
        let mut a = vec![0u8; jwt::required_buffer_len(&token)];
        let mut b = vec![0u8; jwt::required_buffer_len(&token)];
        let mut c = vec![0u8; jwt::required_buffer_len(&token)];
        let fixed = answer(fixed.decrypt_and_verify(
            &token,
            &jwt::Trust::nested(&api_set(), &issuer, &rules(), now),
            &mut rng,
            &mut a,
        ));
        let shared = answer(shared.decrypt_and_verify(
            &token,
            &jwt::Trust::nested(&api_set(), &issuer, &rules(), now),
            &mut rng,
            &mut b,
        ));
        let cold = answer(jwt::decrypt_and_verify(
            &token,
            &jwt::Trust::nested(&api_set(), &issuer, &rules(), now),
            &mut rng,
            &mut c,
        ));
        assert_eq!(fixed, cold, "at {now}");
        assert_eq!(shared, cold, "at {now}");
    }
    assert_eq!(fixed.stats().hits, 2);
    assert_eq!(
        fixed.stats().entries,
        0,
        "an entry met past its end is removed"
    );
}

// ---- time is re-checked on every hit ----

#[test]
fn an_expired_entry_is_refused_exactly_as_the_cold_call_refuses_it() {
    let keys = set_of(&[0]);
    for leeway in [0, 30] {
        let rules = rules().leeway(leeway);
        let exp = NOW + 60;
        let token = signed(&claims(exp), 0);
        let cache = cache();
        assert!(cached_signed(&cache, &token, &keys, &rules, NOW).is_ok());
        for now in [
            exp + leeway - 1,
            exp + leeway,
            exp + leeway + 1,
            exp + 10_000,
        ] {
            let cold = cold_signed(&token, &keys, &rules, now);
            let warm = cached_signed(&cache, &token, &keys, &rules, now);
            assert_eq!(warm, cold, "leeway {leeway}, now {now}");
            assert_eq!(cold.is_ok(), now < exp + leeway);
            if now >= exp + leeway {
                assert!(warm.unwrap_err().starts_with("Expired: "));
            }
        }
        assert_eq!(cache.stats().entries, 0, "the expired entry is gone");
    }
}

#[test]
fn a_not_yet_valid_time_is_refused_as_the_cold_call_refuses_it() {
    let keys = set_of(&[0]);
    let mut with_nbf = claims(NOW + 3600);
    with_nbf["nbf"] = json!(NOW);
    let token = signed(&with_nbf, 0);
    let cache = cache();
    assert!(cached_signed(&cache, &token, &keys, &rules(), NOW + 10).is_ok());
    // A clock that steps back: the entry stays, the answer is the cold one.
    let cold = cold_signed(&token, &keys, &rules(), NOW - 1);
    assert!(
        cold.as_ref().unwrap_err().starts_with("NotYetValid: "),
        "{cold:?}"
    );
    assert_eq!(
        cached_signed(&cache, &token, &keys, &rules(), NOW - 1),
        cold
    );
    assert_eq!(cache.stats().entries, 1);
    assert_eq!(
        cached_signed(&cache, &token, &keys, &rules(), NOW),
        cold_signed(&token, &keys, &rules(), NOW)
    );
}

#[test]
fn max_age_and_auth_age_are_checked_on_hits() {
    let keys = set_of(&[0]);
    let mut c = claims(NOW + 86_400);
    c["auth_time"] = json!(NOW - 100);
    let token = signed(&c, 0);
    let rules = rules().max_age(300).max_auth_age(600);
    let cache = cache();
    for now in [NOW, NOW + 199, NOW + 200, NOW + 499, NOW + 500, NOW + 501] {
        assert_eq!(
            cached_signed(&cache, &token, &keys, &rules, now),
            cold_signed(&token, &keys, &rules, now),
            "at {now}"
        );
    }
}

// ---- what misses ----

#[test]
fn a_token_changed_in_one_byte_misses() {
    let keys = set_of(&[0]);
    let token = signed(&claims(NOW + 600), 0);
    let cache = cache();
    assert!(cached_signed(&cache, &token, &keys, &rules(), NOW).is_ok());
    let mut changed = token.clone().into_bytes();
    let last = changed.len() - 2;
    changed[last] = if changed[last] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).unwrap();
    let cold = cold_signed(&changed, &keys, &rules(), NOW);
    assert!(cold.is_err());
    assert_eq!(cached_signed(&cache, &changed, &keys, &rules(), NOW), cold);
    let stats = cache.stats();
    assert_eq!((stats.hits, stats.misses, stats.entries), (0, 2, 1));
}

#[test]
fn a_rotated_key_set_misses_and_a_removed_key_keeps_no_token_alive() {
    let token = signed(&claims(NOW + 600), 0); // by issuer-2024
    let before = set_of(&[0]);
    let during = set_of(&[0, 1]);
    let after = set_of(&[1]); // issuer-2024 removed
    let cache = cache();
    assert!(cached_signed(&cache, &token, &before, &rules(), NOW).is_ok());
    assert!(cached_signed(&cache, &token, &before, &rules(), NOW).is_ok());
    assert_eq!(cache.stats().hits, 1);

    // Rotation adds a key: a different set, so a miss, then its own entry.
    assert_eq!(
        cached_signed(&cache, &token, &during, &rules(), NOW),
        cold_signed(&token, &during, &rules(), NOW)
    );
    assert_eq!(cache.stats().misses, 2);

    // The old key is removed: the cached token is refused as the cold call refuses it.
    let cold = cold_signed(&token, &after, &rules(), NOW);
    assert!(cold.as_ref().unwrap_err().starts_with("Key: "), "{cold:?}");
    for _ in 0..3 {
        assert_eq!(cached_signed(&cache, &token, &after, &rules(), NOW), cold);
    }
    assert_eq!(cache.stats().hits, 1);
}

#[test]
fn other_rules_miss() {
    let keys = set_of(&[0]);
    let token = signed(&claims(NOW + 600), 0);
    let cache = cache();
    assert!(cached_signed(&cache, &token, &keys, &rules(), NOW).is_ok());
    let stricter = [
        Validation::new()
            .issuer(ISS)
            .audience("https://other.example"),
        rules().typ("at+jwt"),
        rules().require(&["jti"]),
        rules().max_lifetime(60),
        Validation::access_token(ISS, AUD),
    ];
    for other in stricter {
        let cold = cold_signed(&token, &keys, &other, NOW);
        assert!(cold.is_err(), "{other:?}");
        assert_eq!(
            cached_signed(&cache, &token, &keys, &other, NOW),
            cold,
            "{other:?}"
        );
    }
    assert_eq!(cache.stats().hits, 0);
}

// ---- what is never kept ----

#[test]
fn a_failure_is_never_kept() {
    let keys = set_of(&[0]);
    let cache = cache();
    let wrong_audience = signed(
        &json!({"iss": ISS, "aud": "elsewhere", "exp": NOW + 600}),
        0,
    );
    let wrong_key = signed(&claims(NOW + 600), 1);
    let expired = signed(&claims(NOW - 1), 0);
    for token in [&wrong_audience, &wrong_key, &expired] {
        for _ in 0..2 {
            let cold = cold_signed(token, &keys, &rules(), NOW);
            assert!(cold.is_err());
            assert_eq!(cached_signed(&cache, token, &keys, &rules(), NOW), cold);
        }
    }
    let stats = cache.stats();
    assert_eq!(
        (stats.inserts, stats.entries, stats.hits, stats.misses),
        (0, 0, 0, 6)
    );
}

#[test]
fn a_token_larger_than_an_entry_is_opened_but_not_kept() {
    let keys = set_of(&[0]);
    let mut big = claims(NOW + 600);
    big["padding"] = json!("x".repeat(3000));
    let token = signed(&big, 0);
    let cache = TokenCache::new(4, 4 * 2048).unwrap();
    for _ in 0..2 {
        assert_eq!(
            cached_signed(&cache, &token, &keys, &rules(), NOW),
            cold_signed(&token, &keys, &rules(), NOW)
        );
    }
    let stats = cache.stats();
    assert_eq!((stats.entries, stats.skipped, stats.hits), (0, 2, 0));
}

/// Issuer keys that cannot say when they change (no fingerprint).
struct Anonymous<'a>(&'a PublicKeySet, Cell<usize>);

impl IssuerKeys for Anonymous<'_> {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        self.1.set(self.1.get() + 1);
        self.0.issuer_key(request)
    }
}

#[test]
fn keys_without_a_fingerprint_are_opened_every_time() {
    let keys = set_of(&[0]);
    let anonymous = Anonymous(&keys, Cell::new(0));
    let token = signed(&claims(NOW + 600), 0);
    let cache = cache();
    for _ in 0..3 {
        let mut buf = vec![0u8; token.len()];
        assert!(
            cache
                .verify(
                    &token,
                    &jwt::Trust::signed(&anonymous, &rules(), NOW),
                    &mut buf
                )
                .is_ok()
        );
    }
    assert_eq!(anonymous.1.get(), 3, "every call verified");
    let stats = cache.stats();
    assert_eq!((stats.entries, stats.hits, stats.skipped), (0, 0, 3));
}

/// Issuer keys replaced while a token is being verified (a refetch).
struct Refetching {
    sets: [PublicKeySet; 2],
    current: Cell<usize>,
}

impl IssuerKeys for Refetching {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        let key = self.sets[self.current.get()].issuer_key(request);
        self.current.set(1); // the refetch lands after the key was chosen
        key
    }
    fn fingerprint(&self) -> Option<jose_core::keys::KeysFingerprint> {
        self.sets[self.current.get()].fingerprint()
    }
}

#[test]
fn a_token_opened_while_the_keys_changed_is_not_kept() {
    let keys = Refetching {
        sets: [set_of(&[0]), set_of(&[1])],
        current: Cell::new(0),
    };
    let token = signed(&claims(NOW + 600), 0);
    let cache = cache();
    let mut buf = vec![0u8; token.len()];
    assert!(
        cache
            .verify(&token, &jwt::Trust::signed(&keys, &rules(), NOW), &mut buf)
            .is_ok()
    );
    assert_eq!((cache.stats().entries, cache.stats().skipped), (0, 1));
    // Under the new keys (issuer-2024 gone) the token is refused.
    let mut buf = vec![0u8; token.len()];
    let err = cache
        .verify(&token, &jwt::Trust::signed(&keys, &rules(), NOW), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
}

// ---- revocation, bounds, secrets ----

#[test]
fn remove_and_clear_revoke() {
    let keys = set_of(&[0]);
    let a = signed(&claims(NOW + 600), 0);
    let b = signed(&claims(NOW + 601), 0);
    let cache = cache();
    for token in [&a, &b] {
        cached_signed(&cache, token, &keys, &rules(), NOW).unwrap();
        cached_signed(&cache, token, &keys, &rules().leeway(5), NOW).unwrap();
    }
    assert_eq!(cache.stats().entries, 4);
    assert_eq!(cache.remove(&a), 2, "under every rule set");
    assert_eq!(cache.remove(&a), 0);
    assert_eq!(cache.stats().entries, 2);
    cached_signed(&cache, &a, &keys, &rules(), NOW).unwrap();
    assert_eq!(cache.stats().hits, 0, "a removed token is opened again");
    cache.clear();
    assert_eq!((cache.stats().entries, cache.stats().bytes), (0, 0));
    assert_eq!(cache.purge_expired(NOW), 0);
}

#[test]
fn many_distinct_valid_tokens_cannot_exceed_the_capacity() {
    let keys = set_of(&[0]);
    let cache = TokenCache::new(8, 8 * 1024).unwrap();
    let mut fixed = FixedTokenCache::<8, 8192>::new();
    for i in 0..60 {
        let token = signed(&claims(NOW + 600 + i), 0);
        cached_signed(&cache, &token, &keys, &rules(), NOW).unwrap();
        let mut buf = vec![0u8; token.len()];
        fixed
            .verify(&token, &jwt::Trust::signed(&keys, &rules(), NOW), &mut buf)
            .unwrap();
        for stats in [cache.stats(), fixed.stats()] {
            assert!(stats.entries <= 8, "{stats:?}");
            assert!(stats.bytes <= 8 * 1024, "{stats:?}");
        }
    }
    assert_eq!(fixed.stats().evictions, 52);
    assert!(cache.stats().evictions >= 52, "{:?}", cache.stats());
}

#[test]
fn expired_entries_are_evicted_before_live_ones() {
    let keys = set_of(&[0]);
    let mut cache = FixedTokenCache::<2, 4096>::new();
    let short = signed(&claims(NOW + 10), 0);
    let long = signed(&claims(NOW + 600), 0);
    let other = signed(&claims(NOW + 601), 0);
    for token in [&short, &long] {
        let mut buf = vec![0u8; token.len()];
        cache
            .verify(token, &jwt::Trust::signed(&keys, &rules(), NOW), &mut buf)
            .unwrap();
    }
    let mut buf = vec![0u8; other.len()];
    cache
        .verify(
            &other,
            &jwt::Trust::signed(&keys, &rules(), NOW + 20),
            &mut buf,
        )
        .unwrap();
    let mut buf = vec![0u8; long.len()];
    cache
        .verify(
            &long,
            &jwt::Trust::signed(&keys, &rules(), NOW + 20),
            &mut buf,
        )
        .unwrap();
    let stats = cache.stats();
    assert_eq!(
        (stats.evictions, stats.expired, stats.hits),
        (0, 1, 1),
        "{stats:?}"
    );
}

#[test]
fn a_short_buffer_on_a_hit_is_a_buffer_error() {
    let keys = set_of(&[0]);
    let token = signed(&claims(NOW + 600), 0);
    let cache = cache();
    cached_signed(&cache, &token, &keys, &rules(), NOW).unwrap();
    let mut buf = vec![0u8; 10];
    let err = cache
        .verify(&token, &jwt::Trust::signed(&keys, &rules(), NOW), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Buffer);
    assert!(buf.iter().all(|b| *b == 0));
}

#[test]
fn debug_shows_counts_never_claims() {
    let keys = set_of(&[0]);
    let token = signed(&claims(NOW + 600), 0);
    let cache = cache();
    cached_signed(&cache, &token, &keys, &rules(), NOW).unwrap();
    let shown = format!("{cache:?}");
    assert!(shown.contains("entries: 1"), "{shown}");
    assert!(!shown.contains("user-1") && !shown.contains(ISS), "{shown}");
    let mut fixed = FixedTokenCache::<2, 4096>::new();
    let mut buf = vec![0u8; token.len()];
    fixed
        .verify(&token, &jwt::Trust::signed(&keys, &rules(), NOW), &mut buf)
        .unwrap();
    assert!(!format!("{fixed:?}").contains("user-1"));
}

#[test]
fn memory_per_entry_is_what_the_docs_say() {
    // Documented: BYTES + ENTRIES * 128 bytes (a 120-byte slot and an
    // 8-byte tag per entry), plus the counters.
    let overhead = |size: usize, entries: usize, bytes: usize| size - bytes - entries * 128;
    assert!(overhead(size_of::<FixedTokenCache<1, 1024>>(), 1, 1024) <= 128);
    assert!(overhead(size_of::<FixedTokenCache<64, 65536>>(), 64, 65536) <= 128);
    assert_eq!(
        size_of::<FixedTokenCache<64, 65536>>() - size_of::<FixedTokenCache<1, 65536>>(),
        63 * 128
    );
}

// ---- under load ----

/// 8 threads, 200,000 operations on one small cache: hits, misses, expiries,
/// evictions past capacity, key rotations and revocations. Every answer is
/// compared with the uncached call's on the same (token, keys, rules, now),
/// computed once before the threads start; the bounds are checked after
/// every operation.
#[test]
fn under_load_every_answer_is_the_uncached_one_and_the_bounds_hold() {
    const THREADS: usize = 8;
    const OPERATIONS: usize = 200_000;
    const TOKENS: usize = 48;
    const ENTRIES: usize = 32;
    const BYTES: usize = ENTRIES * 1024;
    let times = [NOW, NOW + 50, NOW + 100, NOW + 150, NOW + 250];
    let sets = [set_of(&[0]), set_of(&[0, 1]), set_of(&[1])];
    let rule_sets = [rules(), rules().leeway(60)];
    // Tokens by either key, expiring at various times (some before the last `now`).
    let tokens: Vec<String> = (0..TOKENS)
        .map(|i| signed(&claims(NOW + 40 + (i as u64 % 6) * 40), i % 2))
        .collect();
    let mut expected = HashMap::new();
    for (t, token) in tokens.iter().enumerate() {
        for (k, keys) in sets.iter().enumerate() {
            for (r, rules) in rule_sets.iter().enumerate() {
                for (n, now) in times.iter().enumerate() {
                    expected.insert((t, k, r, n), cold_signed(token, keys, rules, *now));
                }
            }
        }
    }
    let accepted = expected.values().filter(|a| a.is_ok()).count();
    assert!(
        accepted > expected.len() / 4 && accepted < expected.len(),
        "a mix of answers"
    );

    let cache = Arc::new(TokenCache::new(ENTRIES, BYTES).unwrap());
    let shared = Arc::new((tokens, sets, rule_sets, expected));
    let workers: Vec<_> = (0..THREADS)
        .map(|thread| {
            let (cache, shared) = (Arc::clone(&cache), Arc::clone(&shared));
            std::thread::spawn(move || {
                let (tokens, sets, rule_sets, expected) = &*shared;
                let mut rng = common::SeededRng::new(thread as u64 + 1);
                let mut next = |bound: usize| {
                    (rand_core::TryRng::try_next_u64(&mut rng).unwrap() % bound as u64) as usize
                };
                let mut buf = vec![0u8; 4096];
                for _ in 0..OPERATIONS / THREADS {
                    // Hot tokens most of the time, so that hits happen.
                    let t = if next(4) > 0 { next(8) } else { next(TOKENS) };
                    let (k, r, n) = (next(3), next(2), next(5));
                    if next(1000) == 0 {
                        cache.remove(&tokens[t]);
                        continue;
                    }
                    let got = answer(cache.verify(
                        &tokens[t],
                        &jwt::Trust::signed(&sets[k], &rule_sets[r], times[n]),
                        &mut buf,
                    ));
                    assert_eq!(
                        &got,
                        &expected[&(t, k, r, n)],
                        "token {t}, keys {k}, rules {r}, now {n}"
                    );
                    let stats = cache.stats();
                    assert!(
                        stats.entries <= ENTRIES && stats.bytes <= BYTES,
                        "{stats:?}"
                    );
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let stats = cache.stats();
    assert!(
        stats.hits > 0 && stats.misses > 0 && stats.evictions > 0 && stats.expired > 0,
        "{stats:?}"
    );
    assert!(stats.hits + stats.misses <= OPERATIONS as u64, "{stats:?}");
}

#[test]
fn sizes_that_cannot_be_allocated_are_a_configuration_error_not_an_abort() {
    // Each asks for more than any address space holds (and for one shard
    // more than isize::MAX bytes): the reservation fails before anything
    // is touched, on every 64-bit system, whatever its overcommit setting.
    for (entries, bytes) in [
        (usize::MAX, usize::MAX),
        (1_000, usize::MAX),
        (1, usize::MAX / 2),
        (1 << 62, 1 << 62),
    ] {
        let err = TokenCache::new(entries, bytes).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::Configuration,
            "{entries} {bytes}: {err}"
        );
        assert!(err.to_string().contains("cannot be allocated"), "{err}");
    }
    // Sizes that fit still build.
    assert!(TokenCache::new(16, 16 * 1024).is_ok());
}
