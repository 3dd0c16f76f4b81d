//! What a request carries once its token opened: the verified token,
//! shared (the layer puts it in the request's extensions, handlers and
//! extractors read it there).

use std::sync::Arc;

use jose_core::OwnedJwt;
use serde::de::DeserializeOwned;

use crate::rejection::Rejection;

/// A bearer token that opened and passed the rules: the
/// [`AuthLayer`](crate::AuthLayer) inserts one in each request it lets
/// through, where [`crate::Verified`] and handlers (`Extension<VerifiedToken>`)
/// find it. Cloning shares it.
///
/// ```
/// # use jose_axum::VerifiedToken;
/// fn subject(token: &VerifiedToken) -> Option<String> {
///     token.jwt().claims().subject().and_then(|s| s.as_plain().map(str::to_owned))
/// }
/// ```
#[derive(Clone, Debug)]
pub struct VerifiedToken {
    jwt: Arc<OwnedJwt>,
    /// Which authenticator opened it (its address, while it lives): a
    /// layer reuses a token only if its own authenticator opened it.
    opened_by: usize,
}

impl VerifiedToken {
    pub(crate) fn new(jwt: OwnedJwt, opened_by: usize) -> Self {
        VerifiedToken {
            jwt: Arc::new(jwt),
            opened_by,
        }
    }

    pub(crate) fn opened_by(&self) -> usize {
        self.opened_by
    }

    /// The token: its headers and claims.
    ///
    /// ```
    /// # fn f(token: &jose_axum::VerifiedToken) {
    /// let scopes: Vec<&str> = token.jwt().claims().scopes().collect();
    /// # }
    /// ```
    pub fn jwt(&self) -> &OwnedJwt {
        &self.jwt
    }

    /// The claims as a `T`; claims that are not a `T` (a field missing, of
    /// another type) are an invalid token.
    ///
    /// ```
    /// # fn f(token: &jose_axum::VerifiedToken) -> Result<(), jose_axum::Rejection> {
    /// #[derive(serde::Deserialize)]
    /// struct Claims { sub: String }
    /// let claims: Claims = token.claims()?;
    /// # Ok(()) }
    /// ```
    pub fn claims<T: DeserializeOwned>(&self) -> Result<T, Rejection> {
        self.jwt.deserialize::<T>().map_err(Rejection::InvalidToken)
    }
}
