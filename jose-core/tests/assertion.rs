//! Private Key JWT client assertions (RFC 7523): one built by jose-core
//! verifies under the RFC 7523 rules; the same assertion with iss != sub, a
//! wrong aud, no exp or no jti is refused.

mod common;

use jose_core::json::ObjectWriter;
use jose_core::jws::Signer;
use jose_core::jwt;
use jose_core::keys::{PrivateKey, PublicKeySet};
use jose_core::{ErrorKind, SignatureAlgorithm};

const CLIENT: &str = "s6BhdRkqt3";
const ENDPOINT: &str = "https://server.example.com/token";
const NOW: u64 = 1_700_000_000;

fn client_key() -> PrivateKey {
    PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))
        .unwrap()
        .with_kid("client-key-1")
}

fn registered() -> PublicKeySet {
    PublicKeySet::new().with(client_key().public_key()).unwrap()
}

fn check(assertion: &str, now: u64) -> Result<(), jose_core::Error> {
    let mut buf = vec![0xA5u8; assertion.len()];
    let result =
        jwt::verify_client_assertion(assertion, &registered(), CLIENT, ENDPOINT, now, 5, &mut buf)
            .map(|_| ());
    if result.is_err() {
        assert!(
            buf.iter().all(|b| *b == 0xA5 || *b == 0),
            "claims left in the buffer"
        );
    }
    result
}

/// An assertion with hand-chosen claims, signed by the client's key.
fn custom(fill: impl FnOnce(&mut ObjectWriter<'_>)) -> String {
    let mut claims = [0u8; 512];
    let mut w = ObjectWriter::new(&mut claims);
    fill(&mut w);
    let claims = w.finish().unwrap();
    let key = client_key();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
    signer
        .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned()
}

#[test]
fn a_built_assertion_verifies_under_rfc_7523() {
    for alg in [SignatureAlgorithm::Rs256, SignatureAlgorithm::Ps256] {
        let key = client_key();
        let signer = Signer::new(&key, alg).unwrap();
        let mut out = [0u8; 1024];
        let assertion = jwt::client_assertion(
            CLIENT,
            ENDPOINT,
            &signer,
            NOW,
            &mut jose_core::os_rng(),
            &mut out,
        )
        .unwrap();
        let mut buf = [0u8; 1024];
        let jwt = jwt::verify_client_assertion(
            assertion,
            &registered(),
            CLIENT,
            ENDPOINT,
            NOW + 10,
            0,
            &mut buf,
        )
        .unwrap();
        let claims = jwt.claims();
        assert!(claims.issuer().unwrap() == CLIENT && claims.subject().unwrap() == CLIENT);
        assert!(claims.audiences().any(|a| a == ENDPOINT));
        assert_eq!(claims.jwt_id().unwrap().raw().len(), 22, "128 random bits");
        assert_eq!(
            claims.expires_at().unwrap().seconds() as u64,
            NOW + jwt::CLIENT_ASSERTION_LIFETIME
        );
        assert!(jwt.header().kid().unwrap() == "client-key-1");
        assert!(jwt.header().alg() == alg.name());
    }
}

#[test]
fn two_assertions_have_different_jti() {
    let key = client_key();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let (mut a, mut b) = ([0u8; 1024], [0u8; 1024]);
    let a = jwt::client_assertion(
        CLIENT,
        ENDPOINT,
        &signer,
        NOW,
        &mut jose_core::os_rng(),
        &mut a,
    )
    .unwrap();
    let b = jwt::client_assertion(
        CLIENT,
        ENDPOINT,
        &signer,
        NOW,
        &mut jose_core::os_rng(),
        &mut b,
    )
    .unwrap();
    assert_ne!(a.split('.').nth(1), b.split('.').nth(1));
}

#[test]
fn the_assertion_expires() {
    let key = client_key();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let mut out = [0u8; 1024];
    let assertion = jwt::client_assertion(
        CLIENT,
        ENDPOINT,
        &signer,
        NOW,
        &mut jose_core::os_rng(),
        &mut out,
    )
    .unwrap();
    let late = NOW + jwt::CLIENT_ASSERTION_LIFETIME + 5; // leeway 5
    assert_eq!(
        check(assertion, late).unwrap_err().kind(),
        ErrorKind::Expired
    );
}

#[test]
fn iss_different_from_sub_is_refused() {
    let assertion = custom(|w| {
        w.string("iss", CLIENT)
            .string("sub", "someone-else")
            .string("aud", ENDPOINT)
            .string("jti", "j1")
            .integer("exp", (NOW + 60) as i64);
    });
    // The sub that differs is named as a claim error, not an issuer one.
    let err = check(&assertion, NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Claim);
    assert!(err.to_string().contains("sub"), "{err}");
}

#[test]
fn wrong_audience_is_refused() {
    let assertion = custom(|w| {
        w.string("iss", CLIENT)
            .string("sub", CLIENT)
            .string("aud", "https://other.example.com/token")
            .string("jti", "j1")
            .integer("exp", (NOW + 60) as i64);
    });
    assert_eq!(
        check(&assertion, NOW).unwrap_err().kind(),
        ErrorKind::Audience
    );
}

#[test]
fn missing_exp_is_refused() {
    let assertion = custom(|w| {
        w.string("iss", CLIENT)
            .string("sub", CLIENT)
            .string("aud", ENDPOINT)
            .string("jti", "j1");
    });
    let err = check(&assertion, NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingClaim);
    assert!(err.to_string().contains("exp"), "{err}");
}

#[test]
fn missing_jti_is_refused() {
    let assertion = custom(|w| {
        w.string("iss", CLIENT)
            .string("sub", CLIENT)
            .string("aud", ENDPOINT)
            .integer("exp", (NOW + 60) as i64);
    });
    let err = check(&assertion, NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingClaim);
    assert!(err.to_string().contains("jti"), "{err}");
}

#[test]
fn an_assertion_signed_by_an_unregistered_key_is_refused() {
    // Another key, claiming the registered key's kid.
    let mut jwk: serde_json::Value =
        serde_json::from_str(include_str!("../../vectors/rfc7520_5_2.key.json")).unwrap();
    jwk.as_object_mut()
        .unwrap()
        .retain(|k, _| !["use", "alg", "kid"].contains(&k.as_str()));
    let other = PrivateKey::from_jwk(&jwk.to_string())
        .unwrap()
        .with_kid("client-key-1");
    let signer = Signer::new(&other, SignatureAlgorithm::Rs256).unwrap();
    let mut out = [0u8; 2048];
    let assertion = jwt::client_assertion(
        CLIENT,
        ENDPOINT,
        &signer,
        NOW,
        &mut jose_core::os_rng(),
        &mut out,
    )
    .unwrap();
    assert_eq!(
        check(assertion, NOW).unwrap_err().kind(),
        ErrorKind::Signature
    );
}

#[test]
fn an_assertion_with_its_own_lifetime_claims_and_typ_verifies() {
    let key = client_key();
    let signer = Signer::new(&key, SignatureAlgorithm::Ps256)
        .unwrap()
        .typ(jwt::CLIENT_AUTHENTICATION_TYP);
    let add = |w: &mut ObjectWriter<'_>| {
        w.string("tenant", "acme").integer("n", 7);
    };
    let mut out = [0u8; 1024];
    let assertion = jwt::ClientAssertion::new(CLIENT, ENDPOINT)
        .lifetime(120)
        .claims(&add)
        .sign(&signer, NOW, &mut jose_core::os_rng(), &mut out)
        .unwrap();
    let mut buf = [0u8; 1024];
    let jwt = jwt::verify_client_assertion(
        assertion,
        &registered(),
        CLIENT,
        ENDPOINT,
        NOW + 1,
        0,
        &mut buf,
    )
    .unwrap();
    assert!(jwt.header().typ().unwrap() == jwt::CLIENT_AUTHENTICATION_TYP);
    assert!(jwt.claims().get("tenant").unwrap().as_str().unwrap() == "acme");
    let exp = jwt.claims().expires_at().unwrap().seconds();
    let iat = jwt.claims().issued_at().unwrap().seconds();
    assert_eq!(exp - iat, 120);
}

#[test]
fn an_extra_claim_may_not_repeat_a_registered_one() {
    let key = client_key();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let add = |w: &mut ObjectWriter<'_>| {
        w.string("sub", "someone-else");
    };
    let mut out = [0u8; 1024];
    let err = jwt::ClientAssertion::new(CLIENT, ENDPOINT)
        .claims(&add)
        .sign(&signer, NOW, &mut jose_core::os_rng(), &mut out)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(err.to_string().contains("duplicate"), "{err}");
}

#[test]
fn a_long_lived_assertion_is_refused_unless_the_maximum_is_raised() {
    let key = client_key();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let mut out = [0u8; 1024];
    let assertion = jwt::ClientAssertion::new(CLIENT, ENDPOINT)
        .lifetime(jwt::CLIENT_ASSERTION_MAX_LIFETIME + 1)
        .sign(&signer, NOW, &mut jose_core::os_rng(), &mut out)
        .unwrap();
    let err = check(assertion, NOW + 1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Claim);
    assert!(err.to_string().contains("lifetime"), "{err}");

    let rules = jwt::client_assertion_rules(CLIENT, ENDPOINT).max_lifetime(3600);
    let mut buf = [0u8; 1024];
    assert!(
        jwt::verify(
            assertion,
            &jwt::Trust::signed(&registered(), &rules, NOW + 1),
            &mut buf
        )
        .is_ok()
    );
}

#[test]
fn an_assertion_without_iat_is_measured_from_now() {
    let far = custom(|w| {
        w.string("iss", CLIENT)
            .string("sub", CLIENT)
            .string("aud", ENDPOINT)
            .string("jti", "j1")
            .integer("exp", (NOW + 3600) as i64);
    });
    assert_eq!(check(&far, NOW).unwrap_err().kind(), ErrorKind::Claim);
    let near = custom(|w| {
        w.string("iss", CLIENT)
            .string("sub", CLIENT)
            .string("aud", ENDPOINT)
            .string("jti", "j1")
            .integer("exp", (NOW + 60) as i64);
    });
    assert!(check(&near, NOW).is_ok());
}

#[cfg(feature = "serde")]
#[test]
fn claims_written_with_serde_sign_and_verify() {
    #[derive(serde::Serialize)]
    struct Assertion<'a> {
        iss: &'a str,
        sub: &'a str,
        aud: &'a str,
        jti: &'a str,
        exp: u64,
        roles: Vec<&'a str>,
    }
    let mut json = [0u8; 512];
    let claims = jwt::write_claims(
        &Assertion {
            iss: CLIENT,
            sub: CLIENT,
            aud: ENDPOINT,
            jti: "j1",
            exp: NOW + 60,
            roles: vec!["a", "b"],
        },
        &mut json,
    )
    .unwrap();
    let key = client_key();
    let signer = Signer::new(&key, SignatureAlgorithm::Rs256).unwrap();
    let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
    let token = signer
        .sign(claims.as_bytes(), &mut jose_core::os_rng(), &mut out)
        .unwrap();
    let mut buf = vec![0u8; token.len()];
    let jwt =
        jwt::verify_client_assertion(token, &registered(), CLIENT, ENDPOINT, NOW, 0, &mut buf)
            .unwrap();
    assert_eq!(jwt.claims().json().raw(), claims);
}
