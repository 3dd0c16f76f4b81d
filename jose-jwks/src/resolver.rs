//! The issuer keys one token is opened with: a snapshot of the remote set
//! that may refetch once, in the middle of `verify`, when the token names a
//! key the snapshot lacks. So a rotation costs the new token one fetch (at
//! most one per cooldown for everyone) and never a second decryption.

use std::sync::mpsc;
use std::sync::{Arc, OnceLock};

use jose_core::Error;
use jose_core::keys::{IssuerKeys, IssuerRequest, KeysFingerprint, PublicKey, PublicKeySet};

use crate::error::JwksError;
use crate::fetch;
use crate::remote::{Inner, RemoteJwkSet, Snapshot};

impl RemoteJwkSet {
    /// The issuer keys to open one token with: the set held now if it is
    /// fresh; if it is stale (past its age, within the stale limit), the
    /// same set while a refresh runs in the background; if there is none
    /// (first use, or stale for too long), after a fetch. Fails closed: no
    /// set, and a fetch that fails (or is not attempted because the last
    /// one failed less than a cooldown ago), is an error.
    ///
    /// ```no_run
    /// # async fn run(remote: jose_jwks::RemoteJwkSet) -> Result<(), jose_jwks::JwksError> {
    /// let keys = remote.keys().await?;
    /// println!("{} keys", keys.set().len());
    /// # Ok(()) }
    /// ```
    pub async fn keys(&self) -> Result<RemoteIssuerKeys, JwksError> {
        let (snapshot, remote) = self.current().await?;
        Ok(RemoteIssuerKeys::new(snapshot, remote))
    }
}

/// [`IssuerKeys`] for one token, from [`RemoteJwkSet::keys`].
///
/// Answers from the set held when it was made. On a key miss (an unknown
/// `kid` or `x5t#S256`, or no usable key when the token names none; never
/// another key error) it asks the remote set for a refetch once, subject to
/// the cooldown and shared with every other request waiting for one, and
/// answers from the new set if there is one. The refetch runs on the tokio
/// runtime the value was made on, and the call waits for it (at most twice
/// the timeout): so open tokens on a blocking thread
/// (`tokio::task::spawn_blocking`), as the RSA work asks anyway. Called on
/// a single-threaded runtime's own thread, the wait times out and the
/// miss stands.
///
/// Its [`IssuerKeys::fingerprint`] is that of the set answering, so a
/// verified-token cache files a token under the keys that verified it, and
/// a token opened across a refetch is not kept (the next one is).
///
/// ```no_run
/// # async fn run(remote: jose_jwks::RemoteJwkSet, token: String) -> Result<(), Box<dyn std::error::Error>> {
/// use jose_core::{jwt, keys::PrivateKeySet};
/// let mine = PrivateKeySet::from_jwks(&std::fs::read_to_string("api.private.jwks.json")?)?;
/// let keys = remote.keys().await?;
/// let subject = tokio::task::spawn_blocking(move || {
///     let rules = jwt::Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com");
///     let mut buf = vec![0u8; jwt::required_buffer_len(&token)];
///     let now = jwt::now()?;
///     let jwt = jwt::decrypt_and_verify(&token, &jwt::Trust::nested(&mine, &keys, &rules, now), &mut jose_core::os_rng(), &mut buf)?;
///     Ok::<_, jose_core::Error>(jwt.claims().subject().map(|s| s.to_string()))
/// }).await??;
/// # let _ = subject; Ok(()) }
/// ```
pub struct RemoteIssuerKeys {
    snapshot: Snapshot,
    newer: OnceLock<Arc<PublicKeySet>>,
    remote: Arc<Inner>,
    runtime: Option<tokio::runtime::Handle>,
}

impl RemoteIssuerKeys {
    fn new(snapshot: Snapshot, remote: Arc<Inner>) -> Self {
        RemoteIssuerKeys {
            snapshot,
            newer: OnceLock::new(),
            remote,
            runtime: tokio::runtime::Handle::try_current().ok(),
        }
    }

    /// The set answering now: the snapshot, or the refetched set.
    ///
    /// ```no_run
    /// # async fn run(remote: jose_jwks::RemoteJwkSet) -> Result<(), jose_jwks::JwksError> {
    /// let keys = remote.keys().await?;
    /// assert!(!keys.set().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn set(&self) -> &PublicKeySet {
        self.newer.get().unwrap_or(&self.snapshot.set)
    }

    /// A refetch through the remote set, waited for from this thread.
    fn refetch(&self) -> Option<Arc<PublicKeySet>> {
        let runtime = self.runtime.as_ref()?;
        let (answer, wait) = mpsc::sync_channel(1);
        let (remote, seen) = (Arc::clone(&self.remote), self.snapshot.attempts);
        runtime.spawn(async move {
            let _ = answer.send(remote.refresh(seen).await.ok().map(|s| s.set));
        });
        let newer = wait
            .recv_timeout(fetch::bound(&self.remote.options))
            .ok()??;
        (!Arc::ptr_eq(&newer, &self.snapshot.set)).then_some(newer)
    }
}

impl IssuerKeys for RemoteIssuerKeys {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        if let Some(newer) = self.newer.get() {
            return newer.issuer_key(request);
        }
        match self.snapshot.set.issuer_key(request) {
            // Only a miss (no key has the token's kid or x5t#S256, or none
            // is usable when it names none) asks for a refetch: a key that
            // is there but refuses the token (its use, alg or key_ops, or a
            // kid two keys could answer to) would refuse it after a
            // refetch too, and must not cost the issuer a fetch.
            Err(miss) if miss.key_miss().is_some() => match self.refetch() {
                Some(newer) => self.newer.get_or_init(|| newer).issuer_key(request),
                None => Err(miss),
            },
            answer => answer,
        }
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        IssuerKeys::fingerprint(self.set())
    }
}

impl std::fmt::Debug for RemoteIssuerKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteIssuerKeys")
            .field("keys", &self.set().len())
            .field("refetched", &self.newer.get().is_some())
            .finish()
    }
}
