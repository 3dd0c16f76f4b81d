//! Produces tokens with jose-core for an independent implementation to open:
//! every alg × enc JWE for the API keys, every shared-key alg (`dir`,
//! A*KW, A*GCMKW) × enc JWE under a secret drawn for this run (which goes
//! in the output: the other side opens with it, and encrypts nested tokens
//! with it for open_interop), nested Auth0- and Curity-shaped
//! tokens, a JWS per signature algorithm, and a Private Key JWT assertion.
//! With the `ecdsa` and `eddsa` features, a JWS by a new key per curve
//! (P-256, P-384, P-521, Ed25519), each with the key in every export form:
//! the other side verifies with the public ones and signs with the private
//! ones (for open_interop to verify).
//! Keys come from vectors/interop/. Used by vectors/interop/verify_produced.mjs:
//!
//!     cargo run -p jose-core-suite --example produce_interop > target/produced.json
//!     cd vectors/interop && npm ci && node verify_produced.mjs ../../target/produced.json

use jose_core::base64url;
use jose_core::json::ObjectWriter;
use jose_core::jwe::Encrypter;
use jose_core::jws::Signer;
use jose_core::jwt;
use jose_core::keys::{PrivateKey, PublicKey, SecretKey};
use jose_core::rand_core::Rng;
use jose_core::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use serde_json::{Value, json};

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; base64url::encoded_len(bytes.len())];
    base64url::encode(bytes, &mut out)
        .map(str::to_owned)
        .expect("a buffer of encoded_len bytes holds the encoding")
}

type Generated = Vec<(SignatureAlgorithm, PrivateKey)>;

/// A new EC key per curve (none without the `ecdsa` feature).
fn ec_keys() -> Result<Generated, jose_core::Error> {
    #[cfg(feature = "ecdsa")]
    return jose_core::Curve::ALL
        .into_iter()
        .map(|curve| {
            PrivateKey::generate_ec(curve, &mut jose_core::os_rng())
                .map(|key| (curve.signature_algorithm(), key))
        })
        .collect();
    #[cfg(not(feature = "ecdsa"))]
    Ok(Vec::new())
}

/// A new Ed25519 key under each of its names (none without `eddsa`).
fn ed25519_keys() -> Result<Generated, jose_core::Error> {
    #[cfg(feature = "eddsa")]
    return [SignatureAlgorithm::EdDsa, SignatureAlgorithm::Ed25519]
        .into_iter()
        .map(|alg| PrivateKey::generate_ed25519(&mut jose_core::os_rng()).map(|key| (alg, key)))
        .collect();
    #[cfg(not(feature = "eddsa"))]
    Ok(Vec::new())
}

/// Every ECDH-ES alg under two encs, to `key`'s public half, with its
/// private JWK for the other side to decrypt with (and to encrypt nested
/// tokens back to, for open_interop).
fn ecdh_tokens<R: jose_core::rand_core::CryptoRng>(
    key: &PrivateKey,
    label: &str,
    rng: &mut R,
) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let public = key.public_key();
    let mut tokens = Vec::new();
    for alg in KeyAlgorithm::ALL.into_iter().filter(|a| a.is_ecdh()) {
        for enc in [ContentAlgorithm::A256Gcm, ContentAlgorithm::A128CbcHs256] {
            let encrypter = Encrypter::new(&public, alg, enc)?;
            let plaintext = format!("{{\"ecdh\":\"{alg} {enc}\"}}");
            let mut out = vec![0u8; encrypter.output_len(plaintext.len())?];
            let token = encrypter.encrypt(plaintext.as_bytes(), rng, &mut out)?;
            tokens.push(
                json!({"kind": "jwe_ec", "name": format!("{alg} {enc} to generated {label} key"),
                "alg": alg.name(), "enc": enc.name(), "plaintext_b64u": b64(plaintext.as_bytes()),
                "public_jwk": public.jwk()?, "private_jwk": *key.private_jwk()?, "compact": token}),
            );
        }
    }
    Ok(tokens)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api: Value =
        serde_json::from_str(include_str!("../../vectors/interop/api.private.jwks.json"))?;
    let issuers: Value = serde_json::from_str(include_str!(
        "../../vectors/interop/issuer.private.jwks.json"
    ))?;
    let issuer = PrivateKey::from_jwk(&issuers["keys"][0].to_string())?;
    let recipient =
        PublicKey::from_certificate_pem(include_str!("../../vectors/interop/recipient.cert.pem"))?;
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut tokens = Vec::new();

    // Every alg × enc, for each API key size.
    let mut n = 0usize;
    for jwk in api["keys"].as_array().ok_or("keys")? {
        let public = PrivateKey::from_jwk(&jwk.to_string())?.public_key();
        for alg in KeyAlgorithm::RSA_OAEP {
            for enc in ContentAlgorithm::ALL {
                let plaintext: Vec<u8> = (0..(n * 37) % 700).map(|i| (i * 31 + n) as u8).collect();
                n += 1;
                let encrypter = Encrypter::new(&public, alg, enc)?;
                let mut out = vec![0u8; encrypter.output_len(plaintext.len())?];
                let token = encrypter.encrypt(&plaintext, &mut rng, &mut out)?;
                tokens.push(json!({"kind": "jwe", "name": format!("{} {} {}", public.kid().unwrap_or("-"), alg, enc),
                    "plaintext_b64u": b64(&plaintext), "compact": token}));
            }
        }
    }

    // Every shared-key alg × enc, under one secret drawn now (its first
    // 16 to 64 bytes, as long as each takes).
    let mut shared = [0u8; 64];
    rng.fill_bytes(&mut shared);
    for alg in KeyAlgorithm::ALL.into_iter().filter(|a| a.is_symmetric()) {
        for enc in ContentAlgorithm::ALL {
            let len = alg.wrapping_key_len().unwrap_or(enc.key_len());
            let bytes = shared.get(..len).ok_or("secret")?;
            let secret = SecretKey::from_bytes(bytes)?.with_kid("shared-interop");
            let plaintext: Vec<u8> = (0..(n * 37) % 700).map(|i| (i * 31 + n) as u8).collect();
            n += 1;
            let encrypter = Encrypter::with_secret(&secret, alg, enc)?;
            let mut out = vec![0u8; encrypter.output_len(plaintext.len())?];
            let token = encrypter.encrypt(&plaintext, &mut rng, &mut out)?;
            tokens.push(
                json!({"kind": "jwe_shared", "name": format!("shared {alg} {enc}"),
                "alg": alg.name(), "enc": enc.name(), "secret_b64u": b64(bytes),
                "plaintext_b64u": b64(&plaintext), "compact": token}),
            );
        }
    }

    // A JWS per RSA signature algorithm by the issuer's RSA key.
    for alg in SignatureAlgorithm::RSA {
        let payload = format!("{{\"alg_under_test\":\"{alg}\",\"caf\\u00e9\":\"\u{e9}\"}}");
        let signer = Signer::new(&issuer, alg)?.typ("JWT");
        let mut out = vec![0u8; signer.output_len(payload.len())?];
        let token = signer.sign(payload.as_bytes(), &mut rng, &mut out)?;
        tokens.push(json!({"kind": "jws", "name": format!("jws {alg}"), "payload_b64u": b64(payload.as_bytes()), "compact": token}));
    }

    // A JWS by a new key per curve, the key exported in every form.
    let generated = [ec_keys()?, ed25519_keys()?].concat();
    for (alg, key) in &generated {
        let key = key.clone().with_kid(&format!("generated-{alg}"));
        let public = key.public_key();
        let payload = format!(
            "{{\"alg_under_test\":\"{alg}\",\"kty\":\"{}\"}}",
            key.key_type()
        );
        let signer = Signer::new(&key, *alg)?.typ("JWT");
        let mut out = vec![0u8; signer.output_len(payload.len())?];
        let token = signer.sign(payload.as_bytes(), &mut rng, &mut out)?;
        // EC keys also agree: every ECDH-ES alg, under two encs, to it.
        if key.key_type() == "EC" {
            let curve = key.curve().map(|c| c.name()).unwrap_or("?");
            tokens.extend(ecdh_tokens(&key, curve, &mut rng)?);
        }
        tokens.push(
            json!({"kind": "jws", "name": format!("jws {alg} (generated {} key)", key.key_type()),
            "payload_b64u": b64(payload.as_bytes()), "compact": token, "alg": alg.name(),
            "public_jwk": public.jwk()?, "spki_pem": public.spki_pem()?,
            "private_jwk": *key.private_jwk()?, "pkcs8_pem": *key.pkcs8_pem()?}),
        );
    }

    // And an X25519 key (feature `x25519`).
    #[cfg(feature = "x25519")]
    {
        let key = PrivateKey::generate_x25519(&mut rng)?.with_kid("generated-X25519");
        tokens.extend(ecdh_tokens(&key, "X25519", &mut rng)?);
    }

    // Nested: Auth0-shaped (kid, RSA-OAEP-256 + A256GCM) and Curity-shaped
    // (x5t#S256, RSA-OAEP + A256CBC-HS512), both cty JWT.
    let api_2048 = PrivateKey::from_jwk(&api["keys"][0].to_string())?.public_key();
    let shapes = [
        (
            "nested auth0",
            Encrypter::new(
                &api_2048,
                KeyAlgorithm::RsaOaep256,
                ContentAlgorithm::A256Gcm,
            )?,
        ),
        (
            "nested curity",
            Encrypter::new(
                &recipient,
                KeyAlgorithm::RsaOaep,
                ContentAlgorithm::A256CbcHs512,
            )?
            .x5t_s256()?,
        ),
    ];
    for (name, encrypter) in shapes {
        let mut claims = [0u8; 512];
        let mut w = ObjectWriter::new(&mut claims);
        w.string("iss", "https://tenant.example.auth0.com/")
            .string("sub", "jos\u{e9} \u{1F600}")
            .string("aud", "https://api.example.com")
            .integer("iat", 1_700_000_000)
            .integer("exp", 4_000_000_000)
            .array("permissions", |a| {
                a.string("read:messages").string("write:messages");
            });
        let claims = w.finish()?;
        let signer = Signer::new(&issuer, SignatureAlgorithm::Rs256)?.typ("JWT");
        let mut out = vec![0u8; jwt::nested_len(claims.len(), &signer, &encrypter)?];
        let token =
            jwt::sign_and_encrypt(claims.as_bytes(), &signer, &encrypter, &mut rng, &mut out)?;
        tokens.push(json!({"kind": "nested", "name": name, "claims": claims, "compact": token}));
    }

    // A Private Key JWT assertion (the issuer key stands in for a client key).
    let now = 1_700_000_000;
    let signer = Signer::new(&issuer, SignatureAlgorithm::Rs256)?;
    let mut out = [0u8; 1024];
    let assertion = jwt::client_assertion(
        "s6BhdRkqt3",
        "https://server.example.com/token",
        &signer,
        now,
        &mut rng,
        &mut out,
    )?;
    tokens.push(
        json!({"kind": "assertion", "name": "client assertion", "client_id": "s6BhdRkqt3",
        "audience": "https://server.example.com/token", "now": now, "compact": assertion}),
    );

    // The API's keys as the crate exports them, for panva jose to import:
    // the public halves (SPKI PEM, JWK) to encrypt to, the private ones
    // (PKCS#8 PEM, JWK) to decrypt with.
    let mut exported = Vec::new();
    for jwk in api["keys"].as_array().ok_or("keys")? {
        let private = PrivateKey::from_jwk(&jwk.to_string())?;
        let public = private.public_key();
        exported.push(json!({
            "kid": public.kid(),
            "spki_pem": public.spki_pem()?,
            "jwk": public.jwk()?,
            "pkcs8_pem": *private.pkcs8_pem()?,
            "private_jwk": *private.private_jwk()?,
        }));
    }

    println!(
        "{}",
        serde_json::to_string_pretty(&json!({
            "producer": "jose-core tests/examples/produce_interop.rs",
            "tokens": tokens,
            "exported": exported,
        }))?
    );
    Ok(())
}
