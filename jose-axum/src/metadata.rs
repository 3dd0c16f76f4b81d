//! OAuth 2.0 Protected Resource Metadata (RFC 9728): the document that
//! tells a client which authorization servers issue tokens for this
//! resource and how to present them, and where it is served, which the
//! layer's 401 answers point to (`resource_metadata`, §5.1).

use std::fmt;

use serde_json::{Map, Value};

/// The longest resource identifier or URL accepted (they are sent in every
/// 401 answer).
pub const MAX_URL_LEN: usize = 2048;

/// A protected resource's metadata (RFC 9728 §2), built from configuration
/// and served by the [`AuthLayer`](crate::AuthLayer) at its well-known URL.
///
/// ```
/// use jose_axum::ResourceMetadata;
/// let metadata = ResourceMetadata::new("https://api.example.com/v1")?
///     .authorization_server("https://tenant.example.auth0.com/")?
///     .scopes_supported(["read:messages", "write:messages"]);
/// assert_eq!(metadata.url(), "https://api.example.com/.well-known/oauth-protected-resource/v1");
/// assert_eq!(metadata.path(), "/.well-known/oauth-protected-resource/v1");
/// # Ok::<(), jose_axum::MetadataError>(())
/// ```
#[derive(Clone)]
pub struct ResourceMetadata {
    resource: String,
    url: String,
    path_start: usize,
    authorization_servers: Vec<String>,
    scopes_supported: Vec<String>,
    resource_name: Option<String>,
    resource_documentation: Option<String>,
}

/// A resource identifier or URL the metadata cannot carry.
///
/// ```
/// assert!(jose_axum::ResourceMetadata::new("http://api.example.com").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataError {
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for MetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid resource metadata: {}", self.reason)
    }
}

impl std::error::Error for MetadataError {}

const WELL_KNOWN: &str = "/.well-known/oauth-protected-resource";

impl ResourceMetadata {
    /// The metadata of the resource identified by `resource`: an `https`
    /// URL with no query or fragment (RFC 9728 §1.2); `http` only for a
    /// loopback host (127.0.0.1, `[::1]`, `localhost`), for tests. Its
    /// well-known URL puts `/.well-known/oauth-protected-resource` between
    /// the host and the path (§3.1).
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?;
    /// assert_eq!(m.url(), "https://api.example.com/.well-known/oauth-protected-resource");
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn new(resource: &str) -> Result<Self, MetadataError> {
        let (scheme, host, path) = check_url(resource)?;
        let path = path.trim_end_matches('/');
        let origin = format!("{scheme}://{host}");
        let url = format!("{origin}{WELL_KNOWN}{path}");
        Ok(ResourceMetadata {
            resource: resource.to_owned(),
            path_start: origin.len(),
            url,
            authorization_servers: Vec::new(),
            scopes_supported: Vec::new(),
            resource_name: None,
            resource_documentation: None,
        })
    }

    /// Adds an authorization server (its issuer identifier) whose tokens
    /// this resource takes.
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?
    ///     .authorization_server("https://tenant.example.auth0.com/")?;
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn authorization_server(mut self, issuer: &str) -> Result<Self, MetadataError> {
        check_url(issuer)?;
        self.authorization_servers.push(issuer.to_owned());
        Ok(self)
    }

    /// The scopes clients may ask for to reach this resource.
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?.scopes_supported(["read"]);
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn scopes_supported<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes_supported
            .extend(scopes.into_iter().map(Into::into));
        self
    }

    /// A name for people (`resource_name`).
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?.resource_name("Messages API");
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn resource_name(mut self, name: &str) -> Self {
        self.resource_name = Some(name.to_owned());
        self
    }

    /// Where developers read about the resource (`resource_documentation`).
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?
    ///     .resource_documentation("https://docs.example.com/api")?;
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn resource_documentation(mut self, url: &str) -> Result<Self, MetadataError> {
        check_url(url)?;
        self.resource_documentation = Some(url.to_owned());
        Ok(self)
    }

    /// The resource identifier.
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?;
    /// assert_eq!(m.resource(), "https://api.example.com");
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// Where the document is served: the `resource_metadata` of the 401
    /// answers.
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com/a/b/")?;
    /// assert_eq!(m.url(), "https://api.example.com/.well-known/oauth-protected-resource/a/b");
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The path of [`ResourceMetadata::url`]: the request path the layer
    /// answers with the document.
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?;
    /// assert_eq!(m.path(), "/.well-known/oauth-protected-resource");
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn path(&self) -> &str {
        self.url.get(self.path_start..).unwrap_or(WELL_KNOWN)
    }

    /// The document (RFC 9728 §2): `resource`, `authorization_servers`,
    /// `bearer_methods_supported` (`header`: the only way this crate reads
    /// a token) and whatever else was configured.
    ///
    /// ```
    /// let m = jose_axum::ResourceMetadata::new("https://api.example.com")?;
    /// assert_eq!(m.document()["bearer_methods_supported"][0], "header");
    /// # Ok::<(), jose_axum::MetadataError>(())
    /// ```
    pub fn document(&self) -> Value {
        let mut doc = Map::new();
        doc.insert("resource".into(), self.resource.clone().into());
        if !self.authorization_servers.is_empty() {
            doc.insert(
                "authorization_servers".into(),
                self.authorization_servers.clone().into(),
            );
        }
        doc.insert("bearer_methods_supported".into(), vec!["header"].into());
        if !self.scopes_supported.is_empty() {
            doc.insert(
                "scopes_supported".into(),
                self.scopes_supported.clone().into(),
            );
        }
        if let Some(name) = &self.resource_name {
            doc.insert("resource_name".into(), name.clone().into());
        }
        if let Some(url) = &self.resource_documentation {
            doc.insert("resource_documentation".into(), url.clone().into());
        }
        Value::Object(doc)
    }
}

impl fmt::Debug for ResourceMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResourceMetadata")
            .field("resource", &self.resource)
            .field("url", &self.url)
            .field("authorization_servers", &self.authorization_servers)
            .finish_non_exhaustive()
    }
}

/// An absolute `https` URL (`http` only for a loopback host) of visible
/// ASCII with a host, no query or fragment, no `"` or `\` (it goes inside a
/// quoted header parameter): its scheme, host (with any port) and path.
fn check_url(url: &str) -> Result<(&str, &str, &str), MetadataError> {
    let invalid = |reason| Err(MetadataError { reason });
    if url.len() > MAX_URL_LEN {
        return invalid("a URL longer than MAX_URL_LEN");
    }
    if !url
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
    {
        return invalid("a URL with a byte that is not visible ASCII, or a quote or backslash");
    }
    if url.contains(['?', '#']) {
        return invalid("a URL with a query or a fragment");
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return invalid("not an absolute URL");
    };
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if host.is_empty() || host.contains('@') {
        return invalid("a URL with no host, or with user information");
    }
    match scheme {
        "https" => {}
        "http" if is_loopback(host) => {}
        _ => return invalid("a URL that is not https (http only for a loopback host)"),
    }
    Ok((scheme, host, path))
}

/// 127.0.0.1, `[::1]` or `localhost`, with or without a port.
fn is_loopback(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "127.0.0.1" | "[::1]" | "localhost")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_that_cannot_be_named_in_a_challenge_are_refused() {
        let long = format!("https://api.example.com/{}", "a".repeat(MAX_URL_LEN));
        for bad in [
            "http://api.example.com",
            "http://127.0.0.1.evil.example",
            "http://localhost:80x",
            "ftp://api.example.com",
            "api.example.com",
            "https://",
            "https:///path",
            "https://user@api.example.com",
            "https://api.example.com/?q=1",
            "https://api.example.com/#f",
            "https://api.example.com/\"",
            "https://api.example.com/\\",
            "https://api.example.com/a b",
            "https://api.example.com/\u{e9}",
            long.as_str(),
        ] {
            assert!(ResourceMetadata::new(bad).is_err(), "{bad}");
            let base = ResourceMetadata::new("https://api.example.com").unwrap();
            assert!(base.authorization_server(bad).is_err(), "{bad}");
        }
        for good in [
            "http://127.0.0.1:8080/api",
            "http://localhost",
            "http://[::1]:3000",
            "https://api.example.com:8443/v1",
        ] {
            assert!(ResourceMetadata::new(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn the_well_known_url_keeps_the_port_and_the_path() {
        let m = ResourceMetadata::new("http://127.0.0.1:8080/tenant/api/").unwrap();
        assert_eq!(
            m.url(),
            "http://127.0.0.1:8080/.well-known/oauth-protected-resource/tenant/api"
        );
        assert_eq!(m.path(), "/.well-known/oauth-protected-resource/tenant/api");
    }
}
