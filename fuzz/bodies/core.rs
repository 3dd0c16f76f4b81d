//! The body of every jose-core fuzz target, as a plain function of the input
//! bytes (the members' targets are in jwks.rs and axum.rs beside this file).
//!
//! Used twice: by the libFuzzer targets in fuzz_targets/ (nightly, `cargo
//! fuzz`) and by jose-core/tests/fuzz_replay.rs, which replays every
//! committed seed and past crash input on stable in a normal `cargo test`. A
//! body panics only when it finds a bug: a panic in the crate, or a broken
//! invariant asserted here.
#![allow(dead_code)]
// Compiled by packages of different rust-versions (1.87, 1.88): written
// without let chains, which only 1.88 has.
#![allow(clippy::collapsible_if)]

use std::sync::OnceLock;

use jose_core::json::{self, Kind, Value};
use jose_core::jwe::{Compact, Encrypter};
use jose_core::jws::Signer;
use jose_core::jwt::{self, Claims, Validation};
use jose_core::keys::{
    PrivateKey, PrivateKeySet, PublicKey, PublicKeySet, SecretKey, SecretKeySet, WithSecret,
};
use jose_core::{ContentAlgorithm, ErrorKind, KeyAlgorithm, Part, SignatureAlgorithm, base64url};

/// A target's body.
pub type Body = fn(&[u8]);

/// Every target, by name, for the replay test.
pub const TARGETS: &[(&str, Body)] = &[
    ("jwe_parse", jwe_parse),
    ("json_parse", json_parse),
    ("json_differential", json_differential),
    ("base64url", base64url_decode),
    ("claims", claims),
    ("key_import", key_import),
    ("jwe_decrypt", jwe_decrypt),
    ("nested", nested),
    ("jws_verify", jws_verify),
    ("structured_nested", structured_nested),
    ("mutate_parts", mutate_parts),
    ("cache_ops", cache_ops),
    ("key_roundtrip", key_roundtrip),
];

struct Fixture {
    api: PrivateKeySet,
    api_key: PrivateKey,
    issuer: PublicKeySet,
    issuer_key: PrivateKey,
    /// An EC key per curve and an Ed25519 key, from vectors/.
    ec_keys: [PrivateKey; 3],
    ed25519_key: PrivateKey,
    /// The EC keys and an X25519 key, for ECDH-ES: chosen by the `epk`.
    agreement: PrivateKeySet,
}

impl Fixture {
    /// The key that signs `alg`.
    fn signing_key(&self, alg: SignatureAlgorithm) -> &PrivateKey {
        let ec = |i: usize| &self.ec_keys[i];
        match alg.name() {
            "ES256" => ec(0),
            "ES384" => ec(1),
            "ES512" => ec(2),
            _ if alg.is_eddsa() => &self.ed25519_key,
            _ => &self.issuer_key,
        }
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let api: serde_json::Value =
            serde_json::from_str(include_str!("../../vectors/interop/api.private.jwks.json"))
                .unwrap();
        let issuer: serde_json::Value = serde_json::from_str(include_str!(
            "../../vectors/interop/issuer.private.jwks.json"
        ))
        .unwrap();
        let api_key = PrivateKey::from_jwk(&api["keys"][0].to_string()).unwrap();
        let issuer_key = PrivateKey::from_jwk(&issuer["keys"][0].to_string()).unwrap();
        let rfc_key = |text: &str| {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            PrivateKey::from_jwk(&v["key"].to_string()).unwrap()
        };
        let ec_keys = [
            rfc_key(include_str!("../../vectors/rfc/rfc7515_A3_es256.json")),
            PrivateKey::from_pem(include_str!("../../vectors/ec/p384.pkcs8.pem")).unwrap(),
            rfc_key(include_str!("../../vectors/rfc/rfc7515_A4_es512.json")),
        ];
        let ed25519_key = rfc_key(include_str!(
            "../../vectors/rfc/rfc8037_A4_A5_eddsa_ed25519.json"
        ));
        // The X25519 key where the build reads one (feature `x25519`).
        let x25519 =
            PrivateKey::from_jwk(include_str!("../../vectors/x25519/x25519.jwk.json")).ok();
        let agreement = ec_keys
            .iter()
            .cloned()
            .chain(x25519)
            .try_fold(PrivateKeySet::new(), PrivateKeySet::with)
            .unwrap();
        Fixture {
            api: PrivateKeySet::new()
                .with(PrivateKey::from_jwk(&api["keys"][0].to_string()).unwrap())
                .unwrap(),
            api_key,
            issuer: PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))
                .unwrap()
                .with(ed25519_key.public_key())
                .unwrap(),
            issuer_key,
            ec_keys,
            ed25519_key,
            agreement,
        }
    })
}

/// A small reader of fuzzer bytes for structure-aware targets.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self
            .0
            .split_first()
            .map(|(f, r)| (*f, r))
            .unwrap_or((0, &[]));
        self.0 = rest;
        first
    }
    fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| acc << 8 | u64::from(self.byte()))
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[usize::from(self.byte()) % from.len()]
    }
    fn take(&mut self, max: usize) -> &'a [u8] {
        let n = (usize::from(self.byte()) % (max + 1)).min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }
    fn text(&mut self, max: usize) -> String {
        String::from_utf8_lossy(self.take(max)).into_owned()
    }
    fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.0)
    }
}

// ---- parsers ----

pub fn jwe_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(jwe) = Compact::parse(text) {
        assert!(jwe.buffer_len() <= text.len());
        let header = jwe.header();
        let _ = (
            header.alg(),
            header.enc(),
            header.kid(),
            header.cty(),
            header.typ(),
            header.x5t_s256(),
        );
        let _ = header.json().members().count();
        assert!(header.enc().is_some(), "a parsed JWE has enc");
    }
}

fn walk(value: Value<'_>, depth: usize) {
    assert!(depth <= json::MAX_DEPTH + 1);
    if let Some(s) = value.as_str() {
        let mut buf = [0u8; 256];
        let _ = s.decode_into(&mut buf);
        assert_eq!(
            s.chars().map(char::len_utf8).sum::<usize>(),
            s.decoded_len()
        );
    }
    if let Some(n) = value.as_number() {
        let _ = (n.as_i64(), n.as_f64());
    }
    for (name, member) in value.members() {
        let _ = name.decoded_len();
        walk(member, depth + 1);
    }
    for element in value.elements() {
        walk(element, depth + 1);
    }
}

pub fn json_parse(data: &[u8]) {
    if let Ok(doc) = json::parse(data) {
        walk(doc, 0);
    }
}

/// The crate's reader against serde_json on the same bytes: same verdict for
/// documents within the crate's limits, and the same values.
pub fn json_differential(data: &[u8]) {
    let ours = json::parse(data);
    let theirs = serde_json::from_slice::<serde_json::Value>(data);
    match (&ours, &theirs) {
        (Ok(ours), Ok(theirs)) => assert_same(*ours, theirs),
        (Err(e), Ok(theirs)) => {
            // Refusals serde_json does not make, all deliberate: our limits,
            // duplicate names (serde_json keeps the last), and lone surrogates
            // (serde_json accepts and replaces them only in some modes).
            let allowed = e.kind() == ErrorKind::TooLarge
                || e.to_string().contains("duplicate")
                || e.to_string().contains("surrogate")
                || depth_of(theirs) > json::MAX_DEPTH;
            assert!(allowed, "we refuse what serde_json accepts: {e}");
        }
        (Ok(_), Err(e)) => {
            // serde_json refuses numbers out of f64 range only with some
            // features and nests to 128 only; anything else is a disagreement.
            assert!(
                e.to_string().contains("recursion limit")
                    || e.to_string().contains("number out of range"),
                "we accept what serde_json refuses: {e}"
            );
        }
        (Err(_), Err(_)) => {}
    }
}

fn depth_of(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(a) => 1 + a.iter().map(depth_of).max().unwrap_or(0),
        serde_json::Value::Object(o) => 1 + o.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

fn assert_same(ours: Value<'_>, theirs: &serde_json::Value) {
    match theirs {
        serde_json::Value::Null => assert!(ours.is_null()),
        serde_json::Value::Bool(b) => assert_eq!(ours.as_bool(), Some(*b)),
        serde_json::Value::String(s) => assert_eq!(
            ours.as_str().map(|o| o.to_string()).as_deref(),
            Some(s.as_str())
        ),
        serde_json::Value::Number(n) => {
            let ours = ours.as_number().expect("a number");
            if let (Some(a), Some(b)) = (ours.as_i64(), n.as_i64()) {
                assert_eq!(a, b);
            } else if let (Some(a), Some(b)) = (ours.as_f64(), n.as_f64()) {
                assert_eq!(a.to_bits(), b.to_bits(), "{}", ours.raw());
            }
        }
        serde_json::Value::Array(items) => {
            assert_eq!(ours.kind(), Kind::Array);
            assert_eq!(ours.elements().count(), items.len());
            for (o, t) in ours.elements().zip(items) {
                assert_same(o, t);
            }
        }
        serde_json::Value::Object(members) => {
            assert_eq!(ours.kind(), Kind::Object);
            assert_eq!(ours.members().count(), members.len());
            for (name, t) in members {
                assert_same(ours.get(name).expect("member present"), t);
            }
        }
    }
}

pub fn base64url_decode(data: &[u8]) {
    let mut out = vec![0u8; data.len()];
    let constant_time = base64url::decode(data, &mut out, Part::Json).map(|d| d.to_vec());
    // Differential: the public-part decoder (SIMD where the CPU has it, the
    // portable fallback in a build without `std`) gives the same bytes or
    // the same error as the constant-time one, on every input.
    let mut fast_out = vec![0u8; data.len()];
    let fast = base64url::decode_public(data, &mut fast_out, Part::Json).map(|d| d.to_vec());
    assert_eq!(fast, constant_time);
    if let Ok(decoded) = constant_time {
        // Strict means canonical: decoding then encoding gives the input back.
        let mut again = vec![0u8; data.len() + 4];
        assert_eq!(
            base64url::encode(&decoded, &mut again).unwrap().as_bytes(),
            data
        );
    }
}

pub fn claims(data: &[u8]) {
    let mut input = Bytes(data);
    let now = input.u64() >> 24;
    let leeway = u64::from(input.byte());
    let issuer = input.text(16);
    let audience = input.text(16);
    let payload = input.rest();
    if let Ok(claims) = Claims::parse(payload) {
        let _ = (
            claims.issuer(),
            claims.subject(),
            claims.audiences().count(),
            claims.scopes().count(),
        );
        let _ = (claims.expires_at(), claims.not_before(), claims.issued_at());
        let rules = Validation::new()
            .issuer(&issuer)
            .audience(&audience)
            .leeway(leeway)
            .max_age(600);
        if rules.validate(&claims, now).is_ok() {
            assert!(claims.issuer().is_some_and(|i| i == issuer.as_str()));
            assert!(
                claims
                    .expires_at()
                    .is_some_and(|e| e.as_f64() + leeway as f64 > now as f64)
            );
        }
    }
}

pub fn key_import(data: &[u8]) {
    let mut input = Bytes(data);
    let which = input.byte() % 13;
    let body = input.rest();
    let text = std::str::from_utf8(body).unwrap_or("");
    let _ = match which {
        0 => PrivateKey::from_pem(text).map(|_| ()),
        1 => PublicKey::from_pem(text).map(|_| ()),
        2 => PrivateKey::from_pkcs8_der(body).map(|_| ()),
        3 => PrivateKey::from_pkcs1_der(body).map(|_| ()),
        4 => PublicKey::from_spki_der(body).map(|_| ()),
        5 => PublicKey::from_certificate_der(body).map(|_| ()),
        6 => PrivateKey::from_jwk(text).map(|_| ()),
        7 => PublicKey::from_jwk(text).map(|_| ()),
        8 => PublicKeySet::from_jwks(text).map(|_| ()),
        9 => PrivateKey::from_sec1_der(body).map(|_| ()),
        10 => SecretKey::from_jwk(text).map(|_| ()),
        11 => PrivateKeySet::from_jwks(text).map(|_| ()),
        _ => SecretKeySet::from_jwks(text).map(|_| ()),
    };
}

// ---- whole paths ----

pub fn jwe_decrypt(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(jwe) = Compact::parse(text) else {
        return;
    };
    let mut buf = vec![0x5Au8; jwe.buffer_len()];
    // A shared-key token gets a secret of the length it takes, so that
    // the unwrap paths (dir, AES key wrap, AES-GCM key wrap) are reached.
    let alg = jwe.key_algorithm();
    let shared_len = alg
        .wrapping_key_len()
        .unwrap_or(jwe.content_algorithm().key_len());
    let shared = SecretKey::from_bytes(&vec![0x5A; shared_len]).unwrap();
    let result = if alg.is_symmetric() {
        jwe.decrypt(&shared, &mut jose_core::os_rng(), &mut buf)
    } else if alg.is_ecdh() {
        // The key of the epk's type and curve (P-256/384/521, X25519).
        jwe.decrypt_with(&fixture().agreement, &mut jose_core::os_rng(), &mut buf)
    } else {
        jwe.decrypt(&fixture().api_key, &mut jose_core::os_rng(), &mut buf)
    };
    if result.is_err() {
        assert!(
            buf.iter().all(|b| *b == 0 || *b == 0x5A),
            "plaintext left after a failure"
        );
    }
}

pub fn nested(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let f = fixture();
    let rules = Validation::new()
        .accept_any_issuer()
        .accept_any_audience()
        .allow_missing_exp();
    let mut buf = vec![0x5Au8; jwt::required_buffer_len(text)];
    if jwt::decrypt_and_verify(
        text,
        &jwt::Trust::nested(&f.api, &f.issuer, &rules, 1_700_000_100),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .is_err()
    {
        assert!(
            buf.iter().all(|b| *b == 0 || *b == 0x5A),
            "plaintext left after a failure"
        );
    }
}

pub fn jws_verify(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The in-place path (jwt::verify: header decoded in place, signing input
    // hashed with the header re-encoded) runs on every input...
    let rules = Validation::new()
        .accept_any_issuer()
        .accept_any_audience()
        .allow_missing_exp();
    let mut copy = vec![0x5Au8; text.len()];
    let in_place = jwt::verify(
        text,
        &jwt::Trust::signed(&fixture().issuer, &rules, 1_700_000_100),
        &mut copy,
    );
    let Ok(jws) = jose_core::jws::Compact::parse(text) else {
        return;
    };
    // ...and agrees with the plain view on the signature: when the plain
    // view verifies, the in-place path never calls it a bad signature.
    let mut buf = vec![0u8; jws.payload_len()];
    if jws.verify_into(&fixture().issuer, &mut buf).is_ok() {
        if let Err(err) = in_place {
            assert_ne!(
                err.kind(),
                ErrorKind::Signature,
                "in-place verify disagrees: {err}"
            );
        }
    }
}

// ---- structure-aware ----

const KEY_ALGS: [KeyAlgorithm; 15] = KeyAlgorithm::ALL;
const CONTENT_ALGS: [ContentAlgorithm; 6] = ContentAlgorithm::ALL;
// Every public-key algorithm, each signed by the fixture's key of its type
// (HMAC is refused inside a nested token).
const SIGNATURE_ALGS: [SignatureAlgorithm; 11] = {
    let all = SignatureAlgorithm::ALL;
    [
        all[0], all[1], all[2], all[3], all[4], all[5], all[6], all[7], all[8], all[9], all[10],
    ]
};
// The HMAC algorithms are the last three of the list.
const _: () = assert!(!SIGNATURE_ALGS[10].is_hmac() && SignatureAlgorithm::ALL[11].is_hmac());

/// Builds a nested token from fuzzer-chosen claims, algorithms and header
/// members with the crate's producer; it must open to the same claims.
pub fn structured_nested(data: &[u8]) {
    let f = fixture();
    let mut input = Bytes(data);
    let (alg, enc, sig) = (
        input.pick(&KEY_ALGS),
        input.pick(&CONTENT_ALGS),
        input.pick(&SIGNATURE_ALGS),
    );
    let kid = input.text(12);
    let typ = input.text(8);
    let sub = input.text(40);
    let count = input.byte() % 6;
    let mut claims = vec![0u8; 8192];
    let mut w = json::ObjectWriter::new(&mut claims);
    w.string("iss", "https://issuer.example/")
        .string("sub", &sub)
        .integer("exp", 2_000_000_000);
    for i in 0..count {
        let name = format!("c{i}_{}", input.text(6));
        match input.byte() % 4 {
            0 => {
                w.string(&name, &input.text(30));
            }
            1 => {
                w.integer(&name, input.u64() as i64);
            }
            2 => {
                let b = input.byte() & 1 == 1;
                w.boolean(&name, b);
            }
            _ => {
                let items: Vec<String> = (0..input.byte() % 4).map(|_| input.text(10)).collect();
                w.array(&name, |a| {
                    for s in &items {
                        a.string(s);
                    }
                });
            }
        }
    }
    let Ok(claims) = w.finish() else { return };
    // Names are unique by construction (c0_, c1_, ...): the writer's output
    // must parse.
    json::parse(claims.as_bytes()).expect("the writer produced invalid JSON");
    let public = f.api_key.public_key();
    let signing_key = f.signing_key(sig);
    let signer = Signer::new(signing_key, sig).unwrap().typ(&typ);
    // A shared key of the length `alg` (or, for dir, `enc`) takes.
    let shared_len = alg.wrapping_key_len().unwrap_or(enc.key_len());
    let shared = SecretKey::from_bytes(&vec![0x5a; shared_len]).unwrap();
    // ECDH-ES agrees with the fixture's P-256 key.
    let ec_recipient = f.ec_keys[0].clone().with_kid(&kid);
    let ec_public = ec_recipient.public_key();
    let encrypter = if alg.is_symmetric() {
        Encrypter::with_secret(&shared, alg, enc)
    } else if alg.is_ecdh() {
        Encrypter::new(&ec_public, alg, enc)
    } else {
        Encrypter::new(&public, alg, enc)
    }
    .unwrap()
    .kid(&kid);
    let mut out = vec![0u8; jwt::nested_len(claims.len(), &signer, &encrypter).unwrap()];
    let token = jwt::sign_and_encrypt(
        claims.as_bytes(),
        &signer,
        &encrypter,
        &mut jose_core::os_rng(),
        &mut out,
    )
    .unwrap();
    // The receiver's key carries the kid the token names.
    let mine = WithSecret::new(
        PrivateKeySet::new()
            .with(f.api_key.clone().with_kid(&kid))
            .unwrap()
            .with(ec_recipient)
            .unwrap(),
        shared.with_kid(&kid),
    );
    let issuer = PublicKeySet::new().with(signing_key.public_key()).unwrap();
    let rules = Validation::new()
        .issuer("https://issuer.example/")
        .accept_any_audience();
    let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    let opened = jwt::decrypt_and_verify(
        token,
        &jwt::Trust::nested(&mine, &issuer, &rules, 1_900_000_000),
        &mut jose_core::os_rng(),
        &mut buf,
    )
    .unwrap_or_else(|e| panic!("a token we produced did not open: {e}"));
    assert_eq!(opened.claims().json().raw(), claims);
    assert!(opened.claims().subject().is_some_and(|s| s == sub.as_str()));
}

/// Mutates one part of a valid token (the header JSON, or the decoded bytes of
/// one part), re-encodes it, and opens it: it must be refused, never panic.
pub fn mutate_parts(data: &[u8]) {
    static TOKEN: OnceLock<String> = OnceLock::new();
    let f = fixture();
    let token = TOKEN.get_or_init(|| {
        let public = f.api_key.public_key();
        let encrypter =
            Encrypter::new(&public, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm).unwrap();
        let mut out = vec![0u8; encrypter.output_len(24).unwrap()];
        encrypter
            .encrypt(
                b"{\"sub\":\"fuzz\",\"n\":12345}",
                &mut jose_core::os_rng(),
                &mut out,
            )
            .unwrap()
            .to_owned()
    });
    let mut input = Bytes(data);
    let part = usize::from(input.byte()) % 5;
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut decoded = base64ct_decode(&parts[part]);
    let original = decoded.clone();
    match input.byte() % 4 {
        0 => {
            // overwrite bytes
            for _ in 0..=input.byte() % 4 {
                if decoded.is_empty() {
                    break;
                }
                let at = usize::from(input.byte()) * 251 % decoded.len();
                decoded[at] = input.byte();
            }
        }
        1 => {
            // truncate
            let keep = usize::from(input.byte()) % (decoded.len() + 1);
            decoded.truncate(keep);
        }
        2 => {
            // append
            decoded.extend_from_slice(input.take(16));
        }
        _ => {
            // replace wholesale (for the header: fuzzer-chosen JSON)
            decoded = input.rest().to_vec();
        }
    }
    if decoded == original {
        return;
    }
    parts[part] = base64ct_encode(&decoded);
    let changed = parts.join(".");
    let result = Compact::parse(&changed).and_then(|jwe| {
        let mut buf = vec![0u8; jwe.buffer_len()];
        jwe.decrypt(&f.api_key, &mut jose_core::os_rng(), &mut buf)
            .map(|p| p.to_vec())
    });
    if let Ok(plaintext) = result {
        // Only a header change that keeps alg/enc and the exact AAD could
        // pass, and the AAD changed: success would be a forgery.
        panic!("a mutated token decrypted to {plaintext:?}");
    }
}

fn base64ct_decode(text: &str) -> Vec<u8> {
    let mut out = vec![0u8; text.len()];
    let n = base64url::decode(text.as_bytes(), &mut out, Part::Json)
        .map(|d| d.len())
        .unwrap_or(0);
    out.truncate(n);
    out
}

fn base64ct_encode(bytes: &[u8]) -> String {
    let mut out = vec![0u8; base64url::encoded_len(bytes.len())];
    base64url::encode(bytes, &mut out)
        .map(str::to_owned)
        .expect("a buffer of encoded_len bytes holds the encoding")
}

// ---- the cache and key round trips ----

/// The cache under a fuzzer-chosen sequence of lookups, removals, purges
/// and clears over tokens, key sets, rules and times: every answer is the
/// uncached call's (claims byte for byte, or the same error kind), in the
/// shared cache and the fixed one, both small enough to evict.
pub fn cache_ops(data: &[u8]) {
    use jose_core::cache::{FixedTokenCache, TokenCache};
    struct Scene {
        tokens: Vec<String>,
        nested: String,
        sets: [PublicKeySet; 2],
    }
    static SCENE: OnceLock<Scene> = OnceLock::new();
    const BASE: u64 = 1_700_000_000;
    let f = fixture();
    let scene = SCENE.get_or_init(|| {
        let claims = |exp: u64, nbf: u64, aud: &str| {
            format!(
                r#"{{"iss":"https://issuer.example/","aud":"{aud}","sub":"s","exp":{exp},"nbf":{nbf},"iat":{nbf}}}"#
            )
        };
        let sign = |text: &str| {
            let signer = Signer::new(&f.issuer_key, SignatureAlgorithm::Rs256)
                .unwrap()
                .kid("issuer-2024");
            let mut out = vec![0u8; signer.output_len(text.len()).unwrap()];
            signer
                .sign(text.as_bytes(), &mut jose_core::os_rng(), &mut out)
                .unwrap()
                .to_owned()
        };
        let tokens = vec![
            sign(&claims(BASE + 100, BASE, "a")),
            sign(&claims(BASE + 2000, BASE + 50, "a")),
            sign(&claims(BASE + 500, BASE, "b")),
            sign(&claims(BASE + 300, BASE + 200, "a")),
        ];
        let api_public = f.api_key.public_key();
        let encrypter =
            Encrypter::new(&api_public, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm)
                .unwrap();
        let signer = Signer::new(&f.issuer_key, SignatureAlgorithm::Rs256)
            .unwrap()
            .kid("issuer-2024");
        let inner = claims(BASE + 1000, BASE, "a");
        let nested = jwt::sign_and_encrypt_to_string(
            inner.as_bytes(),
            &signer,
            &encrypter,
            &mut jose_core::os_rng(),
        )
        .unwrap();
        let own = PublicKeySet::new()
            .with(f.issuer_key.public_key().with_kid("issuer-2024"))
            .unwrap();
        Scene {
            tokens,
            nested,
            sets: [own, fixture().issuer.clone()],
        }
    });
    let rules = [
        Validation::new()
            .issuer("https://issuer.example/")
            .audience("a"),
        Validation::new()
            .issuer("https://issuer.example/")
            .audience("b")
            .leeway(30),
    ];
    let shared = TokenCache::new(3, 3 * 1024).unwrap();
    let mut fixed: FixedTokenCache<2, 2048> = FixedTokenCache::new();
    let answer = |r: Result<jwt::Jwt<'_>, jose_core::Error>| {
        r.map(|jwt| jwt.claims().json().raw().to_owned())
            .map_err(|e| e.kind())
    };
    // The uncached answers, kept across runs (RSA work is what makes this
    // target slow); the nested token is opened at most once per run.
    type Answer = Result<String, ErrorKind>;
    type Memo = std::collections::HashMap<(usize, usize, usize, u64), Answer>;
    static COLD: OnceLock<std::sync::Mutex<Memo>> = OnceLock::new();
    let cold = |key: (usize, usize, usize, u64), open: &dyn Fn() -> Answer| -> Answer {
        let memo = COLD.get_or_init(Default::default);
        if let Some(known) = memo.lock().unwrap().get(&key) {
            return known.clone();
        }
        let fresh = open();
        memo.lock().unwrap().insert(key, fresh.clone());
        fresh
    };
    let mut nested_done = false;
    let mut input = Bytes(data);
    for _ in 0..24 {
        if input.0.is_empty() {
            break;
        }
        let op = input.byte();
        let now = BASE + u64::from(input.byte()) * 10;
        let token = input.pick(&[0usize, 1, 2, 3]);
        let (set, rule) = (input.pick(&[0usize, 1]), input.pick(&[0usize, 1]));
        match op % 8 {
            0..=3 => {
                let text = &scene.tokens[token];
                let (keys, rules) = (&scene.sets[set], &rules[rule]);
                let expected = cold((token, set, rule, now), &|| {
                    let mut buf = vec![0u8; text.len()];
                    answer(jwt::verify(
                        text,
                        &jwt::Trust::signed(keys, rules, now),
                        &mut buf,
                    ))
                });
                let mut buf = vec![0u8; text.len()];
                let got =
                    answer(shared.verify(text, &jwt::Trust::signed(keys, rules, now), &mut buf));
                assert_eq!(got, expected, "shared cache, token {token} at {now}");
                let mut buf = vec![0u8; text.len()];
                let got =
                    answer(fixed.verify(text, &jwt::Trust::signed(keys, rules, now), &mut buf));
                assert_eq!(got, expected, "fixed cache, token {token} at {now}");
            }
            4 if !nested_done => {
                // The nested token (an RSA decryption when cold).
                nested_done = true;
                let text = &scene.nested;
                let (keys, rules) = (&scene.sets[set], &rules[rule]);
                let mut rng = jose_core::os_rng();
                let expected = cold((usize::MAX, set, rule, now), &|| {
                    let mut buf = vec![0u8; jwt::required_buffer_len(text)];
                    let mut rng = jose_core::os_rng();
                    answer(jwt::decrypt_and_verify(
                        text,
                        &jwt::Trust::nested(&f.api, keys, rules, now),
                        &mut rng,
                        &mut buf,
                    ))
                });
                let mut buf = vec![0u8; jwt::required_buffer_len(text)];
                let got = answer(shared.decrypt_and_verify(
                    text,
                    &jwt::Trust::nested(&f.api, keys, rules, now),
                    &mut rng,
                    &mut buf,
                ));
                assert_eq!(got, expected, "shared cache, nested at {now}");
            }
            4 | 5 => {
                shared.remove(&scene.tokens[token]);
                fixed.remove(&scene.tokens[token]);
            }
            6 => {
                shared.purge_expired(now);
                fixed.purge_expired(now);
            }
            _ => {
                shared.clear();
                fixed.clear();
            }
        }
    }
    let stats = shared.stats();
    assert!(stats.entries <= 3, "{stats:?}");
}

/// A key in any encoding (as `key_import`), and when it imports, every
/// export of it imported again: the same numbers, the same metadata, the
/// same restriction; a JWK export refused exactly for a PSS-only key
/// without a PS alg.
pub fn key_roundtrip(data: &[u8]) {
    let mut input = Bytes(data);
    let which = input.byte() % 8;
    let body = input.rest();
    let text = std::str::from_utf8(body).unwrap_or("");
    let (public, private) = match which {
        0 => (None, PrivateKey::from_pem(text).ok()),
        1 => (PublicKey::from_pem(text).ok(), None),
        2 => (None, PrivateKey::from_pkcs8_der(body).ok()),
        3 => (None, PrivateKey::from_pkcs1_der(body).ok()),
        4 => (PublicKey::from_spki_der(body).ok(), None),
        5 => (PublicKey::from_certificate_der(body).ok(), None),
        6 => (None, PrivateKey::from_jwk(text).ok()),
        _ => (PublicKey::from_jwk(text).ok(), None),
    };
    let public = public.or_else(|| private.as_ref().map(PrivateKey::public_key));
    let Some(public) = public else { return };
    let jwk_expressible =
        !public.is_rsassa_pss() || public.alg().is_some_and(|a| a.starts_with("PS"));
    let mut der = vec![0u8; 4096];
    let spki = public
        .to_spki_der(&mut der)
        .expect("an imported key exports as SPKI");
    let back = PublicKey::from_spki_der(spki).expect("an exported SPKI imports");
    assert_eq!(back.thumbprint(), public.thumbprint());
    assert_eq!(back.is_rsassa_pss(), public.is_rsassa_pss());
    match public.jwk() {
        Ok(jwk) => {
            assert!(jwk_expressible);
            let back = PublicKey::from_jwk(&jwk).expect("an exported JWK imports");
            assert_eq!(back.thumbprint(), public.thumbprint());
            assert_eq!(
                (back.kid(), back.alg(), back.key_use(), back.x5t_s256()),
                (
                    public.kid(),
                    public.alg(),
                    public.key_use(),
                    public.x5t_s256()
                )
            );
        }
        Err(e) => {
            assert!(!jwk_expressible, "{e}");
            assert_eq!(e.kind(), ErrorKind::Unsupported);
        }
    }
    let Some(private) = private else { return };
    let pkcs8 = private
        .pkcs8_pem()
        .expect("an imported key exports as PKCS#8");
    let back = PrivateKey::from_pem(&pkcs8).expect("an exported PKCS#8 imports");
    assert_eq!(back.thumbprint(), private.thumbprint());
    assert_eq!(back.is_rsassa_pss(), private.is_rsassa_pss());
    if let Ok(jwk) = private.private_jwk() {
        let back = PrivateKey::from_jwk(&jwk).expect("an exported private JWK imports");
        assert_eq!(back.thumbprint(), private.thumbprint());
        assert_eq!(
            (back.kid(), back.alg(), back.key_use()),
            (private.kid(), private.alg(), private.key_use())
        );
    }
}
