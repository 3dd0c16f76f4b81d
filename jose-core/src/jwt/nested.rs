//! Nested JWTs: a signed JWT inside a JWE (RFC 7519 §5.2, §7.2), and plain
//! signed JWTs.
//!
//! The order is fixed: parse the JWE (no key), check `cty`, ask the receiver's
//! keys for the key the header names, decrypt into the caller's buffer,
//! require that the plaintext is a compact JWS with an allowed algorithm,
//! hash its signing input, decode its payload in place and check the claims'
//! types ([`decrypt`], giving an [`Unverified`]); then ask the issuer's keys,
//! verify the signature against the digest, check `typ`, validate the claims
//! ([`Unverified::verify`]). If anything after decryption fails, the buffer
//! is wiped before the error is returned: the decrypted inner token is
//! plaintext too.

use rand_core::TryCryptoRng;
use zeroize::Zeroize;

use super::{Jwt, Trust, Unverified, Validation};
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::header::{WipedStorage, media_type_is};
use crate::jws::in_place::Opened;
use crate::keys::{DecryptionKeys, IssuerKeys};
use crate::policy::Policy;
use crate::{jwe, jws};

/// Decrypts a nested token with the receiver's keys and opens the signed
/// token inside, without verifying it: the first half of
/// [`decrypt_and_verify`]. Read what the signed token names from the
/// [`Unverified`] (its `kid`, the unverified `iss`), choose or fetch the
/// issuer's keys, then call [`Unverified::verify`]. `rules` gives the token
/// [`crate::Policy`] (and `cty` rule) the layers are parsed under.
///
/// ```
/// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
///
/// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
/// let rules = jwt::Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com");
/// let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
/// let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// let jwt = opened.verify(&issuer, &rules, 1_700_000_100)?;
/// assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn decrypt<'b, K: DecryptionKeys + ?Sized, R: TryCryptoRng + ?Sized>(
    token: &str,
    keys: &K,
    rules: &Validation<'_>,
    rng: &mut R,
    buf: &'b mut [u8],
) -> Result<Unverified<'b>, Error> {
    let policy = rules.token_policy();
    // The decoded protected header first, then the plaintext. Every header
    // rule is checked before the buffer's size is: a refused token is named
    // for what is wrong with it, not for the buffer it would need.
    let header_len = header_len(token).min(policy.max_header());
    let have = buf.len();
    let (header_store, body) = buf.split_at_mut(header_len.min(have));
    let outer = jwe::Compact::parse_into(token, &policy, WipedStorage::new(header_store))?;
    check_cty(&outer, policy.requires_cty())?;
    let key = crate::keys::decryption_key_for(keys, &outer.key_request())?;
    if body.len() < outer.buffer_len() {
        return Err(buffer_error(have, header_len + outer.buffer_len()));
    }
    let len = outer.decrypt(key, rng, body)?.len();
    let outer = outer.into_header();
    match open_inner(body, len, &policy) {
        Ok(opened) => Unverified::new(Some(outer), opened, body, policy),
        Err(err) => {
            body.zeroize();
            Err(err)
        }
    }
}

/// The `buffer` error: `have` bytes given, `need` needed.
pub(crate) fn buffer_error(have: usize, need: usize) -> Error {
    Error::new(ErrorKind::Buffer, None, "buffer too small for the token")
        .with(Detail::Buffer { have, need })
}

/// Decrypts, verifies and validates a nested token: the one call for resource
/// servers (encrypted access tokens) and OpenID clients (encrypted ID tokens).
/// [`decrypt`] then [`Unverified::verify`].
///
/// `trust` holds your decryption keys, the issuer's signing keys (any
/// [`DecryptionKeys`] / [`IssuerKeys`]), the claim rules with the token
/// [`crate::Policy`], and the time ([`Trust::nested`]); `rng` blinds the RSA
/// operation, and `buf` receives the plaintext ([`required_buffer_len`]
/// bytes suffice). The returned [`Jwt`] borrows its claims from `buf`. The
/// caches' entry point of the same name takes the same arguments.
///
/// ```
/// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
///
/// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
/// let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// let rules = jwt::Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com");
/// let trust = jwt::Trust::nested(&mine, &issuer, &rules, 1_700_000_100);
/// let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let jwt = jwt::decrypt_and_verify(token, &trust, &mut jose_core::os_rng(), &mut buf)?;
/// assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn decrypt_and_verify<'b, D, I, R>(
    token: &str,
    trust: &Trust<'_, D, I>,
    rng: &mut R,
    buf: &'b mut [u8],
) -> Result<Jwt<'b>, Error>
where
    D: DecryptionKeys + ?Sized,
    I: IssuerKeys + ?Sized,
    R: TryCryptoRng + ?Sized,
{
    let rules = trust.rules();
    decrypt(token, trust.decryption_keys(), rules, rng, buf)?.verify(
        trust.issuer_keys(),
        rules,
        trust.now(),
    )
}

/// Verifies and validates a signed JWT that is not encrypted: signed-only
/// access tokens, ID tokens, and Private Key JWT client assertions (RFC 7523),
/// against the issuer's keys, rules and time of `trust` ([`Trust::signed`];
/// a nested trust's decryption keys are not used). The token is copied into
/// `buf` (`token.len()` bytes) and opened there, in place, as the inner
/// token of a nested one is.
///
/// ```
/// use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
/// let issuer = PublicKeySet::new()
///     .with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
/// let rules = jwt::Validation::new().issuer("joe").accept_any_audience();
/// let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
/// let mut buf = vec![0u8; token.len()];
/// let trust = jwt::Trust::signed(&issuer, &rules, 1_300_000_000);
/// let jwt = jwt::verify(token, &trust, &mut buf)?;
/// assert!(jwt.claims().issuer().unwrap() == "joe");
/// // RFC 7515's example expired in 2011:
/// let err = jwt::verify(token, &trust.at(1_300_819_380), &mut buf).unwrap_err();
/// assert_eq!(err.kind(), jose_core::ErrorKind::Expired);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn verify<'b, D, I>(
    token: &str,
    trust: &Trust<'_, D, I>,
    buf: &'b mut [u8],
) -> Result<Jwt<'b>, Error>
where
    D: ?Sized,
    I: IssuerKeys + ?Sized,
{
    let rules = trust.rules();
    let policy = rules.token_policy();
    crate::compact::split::<3>(token, &policy)?;
    let have = buf.len();
    let copy = buf
        .get_mut(..token.len())
        .ok_or_else(|| buffer_error(have, token.len()))?;
    copy.copy_from_slice(token.as_bytes());
    match jws::in_place::open(buf, token.len(), &policy, false) {
        Ok(opened) => Unverified::new(None, opened, buf, policy)?.verify(
            trust.issuer_keys(),
            rules,
            trust.now(),
        ),
        Err(err) => {
            buf.zeroize();
            Err(err)
        }
    }
}

/// A buffer length that always suffices for [`decrypt`] and
/// [`decrypt_and_verify`] on `token` under the default policy: the decoded
/// length of its protected header (decoded at the front) and of its
/// ciphertext part (the plaintext, after it, is never longer), computed
/// without parsing. A token longer than the default policy accepts
/// ([`crate::policy::DEFAULT_MAX_TOKEN_LEN`]) is refused for its size before
/// the buffer is used, so the answer never exceeds what the largest
/// accepted token needs: an attacker's 50 MB token cannot make the caller
/// allocate 37 MB. Under another policy, ask
/// [`Validation::required_buffer_len`].
///
/// ```
/// // {"alg":"x"} is 11 bytes, AAAA 3.
/// assert_eq!(jose_core::jwt::required_buffer_len("eyJhbGciOiJ4In0.b.c.AAAA.e"), 14);
/// // A token over the size limit: the limit's answer, not the token's.
/// let huge = format!("e.b.c.{}.e", "A".repeat(50_000_000));
/// assert_eq!(jose_core::jwt::required_buffer_len(&huge), 196_608);
/// ```
pub fn required_buffer_len(token: &str) -> usize {
    buffer_len_within(token, crate::policy::DEFAULT_MAX_TOKEN_LEN)
}

/// [`required_buffer_len`] for tokens of at most `max_token` bytes.
pub(crate) fn buffer_len_within(token: &str, max_token: usize) -> usize {
    let decoded = |len| crate::base64url::decoded_len(len).unwrap_or(len / 4 * 3);
    if token.len() > max_token {
        // Refused for its size before the buffer is looked at; no accepted
        // token needs more than this.
        return decoded(max_token);
    }
    // A token of fewer parts has no ciphertext to decode (and is refused).
    let ciphertext = token.split('.').nth(3).unwrap_or("");
    header_len(token) + crate::base64url::decoded_len(ciphertext.len()).unwrap_or(0)
}

/// The decoded length of the token's first part (0 if impossible).
fn header_len(token: &str) -> usize {
    let header = token.split('.').next().unwrap_or(token);
    crate::base64url::decoded_len(header.len()).unwrap_or(0)
}

/// `cty` says what the JWE carries: for a nested token `JWT`, which RFC 7515
/// §4.1.10 lets be written `application/jwt`, in any case.
fn check_cty<S: AsRef<[u8]>>(outer: &jwe::Compact<'_, S>, required: bool) -> Result<(), Error> {
    match outer.header().cty() {
        Some(cty) => {
            if media_type_is(&cty, "JWT") {
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

/// The decrypted plaintext (`body[..len]`) must be a signed JWT: it is
/// opened in place, where it lies.
fn open_inner(body: &mut [u8], len: usize, policy: &Policy) -> Result<Opened, Error> {
    let plaintext = body
        .get(..len)
        .ok_or_else(|| Error::new(ErrorKind::Buffer, None, "buffer shorter than the plaintext"))?;
    let not_signed = || {
        Error::malformed(
            Part::Ciphertext,
            "the JWE plaintext is not a signed JWT (compact JWS)",
        )
    };
    let compact = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    if !plaintext.iter().all(compact) {
        return Err(not_signed());
    }
    match plaintext.iter().filter(|b| **b == b'.').count() {
        2 => {}
        4 => {
            return Err(Error::policy(
                Part::Ciphertext,
                "a JWE inside the JWE is not accepted: the inner token must be signed",
            ));
        }
        _ => return Err(not_signed()),
    }
    jws::in_place::open(body, len, policy, true)
}
