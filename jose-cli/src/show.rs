//! `jose inspect` and `jose thumbprint`: what a token or a key file says
//! about itself, without any secret.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use jose_core::base64url;
use jose_core::keys::PublicKey;

use crate::input::{self, b64};
use crate::terminal::escaped;

/// Show a token's protected header(s) and shape without keys. Nothing shown
/// is verified, and no payload or plaintext is ever printed.
#[derive(Args)]
pub struct Inspect {
    /// The token, or - to read it from stdin
    token: String,
    /// Print one JSON object
    #[arg(long)]
    json: bool,
}

/// What each part of a compact token is.
const JWE_PARTS: [&str; 5] = [
    "protected header",
    "encrypted key",
    "iv",
    "ciphertext",
    "tag",
];
const JWS_PARTS: [&str; 3] = ["protected header", "payload", "signature"];

pub fn inspect(args: Inspect) -> Result<()> {
    let token = input::token(&args.token)?;
    let parts: Vec<&str> = token.split('.').collect();
    let (kind, names): (&str, &[&str]) = match parts.len() {
        5 => ("JWE", &JWE_PARTS),
        3 => ("JWS", &JWS_PARTS),
        n => bail!(
            jose_core::jws::Compact::parse(&token)
                .err()
                .map(anyhow::Error::from)
                .unwrap_or_else(|| anyhow::anyhow!(
                    "{n} parts: a compact token has 3 (JWS) or 5 (JWE)"
                ))
        ),
    };
    let header_bytes =
        decode(parts.first().copied().unwrap_or("")).context("the protected header")?;
    let header_text =
        String::from_utf8(header_bytes).context("the protected header is not UTF-8")?;
    let header: serde_json::Value =
        serde_json::from_str(&header_text).context("the protected header is not JSON")?;
    let mut lengths = serde_json::Map::new();
    for (name, part) in names.iter().zip(&parts) {
        lengths.insert((*name).into(), base64url_len(part).into());
    }
    // Whether jose-core's header rules accept it (no key is used).
    let verdict = match kind {
        "JWE" => jose_core::jwe::Compact::parse(&token).err(),
        _ => jose_core::jws::Compact::parse(&token).err(),
    };
    let verdict = verdict.map_or_else(|| "accepted".to_owned(), |e| format!("refused: {e}"));
    // The header and the verdict quote the token's own text: escaped.
    if args.json {
        let all = serde_json::json!({"verified": false, "kind": kind, "header": header,
            "decoded_lengths": lengths, "header_rules": verdict});
        println!("{}", escaped(&all.to_string()));
        return Ok(());
    }
    println!("UNVERIFIED: nothing below is authenticated (`jose open` decrypts and verifies)");
    println!("kind: {kind} ({} parts)", parts.len());
    println!("protected header: {}", escaped(&header.to_string()));
    for (name, len) in &lengths {
        println!("{name}: {len} bytes");
    }
    println!("jose-core's header rules: {}", escaped(&verdict));
    if kind == "JWS" {
        println!("payload: not shown until verified");
    }
    Ok(())
}

/// The decoded length of a base64url part (the part's text may be anything).
fn base64url_len(part: &str) -> usize {
    part.len() * 3 / 4
}

fn decode(part: &str) -> Result<Vec<u8>> {
    let mut out = vec![0u8; part.len()];
    let len = base64url::decode(part.as_bytes(), &mut out, jose_core::Part::Header)?.len();
    out.truncate(len);
    Ok(out)
}

/// The certificate's `x5t#S256` (RFC 8705, Auth0's `thumbprint_sha256`) and
/// SHA-256 fingerprint, or a key's RFC 7638 JWK thumbprint.
#[derive(Args)]
pub struct Thumbprint {
    /// A certificate (PEM or DER) or a key file (PEM, DER, JWK)
    file: PathBuf,
}

pub fn thumbprint(args: Thumbprint) -> Result<()> {
    // Bounded like every input (1 MiB): a certificate or key is far smaller.
    let raw = input::bytes(&args.file.to_string_lossy())?;
    let certificate = match std::str::from_utf8(&raw) {
        Ok(text) if text.contains("-----BEGIN CERTIFICATE-----") => {
            PublicKey::from_certificate_pem(text).ok()
        }
        Ok(_) | Err(_) => PublicKey::from_certificate_der(&raw).ok(),
    };
    let key = match certificate {
        Some(key) => key,
        None => input::public_key(&args.file)?,
    };
    if let Some(x5t) = key.x5t_s256() {
        println!("x5t#S256: {}", b64(x5t)?);
        let hex: Vec<String> = x5t.iter().map(|b| format!("{b:02X}")).collect();
        println!("SHA-256 fingerprint: {}", hex.join(":"));
    }
    println!("JWK thumbprint (RFC 7638): {}", b64(&key.thumbprint())?);
    Ok(())
}
