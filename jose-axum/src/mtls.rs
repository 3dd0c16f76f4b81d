//! Certificate-bound access tokens (RFC 8705 §3): a token whose
//! `cnf.x5t#S256` names a client certificate is taken only from a request
//! made with that certificate. The certificate comes from the TLS
//! connection (the server's acceptor puts a [`ClientCertificate`] in the
//! request's extensions) or from a header a TLS terminator in front sets,
//! named explicitly by the operator.

use std::fmt;
use std::sync::Arc;

use axum::http::header::HeaderName;
use axum::http::request::Parts;
use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256};

use crate::rejection::Rejection;

/// The longest certificate header read (a PEM certificate, URL-encoded).
pub const MAX_CERTIFICATE_HEADER_LEN: usize = 16 * 1024;

/// The client certificate a request was made with, DER-encoded: what a
/// server's TLS acceptor puts in each request's extensions (for example
/// `rustls::ServerConnection::peer_certificates()`'s first entry, with
/// `axum::Extension` per connection). Only the end-entity certificate:
/// the chain was the TLS layer's to check.
///
/// ```
/// let certificate = jose_axum::ClientCertificate::new(vec![0x30, 0x03, 0x02, 0x01, 0x01]);
/// assert_eq!(certificate.der().len(), 5);
/// ```
#[derive(Clone)]
pub struct ClientCertificate(Arc<[u8]>);

impl ClientCertificate {
    /// The certificate `der` (as the TLS layer received it).
    ///
    /// ```
    /// let certificate = jose_axum::ClientCertificate::new(vec![0x30, 0x00]);
    /// ```
    pub fn new(der: impl Into<Arc<[u8]>>) -> Self {
        ClientCertificate(der.into())
    }

    /// The DER bytes.
    ///
    /// ```
    /// let certificate = jose_axum::ClientCertificate::new(vec![0x30, 0x00]);
    /// assert_eq!(certificate.der(), [0x30, 0x00]);
    /// ```
    pub fn der(&self) -> &[u8] {
        &self.0
    }

    /// The certificate in a TLS terminator's header value: URL-encoded PEM
    /// (nginx `$ssl_client_escaped_cert`, AWS ALB), one `CERTIFICATE`
    /// block, at most [`MAX_CERTIFICATE_HEADER_LEN`] bytes. Only the
    /// encoding is checked: the chain was the terminator's to verify.
    ///
    /// ```
    /// let value = b"-----BEGIN%20CERTIFICATE-----%0AMAA%3D%0A-----END%20CERTIFICATE-----%0A";
    /// let certificate = jose_axum::ClientCertificate::from_url_encoded_pem(value).unwrap();
    /// assert_eq!(certificate.der(), [0x30, 0x00]);
    /// ```
    pub fn from_url_encoded_pem(value: &[u8]) -> Option<Self> {
        certificate_from_header(value)
    }

    /// Its RFC 8705 thumbprint: base64url of the SHA-256 of the DER.
    ///
    /// ```
    /// let certificate = jose_axum::ClientCertificate::new(vec![0x30, 0x00]);
    /// assert_eq!(certificate.thumbprint().len(), 43);
    /// ```
    pub fn thumbprint(&self) -> String {
        Base64UrlUnpadded::encode_string(&Sha256::digest(&self.0))
    }
}

impl fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ClientCertificate")
            .field(&self.thumbprint())
            .finish()
    }
}

/// Where the client certificate of a request comes from.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum CertificateSource {
    /// The TLS connection this server terminated: a [`ClientCertificate`]
    /// in the request's extensions.
    Connection,
    /// A header set by the TLS terminator in front of this server, holding
    /// the certificate as URL-encoded PEM (nginx `$ssl_client_escaped_cert`,
    /// AWS ALB `X-Amzn-Mtls-Clientcert`). **Only** when every request
    /// reaches this server through that terminator, and it overwrites the
    /// header a client could send: otherwise any client names any
    /// certificate.
    UrlEncodedPemHeader(HeaderName),
}

/// Checks certificate-bound tokens: give it to
/// [`crate::Authenticator::with_certificate_binding`].
///
/// ```
/// use jose_axum::{CertificateBinding, CertificateSource};
/// let binding = CertificateBinding::new(CertificateSource::Connection);
/// let behind_nginx = CertificateBinding::new(CertificateSource::UrlEncodedPemHeader(
///     axum::http::HeaderName::from_static("x-client-cert"),
/// ));
/// ```
#[derive(Clone, Debug)]
pub struct CertificateBinding {
    source: CertificateSource,
    required: bool,
}

impl CertificateBinding {
    /// Binding checked against the certificate `source` gives.
    ///
    /// ```
    /// let binding = jose_axum::CertificateBinding::new(jose_axum::CertificateSource::Connection);
    /// ```
    pub fn new(source: CertificateSource) -> Self {
        CertificateBinding {
            source,
            required: false,
        }
    }

    /// Refuse tokens that are not certificate-bound.
    ///
    /// ```
    /// let binding = jose_axum::CertificateBinding::new(jose_axum::CertificateSource::Connection).required();
    /// ```
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub(crate) fn is_required(&self) -> bool {
        self.required
    }

    /// Whether the request's certificate is the one `x5t` names.
    pub(crate) fn check(&self, parts: &Parts, x5t: &str) -> Result<(), Rejection> {
        let refuse = |reason| Err(Rejection::SenderConstrained { reason });
        let certificate = match &self.source {
            CertificateSource::Connection => parts.extensions.get::<ClientCertificate>().cloned(),
            CertificateSource::UrlEncodedPemHeader(name) => {
                let mut values = parts.headers.get_all(name).iter();
                match (values.next(), values.next()) {
                    (None, _) => None,
                    (Some(value), None) => match certificate_from_header(value.as_bytes()) {
                        Some(certificate) => Some(certificate),
                        None => {
                            return refuse(
                                "the certificate header is not one URL-encoded PEM certificate",
                            );
                        }
                    },
                    (Some(_), Some(_)) => return refuse("more than one certificate header"),
                }
            }
        };
        match certificate {
            None => refuse("a certificate-bound token (cnf.x5t#S256) without a client certificate"),
            Some(certificate) if certificate.thumbprint() == x5t => Ok(()),
            Some(_) => refuse("the client certificate is not the one the token is bound to"),
        }
    }
}

/// A URL-encoded PEM certificate: percent-decoded, one `CERTIFICATE` block,
/// its base64 decoded.
fn certificate_from_header(value: &[u8]) -> Option<ClientCertificate> {
    if value.len() > MAX_CERTIFICATE_HEADER_LEN {
        return None;
    }
    let mut pem = Vec::with_capacity(value.len());
    let mut bytes = value.iter();
    while let Some(&b) = bytes.next() {
        if b == b'%' {
            let hi = hex(*bytes.next()?)?;
            let lo = hex(*bytes.next()?)?;
            pem.push(hi << 4 | lo);
        } else {
            pem.push(b);
        }
    }
    let pem = std::str::from_utf8(&pem).ok()?;
    let body = pem
        .trim()
        .strip_prefix("-----BEGIN CERTIFICATE-----")?
        .strip_suffix("-----END CERTIFICATE-----")?;
    let base64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = Base64::decode_vec(&base64).ok()?;
    // A DER SEQUENCE, at least: the TLS terminator checked the rest.
    (der.first() == Some(&0x30)).then(|| ClientCertificate::new(der))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_one_url_encoded_pem_certificate_or_nothing() {
        let pem = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        let encoded: String = pem
            .bytes()
            .map(|b| match b {
                b'\n' => "%0A".to_owned(),
                b' ' => "%20".to_owned(),
                b'=' => "%3D".to_owned(),
                _ => (b as char).to_string(),
            })
            .collect();
        assert_eq!(
            certificate_from_header(encoded.as_bytes()).unwrap().der(),
            [0x30, 0x00]
        );
        for bad in [
            "%",
            "%0",
            "%zz",
            "-----BEGIN CERTIFICATE-----%0AMAA%3D",
            "-----BEGIN PRIVATE KEY-----%0AMAA%3D%0A-----END PRIVATE KEY-----",
            "-----BEGIN CERTIFICATE-----%0A!!!!%0A-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----%0AAQA%3D%0A-----END CERTIFICATE-----",
        ] {
            assert!(certificate_from_header(bad.as_bytes()).is_none(), "{bad}");
        }
        let long = "a".repeat(MAX_CERTIFICATE_HEADER_LEN + 1);
        assert!(certificate_from_header(long.as_bytes()).is_none());
    }
}
