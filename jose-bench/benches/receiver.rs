//! The front door against the layer under it, on the same token in one
//! criterion run: `Receiver::open` without a cache against
//! `jwt::decrypt_and_verify` into a reused buffer (cold), and a cached
//! `Receiver::open` against `TokenCache::decrypt_and_verify` (a hit); the
//! same for a signed-only token (`jwt::verify`). The receiver's extra work
//! per call: the form check, one buffer and one copy of the texts (two
//! allocations, counted in jose-core/tests/allocations.rs).
//!
//! Every backend compiled in is timed in the same run (keys converted with
//! `with_backend`): with `--features aws-lc-rs`, both.
//!
//!     cargo bench -p jose-bench --features aws-lc-rs --bench receiver
//!
//! Wait for `uptime` under 1.5 and quote the load with the numbers.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jose_core::cache::TokenCache;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKeySet, PublicKeySet};
use jose_core::{Accept, Backend, Receiver};

const NOW: u64 = 1_700_000_100;

fn mine(backend: Backend) -> PrivateKeySet {
    PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))
        .and_then(|keys| keys.with_backend(backend))
        .unwrap()
}

fn issuer(backend: Backend) -> PublicKeySet {
    PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))
        .and_then(|keys| keys.with_backend(backend))
        .unwrap()
}

fn rules() -> Validation<'static> {
    Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com")
}

fn receiver(backend: Backend, cached: bool) -> Receiver {
    let builder = Receiver::builder()
        .decryption_keys(mine(backend))
        .issuer_keys(issuer(backend))
        .rules(rules())
        .accept(Accept::NestedOrSigned)
        .clock(|| NOW);
    let builder = if cached { builder } else { builder.no_cache() };
    builder.build().unwrap()
}

fn front_door(c: &mut Criterion) {
    for backend in Backend::available() {
        on(c, *backend);
    }
}

fn on(c: &mut Criterion, backend: Backend) {
    let nested = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
    let signed = include_str!("../../vectors/interop/auth0-signed-access-token.jws").trim();
    let (mine, issuer, rules) = (mine(backend), issuer(backend), rules());
    let nested_trust = jwt::Trust::nested(&mine, &issuer, &rules, NOW);
    let signed_trust = jwt::Trust::signed(&issuer, &rules, NOW);
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut buf = vec![0u8; jwt::required_buffer_len(nested)];
    let (cold, warm) = (receiver(backend, false), receiver(backend, true));
    let cache = TokenCache::new(4096, 4096 * 2048).unwrap();
    let mut group = c.benchmark_group(format!("front door ({})", backend.name()));
    group.bench_function("cold nested: jwt::decrypt_and_verify", |b| {
        b.iter(|| {
            jwt::decrypt_and_verify(black_box(nested), &nested_trust, &mut rng, &mut buf)
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.bench_function("cold nested: Receiver::open", |b| {
        b.iter(|| {
            cold.open(black_box(nested))
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.bench_function("hit nested: TokenCache::decrypt_and_verify", |b| {
        b.iter(|| {
            cache
                .decrypt_and_verify(black_box(nested), &nested_trust, &mut rng, &mut buf)
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.bench_function("hit nested: Receiver::open", |b| {
        b.iter(|| {
            warm.open(black_box(nested))
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.bench_function("cold signed: jwt::verify", |b| {
        b.iter(|| {
            jwt::verify(black_box(signed), &signed_trust, &mut buf)
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.bench_function("cold signed: Receiver::open", |b| {
        b.iter(|| {
            cold.open(black_box(signed))
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, front_door);
criterion_main!(benches);
