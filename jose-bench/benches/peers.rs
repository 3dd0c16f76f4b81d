//! jose-core beside josekit (OpenSSL) and the raw primitives, on the same
//! tokens, in one criterion run. `bench/run.sh` runs it once per backend and
//! `bench/report.py` prints the medians and the ratios.
//!
//! Every job checks its answer once before it is timed: the same claims (or
//! plaintext) from jose-core and from josekit.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, criterion_group, criterion_main};
use jose_core::jwe::{Compact, Encrypter};
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKeySet};
use jose_core::{ContentAlgorithm, KeyAlgorithm, Policy};
use josekit::jwk::Jwk;
use rsa::pkcs8::EncodePrivateKey;
use rsa::traits::PublicKeyParts;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/interop/");

fn file(name: &str) -> String {
    std::fs::read_to_string(format!("{VECTORS}{name}")).unwrap()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn b64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).unwrap()
}

/// The id criterion files each jose-core row under.
fn ours() -> String {
    format!("jose-core-{}", jose_core::BACKEND)
}

struct Fixture {
    nested: serde_json::Value,
    api_jwks: serde_json::Value,
    issuer_jwks: serde_json::Value,
    now: u64,
}

impl Fixture {
    fn load() -> Self {
        let nested = json(&file("nested.json"));
        let now = nested["now"].as_u64().unwrap();
        Fixture {
            nested,
            api_jwks: json(&file("api.private.jwks.json")),
            issuer_jwks: json(&file("issuer.jwks.json")),
            now,
        }
    }

    fn token(&self, name: &str) -> String {
        let tokens = self.nested["tokens"].as_array().unwrap();
        let t = tokens.iter().find(|t| t["name"] == name).unwrap();
        t["compact"].as_str().unwrap().to_owned()
    }

    fn claims(&self, name: &str) -> String {
        let tokens = self.nested["tokens"].as_array().unwrap();
        let t = tokens.iter().find(|t| t["name"] == name).unwrap();
        t["claims"].as_str().unwrap().to_owned()
    }

    fn api_jwk(&self, kid: &str) -> &serde_json::Value {
        let keys = self.api_jwks["keys"].as_array().unwrap();
        keys.iter().find(|k| k["kid"] == kid).unwrap()
    }

    /// The Auth0 token's inner signed JWT, decrypted once for the setup.
    fn auth0_inner(&self) -> String {
        let key = PrivateKey::from_jwk(&self.api_jwk("api-enc-2048").to_string()).unwrap();
        let token = self.token("auth0-access-token");
        let jwe = Compact::parse(&token).unwrap();
        String::from_utf8(jwe.decrypt_to_vec(&key).unwrap()).unwrap()
    }

    fn issuer_jwk(&self, kid: &str) -> &serde_json::Value {
        let keys = self.issuer_jwks["keys"].as_array().unwrap();
        keys.iter().find(|k| k["kid"] == kid).unwrap()
    }
}

fn header(token: &str) -> serde_json::Value {
    serde_json::from_slice(&b64(token.split('.').next().unwrap())).unwrap()
}

fn josekit_jwk(value: &serde_json::Value) -> Jwk {
    Jwk::from_bytes(serde_json::to_vec(value).unwrap()).unwrap()
}

fn josekit_decrypter(alg: &str, jwk: &Jwk) -> Box<dyn josekit::jwe::JweDecrypter> {
    use josekit::jwe::{RSA_OAEP, RSA_OAEP_256, RSA_OAEP_384, RSA_OAEP_512};
    match alg {
        "RSA-OAEP" => Box::new(RSA_OAEP.decrypter_from_jwk(jwk).unwrap()),
        "RSA-OAEP-256" => Box::new(RSA_OAEP_256.decrypter_from_jwk(jwk).unwrap()),
        "RSA-OAEP-384" => Box::new(RSA_OAEP_384.decrypter_from_jwk(jwk).unwrap()),
        "RSA-OAEP-512" => Box::new(RSA_OAEP_512.decrypter_from_jwk(jwk).unwrap()),
        other => panic!("{other}"),
    }
}

/// josekit's whole nested job: decrypt, verify the inner RS256 token, and
/// validate iss, aud and the time claims, as jose-core's call does.
struct JosekitNested {
    decrypter: Box<dyn josekit::jwe::JweDecrypter>,
    verifier: josekit::jws::alg::rsassa::RsassaJwsVerifier,
    validator: josekit::jwt::JwtPayloadValidator,
}

impl JosekitNested {
    fn new(
        alg: &str,
        private: &serde_json::Value,
        issuer: &serde_json::Value,
        iss: &str,
        aud: &str,
        now: u64,
    ) -> Self {
        let decrypter = josekit_decrypter(alg, &josekit_jwk(private));
        let verifier = josekit::jws::RS256
            .verifier_from_jwk(&josekit_jwk(issuer))
            .unwrap();
        let mut validator = josekit::jwt::JwtPayloadValidator::new();
        validator.set_base_time(SystemTime::UNIX_EPOCH + Duration::from_secs(now));
        validator.set_issuer(iss);
        validator.set_audience(aud);
        JosekitNested {
            decrypter,
            verifier,
            validator,
        }
    }

    fn open(&self, token: &str) -> String {
        let (inner, _) = josekit::jwe::deserialize_compact(token, &*self.decrypter).unwrap();
        let (payload, _) = josekit::jwt::decode_with_verifier(&inner, &self.verifier).unwrap();
        self.validator.validate(&payload).unwrap();
        payload.to_string()
    }
}

/// One nested job (`name` from vectors/interop/nested.json) for jose-core and
/// josekit.
fn nested_job(c: &mut Criterion, f: &Fixture, group: &str, name: &str, iss: &str, aud: &str) {
    let token = f.token(name);
    let h = header(&token);
    let alg = h["alg"].as_str().unwrap();
    let (key, private_jwk) = match h["kid"].as_str() {
        Some(kid) => {
            let jwk = f.api_jwk(kid).clone();
            (PrivateKey::from_jwk(&jwk.to_string()).unwrap(), jwk)
        }
        None => {
            let key = PrivateKey::from_pem(&file("recipient.key.pem"))
                .unwrap()
                .with_certificate_pem(&file("recipient.cert.pem"))
                .unwrap();
            // josekit insists on a kid header when its key has one; the
            // Curity-shaped token names its key by x5t#S256 instead.
            let mut jwk = json(&file("recipient.private.jwk.json"));
            jwk.as_object_mut().unwrap().remove("kid");
            (key, jwk)
        }
    };
    let inner = Compact::parse(&token)
        .unwrap()
        .decrypt_to_vec(&key)
        .unwrap();
    let inner_kid = header(std::str::from_utf8(&inner).unwrap())["kid"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine = PrivateKeySet::new().with(key).unwrap();
    let issuer = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    let rules = Validation::new().issuer(iss).audience(aud);
    let josekit = JosekitNested::new(alg, &private_jwk, f.issuer_jwk(&inner_kid), iss, aud, f.now);

    // Same answer from both, and the one the generator signed.
    let mut buf = vec![0u8; token.len()];
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let ours_claims = jwt::decrypt_and_verify(
        &token,
        &jwt::Trust::nested(&mine, &issuer, &rules, f.now),
        &mut rng,
        &mut buf,
    )
    .unwrap()
    .claims()
    .json()
    .raw()
    .to_owned();
    assert_eq!(ours_claims, f.claims(name));
    let theirs: serde_json::Value = serde_json::from_str(&josekit.open(&token)).unwrap();
    assert_eq!(theirs, json(&ours_claims));

    let mut g = c.benchmark_group(group);
    g.bench_function(ours(), |b| {
        b.iter(|| {
            let jwt = jwt::decrypt_and_verify(
                &token,
                &jwt::Trust::nested(&mine, &issuer, &rules, f.now),
                &mut rng,
                &mut buf,
            )
            .unwrap();
            jwt.claims().json().raw().len()
        })
    });
    g.bench_function("josekit", |b| b.iter(|| josekit.open(&token).len()));
    g.finish();
}

fn auth0(c: &mut Criterion) {
    let f = Fixture::load();
    let (iss, aud) = (
        "https://tenant.example.auth0.com/",
        "https://api.example.com",
    );
    nested_job(
        c,
        &f,
        "auth0 RSA-OAEP-256 2048 + A256GCM, RS256",
        "auth0-access-token",
        iss,
        aud,
    );
    nested_job(
        c,
        &f,
        "auth0 RSA-OAEP-512 4096 + A256GCM, RS256",
        "auth0-rsa-oaep-512-300",
        iss,
        aud,
    );
}

fn curity(c: &mut Criterion) {
    let f = Fixture::load();
    let iss = f.nested["curity"]["issuer"].as_str().unwrap().to_owned();
    let aud = f.nested["curity"]["audience"].as_str().unwrap().to_owned();
    nested_job(
        c,
        &f,
        "curity RSA-OAEP 2048 + A256CBC-HS512, RS256",
        "curity-id-token",
        &iss,
        &aud,
    );
}

/// Plain JWEs (RSA-OAEP-256 2048 + A256GCM) of 1 KiB, 64 KiB, 1 MiB and 10
/// MiB of plaintext, made by jose-core once, opened by both: the slope of
/// opening against the token's size. Then the 1 MiB token opened by two
/// threads at once with one shared key (one iteration = both opens done).
fn bulk(c: &mut Criterion) {
    let f = Fixture::load();
    let jwk = f.api_jwk("api-enc-2048").clone();
    let key = PrivateKey::from_jwk(&jwk.to_string()).unwrap();
    let public = key.public_key();
    let encrypter =
        Encrypter::new(&public, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm).unwrap();
    let decrypter = josekit_decrypter("RSA-OAEP-256", &josekit_jwk(&jwk));
    let policy = Policy::new().max_token_len(16 << 20);
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());

    for (label, len) in [
        ("1 KiB", 1usize << 10),
        ("64 KiB", 64 << 10),
        ("1 MiB", 1 << 20),
        ("10 MiB", 10 << 20),
    ] {
        let plaintext: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let mut out = vec![0u8; encrypter.output_len(plaintext.len()).unwrap()];
        let token = encrypter
            .encrypt(&plaintext, &mut rng, &mut out)
            .unwrap()
            .to_owned();
        let mut buf = vec![0u8; plaintext.len()];
        let jwe = Compact::parse_with_policy(&token, &policy).unwrap();
        assert_eq!(
            jwe.decrypt(&key, &mut rng, &mut buf).unwrap(),
            &plaintext[..]
        );
        assert_eq!(
            josekit::jwe::deserialize_compact(&token, &*decrypter)
                .unwrap()
                .0,
            plaintext
        );

        let mut g = c.benchmark_group(format!("JWE RSA-OAEP-256 2048 + A256GCM, {label}"));
        g.sample_size(if len > 1 << 20 { 10 } else { 30 });
        g.bench_function(ours(), |b| {
            b.iter(|| {
                let jwe = Compact::parse_with_policy(&token, &policy).unwrap();
                jwe.decrypt(&key, &mut rng, &mut buf).unwrap().len()
            })
        });
        g.bench_function("josekit", |b| {
            b.iter(|| {
                josekit::jwe::deserialize_compact(&token, &*decrypter)
                    .unwrap()
                    .0
                    .len()
            })
        });
        g.finish();

        if len != 1 << 20 {
            continue;
        }
        let (token, key, policy, decrypter) = (&token, &key, &policy, &decrypter);
        let mut g = c.benchmark_group("JWE 1 MiB, two threads sharing one key (both opens)");
        g.sample_size(20);
        g.bench_function(ours(), |b| {
            b.iter_custom(|iters| {
                two_threads(iters, || {
                    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
                    let mut buf = vec![0u8; len];
                    move || {
                        let jwe = Compact::parse_with_policy(token, policy).unwrap();
                        jwe.decrypt(key, &mut rng, &mut buf).unwrap().len()
                    }
                })
            })
        });
        g.bench_function("josekit", |b| {
            b.iter_custom(|iters| {
                two_threads(iters, || {
                    || {
                        josekit::jwe::deserialize_compact(token, &**decrypter)
                            .unwrap()
                            .0
                            .len()
                    }
                })
            })
        });
        g.finish();
    }
}

/// Runs `iters` calls of the job `make` returns on each of two threads at
/// once and answers the wall time until both are done.
fn two_threads<M, J>(iters: u64, make: M) -> Duration
where
    M: Fn() -> J + Sync,
    J: FnMut() -> usize,
{
    let barrier = std::sync::Barrier::new(2);
    let times: Vec<Duration> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut job = make();
                    barrier.wait();
                    let start = std::time::Instant::now();
                    for _ in 0..iters {
                        std::hint::black_box(job());
                    }
                    start.elapsed()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    times.into_iter().max().expect("two threads ran")
}

/// A JWS vector of `vectors/rfc/`: its token, public key and signature,
/// after checking that jose-core and josekit (`verifier`) both accept it;
/// then the "parse + verify" group of the two, named `group`.
struct RfcJws {
    vector: serde_json::Value,
    token: String,
    signature: Vec<u8>,
}

fn rfc_jws(
    c: &mut Criterion,
    file: &str,
    group: &str,
    verifier: impl Fn(&Jwk) -> Box<dyn josekit::jws::JwsVerifier>,
) -> RfcJws {
    let path = format!("{}/../vectors/rfc/{file}", env!("CARGO_MANIFEST_DIR"));
    let vector = json(&std::fs::read_to_string(path).unwrap());
    let token = vector["compact"].as_str().unwrap().to_owned();
    let public = vector["public_key"].to_string();
    let key = jose_core::keys::PublicKey::from_jwk(&public).unwrap();
    let verifier = verifier(&Jwk::from_bytes(public.as_bytes()).unwrap());
    jose_core::jws::Compact::parse(&token)
        .unwrap()
        .verify(&key)
        .unwrap();
    josekit::jws::deserialize_compact(&token, &*verifier).unwrap();
    let mut g = c.benchmark_group(group);
    g.bench_function(ours(), |b| {
        b.iter(|| {
            jose_core::jws::Compact::parse(&token)
                .unwrap()
                .verify(&key)
                .is_ok()
        })
    });
    g.bench_function("josekit", |b| {
        b.iter(|| josekit::jws::deserialize_compact(&token, &*verifier).is_ok())
    });
    g.finish();
    let signature = b64(token.rsplit_once('.').unwrap().1);
    RfcJws {
        vector,
        token,
        signature,
    }
}

impl RfcJws {
    fn signing_input(&self) -> &str {
        self.token.rsplit_once('.').unwrap().0
    }

    fn public_member(&self, name: &str) -> Vec<u8> {
        b64(self.vector["public_key"][name].as_str().unwrap())
    }
}

/// ES256 verification of RFC 7515 A.3 (parse + verify), beside josekit and
/// the raw P-256 verifications (SHA-256 of the signing input included).
fn es256_verify(c: &mut Criterion) {
    let case = rfc_jws(
        c,
        "rfc7515_A3_es256.json",
        "ES256 verify (parse + verify)",
        |jwk| Box::new(josekit::jws::ES256.verifier_from_jwk(jwk).unwrap()),
    );
    let (input, signature) = (case.signing_input(), &case.signature);
    let point = [
        &[4u8][..],
        &case.public_member("x"),
        &case.public_member("y"),
    ]
    .concat();
    let rc_key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).unwrap();
    let rc_sig = p256::ecdsa::Signature::from_slice(signature).unwrap();
    let aws_key = aws_lc_rs::signature::ParsedPublicKey::new(
        &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED,
        &point,
    )
    .unwrap();
    let mut g = c.benchmark_group("raw ES256 verify (with SHA-256)");
    g.bench_function("p256-crate", |b| {
        b.iter(|| {
            use p256::ecdsa::signature::Verifier;
            rc_key.verify(input.as_bytes(), &rc_sig).is_ok()
        })
    });
    g.bench_function("aws-lc-rs", |b| {
        b.iter(|| aws_key.verify_sig(input.as_bytes(), signature).is_ok())
    });
    g.finish();
}

/// EdDSA verification of RFC 8037 A.4 (parse + verify), beside josekit and
/// the raw Ed25519 verifications (ed25519-dalek strict, aws-lc).
fn eddsa_verify(c: &mut Criterion) {
    let case = rfc_jws(
        c,
        "rfc8037_A4_A5_eddsa_ed25519.json",
        "EdDSA verify (parse + verify)",
        |jwk| Box::new(josekit::jws::EdDSA.verifier_from_jwk(jwk).unwrap()),
    );
    let (input, signature) = (case.signing_input(), &case.signature);
    let x: [u8; 32] = case.public_member("x").try_into().unwrap();
    let dalek_key = ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap();
    let dalek_sig = ed25519_dalek::Signature::from_slice(signature).unwrap();
    let aws_key =
        aws_lc_rs::signature::ParsedPublicKey::new(&aws_lc_rs::signature::ED25519, x).unwrap();
    let mut g = c.benchmark_group("raw Ed25519 verify");
    g.bench_function("ed25519-dalek (strict)", |b| {
        b.iter(|| {
            dalek_key
                .verify_strict(input.as_bytes(), &dalek_sig)
                .is_ok()
        })
    });
    g.bench_function("aws-lc-rs", |b| {
        b.iter(|| aws_key.verify_sig(input.as_bytes(), signature).is_ok())
    });
    g.finish();
}

/// RS256 verification of the Auth0 token's inner JWS (2048-bit issuer key).
fn rs256_verify(c: &mut Criterion) {
    let f = Fixture::load();
    let inner = f.auth0_inner();
    let inner_kid = header(&inner)["kid"].as_str().unwrap().to_owned();
    let issuer = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    let verifier = josekit::jws::RS256
        .verifier_from_jwk(&josekit_jwk(f.issuer_jwk(&inner_kid)))
        .unwrap();
    jose_core::jws::Compact::parse(&inner)
        .unwrap()
        .verify(&issuer)
        .unwrap();
    josekit::jws::deserialize_compact(&inner, &verifier).unwrap();

    let mut g = c.benchmark_group("RS256 verify 2048 (parse + verify)");
    g.bench_function(ours(), |b| {
        b.iter(|| {
            jose_core::jws::Compact::parse(&inner)
                .unwrap()
                .verify(&issuer)
                .unwrap()
                .kid()
                .is_some()
        })
    });
    g.bench_function("josekit", |b| {
        b.iter(|| {
            josekit::jws::deserialize_compact(&inner, &verifier)
                .unwrap()
                .0
                .len()
        })
    });
    g.finish();
}

/// The raw operations under the jobs, in three libraries.
fn raw(c: &mut Criterion) {
    let f = Fixture::load();
    let token = f.token("auth0-access-token");
    let jwk = f.api_jwk("api-enc-2048");
    let part = |name: &str| b64(jwk[name].as_str().unwrap());
    let precision = (part("n").len() * 8) as u32;
    let at = |name: &str| rsa::BoxedUint::from_be_slice(&part(name), precision).unwrap();
    let mut private = rsa::PrivateKey::from_components(
        at("n"),
        rsa::BoxedUint::from_be_slice_vartime(&part("e")),
        at("d"),
        vec![at("p"), at("q")],
    )
    .unwrap();
    private.precompute().unwrap();
    let pkcs8 = private.to_pkcs8_der().unwrap();
    let encrypted_key = b64(token.split('.').nth(1).unwrap());

    let aws = aws_lc_rs::rsa::OaepPrivateDecryptingKey::new(
        aws_lc_rs::rsa::PrivateDecryptingKey::from_pkcs8(pkcs8.as_bytes()).unwrap(),
    )
    .unwrap();
    let ossl = openssl::pkey::PKey::private_key_from_der(pkcs8.as_bytes()).unwrap();
    let ossl_decrypt = |out: &mut [u8]| {
        let mut d = openssl::encrypt::Decrypter::new(&ossl).unwrap();
        d.set_rsa_padding(openssl::rsa::Padding::PKCS1_OAEP)
            .unwrap();
        d.set_rsa_oaep_md(openssl::hash::MessageDigest::sha256())
            .unwrap();
        d.set_rsa_mgf1_md(openssl::hash::MessageDigest::sha256())
            .unwrap();
        d.decrypt(&encrypted_key, out).unwrap()
    };
    let mut out = [0u8; 256];
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let cek = private
        .decrypt_blinded(&mut rng, rsa::Oaep::<sha2::Sha256>::new(), &encrypted_key)
        .unwrap();
    assert_eq!(ossl_decrypt(&mut out), 32);
    assert_eq!(&out[..32], &cek[..]);

    let mut g = c.benchmark_group("raw RSA-2048 OAEP-256 decrypt");
    g.bench_function("rsa-crate", |b| {
        b.iter(|| {
            private
                .decrypt_blinded(&mut rng, rsa::Oaep::<sha2::Sha256>::new(), &encrypted_key)
                .unwrap()
                .len()
        })
    });
    g.bench_function("aws-lc-rs", |b| {
        b.iter(|| {
            aws.decrypt(
                &aws_lc_rs::rsa::OAEP_SHA256_MGF1SHA256,
                &encrypted_key,
                &mut out,
                None,
            )
            .unwrap()
            .len()
        })
    });
    g.bench_function("openssl", |b| b.iter(|| ossl_decrypt(&mut out)));
    g.finish();

    // RS256 over the inner token's signing input.
    let inner = f.auth0_inner();
    let (input, signature) = inner.rsplit_once('.').unwrap();
    let signature = b64(signature);
    let issuer = f.issuer_jwk(header(&inner)["kid"].as_str().unwrap());
    let (n, e) = (
        b64(issuer["n"].as_str().unwrap()),
        b64(issuer["e"].as_str().unwrap()),
    );
    let public = rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice_vartime(&n),
        rsa::BoxedUint::from_be_slice_vartime(&e),
    )
    .unwrap();
    assert_eq!(public.size(), 256);
    let aws_public = aws_lc_rs::rsa::PublicKeyComponents {
        n: &n[..],
        e: &e[..],
    }
    .to_parsed_public_key(&aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256)
    .unwrap();
    let ossl_public = openssl::pkey::PKey::from_rsa(
        openssl::rsa::Rsa::from_public_components(
            openssl::bn::BigNum::from_slice(&n).unwrap(),
            openssl::bn::BigNum::from_slice(&e).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    let ossl_verify = || {
        let mut v =
            openssl::sign::Verifier::new(openssl::hash::MessageDigest::sha256(), &ossl_public)
                .unwrap();
        v.update(input.as_bytes()).unwrap();
        v.verify(&signature).unwrap()
    };
    assert!(ossl_verify());
    let mut g = c.benchmark_group("raw RS256 verify 2048 (with SHA-256)");
    g.bench_function("rsa-crate", |b| {
        b.iter(|| {
            use sha2::Digest;
            public
                .verify(
                    rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                    &sha2::Sha256::digest(input.as_bytes()),
                    &signature,
                )
                .is_ok()
        })
    });
    g.bench_function("aws-lc-rs", |b| {
        b.iter(|| aws_public.verify_sig(input.as_bytes(), &signature).is_ok())
    });
    g.bench_function("openssl", |b| b.iter(ossl_verify));
    g.finish();

    // The ciphertext text of a 1 MiB JWE (1,398,102 characters) decoded by
    // each base64url decoder the crate could use: the decoder's own speed.
    let bytes: Vec<u8> = (0..1usize << 20).map(|i| (i % 251) as u8).collect();
    let text = URL_SAFE_NO_PAD.encode(&bytes);
    let mut out = vec![0u8; bytes.len()];
    let mut g = c.benchmark_group("raw base64url decode 1 MiB");
    g.sample_size(30);
    g.bench_function("base64-simd", |b| {
        b.iter(|| {
            base64_simd::URL_SAFE_NO_PAD
                .decode(text.as_bytes(), base64_simd::Out::from_slice(&mut out))
                .unwrap()
                .len()
        })
    });
    g.bench_function("base64", |b| {
        b.iter(|| URL_SAFE_NO_PAD.decode_slice(&text, &mut out).unwrap())
    });
    g.bench_function("base64ct", |b| {
        b.iter(|| {
            use base64ct::Encoding as _;
            base64ct::Base64UrlUnpadded::decode(&text, &mut out)
                .unwrap()
                .len()
        })
    });
    g.finish();

    // AES-256-GCM over 1 MiB, key setup included.
    let key = [7u8; 32];
    let iv = [9u8; 12];
    let mut data = vec![0x5Au8; 1 << 20];
    let tag = {
        use aes_gcm::aead::{AeadInOut, KeyInit};
        let cipher = aes_gcm::Aes256Gcm::new_from_slice(&key).unwrap();
        cipher
            .encrypt_inout_detached((&iv).into(), b"aad", data.as_mut_slice().into())
            .unwrap()
    };
    let ciphertext = data.clone();
    let mut g = c.benchmark_group("raw A256GCM decrypt 1 MiB");
    g.sample_size(30);
    g.bench_function("aes-gcm-crate", |b| {
        b.iter(|| {
            use aes_gcm::aead::{AeadInOut, KeyInit};
            data.copy_from_slice(&ciphertext);
            let cipher = aes_gcm::Aes256Gcm::new_from_slice(&key).unwrap();
            cipher
                .decrypt_inout_detached((&iv).into(), b"aad", data.as_mut_slice().into(), &tag)
                .is_ok()
        })
    });
    g.bench_function("aws-lc-rs", |b| {
        b.iter(|| {
            use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
            data.copy_from_slice(&ciphertext);
            let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap());
            k.open_in_place_separate_tag(
                Nonce::assume_unique_for_key(iv),
                Aad::from(b"aad"),
                &tag,
                &mut data,
            )
            .is_ok()
        })
    });
    g.bench_function("openssl", |b| {
        b.iter(|| {
            data.copy_from_slice(&ciphertext);
            openssl::symm::decrypt_aead(
                openssl::symm::Cipher::aes_256_gcm(),
                &key,
                Some(&iv),
                b"aad",
                &ciphertext,
                &tag,
            )
            .unwrap()
            .len()
        })
    });
    g.finish();
}

/// HS256 verification of RFC 7515 A.1 (parse + verify) beside josekit and
/// the raw HMAC-SHA256 (RustCrypto's `hmac`, aws-lc-rs) with a
/// constant-time compare.
fn hs256_verify(c: &mut Criterion) {
    let path = format!(
        "{}/../vectors/rfc/rfc7515_A1_hs256.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let vector = json(&std::fs::read_to_string(path).unwrap());
    let token = vector["compact"].as_str().unwrap().to_owned();
    let secret = b64(vector["key"]["k"].as_str().unwrap());
    let key = jose_core::keys::SecretKey::from_bytes(&secret).unwrap();
    let verifier = josekit::jws::HS256.verifier_from_bytes(&secret).unwrap();
    jose_core::jws::Compact::parse(&token)
        .unwrap()
        .verify(&key)
        .unwrap();
    josekit::jws::deserialize_compact(&token, &verifier).unwrap();
    let mut g = c.benchmark_group("HS256 verify (parse + verify)");
    g.bench_function(ours(), |b| {
        b.iter(|| {
            jose_core::jws::Compact::parse(&token)
                .unwrap()
                .verify(&key)
                .is_ok()
        })
    });
    g.bench_function("josekit", |b| {
        b.iter(|| josekit::jws::deserialize_compact(&token, &verifier).is_ok())
    });
    g.finish();
    let (input, tag) = token.rsplit_once('.').unwrap();
    let tag = b64(tag);
    let aws_key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &secret);
    let mut g = c.benchmark_group("raw HMAC-SHA256 verify");
    g.bench_function("hmac-crate", |b| {
        b.iter(|| {
            use hmac::{KeyInit, Mac};
            let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&secret).unwrap();
            mac.update(input.as_bytes());
            mac.verify_slice(&tag).is_ok()
        })
    });
    g.bench_function("aws-lc-rs", |b| {
        b.iter(|| aws_lc_rs::hmac::verify(&aws_key, input.as_bytes(), &tag).is_ok())
    });
    g.finish();
}

/// A nested token made here: an ES256 JWS (a P-256 issuer key) inside a
/// JWE for `recipient` with `alg` + A256GCM; opened by jose-core (decrypt,
/// verify, validate) and by josekit (the same three steps).
fn ec_nested(c: &mut Criterion, group: &str, recipient: &PrivateKey, alg: KeyAlgorithm) {
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let issuer_key = PrivateKey::generate_ec(jose_core::Curve::P256, &mut rng).unwrap();
    let (iss, aud, now) = (
        "https://idsvr.example.com/oauth",
        "client-1",
        1_700_000_100u64,
    );
    let claims = format!(
        r#"{{"iss":"{iss}","aud":"{aud}","sub":"alice","iat":1700000000,"exp":1700003600,"scope":"read write"}}"#
    );
    let signer = jose_core::jws::Signer::new(&issuer_key, jose_core::SignatureAlgorithm::Es256)
        .unwrap()
        .typ("JWT");
    let public = recipient.public_key();
    let encrypter = Encrypter::new(&public, alg, ContentAlgorithm::A256Gcm)
        .unwrap()
        .cty("JWT");
    let mut out = vec![0u8; jwt::nested_len(claims.len(), &signer, &encrypter).unwrap()];
    let token = jwt::sign_and_encrypt(claims.as_bytes(), &signer, &encrypter, &mut rng, &mut out)
        .unwrap()
        .to_owned();
    let mine = PrivateKeySet::new().with(recipient.clone()).unwrap();
    let issuer = PublicKeySet::new().with(issuer_key.public_key()).unwrap();
    let rules = Validation::new().issuer(iss).audience(aud);

    let private_jwk = josekit_jwk(&json(&recipient.private_jwk().unwrap()));
    let decrypter: Box<dyn josekit::jwe::JweDecrypter> = match alg {
        KeyAlgorithm::EcdhEsA256Kw => Box::new(
            josekit::jwe::ECDH_ES_A256KW
                .decrypter_from_jwk(&private_jwk)
                .unwrap(),
        ),
        other => josekit_decrypter(other.name(), &private_jwk),
    };
    let verifier = josekit::jws::ES256
        .verifier_from_jwk(&josekit_jwk(&json(&issuer_key.public_key().jwk().unwrap())))
        .unwrap();
    let mut validator = josekit::jwt::JwtPayloadValidator::new();
    validator.set_base_time(SystemTime::UNIX_EPOCH + Duration::from_secs(now));
    validator.set_issuer(iss);
    validator.set_audience(aud);
    let josekit_open = |token: &str| {
        let (inner, _) = josekit::jwe::deserialize_compact(token, &*decrypter).unwrap();
        let (payload, _) = josekit::jwt::decode_with_verifier(&inner, &verifier).unwrap();
        validator.validate(&payload).unwrap();
        payload.to_string()
    };

    let mut buf = vec![0u8; token.len()];
    let opened = jwt::decrypt_and_verify(
        &token,
        &jwt::Trust::nested(&mine, &issuer, &rules, now),
        &mut rng,
        &mut buf,
    )
    .unwrap()
    .claims()
    .json()
    .raw()
    .to_owned();
    assert_eq!(json(&opened), json(&josekit_open(&token)));
    let mut g = c.benchmark_group(group);
    g.bench_function(ours(), |b| {
        b.iter(|| {
            jwt::decrypt_and_verify(
                &token,
                &jwt::Trust::nested(&mine, &issuer, &rules, now),
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
    g.bench_function("josekit", |b| b.iter(|| josekit_open(&token).len()));
    g.finish();
}

/// ECDH-ES+A256KW on P-256 around ES256, RSA-OAEP-256 around ES256, and
/// the raw P-256 ECDH beside them (RustCrypto's arithmetic, aws-lc-rs).
fn ecdh_nested(c: &mut Criterion) {
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let recipient = PrivateKey::generate_ec(jose_core::Curve::P256, &mut rng).unwrap();
    ec_nested(
        c,
        "nested ECDH-ES+A256KW (P-256) + A256GCM around ES256",
        &recipient,
        KeyAlgorithm::EcdhEsA256Kw,
    );
    let api = json(&file("api.private.jwks.json"));
    let rsa = PrivateKey::from_jwk(&api["keys"][0].to_string()).unwrap();
    ec_nested(
        c,
        "nested RSA-OAEP-256 (2048) + A256GCM around ES256",
        &rsa,
        KeyAlgorithm::RsaOaep256,
    );

    let scalar = p256::SecretKey::from_slice(&[0x11; 32]).unwrap();
    let peer = p256::SecretKey::from_slice(&[0x22; 32])
        .unwrap()
        .public_key();
    let peer_point = {
        use p256::elliptic_curve::sec1::ToSec1Point;
        peer.to_sec1_point(false)
    };
    let aws_key = aws_lc_rs::agreement::PrivateKey::from_private_key(
        &aws_lc_rs::agreement::ECDH_P256,
        &[0x11; 32],
    )
    .unwrap();
    let mut g = c.benchmark_group("raw P-256 ECDH");
    g.bench_function("p256-crate", |b| {
        b.iter(|| {
            use p256::elliptic_curve::point::AffineCoordinates;
            let point = p256::ProjectivePoint::from(*peer.as_affine())
                * scalar.to_nonzero_scalar().as_ref();
            point.to_affine().x()[0]
        })
    });
    g.bench_function("aws-lc-rs", |b| {
        b.iter(|| {
            let unparsed = aws_lc_rs::agreement::UnparsedPublicKey::new(
                &aws_lc_rs::agreement::ECDH_P256,
                peer_point.as_bytes(),
            );
            aws_lc_rs::agreement::agree(&aws_key, unparsed, (), |z| Ok(z[0])).unwrap()
        })
    });
    g.finish();
}

criterion_group! {
    name = peers;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    targets = auth0, curity, bulk, rs256_verify, es256_verify, eddsa_verify, hs256_verify, ecdh_nested, raw
}
criterion_main!(peers);
