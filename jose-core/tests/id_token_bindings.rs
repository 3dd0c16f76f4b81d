//! An ID token's `at_hash`, `c_hash` and `s_hash` (OpenID Connect Core
//! §3.3.2.11, FAPI 1.0 Advanced §5.2.2.1) checked on every opening path:
//! hashes computed here with `sha2` and `base64ct` (not the crate's), for
//! each signature hash (SHA-256, SHA-384, SHA-512, and SHA-512 for EdDSA);
//! a wrong, missing or malformed binding refused by name; claims-only
//! validation refusing rules that ask for a binding; the owned rules of a
//! `Receiver` keeping them; no credential in `Debug`.

mod common;

use base64ct::{Base64UrlUnpadded, Encoding};
use jose_core::jws::Signer;
use jose_core::jwt::{self, Claims, OwnedValidation, Trust, Validation};
use jose_core::keys::{PrivateKey, PublicKeySet, SecretKey};
use jose_core::{ErrorKind, Receiver, SignatureAlgorithm};
use sha2::Digest;

const NOW: u64 = 1_700_000_100;
const ACCESS_TOKEN: &str = "an access token from the same response";
const CODE: &str = "SplxlOBeZQQYbYS6WxSbIA";
const STATE: &str = "af0ifjsldkj";

/// The left half of `D`'s hash of `value`, base64url: computed here.
fn half<D: Digest>(value: &str) -> String {
    let digest = D::digest(value.as_bytes());
    Base64UrlUnpadded::encode_string(&digest[..digest.len() / 2])
}

fn expected(alg: SignatureAlgorithm, value: &str) -> String {
    match alg.name() {
        "RS256" | "PS256" | "ES256" | "HS256" => half::<sha2::Sha256>(value),
        "RS384" | "PS384" | "ES384" | "HS384" => half::<sha2::Sha384>(value),
        _ => half::<sha2::Sha512>(value),
    }
}

fn id_token(signer: &Signer<'_>, extra: &[(&str, String)]) -> String {
    let mut claims = serde_json::json!({
        "iss": "https://op.example", "aud": "client-1", "sub": "u-1",
        "exp": NOW + 300, "iat": NOW - 10,
    });
    for (name, value) in extra {
        claims[*name] = value.clone().into();
    }
    let claims = claims.to_string();
    let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
    signer
        .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned()
}

fn all_bindings(alg: SignatureAlgorithm) -> Vec<(&'static str, String)> {
    vec![
        ("at_hash", expected(alg, ACCESS_TOKEN)),
        ("c_hash", expected(alg, CODE)),
        ("s_hash", expected(alg, STATE)),
    ]
}

fn rules() -> Validation<'static> {
    Validation::id_token("https://op.example", "client-1")
        .at_hash(ACCESS_TOKEN)
        .c_hash(CODE)
        .s_hash(STATE)
}

fn open(
    token: &str,
    issuer: &impl jose_core::keys::IssuerKeys,
    rules: &Validation<'_>,
) -> Result<(), ErrorKind> {
    let mut buf = vec![0u8; token.len()];
    jwt::verify(token, &Trust::signed(issuer, rules, NOW), &mut buf)
        .map(|_| ())
        .map_err(|e| e.kind())
}

/// Each signature hash, through `jwt::verify`: the three bindings pass;
/// any one wrong, missing or not a string is refused by name.
#[test]
fn bindings_are_checked_under_each_signature_hash() {
    let mut cases: Vec<(SignatureAlgorithm, PrivateKey)> = vec![(
        SignatureAlgorithm::Rs256,
        PrivateKey::generate(2048, &mut jose_core::os_rng()).unwrap(),
    )];
    if cfg!(feature = "ecdsa") {
        for (alg, pem) in [
            (
                SignatureAlgorithm::Es384,
                include_str!("../../vectors/ec/p384.pkcs8.pem"),
            ),
            (
                SignatureAlgorithm::Es512,
                include_str!("../../vectors/ec/p521.pkcs8.pem"),
            ),
        ] {
            cases.push((alg, PrivateKey::from_pem(pem).unwrap()));
        }
    }
    if cfg!(feature = "eddsa") {
        let pem = include_str!("../../vectors/eddsa/ed25519.pkcs8.pem");
        cases.push((
            SignatureAlgorithm::EdDsa,
            PrivateKey::from_pem(pem).unwrap(),
        ));
    }
    for (alg, key) in &cases {
        let issuer = PublicKeySet::new().with(key.public_key()).unwrap();
        let signer = Signer::new(key, *alg).unwrap();
        let good = id_token(&signer, &all_bindings(*alg));
        assert_eq!(open(&good, &issuer, &rules()), Ok(()), "{alg:?}");
        for claim in ["at_hash", "c_hash", "s_hash"] {
            // Another value's hash.
            let mut wrong = all_bindings(*alg);
            wrong.iter_mut().find(|(n, _)| *n == claim).unwrap().1 = expected(*alg, "other");
            let token = id_token(&signer, &wrong);
            assert_eq!(
                open(&token, &issuer, &rules()),
                Err(ErrorKind::Claim),
                "{alg:?} {claim}"
            );
            // Absent.
            let without: Vec<_> = all_bindings(*alg)
                .into_iter()
                .filter(|(n, _)| *n != claim)
                .collect();
            let token = id_token(&signer, &without);
            assert_eq!(
                open(&token, &issuer, &rules()),
                Err(ErrorKind::MissingClaim),
                "{alg:?} {claim}"
            );
            // The hash of another signature algorithm (SHA-256 under ES384).
            let mut other_hash = all_bindings(*alg);
            let value = [ACCESS_TOKEN, CODE, STATE][["at_hash", "c_hash", "s_hash"]
                .iter()
                .position(|c| *c == claim)
                .unwrap()];
            let sha = if alg.name().ends_with("256") {
                half::<sha2::Sha512>(value)
            } else {
                half::<sha2::Sha256>(value)
            };
            other_hash.iter_mut().find(|(n, _)| *n == claim).unwrap().1 = sha;
            let token = id_token(&signer, &other_hash);
            assert_eq!(
                open(&token, &issuer, &rules()),
                Err(ErrorKind::Claim),
                "{alg:?} {claim}"
            );
        }
        // Unbound rules ignore the claims.
        let plain = Validation::id_token("https://op.example", "client-1");
        assert_eq!(open(&good, &issuer, &plain), Ok(()));
    }
}

/// HS256 with the client secret (the ID tokens OpenID Providers sign
/// with it), through the same path.
#[test]
fn hmac_id_tokens_are_bound_too() {
    let secret =
        SecretKey::from_client_secret("a client secret of thirty-two bytes or more").unwrap();
    let signer = Signer::hmac(&secret, SignatureAlgorithm::Hs256).unwrap();
    let alg = SignatureAlgorithm::Hs256;
    let token = id_token(&signer, &all_bindings(alg));
    assert_eq!(open(&token, &secret, &rules()), Ok(()));
    let token = id_token(
        &signer,
        &[
            ("at_hash", expected(alg, "x")),
            ("c_hash", expected(alg, CODE)),
            ("s_hash", expected(alg, STATE)),
        ],
    );
    assert_eq!(open(&token, &secret, &rules()), Err(ErrorKind::Claim));
}

/// A binding is malformed when the claim is not a string.
#[test]
fn a_binding_that_is_not_a_string_is_malformed() {
    let key = PrivateKey::generate(2048, &mut jose_core::os_rng()).unwrap();
    let issuer = PublicKeySet::new().with(key.public_key()).unwrap();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let claims = format!(
        r#"{{"iss":"https://op.example","aud":"client-1","exp":{},"iat":{},"at_hash":7}}"#,
        NOW + 300,
        NOW - 10
    );
    let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
    let token = signer
        .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned();
    let rules = Validation::id_token("https://op.example", "client-1").at_hash(ACCESS_TOKEN);
    assert_eq!(open(&token, &issuer, &rules), Err(ErrorKind::Malformed));
}

/// Claims alone carry no `alg`: `validate` refuses rules that ask for a
/// binding instead of skipping it.
#[test]
fn claims_only_validation_refuses_rules_with_bindings() {
    let claims =
        Claims::parse(br#"{"iss":"https://op.example","aud":"client-1","exp":2000000000,"iat":1}"#)
            .unwrap();
    for rules in [
        Validation::id_token("https://op.example", "client-1").at_hash(ACCESS_TOKEN),
        Validation::id_token("https://op.example", "client-1").c_hash(CODE),
        Validation::id_token("https://op.example", "client-1").s_hash(STATE),
    ] {
        assert_eq!(
            rules.validate(&claims, NOW).unwrap_err().kind(),
            ErrorKind::Configuration
        );
    }
    assert!(
        Validation::id_token("https://op.example", "client-1")
            .validate(&claims, NOW)
            .is_ok()
    );
}

/// Owned rules (what a `Receiver` keeps) keep the bindings; their `Debug`
/// says a binding is asked for and never shows the access token or code.
#[test]
fn owned_rules_keep_the_bindings_and_debug_shows_no_credential() {
    let key = PrivateKey::generate(2048, &mut jose_core::os_rng()).unwrap();
    let issuer = PublicKeySet::new().with(key.public_key()).unwrap();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let alg = SignatureAlgorithm::Rs256;
    let good = id_token(&signer, &all_bindings(alg));
    let owned = OwnedValidation::from(&rules());
    assert_eq!(open(&good, &issuer, &owned.as_validation()), Ok(()));
    let shown = format!("{:?} {:?}", rules(), owned);
    assert!(
        !shown.contains(ACCESS_TOKEN) && !shown.contains(CODE),
        "{shown}"
    );
    assert!(shown.contains("at_hash: true"), "{shown}");

    let receiver = Receiver::builder()
        .issuer_keys(issuer)
        .rules(rules())
        .clock(|| NOW)
        .build()
        .unwrap();
    assert!(receiver.open(&good).is_ok());
    // Seen again (from the cache): still the same verdict.
    assert!(receiver.open(&good).is_ok());
    let unbound = id_token(&signer, &[("at_hash", expected(alg, "another"))]);
    assert_eq!(
        receiver.open(&unbound).unwrap_err().kind(),
        ErrorKind::Claim
    );
}

/// ID tokens made by panva jose with hashes computed by Node's crypto
/// (`vectors/interop/generate_id_token_hashes.mjs`), one per signature
/// algorithm: each opens with its key under the three bindings, and is
/// refused (claim) when any one names another value. An algorithm this
/// build does not compile must be refused, never skipped silently.
#[test]
fn bindings_computed_by_an_independent_implementation_are_accepted() {
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../../vectors/interop/id_token_hashes.json")).unwrap();
    let now = v["now"].as_u64().unwrap();
    let text = |name: &str| v[name].as_str().unwrap().to_owned();
    let (access_token, code, state) = (text("access_token"), text("code"), text("state"));
    fn rules<'a>(at: &'a str, c: &'a str, s: &'a str) -> Validation<'a> {
        Validation::id_token("https://op.example", "client-1")
            .at_hash(at)
            .c_hash(c)
            .s_hash(s)
    }
    let mut opened = Vec::new();
    for case in v["tokens"].as_array().unwrap() {
        let alg = case["alg"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let jwk = case["key"].to_string();
        let open_with = |rules: &Validation<'_>| -> Result<(), ErrorKind> {
            let mut buf = vec![0u8; token.len()];
            if alg.starts_with("HS") {
                let secret = SecretKey::from_jwk(&jwk).map_err(|e| e.kind())?;
                jwt::verify(token, &Trust::signed(&secret, rules, now), &mut buf).map(|_| ())
            } else {
                let key = jose_core::keys::PublicKey::from_jwk(&jwk).map_err(|e| e.kind())?;
                let issuer = PublicKeySet::new().with(key).map_err(|e| e.kind())?;
                jwt::verify(token, &Trust::signed(&issuer, rules, now), &mut buf).map(|_| ())
            }
            .map_err(|e| e.kind())
        };
        // The feature an algorithm needs, if any, and whether it is on.
        let feature_on = match alg {
            "ES256" | "ES384" | "ES512" => Some(cfg!(feature = "ecdsa")),
            "EdDSA" => Some(cfg!(feature = "eddsa")),
            _ => None,
        };
        let compiled = feature_on.unwrap_or(true);
        let good = open_with(&rules(&access_token, &code, &state));
        if !compiled {
            assert!(good.is_err(), "{alg}: not compiled, yet opened");
            continue;
        }
        assert_eq!(good, Ok(()), "{alg}");
        for wrong in [
            rules("another access token", &code, &state),
            rules(&access_token, "another code", &state),
            rules(&access_token, &code, "another state"),
        ] {
            assert_eq!(open_with(&wrong), Err(ErrorKind::Claim), "{alg}");
        }
        opened.push(alg.to_owned());
    }
    // The RSA and HMAC ones at least, on every build.
    for alg in [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "HS256", "HS384", "HS512",
    ] {
        assert!(opened.iter().any(|a| a == alg), "{alg}");
    }
}
