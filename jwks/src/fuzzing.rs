//! What a remote server's bytes reach, as the fetcher reaches it: for the
//! fuzz targets (`fuzz/`), behind the `fuzzing` feature. Not an API.

use jose_core::keys::PublicKeySet;

use crate::error::JwksError;
use crate::{discovery, fetch, remote};

/// A response body taken as a JWK Set, exactly as a fetch takes it.
pub fn jwk_set(body: &[u8]) -> Result<PublicKeySet, JwksError> {
    remote::jwk_set(&fetch::text(body.to_vec())?)
}

/// A response body taken as the discovery document of `issuer`: its
/// `jwks_uri`, exactly as discovery takes it.
pub fn jwks_uri(document: &[u8], issuer: &str) -> Result<String, JwksError> {
    discovery::jwks_uri(&fetch::text(document.to_vec())?, issuer)
}
