//! An OpenID client opens a Curity-style encrypted ID token: an RS256 JWT
//! inside a compact JWE (RSA-OAEP + A256CBC-HS512, `cty: JWT`), whose header
//! names the client's key by `x5t#S256`, the SHA-256 of its X.509 certificate.
//!
//!     cargo run --example curity_id_token

use jose_core::Policy;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKeySet};

const NOW: u64 = 1_700_000_100;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The client's key, with its certificate so tokens can name it by x5t#S256.
    let key = PrivateKey::from_pem(include_str!("../vectors/interop/recipient.key.pem"))?
        .with_certificate_pem(include_str!("../vectors/interop/recipient.cert.pem"))?;
    let mine = PrivateKeySet::new().with(key)?;
    let issuer = PublicKeySet::from_jwks(include_str!("../vectors/interop/issuer.jwks.json"))?;
    let rules = Validation::new()
        .issuer("https://idsvr.example.com/oauth/v2/oauth-anonymous")
        .audience("curity-client")
        .max_age(600)
        .policy(Policy::new().require_cty(true));

    let token = include_str!("../vectors/interop/curity-id-token.jwe").trim();
    let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    let jwt = jwt::decrypt_and_verify(
        token,
        &jwt::Trust::nested(&mine, &issuer, &rules, NOW),
        &mut jose_core::os_rng(),
        &mut buf,
    )?;

    let outer = jwt.encryption_header().ok_or("not encrypted")?;
    println!(
        "encrypted with {} + {}, cty {}",
        outer.alg(),
        outer.enc().ok_or("no enc")?,
        outer.cty().ok_or("no cty")?
    );
    println!(
        "key chosen by x5t#S256: {}",
        outer.get("x5t#S256").map(|v| v.raw()).unwrap_or("-")
    );
    let claims = jwt.claims();
    println!("subject: {}", claims.subject().ok_or("no sub")?);
    if let Some(name) = claims.get("name").and_then(|v| v.as_str()) {
        println!("name: {name}");
    }
    println!(
        "authorized party: {}",
        claims.authorized_party().ok_or("no azp")?
    );
    Ok(())
}
