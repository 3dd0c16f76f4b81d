//! Wycheproof's JOSE files (vectors/wycheproof/, from C2SP/wycheproof's
//! `testvectors_v1`): every JWS, JWE and JWK-set test through the crate's
//! public API, on every backend. A `valid` token must open (a JWE to the
//! published plaintext); an `invalid` one must be refused. The only valid
//! tokens allowed to stay closed are those that need what the crate declines
//! by design and refuses as `unsupported`: RSA1_5 key management
//! (Bleichenbacher's oracle) and `zip` (a decompression bomb in a token);
//! they are counted and printed, never hidden.
//!
//! Ten tests contradict their own label or another Wycheproof file; each
//! is listed in [`CONTRADICTED`] with what the crate does and why, and that
//! verdict is asserted (the table cannot go stale: every entry must be met).
//!
//! Keys are loaded as a service would load them, by one rule for every
//! group: a single JWK with `PrivateKey::from_jwk` (an `oct` one with
//! `SecretKey::from_jwk`), a JWK Set with `PrivateKeySet::from_jwks` and
//! `SecretKeySet::from_jwks`; the verifier's public keys are the private
//! keys' public halves. A key that does not load leaves the group's tokens
//! refused by the load's error.
//!
//! The files sign and encrypt with P-256, P-384 and P-521 keys: the suite
//! needs the `ecdsa` feature (the workspace's members turn it on).

#![cfg(feature = "ecdsa")]

mod common;

use std::collections::BTreeMap;

use common::{b64, hex};
use jose_core::keys::{
    PrivateKey, PrivateKeySet, PublicKeySet, SecretKey, SecretKeySet, WithSecret,
};
use jose_core::{Backend, Error, ErrorKind};
use serde_json::Value;

/// What the crate does with a test whose label it contradicts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verdict {
    Opens,
    Refused(ErrorKind),
}

/// Tests whose published label is contradicted by the file itself or by
/// another Wycheproof file: (file, tcId, the crate's verdict, why).
const CONTRADICTED: &[(&str, u64, Verdict, &str)] = &[
    (
        "json_web_signature_test.json",
        346,
        Verdict::Refused(ErrorKind::Key),
        "the key states alg PS256 (added by the file's author to RFC 7520's key) and the \
         token is PS384: a key's stated alg binds it",
    ),
    (
        "json_web_signature_test.json",
        350,
        Verdict::Refused(ErrorKind::Key),
        "as tc 346, with key_ops",
    ),
    (
        "json_web_signature_test.json",
        347,
        Verdict::Refused(ErrorKind::Key),
        "the key states alg ES521, no algorithm; json_web_key_test.json tc 19 requires a key \
         stating ES521 to be refused",
    ),
    (
        "json_web_signature_test.json",
        351,
        Verdict::Refused(ErrorKind::Key),
        "as tc 347, with key_ops",
    ),
    (
        "json_web_signature_test.json",
        349,
        Verdict::Refused(ErrorKind::Key),
        "key_ops is [\"sign, verify\"], one operation named \"sign, verify\": verify is not \
         among the key's operations (RFC 7517 §4.3)",
    ),
    (
        "json_web_signature_test.json",
        367,
        Verdict::Opens,
        "labelled invalid (padding), but the token is byte for byte tc 357's, labelled valid: \
         the padding was lost when the file was generated",
    ),
    (
        "json_web_signature_test.json",
        370,
        Verdict::Opens,
        "as tc 367",
    ),
    (
        "json_web_signature_test.json",
        372,
        Verdict::Refused(ErrorKind::Malformed),
        "labelled valid with a '?' inserted in the header; Wycheproof's own jose4j harness \
         lists accepting it as a signature-malleability bug",
    ),
    (
        "json_web_signature_test.json",
        373,
        Verdict::Refused(ErrorKind::Signature),
        "as tc 372, in the payload (the signing input is the text, which no longer matches)",
    ),
    (
        "json_web_key_test.json",
        4,
        Verdict::Opens,
        "two oct keys share a kid, but the second's k is not canonical base64url (its last \
         character sets unused bits): that member is skipped and reported, the one key left \
         verifies the valid MAC. Two loadable keys under one kid are refused as ambiguous \
         (secret_sets_refuse_two_keys_under_one_kid)",
    ),
];

/// The token of `tc_id` in `doc`, for the entries that say two tests
/// carry the same token.
fn token_of(doc: &Value, tc_id: u64) -> Option<&str> {
    doc["testGroups"]
        .as_array()?
        .iter()
        .flat_map(|g| g["tests"].as_array().into_iter().flatten())
        .find(|t| t["tcId"] == tc_id)
        .and_then(|t| t["jws"].as_str())
}

/// What a group's key (or set) became, on one backend.
struct Keys {
    issuer: WithSecret<PublicKeySet, SecretKeySet>,
    receiver: WithSecret<PrivateKeySet, SecretKeySet>,
    /// Why nothing loaded, when nothing did.
    load_error: Option<Error>,
}

fn load_keys(private: &Value, backend: Backend) -> Keys {
    let mut load_error = None;
    let mut private_set = PrivateKeySet::new();
    let mut secrets = SecretKeySet::new();
    if private.get("keys").is_some() {
        let text = private.to_string();
        match PrivateKeySet::from_jwks(&text) {
            Ok(set) => private_set = set,
            Err(e) => load_error = Some(e),
        }
        match SecretKeySet::from_jwks(&text) {
            Ok(set) => secrets = set,
            Err(e) => load_error = load_error.or(Some(e)),
        }
        if !private_set.is_empty() || !secrets.is_empty() {
            load_error = None;
        }
    } else if private["kty"] == "oct" {
        match SecretKey::from_jwk(&private.to_string()) {
            Ok(key) => secrets = SecretKeySet::new().with(key).unwrap(),
            Err(e) => load_error = Some(e),
        }
    } else {
        match PrivateKey::from_jwk(&private.to_string()) {
            Ok(key) => private_set = PrivateKeySet::new().with(key).unwrap(),
            Err(e) => load_error = Some(e),
        }
    }
    let private_set = private_set.with_backend(backend).unwrap();
    let mut public = PublicKeySet::new();
    for key in private_set.keys() {
        public = public.with(key.public_key()).unwrap();
    }
    Keys {
        issuer: WithSecret::new(public, secrets.clone()),
        receiver: WithSecret::new(private_set, secrets),
        load_error,
    }
}

/// The protected header's JSON, if the token's first part decodes to it.
fn header_of(token: &str) -> Value {
    token
        .split('.')
        .next()
        .and_then(|h| {
            use base64ct::Encoding;
            base64ct::Base64UrlUnpadded::decode_vec(h).ok()
        })
        .and_then(|h| serde_json::from_slice(&h).ok())
        .unwrap_or(Value::Null)
}

/// Whether `token` needs what the crate declines by design: RSA1_5 key
/// management, `zip`, `alg` `none`, or the JSON serialization (the crate
/// reads compact tokens only).
fn declined_by_design(token: &Value) -> bool {
    let Some(token) = token.as_str().filter(|t| !t.trim_start().starts_with('{')) else {
        return true; // a JSON serialization
    };
    let header = header_of(token);
    header.get("zip").is_some()
        || ["RSA1_5", "none", "NONE", "None"]
            .iter()
            .any(|alg| header["alg"] == *alg)
}

fn verify(token: &str, keys: &Keys) -> Result<Vec<u8>, Error> {
    if let Some(e) = &keys.load_error {
        return Err(*e);
    }
    let jws = jose_core::jws::Compact::parse(token)?;
    let mut buf = vec![0u8; jws.payload_len()];
    Ok(jws.verify_into(&keys.issuer, &mut buf)?.to_vec())
}

fn decrypt(token: &str, keys: &Keys) -> Result<Vec<u8>, Error> {
    if let Some(e) = &keys.load_error {
        return Err(*e);
    }
    let jwe = jose_core::jwe::Compact::parse(token)?;
    let mut buf = vec![0u8; jwe.buffer_len()];
    Ok(jwe
        .decrypt_with(&keys.receiver, &mut jose_core::os_rng(), &mut buf)?
        .to_vec())
}

#[derive(Default, Debug)]
struct Tally {
    valid_opened: usize,
    /// Valid tokens refused as `unsupported` for RSA1_5 or `zip`, by tcId.
    valid_declined: Vec<u64>,
    invalid_refused: BTreeMap<String, usize>,
    /// Tests of [`CONTRADICTED`] met, with the crate's verdict asserted.
    contradicted: Vec<u64>,
}

impl Tally {
    fn total_unsupported(&self) -> usize {
        self.valid_declined.len()
            + self
                .invalid_refused
                .get("Unsupported")
                .copied()
                .unwrap_or(0)
    }
}

/// Runs one Wycheproof JOSE file on `backend`.
fn run(file: &str, backend: Backend) -> Tally {
    let doc = common::load(&format!("wycheproof/{file}"));
    let mut tally = Tally::default();
    let mut seen = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        let keys = load_keys(&group["private"], backend);
        for test in group["tests"].as_array().unwrap() {
            seen += 1;
            let id = format!(
                "{file} tc {} ({}, group {}) on {backend:?}",
                test["tcId"], test["comment"], group["comment"]
            );
            let outcome = if let Some(token) = test.get("jws") {
                // A JSON serialization (an object, or its text) is not a
                // compact token: it goes to the compact parser as text.
                let token = token
                    .as_str()
                    .map_or_else(|| token.to_string(), str::to_owned);
                verify(&token, &keys).map(|payload| (token, payload))
            } else {
                let token = &test["jwe"];
                let token = token
                    .as_str()
                    .map_or_else(|| token.to_string(), str::to_owned);
                decrypt(&token, &keys).map(|plaintext| (token, plaintext))
            };
            let tc_id = test["tcId"].as_u64().unwrap();
            if let Some((_, _, verdict, why)) = CONTRADICTED
                .iter()
                .find(|(f, tc, _, _)| *f == file && *tc == tc_id)
            {
                let got = match &outcome {
                    Ok(_) => Verdict::Opens,
                    Err(e) => Verdict::Refused(e.kind()),
                };
                assert_eq!(got, *verdict, "{id}: {why}: {outcome:?}");
                if file == "json_web_signature_test.json" && matches!(tc_id, 367 | 370) {
                    assert_eq!(test["jws"].as_str(), token_of(&doc, 357), "{id}");
                }
                tally.contradicted.push(tc_id);
                continue;
            }
            match (test["result"].as_str().unwrap(), outcome) {
                ("valid", Ok((_, opened))) => {
                    if let Some(pt) = test.get("pt").and_then(Value::as_str) {
                        assert_eq!(opened, hex(pt), "{id}: plaintext");
                    } else if let Some(token) = test["jws"].as_str() {
                        let payload = token.split('.').nth(1).unwrap();
                        assert_eq!(opened, b64(payload), "{id}: payload");
                    }
                    tally.valid_opened += 1;
                }
                ("valid", Err(e)) => {
                    let token = test
                        .get("jwe")
                        .or(test.get("jws"))
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let declined = e.kind() == ErrorKind::Unsupported
                        && declined_by_design(&Value::from(token));
                    assert!(declined, "{id}: a valid token was refused: {e}");
                    tally.valid_declined.push(test["tcId"].as_u64().unwrap());
                }
                ("invalid", Ok(_)) => panic!("{id}: an invalid token was accepted"),
                ("invalid", Err(e)) => {
                    if e.kind() == ErrorKind::Unsupported {
                        let token = test.get("jwe").or(test.get("jws")).unwrap();
                        assert!(
                            declined_by_design(token),
                            "{id}: refused as unsupported, naming nothing the crate declines: {e}"
                        );
                    }
                    *tally
                        .invalid_refused
                        .entry(format!("{:?}", e.kind()))
                        .or_default() += 1;
                }
                (other, _) => panic!("{id}: result {other} has no rule here"),
            }
        }
    }
    assert_eq!(
        seen,
        doc["numberOfTests"].as_u64().unwrap() as usize,
        "{file}: every test ran"
    );
    let listed = CONTRADICTED.iter().filter(|(f, ..)| *f == file).count();
    assert_eq!(
        tally.contradicted.len(),
        listed,
        "{file}: every listed contradiction met"
    );
    println!(
        "{file} on {backend:?}: {tally:?}, refused as unsupported: {}",
        tally.total_unsupported()
    );
    tally
}

#[test]
fn json_web_signature() {
    for backend in Backend::available() {
        let tally = run("json_web_signature_test.json", *backend);
        assert!(tally.valid_declined.is_empty(), "{tally:?}");
    }
}

#[test]
fn json_web_encryption() {
    for backend in Backend::available() {
        let tally = run("json_web_encryption_test.json", *backend);
        println!("  declined (RSA1_5, zip): tcId {:?}", tally.valid_declined);
    }
}

#[test]
fn json_web_key() {
    for backend in Backend::available() {
        let tally = run("json_web_key_test.json", *backend);
        assert!(tally.valid_declined.is_empty(), "{tally:?}");
    }
}

#[test]
fn json_web_crypto() {
    for backend in Backend::available() {
        let tally = run("json_web_crypto_test.json", *backend);
        assert!(tally.valid_declined.is_empty(), "{tally:?}");
    }
}
