//! The extractor: a handler that takes [`Verified<T>`] runs only for a
//! request whose bearer token opened, with its claims as a `T`: the token
//! the [`crate::AuthLayer`] verified when the request passed through one,
//! or the request's own bearer token opened here when not, by the same
//! [`Authenticator::verify_request`].

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::authenticator::Authenticator;
use crate::rejection::Rejection;
use crate::token::VerifiedToken;

/// The validated claims of the request's bearer token, deserialized into
/// `T`. The router's state must give an `Arc<Authenticator>`
/// ([`FromRef`]); a refused request is answered by the [`Rejection`]. Behind
/// an [`AuthLayer`](crate::AuthLayer) the token it verified is used (not
/// opened twice). What only the layer adds to the answers: its policy's
/// 403s, `resource_metadata` in the challenges, the `DPoP algs="..."`
/// offer beside a 401's `Bearer` challenge, and the `DPoP-Nonce` header on
/// answers that let a request through (a nonce challenge carries its
/// nonce either way). A resource that takes DPoP should use the layer.
///
/// ```no_run
/// use std::sync::Arc;
/// use axum::{Router, routing::get};
/// use jose_axum::{Authenticator, Verified};
///
/// #[derive(serde::Deserialize)]
/// struct Claims { sub: String }
///
/// async fn me(Verified(claims): Verified<Claims>) -> String {
///     claims.sub
/// }
///
/// # fn app(auth: Authenticator) -> Router {
/// let app = Router::new().route("/me", get(me)).with_state(Arc::new(auth));
/// # app }
/// ```
#[derive(Clone, Debug)]
pub struct Verified<T>(pub T);

impl<S, T> FromRequestParts<S> for Verified<T>
where
    Arc<Authenticator>: FromRef<S>,
    S: Send + Sync,
    T: DeserializeOwned + Send + 'static,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let auth = Arc::<Authenticator>::from_ref(state);
        let token = match parts.extensions.get::<VerifiedToken>() {
            Some(token) => token.clone(),
            None => auth.verify_request(parts).await?,
        };
        auth.claims_of(&token).map(Verified)
    }
}
