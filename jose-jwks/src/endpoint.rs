//! Which URLs keys may be fetched from: `https`, or plain `http` to a
//! loopback address (a test server, a local sidecar). Redirects are held to
//! the same rule and may not leave `https`.

use std::net::IpAddr;

use reqwest::Url;

use crate::error::JwksError;

/// Parses `url` and checks it may be fetched from.
pub(crate) fn parse(url: &str) -> Result<Url, JwksError> {
    let url = Url::parse(url).map_err(|_| JwksError::Url {
        reason: "not an absolute URL",
    })?;
    check(&url)?;
    Ok(url)
}

/// `https` with a host, or `http` to an IP loopback address (a name such as
/// `localhost` is not trusted to resolve to one).
pub(crate) fn check(url: &Url) -> Result<(), JwksError> {
    if url.host_str().is_none_or(str::is_empty) {
        return Err(JwksError::Url { reason: "no host" });
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(JwksError::Url {
            reason: "plain http is allowed to a loopback address only",
        }),
        _ => Err(JwksError::Url {
            reason: "the scheme must be https",
        }),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        _ => false,
    }
}

/// Whether a redirect from `from` to `to` may be followed: `to` passes
/// [`check`], and an `https` origin is never left for plain `http`.
pub(crate) fn redirect_allowed(from: &Url, to: &Url) -> bool {
    check(to).is_ok() && !(from.scheme() == "https" && to.scheme() != "https")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_to_loopback_addresses_only() {
        for ok in [
            "https://tenant.example.auth0.com/.well-known/jwks.json",
            "http://127.0.0.1:8080/jwks",
            "http://127.9.9.9/jwks",
            "http://[::1]:9000/jwks",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://tenant.example.auth0.com/jwks",
            "http://localhost:8080/jwks",
            "http://10.0.0.1/jwks",
            "http://[::ffff:127.0.0.1]/jwks",
            "ftp://127.0.0.1/jwks",
            "file:///etc/jwks.json",
            "/relative/jwks.json",
            "data:application/json,{}",
        ] {
            assert!(
                matches!(parse(refused), Err(JwksError::Url { .. })),
                "{refused}"
            );
        }
    }

    #[test]
    fn a_redirect_never_leaves_https() {
        let url = |s| Url::parse(s).unwrap();
        assert!(redirect_allowed(
            &url("https://a.example/j"),
            &url("https://b.example/j")
        ));
        assert!(redirect_allowed(
            &url("http://127.0.0.1/j"),
            &url("http://127.0.0.1:81/j")
        ));
        assert!(!redirect_allowed(
            &url("https://a.example/j"),
            &url("http://127.0.0.1/j")
        ));
        assert!(!redirect_allowed(
            &url("http://127.0.0.1/j"),
            &url("http://a.example/j")
        ));
    }
}
