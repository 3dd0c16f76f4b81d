//! Both backends in one process, on the same inputs (feature `aws-lc-rs`):
//! keys converted with `with_backend`, receivers built over each, every
//! interop token and a few thousand hostile variants of them opened by
//! both, with equal answers (the claims, or the error kind); and tokens
//! produced on one backend opened on the other.
#![cfg(feature = "aws-lc-rs")]

mod common;

use common::interop::{client_set, file};
use common::{load, str_of};
use jose_core::jwe::Encrypter;
use jose_core::jws::Signer;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKeySet};
use jose_core::{
    Accept, Backend, ContentAlgorithm, ErrorKind, KeyAlgorithm, Policy, Receiver,
    SignatureAlgorithm,
};

type Answer = Result<String, ErrorKind>;

/// A receiver whose every key runs on `backend`.
fn receiver(backend: Backend, mine: PrivateKeySet, rules: Validation<'_>, now: u64) -> Receiver {
    Receiver::builder()
        .decryption_keys(mine.with_backend(backend).unwrap())
        .issuer_keys(
            PublicKeySet::from_jwks(&file("issuer.jwks.json"))
                .unwrap()
                .with_backend(backend)
                .unwrap(),
        )
        .rules(rules)
        .accept(Accept::NestedOrSigned)
        .clock(move || now)
        .no_cache()
        .build()
        .unwrap()
}

fn answer(receiver: &Receiver, token: &str) -> Answer {
    receiver
        .open(token)
        .map(|jwt| jwt.claims().json().raw().to_owned())
        .map_err(|e| e.kind())
}

/// `token` with one change: a character of each part replaced, parts
/// swapped, dropped or emptied, the token cut short.
fn variants(token: &str) -> Vec<String> {
    let parts: Vec<&str> = token.split('.').collect();
    let mut out = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        for at in [
            0,
            1,
            part.len() / 2,
            part.len().saturating_sub(2),
            part.len().saturating_sub(1),
        ] {
            let Some(c) = part.as_bytes().get(at) else {
                continue;
            };
            let other = if *c == b'A' { "B" } else { "A" };
            let mut edited = parts.clone();
            let changed = format!("{}{other}{}", &part[..at], &part[at + 1..]);
            edited[index] = &changed;
            out.push(edited.join("."));
        }
        let mut emptied = parts.clone();
        emptied[index] = "";
        out.push(emptied.join("."));
    }
    for (a, b) in [(0, 1), (1, 2), (2, 3), (3, 4), (0, parts.len() - 1)] {
        if b < parts.len() {
            let mut swapped = parts.clone();
            swapped.swap(a, b);
            out.push(swapped.join("."));
        }
    }
    out.push(parts[..parts.len() - 1].join("."));
    out.push(token[..token.len() / 2].to_owned());
    out.push(format!("{token}."));
    out
}

#[test]
fn both_backends_give_the_same_answers_on_every_interop_token_and_its_variants() {
    let v = load("interop/nested.json");
    let now = v["now"].as_u64().unwrap();
    let auth0_rules = Validation::new()
        .issuer(str_of(&v["auth0"], "issuer"))
        .audience(str_of(&v["auth0"], "audience"));
    let curity_rules = Validation::new()
        .issuer(str_of(&v["curity"], "issuer"))
        .audience(str_of(&v["curity"], "audience"))
        .policy(Policy::new().require_cty(true));
    let api = || PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap();
    let pairs = [
        (
            receiver(Backend::RustCrypto, api(), auth0_rules, now),
            receiver(Backend::AwsLcRs, api(), auth0_rules, now),
        ),
        (
            receiver(Backend::RustCrypto, client_set(), curity_rules, now),
            receiver(Backend::AwsLcRs, client_set(), curity_rules, now),
        ),
    ];
    let (mut opened, mut refused) = (0, 0);
    let signed = file("auth0-signed-access-token.jws");
    let mut tokens: Vec<(usize, String)> = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let pair = usize::from(str_of(t, "shape") != "auth0");
            (pair, str_of(t, "compact").to_owned())
        })
        .collect();
    tokens.push((0, signed.trim().to_owned()));
    for (pair, token) in &tokens {
        let (pure, aws) = &pairs[*pair];
        let first = answer(pure, token);
        assert!(first.is_ok(), "{first:?}");
        assert_eq!(first, answer(aws, token));
        opened += 1;
        // The variants of the smaller tokens (the large ones repeat them).
        if token.len() > 8 * 1024 {
            continue;
        }
        for variant in variants(token) {
            let (a, b) = (answer(pure, &variant), answer(aws, &variant));
            assert_eq!(a, b, "{variant}");
            if a.is_err() {
                refused += 1;
            }
        }
    }
    println!("both backends: {opened} tokens opened alike, {refused} variants refused alike");
    assert!(opened >= 17 && refused >= 300, "{opened} {refused}");
}

#[test]
fn a_token_made_on_one_backend_opens_on_the_other() {
    let issuer_jwk = common::interop::issuer_private().to_string();
    let api = PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap();
    let claims = br#"{"iss":"https://tenant.example.auth0.com/","aud":"https://api.example.com","sub":"x","exp":4102444800}"#;
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    for (made, opened) in [
        (Backend::RustCrypto, Backend::AwsLcRs),
        (Backend::AwsLcRs, Backend::RustCrypto),
    ] {
        let signing = PrivateKey::from_jwk(&issuer_jwk)
            .unwrap()
            .with_backend(made)
            .unwrap();
        let recipient = api.keys()[0].public_key().with_backend(made).unwrap();
        for enc in [
            ContentAlgorithm::A256Gcm,
            ContentAlgorithm::A128Gcm,
            ContentAlgorithm::A256CbcHs512,
        ] {
            // The issuer's JWK is restricted to RS256.
            {
                let alg = SignatureAlgorithm::Rs256;
                let signer = Signer::new(&signing, alg).unwrap().kid("issuer-2024");
                let encrypter = Encrypter::new(&recipient, KeyAlgorithm::RsaOaep256, enc).unwrap();
                let token = jwt::sign_and_encrypt_to_string(
                    claims,
                    &signer,
                    &encrypter,
                    &mut jose_core::os_rng(),
                )
                .unwrap();
                let other = receiver(
                    opened,
                    PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap(),
                    rules,
                    1_700_000_000,
                );
                let jwt = other.open(&token).unwrap();
                assert_eq!(
                    jwt.claims().json().raw().as_bytes(),
                    claims,
                    "{made:?} -> {opened:?}"
                );
            }
        }
    }
}
