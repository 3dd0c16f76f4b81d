//! Key management with shared keys: `dir`, A128KW/A192KW/A256KW and
//! A128GCMKW/A192GCMKW/A256GCMKW, produced and opened under every `enc`,
//! and every hostile variation refused: wrong keys, changed wraps, tags and
//! header members, encrypted keys of the wrong length, keys of the wrong
//! type or length, and restrictions the key states. (The RFC examples are
//! in tests/rfc.rs, RFC 3394 in the hazmat unit tests.)

mod common;

use common::{b64, b64e};
use jose_core::jwe::{Compact, Encrypter};
use jose_core::jws::Signer;
use jose_core::jwt::{self, Trust, Validation};
use jose_core::keys::{
    DecryptionKeys, KeyUse, PrivateKey, PrivateKeySet, PublicKeySet, SecretKey, WithSecret,
};
use jose_core::{ContentAlgorithm, Error, ErrorKind, KeyAlgorithm, Part, SignatureAlgorithm};

const SHARED: [KeyAlgorithm; 7] = [
    KeyAlgorithm::Dir,
    KeyAlgorithm::A128Kw,
    KeyAlgorithm::A192Kw,
    KeyAlgorithm::A256Kw,
    KeyAlgorithm::A128GcmKw,
    KeyAlgorithm::A192GcmKw,
    KeyAlgorithm::A256GcmKw,
];

/// A secret of the length `alg` (for `dir`, `enc`) takes, filled with `fill`.
fn secret(alg: KeyAlgorithm, enc: ContentAlgorithm, fill: u8) -> SecretKey {
    let len = alg.wrapping_key_len().unwrap_or(enc.key_len());
    SecretKey::from_bytes(&vec![fill; len]).unwrap()
}

fn seal(key: &SecretKey, alg: KeyAlgorithm, enc: ContentAlgorithm, plaintext: &[u8]) -> String {
    let encrypter = Encrypter::with_secret(key, alg, enc).unwrap();
    let want = encrypter.output_len(plaintext.len()).unwrap();
    let mut out = vec![0u8; want];
    let token = encrypter
        .encrypt(plaintext, &mut jose_core::os_rng(), &mut out)
        .unwrap();
    assert_eq!(token.len(), want, "output_len is exact");
    token.to_owned()
}

/// Opens `token` with `key` into a buffer that must be wiped on failure.
fn open(token: &str, key: &SecretKey) -> Result<Vec<u8>, Error> {
    let jwe = Compact::parse(token)?;
    let mut buf = vec![0xAAu8; jwe.buffer_len()];
    match jwe.decrypt(key, &mut jose_core::os_rng(), &mut buf) {
        Ok(plaintext) => Ok(plaintext.to_vec()),
        Err(err) => {
            if err.kind() == ErrorKind::Decrypt {
                assert!(buf.iter().all(|b| *b == 0), "no plaintext left: {err}");
            }
            Err(err)
        }
    }
}

fn with_part(token: &str, index: usize, bytes: &[u8]) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[index] = b64e(bytes);
    parts.join(".")
}

fn with_header(token: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let header = token.split('.').next().unwrap();
    let mut json: serde_json::Value = serde_json::from_slice(&b64(header)).unwrap();
    edit(&mut json);
    with_part(token, 0, json.to_string().as_bytes())
}

#[test]
fn every_shared_algorithm_round_trips_under_every_enc() {
    let mut count = 0;
    for alg in SHARED {
        for enc in ContentAlgorithm::ALL {
            let key = secret(alg, enc, 0x42);
            for plaintext in [&b""[..], b"x", &[7u8; 1000]] {
                let token = seal(&key, alg, enc, plaintext);
                let jwe = Compact::parse(&token).unwrap();
                assert_eq!((jwe.key_algorithm(), jwe.content_algorithm()), (alg, enc));
                let expected_len = alg.encrypted_key_len(enc).unwrap();
                assert_eq!(jwe.encrypted_key_len(), expected_len, "{alg} {enc}");
                assert_eq!(jwe.header().get("iv").is_some(), alg.is_gcm_key_wrap());
                assert_eq!(open(&token, &key).unwrap(), plaintext, "{alg} {enc}");
                count += 1;
            }
        }
    }
    assert_eq!(count, 7 * 6 * 3);
}

#[test]
fn dir_uses_the_shared_key_as_the_content_key() {
    // The content layer opens a dir token with the key itself.
    let key = SecretKey::from_bytes(&[9u8; 16]).unwrap();
    let token = seal(
        &key,
        KeyAlgorithm::Dir,
        ContentAlgorithm::A128Gcm,
        b"direct",
    );
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts[1], "", "dir carries no encrypted key");
    let mut buf = b64(parts[3]);
    let len = jose_core::jwe::content::decrypt(
        ContentAlgorithm::A128Gcm,
        &[9u8; 16],
        &b64(parts[2]),
        parts[0].as_bytes(),
        &mut buf,
        &b64(parts[4]),
    )
    .unwrap();
    assert_eq!(&buf[..len], b"direct");
}

/// A wrong key of the right length, a changed encrypted key, a changed
/// key-wrap `tag` or `iv`: the same `decrypt` error, with the same text,
/// as RSA-OAEP's wrong key gives, and the buffer wiped.
#[test]
fn every_unwrap_failure_is_the_one_decrypt_error() {
    let rsa = {
        let key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
        let other =
            PrivateKey::from_pem(include_str!("../../vectors/interop/recipient.key.pem")).unwrap();
        let public = other.public_key();
        let encrypter =
            Encrypter::new(&public, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm).unwrap();
        let mut out = vec![0u8; encrypter.output_len(4).unwrap()];
        let token = encrypter
            .encrypt(b"oaep", &mut jose_core::os_rng(), &mut out)
            .unwrap();
        let jwe = Compact::parse(token).unwrap();
        let mut buf = vec![0u8; jwe.buffer_len()];
        let err = match jwe.decrypt(&key, &mut jose_core::os_rng(), &mut buf) {
            Err(err) => err,
            Ok(_) => panic!("opened with the wrong RSA key"),
        };
        assert_eq!(err.kind(), ErrorKind::Decrypt);
        err.to_string()
    };
    let mut failures = 0;
    for alg in SHARED {
        for enc in [ContentAlgorithm::A256Gcm, ContentAlgorithm::A128CbcHs256] {
            let key = secret(alg, enc, 1);
            let token = seal(&key, alg, enc, b"secret payload");
            let mut hostile = vec![open(&token, &secret(alg, enc, 2)).unwrap_err()];
            let ek = b64(token.split('.').nth(1).unwrap());
            for i in 0..ek.len() {
                let mut changed = ek.clone();
                changed[i] ^= 0x01;
                hostile.push(open(&with_part(&token, 1, &changed), &key).unwrap_err());
            }
            if alg.is_gcm_key_wrap() {
                for member in ["tag", "iv"] {
                    let edited = with_header(&token, |h| {
                        let mut bytes = b64(h[member].as_str().unwrap());
                        bytes[0] ^= 0x01;
                        h[member] = b64e(&bytes).into();
                    });
                    hostile.push(open(&edited, &key).unwrap_err());
                }
            }
            for err in hostile {
                assert_eq!(err.kind(), ErrorKind::Decrypt, "{alg} {enc}: {err}");
                assert_eq!(err.to_string(), rsa, "{alg} {enc}: one error text");
                failures += 1;
            }
        }
    }
    println!("{failures} unwrap failures, one error");
    assert!(failures > 7 * 2);
}

#[test]
fn encrypted_keys_of_the_wrong_length_are_malformed_before_any_key() {
    for (alg, enc, wrong) in [
        (KeyAlgorithm::Dir, ContentAlgorithm::A128Gcm, 16),
        (KeyAlgorithm::Dir, ContentAlgorithm::A128Gcm, 1),
        (KeyAlgorithm::A128Kw, ContentAlgorithm::A128Gcm, 16),
        (KeyAlgorithm::A128Kw, ContentAlgorithm::A128Gcm, 0),
        (KeyAlgorithm::A256Kw, ContentAlgorithm::A256CbcHs512, 64),
        (KeyAlgorithm::A128GcmKw, ContentAlgorithm::A128Gcm, 24),
        (KeyAlgorithm::A256GcmKw, ContentAlgorithm::A256Gcm, 0),
    ] {
        let key = secret(alg, enc, 3);
        let token = seal(&key, alg, enc, b"x");
        let changed = with_part(&token, 1, &vec![0u8; wrong]);
        let err = Compact::parse(&changed).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{alg} {wrong}: {err}");
        assert_eq!(err.part(), Some(Part::EncryptedKey), "{alg}");
    }
}

#[test]
fn gcm_key_wrap_needs_its_iv_and_tag_in_the_header() {
    let key = secret(KeyAlgorithm::A192GcmKw, ContentAlgorithm::A192Gcm, 4);
    let token = seal(
        &key,
        KeyAlgorithm::A192GcmKw,
        ContentAlgorithm::A192Gcm,
        b"x",
    );
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let edits: [(&str, Edit); 6] = [
        (
            "no iv",
            Box::new(|h| drop(h.as_object_mut().unwrap().remove("iv"))),
        ),
        (
            "no tag",
            Box::new(|h| drop(h.as_object_mut().unwrap().remove("tag"))),
        ),
        ("short iv", Box::new(|h| h["iv"] = b64e(&[0u8; 8]).into())),
        ("long tag", Box::new(|h| h["tag"] = b64e(&[0u8; 32]).into())),
        ("number iv", Box::new(|h| h["iv"] = 7.into())),
        (
            "bad base64",
            Box::new(|h| h["tag"] = "!!!!!!!!!!!!!!!!!!!!!!".into()),
        ),
    ];
    for (what, edit) in edits {
        let err = Compact::parse(&with_header(&token, edit)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{what}: {err}");
        assert_eq!(err.part(), Some(Part::Header), "{what}");
    }
}

/// A key of another type or length never opens a token: a `key` error,
/// before anything is decrypted.
#[test]
fn keys_of_the_wrong_type_or_length_are_refused() {
    let wrong_len = [
        (KeyAlgorithm::A128Kw, 32),
        (KeyAlgorithm::A256Kw, 16),
        (KeyAlgorithm::A192GcmKw, 32),
        (KeyAlgorithm::Dir, 16), // A256GCM needs 32
        (KeyAlgorithm::Dir, 64),
    ];
    for (alg, len) in wrong_len {
        let right = secret(alg, ContentAlgorithm::A256Gcm, 5);
        let token = seal(&right, alg, ContentAlgorithm::A256Gcm, b"x");
        let wrong = SecretKey::from_bytes(&vec![5u8; len]).unwrap();
        let err = open(&token, &wrong).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key, "{alg} with {len} bytes: {err}");
        let err = Encrypter::with_secret(&wrong, alg, ContentAlgorithm::A256Gcm).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key, "{alg} with {len} bytes: {err}");
    }
    // An RSA private key for a shared-key token, a secret for an RSA-OAEP one.
    let rsa = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    let key = secret(KeyAlgorithm::A128Kw, ContentAlgorithm::A128Gcm, 6);
    let token = seal(&key, KeyAlgorithm::A128Kw, ContentAlgorithm::A128Gcm, b"x");
    let jwe = Compact::parse(&token).unwrap();
    let mut buf = vec![0u8; jwe.buffer_len()];
    let err = jwe
        .decrypt(&rsa, &mut jose_core::os_rng(), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    let oaep = Compact::parse(include_str!("../../vectors/rfc7516_A1.jwe").trim()).unwrap();
    let mut buf = vec![0u8; oaep.buffer_len()];
    let secret_32 = SecretKey::from_bytes(&[1u8; 32]).unwrap();
    let err = oaep
        .decrypt(&secret_32, &mut jose_core::os_rng(), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    // A public key never encrypts with a shared-key algorithm.
    for alg in SHARED {
        let err = Encrypter::new(&rsa.public_key(), alg, ContentAlgorithm::A128Gcm).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key, "{alg}: {err}");
    }
}

/// `alg`, `use` and `key_ops` bind what a secret does.
#[test]
fn a_secrets_stated_restrictions_bind_it() {
    let bytes = [8u8; 16];
    let token = seal(
        &SecretKey::from_bytes(&bytes).unwrap(),
        KeyAlgorithm::A128GcmKw,
        ContentAlgorithm::A128Gcm,
        b"x",
    );
    let other_alg = SecretKey::from_bytes(&bytes)
        .unwrap()
        .with_key_algorithm(KeyAlgorithm::A128Kw);
    assert_eq!(open(&token, &other_alg).unwrap_err().kind(), ErrorKind::Key);
    let signing = SecretKey::from_bytes(&bytes)
        .unwrap()
        .with_use(KeyUse::Signature)
        .unwrap();
    assert_eq!(open(&token, &signing).unwrap_err().kind(), ErrorKind::Key);
    let jwk = format!(
        r#"{{"kty":"oct","k":"{}","key_ops":["wrapKey"]}}"#,
        b64e(&bytes)
    );
    let wrap_only = SecretKey::from_jwk(&jwk).unwrap();
    assert_eq!(open(&token, &wrap_only).unwrap_err().kind(), ErrorKind::Key);
    let jwk = format!(
        r#"{{"kty":"oct","k":"{}","key_ops":["unwrapKey"],"alg":"A128GCMKW","use":"enc"}}"#,
        b64e(&bytes)
    );
    assert_eq!(
        open(&token, &SecretKey::from_jwk(&jwk).unwrap()).unwrap(),
        b"x"
    );
    // An encryption key never signs, and a signing secret never encrypts.
    let enc_only = SecretKey::from_bytes(&[8u8; 32])
        .unwrap()
        .with_use(KeyUse::Encryption)
        .unwrap();
    assert_eq!(
        Signer::hmac(&enc_only, SignatureAlgorithm::Hs256)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    let sig_only = SecretKey::from_bytes(&[8u8; 32])
        .unwrap()
        .with_use(KeyUse::Signature)
        .unwrap();
    assert_eq!(
        Encrypter::with_secret(&sig_only, KeyAlgorithm::A256Kw, ContentAlgorithm::A128Gcm)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    // A dir key may state the enc it is the key of (RFC 7520 §5.6), or dir.
    for stated in ["A128GCM", "dir"] {
        let jwk = format!(r#"{{"kty":"oct","k":"{}","alg":"{stated}"}}"#, b64e(&bytes));
        let key = SecretKey::from_jwk(&jwk).unwrap();
        let token = seal(&key, KeyAlgorithm::Dir, ContentAlgorithm::A128Gcm, b"d");
        assert_eq!(open(&token, &key).unwrap(), b"d");
    }
    let jwk = format!(
        r#"{{"kty":"oct","k":"{}","alg":"A192GCM"}}"#,
        b64e(&[8u8; 16])
    );
    let key = SecretKey::from_jwk(&jwk).unwrap();
    let err =
        Encrypter::with_secret(&key, KeyAlgorithm::Dir, ContentAlgorithm::A128Gcm).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
}

/// Key sets: private keys never answer for a shared-key token, a secret
/// never for an RSA-OAEP one; `WithSecret` sends each to its own, and a
/// secret with a `kid` answers only tokens naming it (or none).
#[test]
fn key_sets_send_each_token_to_its_own_kind_of_key() {
    let private =
        PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))
            .unwrap();
    let key = secret(KeyAlgorithm::A256Kw, ContentAlgorithm::A256Gcm, 9).with_kid("shared");
    let token = seal(&key, KeyAlgorithm::A256Kw, ContentAlgorithm::A256Gcm, b"x");
    let jwe = Compact::parse(&token).unwrap();
    assert_eq!(jwe.header().kid().unwrap(), "shared");
    assert_eq!(
        private
            .decryption_secret(&jwe.key_request())
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    let both = WithSecret::new(private, key.clone());
    assert!(both.decryption_secret(&jwe.key_request()).is_ok());
    assert!(both.decryption_key(&jwe.key_request()).is_err());
    let named_other = with_header(&token, |h| h["kid"] = "another".into());
    let other = Compact::parse(&named_other).unwrap();
    assert_eq!(
        key.decryption_secret(&other.key_request())
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    let oaep = Compact::parse(include_str!("../../vectors/interop/auth0-access-token.jwe").trim())
        .unwrap();
    assert!(key.decryption_key(&oaep.key_request()).is_err());
    assert!(both.decryption_key(&oaep.key_request()).is_ok());
    assert!(both.fingerprint().is_some());
}

/// A nested token whose outer layer is A256KW, opened by the one call with
/// the receiver's keys and a shared key together.
#[test]
fn a_nested_token_under_a_shared_key_opens_through_the_one_call() {
    let issuer_private =
        PrivateKey::from_jwk(&common::interop::issuer_private().to_string()).unwrap();
    let signer = Signer::new(&issuer_private, SignatureAlgorithm::Rs256).unwrap();
    let shared = SecretKey::from_bytes(&[0x33; 32])
        .unwrap()
        .with_kid("api-kw");
    let encrypter =
        Encrypter::with_secret(&shared, KeyAlgorithm::A256Kw, ContentAlgorithm::A256Gcm)
            .unwrap()
            .cty("JWT");
    let claims = br#"{"iss":"https://issuer.example/","sub":"alice","exp":2000000000}"#;
    let mut out = vec![0u8; jwt::nested_len(claims.len(), &signer, &encrypter).unwrap()];
    let token = jwt::sign_and_encrypt(
        claims,
        &signer,
        &encrypter,
        &mut jose_core::os_rng(),
        &mut out,
    )
    .unwrap();
    let mine = WithSecret::new(common::interop::api_set(), shared);
    let issuer = PublicKeySet::new()
        .with(issuer_private.public_key())
        .unwrap();
    let rules = Validation::new()
        .issuer("https://issuer.example/")
        .accept_any_audience();
    let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    let trust = Trust::nested(&mine, &issuer, &rules, 1_900_000_000);
    let opened =
        jwt::decrypt_and_verify(token, &trust, &mut jose_core::os_rng(), &mut buf).unwrap();
    assert!(opened.claims().subject().unwrap() == "alice");
    // Without the secret, the private keys alone refuse it by kind.
    let only_private = common::interop::api_set();
    let trust = Trust::nested(&only_private, &issuer, &rules, 1_900_000_000);
    let err =
        jwt::decrypt_and_verify(token, &trust, &mut jose_core::os_rng(), &mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
}

/// OpenID Connect Core §10.2: the key is the left-most bytes of SHA-256
/// (up to 32 bytes), SHA-384 (up to 48) or SHA-512 of the client secret,
/// computed here with the `sha2` crate directly.
#[test]
fn client_secret_derivation_follows_openid_connect_core_10_2() {
    use sha2::Digest;
    let client_secret = "a client secret of at least thirty-two bytes";
    let cases = [
        (KeyAlgorithm::A128Kw, ContentAlgorithm::A256Gcm, 16),
        (KeyAlgorithm::A256GcmKw, ContentAlgorithm::A128Gcm, 32),
        (KeyAlgorithm::Dir, ContentAlgorithm::A128Gcm, 16),
        (KeyAlgorithm::Dir, ContentAlgorithm::A192CbcHs384, 48),
        (KeyAlgorithm::Dir, ContentAlgorithm::A256CbcHs512, 64),
    ];
    for (alg, enc, len) in cases {
        let key = SecretKey::encryption_key_from_client_secret(client_secret, alg, enc).unwrap();
        assert_eq!((key.len(), key.alg()), (len, Some(alg.name())));
        let digest = match len {
            ..=32 => sha2::Sha256::digest(client_secret).to_vec(),
            33..=48 => sha2::Sha384::digest(client_secret).to_vec(),
            _ => sha2::Sha512::digest(client_secret).to_vec(),
        };
        let expected = SecretKey::from_bytes(&digest[..len]).unwrap();
        // The derived key opens what the independently derived one sealed.
        let token = seal(&expected, alg, enc, b"id token");
        assert_eq!(open(&token, &key).unwrap(), b"id token", "{alg} {enc}");
    }
    let err = SecretKey::encryption_key_from_client_secret(
        "short",
        KeyAlgorithm::Dir,
        ContentAlgorithm::A128Gcm,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    let err = SecretKey::encryption_key_from_client_secret(
        client_secret,
        KeyAlgorithm::RsaOaep,
        ContentAlgorithm::A128Gcm,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

/// The secret's bytes appear in no `Debug` output and no error.
#[test]
fn a_shared_key_never_shows_its_bytes() {
    let key = SecretKey::from_bytes(&[0xC3; 16]).unwrap();
    let debug = format!("{key:?}");
    assert!(
        !debug.contains("195") && !debug.to_lowercase().contains("c3c3"),
        "{debug}"
    );
    let token = seal(&key, KeyAlgorithm::A128Kw, ContentAlgorithm::A128Gcm, b"x");
    let wrong = SecretKey::from_bytes(&[0xC4; 16]).unwrap();
    let err = open(&token, &wrong).unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(
        !text.contains("196") && !text.to_lowercase().contains("c4c4"),
        "{text}"
    );
}

/// The front door with a shared key: a `Receiver` given a private key set
/// and a secret (`WithSecret`) opens an A128GCMKW nested token (twice: the
/// second time through its cache, whose key fingerprint includes the
/// secret's identity), and one built without the secret refuses it by
/// kind.
#[test]
fn the_receiver_opens_shared_key_tokens() {
    use jose_core::Receiver;
    let issuer_private =
        PrivateKey::from_jwk(&common::interop::issuer_private().to_string()).unwrap();
    let signer = Signer::new(&issuer_private, SignatureAlgorithm::Rs256).unwrap();
    let shared = SecretKey::from_bytes(&[0x44; 16]).unwrap();
    let encrypter =
        Encrypter::with_secret(&shared, KeyAlgorithm::A128GcmKw, ContentAlgorithm::A128Gcm)
            .unwrap()
            .cty("JWT");
    let claims = br#"{"iss":"https://issuer.example/","aud":"api","sub":"bob","exp":2000000000}"#;
    let mut out = vec![0u8; jwt::nested_len(claims.len(), &signer, &encrypter).unwrap()];
    let token = jwt::sign_and_encrypt(
        claims,
        &signer,
        &encrypter,
        &mut jose_core::os_rng(),
        &mut out,
    )
    .unwrap()
    .to_owned();
    let issuer = PublicKeySet::new()
        .with(issuer_private.public_key())
        .unwrap();
    let rules = || {
        Validation::new()
            .issuer("https://issuer.example/")
            .audience("api")
    };
    let receiver = Receiver::builder()
        .decryption_keys(WithSecret::new(PrivateKeySet::new(), shared))
        .issuer_keys(issuer.clone())
        .rules(rules())
        .clock(|| 1_900_000_000)
        .build()
        .unwrap();
    for _ in 0..2 {
        let jwt = receiver.open(&token).unwrap();
        assert_eq!(jwt.claims().subject().unwrap(), "bob");
    }
    let without = Receiver::builder()
        .decryption_keys(PrivateKeySet::new())
        .issuer_keys(issuer)
        .rules(rules())
        .clock(|| 1_900_000_000)
        .build()
        .unwrap();
    assert_eq!(without.open(&token).unwrap_err().kind(), ErrorKind::Key);
}
