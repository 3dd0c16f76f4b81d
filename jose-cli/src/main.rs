//! `jose`: look at, open and make JOSE tokens from a shell, with jose-core.
//!
//! Every failure prints one line, `error: ...`, that never contains key
//! material, and exits with the code of its kind (`jose --help` lists them).

mod exit;
mod input;
mod make;
mod open;
mod output;
mod show;
mod terminal;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

const AFTER_HELP: &str = "\
Examples:
  # An Auth0 encrypted access token: your API's private key, the tenant's JWK Set
  jose open --key api.private.jwks.json --issuer-keys tenant.jwks.json \\
       --issuer https://TENANT.auth0.com/ --audience https://api.example.com TOKEN
  # A Curity encrypted ID token (key chosen by x5t#S256), read from stdin
  jose open --key client.key.pem --key client.cert.pem --issuer-keys idsvr.jwks.json \\
       --issuer https://idsvr.example.com/oauth/v2/oauth-anonymous --audience CLIENT_ID -
  # What a token says about itself, without keys (nothing verified)
  jose inspect TOKEN
  # Auth0's thumbprint_sha256 of a certificate (x5t#S256, RFC 8705)
  jose thumbprint api.cert.pem
  # A key pair for an API (api.key.pem, api.jwk.json, api.pub.pem, api.pub.jwk.json, api.pub.jwks.json)
  jose keygen --bits 2048 --out api

Exit codes: 0 success, 2 usage, 3 a file or stdin could not be read, and per
jose-core error kind: 10 malformed, 11 unsupported, 12 policy, 13 key,
14 decrypt, 15 too_large, 16 invalid_key, 17 signature, 18 expired,
19 not_yet_valid, 20 issuer, 21 audience, 22 missing_claim, 23 claim,
24 token_type, 25 configuration, 26 random, 27 internal, 28 buffer; 1 other.";

#[derive(Parser)]
#[command(name = "jose", version, about = "Look at, open and make JOSE tokens (jose-core)", after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decrypt, verify and validate a token; print its headers and claims
    Open(open::Open),
    /// Show a token's protected header(s) and shape, without keys (UNVERIFIED)
    Inspect(show::Inspect),
    /// x5t#S256 of a certificate, RFC 7638 thumbprint of a key
    Thumbprint(show::Thumbprint),
    /// Make an RSA key pair: PKCS#8 and SPKI PEM, private and public JWK
    Keygen(make::Keygen),
    /// Encrypt a file or stdin to a public key (compact JWE)
    Encrypt(make::Encrypt),
    /// Sign JSON claims with a private key (compact JWS)
    Sign(make::Sign),
    /// Sign claims, then encrypt the signed token (a nested JWT, cty JWT)
    Nest(make::Nest),
    /// A Private Key JWT client assertion (RFC 7523)
    Assertion(make::Assertion),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Open(args) => open::run(args),
        Command::Inspect(args) => show::inspect(args),
        Command::Thumbprint(args) => show::thumbprint(args),
        Command::Keygen(args) => make::keygen(args),
        Command::Encrypt(args) => make::encrypt(args),
        Command::Sign(args) => make::sign(args),
        Command::Nest(args) => make::nest(args),
        Command::Assertion(args) => make::assertion(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", terminal::escaped(&exit::message(&error)));
            ExitCode::from(exit::code(&error))
        }
    }
}
