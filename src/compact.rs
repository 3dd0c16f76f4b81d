//! The first stage of both compact serializations: the token's size, its
//! serialization, and its dot-separated parts (RFC 7515 §7.1, RFC 7516 §7.1).
//! Nothing is decoded here.

use crate::error::{Detail, Error, Part};
use crate::policy::Policy;

/// Splits `token` into exactly `N` parts (3 for a JWS, 5 for a JWE), after
/// checking its size against `policy`. A JSON serialization is `unsupported`;
/// a wrong part count is `malformed`, and says so when the token is the other
/// compact kind.
pub(crate) fn split<'t, const N: usize>(
    token: &'t str,
    policy: &Policy,
) -> Result<[&'t str; N], Error> {
    if token.len() > policy.max_token() {
        return Err(Error::too_large(
            Part::Token,
            token.len(),
            policy.max_token(),
        ));
    }
    if token.trim_start().starts_with('{') {
        return Err(Error::unsupported(
            Part::Token,
            "JSON serialization is not supported, only the compact one",
        ));
    }
    let found = token.bytes().filter(|b| *b == b'.').count() + 1;
    let mut parts = [""; N];
    if found == N {
        for (slot, part) in parts.iter_mut().zip(token.split('.')) {
            *slot = part;
        }
        return Ok(parts);
    }
    let reason = match (N, found) {
        (5, 3) => "three parts: this is a compact JWS (signed, not encrypted), not a JWE",
        (3, 5) => "five parts: this is a compact JWE, not a JWS",
        (5, _) => "a compact JWE has five dot-separated parts",
        _ => "a compact JWS has three dot-separated parts",
    };
    Err(Error::malformed(Part::Token, reason).with(Detail::Count { found, expected: N }))
}
