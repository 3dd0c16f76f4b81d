//! Criterion benchmarks of the receiving path, stage by stage, each beside
//! the raw primitive it is built on, so that the crate's own overhead reads as
//! a ratio from one run. See BENCHMARKS.md for a recorded run.
//!
//!     cargo bench -p jose-core-bench --bench decrypt
//!
//! Machines here are shared and noisy: compare medians from the same run only.

use std::hint::black_box;
use std::time::Duration;

use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{AeadInOut, KeyInit};
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hmac::Mac;
use jose_core::jwe::{Compact, content};
use jose_core::jwt::{self, Claims, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKey, PublicKeySet};
use jose_core::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm, base64url, hazmat};
use sha2::Digest;

const NOW: u64 = 1_700_000_100;

fn b64(text: &str) -> Vec<u8> {
    let mut out = vec![0u8; text.len()];
    let n = base64url::decode(text.as_bytes(), &mut out, jose_core::Part::Json)
        .unwrap()
        .len();
    out.truncate(n);
    out
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

struct Fixture {
    nested: serde_json::Value,
    api: PrivateKeySet,
    api_keys: Vec<PrivateKey>,
    api_jwks: serde_json::Value,
    issuer: PublicKeySet,
    client: PrivateKeySet,
}

fn fixture() -> Fixture {
    let api_jwks = json(include_str!("../../vectors/interop/api.private.jwks.json"));
    let api_keys = api_jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| PrivateKey::from_jwk(&k.to_string()).unwrap())
        .collect();
    let recipient = PrivateKey::from_pem(include_str!("../../vectors/interop/recipient.key.pem"))
        .unwrap()
        .with_certificate_pem(include_str!("../../vectors/interop/recipient.cert.pem"))
        .unwrap();
    Fixture {
        nested: json(include_str!("../../vectors/interop/nested.json")),
        api: PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))
            .unwrap(),
        api_keys,
        api_jwks,
        issuer: PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))
            .unwrap(),
        client: PrivateKeySet::new().with(recipient).unwrap(),
    }
}

fn token<'f>(f: &'f Fixture, name: &str) -> &'f str {
    f.nested["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap()["compact"]
        .as_str()
        .unwrap()
}

/// The rsa crate's own key, built exactly as the crate's import builds it.
fn raw_private(jwk: &serde_json::Value) -> rsa::PrivateKey {
    let part = |name: &str| b64(jwk[name].as_str().unwrap());
    let precision = (part("n").len() * 8) as u32;
    let at = |name: &str| rsa::BoxedUint::from_be_slice(&part(name), precision).unwrap();
    rsa::PrivateKey::from_components(
        at("n"),
        rsa::BoxedUint::from_be_slice_vartime(&part("e")),
        at("d"),
        vec![at("p"), at("q")],
    )
    .unwrap()
}

fn raw_public(jwk: &serde_json::Value) -> rsa::PublicKey {
    let part = |name: &str| b64(jwk[name].as_str().unwrap());
    rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice_vartime(&part("n")),
        rsa::BoxedUint::from_be_slice_vartime(&part("e")),
    )
    .unwrap()
}

/// The whole job per token: decrypt, verify, validate.
fn whole_job(c: &mut Criterion) {
    let f = fixture();
    let mut group = c.benchmark_group("whole job");
    group.measurement_time(Duration::from_secs(5));
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut buf = vec![0u8; 64 * 1024];
    let auth0 = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    for (label, name) in [
        (
            "auth0 RSA-OAEP-256 2048 + A256GCM, RS256 2048",
            "auth0-access-token",
        ),
        (
            "auth0 RSA-OAEP-384 3072 + A256GCM, RS256 2048",
            "auth0-rsa-oaep-384-300",
        ),
        (
            "auth0 RSA-OAEP-512 4096 + A256GCM, RS256 2048",
            "auth0-rsa-oaep-512-300",
        ),
    ] {
        let t = token(&f, name);
        group.bench_function(label, |b| {
            b.iter(|| {
                jwt::decrypt_and_verify(
                    black_box(t),
                    &jwt::Trust::nested(&f.api, &f.issuer, &auth0, NOW),
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
    }
    let curity = Validation::new()
        .issuer("https://idsvr.example.com/oauth/v2/oauth-anonymous")
        .audience("curity-client");
    let t = token(&f, "curity-id-token");
    group.bench_function("curity RSA-OAEP 2048 + A256CBC-HS512, RS256 2048", |b| {
        b.iter(|| {
            jwt::decrypt_and_verify(
                black_box(t),
                &jwt::Trust::nested(&f.client, &f.issuer, &curity, NOW),
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
    group.finish();
}

/// The Auth0-shaped job's raw primitives, for the overhead ratio.
fn auth0_raw_primitives(c: &mut Criterion) {
    let f = fixture();
    let t = token(&f, "auth0-access-token");
    let private = raw_private(&f.api_jwks["keys"][0]);
    let public =
        raw_public(&json(include_str!("../../vectors/interop/issuer.jwks.json"))["keys"][0]);
    let parts: Vec<&str> = t.split('.').collect();
    let (ek, iv, ciphertext, tag) = (b64(parts[1]), b64(parts[2]), b64(parts[3]), b64(parts[4]));
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let cek = private
        .decrypt_blinded(&mut rng, rsa::Oaep::<sha2::Sha256>::new(), &ek)
        .unwrap();
    let mut inner = ciphertext.clone();
    aes_gcm::AesGcm::<aes::Aes256, U12>::new_from_slice(&cek)
        .unwrap()
        .decrypt_inout_detached(
            iv.as_slice().try_into().unwrap(),
            parts[0].as_bytes(),
            inner.as_mut_slice().into(),
            tag.as_slice().try_into().unwrap(),
        )
        .unwrap();
    let inner = String::from_utf8(inner).unwrap();
    let (signing_input, signature) = inner.rsplit_once('.').unwrap();
    let signature = b64(signature);

    let mut group = c.benchmark_group("auth0 raw primitives");
    group.bench_function("rsa: OAEP-256 decrypt_blinded 2048", |b| {
        b.iter(|| {
            private
                .decrypt_blinded(&mut rng, rsa::Oaep::<sha2::Sha256>::new(), black_box(&ek))
                .unwrap()
        })
    });
    group.bench_function("aes-gcm: A256GCM decrypt (with key setup)", |b| {
        let mut buf = ciphertext.clone();
        b.iter(|| {
            buf.copy_from_slice(&ciphertext);
            aes_gcm::AesGcm::<aes::Aes256, U12>::new_from_slice(black_box(&cek))
                .unwrap()
                .decrypt_inout_detached(
                    iv.as_slice().try_into().unwrap(),
                    parts[0].as_bytes(),
                    buf.as_mut_slice().into(),
                    tag.as_slice().try_into().unwrap(),
                )
                .unwrap()
        })
    });
    group.bench_function(
        "rsa: PKCS#1 v1.5 verify 2048 (with SHA-256 of the input)",
        |b| {
            b.iter(|| {
                let digest = sha2::Sha256::digest(black_box(signing_input).as_bytes());
                public
                    .verify(
                        rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                        &digest,
                        &signature,
                    )
                    .unwrap()
            })
        },
    );
    group.finish();
}

/// Each stage alone.
fn stages(c: &mut Criterion) {
    let f = fixture();
    let t = token(&f, "auth0-access-token");
    let mut group = c.benchmark_group("stages");
    group.bench_function(
        "jwe::Compact::parse (split, bounds, header JSON, ek/iv/tag decode)",
        |b| b.iter(|| Compact::parse(black_box(t)).unwrap().buffer_len()),
    );
    let claims_text = f.nested["tokens"][0]["claims"].as_str().unwrap().to_owned();
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com")
        .leeway(30);
    group.bench_function("claims parse + validate (292 B)", |b| {
        b.iter(|| {
            let claims = Claims::parse(black_box(claims_text.as_bytes())).unwrap();
            rules.validate(&claims, NOW).unwrap()
        })
    });
    let issuer_public = PublicKey::from_jwk(&{
        let mut k = json(include_str!("../../vectors/interop/issuer.jwks.json"))["keys"][0].clone();
        k.as_object_mut().unwrap().remove("x5c");
        k.to_string()
    })
    .unwrap();
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut buf = vec![0u8; 4096];
    let inner = Compact::parse(t)
        .unwrap()
        .decrypt(&f.api_keys[0], &mut rng, &mut buf)
        .unwrap()
        .to_vec();
    let inner = String::from_utf8(inner).unwrap();
    let (signing_input, signature) = inner.rsplit_once('.').unwrap();
    let signature = b64(signature);
    group.bench_function("RS256 verify 2048 (PublicKey::verify)", |b| {
        b.iter(|| {
            issuer_public
                .verify(
                    SignatureAlgorithm::Rs256,
                    black_box(signing_input.as_bytes()),
                    &signature,
                )
                .unwrap()
        })
    });
    group.bench_function("jws::Compact::parse + verify_into (inner token)", |b| {
        let mut out = vec![0u8; 1024];
        b.iter(|| {
            let jws = jose_core::jws::Compact::parse(black_box(&inner)).unwrap();
            jws.verify_into(&f.issuer, &mut out).unwrap().len()
        })
    });
    group.finish();
}

/// Key unwrap per RSA size and OAEP hash, beside the rsa crate's call.
fn unwrap(c: &mut Criterion) {
    let f = fixture();
    let mut group = c.benchmark_group("key unwrap");
    group.sample_size(20);
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    for (size, key) in f.api_keys.iter().enumerate() {
        let raw = raw_private(&f.api_jwks["keys"][size]);
        let public = key.public_key();
        for alg in KeyAlgorithm::RSA_OAEP {
            let encrypter =
                jose_core::jwe::Encrypter::new(&public, alg, ContentAlgorithm::A256Gcm).unwrap();
            let mut out = vec![0u8; encrypter.output_len(0).unwrap()];
            let token = encrypter
                .encrypt(b"", &mut rng, &mut out)
                .unwrap()
                .to_owned();
            let ek = b64(token.split('.').nth(1).unwrap());
            let id = format!("{alg} {}", key.bits());
            group.bench_function(
                BenchmarkId::new("jose_core::hazmat::rsa_oaep_decrypt", &id),
                |b| {
                    b.iter(|| hazmat::rsa_oaep_decrypt(key, alg, &mut rng, black_box(&ek)).unwrap())
                },
            );
            group.bench_function(BenchmarkId::new("rsa decrypt_blinded (raw)", &id), |b| {
                b.iter(|| {
                    match alg {
                        KeyAlgorithm::RsaOaep => raw.decrypt_blinded(
                            &mut rng,
                            rsa::Oaep::<sha1::Sha1>::new(),
                            black_box(&ek),
                        ),
                        KeyAlgorithm::RsaOaep256 => raw.decrypt_blinded(
                            &mut rng,
                            rsa::Oaep::<sha2::Sha256>::new(),
                            black_box(&ek),
                        ),
                        KeyAlgorithm::RsaOaep384 => raw.decrypt_blinded(
                            &mut rng,
                            rsa::Oaep::<sha2::Sha384>::new(),
                            black_box(&ek),
                        ),
                        _ => raw.decrypt_blinded(
                            &mut rng,
                            rsa::Oaep::<sha2::Sha512>::new(),
                            black_box(&ek),
                        ),
                    }
                    .unwrap()
                })
            });
        }
    }
    group.finish();
}

/// Content decryption per enc at 1 KiB, 16 KiB, 1 MiB, beside the raw crates.
fn content_layer(c: &mut Criterion) {
    let aad = b"eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoiYXBpLWVuYy0yMDQ4In0";
    for size in [1024usize, 16 * 1024, 1024 * 1024] {
        let mut group = c.benchmark_group(format!("content {size} B"));
        group.throughput(Throughput::Bytes(size as u64));
        if size > 64 * 1024 {
            group.sample_size(20);
        }
        for enc in ContentAlgorithm::ALL {
            let key = vec![7u8; enc.key_len()];
            let iv = vec![9u8; enc.iv_len()];
            let mut sealed = vec![0u8; content::ciphertext_len(enc, size)];
            let (len, tag) = content::encrypt(enc, &key, &iv, aad, &mut sealed, size).unwrap();
            let mut buf = sealed.clone();
            group.bench_function(
                BenchmarkId::new("jose_core::jwe::content::decrypt", enc.name()),
                |b| {
                    b.iter(|| {
                        buf.copy_from_slice(&sealed);
                        content::decrypt(enc, &key, &iv, aad, &mut buf[..len], tag.as_slice())
                            .unwrap()
                    })
                },
            );
            group.bench_function(
                BenchmarkId::new("raw (aes-gcm / cbc + hmac)", enc.name()),
                |b| {
                    b.iter(|| {
                        buf.copy_from_slice(&sealed);
                        raw_open(enc, &key, &iv, aad, &mut buf[..len], tag.as_slice())
                    })
                },
            );
        }
        group.finish();
    }
}

/// The same work with the primitives called directly (tag check, then decrypt).
fn raw_open(
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> usize {
    use aes::cipher::array::Array;
    if enc.is_gcm() {
        let (nonce, tag) = (iv.try_into().unwrap(), tag.try_into().unwrap());
        match enc {
            ContentAlgorithm::A128Gcm => aes_gcm::AesGcm::<aes::Aes128, U12>::new_from_slice(key)
                .unwrap()
                .decrypt_inout_detached(nonce, aad, buf.into(), tag),
            ContentAlgorithm::A192Gcm => aes_gcm::AesGcm::<aes::Aes192, U12>::new_from_slice(key)
                .unwrap()
                .decrypt_inout_detached(nonce, aad, buf.into(), tag),
            _ => aes_gcm::AesGcm::<aes::Aes256, U12>::new_from_slice(key)
                .unwrap()
                .decrypt_inout_detached(nonce, aad, buf.into(), tag),
        }
        .unwrap();
        return buf.len();
    }
    let half = key.len() / 2;
    let al = ((aad.len() as u64) * 8).to_be_bytes();
    let expected: Vec<u8> = match enc {
        ContentAlgorithm::A128CbcHs256 => {
            let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key[..half]).unwrap();
            m.update(aad);
            m.update(iv);
            m.update(buf);
            m.update(&al);
            m.finalize().into_bytes().to_vec()
        }
        ContentAlgorithm::A192CbcHs384 => {
            let mut m = hmac::Hmac::<sha2::Sha384>::new_from_slice(&key[..half]).unwrap();
            m.update(aad);
            m.update(iv);
            m.update(buf);
            m.update(&al);
            m.finalize().into_bytes().to_vec()
        }
        _ => {
            let mut m = hmac::Hmac::<sha2::Sha512>::new_from_slice(&key[..half]).unwrap();
            m.update(aad);
            m.update(iv);
            m.update(buf);
            m.update(&al);
            m.finalize().into_bytes().to_vec()
        }
    };
    assert!(bool::from(subtle::ConstantTimeEq::ct_eq(
        &expected[..half],
        tag
    )));
    let (blocks, _) = Array::slice_as_chunks_mut(buf);
    match enc {
        ContentAlgorithm::A128CbcHs256 => {
            cbc::Decryptor::<aes::Aes128>::new_from_slices(&key[half..], iv)
                .unwrap()
                .decrypt_blocks(blocks)
        }
        ContentAlgorithm::A192CbcHs384 => {
            cbc::Decryptor::<aes::Aes192>::new_from_slices(&key[half..], iv)
                .unwrap()
                .decrypt_blocks(blocks)
        }
        _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key[half..], iv)
            .unwrap()
            .decrypt_blocks(blocks),
    }
    buf.len() - usize::from(buf[buf.len() - 1])
}

/// The JSON reader on hostile shapes: the worst header under the member
/// limit beside a normal one, and claims of growing size (linear time).
fn json_shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group("json");
    let normal = br#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"api-enc-2048","cty":"JWT"}"#;
    group.bench_function("header normal (4 members)", |b| {
        b.iter(|| jose_core::json::parse(black_box(normal)).unwrap())
    });
    // 64 members, the most a header may have; every name escaped, and all
    // alike but for their last character, so each comparison decodes.
    let worst = {
        let members: Vec<String> = (0..jose_core::json::MAX_HEADER_MEMBERS)
            .map(|i| {
                format!(
                    "\"\\u0061\\u0061\\u0061\\u0061{}\":0",
                    format_args!("{i:02}")
                )
            })
            .collect();
        format!("{{{}}}", members.join(","))
    };
    group.bench_function("header worst (64 escaped members)", |b| {
        b.iter(|| jose_core::json::parse(black_box(worst.as_bytes())).unwrap())
    });
    // The same two headers as a whole JWE parse, the work done before any
    // key is touched (base64, JSON, header rules, the other parts' sizes).
    let jwe_with = |header: &[u8]| {
        let encode = |bytes: &[u8]| {
            let mut out = vec![0u8; jose_core::base64url::encoded_len(bytes.len())];
            jose_core::base64url::encode(bytes, &mut out)
                .unwrap()
                .to_string()
        };
        format!(
            "{}.{}.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
            encode(header),
            "A".repeat(342)
        )
    };
    let normal_jwe = jwe_with(normal);
    let worst_header = worst.replacen('{', r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","#, 1);
    let worst_header = worst_header.replacen(r#","\u0061\u0061\u0061\u006100":0"#, "", 1);
    let worst_header = worst_header.replacen(r#","\u0061\u0061\u0061\u006101":0"#, "", 1);
    let worst_jwe = jwe_with(worst_header.as_bytes());
    assert!(jose_core::jwe::Compact::parse(&worst_jwe).is_ok());
    group.bench_function("jwe parse, normal header", |b| {
        b.iter(|| jose_core::jwe::Compact::parse(black_box(&normal_jwe)).unwrap())
    });
    group.bench_function("jwe parse, worst header (64 members)", |b| {
        b.iter(|| jose_core::jwe::Compact::parse(black_box(&worst_jwe)).unwrap())
    });
    // The shape that cost 2.8 ms with the pairwise check: 368 members in
    // 4 KiB. Refused at the 65th member, before the rest is read.
    let crowded = {
        let members: Vec<String> = (0..368).map(|i| format!("\"{i:03}\":1")).collect();
        format!(
            "{{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",{}}}",
            members.join(",")
        )
    };
    let crowded_jwe = jwe_with(crowded.as_bytes());
    group.bench_function("jwe parse, 368-member header (refused)", |b| {
        b.iter(|| jose_core::jwe::Compact::parse(black_box(&crowded_jwe)).unwrap_err())
    });
    for kb in [20usize, 200, 2000] {
        let claims = claims_of(kb * 1024);
        group.throughput(Throughput::Bytes(claims.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("claims", format!("{kb} KB")),
            &claims,
            |b, claims| {
                b.iter(|| jose_core::jwt::Claims::parse(black_box(claims.as_bytes())).unwrap())
            },
        );
    }
    group.finish();
}

/// Claims of about `size` bytes: registered claims, then objects of 256
/// members each (the most an object may have) in an array.
fn claims_of(size: usize) -> String {
    let object = {
        let members: Vec<String> = (0..jose_core::json::MAX_MEMBERS)
            .map(|i| format!("\"m{i}\":{i}"))
            .collect();
        format!("{{{}}}", members.join(","))
    };
    let count = (size / (object.len() + 1)).max(1);
    let objects = vec![object; count].join(",");
    format!(
        r#"{{"iss":"https://tenant.example.auth0.com/","sub":"s","exp":2000000000,"data":[{objects}]}}"#
    )
}

criterion_group!(
    benches,
    whole_job,
    auth0_raw_primitives,
    stages,
    unwrap,
    content_layer,
    json_shapes
);
criterion_main!(benches);
