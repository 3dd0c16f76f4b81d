//! Opens the nested token of RFC 7520 §6 (vectors/rfc7520_6.jwe): an RSA-OAEP
//! + A128GCM JWE whose plaintext is a signed JWT, and prints both layers.
//!
//!     cargo run --example decrypt_nested
//!
//! This example stops at decryption: it reads the inner JWT's claims with the
//! crate's JSON reader but does NOT verify the inner signature (JWS
//! verification is the next pipeline stage). Never trust claims read this way.

use jose_core::json::{self, Kind};
use jose_core::jwe::Compact;
use jose_core::keys::PrivateKey;
use jose_core::{Part, base64url};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = PrivateKey::from_jwk(include_str!("../vectors/rfc7520_6.key.json"))?;
    let token = include_str!("../vectors/rfc7520_6.jwe").trim();

    let jwe = Compact::parse(token)?;
    let header = jwe.header();
    println!("outer JWE ({} bytes)", token.len());
    println!(
        "  alg {}  enc {}",
        jwe.key_algorithm(),
        jwe.content_algorithm()
    );
    if let Some(kid) = header.kid() {
        println!("  kid {kid}");
    }
    if let Some(cty) = header.cty() {
        println!("  cty {cty}");
    }

    let mut buf = vec![0u8; jwe.buffer_len()];
    let inner = jwe.decrypt(&key, &mut jose_core::os_rng(), &mut buf)?;
    let inner = std::str::from_utf8(inner)?;
    println!("decrypted: a {}-byte inner token", inner.len());

    let mut parts = inner.split('.');
    let (Some(inner_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the plaintext is not a compact JWS".into());
    };
    let mut scratch = [0u8; 1024];
    let inner_header =
        base64url::decode(inner_header.as_bytes(), &mut scratch, Part::Json)?.to_vec();
    let inner_header = json::parse(&inner_header)?;
    print!("inner JWS header:");
    for (name, value) in inner_header.members() {
        print!(" {name}={}", value.raw());
    }
    println!();

    let claims = base64url::decode(payload.as_bytes(), &mut scratch, Part::Json)?;
    let claims = json::parse(claims)?;
    if claims.kind() != Kind::Object {
        return Err("the inner payload is not a JSON object".into());
    }
    println!("claims (signature NOT verified by this example):");
    for (name, value) in claims.members() {
        match value.as_str() {
            Some(text) => println!("  {name}: {text}"),
            None => println!("  {name}: {}", value.raw()),
        }
    }
    Ok(())
}
