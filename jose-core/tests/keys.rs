//! Key import in every supported encoding gives the same key; key sets choose
//! keys by kid and x5t#S256 and refuse what they must.

mod common;

use common::{b64e, load};
use jose_core::ErrorKind;
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKey, PublicKeySet};

fn file(name: &str) -> String {
    std::fs::read_to_string(common::vectors_dir().join("interop").join(name)).unwrap()
}

#[test]
fn every_public_encoding_of_the_issuer_key_is_the_same_key() {
    let set = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    let from_jwks = set
        .keys()
        .iter()
        .find(|k| k.kid() == Some("issuer-2024"))
        .unwrap();
    let from_cert = PublicKey::from_certificate_pem(&file("issuer.cert.pem")).unwrap();
    let from_spki = PublicKey::from_pem(&file("issuer.spki.pem")).unwrap();
    let from_pkcs1 = PublicKey::from_pem(&file("issuer.pkcs1.pub.pem")).unwrap();
    for other in [&from_cert, &from_spki, &from_pkcs1] {
        assert_eq!(other.thumbprint(), from_jwks.thumbprint());
    }
    // The JWKS's x5c certificate is the PEM certificate: same x5t#S256.
    assert_eq!(from_cert.x5t_s256(), from_jwks.x5t_s256());
    assert!(from_spki.x5t_s256().is_none());
    assert_eq!(from_jwks.key_use(), Some("sig"));
    assert_eq!(from_jwks.alg(), Some("RS256"));
}

#[test]
fn every_private_encoding_of_the_recipient_key_is_the_same_key() {
    let pkcs8 = PrivateKey::from_pem(&file("recipient.key.pem")).unwrap();
    let pkcs1 = PrivateKey::from_pem(&file("recipient.key.pkcs1.pem")).unwrap();
    let jwk = PrivateKey::from_jwk(&file("recipient.private.jwk.json")).unwrap();
    assert_eq!(pkcs8.thumbprint(), pkcs1.thumbprint());
    assert_eq!(pkcs8.thumbprint(), jwk.thumbprint());
    let with_cert = pkcs8
        .with_certificate_pem(&file("recipient.cert.pem"))
        .unwrap();
    assert_eq!(
        b64e(with_cert.x5t_s256().unwrap()),
        file("recipient.x5t-s256.txt").trim()
    );
}

#[test]
fn a_certificate_for_another_key_is_refused() {
    let key = PrivateKey::from_pem(&file("recipient.key.pem")).unwrap();
    let err = key
        .with_certificate_pem(&file("issuer.cert.pem"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

/// One key of a tenant's set is bad: it is skipped with its reason, the
/// others still load.
fn one_key_skipped(jwks: &serde_json::Value, index: usize) -> jose_core::Error {
    let set = PublicKeySet::from_jwks(&jwks.to_string()).unwrap();
    // The keys of a type this build has: RSA, and EC with `ecdsa`.
    let usable = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["kty"] == "RSA" || (cfg!(feature = "ecdsa") && k["kty"] == "EC"))
        .count();
    assert_eq!(set.len(), usable - 1, "{set:?}");
    let skipped = set
        .skipped()
        .iter()
        .find(|s| s.index() == index)
        .unwrap_or_else(|| panic!("key #{index} not reported: {set:?}"));
    assert_eq!(skipped.kid(), jwks["keys"][index]["kid"].as_str());
    *skipped.reason()
}

#[test]
fn jwks_with_x5c_for_another_key_skips_that_key() {
    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    let other_cert = jwks["keys"][1]["x5c"].clone();
    jwks["keys"][0]["x5c"] = other_cert;
    let err = one_key_skipped(&jwks, 0);
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.to_string().contains("x5c"), "{err}");
}

#[test]
fn jwks_with_a_wrong_x5t_skips_that_key() {
    for member in ["x5t", "x5t#S256"] {
        let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
        let other = jwks["keys"][1][member].clone();
        jwks["keys"][0][member] = other;
        let err = one_key_skipped(&jwks, 0);
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{member}");
        assert!(err.to_string().contains(member), "{err}");
    }
}

#[test]
fn jwks_with_an_rsa_1024_key_skips_that_key() {
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let small = rsa::PrivateKey::new(&mut rng, 1024).unwrap();
    use rsa::traits::PublicKeyParts;
    let jwk = serde_json::json!({
        "kty": "RSA", "kid": "small",
        "n": b64e(&small.n().as_ref().to_be_bytes()),
        "e": b64e(&small.e().to_be_bytes()),
    });
    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    jwks["keys"].as_array_mut().unwrap().push(jwk);
    let err = one_key_skipped(&jwks, 3);
    assert_eq!(err.kind(), ErrorKind::Policy);
    assert!(err.to_string().contains("1024"), "{err}");
}

#[test]
#[cfg(not(feature = "ecdsa"))]
fn jwks_with_an_ec_key_skips_it_without_the_ecdsa_feature() {
    let set = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    assert_eq!(set.len(), 2, "two RSA keys kept, the EC key skipped");
    assert_eq!(set.skipped().len(), 1);
    let reason = set.skipped()[0].reason();
    assert_eq!(reason.kind(), ErrorKind::Unsupported);
    assert!(reason.to_string().contains("ecdsa"), "{reason}");
}

#[test]
#[cfg(feature = "ecdsa")]
fn jwks_with_rsa_and_ec_keys_loads_both() {
    let set = PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap();
    assert_eq!(set.len(), 3, "{set:?}");
    assert!(set.skipped().is_empty());
    let ec = set.keys().iter().find(|k| k.key_type() == "EC").unwrap();
    assert_eq!(
        (ec.kid(), ec.curve()),
        (Some("ec-ignored"), Some(jose_core::Curve::P256))
    );
}

/// The issuer's private key `index` (0: issuer-2024, 1: issuer-2025) as a
/// public JWK with `kid` and the given extra members.
fn issuer_public_jwk(index: usize, kid: &str, extra: serde_json::Value) -> serde_json::Value {
    let private: serde_json::Value =
        serde_json::from_str(&file("issuer.private.jwks.json")).unwrap();
    let key = &private["keys"][index];
    let mut jwk = serde_json::json!({"kty": "RSA", "kid": kid, "n": key["n"], "e": key["e"]});
    for (name, value) in extra.as_object().unwrap() {
        jwk[name] = value.clone();
    }
    jwk
}

/// A token signed with the issuer's key `index` under `alg`, naming `kid`.
fn signed_by(index: usize, alg: jose_core::SignatureAlgorithm, kid: &str) -> String {
    let private: serde_json::Value =
        serde_json::from_str(&file("issuer.private.jwks.json")).unwrap();
    let key = PrivateKey::from_jwk(&private["keys"][index].to_string()).unwrap();
    let claims = br#"{"iss":"https://tenant.example.auth0.com/","aud":"api","exp":4102444800}"#;
    let signer = jose_core::jws::Signer::new(&key, alg).unwrap().kid(kid);
    let mut out = vec![0u8; signer.output_len(claims.len()).unwrap()];
    signer
        .sign(claims, &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned()
}

fn verify_with(set: &PublicKeySet, token: &str) -> Result<(), jose_core::Error> {
    let rules = jose_core::jwt::Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("api");
    let mut buf = vec![0u8; token.len()];
    jose_core::jwt::verify(
        token,
        &jose_core::jwt::Trust::signed(set, &rules, 1_700_000_000),
        &mut buf,
    )
    .map(|_| ())
}

fn set_of(keys: &[serde_json::Value]) -> PublicKeySet {
    PublicKeySet::from_jwks(&serde_json::json!({ "keys": keys }).to_string()).unwrap()
}

#[test]
fn keys_sharing_a_kid_are_kept_when_their_alg_tells_them_apart() {
    use jose_core::SignatureAlgorithm::{Ps256, Rs256};
    let set = set_of(&[
        issuer_public_jwk(0, "k", serde_json::json!({"alg": "RS256"})),
        issuer_public_jwk(1, "k", serde_json::json!({"alg": "PS256"})),
    ]);
    assert_eq!((set.len(), set.skipped().len()), (2, 0));
    // Each token finds the key of its algorithm, and only that one.
    verify_with(&set, &signed_by(0, Rs256, "k")).unwrap();
    verify_with(&set, &signed_by(1, Ps256, "k")).unwrap();
    let err = verify_with(&set, &signed_by(1, Rs256, "k")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Signature, "{err}");
}

#[test]
fn keys_sharing_a_kid_are_kept_when_their_use_tells_them_apart() {
    use jose_core::SignatureAlgorithm::Rs256;
    // The same name for a signing key and an encryption key (key 1).
    let set = set_of(&[
        issuer_public_jwk(1, "k", serde_json::json!({"use": "enc"})),
        issuer_public_jwk(0, "k", serde_json::json!({"use": "sig"})),
    ]);
    assert_eq!(set.len(), 2);
    verify_with(&set, &signed_by(0, Rs256, "k")).unwrap();
    // key_ops tell apart as use does.
    let set = set_of(&[
        issuer_public_jwk(1, "k", serde_json::json!({"key_ops": ["encrypt"]})),
        issuer_public_jwk(0, "k", serde_json::json!({"key_ops": ["verify"]})),
    ]);
    verify_with(&set, &signed_by(0, Rs256, "k")).unwrap();
    // A private set: the decryption key is taken for a JWE naming the kid.
    let api: serde_json::Value = serde_json::from_str(&file("api.private.jwks.json")).unwrap();
    let mut enc = api["keys"][0].clone();
    enc["kid"] = "shared".into();
    let mut sig = api["keys"][1].clone();
    sig["kid"] = "shared".into();
    sig["use"] = "sig".into();
    let mine =
        PrivateKeySet::from_jwks(&serde_json::json!({"keys": [sig, enc]}).to_string()).unwrap();
    assert_eq!(mine.len(), 2);
    let public = mine.keys()[1].public_key();
    let encrypter = jose_core::jwe::Encrypter::new(
        &public,
        jose_core::KeyAlgorithm::RsaOaep256,
        jose_core::ContentAlgorithm::A256Gcm,
    )
    .unwrap()
    .kid("shared");
    let mut out = vec![0u8; encrypter.output_len(2).unwrap()];
    let token = encrypter
        .encrypt(b"hi", &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned();
    let jwe = jose_core::jwe::Compact::parse(&token).unwrap();
    use jose_core::keys::DecryptionKeys;
    let chosen = mine.decryption_key(&jwe.key_request()).unwrap();
    assert_eq!(chosen.thumbprint(), public.thumbprint());
}

#[test]
fn two_different_keys_a_token_could_mean_are_refused_for_that_token_only() {
    use jose_core::SignatureAlgorithm::Rs256;
    // Same kid, nothing to tell them apart: both kept, the set imports,
    // other kids work, and a token naming the shared kid is refused as
    // ambiguous (a key error, not a miss: no refetch would help).
    let set = set_of(&[
        issuer_public_jwk(0, "shared", serde_json::json!({"use": "sig"})),
        issuer_public_jwk(1, "shared", serde_json::json!({"use": "sig"})),
        issuer_public_jwk(1, "other", serde_json::json!({})),
    ]);
    assert_eq!((set.len(), set.skipped().len()), (3, 0));
    let err = verify_with(&set, &signed_by(0, Rs256, "shared")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    assert!(err.to_string().contains("ambiguous"), "{err}");
    assert!(err.key_miss().is_none(), "not a miss: {err}");
    verify_with(&set, &signed_by(1, Rs256, "other")).unwrap();
    // Only the operation at hand counts: an alg one of them excludes.
    let set = set_of(&[
        issuer_public_jwk(0, "shared", serde_json::json!({})),
        issuer_public_jwk(1, "shared", serde_json::json!({"alg": "PS256"})),
    ]);
    verify_with(&set, &signed_by(0, Rs256, "shared")).unwrap();
    let err = verify_with(
        &set,
        &signed_by(1, jose_core::SignatureAlgorithm::Ps256, "shared"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("ambiguous"), "{err}");
}

#[test]
fn the_same_key_listed_twice_is_kept_once() {
    use jose_core::SignatureAlgorithm::Rs256;
    let jwk = issuer_public_jwk(0, "issuer-2024", serde_json::json!({"use": "sig"}));
    let set = set_of(&[
        jwk.clone(),
        issuer_public_jwk(1, "b", serde_json::json!({})),
        jwk,
    ]);
    assert_eq!(set.len(), 2);
    assert_eq!(set.skipped().len(), 1);
    let copy = &set.skipped()[0];
    assert_eq!((copy.index(), copy.kid()), (2, Some("issuer-2024")));
    assert!(
        copy.reason().to_string().contains("listed earlier"),
        "{copy:?}"
    );
    verify_with(&set, &signed_by(0, Rs256, "issuer-2024")).unwrap();
    // The same numbers under the same kid with other metadata: both kept,
    // and not ambiguous (they are one key).
    let set = set_of(&[
        issuer_public_jwk(0, "k", serde_json::json!({})),
        issuer_public_jwk(0, "k", serde_json::json!({"use": "sig"})),
    ]);
    assert_eq!(set.len(), 2);
    verify_with(&set, &signed_by(0, Rs256, "k")).unwrap();
    // A set of nothing but copies still has its one key.
    let jwk = issuer_public_jwk(0, "only", serde_json::json!({}));
    let set = set_of(&[jwk.clone(), jwk.clone(), jwk]);
    assert_eq!((set.len(), set.skipped().len()), (1, 2));
}

#[test]
fn a_set_built_by_hand_refuses_a_kid_it_could_not_resolve() {
    let key = |index, extra| {
        PublicKey::from_jwk(&issuer_public_jwk(index, "k", extra).to_string()).unwrap()
    };
    let set = PublicKeySet::new()
        .with(key(0, serde_json::json!({"use": "sig"})))
        .unwrap();
    let err = set.clone().with(key(1, serde_json::json!({}))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    let set = set.with(key(1, serde_json::json!({"use": "enc"}))).unwrap();
    assert_eq!(set.len(), 2);
    let err = set
        .with(key(1, serde_json::json!({"alg": "RS256"})))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn a_jwks_with_no_usable_key_is_an_error() {
    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    for key in jwks["keys"].as_array_mut().unwrap() {
        key["kty"] = "oct".into();
    }
    let err = PublicKeySet::from_jwks(&jwks.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(
        err.to_string().contains("no key this crate can use"),
        "{err}"
    );
    for empty in [r#"{"keys":[]}"#, r#"{"keys":[1,"x",null]}"#] {
        assert_eq!(
            PublicKeySet::from_jwks(empty).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }
}

#[test]
fn public_import_refuses_a_private_jwk() {
    let err = PublicKey::from_jwk(&file("recipient.private.jwk.json")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn private_set_from_jwks() {
    let set = PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap();
    assert_eq!(set.len(), 3);
}

#[test]
fn malformed_key_inputs_are_invalid_key_not_panics() {
    for pem in [
        "",
        "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
        "garbage",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ] {
        assert!(PrivateKey::from_pem(pem).is_err());
        assert!(PublicKey::from_pem(pem).is_err());
    }
    for der in [
        &b""[..],
        b"\x30",
        b"\x30\x80",
        b"\x30\x84\xff\xff\xff\xff",
        b"\x30\x03\x02\x01",
    ] {
        assert_eq!(
            PublicKey::from_certificate_der(der).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            PublicKey::from_spki_der(der).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            PrivateKey::from_pkcs8_der(der).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }
    let v = load("rfc/rfc7517_A_example_jwk_sets.json");
    assert_eq!(
        PublicKeySet::from_jwks(&v["symmetric_keys"].to_string())
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn keys_and_sets_can_be_shared_between_threads_on_every_backend() {
    // The pure-Rust backend keeps its blinding pair behind a mutex and the
    // aws-lc-rs backend shares its keys through Arc: both must stay
    // Send + Sync, and a key used from many threads must keep decrypting.
    fn shared<T: Send + Sync>() {}
    shared::<jose_core::keys::PrivateKey>();
    shared::<jose_core::keys::PublicKey>();
    shared::<jose_core::keys::PrivateKeySet>();
    shared::<jose_core::keys::PublicKeySet>();

    let key =
        jose_core::keys::PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))
            .unwrap();
    let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..40 {
                    let jwe = jose_core::jwe::Compact::parse(token).unwrap();
                    let plaintext = jwe.decrypt_to_vec(&key).unwrap();
                    assert!(plaintext.starts_with(b"The true sign"));
                }
            });
        }
    });
}

/// A key with the ROCA fingerprint (vectors/roca/make.py: primes of
/// Infineon RSALib's form, so the modulus is a power of 65537 modulo every
/// small prime) is refused on every import path: public and private JWK,
/// components, SPKI, and as a member of a JWK Set (skipped and reported).
#[test]
fn roca_keys_are_refused_on_every_import_path() {
    let roca = |name: &str| {
        std::fs::read_to_string(common::vectors_dir().join("roca").join(name)).unwrap()
    };
    let is_roca = |err: &jose_core::Error| {
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
        assert!(err.to_string().contains("ROCA"), "{err}");
    };
    let public = roca("roca-2048.public.json");
    let private = roca("roca-2048.private.json");
    is_roca(&PublicKey::from_jwk(&public).unwrap_err());
    is_roca(&PrivateKey::from_jwk(&private).unwrap_err());

    let jwk: serde_json::Value = serde_json::from_str(&private).unwrap();
    let part = |name: &str| common::b64(jwk[name].as_str().unwrap());
    is_roca(&PublicKey::from_components(&part("n"), &part("e")).unwrap_err());
    is_roca(
        &PrivateKey::from_components(&part("n"), &part("e"), &part("d"), &part("p"), &part("q"))
            .unwrap_err(),
    );

    // The same modulus as SPKI, encoded by the rsa crate (an independent encoder).
    use rsa::pkcs8::EncodePublicKey;
    let n = rsa::BoxedUint::from_be_slice_vartime(&part("n"));
    let e = rsa::BoxedUint::from_be_slice_vartime(&part("e"));
    let spki = rsa::PublicKey::new(n, e)
        .unwrap()
        .to_public_key_der()
        .unwrap();
    is_roca(&PublicKey::from_spki_der(spki.as_bytes()).unwrap_err());

    let mut jwks: serde_json::Value = serde_json::from_str(&file("issuer.jwks.json")).unwrap();
    let public_jwk: serde_json::Value = serde_json::from_str(&public).unwrap();
    jwks["keys"].as_array_mut().unwrap().push(public_jwk);
    is_roca(&one_key_skipped(&jwks, 3));

    // A modulus one step away has no fingerprint: the refusal is the
    // fingerprint's, not the key's form.
    let mut near = part("n");
    if let Some(last) = near.last_mut() {
        *last ^= 2;
    }
    PublicKey::from_components(&near, &part("e")).unwrap();
}
