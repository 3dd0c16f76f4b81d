//! Reading what the user names: a token (argument or stdin), key files in
//! any format jose-core imports (PEM, DER, JWK, JWK Set, X.509 certificate),
//! told apart by their content.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKey, PublicKeySet, SecretKey};

use crate::exit::Unreadable;

/// The largest input read: a token, a claims file or a key file.
const MAX_INPUT: u64 = 1024 * 1024;

/// Bytes of a file, or of stdin for `-`, bounded.
pub fn bytes(source: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let read = if source == "-" {
        std::io::stdin().take(MAX_INPUT + 1).read_to_end(&mut out)
    } else {
        std::fs::File::open(source).and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut out))
    };
    let name = if source == "-" { "stdin" } else { source };
    read.map_err(|e| Unreadable(format!("cannot read {name}: {e}")))?;
    if out.len() as u64 > MAX_INPUT {
        return Err(Unreadable(format!("{name} is larger than {MAX_INPUT} bytes")).into());
    }
    Ok(out)
}

/// A token given as an argument, or `-` for stdin; one trailing newline
/// (as `echo` and editors add) is removed, nothing else.
pub fn token(arg: &str) -> Result<String> {
    let raw = if arg == "-" {
        bytes("-")?
    } else {
        arg.as_bytes().to_vec()
    };
    let mut text =
        String::from_utf8(raw).map_err(|_| Unreadable("the token is not UTF-8 text".into()))?;
    if text.ends_with("\r\n") {
        text.truncate(text.len() - 2);
    } else if text.ends_with('\n') {
        text.truncate(text.len() - 1);
    }
    Ok(text)
}

/// A key file's content: text (PEM or JSON) or DER.
enum Content {
    Pem(String),
    Json(String),
    Der(Vec<u8>),
}

fn content(path: &Path) -> Result<Content> {
    let raw = bytes(&path.to_string_lossy())?;
    match String::from_utf8(raw) {
        Ok(text) if text.trim_start().starts_with("-----BEGIN") => Ok(Content::Pem(text)),
        Ok(text) if text.trim_start().starts_with('{') => Ok(Content::Json(text)),
        Ok(text) => Ok(Content::Der(text.into_bytes())),
        Err(e) => Ok(Content::Der(e.into_bytes())),
    }
}

/// The private keys of every file: PEM (PKCS#8, PKCS#1), DER, JWK or JWK
/// Set. A certificate file attaches to the key before it (for keys chosen
/// by `x5t#S256`).
pub fn private_keys(paths: &[PathBuf]) -> Result<PrivateKeySet> {
    let mut keys: Vec<PrivateKey> = Vec::new();
    for path in paths {
        let name = path.display();
        let loaded: Vec<PrivateKey> = match content(path)? {
            Content::Pem(text) if text.contains("-----BEGIN CERTIFICATE-----") => {
                let last = keys.pop().with_context(|| {
                    format!("{name}: a certificate must follow its private key's --key")
                })?;
                vec![
                    last.with_certificate_pem(&text)
                        .with_context(|| format!("{name}"))?,
                ]
            }
            Content::Pem(text) => {
                vec![PrivateKey::from_pem(&text).with_context(|| format!("{name}"))?]
            }
            Content::Json(text) if is_set(&text) => PrivateKeySet::from_jwks(&text)
                .with_context(|| format!("{name}"))?
                .keys()
                .to_vec(),
            Content::Json(text) => {
                vec![PrivateKey::from_jwk(&text).with_context(|| format!("{name}"))?]
            }
            Content::Der(der) => vec![
                PrivateKey::from_pkcs8_der(&der)
                    .or_else(|_| PrivateKey::from_pkcs1_der(&der))
                    .with_context(|| {
                        format!("{name}: not a private key (PEM, DER, JWK or JWK Set)")
                    })?,
            ],
        };
        keys.extend(loaded);
    }
    keys.into_iter()
        .try_fold(PrivateKeySet::new(), PrivateKeySet::with)
        .context("the keys given")
}

/// The public keys of every file: JWK Set, JWK, PEM (SPKI, PKCS#1,
/// certificate) or DER.
pub fn public_keys(paths: &[PathBuf]) -> Result<PublicKeySet> {
    let mut set = PublicKeySet::new();
    for path in paths {
        let name = path.display();
        let keys: Vec<PublicKey> = match content(path)? {
            Content::Json(text) if is_set(&text) => PublicKeySet::from_jwks(&text)
                .with_context(|| format!("{name}"))?
                .keys()
                .to_vec(),
            Content::Json(text) => {
                vec![PublicKey::from_jwk(&text).with_context(|| format!("{name}"))?]
            }
            Content::Pem(text) => vec![public_from_pem(&text).with_context(|| format!("{name}"))?],
            Content::Der(der) => vec![
                PublicKey::from_spki_der(&der)
                    .or_else(|_| PublicKey::from_certificate_der(&der))
                    .or_else(|_| PublicKey::from_pkcs1_der(&der))
                    .with_context(|| format!("{name}: not a public key or certificate"))?,
            ],
        };
        for key in keys {
            set = set.with(key).context("the issuer keys given")?;
        }
    }
    Ok(set)
}

/// A public key from PEM, or the public half of a private key's PEM.
fn public_from_pem(text: &str) -> Result<PublicKey, jose_core::Error> {
    PublicKey::from_pem(text).or_else(|e| {
        PrivateKey::from_pem(text)
            .map(|k| k.public_key())
            .map_err(|_| e)
    })
}

/// A shared key: an `oct` JWK (its bytes never reach a message).
pub fn secret(path: &Path) -> Result<SecretKey> {
    let name = path.display();
    match content(path)? {
        Content::Json(text) => SecretKey::from_jwk(&text).with_context(|| format!("{name}")),
        _ => bail!("{name}: a shared key is given as an oct JWK (kty oct, k)"),
    }
}

/// One key, private if the file holds one, for signing or key export.
pub fn private_key(path: &Path) -> Result<PrivateKey> {
    let set = private_keys(&[path.to_path_buf()])?;
    match set.keys() {
        [one] => Ok(one.clone()),
        [] => bail!("{}: no private key", path.display()),
        _ => bail!("{}: several keys; give a file with one", path.display()),
    }
}

/// One public key (or the public half of a private key file).
pub fn public_key(path: &Path) -> Result<PublicKey> {
    if let Ok(private) = private_key(path) {
        return Ok(private.public_key());
    }
    let set = public_keys(&[path.to_path_buf()])?;
    match set.keys() {
        [one] => Ok(one.clone()),
        _ => bail!("{}: give a file with one public key", path.display()),
    }
}

fn is_set(json: &str) -> bool {
    jose_core::json::parse(json.as_bytes()).is_ok_and(|v| v.get("keys").is_some())
}

/// base64url without padding, for thumbprints (an error, never an empty
/// text, if the encoder refused its own output's size).
pub fn b64(bytes: &[u8]) -> Result<String> {
    let mut out = vec![0u8; jose_core::base64url::encoded_len(bytes.len())];
    Ok(jose_core::base64url::encode(bytes, &mut out)?.to_owned())
}
