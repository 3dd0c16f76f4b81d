//! The warm path: a repeated token through the verified-token cache, beside
//! the cold call on the same token and the floor of a hit (SHA-256 of the
//! token's bytes), in one criterion run; then hits from 1, 2 and 4 threads
//! on one shared cache, over 64 distinct tokens.
//!
//!     cargo bench -p jose-core-bench --bench cache
//!     cargo bench -p jose-core-bench --features aws-lc-rs --bench cache
//!
//! Wait for `uptime` under 1.5 and quote the load with the numbers.

use std::hint::black_box;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jose_core::cache::{FixedTokenCache, TokenCache};
use jose_core::jwe::Encrypter;
use jose_core::jws::Signer;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKeySet};
use jose_core::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use sha2::Digest;

const NOW: u64 = 1_700_000_100;
const ISSUER: &str = "https://tenant.example.auth0.com/";
const AUDIENCE: &str = "https://api.example.com";
const DISTINCT: usize = 64;

struct Keys {
    api: PrivateKeySet,
    issuer: PublicKeySet,
}

fn keys() -> Keys {
    Keys {
        api: PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))
            .unwrap(),
        issuer: PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))
            .unwrap(),
    }
}

fn rules() -> Validation<'static> {
    Validation::new().issuer(ISSUER).audience(AUDIENCE)
}

fn auth0_token() -> &'static str {
    include_str!("../../vectors/interop/auth0-access-token.jwe").trim()
}

/// `n` distinct Auth0-shaped tokens (one subject each), made by the crate.
fn distinct_tokens(n: usize) -> Vec<String> {
    let issuer_jwks: serde_json::Value = serde_json::from_str(include_str!(
        "../../vectors/interop/issuer.private.jwks.json"
    ))
    .unwrap();
    let signing = PrivateKey::from_jwk(&issuer_jwks["keys"][0].to_string()).unwrap();
    let api_jwks: serde_json::Value =
        serde_json::from_str(include_str!("../../vectors/interop/api.private.jwks.json")).unwrap();
    let api_public = PrivateKey::from_jwk(&api_jwks["keys"][0].to_string())
        .unwrap()
        .public_key();
    let signer = Signer::new(&signing, SignatureAlgorithm::Rs256).unwrap();
    let encrypter = Encrypter::new(
        &api_public,
        KeyAlgorithm::RsaOaep256,
        ContentAlgorithm::A256Gcm,
    )
    .unwrap();
    (0..n)
        .map(|i| {
            let claims = serde_json::json!({
                "iss": ISSUER, "sub": format!("auth0|user-{i}"), "aud": AUDIENCE,
                "iat": NOW - 100, "exp": NOW + 86_400,
                "scope": "openid profile read:messages write:messages",
            })
            .to_string();
            jwt::sign_and_encrypt_to_string(
                claims.as_bytes(),
                &signer,
                &encrypter,
                &mut jose_core::os_rng(),
            )
            .unwrap()
        })
        .collect()
}

fn warm_path(c: &mut Criterion) {
    let k = keys();
    let rules = rules();
    let token = auth0_token();
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    let shared = TokenCache::new(10_000, 10_000 * 1024).unwrap();
    let mut fixed = Box::new(FixedTokenCache::<64, 65_536>::new());
    let mut group = c.benchmark_group(format!("warm path ({})", jose_core::BACKEND));
    group.bench_function("cold: jwt::decrypt_and_verify (auth0, 2048)", |b| {
        b.iter(|| {
            jwt::decrypt_and_verify(
                black_box(token),
                &jwt::Trust::nested(&k.api, &k.issuer, &rules, NOW),
                &mut rng,
                &mut buf,
            )
            .unwrap()
            .claims()
            .json()
            .raw()
            .len()
        })
    });
    group.bench_function("hit: TokenCache::decrypt_and_verify", |b| {
        b.iter(|| {
            shared
                .decrypt_and_verify(
                    black_box(token),
                    &jwt::Trust::nested(&k.api, &k.issuer, &rules, NOW),
                    &mut rng,
                    &mut buf,
                )
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.bench_function("hit: FixedTokenCache::decrypt_and_verify", |b| {
        b.iter(|| {
            fixed
                .decrypt_and_verify(
                    black_box(token),
                    &jwt::Trust::nested(&k.api, &k.issuer, &rules, NOW),
                    &mut rng,
                    &mut buf,
                )
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.bench_function("raw: SHA-256 of the token (sha2)", |b| {
        b.iter(|| sha2::Sha256::digest(black_box(token.as_bytes())))
    });
    group.finish();
    let stats = shared.stats();
    assert_eq!(
        stats.misses, 1,
        "every call after the first was a hit: {stats:?}"
    );
}

/// Hits from `threads` threads at once on one cache, over distinct tokens.
fn threads(c: &mut Criterion) {
    let k = Arc::new(keys());
    let tokens = Arc::new(distinct_tokens(DISTINCT));
    let cache = Arc::new(TokenCache::new(10_000, 10_000 * 1024).unwrap());
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut buf = vec![0u8; 4096];
    for token in tokens.iter() {
        cache
            .decrypt_and_verify(
                token,
                &jwt::Trust::nested(&k.api, &k.issuer, &rules(), NOW),
                &mut rng,
                &mut buf,
            )
            .unwrap();
    }
    let mut group = c.benchmark_group(format!("warm path threads ({})", jose_core::BACKEND));
    group.measurement_time(Duration::from_secs(5));
    for n in [1usize, 2, 4] {
        // One element = one hit; criterion's elements/s is the total rate.
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("TokenCache hits, {n} thread(s)"), |b| {
            b.iter_custom(|iters| {
                let start = Arc::new(Barrier::new(n + 1));
                let workers: Vec<_> = (0..n)
                    .map(|t| {
                        let (k, tokens, cache, start) =
                            (k.clone(), tokens.clone(), cache.clone(), start.clone());
                        std::thread::spawn(move || {
                            let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
                            let mut buf = vec![0u8; 4096];
                            let rules = rules();
                            start.wait();
                            for i in 0..iters as usize {
                                let token = &tokens[(i * 7 + t * 13) % DISTINCT];
                                let jwt = cache
                                    .decrypt_and_verify(
                                        token,
                                        &jwt::Trust::nested(&k.api, &k.issuer, &rules, NOW),
                                        &mut rng,
                                        &mut buf,
                                    )
                                    .unwrap();
                                black_box(jwt.claims().json().raw().len());
                            }
                        })
                    })
                    .collect();
                start.wait();
                let began = Instant::now();
                for worker in workers {
                    worker.join().unwrap();
                }
                began.elapsed()
            })
        });
    }
    group.finish();
    let stats = cache.stats();
    assert_eq!(
        stats.misses as usize, DISTINCT,
        "only the warm-up missed: {stats:?}"
    );
}

criterion_group!(benches, warm_path, threads);
criterion_main!(benches);
