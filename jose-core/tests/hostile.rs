//! Hostile inputs, one named test each, with the error kind each must produce.
//! After every failure the caller's buffer must hold no plaintext: the helper
//! `refused` fills the buffer with a sentinel and checks that afterwards it
//! holds only the sentinel (untouched) or zeros (wiped).

mod common;

use std::sync::Arc;

use common::forge::seal;
use common::front_door::{self, SharedKeys};
use common::{b64, b64e, load, str_of};
use jose_core::jwe::Compact;
use jose_core::jwt::Validation;
use jose_core::keys::{PrivateKey, PublicKeySet};
use jose_core::{Error, ErrorKind, KeyAlgorithm, Part, Policy};
use rsa::traits::PublicKeyParts;

const SENTINEL: u8 = 0x5A;

/// A compact JWE as its five encoded parts.
#[derive(Clone)]
struct Token {
    parts: [String; 5],
    plaintext: Vec<u8>,
}

impl Token {
    fn compact(&self) -> String {
        self.parts.join(".")
    }

    fn with(&self, index: usize, part: String) -> Token {
        let mut t = self.clone();
        t.parts[index] = part;
        t
    }

    fn with_header(&self, json: &str) -> Token {
        self.with(0, b64e(json.as_bytes()))
    }

    /// The token with one bit of decoded part `index` flipped at byte `at`.
    fn flipped(&self, index: usize, at: usize) -> Token {
        let mut bytes = b64(&self.parts[index]);
        bytes[at] ^= 0x01;
        self.with(index, b64e(&bytes))
    }
}

/// RFC 7516 A.1: RSA-OAEP, A256GCM, 2048-bit key.
fn gcm() -> (Token, PrivateKey) {
    let v = load("rfc/rfc7516_A1_rsa-oaep_a256gcm.json");
    token_and_key(&v, str_of(&v, "compact"), &v["recipients"][0]["key"])
}

/// A node-jose token: RSA-OAEP-256, A256CBC-HS512, 2048-bit key.
fn cbc() -> (Token, PrivateKey) {
    let v = load("interop/jose-node.json");
    let t = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["bits"] == 2048 && t["enc"] == "A256CBC-HS512" && t["alg"] == "RSA-OAEP-256")
        .unwrap();
    token_and_key(t, str_of(t, "compact"), &v["keys"]["2048"])
}

fn token_and_key(
    v: &serde_json::Value,
    compact: &str,
    jwk: &serde_json::Value,
) -> (Token, PrivateKey) {
    let parts: Vec<String> = compact.split('.').map(str::to_owned).collect();
    let token = Token {
        parts: parts.try_into().unwrap(),
        plaintext: b64(str_of(v, "plaintext_b64u")),
    };
    (token, PrivateKey::from_jwk(&jwk.to_string()).unwrap())
}

/// Parses and decrypts; expects failure of `kind`, and checks the buffer.
fn refused(token: &Token, key: &PrivateKey, kind: ErrorKind) -> Error {
    refused_text(
        &token.compact(),
        &token.plaintext,
        key,
        kind,
        &Policy::new(),
    )
}

fn refused_text(
    text: &str,
    plaintext: &[u8],
    key: &PrivateKey,
    kind: ErrorKind,
    policy: &Policy,
) -> Error {
    let mut buf = vec![SENTINEL; 4096];
    let err = match Compact::parse_with_policy(text, policy) {
        Err(err) => err,
        Ok(jwe) => {
            let need = jwe.buffer_len().max(1);
            buf.resize(need.max(4096), SENTINEL);
            match jwe.decrypt(key, &mut jose_core::os_rng(), &mut buf) {
                Ok(pt) => panic!("accepted: {:?}", String::from_utf8_lossy(pt)),
                Err(err) => err,
            }
        }
    };
    assert_eq!(err.kind(), kind, "{err}");
    assert!(
        buf.iter().all(|b| *b == SENTINEL || *b == 0),
        "buffer holds something other than the sentinel or zeros after: {err}"
    );
    if !plaintext.is_empty() {
        assert!(
            !buf.windows(plaintext.len()).any(|w| w == plaintext),
            "plaintext left behind"
        );
    }
    let message = err.to_string();
    assert!(!message.is_empty());
    // The front door refuses it the same way, at the same stage.
    let mine: SharedKeys = Arc::new(key.clone());
    let rules = Validation::new()
        .accept_any_issuer()
        .accept_any_audience()
        .policy(*policy);
    let issuer = PublicKeySet::new();
    front_door::agrees(text, Some(&mine), &issuer, &rules, 0, Err(kind));
    err
}

// ---- sanity: the bases decrypt ----

#[test]
fn the_unmodified_tokens_decrypt() {
    for (token, key) in [gcm(), cbc()] {
        let text = token.compact();
        let jwe = Compact::parse(&text).unwrap();
        let mut buf = vec![0u8; jwe.buffer_len()];
        assert_eq!(
            jwe.decrypt(&key, &mut jose_core::os_rng(), &mut buf)
                .unwrap(),
            token.plaintext
        );
    }
}

// ---- one flipped byte in each part ----

#[test]
fn flipped_byte_in_the_header_value_is_refused() {
    let (token, key) = gcm();
    // {"alg":"RSA-OAEP","enc":"A256GCM"}: byte 9 is inside "RSA-OAEP", byte 0 is '{'
    let err = refused(&token.flipped(0, 9), &key, ErrorKind::Unsupported);
    assert_eq!(err.part(), Some(Part::Header));
    refused(&token.flipped(0, 0), &key, ErrorKind::Malformed);
}

#[test]
fn flipped_byte_in_a_header_member_the_crate_ignores_fails_authentication() {
    // RFC 7520 5.2 has a kid; changing it keeps the JSON valid but breaks the AAD.
    let v = load("rfc/rfc7520_5_2_rsa-oaep_a256gcm.json");
    let (token, key) = token_and_key(&v, str_of(&v, "compact"), &v["recipients"][0]["key"]);
    let header = String::from_utf8(b64(&token.parts[0])).unwrap();
    let at = header.find("samwise").unwrap();
    refused(
        &token.flipped(0, at),
        &key.with_kid("x"),
        ErrorKind::Decrypt,
    );
}

#[test]
fn flipped_byte_in_the_encrypted_key_is_the_decrypt_error() {
    let (token, key) = gcm();
    for at in [0, 100, 255] {
        refused(&token.flipped(1, at), &key, ErrorKind::Decrypt);
    }
}

#[test]
fn flipped_byte_in_the_iv_is_the_decrypt_error() {
    for (token, key) in [gcm(), cbc()] {
        refused(&token.flipped(2, 0), &key, ErrorKind::Decrypt);
    }
}

#[test]
fn flipped_byte_in_the_ciphertext_is_the_decrypt_error() {
    for (token, key) in [gcm(), cbc()] {
        refused(&token.flipped(3, 0), &key, ErrorKind::Decrypt);
        let last = b64(&token.parts[3]).len() - 1;
        refused(&token.flipped(3, last), &key, ErrorKind::Decrypt);
    }
}

#[test]
fn flipped_byte_in_the_tag_is_the_decrypt_error() {
    for (token, key) in [gcm(), cbc()] {
        refused(&token.flipped(4, 0), &key, ErrorKind::Decrypt);
    }
}

// ---- keys ----

#[test]
fn wrong_key_is_the_decrypt_error() {
    let (token, _) = gcm();
    let (_, other) = cbc(); // another 2048-bit key
    refused(&token, &other, ErrorKind::Decrypt);
}

#[test]
fn key_restricted_to_another_alg_is_not_used() {
    let (token, key) = gcm();
    let err = refused(
        &token,
        &key.with_alg(KeyAlgorithm::RsaOaep256),
        ErrorKind::Key,
    );
    assert!(err.to_string().contains("RSA-OAEP"), "{err}");
}

#[test]
fn signing_key_is_not_used_for_decryption() {
    let v = load("rfc/rfc7516_A1_rsa-oaep_a256gcm.json");
    let mut jwk = v["recipients"][0]["key"].clone();
    jwk["use"] = "sig".into();
    let key = PrivateKey::from_jwk(&jwk.to_string()).unwrap();
    let (token, _) = gcm();
    refused(&token, &key, ErrorKind::Key);
}

#[test]
fn rsa_1024_key_is_refused_at_import() {
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let small = rsa::PrivateKey::new(&mut rng, 1024).unwrap();
    use rsa::traits::PrivateKeyParts;
    let be = |x: &rsa::BoxedUint| x.to_be_bytes().to_vec();
    let primes = small.primes();
    let err = PrivateKey::from_components(
        &be(small.n().as_ref()),
        &be(small.e()),
        &be(small.d()),
        &be(&primes[0]),
        &be(&primes[1]),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Policy);
    assert!(err.to_string().contains("1024"), "{err}");
}

#[test]
fn key_below_the_policy_minimum_is_refused_at_use() {
    let (token, key) = gcm();
    let policy = Policy::new().rsa_modulus_bits(3072, 4096);
    let err = refused_text(
        &token.compact(),
        &token.plaintext,
        &key,
        ErrorKind::Policy,
        &policy,
    );
    assert!(err.to_string().contains("2048"), "{err}");
}

// ---- lengths ----

#[test]
fn truncated_gcm_tag_is_refused() {
    let (token, key) = gcm();
    let tag = b64(&token.parts[4]);
    let err = refused(&token.with(4, b64e(&tag[..15])), &key, ErrorKind::Malformed);
    assert_eq!(err.part(), Some(Part::Tag));
    let err = refused(&token.with(4, b64e(&tag[..8])), &key, ErrorKind::Malformed);
    assert_eq!(err.part(), Some(Part::Tag));
}

#[test]
fn truncated_cbc_hmac_tag_is_refused() {
    let (token, key) = cbc();
    let tag = b64(&token.parts[4]);
    assert_eq!(tag.len(), 32);
    for len in [16, 24, 31] {
        let err = refused(
            &token.with(4, b64e(&tag[..len])),
            &key,
            ErrorKind::Malformed,
        );
        assert_eq!(err.part(), Some(Part::Tag));
    }
}

#[test]
fn wrong_iv_length_is_refused() {
    let (token, key) = gcm();
    for len in [8, 11, 13, 16] {
        let err = refused(
            &token.with(2, b64e(&vec![7u8; len])),
            &key,
            ErrorKind::Malformed,
        );
        assert_eq!(err.part(), Some(Part::Iv));
    }
    let (token, key) = cbc();
    let err = refused(&token.with(2, b64e(&[7u8; 12])), &key, ErrorKind::Malformed);
    assert_eq!(err.part(), Some(Part::Iv));
}

#[test]
fn encrypted_key_shorter_than_the_modulus_is_refused() {
    let (token, key) = gcm();
    let ek = b64(&token.parts[1]);
    let err = refused(&token.with(1, b64e(&ek[..255])), &key, ErrorKind::Malformed);
    assert_eq!(err.part(), Some(Part::EncryptedKey));
    // a 4096-bit key given a 2048-bit token's encrypted key
    let v = load("rfc/rfc7520_5_2_rsa-oaep_a256gcm.json");
    let big = PrivateKey::from_jwk(&v["recipients"][0]["key"].to_string()).unwrap();
    let err = refused(&token, &big, ErrorKind::Malformed);
    assert_eq!(err.part(), Some(Part::EncryptedKey));
}

#[test]
fn encrypted_key_longer_than_the_modulus_is_refused() {
    let (token, key) = gcm();
    let mut ek = b64(&token.parts[1]);
    ek.push(0);
    let err = refused(&token.with(1, b64e(&ek)), &key, ErrorKind::Malformed);
    assert_eq!(err.part(), Some(Part::EncryptedKey));
    let err = refused(
        &token.with(1, b64e(&[1u8; 513])),
        &key,
        ErrorKind::Malformed,
    );
    assert_eq!(err.part(), Some(Part::EncryptedKey));
}

// ---- part counts and empty parts ----

#[test]
fn four_parts_are_refused() {
    let (token, key) = gcm();
    let text = token.parts[..4].join(".");
    let err = refused_text(
        &text,
        &token.plaintext,
        &key,
        ErrorKind::Malformed,
        &Policy::new(),
    );
    assert_eq!(err.part(), Some(Part::Token));
}

#[test]
fn six_parts_are_refused() {
    let (token, key) = gcm();
    let text = format!("{}.{}", token.compact(), token.parts[4]);
    let err = refused_text(
        &text,
        &token.plaintext,
        &key,
        ErrorKind::Malformed,
        &Policy::new(),
    );
    assert_eq!(err.part(), Some(Part::Token));
}

#[test]
fn empty_parts_are_refused() {
    let (token, key) = gcm();
    for (index, part) in [
        (0, Part::Header),
        (1, Part::EncryptedKey),
        (2, Part::Iv),
        (4, Part::Tag),
    ] {
        let err = refused(
            &token.with(index, String::new()),
            &key,
            ErrorKind::Malformed,
        );
        assert_eq!(err.part(), Some(part), "{err}");
    }
    // An empty GCM ciphertext is well-formed (empty plaintext) but does not authenticate.
    refused(&token.with(3, String::new()), &key, ErrorKind::Decrypt);
    // An empty CBC ciphertext cannot exist.
    let (token, key) = cbc();
    let err = refused(&token.with(3, String::new()), &key, ErrorKind::Malformed);
    assert_eq!(err.part(), Some(Part::Ciphertext));
}

#[test]
fn empty_token_is_refused() {
    let (_, key) = gcm();
    refused_text("", b"", &key, ErrorKind::Malformed, &Policy::new());
    refused_text("....", b"", &key, ErrorKind::Malformed, &Policy::new());
}

// ---- base64url strictness, in every part ----

fn each_part_with(edit: impl Fn(&str) -> String) -> Vec<(usize, Token)> {
    let (token, _) = gcm();
    (0..5)
        .map(|i| (i, token.with(i, edit(&token.parts[i]))))
        .collect()
}

#[test]
fn base64_padding_is_refused() {
    let (_, key) = gcm();
    for (i, token) in each_part_with(|p| format!("{p}==")) {
        let err = refused(&token, &key, ErrorKind::Malformed);
        assert!(err.to_string().contains("base64url"), "part {i}: {err}");
    }
}

#[test]
fn base64_plus_and_slash_are_refused() {
    let (_, key) = gcm();
    for bad in ['+', '/'] {
        for (i, token) in each_part_with(|p| format!("{bad}{}", &p[1..])) {
            let err = refused(&token, &key, ErrorKind::Malformed);
            assert!(err.to_string().contains("base64url"), "part {i}: {err}");
        }
    }
}

#[test]
fn base64_whitespace_is_refused() {
    let (_, key) = gcm();
    for ws in [" ", "\n", "\t", "\r\n"] {
        for (i, token) in each_part_with(|p| format!("{}{ws}{}", &p[..4], &p[4..])) {
            refused(&token, &key, ErrorKind::Malformed);
            let _ = i;
        }
    }
}

#[test]
fn base64_non_canonical_trailing_bits_are_refused() {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const PARTS: [Part; 5] = [
        Part::Header,
        Part::EncryptedKey,
        Part::Iv,
        Part::Ciphertext,
        Part::Tag,
    ];
    let mut checked = 0;
    for (token, key) in [gcm(), cbc()] {
        for (index, part) in PARTS.into_iter().enumerate() {
            let text = &token.parts[index];
            if text.len().is_multiple_of(4) {
                continue; // no unused bits in this part
            }
            // Set the lowest (unused) bit of the last character.
            let last = *text.as_bytes().last().unwrap();
            let value = ALPHABET.iter().position(|c| *c == last).unwrap();
            let with_bits = ALPHABET[value | 1] as char;
            assert_ne!(with_bits as u8, last, "part {index} already non-canonical");
            let edited = format!("{}{with_bits}", &text[..text.len() - 1]);
            let err = refused(&token.with(index, edited), &key, ErrorKind::Malformed);
            assert_eq!(err.part(), Some(part), "{err}");
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} parts with unused bits");
}

// ---- the header ----

fn header_refused(json: &[u8], kind: ErrorKind) -> Error {
    let (token, key) = gcm();
    let err = refused(&token.with(0, b64e(json)), &key, kind);
    assert_eq!(err.part(), Some(Part::Header), "{err}");
    err
}

#[test]
fn header_that_is_not_an_object_is_refused() {
    for json in [&br#"["RSA-OAEP"]"#[..], br#""alg""#, b"null", b"42"] {
        header_refused(json, ErrorKind::Malformed);
    }
}

#[test]
fn duplicate_alg_is_refused() {
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","alg":"RSA-OAEP"}"#,
        ErrorKind::Malformed,
    );
}

#[test]
fn duplicate_alg_through_an_escape_is_refused() {
    let err = header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","\u0061lg":"RSA-OAEP-256"}"#,
        ErrorKind::Malformed,
    );
    assert!(err.to_string().contains("duplicate"), "{err}");
}

#[test]
fn header_with_trailing_garbage_is_refused() {
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM"}x"#,
        ErrorKind::Malformed,
    );
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM"}{}"#,
        ErrorKind::Malformed,
    );
}

#[test]
fn header_with_a_bom_is_refused() {
    header_refused(
        b"\xEF\xBB\xBF{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}",
        ErrorKind::Malformed,
    );
}

#[test]
fn header_with_invalid_utf8_is_refused() {
    header_refused(
        b"{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"x\":\"\xC3\x28\"}",
        ErrorKind::Malformed,
    );
    header_refused(
        b"{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"x\":\"\xED\xA0\x80\"}",
        ErrorKind::Malformed,
    );
}

#[test]
fn header_with_a_lone_surrogate_escape_is_refused() {
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","kid":"\ud800"}"#,
        ErrorKind::Malformed,
    );
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","kid":"\udc00x"}"#,
        ErrorKind::Malformed,
    );
}

#[test]
fn header_members_of_the_wrong_type_are_refused() {
    header_refused(br#"{"alg":1,"enc":"A256GCM"}"#, ErrorKind::Malformed);
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":["A256GCM"]}"#,
        ErrorKind::Malformed,
    );
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","kid":null}"#,
        ErrorKind::Malformed,
    );
    header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","x5t#S256":"AAAA"}"#,
        ErrorKind::Malformed,
    );
    header_refused(br#"{"enc":"A256GCM"}"#, ErrorKind::Malformed);
    header_refused(br#"{"alg":"RSA-OAEP"}"#, ErrorKind::Malformed);
}

#[test]
fn ten_thousand_nested_arrays_do_not_overflow_the_stack() {
    // In the JSON reader directly...
    let deep = "[".repeat(10_000);
    let err = jose_core::json::parse(deep.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    // ...and in a header within the size limit (3,000 levels).
    let json = format!(
        r#"{{"alg":"RSA-OAEP","enc":"A256GCM","x":{}{}}}"#,
        "[".repeat(3000),
        "]".repeat(3000)
    );
    header_refused(json.as_bytes(), ErrorKind::TooLarge);
    // ...and a header over the size limit is refused before it is decoded.
    header_refused("[".repeat(10_000).as_bytes(), ErrorKind::TooLarge);
}

#[test]
fn zip_is_refused() {
    let err = header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","zip":"DEF"}"#,
        ErrorKind::Unsupported,
    );
    assert!(err.to_string().contains("zip"), "{err}");
}

#[test]
fn unknown_crit_is_refused() {
    let err = header_refused(
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","crit":["exp"],"exp":1}"#,
        ErrorKind::Unsupported,
    );
    assert!(err.to_string().contains("crit"), "{err}");
}

#[test]
fn malformed_crit_is_refused() {
    for json in [
        &br#"{"alg":"RSA-OAEP","enc":"A256GCM","crit":[]}"#[..],
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","crit":"exp","exp":1}"#,
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","crit":[1]}"#,
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","crit":["exp"]}"#,
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","crit":["alg"]}"#,
        br#"{"alg":"RSA-OAEP","enc":"A256GCM","crit":["exp","exp"],"exp":1}"#,
    ] {
        let err = header_refused(json, ErrorKind::Malformed);
        assert!(err.to_string().contains("crit"), "{err}");
    }
}

#[test]
fn swapped_alg_and_enc_are_named() {
    let err = header_refused(
        br#"{"alg":"A256GCM","enc":"RSA-OAEP-256"}"#,
        ErrorKind::Unsupported,
    );
    assert!(err.to_string().contains("swapped"), "{err}");
}

#[test]
fn rsa1_5_is_refused() {
    let err = header_refused(
        br#"{"alg":"RSA1_5","enc":"A256GCM"}"#,
        ErrorKind::Unsupported,
    );
    assert!(err.to_string().contains("RSA1_5"), "{err}");
}

#[test]
fn a_dir_token_never_reaches_an_rsa_key() {
    let (token, key) = gcm();
    // `dir` carries an empty encrypted key and needs a shared secret: an RSA
    // key (or a set of them, at the front door) refuses it by type, naming
    // it, before anything is decrypted. (Shared keys: tests/shared_key.rs.)
    let t = token
        .with_header(r#"{"alg":"dir","enc":"A256GCM"}"#)
        .with(1, String::new());
    let err = refused(&t, &key, ErrorKind::Key);
    assert!(err.to_string().contains("dir"), "{err}");
}

#[test]
fn pbes2_with_a_huge_iteration_count_is_refused_without_deriving() {
    // Refused at the algorithm lookup: `p2c` is never read, so no PBKDF2 runs.
    let (token, key) = gcm();
    let t = token.with_header(r#"{"alg":"PBES2-HS256+A128KW","enc":"A256GCM","p2s":"2WCTcJZ1Rvd_CJuJripQ1w","p2c":2147483647}"#);
    let err = refused(&t, &key, ErrorKind::Unsupported);
    assert!(err.to_string().contains("PBES2-HS256+A128KW"), "{err}");
}

#[test]
fn unknown_algorithms_are_refused_without_echoing_them() {
    let err = header_refused(
        br#"{"alg":"<script>","enc":"A256GCM"}"#,
        ErrorKind::Unsupported,
    );
    assert!(!err.to_string().contains("<script>"), "{err}");
    let err = header_refused(
        br#"{"alg":"RSA-OAEP","enc":"<script>"}"#,
        ErrorKind::Unsupported,
    );
    assert!(!err.to_string().contains("<script>"), "{err}");
}

#[test]
fn algorithm_outside_the_allow_list_is_a_policy_error() {
    let (token, key) = gcm();
    let policy = Policy::new().content_algorithms(
        jose_core::ContentAlgorithms::none().with(jose_core::ContentAlgorithm::A128Gcm),
    );
    refused_text(
        &token.compact(),
        &token.plaintext,
        &key,
        ErrorKind::Policy,
        &policy,
    );
}

// ---- limits and serializations ----

#[test]
fn token_over_the_limit_is_refused_before_decoding() {
    let (token, key) = gcm();
    let policy = Policy::new().max_token_len(100);
    let err = refused_text(
        &token.compact(),
        &token.plaintext,
        &key,
        ErrorKind::TooLarge,
        &policy,
    );
    assert_eq!(err.part(), Some(Part::Token));
    // the default limit: 256 KiB
    let huge = format!("{}.{}", token.parts[..3].join("."), "A".repeat(300 * 1024))
        + "."
        + &token.parts[4];
    let err = refused_text(
        &huge,
        &token.plaintext,
        &key,
        ErrorKind::TooLarge,
        &Policy::new(),
    );
    assert_eq!(err.part(), Some(Part::Token));
}

#[test]
fn header_over_the_limit_is_refused_before_decoding() {
    let (token, key) = gcm();
    let padding = "x".repeat(5000);
    let t = token.with_header(&format!(
        r#"{{"alg":"RSA-OAEP","enc":"A256GCM","pad":"{padding}"}}"#
    ));
    let err = refused(&t, &key, ErrorKind::TooLarge);
    assert_eq!(err.part(), Some(Part::Header));
    let policy = Policy::new().max_header_len(20);
    let err = refused_text(
        &token.compact(),
        &token.plaintext,
        &key,
        ErrorKind::TooLarge,
        &policy,
    );
    assert_eq!(err.part(), Some(Part::Header));
}

#[test]
fn a_header_of_4_kib_is_accepted() {
    let (token, key) = gcm();
    // Only the header changes, so authentication fails: parsing succeeded.
    let fill = 4096 - r#"{"alg":"RSA-OAEP","enc":"A256GCM","pad":""}"#.len();
    let t = token.with_header(&format!(
        r#"{{"alg":"RSA-OAEP","enc":"A256GCM","pad":"{}"}}"#,
        "x".repeat(fill)
    ));
    assert_eq!(b64(&t.parts[0]).len(), 4096);
    refused(&t, &key, ErrorKind::Decrypt);
}

#[test]
fn json_serialization_is_refused() {
    let (token, key) = gcm();
    let json = format!(
        r#"{{"protected":"{}","encrypted_key":"{}","iv":"{}","ciphertext":"{}","tag":"{}"}}"#,
        token.parts[0], token.parts[1], token.parts[2], token.parts[3], token.parts[4]
    );
    let err = refused_text(
        &json,
        &token.plaintext,
        &key,
        ErrorKind::Unsupported,
        &Policy::new(),
    );
    assert!(err.to_string().contains("JSON serialization"), "{err}");
}

#[test]
fn buffer_too_small_says_how_large_it_must_be() {
    let (token, key) = gcm();
    let text = token.compact();
    let jwe = Compact::parse(&text).unwrap();
    let mut buf = [0u8; 10];
    let err = jwe
        .decrypt(&key, &mut jose_core::os_rng(), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Buffer);
    assert!(
        err.to_string().contains(&jwe.buffer_len().to_string()),
        "{err}"
    );
}

// ---- the one decryption failure ----

fn public_key(key_jwk: &serde_json::Value) -> rsa::PublicKey {
    let n = b64(str_of(key_jwk, "n"));
    let e = b64(str_of(key_jwk, "e"));
    rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice_vartime(&n),
        rsa::BoxedUint::from_be_slice_vartime(&e),
    )
    .unwrap()
}

#[test]
fn random_encrypted_key_is_the_same_error_as_a_bad_tag() {
    let (token, key) = gcm();
    let bad_tag = refused(&token.flipped(4, 3), &key, ErrorKind::Decrypt);
    let mut random = [0u8; 256];
    rand_core::Rng::fill_bytes(&mut rand_core::UnwrapErr(jose_core::os_rng()), &mut random);
    random[0] &= 0x7F; // below the modulus, so RSA itself runs
    let err = refused(&token.with(1, b64e(&random)), &key, ErrorKind::Decrypt);
    assert_eq!(err, bad_tag);
    assert_eq!(err.to_string(), bad_tag.to_string());
}

#[test]
fn valid_oaep_wrapping_of_a_16_byte_key_under_a256gcm_is_the_same_error_as_a_bad_tag() {
    let v = load("rfc/rfc7516_A1_rsa-oaep_a256gcm.json");
    let (token, key) = gcm();
    let bad_tag = refused(&token.flipped(4, 3), &key, ErrorKind::Decrypt);
    let public = public_key(&v["recipients"][0]["key"]);
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    // The RFC's own CEK, truncated to 16 bytes: a correct OAEP block, wrong length.
    let cek = b64(str_of(&v["content"], "cek_b64u"));
    let wrapped = public
        .encrypt(&mut rng, rsa::Oaep::<sha1::Sha1>::new(), &cek[..16])
        .unwrap();
    assert_eq!(wrapped.len(), public.size());
    let err = refused(&token.with(1, b64e(&wrapped)), &key, ErrorKind::Decrypt);
    assert_eq!(err, bad_tag);
    // The full CEK re-wrapped decrypts: the only difference was the length.
    let wrapped = public
        .encrypt(&mut rng, rsa::Oaep::<sha1::Sha1>::new(), &cek)
        .unwrap();
    let t = token.with(1, b64e(&wrapped));
    let text = t.compact();
    let jwe = Compact::parse(&text).unwrap();
    let mut buf = vec![0u8; jwe.buffer_len()];
    assert_eq!(
        jwe.decrypt(&key, &mut rng, &mut buf).unwrap(),
        token.plaintext
    );
}

#[test]
fn decrypt_errors_name_no_part_and_no_secret() {
    let (token, key) = gcm();
    let err = refused(&token.flipped(3, 0), &key, ErrorKind::Decrypt);
    assert_eq!(err.part(), None);
    assert_eq!(err.to_string(), "decrypt: decryption failed");
    assert_eq!(format!("{err:?}"), "Error(decrypt: decryption failed)");
}

#[test]
fn private_key_debug_shows_no_key_material() {
    let v = load("rfc/rfc7516_A1_rsa-oaep_a256gcm.json");
    let (_, key) = gcm();
    let shown = format!("{key:?}");
    for member in ["d", "p", "q", "dp", "dq", "qi"] {
        let value = str_of(&v["recipients"][0]["key"], member);
        assert!(!shown.contains(&value[..16]), "{member} shown");
    }
    assert!(shown.contains("2048"));
}

#[test]
fn keys_embedded_in_the_header_are_never_used() {
    let v = load("rfc/rfc7516_A1_rsa-oaep_a256gcm.json");
    let ours = public_key(&v["recipients"][0]["key"]);
    let (_, our_key) = gcm();
    let (_, attacker_key) = cbc();
    let attacker_jwk = &load("interop/jose-node.json")["keys"]["2048"];
    let attacker = public_key(attacker_jwk);
    let header = format!(
        r#"{{"alg":"RSA-OAEP","enc":"A256GCM","jwk":{{"kty":"RSA","n":"{}","e":"AQAB"}},"jku":"https://attacker.example/jwks","x5u":"https://attacker.example/cert","x5c":["AAAA"]}}"#,
        str_of(attacker_jwk, "n")
    );
    // Wrapped for our key: the embedded key material is ignored, decryption works.
    let token = seal(&header, &ours, b"for us");
    let jwe = Compact::parse(&token).unwrap();
    let mut buf = vec![0u8; jwe.buffer_len()];
    assert_eq!(
        jwe.decrypt(&our_key, &mut jose_core::os_rng(), &mut buf)
            .unwrap(),
        b"for us"
    );
    // Wrapped for the attacker's embedded key: our key is the only one tried.
    let token = seal(&header, &attacker, b"attacker's");
    refused_text(
        &token,
        b"attacker's",
        &our_key,
        ErrorKind::Decrypt,
        &Policy::new(),
    );
    // (and the attacker's own private key does open it: the token itself is sound)
    let jwe = Compact::parse(&token).unwrap();
    let mut buf = vec![0u8; jwe.buffer_len()];
    assert!(
        jwe.decrypt(&attacker_key, &mut jose_core::os_rng(), &mut buf)
            .is_ok()
    );
}
