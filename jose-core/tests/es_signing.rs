//! EC private keys and ES256/384/512 signing (feature `ecdsa`): imports
//! from every encoding (JWK, SEC1, PKCS#8, PEM and DER, as OpenSSL and the
//! RFCs write them), export round trips, signatures made on one backend and
//! checked on the other, and the refusals: a scalar of the wrong length,
//! zero or not below the order, halves that disagree, curves that disagree,
//! a key asked for another type's or curve's algorithm.
#![cfg(feature = "ecdsa")]

mod common;

use common::{b64, b64e, load, pem_der, vectors_dir};
use jose_core::jws::{Compact, Signer};
use jose_core::keys::{KeyUse, PrivateKey, PublicKey, PublicKeySet};
use jose_core::{Backend, Curve, ErrorKind, SignatureAlgorithm};

/// The RFC private keys: file, curve.
const RFC: [(&str, Curve); 3] = [
    ("rfc/rfc7515_A3_es256.json", Curve::P256),
    ("rfc/rfc7515_A4_es512.json", Curve::P521),
    ("rfc/rfc7520_4_3_es512.json", Curve::P521),
];

fn read(name: &str) -> String {
    let path = vectors_dir().join("ec").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn on_every_backend(key: &PrivateKey) -> Vec<PrivateKey> {
    Backend::available()
        .iter()
        .map(|b| key.clone().with_backend(*b).unwrap())
        .collect()
}

/// Signs `payload` with `key` and checks the token with `public` on every
/// backend; returns the token.
fn sign_and_check(key: &PrivateKey, alg: SignatureAlgorithm, public: &PublicKey) -> String {
    let signer = Signer::new(key, alg).unwrap().typ("JWT");
    let payload = br#"{"iss":"joe","sub":"es"}"#;
    let mut out = vec![0u8; signer.output_len(payload.len()).unwrap()];
    let token = signer
        .sign(payload, &mut jose_core::os_rng(), &mut out)
        .unwrap()
        .to_owned();
    assert_eq!(token.len(), out.len(), "output_len is exact");
    for public in Backend::available()
        .iter()
        .map(|b| public.clone().with_backend(*b).unwrap())
    {
        let jws = Compact::parse(&token).unwrap();
        assert_eq!(jws.algorithm(), alg);
        let mut buf = vec![0u8; jws.payload_len()];
        assert_eq!(jws.verify_into(&public, &mut buf).unwrap(), payload);
    }
    token
}

#[test]
fn rfc_private_keys_import_and_sign_on_every_backend_checked_by_the_other() {
    for (file, curve) in RFC {
        let v = load(file);
        let key = PrivateKey::from_jwk(&v["key"].to_string()).unwrap();
        assert_eq!((key.key_type(), key.curve()), ("EC", Some(curve)), "{file}");
        let public = PublicKey::from_jwk(&v["public_key"].to_string()).unwrap();
        assert_eq!(key.thumbprint(), public.thumbprint());
        assert_eq!(key.public_key().thumbprint(), public.thumbprint());
        assert_eq!(key.signature_len(), 2 * curve.coordinate_len());
        assert_eq!(key.modulus_len(), None);
        for key in on_every_backend(&key) {
            // Signed on this backend, verified on every backend (RustCrypto
            // and aws-lc check each other's signatures).
            sign_and_check(&key, curve.signature_algorithm(), &public);
        }
    }
}

#[test]
fn signatures_are_randomized_and_the_signer_names_the_kid() {
    let key = PrivateKey::generate_ec(Curve::P256, &mut jose_core::os_rng())
        .unwrap()
        .with_kid("dpop-1");
    for key in on_every_backend(&key) {
        let a = sign_and_check(&key, SignatureAlgorithm::Es256, &key.public_key());
        let b = sign_and_check(&key, SignatureAlgorithm::Es256, &key.public_key());
        assert_ne!(
            a, b,
            "two signatures of one payload must differ (hedged nonces)"
        );
        let header = String::from_utf8(b64(a.split('.').next().unwrap())).unwrap();
        assert_eq!(header, r#"{"alg":"ES256","typ":"JWT","kid":"dpop-1"}"#);
    }
}

#[test]
fn generated_keys_round_trip_through_every_export() {
    for curve in Curve::ALL {
        let key = PrivateKey::generate_ec(curve, &mut jose_core::os_rng())
            .unwrap()
            .with_kid("k")
            .with_use(KeyUse::Signature)
            .unwrap();
        let print = key.thumbprint();
        let jwk = key.private_jwk().unwrap();
        let back = PrivateKey::from_jwk(&jwk).unwrap();
        assert_eq!(
            (back.thumbprint(), back.kid(), back.key_use()),
            (print, Some("k"), Some("sig"))
        );
        let doc: serde_json::Value = serde_json::from_str(&jwk).unwrap();
        assert_eq!(doc["kty"], "EC");
        assert_eq!(doc["crv"], curve.name());
        assert_eq!(
            b64(doc["d"].as_str().unwrap()).len(),
            curve.coordinate_len()
        );
        assert_eq!(
            PrivateKey::from_pem(&key.pkcs8_pem().unwrap())
                .unwrap()
                .thumbprint(),
            print
        );
        let mut der = [0u8; 512];
        let pkcs8 = key.to_pkcs8_der(&mut der).unwrap().to_vec();
        assert_eq!(
            PrivateKey::from_pkcs8_der(&pkcs8).unwrap().thumbprint(),
            print
        );
        let sec1 = key.to_sec1_der(&mut der).unwrap().to_vec();
        assert_eq!(
            PrivateKey::from_sec1_der(&sec1).unwrap().thumbprint(),
            print
        );
        let mut pem = [0u8; 1024];
        let sec1_pem = key.to_sec1_pem(&mut pem).unwrap();
        assert_eq!(PrivateKey::from_pem(sec1_pem).unwrap().thumbprint(), print);
        // The public JWK of a private key carries no `d`.
        let public = key.public_key().jwk().unwrap();
        assert!(!public.contains("\"d\""), "{public}");
        assert_eq!(PublicKey::from_jwk(&public).unwrap().thumbprint(), print);
        // Debug never shows the scalar.
        let debug = format!("{key:?}");
        assert!(!debug.contains(doc["d"].as_str().unwrap()), "{debug}");
        assert!(debug.contains("\"EC\""), "{debug}");
    }
}

#[test]
fn openssl_keys_import_from_sec1_and_pkcs8_and_match_their_spki_and_certificate() {
    for (name, curve) in [
        ("p256", Curve::P256),
        ("p384", Curve::P384),
        ("p521", Curve::P521),
    ] {
        let sec1 = PrivateKey::from_pem(&read(&format!("{name}.sec1.pem"))).unwrap();
        let pkcs8 = PrivateKey::from_pem(&read(&format!("{name}.pkcs8.pem"))).unwrap();
        let spki = PublicKey::from_pem(&read(&format!("{name}.spki.pem"))).unwrap();
        assert_eq!(sec1.curve(), Some(curve));
        assert_eq!(sec1.thumbprint(), spki.thumbprint(), "{name}");
        assert_eq!(pkcs8.thumbprint(), spki.thumbprint(), "{name}");
        // Our PKCS#8 of OpenSSL's key is OpenSSL's own, byte for byte.
        let mut der = [0u8; 512];
        assert_eq!(
            pkcs8.to_pkcs8_der(&mut der).unwrap(),
            pem_der(&read(&format!("{name}.pkcs8.pem"))),
            "{name}"
        );
        assert_eq!(
            sec1.to_sec1_der(&mut der).unwrap(),
            pem_der(&read(&format!("{name}.sec1.pem"))),
            "{name}"
        );
        // The certificate binds, and its x5t#S256 goes into the header.
        let cert = read(&format!("{name}.cert.pem"));
        let key = pkcs8.with_certificate_pem(&cert).unwrap();
        let signer = Signer::new(&key, curve.signature_algorithm())
            .unwrap()
            .x5t_s256()
            .unwrap();
        let mut out = vec![0u8; signer.output_len(2).unwrap()];
        let token = signer
            .sign(b"{}", &mut jose_core::os_rng(), &mut out)
            .unwrap();
        let issuer = PublicKeySet::new()
            .with(PublicKey::from_certificate_pem(&cert).unwrap())
            .unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(
            Compact::parse(token)
                .unwrap()
                .verify_into(&issuer, &mut buf)
                .unwrap(),
            b"{}"
        );
        // Another curve's certificate does not.
        let other = if name == "p256" { "p384" } else { "p256" };
        let err = PrivateKey::from_pem(&read(&format!("{name}.sec1.pem")))
            .unwrap()
            .with_certificate_pem(&read(&format!("{other}.cert.pem")))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
    }
}

fn p256_private_jwk() -> serde_json::Value {
    load("rfc/rfc7515_A3_es256.json")["key"].clone()
}

fn with_member(mut jwk: serde_json::Value, name: &str, value: &str) -> String {
    jwk[name] = value.into();
    jwk.to_string()
}

#[test]
fn scalars_of_the_wrong_length_or_out_of_range_are_refused() {
    let jwk = p256_private_jwk();
    let d = b64(jwk["d"].as_str().unwrap());
    // The P-256 group order n.
    let n = common::hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    let mut above = n.clone();
    *above.last_mut().unwrap() += 1;
    let mut padded = vec![0u8];
    padded.extend_from_slice(&d);
    for (why, scalar) in [
        ("zero", vec![0u8; 32]),
        ("the order", n.clone()),
        ("above the order", above),
        ("all ones", vec![0xff; 32]),
        ("one byte short", d[1..].to_vec()),
        ("one byte long", padded),
        ("empty", vec![]),
    ] {
        let err = PrivateKey::from_jwk(&with_member(jwk.clone(), "d", &b64e(&scalar))).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{why}: {err}");
    }
    // A scalar that is valid but not the stated point's.
    let mut other = d.clone();
    other[31] ^= 1;
    let err = PrivateKey::from_jwk(&with_member(jwk.clone(), "d", &b64e(&other))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(
        err.to_string().contains("not the private scalar's"),
        "{err}"
    );
    // No `d`: a public JWK is not a private key.
    let mut public = jwk.clone();
    public.as_object_mut().unwrap().remove("d");
    let err = PrivateKey::from_jwk(&public.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    // An unknown curve is named unsupported.
    let err = PrivateKey::from_jwk(&with_member(jwk, "crv", "secp256k1")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
}

#[test]
fn sec1_and_pkcs8_whose_parts_disagree_are_refused() {
    let key = PrivateKey::from_pem(&read("p256.sec1.pem")).unwrap();
    let sec1 = pem_der(&read("p256.sec1.pem"));
    let pkcs8 = pem_der(&read("p256.pkcs8.pem"));
    let refused = |der: &[u8], pkcs8: bool| {
        let result = if pkcs8 {
            PrivateKey::from_pkcs8_der(der)
        } else {
            PrivateKey::from_sec1_der(der)
        };
        result.unwrap_err().kind()
    };
    // Flip a bit of the public point (the last byte of both encodings): the
    // halves disagree, or the point leaves the curve.
    for (der, is_pkcs8) in [(&sec1, false), (&pkcs8, true)] {
        let mut bad = der.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert_eq!(refused(&bad, is_pkcs8), ErrorKind::InvalidKey);
    }
    // PKCS#8 naming P-384 around a P-256 ECPrivateKey with no curve of its
    // own: the scalar is the wrong length for the stated curve.
    let p384_oid = [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22];
    let p256_oid = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let at = pkcs8
        .windows(p256_oid.len())
        .position(|w| w == p256_oid)
        .unwrap();
    let mut swapped = pkcs8[..at].to_vec();
    swapped.extend_from_slice(&p384_oid);
    swapped.extend_from_slice(&pkcs8[at + p256_oid.len()..]);
    // Fix the two enclosing lengths (the outer SEQUENCE and the algorithm).
    swapped[2] -= 3;
    swapped[7] -= 3;
    assert_eq!(refused(&swapped, true), ErrorKind::InvalidKey);
    // A SEC1 key without its curve cannot be read alone: the ECPrivateKey
    // inside PKCS#8 (its last 0x6d bytes for P-256, as OpenSSL writes it).
    let mut out = [0u8; 512];
    let inner = key.to_pkcs8_der(&mut out).unwrap();
    assert_eq!(inner[inner.len() - 0x6d - 2..][..2], [0x04, 0x6d]);
    let sec1_without_curve = &inner[inner.len() - 0x6d..];
    assert_eq!(refused(sec1_without_curve, false), ErrorKind::InvalidKey);
    // Truncations of either encoding never panic and are refused.
    for len in 0..sec1.len() {
        assert!(PrivateKey::from_sec1_der(&sec1[..len]).is_err());
    }
    for len in 0..pkcs8.len() {
        assert!(PrivateKey::from_pkcs8_der(&pkcs8[..len]).is_err());
    }
}

#[test]
fn a_private_key_signs_only_its_own_type_and_curve() {
    let p256 = PrivateKey::from_jwk(&p256_private_jwk().to_string()).unwrap();
    for alg in SignatureAlgorithm::ALL {
        let result = Signer::new(&p256, alg);
        if alg == SignatureAlgorithm::Es256 {
            assert!(result.is_ok());
        } else {
            assert_eq!(result.unwrap_err().kind(), ErrorKind::Key, "{alg:?}");
        }
    }
    let rsa = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    for alg in [
        SignatureAlgorithm::Es256,
        SignatureAlgorithm::Es384,
        SignatureAlgorithm::Es512,
    ] {
        assert_eq!(Signer::new(&rsa, alg).unwrap_err().kind(), ErrorKind::Key);
    }
    // A stated `alg` binds as for RSA keys; so does `use`.
    let bound = PrivateKey::from_jwk(&with_member(p256_private_jwk(), "alg", "ES384")).unwrap();
    assert_eq!(
        Signer::new(&bound, SignatureAlgorithm::Es256)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
    let enc = p256.clone().with_use(KeyUse::Encryption).unwrap();
    assert_eq!(
        Signer::new(&enc, SignatureAlgorithm::Es256)
            .unwrap_err()
            .kind(),
        ErrorKind::Key
    );
}

#[test]
fn an_ec_private_key_never_decrypts_with_rsa_oaep() {
    let ec = PrivateKey::generate_ec(Curve::P256, &mut jose_core::os_rng()).unwrap();
    let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    let jwe = jose_core::jwe::Compact::parse(token).unwrap();
    let mut buf = [0u8; 256];
    let err = jwe
        .decrypt(&ec, &mut jose_core::os_rng(), &mut buf)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
    // Nor through the key-set route: the set holds it (for ECDH-ES), and
    // never offers it for an RSA-OAEP token.
    let jwks = format!(r#"{{"keys":[{}]}}"#, ec.private_jwk().unwrap().as_str());
    let set = jose_core::keys::PrivateKeySet::from_jwks(&jwks).unwrap();
    let err =
        jose_core::keys::DecryptionKeys::decryption_key(&set, &jwe.key_request()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
}

#[test]
#[cfg(feature = "eddsa")]
fn a_set_of_every_key_type_without_kids_chooses_by_type_and_curve() {
    // RSA, P-256, P-384, P-521 and Ed25519 keys in one set, none with a
    // kid: a token that names no key is verified by the one key its `alg`
    // can use, and only by it.
    let rsa = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json")).unwrap();
    let mut keys = vec![(SignatureAlgorithm::Rs256, rsa)];
    for curve in Curve::ALL {
        let key = PrivateKey::generate_ec(curve, &mut jose_core::os_rng()).unwrap();
        keys.push((curve.signature_algorithm(), key));
    }
    let ed = PrivateKey::generate_ed25519(&mut jose_core::os_rng()).unwrap();
    keys.push((SignatureAlgorithm::EdDsa, ed.clone()));
    keys.push((SignatureAlgorithm::Ed25519, ed));
    let mut set = PublicKeySet::new();
    for (_, key) in &keys {
        if set
            .keys()
            .iter()
            .all(|k| k.thumbprint() != key.thumbprint())
        {
            set = set.with(key.public_key()).unwrap();
        }
    }
    let set = set.with_backend(Backend::DEFAULT).unwrap();
    assert_eq!(set.len(), 5);
    for (alg, key) in &keys {
        let signer = Signer::new(key, *alg).unwrap();
        let mut out = vec![0u8; signer.output_len(2).unwrap()];
        let token = signer
            .sign(b"{}", &mut jose_core::os_rng(), &mut out)
            .unwrap();
        let used = Compact::parse(token).unwrap().verify(&set).unwrap();
        assert_eq!(
            used.public_key().unwrap().thumbprint(),
            key.thumbprint(),
            "{alg:?}"
        );
    }
    // A P-384 key without a kid never answers an ES256 token whose P-256
    // key is gone.
    let only_p384 = PublicKeySet::new().with(keys[2].1.public_key()).unwrap();
    let (alg, key) = &keys[1];
    let signer = Signer::new(key, *alg).unwrap();
    let mut out = vec![0u8; signer.output_len(2).unwrap()];
    let token = signer
        .sign(b"{}", &mut jose_core::os_rng(), &mut out)
        .unwrap();
    let err = Compact::parse(token)
        .unwrap()
        .verify(&only_p384)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key, "{err}");
}
