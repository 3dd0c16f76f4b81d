//! The bearer token of a request (RFC 6750 section 2.1): one
//! `Authorization` header, the scheme `Bearer` in any case, one or more
//! spaces, then a `b64token`.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

use crate::rejection::Rejection;

/// The bearer token of a request (RFC 6750 §2.1), as the
/// [`crate::Verified`] extractor reads it: exactly one `Authorization`
/// header, the scheme `Bearer` in any case, one or more spaces, one
/// `b64token`. No header, or another scheme, is [`Rejection::Missing`]; a
/// header that is not one well-formed bearer credential (two headers, a tab
/// after the scheme, two tokens, bytes outside the alphabet) is
/// [`Rejection::InvalidRequest`]. Nothing is decoded or verified here.
///
/// ```
/// use axum::http::{HeaderMap, HeaderValue, header::AUTHORIZATION};
/// let mut headers = HeaderMap::new();
/// headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
/// assert_eq!(jose_axum::bearer_token(&headers).unwrap(), "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
/// headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer\tabc"));
/// assert!(matches!(jose_axum::bearer_token(&headers), Err(jose_axum::Rejection::InvalidRequest { .. })));
/// ```
pub fn bearer_token(headers: &HeaderMap) -> Result<&str, Rejection> {
    match access_token(headers)? {
        (Scheme::Bearer, token) => Ok(token),
        (Scheme::Dpop, _) => Err(Rejection::Missing),
    }
}

/// How the access token was presented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// `Authorization: Bearer` (RFC 6750).
    Bearer,
    /// `Authorization: DPoP`, with a `DPoP` proof header (RFC 9449).
    Dpop,
}

/// The access token of a request and its scheme, `Bearer` or `DPoP` (both
/// `token68`-shaped, RFC 9449 §7.1), read as [`bearer_token`] reads one.
pub(crate) fn access_token(headers: &HeaderMap) -> Result<(Scheme, &str), Rejection> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Err(Rejection::Missing);
    };
    if values.next().is_some() {
        return Err(Rejection::InvalidRequest {
            reason: "more than one Authorization header",
        });
    }
    let value = value.to_str().map_err(|_| Rejection::InvalidRequest {
        reason: "the Authorization header is not visible ASCII",
    })?;
    // The scheme is a token (RFC 9110 11.1): it ends where a byte that
    // cannot be in one begins. "Bearer<TAB>x" is the Bearer scheme written
    // wrongly (a malformed header), not another scheme.
    let scheme_len = value
        .bytes()
        .position(|b| !is_tchar(b))
        .unwrap_or(value.len());
    let (scheme, rest) = value.split_at(scheme_len);
    let scheme = if scheme.eq_ignore_ascii_case("bearer") {
        Scheme::Bearer
    } else if scheme.eq_ignore_ascii_case("dpop") {
        Scheme::Dpop
    } else {
        // Another scheme (Basic, ...) carries no access token.
        return Err(Rejection::Missing);
    };
    // 1*SP, then the credential.
    let token = rest.trim_start_matches(' ');
    if token.len() == rest.len() && !rest.is_empty() {
        return Err(Rejection::InvalidRequest {
            reason: "the scheme is not followed by a space",
        });
    }
    if !is_b64token(token) {
        return Err(Rejection::InvalidRequest {
            reason: "the credential is not one b64token",
        });
    }
    Ok((scheme, token))
}

/// A `tchar` of RFC 9110 5.6.2 (what a scheme name is made of).
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
fn is_b64token(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn of(values: &[&[u8]]) -> Result<&'static str, String> {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(AUTHORIZATION, HeaderValue::from_bytes(v).unwrap());
        }
        let headers = Box::leak(Box::new(headers));
        bearer_token(headers).map_err(|r| format!("{r:?}"))
    }

    #[test]
    fn one_bearer_credential_is_read_and_anything_else_refused() {
        assert_eq!(of(&[b"Bearer abc.def.ghi"]), Ok("abc.def.ghi"));
        assert_eq!(of(&[b"bearer  a-b_c~d+e/f=="]), Ok("a-b_c~d+e/f=="));
        assert_eq!(of(&[b"BEARER x"]), Ok("x"));
        assert_eq!(of(&[]), Err("Missing".into()));
        assert_eq!(of(&[b"Basic dXNlcjpwYXNz"]), Err("Missing".into()));
        assert_eq!(of(&[b"Bearerx abc"]), Err("Missing".into()));
        assert_eq!(of(&[b"Bearer-x abc"]), Err("Missing".into()));
        // A DPoP-scheme token is not a bearer token.
        assert_eq!(of(&[b"DPoP abc.def.ghi"]), Err("Missing".into()));
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static("dpop  abc.def.ghi"));
        assert_eq!(
            access_token(&headers).unwrap(),
            (Scheme::Dpop, "abc.def.ghi")
        );
        headers.insert(AUTHORIZATION, HeaderValue::from_static("DPoP\tabc"));
        assert!(matches!(
            access_token(&headers),
            Err(Rejection::InvalidRequest { .. })
        ));
        for bad in [
            &b"Bearer"[..],
            b"Bearer ",
            b"Bearer\tabc.def.ghi",
            b"bearer\tx",
            b"Bearer\t abc",
            b"Bearer,abc",
            b"Bearer\"abc\"",
            b"Bearer a b",
            b"Bearer a\tb",
            b"Bearer ===",
            b"Bearer a=b",
            b"Bearer \"abc\"",
            b"Bearer abc\xff",
        ] {
            assert!(
                of(&[bad]).unwrap_err().starts_with("InvalidRequest"),
                "{bad:?}"
            );
        }
        assert!(
            of(&[b"Bearer a", b"Bearer b"])
                .unwrap_err()
                .starts_with("InvalidRequest")
        );
    }
}
