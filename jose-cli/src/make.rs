//! Making keys and tokens: `keygen`, `encrypt`, `sign`, `nest`, `assertion`.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use jose_core::jwe::Encrypter;
use jose_core::jws::Signer;
use jose_core::jwt;
use jose_core::keys::{KeyUse, PrivateKey};
use jose_core::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};

use crate::input::{self, b64};
use crate::output::{self, Output};

/// Make an RSA key pair, or with --curve an EC or Ed25519 one, into five files:
/// PREFIX.key.pem (PKCS#8) and
/// PREFIX.jwk.json (private JWK), both readable by you only, PREFIX.pub.pem
/// (SPKI: what Auth0 takes), PREFIX.pub.jwk.json (public JWK) and
/// PREFIX.pub.jwks.json (a JWK Set: what an OpenID client registers).
///
/// Every file is created new, never through a symbolic link, the private
/// ones with mode 0600 from the moment they exist (see `output`).
#[derive(Args)]
pub struct Keygen {
    /// RSA modulus size: 2048, 3072 or 4096
    #[arg(long, default_value_t = 2048, conflicts_with = "curve")]
    bits: usize,
    /// Make a key on this curve instead: an EC key (signs ES256, ES384,
    /// ES512) or an Ed25519 key (signs EdDSA)
    #[arg(long, value_parser = ["P-256", "P-384", "P-521", "Ed25519"])]
    curve: Option<String>,
    /// File name prefix
    #[arg(long, value_name = "PREFIX")]
    out: PathBuf,
    /// The key's kid (default: its RFC 7638 thumbprint)
    #[arg(long)]
    kid: Option<String>,
    /// What the key is for: enc (decrypting tokens) or sig (signing);
    /// default enc for RSA, sig for EC
    #[arg(long = "use", value_parser = ["enc", "sig"])]
    usage: Option<String>,
    /// Replace files that exist (each new file is written beside its target
    /// and renamed over it: the old file, or what a link there points to, is
    /// never written to)
    #[arg(long)]
    force: bool,
}

pub fn keygen(args: Keygen) -> Result<()> {
    let usage = match (args.usage.as_deref(), args.curve.as_deref()) {
        (Some("sig"), _) | (None, Some(_)) => KeyUse::Signature,
        (_, None) => KeyUse::Encryption,
        (Some(_), Some(_)) => {
            bail!(
                "an EC or Ed25519 key made here is for signing (--use sig): this version decrypts with RSA keys only"
            )
        }
    };
    let rng = &mut jose_core::os_rng();
    let key = match args.curve.as_deref() {
        Some("Ed25519") => PrivateKey::generate_ed25519(rng)?,
        Some(name) => {
            let curve = jose_core::Curve::from_name(name)
                .with_context(|| format!("unknown curve {name}"))?;
            PrivateKey::generate_ec(curve, rng)?
        }
        None => PrivateKey::generate(args.bits, rng)?,
    };
    let kid = match args.kid {
        Some(kid) => kid,
        None => b64(&key.thumbprint())?,
    };
    let key = key.with_kid(&kid).with_use(usage)?;
    let public = key.public_key();
    let prefix = args.out.display().to_string();
    let file = |suffix: &str| PathBuf::from(format!("{prefix}.{suffix}"));
    let outputs = [
        Output::secret(file("key.pem"), key.pkcs8_pem()?),
        Output::secret(file("jwk.json"), key.private_jwk()?),
        Output::public(file("pub.pem"), public.spki_pem()?),
        Output::public(file("pub.jwk.json"), public.jwk()?),
        Output::public(
            file("pub.jwks.json"),
            jose_core::keys::PublicKeySet::new()
                .with(public.clone())?
                .jwks()?,
        ),
    ];
    output::write_all(&outputs, args.force)?;
    for output in &outputs {
        println!("wrote {}", output.path.display());
    }
    println!("kid: {kid}");
    println!("JWK thumbprint (RFC 7638): {}", b64(&public.thumbprint())?);
    Ok(())
}

/// The algorithm of `all` whose JOSE name is exactly `name`.
fn named<T: Copy>(
    all: &[T],
    name_of: impl Fn(T) -> &'static str,
    what: &str,
    name: &str,
) -> Result<T> {
    all.iter()
        .copied()
        .find(|a| name_of(*a) == name)
        .with_context(|| format!("unknown {what} algorithm {name}"))
}

fn key_algorithm(name: &str) -> Result<KeyAlgorithm> {
    named(
        &KeyAlgorithm::ALL,
        KeyAlgorithm::name,
        "key management",
        name,
    )
}

fn content_algorithm(name: &str) -> Result<ContentAlgorithm> {
    named(
        &ContentAlgorithm::ALL,
        ContentAlgorithm::name,
        "content encryption",
        name,
    )
}

fn signature_algorithm(name: &str) -> Result<SignatureAlgorithm> {
    named(
        &SignatureAlgorithm::ALL,
        SignatureAlgorithm::name,
        "signature",
        name,
    )
}

/// Encrypt a file, or stdin, to a public key: a compact JWE on stdout.
#[derive(Args)]
pub struct Encrypt {
    /// The recipient's public key (PEM, DER, certificate or JWK; a private key file gives its public half)
    #[arg(long, value_name = "FILE")]
    to: PathBuf,
    /// Key management: RSA-OAEP, RSA-OAEP-256, RSA-OAEP-384, RSA-OAEP-512
    #[arg(long, default_value = "RSA-OAEP-256")]
    alg: String,
    /// Content encryption: A128GCM, A192GCM, A256GCM, A128CBC-HS256, A192CBC-HS384, A256CBC-HS512
    #[arg(long, default_value = "A256GCM")]
    enc: String,
    /// Name the recipient key by its certificate's x5t#S256 (Curity's shape)
    #[arg(long)]
    x5t: bool,
    /// The plaintext file, or - for stdin
    #[arg(default_value = "-")]
    input: String,
}

fn encrypter<'k>(
    key: &'k jose_core::keys::PublicKey,
    alg: &str,
    enc: &str,
    x5t: bool,
) -> Result<Encrypter<'k>> {
    let encrypter = Encrypter::new(key, key_algorithm(alg)?, content_algorithm(enc)?)?;
    Ok(if x5t {
        encrypter.x5t_s256()?
    } else {
        encrypter
    })
}

pub fn encrypt(args: Encrypt) -> Result<()> {
    let key = input::public_key(&args.to)?;
    let plaintext = input::bytes(&args.input)?;
    let encrypter = encrypter(&key, &args.alg, &args.enc, args.x5t)?;
    let mut out = vec![0u8; encrypter.output_len(plaintext.len())?];
    println!(
        "{}",
        encrypter.encrypt(&plaintext, &mut jose_core::os_rng(), &mut out)?
    );
    Ok(())
}

/// Sign JSON claims with a private key: a compact JWS on stdout.
#[derive(Args)]
pub struct Sign {
    /// The signing key (PEM, DER or JWK)
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// RS256, RS384, RS512, PS256, PS384, PS512
    #[arg(long, default_value = "RS256")]
    alg: String,
    /// The header's typ (e.g. JWT, at+jwt)
    #[arg(long)]
    typ: Option<String>,
    /// The claims file (a JSON object), or - for stdin
    #[arg(default_value = "-")]
    claims: String,
}

fn claims(source: &str) -> Result<Vec<u8>> {
    let bytes = input::bytes(source)?;
    let value = jose_core::json::parse(&bytes).context("the claims")?;
    if value.kind() != jose_core::json::Kind::Object {
        bail!("the claims must be a JSON object");
    }
    Ok(bytes.trim_ascii_end().to_vec())
}

pub fn sign(args: Sign) -> Result<()> {
    let key = input::private_key(&args.key)?;
    let claims = claims(&args.claims)?;
    let mut signer = Signer::new(&key, signature_algorithm(&args.alg)?)?;
    if let Some(typ) = &args.typ {
        signer = signer.typ(typ);
    }
    let mut out = vec![0u8; signer.output_len(claims.len())?];
    println!(
        "{}",
        signer.sign(&claims, &mut jose_core::os_rng(), &mut out)?
    );
    Ok(())
}

/// Sign claims, then encrypt the signed token (a nested JWT, cty JWT):
/// the shape of Auth0's encrypted access tokens and Curity's encrypted ID tokens.
#[derive(Args)]
pub struct Nest {
    /// The issuer's signing key (PEM, DER or JWK)
    #[arg(long, value_name = "FILE")]
    sign_key: PathBuf,
    /// The recipient's public key (or a file holding its private key)
    #[arg(long, value_name = "FILE")]
    to: PathBuf,
    /// Signature algorithm
    #[arg(long, default_value = "RS256")]
    alg: String,
    /// Key management algorithm
    #[arg(long, default_value = "RSA-OAEP-256")]
    key_alg: String,
    /// Content encryption
    #[arg(long, default_value = "A256GCM")]
    enc: String,
    /// The signed token's typ
    #[arg(long, default_value = "JWT")]
    typ: String,
    /// Name the recipient key by x5t#S256 instead of kid
    #[arg(long)]
    x5t: bool,
    /// The claims file (a JSON object), or - for stdin
    #[arg(default_value = "-")]
    claims: String,
}

pub fn nest(args: Nest) -> Result<()> {
    let signing = input::private_key(&args.sign_key)?;
    let recipient = input::public_key(&args.to)?;
    let claims = claims(&args.claims)?;
    let signer = Signer::new(&signing, signature_algorithm(&args.alg)?)?.typ(&args.typ);
    let encrypter = encrypter(&recipient, &args.key_alg, &args.enc, args.x5t)?;
    let token =
        jwt::sign_and_encrypt_to_string(&claims, &signer, &encrypter, &mut jose_core::os_rng())?;
    println!("{token}");
    Ok(())
}

/// A Private Key JWT client assertion (RFC 7523): iss = sub = the client id,
/// aud = the token endpoint, a random jti, 60 seconds of life.
#[derive(Args)]
pub struct Assertion {
    /// The client's signing key (PEM, DER or JWK)
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The client id
    #[arg(long)]
    client_id: String,
    /// The token endpoint
    #[arg(long)]
    audience: String,
    /// RS256 or PS256 (or another RSA signature algorithm)
    #[arg(long, default_value = "RS256")]
    alg: String,
    /// The issue time, in seconds since 1970 (default: now)
    #[arg(long)]
    now: Option<u64>,
}

pub fn assertion(args: Assertion) -> Result<()> {
    let key = input::private_key(&args.key)?;
    let signer = Signer::new(&key, signature_algorithm(&args.alg)?)?;
    let now = match args.now {
        Some(now) => now,
        None => jwt::now()?,
    };
    let mut out = [0u8; 4096];
    let assertion = jwt::client_assertion(
        &args.client_id,
        &args.audience,
        &signer,
        now,
        &mut jose_core::os_rng(),
        &mut out,
    )?;
    println!("{assertion}");
    Ok(())
}
