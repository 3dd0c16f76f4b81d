//! The first stage of both compact serializations: the token's size, its
//! serialization, and its dot-separated parts (RFC 7515 §7.1, RFC 7516 §7.1).
//! Nothing is decoded here.

use crate::error::{Detail, Error, Part};
use crate::policy::Policy;

/// A compact token is base64url and dots only. What most often surrounds it
/// by mistake gets its own message: an HTTP authorization scheme, and
/// whitespace or control bytes at either end (a trailing newline from a file
/// or a shell, a C string's NUL).
fn check_framing(token: &str) -> Result<(), Error> {
    let scheme = token
        .get(..7)
        .is_some_and(|start| start.eq_ignore_ascii_case("bearer "));
    if scheme
        || token
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("dpop "))
    {
        return Err(Error::malformed(
            Part::Token,
            "starts with an authorization scheme (\"Bearer \"): pass the token alone",
        ));
    }
    let stray = |b: &u8| b.is_ascii_whitespace() || b.is_ascii_control();
    if token.as_bytes().first().is_some_and(stray) || token.as_bytes().last().is_some_and(stray) {
        return Err(Error::malformed(
            Part::Token,
            "whitespace or a control character at the start or end: trim the token",
        ));
    }
    if let Some(at) = token.bytes().position(|b| stray(&b) || b == b' ') {
        return Err(Error::malformed(
            Part::Token,
            "whitespace or a control character inside the token",
        )
        .with(Detail::At(at)));
    }
    Ok(())
}

/// A token longer than `policy` accepts is `too_large`, before any byte of
/// it is read: the first check of every layer (and of the receiver, before
/// it sizes a buffer).
pub(crate) fn check_len(token: &str, policy: &Policy) -> Result<(), Error> {
    if token.len() > policy.max_token() {
        return Err(Error::too_large(
            Part::Token,
            token.len(),
            policy.max_token(),
        ));
    }
    Ok(())
}

/// Splits `token` into exactly `N` parts (3 for a JWS, 5 for a JWE), after
/// checking its size against `policy`. A JSON serialization is `unsupported`;
/// a wrong part count is `malformed`, and says so when the token is the other
/// compact kind.
pub(crate) fn split<'t, const N: usize>(
    token: &'t str,
    policy: &Policy,
) -> Result<[&'t str; N], Error> {
    check_len(token, policy)?;
    if token.trim_start().starts_with('{') {
        return Err(Error::unsupported(
            Part::Token,
            "JSON serialization is not supported, only the compact one",
        ));
    }
    check_framing(token)?;
    // One pass: `split` searches for the dots with memchr; past the N-th part
    // the rest is only counted, and only to say how many there were.
    let mut pieces = token.split('.');
    let mut parts = [""; N];
    let mut found = 0;
    for slot in parts.iter_mut() {
        match pieces.next() {
            Some(part) => {
                *slot = part;
                found += 1;
            }
            None => break,
        }
    }
    if found == N {
        match pieces.next() {
            None => return Ok(parts),
            Some(_) => found += 1 + pieces.count(),
        }
    }
    let reason = match (N, found) {
        (5, 3) => "three parts: this is a compact JWS (signed, not encrypted), not a JWE",
        (3, 5) => "five parts: this is a compact JWE, not a JWS",
        (5, _) => "a compact JWE has five dot-separated parts",
        _ => "a compact JWS has three dot-separated parts",
    };
    Err(Error::malformed(Part::Token, reason).with(Detail::Count { found, expected: N }))
}
