//! `jose open`: decrypt, verify and validate, then print what was verified.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use jose_core::jwt::Validation;
use jose_core::keys::WithSecret;
use jose_core::{Accept, OwnedJwt, Receiver};

use crate::input;
use crate::terminal::escaped;

/// Decrypt (a JWE), verify (the JWS inside, or a signed-only token) and
/// validate; print both headers and the claims.
#[derive(Args)]
pub struct Open {
    /// The token, or - to read it from stdin
    token: String,
    /// Your private key(s): PEM, DER, JWK or JWK Set (repeat for rotation; a
    /// certificate file after a key attaches it). Not needed for a
    /// signed-only token.
    #[arg(long = "key", value_name = "FILE")]
    keys: Vec<PathBuf>,
    /// The issuer's public keys: JWK Set, JWK, PEM or certificate (repeatable)
    #[arg(
        long = "issuer-keys",
        value_name = "FILE",
        required_unless_present = "secret"
    )]
    issuer_keys: Vec<PathBuf>,
    /// A shared key, as an oct JWK: opens dir, A*KW and A*GCMKW tokens and
    /// verifies HS256/384/512 ones (beside --key and --issuer-keys)
    #[arg(long = "secret", value_name = "FILE")]
    secret: Option<PathBuf>,
    /// The expected `iss`
    #[arg(long, conflicts_with = "any_issuer")]
    issuer: Option<String>,
    /// The expected `aud` (one of the token's audiences)
    #[arg(long, conflicts_with = "any_audience")]
    audience: Option<String>,
    /// Accept any `iss` (only when these issuer keys belong to one issuer)
    #[arg(long)]
    any_issuer: bool,
    /// Accept any `aud`
    #[arg(long)]
    any_audience: bool,
    /// The signed token's required `typ` (e.g. at+jwt)
    #[arg(long)]
    typ: Option<String>,
    /// The time to validate at, in seconds since 1970 (default: now)
    #[arg(long)]
    now: Option<u64>,
    /// Seconds of clock skew allowed on exp, nbf and ages
    #[arg(long, default_value_t = 0)]
    leeway: u64,
    /// Print one JSON object: {"encryption_header", "header", "claims"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Open) -> Result<()> {
    let token = input::token(&args.token)?;
    let issuer = input::public_keys(&args.issuer_keys)?;
    let mut rules = Validation::new().leeway(args.leeway);
    rules = match (&args.issuer, args.any_issuer) {
        (Some(iss), _) => rules.issuer(iss),
        (None, true) => rules.accept_any_issuer(),
        (None, false) => rules,
    };
    rules = match (&args.audience, args.any_audience) {
        (Some(aud), _) => rules.audience(aud),
        (None, true) => rules.accept_any_audience(),
        (None, false) => rules,
    };
    if let Some(typ) = &args.typ {
        rules = rules.typ(typ);
    }
    let secret = args.secret.as_deref().map(input::secret).transpose()?;
    // An encrypted token needs a key; a signed one is opened without. A
    // shared key answers for the tokens that take one, on either side.
    let encrypted = token.split('.').count() == 5;
    let mut receiver = Receiver::builder().rules(rules).no_cache();
    receiver = match &secret {
        Some(secret) => receiver.issuer_keys(WithSecret::new(issuer, secret.clone())),
        None => receiver.issuer_keys(issuer),
    };
    if encrypted || !args.keys.is_empty() {
        let private = input::private_keys(&args.keys)?;
        receiver = match &secret {
            Some(secret) => receiver.decryption_keys(WithSecret::new(private, secret.clone())),
            None => receiver.decryption_keys(private),
        }
        .accept(Accept::NestedOrSigned);
    }
    if let Some(now) = args.now {
        receiver = receiver.clock(move || now);
    }
    let jwt = receiver
        .build()
        .and_then(|receiver| receiver.open(&token))
        .context("the token was not accepted")?;
    print(&jwt, args.json)
}

fn value(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).context("re-reading verified JSON")
}

fn print(jwt: &OwnedJwt, json: bool) -> Result<()> {
    let outer = jwt
        .encryption_header()
        .map(|h| value(h.json().raw()))
        .transpose()?;
    let header = value(jwt.header().json().raw())?;
    let claims = value(jwt.claims().json().raw())?;
    // Verified, yet written by the issuer from user data (names, emails):
    // escaped like everything a token says (see `terminal`).
    if json {
        let all =
            serde_json::json!({"encryption_header": outer, "header": header, "claims": claims});
        println!("{}", escaped(&all.to_string()));
        return Ok(());
    }
    if let Some(outer) = outer {
        println!("encryption header: {}", escaped(&outer.to_string()));
    }
    println!("header: {}", escaped(&header.to_string()));
    println!("claims (verified):");
    println!("{}", escaped(&serde_json::to_string_pretty(&claims)?));
    Ok(())
}
