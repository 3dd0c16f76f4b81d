//! ECDH-ES with X25519 keys (feature `x25519`, RFC 8037 §3): the RFC 8037
//! A.6 computation and the JOSE cookbook's X25519 token end to end, every
//! ECDH-ES alg × enc round trip, JWK import and export with the RFC 7638
//! thumbprint computed here, and the hostile classes: ephemeral keys of
//! small order (an all-zero secret: the one `decrypt` error), of the wrong
//! length or another type, keys of another type, an X25519 key asked to
//! sign; SPKI and PKCS#8 under id-X25519 (RFC 8410) as OpenSSL writes them,
//! byte for byte, and their hostile forms.
#![cfg(feature = "x25519")]

mod common;

use common::{b64, b64e, load, str_of};
use jose_core::jwe::{Compact, Encrypter};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKey};
use jose_core::{ContentAlgorithm, Error, ErrorKind, KeyAlgorithm, Part};
use sha2::Digest;

const ECDH: [KeyAlgorithm; 4] = [
    KeyAlgorithm::EcdhEs,
    KeyAlgorithm::EcdhEsA128Kw,
    KeyAlgorithm::EcdhEsA192Kw,
    KeyAlgorithm::EcdhEsA256Kw,
];

fn seal(to: &PublicKey, alg: KeyAlgorithm, enc: ContentAlgorithm, plaintext: &[u8]) -> String {
    let encrypter = Encrypter::new(to, alg, enc).unwrap();
    let want = encrypter.output_len(plaintext.len()).unwrap();
    let mut out = vec![0u8; want];
    let token = encrypter
        .encrypt(plaintext, &mut jose_core::os_rng(), &mut out)
        .unwrap();
    assert_eq!(token.len(), want, "output_len is exact");
    token.to_owned()
}

fn open(token: &str, key: &PrivateKey) -> Result<Vec<u8>, Error> {
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

fn with_epk_x(token: &str, x: &[u8]) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut header: serde_json::Value = serde_json::from_slice(&b64(&parts[0])).unwrap();
    header["epk"]["x"] = b64e(x).into();
    parts[0] = b64e(header.to_string().as_bytes());
    parts.join(".")
}

/// RFC 8037 A.6: Bob's key (RFC 7748 §6.1) and the published ephemeral key
/// agree on the published Z, seen through the token path: a token whose
/// `epk` is the published one opens with Bob's key exactly when its key
/// was derived from that Z (here: derived by the sender side of the crate
/// from the ephemeral private key, imported as a recipient key).
#[test]
fn rfc8037_a6_keys_import_and_agree() {
    let v = load("rfc/rfc8037_A6_ecdh-es_x25519.json");
    let bob = PrivateKey::from_jwk(&v["recipient_private_key"].to_string()).unwrap();
    let bob_public = PublicKey::from_jwk(&v["recipient_public_key"].to_string()).unwrap();
    assert_eq!(bob.public_key().thumbprint(), bob_public.thumbprint());
    let ephemeral = PrivateKey::from_jwk(&v["ephemeral_private_key"].to_string()).unwrap();
    // Both directions through the public API: a token to Bob opens with
    // Bob, a token to the ephemeral key opens with it.
    for (to, with) in [(&bob_public, &bob), (&ephemeral.public_key(), &ephemeral)] {
        let token = seal(
            to,
            KeyAlgorithm::EcdhEsA128Kw,
            ContentAlgorithm::A128Gcm,
            b"A.6",
        );
        assert_eq!(open(&token, with).unwrap(), b"A.6");
    }
    // The private JWK's x must be d's public key.
    let mut wrong = v["recipient_private_key"].clone();
    wrong["x"] = v["ephemeral_private_key"]["x"].clone();
    assert_eq!(
        PrivateKey::from_jwk(&wrong.to_string()).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
}

/// The JOSE cookbook's ECDH-ES (X25519) + A128GCM token, end to end.
#[test]
fn cookbook_x25519_token_opens() {
    let v = load("rfc/cookbook_curve25519_ecdh-es_a128gcm.json");
    let key = PrivateKey::from_jwk(&v["recipients"][0]["key"].to_string()).unwrap();
    let plaintext = open(str_of(&v, "compact"), &key).unwrap();
    assert_eq!(plaintext, b64(str_of(&v, "plaintext_b64u")));
}

#[test]
fn every_ecdh_algorithm_round_trips_with_x25519() {
    let key = PrivateKey::generate_x25519(&mut jose_core::os_rng())
        .unwrap()
        .with_kid("x-1");
    let set = PrivateKeySet::from_jwks(&format!(r#"{{"keys":[{}]}}"#, *key.private_jwk().unwrap()))
        .unwrap();
    let public = PublicKey::from_jwk(&key.public_key().jwk().unwrap()).unwrap();
    for alg in ECDH {
        for enc in ContentAlgorithm::ALL {
            let token = seal(&public, alg, enc, b"x25519");
            let header: serde_json::Value =
                serde_json::from_slice(&b64(token.split('.').next().unwrap())).unwrap();
            assert_eq!(header["epk"]["crv"], "X25519");
            assert_eq!(header["epk"]["kty"], "OKP");
            assert!(header["epk"].get("d").is_none());
            assert_eq!(open(&token, &key).unwrap(), b"x25519", "{alg} {enc}");
            let jwe = Compact::parse(&token).unwrap();
            let chosen =
                jose_core::keys::DecryptionKeys::decryption_key(&set, &jwe.key_request()).unwrap();
            assert_eq!(open(&token, chosen).unwrap(), b"x25519");
        }
    }
}

/// Ephemeral keys of small order (RFC 7748 §7: u = 0, 1, and the points of
/// order 8) make an all-zero secret: the one `decrypt` error, not a key
/// derived from zeros. Other lengths and types are refused at parse.
#[test]
fn small_order_and_malformed_ephemeral_keys_are_refused() {
    let key = PrivateKey::generate_x25519(&mut jose_core::os_rng()).unwrap();
    let token = seal(
        &key.public_key(),
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A256Gcm,
        b"x",
    );
    let mut one = [0u8; 32];
    one[0] = 1;
    let order_8 = [
        common::hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
        common::hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
    ];
    let mut small = vec![vec![0u8; 32], one.to_vec()];
    small.extend(order_8);
    for u in &small {
        let err = open(&with_epk_x(&token, u), &key).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decrypt, "{}: {err}", b64e(u));
    }
    for len in [31, 33, 0] {
        let err = Compact::parse(&with_epk_x(&token, &vec![9u8; len])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{len}: {err}");
        assert_eq!(err.part(), Some(Part::Header));
    }
    // Another X25519 key's token: the one decrypt error.
    let other = PrivateKey::generate_x25519(&mut jose_core::os_rng()).unwrap();
    assert_eq!(open(&token, &other).unwrap_err().kind(), ErrorKind::Decrypt);
}

/// An X25519 key agrees only with an X25519 ephemeral key, an EC key only
/// with its curve's; an X25519 key never signs or verifies.
#[cfg(feature = "ecdsa")]
#[test]
fn key_types_never_cross() {
    let x = PrivateKey::generate_x25519(&mut jose_core::os_rng()).unwrap();
    let ec = PrivateKey::generate_ec(jose_core::Curve::P256, &mut jose_core::os_rng()).unwrap();
    let to_x = seal(
        &x.public_key(),
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A128Gcm,
        b"x",
    );
    let to_ec = seal(
        &ec.public_key(),
        KeyAlgorithm::EcdhEs,
        ContentAlgorithm::A128Gcm,
        b"e",
    );
    assert_eq!(open(&to_x, &ec).unwrap_err().kind(), ErrorKind::Key);
    assert_eq!(open(&to_ec, &x).unwrap_err().kind(), ErrorKind::Key);
    assert_eq!(open(&to_x, &x).unwrap(), b"x");
    let err = jose_core::jws::Signer::new(&x, jose_core::SignatureAlgorithm::EdDsa).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
    let err = Encrypter::new(
        &x.public_key(),
        KeyAlgorithm::RsaOaep256,
        ContentAlgorithm::A128Gcm,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Key);
}

/// JWK export (public and private) round-trips; the thumbprint is RFC
/// 7638's over `{"crv","kty","x"}`, computed here; SPKI and PKCS#8 export
/// round-trip; `Debug` shows no scalar.
#[test]
fn jwk_export_thumbprint_and_debug() {
    let key = PrivateKey::generate_x25519(&mut jose_core::os_rng())
        .unwrap()
        .with_kid("x-2");
    let private: serde_json::Value = serde_json::from_str(&key.private_jwk().unwrap()).unwrap();
    assert_eq!(
        (private["kty"].as_str(), private["crv"].as_str()),
        (Some("OKP"), Some("X25519"))
    );
    let again = PrivateKey::from_jwk(&private.to_string()).unwrap();
    assert_eq!(again.thumbprint(), key.thumbprint());
    let public: serde_json::Value = serde_json::from_str(&key.public_key().jwk().unwrap()).unwrap();
    assert!(public.get("d").is_none());
    let canonical = format!(
        r#"{{"crv":"X25519","kty":"OKP","x":"{}"}}"#,
        public["x"].as_str().unwrap()
    );
    assert_eq!(
        key.thumbprint(),
        <[u8; 32]>::from(sha2::Sha256::digest(canonical))
    );
    let spki = key.public_key().spki_pem().unwrap();
    assert_eq!(
        PublicKey::from_pem(&spki).unwrap().thumbprint(),
        key.thumbprint()
    );
    let pkcs8 = key.pkcs8_pem().unwrap();
    assert_eq!(
        PrivateKey::from_pem(&pkcs8).unwrap().thumbprint(),
        key.thumbprint()
    );
    let debug = format!("{key:?}");
    assert!(!debug.contains(private["d"].as_str().unwrap()), "{debug}");
}

/// OpenSSL's X25519 key (vectors/x25519/make_keys.sh): its PKCS#8 and SPKI
/// read to the key Python's `cryptography` wrote as a JWK, and the crate
/// writes both files back byte for byte; a token to the SPKI's key opens
/// with the PKCS#8's.
#[test]
fn openssl_spki_and_pkcs8_read_and_write_byte_for_byte() {
    let pkcs8 = include_str!("../../vectors/x25519/x25519.pkcs8.pem");
    let spki = include_str!("../../vectors/x25519/x25519.spki.pem");
    let jwk = include_str!("../../vectors/x25519/x25519.jwk.json");
    let private = PrivateKey::from_pem(pkcs8).unwrap();
    let public = PublicKey::from_pem(spki).unwrap();
    let from_jwk = PrivateKey::from_jwk(jwk).unwrap();
    assert_eq!(private.thumbprint(), from_jwk.thumbprint());
    assert_eq!(public.thumbprint(), from_jwk.thumbprint());
    assert_eq!(from_jwk.pkcs8_pem().unwrap().as_str(), pkcs8);
    assert_eq!(public.spki_pem().unwrap(), spki);
    let token = seal(
        &public,
        KeyAlgorithm::EcdhEsA256Kw,
        ContentAlgorithm::A256Gcm,
        b"to OpenSSL's key",
    );
    assert_eq!(open(&token, &private).unwrap(), b"to OpenSSL's key");
}

/// Hostile DER under id-X25519: parameters present, a key of 31 or 33
/// bytes, a private key not wrapped in its OCTET STRING, a PKCS#8 v2 whose
/// stated public key is another key's: each an `invalid_key` error.
#[test]
fn hostile_id_x25519_der_is_refused() {
    let der = |pem: &str| common::pem_der(pem);
    let spki = der(include_str!("../../vectors/x25519/x25519.spki.pem"));
    let pkcs8 = der(include_str!("../../vectors/x25519/x25519.pkcs8.pem"));
    // SPKI: 30 2a 30 05 06 03 2b 65 6e 03 21 00 <32>.
    assert_eq!(
        spki[..12],
        [
            0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00
        ]
    );
    let key: [u8; 32] = spki[12..].try_into().unwrap();
    let spki_of = |alg: &[u8], bits: &[u8]| {
        let mut body = vec![0x30, alg.len() as u8];
        body.extend_from_slice(alg);
        body.extend_from_slice(&[0x03, (bits.len() + 1) as u8, 0x00]);
        body.extend_from_slice(bits);
        let mut out = vec![0x30, body.len() as u8];
        out.extend(body);
        out
    };
    let oid = [0x06, 0x03, 0x2b, 0x65, 0x6e];
    assert!(PublicKey::from_spki_der(&spki_of(&oid, &key)).is_ok());
    let with_null = [&oid[..], &[0x05, 0x00]].concat();
    let short = &key[..31];
    let long = [&key[..], &[0]].concat();
    for bad in [
        spki_of(&with_null, &key),
        spki_of(&oid, short),
        spki_of(&oid, &long),
    ] {
        let err = PublicKey::from_spki_der(&bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    }
    // PKCS#8 v1: 30 2e 02 01 00 30 05 06 03 2b 65 6e 04 22 04 20 <32>.
    assert_eq!(
        pkcs8[..16],
        [
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22,
            0x04, 0x20
        ]
    );
    let scalar = &pkcs8[16..];
    let pkcs8_of = |version: u8, alg: &[u8], private: &[u8], public: Option<&[u8]>| {
        let mut body = vec![0x02, 0x01, version, 0x30, alg.len() as u8];
        body.extend_from_slice(alg);
        body.extend_from_slice(&[0x04, private.len() as u8]);
        body.extend_from_slice(private);
        if let Some(public) = public {
            body.extend_from_slice(&[0x81, (public.len() + 1) as u8, 0x00]);
            body.extend_from_slice(public);
        }
        let mut out = vec![0x30, body.len() as u8];
        out.extend(body);
        out
    };
    let wrapped = |secret: &[u8]| [&[0x04, secret.len() as u8][..], secret].concat();
    let good = pkcs8_of(0, &oid, &wrapped(scalar), None);
    assert_eq!(good, pkcs8);
    let own = PrivateKey::from_pkcs8_der(&good).unwrap();
    // v2 stating its own public key is read; stating another is refused.
    assert!(PrivateKey::from_pkcs8_der(&pkcs8_of(1, &oid, &wrapped(scalar), Some(&key))).is_ok());
    let other = PrivateKey::generate_x25519(&mut jose_core::os_rng()).unwrap();
    let other_spki = common::pem_der(&other.public_key().spki_pem().unwrap());
    let mut hostile = vec![
        pkcs8_of(1, &oid, &wrapped(scalar), Some(&other_spki[12..])),
        pkcs8_of(0, &with_null, &wrapped(scalar), None),
        pkcs8_of(0, &oid, scalar, None),
        pkcs8_of(0, &oid, &wrapped(&scalar[..31]), None),
        pkcs8_of(0, &oid, &wrapped(&[scalar, &[0]].concat()), None),
    ];
    hostile.push(pkcs8_of(1, &oid, &wrapped(scalar), Some(&key[..31])));
    for bad in hostile {
        let err = PrivateKey::from_pkcs8_der(&bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    }
    assert_eq!(
        own.thumbprint(),
        PublicKey::from_spki_der(&spki).unwrap().thumbprint()
    );
}
