//! Nested JWTs: a signed JWT inside a JWE (RFC 7519 §5.2, §7.2), and plain
//! signed JWTs.
//!
//! The order is fixed: parse the JWE (no key), check `cty`, choose the private
//! key the header names, decrypt into the caller's buffer, require that the
//! plaintext is a compact JWS with an allowed algorithm, choose the issuer's
//! key, verify, decode the payload in place, parse and validate the claims.
//! If anything after decryption fails, the buffer is wiped before the error
//! is returned: the decrypted inner token is plaintext too.

use core::ops::Range;

use rand_core::CryptoRng;
use zeroize::Zeroize;

use super::{Claims, Jwt, Validation};
use crate::error::{Error, ErrorKind, Part};
use crate::header::HeaderBuf;
use crate::json::Value;
use crate::keys::{PrivateKeySet, PublicKeySet};
use crate::{jwe, jws};

/// Decrypts, verifies and validates a nested token: the one call for resource
/// servers (encrypted access tokens) and OpenID clients (encrypted ID tokens).
///
/// `private` holds your decryption keys, `public` the issuer's signing keys,
/// `rules` the claim expectations and the token [`crate::Policy`], `now` the
/// current time in seconds since the epoch, `rng` blinds the RSA operation,
/// and `buf` receives the plaintext ([`required_buffer_len`] bytes suffice).
/// The returned [`Jwt`] borrows its claims from `buf`.
///
/// ```
/// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
///
/// let mine = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
/// let issuer = PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?;
/// let rules = jwt::Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com");
/// let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let jwt = jwt::decrypt_and_verify(token, &mine, &issuer, &rules, 1_700_000_100, &mut jose_core::os_rng(), &mut buf)?;
/// assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn decrypt_and_verify<'b, R: CryptoRng + ?Sized>(
    token: &str,
    private: &PrivateKeySet,
    public: &PublicKeySet,
    rules: &Validation<'_>,
    now: u64,
    rng: &mut R,
    buf: &'b mut [u8],
) -> Result<Jwt<'b>, Error> {
    let policy = rules.token_policy();
    let outer = jwe::Compact::parse_with_policy(token, &policy)?;
    check_cty(&outer, policy.requires_cty())?;
    let key = private.select(&outer.header(), outer.key_algorithm())?;
    let len = outer.decrypt(key, rng, buf)?.len();
    let outer = outer.into_header();

    let opened = buf
        .get_mut(..len)
        .ok_or_else(|| Error::new(ErrorKind::Buffer, None, "buffer shorter than the plaintext"))
        .and_then(|plaintext| open_inner(plaintext, public, rules, now));
    match opened {
        Ok((inner, claims)) => Ok(Jwt {
            outer: Some(outer),
            inner,
            claims: validated_claims(buf, claims),
        }),
        Err(err) => {
            buf.zeroize();
            Err(err)
        }
    }
}

/// Verifies and validates a signed JWT that is not encrypted: signed-only
/// access tokens, ID tokens, and Private Key JWT client assertions (RFC 7523).
/// The payload is decoded into `buf` (a [`jws::Compact::payload_len`] sized
/// buffer suffices; `token.len()` always does).
///
/// ```
/// use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
/// let issuer = PublicKeySet::new()
///     .with(PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json"))?)?;
/// let rules = jwt::Validation::new().issuer("joe");
/// let token = include_str!("../../vectors/rfc7515_A2.jws").trim();
/// let mut buf = vec![0u8; token.len()];
/// let jwt = jwt::verify(token, &issuer, &rules, 1_300_000_000, &mut buf)?;
/// assert!(jwt.claims().issuer().unwrap() == "joe");
/// // RFC 7515's example expired in 2011:
/// let err = jwt::verify(token, &issuer, &rules, 1_300_819_380, &mut buf).unwrap_err();
/// assert_eq!(err.kind(), jose_core::ErrorKind::Expired);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn verify<'b>(
    token: &str,
    public: &PublicKeySet,
    rules: &Validation<'_>,
    now: u64,
    buf: &'b mut [u8],
) -> Result<Jwt<'b>, Error> {
    let jws = jws::Compact::parse_with_policy(token, &rules.token_policy())?;
    let len = jws.verify_into(public, buf)?.len();
    let inner = jws.into_header();
    let checked = buf
        .get(..len)
        .ok_or_else(|| Error::new(ErrorKind::Buffer, None, "buffer shorter than the payload"))
        .and_then(|payload| check_claims(payload, rules, now));
    match checked {
        Ok(claims) => Ok(Jwt {
            outer: None,
            inner,
            claims: validated_claims(buf, claims),
        }),
        Err(err) => {
            buf.zeroize();
            Err(err)
        }
    }
}

/// A buffer length that always suffices for [`decrypt_and_verify`] on `token`
/// (the decoded length of its ciphertext part), computed without parsing.
///
/// ```
/// assert_eq!(jose_core::jwt::required_buffer_len("a.b.c.AAAA.e"), 3);
/// ```
pub fn required_buffer_len(token: &str) -> usize {
    let ciphertext = token.split('.').nth(3).unwrap_or_default();
    crate::base64url::decoded_len(ciphertext.len()).unwrap_or(0)
}

fn check_cty(outer: &jwe::Compact<'_>, required: bool) -> Result<(), Error> {
    match outer.header().cty() {
        Some(cty) => {
            let is_jwt = cty
                .chars()
                .map(|c| c.to_ascii_uppercase())
                .eq("JWT".chars());
            if is_jwt {
                Ok(())
            } else {
                Err(Error::policy(
                    Part::Header,
                    "cty is not JWT: the plaintext is not a nested JWT",
                ))
            }
        }
        None if required => Err(Error::policy(
            Part::Header,
            "cty JWT is required by the policy",
        )),
        None => Ok(()),
    }
}

/// The decrypted plaintext must be a signed JWT: verify it, decode its payload
/// to the front of `plaintext`, and validate the claims. Returns the inner
/// header and where the claims value sits in `plaintext`.
fn open_inner(
    plaintext: &mut [u8],
    public: &PublicKeySet,
    rules: &Validation<'_>,
    now: u64,
) -> Result<(HeaderBuf, Range<usize>), Error> {
    let not_signed = || {
        Error::policy(
            Part::Ciphertext,
            "the JWE plaintext is not a signed JWT (compact JWS)",
        )
    };
    let text = core::str::from_utf8(plaintext).map_err(|_| not_signed())?;
    match text.bytes().filter(|b| *b == b'.').count() {
        2 => {}
        4 => {
            return Err(Error::policy(
                Part::Ciphertext,
                "a JWE inside the JWE is not accepted: the inner token must be signed",
            ));
        }
        _ => return Err(not_signed()),
    }
    let policy = rules.token_policy();
    let inner = jws::Compact::parse_layer(text, &policy, true)?;
    inner.verify(public)?;
    let payload = inner.payload_range(text);
    let header = inner.into_header();

    // Decode the verified payload in place, where it sits: the decoder's
    // output starts at the same place and never overtakes its input.
    let start = payload.start;
    let encoded = plaintext.get_mut(payload).unwrap_or_default();
    let decoded_len = crate::base64url::decode_in_place(encoded, Part::Payload)?;
    let decoded = plaintext
        .get(start..start + decoded_len)
        .unwrap_or_default();
    let claims = check_claims(decoded, rules, now)?;
    Ok((header, claims.start + start..claims.end + start))
}

/// Parses and validates claims; returns where the claims value sits in `payload`.
fn check_claims(payload: &[u8], rules: &Validation<'_>, now: u64) -> Result<Range<usize>, Error> {
    let claims = Claims::parse(payload)?;
    rules.validate(&claims, now)?;
    let raw = claims.json().raw();
    let start = (raw.as_ptr() as usize).saturating_sub(payload.as_ptr() as usize);
    Ok(start..start + raw.len())
}

/// The claims that `check_claims` parsed and validated at `range` of `buf`.
/// Not parsed again: only the UTF-8 view is re-taken, for the borrow.
fn validated_claims(buf: &[u8], range: Range<usize>) -> Claims<'_> {
    let text = buf
        .get(range)
        .and_then(|bytes| core::str::from_utf8(bytes).ok())
        .unwrap_or("{}");
    Claims::validated(Value::validated(text))
}
