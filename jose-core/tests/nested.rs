//! Nested tokens from an independent implementation (panva `jose`; generator
//! vectors/interop/generate_nested.mjs, keys from make_keys.py): Auth0-shaped
//! (RSA-OAEP-256/384/512 + A256GCM, kid, aud as string and array, scope,
//! permissions) and Curity-shaped (RSA-OAEP + A256CBC-HS512, cty, x5t#S256,
//! escaped non-ASCII names), claims from 300 B to 64 KiB, opened with the one
//! call and compared with the exact claims text the generator signed.

mod common;

use std::sync::Arc;

use common::front_door::{self, SharedKeys};
use common::interop::client_set;
use common::{load, str_of};
use jose_core::Policy;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKeySet, PublicKeySet};

/// The Auth0-shaped token from vectors/interop, opened under `rules` into `buf`.
fn open_auth0_token<'b>(rules: &Validation<'_>, buf: &'b mut Vec<u8>) -> jwt::Jwt<'b> {
    let token = file("auth0-access-token.jwe");
    let token = token.trim();
    let api = PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap();
    let issuer = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    buf.resize(jwt::required_buffer_len(token), 0);
    jwt::decrypt_and_verify(
        token,
        &jwt::Trust::nested(&api, &issuer, rules, 1_700_000_100),
        &mut jose_core::os_rng(),
        buf,
    )
    .unwrap()
}

fn file(name: &str) -> String {
    std::fs::read_to_string(common::vectors_dir().join("interop").join(name)).unwrap()
}

#[test]
fn every_nested_token_opens_to_its_exact_claims() {
    let v = load("interop/nested.json");
    let now = v["now"].as_u64().unwrap();
    let issuer = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    let api = PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap();
    let client = client_set();
    let auth0_rules = Validation::new()
        .issuer(str_of(&v["auth0"], "issuer"))
        .audience(str_of(&v["auth0"], "audience"))
        .require(&["sub", "scope", "permissions"]);
    let curity_rules = Validation::new()
        .issuer(str_of(&v["curity"], "issuer"))
        .audience(str_of(&v["curity"], "audience"))
        .policy(Policy::new().require_cty(true))
        .max_age(600);
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let (mut auth0, mut curity, mut largest) = (0, 0, 0);
    // The same keys for the front door, which owns them.
    let shared_api: SharedKeys =
        Arc::new(PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap());
    let shared_client: SharedKeys = Arc::new(client_set());
    for t in v["tokens"].as_array().unwrap() {
        let token = str_of(t, "compact");
        let (keys, shared, rules) = match str_of(t, "shape") {
            "auth0" => (&api, &shared_api, &auth0_rules),
            _ => (&client, &shared_client, &curity_rules),
        };
        let claims = str_of(t, "claims");
        front_door::agrees(token, Some(shared), &issuer, rules, now, Ok(claims));
        let mut buf = vec![0u8; jwt::required_buffer_len(token)];
        let jwt = jwt::decrypt_and_verify(
            token,
            &jwt::Trust::nested(keys, &issuer, rules, now),
            &mut rng,
            &mut buf,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", str_of(t, "name")));
        assert_eq!(
            jwt.claims().json().raw(),
            str_of(t, "claims"),
            "{}",
            str_of(t, "name")
        );
        let outer = jwt.encryption_header().unwrap();
        assert!(outer.alg() == str_of(t, "alg"));
        assert!(outer.enc().unwrap() == str_of(t, "enc"));
        assert!(jwt.header().kid().unwrap() == str_of(t, "issuer_kid"));
        largest = largest.max(t["claims_len"].as_u64().unwrap());
        if str_of(t, "shape") == "auth0" {
            assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
            assert!(jwt.claims().scopes().any(|s| s == "read:messages"));
            assert_eq!(
                jwt.claims().get("permissions").unwrap().elements().count(),
                2
            );
            auth0 += 1;
        } else {
            // Escaped in the JSON text, decoded by the view.
            assert!(jwt.claims().subject().unwrap() == "jos\u{e9}");
            let name = jwt.claims().get("name").unwrap().as_str().unwrap();
            assert_eq!(name.to_string(), "Jos\u{e9} Garc\u{ed}a \u{1F600}");
            assert!(outer.x5t_s256().is_some() && outer.kid().is_none());
            curity += 1;
        }
    }
    println!(
        "nested interop ({}): {auth0} Auth0-shaped, {curity} Curity-shaped, largest claims {largest} bytes",
        str_of(&v, "implementation")
    );
    assert!(auth0 >= 12 && curity >= 4);
    assert!(largest >= 64 * 1000);
}

#[test]
fn the_auth0_aud_array_and_string_both_match() {
    let v = load("interop/nested.json");
    let arrays = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["shape"] == "auth0" && str_of(t, "claims").contains(r#""aud":["#))
        .count();
    let strings = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["shape"] == "auth0" && str_of(t, "claims").contains(r#""aud":""#))
        .count();
    assert!(
        arrays > 0 && strings > 0,
        "{arrays} array, {strings} string"
    );
}

#[cfg(feature = "serde")]
#[test]
fn validated_claims_deserialize_into_a_struct() {
    #[derive(serde::Deserialize)]
    struct AccessToken<'a> {
        sub: &'a str,
        aud: String,
        scope: String,
        permissions: Vec<String>,
        exp: u64,
    }
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    let mut buf = Vec::new();
    let jwt = open_auth0_token(&rules, &mut buf);
    let claims: AccessToken<'_> = jwt.claims().deserialize().unwrap();
    assert_eq!(claims.sub, "auth0|5f7c8ec7c33c6c004bbafe82");
    assert_eq!(claims.aud, "https://api.example.com");
    assert!(claims.scope.contains("read:messages"));
    assert_eq!(claims.permissions, ["read:messages", "write:messages"]);
    assert_eq!(claims.exp, 1_700_086_400);
    // A type the claims do not fit is a malformed error, not a panic.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Wrong {
        sub: u64,
    }
    assert_eq!(
        jwt.claims().deserialize::<Wrong>().unwrap_err().kind(),
        jose_core::ErrorKind::Malformed
    );
}

#[test]
fn debug_of_a_decrypted_token_shows_no_claim_value() {
    // Decrypted claims are plaintext: a `{:?}` in a log line must not carry
    // them. Every string and number value of the Auth0 token's claims is
    // looked for in the Debug output of the Jwt and of its Claims.
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    let mut buf = Vec::new();
    let jwt = open_auth0_token(&rules, &mut buf);
    let claims: serde_json::Value = serde_json::from_str(jwt.claims().json().raw()).unwrap();
    let shown = format!("{jwt:?} {:?}", jwt.claims());
    let mut values = Vec::new();
    for (name, value) in claims.as_object().unwrap() {
        match value {
            serde_json::Value::String(s) => values.push(s.clone()),
            serde_json::Value::Number(n) => values.push(n.to_string()),
            serde_json::Value::Array(items) => {
                values.extend(items.iter().filter_map(|i| i.as_str().map(str::to_owned)))
            }
            _ => {}
        }
        if !["iss", "sub", "aud", "exp", "nbf", "iat", "jti"].contains(&name.as_str()) {
            assert!(!shown.contains(name.as_str()), "{name} named in {shown}");
        }
    }
    assert!(values.len() > 4, "the token has claim values to look for");
    for value in &values {
        assert!(!shown.contains(value.as_str()), "{value} shown in {shown}");
    }
    assert!(shown.contains("registered"), "{shown}");
}
