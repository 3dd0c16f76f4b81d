//! Certificate-bound tokens (RFC 8705) over real TLS on 127.0.0.1: a
//! rustls server that asks for client certificates (signed by a test CA,
//! `vectors/mtls/make_certs.sh`) and puts the one presented in each
//! request's extensions; a client presenting one or the other. The bound
//! thumbprint is OpenSSL's fingerprint of the certificate, not ours.

#[path = "../../jose-jwks/tests/support/mod.rs"]
mod support;

use std::sync::Arc;

use axum::routing::get;
use axum::{Extension, Router};
use base64ct::{Base64UrlUnpadded, Encoding};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use jose_axum::{
    AuthLayer, Authenticator, CertificateBinding, CertificateSource, ClientCertificate,
};
use jose_core::Receiver;
use jose_core::jwt::Validation;
use jose_core::keys::PublicKeySet;
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{AUDIENCE, ISSUER, now, signed, vector};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

fn file(name: &str) -> String {
    let path = format!("{}/../vectors/mtls/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// OpenSSL's SHA-256 fingerprint of `client`'s certificate, as RFC 8705's
/// `x5t#S256` (base64url).
fn x5t(client: &str) -> String {
    let fingerprints: Value = serde_json::from_str(&file("fingerprints.json")).unwrap();
    let hex = fingerprints[client].as_str().unwrap();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    Base64UrlUnpadded::encode_string(&bytes)
}

fn token(cnf: Option<Value>) -> String {
    let at = now();
    let mut claims =
        json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "mtls-client", "iat": at, "exp": at + 600});
    if let Some(cnf) = cnf {
        claims["cnf"] = cnf;
    }
    signed("issuer-2024", &claims.to_string())
}

fn authenticator(binding: Option<CertificateBinding>) -> Arc<Authenticator> {
    let receiver = Receiver::builder()
        .issuer_keys(PublicKeySet::from_jwks(&vector("issuer.jwks.json")).unwrap())
        .rules(Validation::new().issuer(ISSUER).audience(AUDIENCE))
        .build()
        .unwrap();
    let mut auth = Authenticator::new(receiver);
    if let Some(binding) = binding {
        auth = auth.with_certificate_binding(binding);
    }
    Arc::new(auth)
}

fn app(auth: &Arc<Authenticator>) -> Router {
    Router::new()
        .route("/resource", get(|| async { "ok" }))
        .layer(AuthLayer::new(Arc::clone(auth)))
}

/// A TLS server on 127.0.0.1 that requires a client certificate from the
/// test CA and hands it to the app; its URL.
async fn tls_server(auth: &Arc<Authenticator>) -> String {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(file("ca.cert.pem").as_bytes()).unwrap())
        .unwrap();
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(
            vec![CertificateDer::from_pem_slice(file("server.cert.pem").as_bytes()).unwrap()],
            PrivateKeyDer::from_pem_slice(file("server.key.pem").as_bytes()).unwrap(),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}/resource", listener.local_addr().unwrap());
    let app = app(auth);
    tokio::spawn(async move {
        loop {
            let (tcp, _) = listener.accept().await.unwrap();
            let (acceptor, app) = (acceptor.clone(), app.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let certificate = tls
                    .get_ref()
                    .1
                    .peer_certificates()
                    .and_then(|chain| chain.first())
                    .map(|der| ClientCertificate::new(der.as_ref().to_vec()));
                let app = match certificate {
                    Some(certificate) => app.layer(Extension(certificate)),
                    None => app,
                };
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tls), TowerToHyperService::new(app))
                    .await;
            });
        }
    });
    url
}

fn client(name: &str) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(file("ca.cert.pem").as_bytes()).unwrap();
    let identity = format!(
        "{}{}",
        file(&format!("{name}.cert.pem")),
        file(&format!("{name}.key.pem"))
    );
    reqwest::Client::builder()
        .tls_certs_only([ca])
        .identity(reqwest::Identity::from_pem(identity.as_bytes()).unwrap())
        .build()
        .unwrap()
}

async fn get_status(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, Option<String>) {
    let mut request = client.get(url).bearer_auth(token);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned());
    (response.status(), challenge)
}

const INVALID: &str =
    r#"Bearer error="invalid_token", error_description="the access token is not valid""#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bound_certificate_passes_and_another_is_refused() {
    let auth = authenticator(Some(CertificateBinding::new(CertificateSource::Connection)));
    let url = tls_server(&auth).await;
    let bound = token(Some(json!({"x5t#S256": x5t("client-a")})));
    let (a, b) = (client("client-a"), client("client-b"));

    assert_eq!(
        get_status(&a, &url, &bound, &[]).await,
        (StatusCode::OK, None)
    );
    assert_eq!(
        get_status(&b, &url, &bound, &[]).await,
        (StatusCode::UNAUTHORIZED, Some(INVALID.to_owned()))
    );
    // A token not bound to a certificate is a bearer token here.
    assert_eq!(
        get_status(&b, &url, &token(None), &[]).await.0,
        StatusCode::OK
    );
    // A malformed binding never matches.
    for cnf in [
        json!({"x5t#S256": 7}),
        json!({"x5t#S256": ""}),
        json!({"x5t#S256": x5t("client-a").to_uppercase()}),
    ] {
        assert_eq!(
            get_status(&a, &url, &token(Some(cnf.clone())), &[]).await.0,
            StatusCode::UNAUTHORIZED,
            "{cnf}"
        );
    }
    assert_eq!(auth.counters().invalid_token, 4);

    // Binding required: an unbound token is refused.
    let auth = authenticator(Some(
        CertificateBinding::new(CertificateSource::Connection).required(),
    ));
    let url = tls_server(&auth).await;
    assert_eq!(
        get_status(&a, &url, &token(None), &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(get_status(&a, &url, &bound, &[]).await.0, StatusCode::OK);
}

/// A plain-HTTP server (behind an imaginary TLS terminator) with `auth`.
async fn http_server(auth: &Arc<Authenticator>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/resource", listener.local_addr().unwrap());
    let app = app(auth);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

fn url_encoded_pem(client: &str) -> String {
    file(&format!("{client}.cert.pem"))
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminators_header_is_read_only_when_named() {
    let plain = reqwest::Client::new();
    let bound = token(Some(json!({"x5t#S256": x5t("client-a")})));
    let header = "x-client-cert";
    let (a, b) = (url_encoded_pem("client-a"), url_encoded_pem("client-b"));

    let named = authenticator(Some(CertificateBinding::new(
        CertificateSource::UrlEncodedPemHeader(axum::http::HeaderName::from_static(header)),
    )));
    let url = http_server(&named).await;
    assert_eq!(
        get_status(&plain, &url, &bound, &[(header, &a)]).await.0,
        StatusCode::OK
    );
    assert_eq!(
        get_status(&plain, &url, &bound, &[(header, &b)]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_status(&plain, &url, &bound, &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_status(&plain, &url, &bound, &[(header, &a), (header, &a)])
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_status(&plain, &url, &bound, &[(header, "not%20pem")])
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );

    // The connection source ignores the header: no certificate, refused.
    let connection = authenticator(Some(CertificateBinding::new(CertificateSource::Connection)));
    let url = http_server(&connection).await;
    assert_eq!(
        get_status(&plain, &url, &bound, &[(header, &a)]).await.0,
        StatusCode::UNAUTHORIZED
    );

    // No binding configured: a certificate-bound token cannot be checked
    // and is refused; an unbound one passes.
    let none = authenticator(None);
    let url = http_server(&none).await;
    assert_eq!(
        get_status(&plain, &url, &bound, &[(header, &a)]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_status(&plain, &url, &token(None), &[]).await.0,
        StatusCode::OK
    );
}
