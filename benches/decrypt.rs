//! Criterion benchmarks of the decrypt path, with the raw primitive beside each
//! stage so the crate's own overhead reads as a ratio from one run.
//!
//!     cargo bench --bench decrypt
//!
//! Machines here are shared and noisy: compare medians from the same run only.

use std::hint::black_box;

use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{AeadInOut, KeyInit};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jose_core::ContentAlgorithm;
use jose_core::jwe::{Compact, content};
use jose_core::keys::PrivateKey;

const TOKEN: &str = include_str!("../vectors/rfc7516_A1.jwe");
const KEY: &str = include_str!("../vectors/rfc7516_A1.key.json");

fn whole_token(c: &mut Criterion) {
    let token = TOKEN.trim();
    let key = PrivateKey::from_jwk(KEY).unwrap();
    let mut rng = jose_core::os_rng();
    let mut group = c.benchmark_group("rfc7516_a1 (RSA-OAEP 2048 + A256GCM)");
    group.bench_function("parse", |b| {
        b.iter(|| Compact::parse(black_box(token)).unwrap().buffer_len())
    });
    group.bench_function("parse + decrypt", |b| {
        let mut buf = [0u8; 128];
        b.iter(|| {
            let jwe = Compact::parse(black_box(token)).unwrap();
            jwe.decrypt(&key, &mut rng, &mut buf).unwrap().len()
        })
    });
    group.finish();
}

fn content_layer(c: &mut Criterion) {
    let key = [7u8; 32];
    let iv = [9u8; 12];
    let aad = b"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ";
    for size in [1024usize, 16 * 1024] {
        let mut group = c.benchmark_group(format!("A256GCM {size} B"));
        group.throughput(Throughput::Bytes(size as u64));
        let mut sealed = vec![0u8; size];
        let (_, tag) =
            content::encrypt(ContentAlgorithm::A256Gcm, &key, &iv, aad, &mut sealed, size).unwrap();
        group.bench_function("jose_core::jwe::content::decrypt", |b| {
            let mut buf = sealed.clone();
            b.iter(|| {
                buf.copy_from_slice(&sealed);
                content::decrypt(
                    ContentAlgorithm::A256Gcm,
                    &key,
                    &iv,
                    aad,
                    &mut buf,
                    tag.as_slice(),
                )
                .unwrap()
            })
        });
        // Key setup inside the loop, as on the JWE path: every token brings a new key.
        group.bench_function("aes-gcm (raw, with key setup)", |b| {
            let mut buf = sealed.clone();
            b.iter(|| {
                buf.copy_from_slice(&sealed);
                let cipher =
                    aes_gcm::AesGcm::<aes::Aes256, U12>::new_from_slice(black_box(&key)).unwrap();
                cipher
                    .decrypt_inout_detached(
                        &iv.into(),
                        aad,
                        buf.as_mut_slice().into(),
                        tag.as_slice().try_into().unwrap(),
                    )
                    .unwrap()
            })
        });
        group.finish();
    }
}

fn nested_auth0(c: &mut Criterion) {
    use jose_core::jwt::{self, Validation};
    use jose_core::keys::{PrivateKeySet, PublicKeySet};
    let token = include_str!("../vectors/interop/auth0-access-token.jwe").trim();
    let api =
        PrivateKeySet::from_jwks(include_str!("../vectors/interop/api.private.jwks.json")).unwrap();
    let issuer =
        PublicKeySet::from_jwks(include_str!("../vectors/interop/issuer.jwks.json")).unwrap();
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    let mut rng = jose_core::os_rng();
    let mut buf = [0u8; 4096];
    c.bench_function(
        "auth0 nested: decrypt_and_verify (RSA-OAEP-256 2048 + A256GCM, RS256 2048)",
        |b| {
            b.iter(|| {
                jwt::decrypt_and_verify(
                    black_box(token),
                    &api,
                    &issuer,
                    &rules,
                    1_700_000_100,
                    &mut rng,
                    &mut buf,
                )
                .unwrap()
                .claims()
                .json()
                .raw()
                .len()
            })
        },
    );
}

criterion_group!(benches, whole_token, content_layer, nested_auth0);
criterion_main!(benches);
