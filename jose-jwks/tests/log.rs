//! What a failed fetch logs, alone in its own test binary: `tracing` keeps
//! per-callsite interest for the whole process, so a capture must not share
//! its process with tests hitting the same callsite unobserved.

mod support;

use std::time::Duration;

use jose_jwks::{JwksError, RemoteJwkSet, RemoteOptions};
use support::Log;

#[test]
fn a_failed_fetch_is_logged_with_its_cause() {
    let (log, _guard) = Log::capture(tracing::Level::INFO);
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let error = runtime.block_on(async {
        let nobody = RemoteJwkSet::new(
            &format!("http://127.0.0.1:{port}/jwks"),
            RemoteOptions::default().timeout(Duration::from_secs(2)),
        )
        .unwrap();
        nobody.keys().await.unwrap_err()
    });
    let JwksError::Transport { message } = &error else {
        panic!("{error}");
    };
    // reqwest's top line says only "error sending request"; the cause is
    // the refused connection.
    assert!(message.to_lowercase().contains("refused"), "{message}");
    let log = log.text();
    assert!(log.contains("JWK Set fetch failed"), "{log}");
    assert!(log.to_lowercase().contains("connection refused"), "{log}");
}
