//! Sets of shared secrets: choosing by `kid` for HMAC and for key wrap,
//! refusing what is ambiguous, keeping secrets and public keys apart, and
//! opening through `WithSecret` and `Compact::decrypt_with`.

use jose_core::jwe::{Compact as Jwe, Encrypter};
use jose_core::jws::{Compact as Jws, Signer};
use jose_core::keys::{
    IssuerKeys, PrivateKey, PrivateKeySet, PublicKeySet, SecretKey, SecretKeySet, WithSecret,
};
use jose_core::{ContentAlgorithm, ErrorKind, KeyAlgorithm, SignatureAlgorithm};

fn hs256(key: &SecretKey) -> String {
    let signer = Signer::hmac(key, SignatureAlgorithm::Hs256).unwrap();
    let mut out = vec![0u8; signer.output_len(2).unwrap()];
    signer
        .sign(b"{}", &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned()
}

fn a256kw(key: &SecretKey) -> String {
    let encrypter =
        Encrypter::with_secret(key, KeyAlgorithm::A256Kw, ContentAlgorithm::A256Gcm).unwrap();
    let mut out = vec![0u8; encrypter.output_len(5).unwrap()];
    encrypter
        .encrypt(b"hello", &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned()
}

fn open(token: &str, keys: &impl jose_core::keys::DecryptionKeys) -> Result<Vec<u8>, ErrorKind> {
    let jwe = Jwe::parse(token).map_err(|e| e.kind())?;
    let mut buf = vec![0u8; jwe.buffer_len()];
    jwe.decrypt_with(keys, &mut jose_core::os_rng(), &mut buf)
        .map(|p| p.to_vec())
        .map_err(|e| e.kind())
}

fn secret(fill: u8, kid: &str) -> SecretKey {
    SecretKey::from_bytes(&[fill; 32]).unwrap().with_kid(kid)
}

fn jwk(fill: u8, kid: &str, alg: &str) -> String {
    use base64ct::Encoding;
    let k = base64ct::Base64UrlUnpadded::encode_string(&[fill; 32]);
    format!(r#"{{"kty":"oct","kid":"{kid}","alg":"{alg}","k":"{k}"}}"#)
}

#[test]
fn a_rotated_secret_is_chosen_by_kid_for_hmac_and_for_key_wrap() {
    let (old, new) = (secret(1, "2025"), secret(2, "2026"));
    let set = SecretKeySet::new()
        .with(old.clone())
        .unwrap()
        .with(new.clone())
        .unwrap();
    for key in [&old, &new] {
        let used = Jws::parse(&hs256(key)).unwrap().verify(&set).unwrap();
        assert_eq!(used.kid(), key.kid());
        assert_eq!(open(&a256kw(key), &set).unwrap(), b"hello");
    }
    // A kid the set does not have is a miss, not a try of every secret.
    let stranger = secret(1, "2024");
    let err = Jws::parse(&hs256(&stranger))
        .unwrap()
        .verify(&set)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    assert_eq!(open(&a256kw(&stranger), &set), Err(ErrorKind::Key));
}

#[test]
fn secret_sets_refuse_two_keys_under_one_kid() {
    // Added one by one: refused at once.
    let err = SecretKeySet::new()
        .with(secret(1, "k"))
        .unwrap()
        .with(secret(2, "k"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    // From a JWK Set: both load, and a token naming the kid is refused as
    // ambiguous, whichever of the two made it.
    let jwks = format!(
        r#"{{"keys":[{},{}]}}"#,
        jwk(1, "k", "HS256"),
        jwk(2, "k", "HS256")
    );
    let set = SecretKeySet::from_jwks(&jwks).unwrap();
    assert_eq!(set.len(), 2);
    for fill in [1, 2] {
        let err = Jws::parse(&hs256(&secret(fill, "k")))
            .unwrap()
            .verify(&set)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key);
        assert!(err.to_string().contains("ambiguous"), "{err}");
    }
    // Told apart by alg, the two may share the kid: each answers its own.
    let jwks = format!(
        r#"{{"keys":[{},{}]}}"#,
        jwk(1, "k", "HS256"),
        jwk(2, "k", "A256KW")
    );
    let set = SecretKeySet::from_jwks(&jwks).unwrap();
    assert!(
        Jws::parse(&hs256(&secret(1, "k")))
            .unwrap()
            .verify(&set)
            .is_ok()
    );
    assert_eq!(open(&a256kw(&secret(2, "k")), &set).unwrap(), b"hello");
    assert_eq!(
        open(&a256kw(&secret(1, "k")), &set),
        Err(ErrorKind::Decrypt)
    );
}

#[test]
fn without_a_kid_only_a_single_usable_secret_answers() {
    let unnamed = |fill| SecretKey::from_bytes(&[fill; 32]).unwrap();
    let one = SecretKeySet::new().with(unnamed(1)).unwrap();
    assert!(
        Jws::parse(&hs256(&unnamed(1)))
            .unwrap()
            .verify(&one)
            .is_ok()
    );
    let two = one.clone().with(unnamed(2)).unwrap();
    let err = Jws::parse(&hs256(&unnamed(1)))
        .unwrap()
        .verify(&two)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    assert_eq!(open(&a256kw(&unnamed(1)), &two), Err(ErrorKind::Key));
}

#[test]
fn a_set_of_secrets_holds_oct_keys_only() {
    let ec = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
    let mixed = format!(r#"{{"keys":[{},{ec}]}}"#, jwk(1, "k", "HS256"));
    let err = SecretKeySet::from_jwks(&mixed).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.to_string().contains("share a document"), "{err}");
    // The public-key reader skips the secret and reports it.
    if cfg!(feature = "ecdsa") {
        let public = PublicKeySet::from_jwks(&mixed).unwrap();
        assert_eq!(public.skipped()[0].reason().kind(), ErrorKind::Unsupported);
    }
    // A copy of a secret is kept once; a short or unreadable one skipped.
    let jwks = format!(
        r#"{{"keys":[{a},{a},{{"kty":"oct","k":"AQID"}},{{"kty":"oct","k":"!!"}}]}}"#,
        a = jwk(1, "k", "HS256")
    );
    let set = SecretKeySet::from_jwks(&jwks).unwrap();
    assert_eq!(set.len(), 1);
    let skipped: Vec<usize> = set.skipped().iter().map(|s| s.index()).collect();
    assert_eq!(skipped, [1, 2, 3]);
    assert!(SecretKeySet::from_jwks(r#"{"keys":[]}"#).is_err());
    assert!(SecretKeySet::from_jwks("[]").is_err());
}

#[test]
fn secrets_never_answer_for_public_keys_nor_keys_for_secrets() {
    let rsa = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    let secrets = SecretKeySet::new().with(secret(1, "s")).unwrap();
    // An RSA-OAEP token: the secret set has no private key to give.
    let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    assert_eq!(open(token, &secrets), Err(ErrorKind::Key));
    let both = WithSecret::new(PrivateKeySet::new().with(rsa).unwrap(), secrets.clone());
    assert!(open(token, &both).is_ok());
    // A key-wrap token goes to the secrets only.
    assert_eq!(open(&a256kw(&secret(1, "s")), &both).unwrap(), b"hello");
    let keys_only = PrivateKeySet::new()
        .with(PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap())
        .unwrap();
    assert_eq!(
        open(&a256kw(&secret(1, "s")), &keys_only),
        Err(ErrorKind::Key)
    );
    // An RS256 token is never checked as an HMAC by a set of secrets.
    let jws = Jws::parse(include_str!("../../vectors/rfc7515_A2.jws").trim()).unwrap();
    assert_eq!(jws.verify(&secrets).unwrap_err().kind(), ErrorKind::Key);
}

#[test]
fn the_fingerprint_follows_the_secrets_and_debug_shows_no_bytes() {
    let a = SecretKeySet::new().with(secret(0x41, "a")).unwrap();
    let b = SecretKeySet::new().with(secret(0x41, "a")).unwrap();
    // Secrets are identified by the number drawn when made, never by a hash
    // of their bytes: two separately made equal secrets differ.
    assert_ne!(a.fingerprint(), b.fingerprint());
    assert_eq!(a.fingerprint(), a.clone().fingerprint());
    let wider = a.clone().with(secret(0x42, "b")).unwrap();
    assert_ne!(a.fingerprint(), wider.fingerprint());
    let shown = format!("{wider:?}");
    assert!(
        !shown.contains("65, 65") && !shown.contains("QUFB"),
        "{shown}"
    );
}
