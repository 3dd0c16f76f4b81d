//! One bounded HTTP GET: status 200, at most `max_bytes`, within the
//! timeout, redirects only as `endpoint` allows; and the `max-age` the
//! response asked for.

use std::time::Duration;

use reqwest::header::{ACCEPT, CACHE_CONTROL, HeaderMap};
use reqwest::{Client, StatusCode, Url, redirect};

use crate::endpoint;
use crate::error::JwksError;
use crate::options::RemoteOptions;

/// A body and how long the server said it may be kept.
pub(crate) struct Fetched {
    pub(crate) body: Vec<u8>,
    pub(crate) max_age: Option<u64>,
}

/// The client every fetch of one remote set goes through.
pub(crate) fn client(options: &RemoteOptions) -> Result<Client, JwksError> {
    let max_redirects = options.max_redirects;
    let policy = redirect::Policy::custom(move |attempt| {
        let allowed = attempt.previous().len() <= max_redirects
            && attempt
                .previous()
                .last()
                .is_some_and(|from| endpoint::redirect_allowed(from, attempt.url()));
        if allowed {
            attempt.follow()
        } else {
            attempt.error("redirect refused (too many, or away from https)")
        }
    });
    Client::builder()
        .timeout(options.timeout)
        .redirect(policy)
        .no_proxy()
        .build()
        .map_err(|e| transport(e, options))
}

/// GETs `url` within `options`' bounds.
pub(crate) async fn get(
    client: &Client,
    url: &Url,
    accept: &'static str,
    options: &RemoteOptions,
) -> Result<Fetched, JwksError> {
    // The client's timeout covers the body too; this one also bounds
    // anything the client does not count.
    let timeout = JwksError::Timeout {
        after: options.timeout,
    };
    tokio::time::timeout(options.timeout, exchange(client, url, accept, options))
        .await
        .unwrap_or(Err(timeout))
}

async fn exchange(
    client: &Client,
    url: &Url,
    accept: &'static str,
    options: &RemoteOptions,
) -> Result<Fetched, JwksError> {
    let max_bytes = options.max_bytes;
    let transport = |e: reqwest::Error| transport(e, options);
    let mut response = client
        .get(url.clone())
        .header(ACCEPT, accept)
        .send()
        .await
        .map_err(transport)?;
    if response.status() != StatusCode::OK {
        return Err(JwksError::Status {
            status: response.status().as_u16(),
        });
    }
    let too_large = JwksError::TooLarge { limit: max_bytes };
    if response
        .content_length()
        .is_some_and(|len| len > max_bytes as u64)
    {
        return Err(too_large);
    }
    let max_age = max_age(response.headers());
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(transport)? {
        if chunk.len() > max_bytes.saturating_sub(body.len()) {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Fetched { body, max_age })
}

/// The client's error: its own timeout is the caller's timeout.
fn transport(e: reqwest::Error, options: &RemoteOptions) -> JwksError {
    if e.is_timeout() {
        return JwksError::Timeout {
            after: options.timeout,
        };
    }
    JwksError::Transport {
        message: with_causes(&e),
    }
}

/// The longest transport message kept (a log line, not a document).
const MAX_MESSAGE: usize = 512;

/// An error and its causes, `outer: inner: innermost`: reqwest's own text
/// ("error sending request for url ...") says nothing of why; the cause
/// (connection refused, a certificate not trusted, a DNS failure) is in its
/// sources. A cause whose text the one above already contains is skipped.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = inner.source();
    }
    if message.len() > MAX_MESSAGE {
        let mut end = MAX_MESSAGE;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push_str("...");
    }
    message
}

/// The `max-age` of the first `Cache-Control` header that names one, in
/// seconds; `no-cache` and `no-store` count as `max-age=0` (the caller's
/// minimum age still applies).
fn max_age(headers: &HeaderMap) -> Option<u64> {
    headers
        .get_all(CACHE_CONTROL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|directive| {
            let directive = directive.trim();
            let (name, value) = directive.split_once('=').unwrap_or((directive, ""));
            let name = name.trim();
            if name.eq_ignore_ascii_case("no-cache") || name.eq_ignore_ascii_case("no-store") {
                Some(0)
            } else if name.eq_ignore_ascii_case("max-age") {
                value.trim().trim_matches('"').parse::<u64>().ok()
            } else {
                None
            }
        })
}

/// How long a fetch may take at most, for a caller that waits on one.
pub(crate) fn bound(options: &RemoteOptions) -> Duration {
    options
        .timeout
        .saturating_mul(2)
        .saturating_add(Duration::from_secs(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn of(values: &[&str]) -> Option<u64> {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(CACHE_CONTROL, HeaderValue::from_str(v).unwrap());
        }
        max_age(&headers)
    }

    #[test]
    fn max_age_is_read_from_cache_control() {
        assert_eq!(
            of(&["public, max-age=15, stale-while-revalidate=15"]),
            Some(15)
        );
        assert_eq!(of(&["Max-Age = 300"]), Some(300));
        assert_eq!(of(&["max-age=\"60\""]), Some(60));
        assert_eq!(of(&["public", "max-age=7"]), Some(7));
        assert_eq!(of(&["no-cache"]), Some(0));
        assert_eq!(of(&["no-store, max-age=600"]), Some(0));
        assert_eq!(of(&["public"]), None);
        assert_eq!(of(&["max-age=-1"]), None);
        assert_eq!(of(&["max-age=99999999999999999999999"]), None);
        assert_eq!(of(&[]), None);
    }

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);
    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn a_transport_message_keeps_every_cause_once_and_is_bounded() {
        let chain = Layer(
            "error sending request",
            Some(Box::new(Layer(
                "client error (Connect)",
                Some(Box::new(Layer("Connection refused (os error 111)", None))),
            ))),
        );
        assert_eq!(
            with_causes(&chain),
            "error sending request: client error (Connect): Connection refused (os error 111)"
        );
        let repeated = Layer(
            "tls: bad certificate",
            Some(Box::new(Layer("bad certificate", None))),
        );
        assert_eq!(with_causes(&repeated), "tls: bad certificate");
        let long: &'static str = Box::leak("é".repeat(400).into_boxed_str());
        let message = with_causes(&Layer(long, None));
        assert!(message.len() <= MAX_MESSAGE + 3 && message.ends_with("..."));
    }

    #[test]
    fn the_wait_for_a_fetch_is_bounded_without_overflow() {
        let options = |t| RemoteOptions::default().timeout(t);
        assert_eq!(
            bound(&options(Duration::from_secs(5))),
            Duration::from_secs(11)
        );
        assert_eq!(bound(&options(Duration::MAX)), Duration::MAX);
    }
}
