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

/// Make an RSA key pair, or with --curve an EC, Ed25519 or X25519 one, into
/// five files: PREFIX.key.pem (PKCS#8) and
/// PREFIX.jwk.json (private JWK), both readable by you only, PREFIX.pub.pem
/// (SPKI: what Auth0 takes), PREFIX.pub.jwk.json (public JWK) and
/// PREFIX.pub.jwks.json (a JWK Set: what an OpenID client registers).
/// With --secret, a shared secret instead: PREFIX.jwk.json (an oct JWK,
/// readable by you only) and nothing else.
///
/// Every file is created new, never through a symbolic link, the private
/// ones with mode 0600 from the moment they exist (see `output`).
#[derive(Args)]
pub struct Keygen {
    /// RSA modulus size: 2048, 3072 or 4096
    #[arg(long, default_value_t = 2048, conflicts_with_all = ["curve", "secret"])]
    bits: usize,
    /// Make a key on this curve instead: an EC key (signs ES256, ES384,
    /// ES512, or with --use enc receives ECDH-ES tokens), an Ed25519 key
    /// (signs EdDSA) or an X25519 key (receives ECDH-ES tokens)
    #[arg(long, value_parser = ["P-256", "P-384", "P-521", "Ed25519", "X25519"], conflicts_with = "secret")]
    curve: Option<String>,
    /// Make a shared secret of this many random bytes instead (16 to 1024;
    /// HS256 needs 32, HS512 64, A256KW exactly 32): an oct JWK whose kid,
    /// unless given, is random, never derived from the secret
    #[arg(long, value_name = "BYTES")]
    secret: Option<usize>,
    /// File name prefix
    #[arg(long, value_name = "PREFIX")]
    out: PathBuf,
    /// The key's kid (default: its RFC 7638 thumbprint; random for a secret)
    #[arg(long)]
    kid: Option<String>,
    /// What the key is for: enc (decrypting tokens) or sig (signing);
    /// default enc for RSA and X25519, sig for EC and Ed25519, none for a
    /// secret
    #[arg(long = "use", value_parser = ["enc", "sig"])]
    usage: Option<String>,
    /// Replace files that exist (each new file is written beside its target
    /// and renamed over it: the old file, or what a link there points to, is
    /// never written to)
    #[arg(long)]
    force: bool,
}

/// The key's `use`: what was asked, or the key type's default; a use the
/// key type cannot have is refused, named.
fn key_use(asked: Option<&str>, curve: Option<&str>) -> Result<KeyUse> {
    Ok(match (asked, curve) {
        (Some("enc"), Some("Ed25519")) => bail!(
            "an Ed25519 key signs (EdDSA) and never decrypts: make an X25519 or EC key to receive encrypted tokens"
        ),
        (Some("sig"), Some("X25519")) => {
            bail!("an X25519 key agrees keys (ECDH-ES) and never signs: make an Ed25519 or EC key")
        }
        (Some("sig"), _) => KeyUse::Signature,
        (Some(_), _) | (None, None | Some("X25519")) => KeyUse::Encryption,
        (None, Some(_)) => KeyUse::Signature,
    })
}

pub fn keygen(args: Keygen) -> Result<()> {
    if let Some(len) = args.secret {
        return secret_keygen(len, &args);
    }
    let usage = key_use(args.usage.as_deref(), args.curve.as_deref())?;
    let rng = &mut jose_core::os_rng();
    let key = match args.curve.as_deref() {
        Some("Ed25519") => PrivateKey::generate_ed25519(rng)?,
        Some("X25519") => PrivateKey::generate_x25519(rng)?,
        Some(name) => {
            let curve = jose_core::Curve::from_name(name)
                .with_context(|| format!("unknown curve {name}"))?;
            PrivateKey::generate_ec(curve, rng)?
        }
        None => PrivateKey::generate(args.bits, rng)?,
    };
    let kid = match &args.kid {
        Some(kid) => kid.clone(),
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

/// `keygen --secret`: `len` random bytes as an oct JWK (RFC 7518 §6.4),
/// read back by jose-core before it is written. The kid is random unless
/// given: a thumbprint of an oct key is a hash of the secret, which would
/// let anyone holding the kid test guesses offline.
fn secret_keygen(len: usize, args: &Keygen) -> Result<()> {
    use jose_core::rand_core::TryRng;
    use zeroize::Zeroizing;
    if !(jose_core::keys::MIN_SECRET_LEN..=jose_core::keys::MAX_SECRET_LEN).contains(&len) {
        bail!(
            "a secret is {} to {} bytes (HS256 needs 32, HS384 48, HS512 64)",
            jose_core::keys::MIN_SECRET_LEN,
            jose_core::keys::MAX_SECRET_LEN
        );
    }
    let mut rng = jose_core::os_rng();
    let mut bytes = Zeroizing::new(vec![0u8; len]);
    rng.try_fill_bytes(&mut bytes)
        .map_err(|_| anyhow::anyhow!("the system's random generator failed"))?;
    let kid = match &args.kid {
        Some(kid) => kid.clone(),
        None => {
            let mut id = [0u8; 16];
            rng.try_fill_bytes(&mut id)
                .map_err(|_| anyhow::anyhow!("the system's random generator failed"))?;
            b64(&id)?
        }
    };
    let mut key = jose_core::keys::SecretKey::from_bytes(&bytes)?.with_kid(&kid);
    if let Some(usage) = args.usage.as_deref() {
        key = key.with_use(if usage == "sig" {
            KeyUse::Signature
        } else {
            KeyUse::Encryption
        })?;
    }
    let text = key.jwk()?;
    // What is written is what the crate reads: checked before it exists.
    jose_core::keys::SecretKey::from_jwk(&text)?;
    let path = PathBuf::from(format!("{}.jwk.json", args.out.display()));
    let outputs = [Output::secret(path, text)];
    output::write_all(&outputs, args.force)?;
    for output in &outputs {
        println!("wrote {}", output.path.display());
    }
    println!("kid: {kid}");
    println!("{len} bytes: HS256 needs 32, HS384 48, HS512 64; A128KW 16, A192KW 24, A256KW 32");
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
    /// (an RSA key); ECDH-ES, ECDH-ES+A128KW, ECDH-ES+A192KW,
    /// ECDH-ES+A256KW (an EC or X25519 key)
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
