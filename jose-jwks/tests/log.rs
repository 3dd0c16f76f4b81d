//! What a failed fetch logs, alone in its own test binary: `tracing` keeps
//! per-callsite interest for the whole process, so a capture must not share
//! its process with tests hitting the same callsite unobserved.

use std::time::Duration;

use jose_jwks::{JwksError, RemoteJwkSet, RemoteOptions};

#[test]
fn a_failed_fetch_is_logged_with_its_cause() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Log {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
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
    let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("JWK Set fetch failed"), "{log}");
    assert!(log.to_lowercase().contains("connection refused"), "{log}");
}
