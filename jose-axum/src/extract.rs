//! The extractor: a handler that takes [`Verified<T>`] runs only for a
//! request whose bearer token opened, with its claims as a `T`.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::authenticator::Authenticator;
use crate::bearer;
use crate::rejection::Rejection;

/// The validated claims of the request's bearer token, deserialized into
/// `T`. The router's state must give an `Arc<Authenticator>`
/// ([`FromRef`]); a refused request is answered by the [`Rejection`].
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
        let token = match bearer::bearer_token(&parts.headers) {
            Ok(token) => token,
            Err(refused) => {
                tracing::debug!(%refused, "request refused");
                return Err(refused);
            }
        };
        auth.authenticate(token).await.map(Verified)
    }
}
