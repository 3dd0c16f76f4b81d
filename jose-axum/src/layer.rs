//! The tower middleware: every request through it is authenticated (and
//! authorized, when a [`Policy`] is set) before the inner service sees it,
//! and carries the [`VerifiedToken`] in its extensions. The same service
//! fronts an axum router or a tonic gRPC server: gRPC requests are refused
//! the gRPC way (`grpc-status`), others with HTTP statuses.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::BoxError;
use axum::body::{Body, Bytes, HttpBody};
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, Request, Response, StatusCode};
use axum::response::IntoResponse;
use tower_layer::Layer;
use tower_service::Service;

use crate::authenticator::Authenticator;
use crate::metadata::ResourceMetadata;
use crate::policy::{Policy, PolicyError};
use crate::rejection::DPOP_NONCE;
use crate::token::VerifiedToken;

/// Authenticates every request with an [`Authenticator`] (a bearer token
/// in `Authorization`, opened, validated, cached), checks a [`Policy`],
/// and hands the request on with its [`VerifiedToken`] in the extensions;
/// refusals are answered here (RFC 6750 challenges, or gRPC statuses for
/// `application/grpc` requests). With [`AuthLayer::resource_metadata`] it
/// also serves RFC 9728's document and points its challenges to it.
///
/// Put it on a router (`Router::layer`), a route (`route_layer`, for a
/// route's own scopes) or a tonic server (`Server::builder().layer(..)`).
/// CORS preflights carry no token: put a CORS layer outside this one.
///
/// ```
/// use std::sync::Arc;
/// use axum::{Extension, Router, routing::get};
/// use jose_axum::{AuthLayer, Authenticator, ResourceMetadata, VerifiedToken};
/// use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
/// let receiver = Receiver::builder()
///     .issuer_keys(PublicKeySet::from_jwks(include_str!("../../vectors/interop/issuer.jwks.json"))?)
///     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com"))
///     .build()?;
/// let auth = Arc::new(Authenticator::new(receiver));
/// let metadata = ResourceMetadata::new("https://api.example.com")?
///     .authorization_server("https://tenant.example.auth0.com/")?;
/// let app: Router = Router::new()
///     .route(
///         "/messages",
///         get(|Extension(token): Extension<VerifiedToken>| async move { format!("{:?}", token.jwt().claims().subject()) })
///             .route_layer(AuthLayer::new(Arc::clone(&auth)).require_scopes(["read:messages"])?),
///     )
///     .route("/me", get(|| async { "hello" }))
///     .layer(AuthLayer::new(auth).resource_metadata(metadata));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct AuthLayer {
    auth: Arc<Authenticator>,
    policy: Arc<Policy>,
    metadata: Option<Arc<ResourceMetadata>>,
}

impl AuthLayer {
    /// A layer that lets through requests whose bearer token `auth` opens.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use jose_axum::{AuthLayer, Authenticator};
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let layer = AuthLayer::new(Arc::new(Authenticator::new(receiver)));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(auth: Arc<Authenticator>) -> Self {
        AuthLayer {
            auth,
            policy: Arc::new(Policy::new()),
            metadata: None,
        }
    }

    /// Also requires `policy` of every token (403 when it does not hold).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use jose_axum::{AuthLayer, Authenticator, Policy};
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let policy = Policy::new().require_scopes(["admin"])?.require("an email", |c| c.get("email").is_some());
    /// let layer = AuthLayer::new(Arc::new(Authenticator::new(receiver))).policy(policy);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = Arc::new(policy);
        self
    }

    /// Also requires `scopes` (in `scope` or `permissions`), beside the
    /// policy's: `Policy::require_scopes` on the layer's policy.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use jose_axum::{AuthLayer, Authenticator};
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let layer = AuthLayer::new(Arc::new(Authenticator::new(receiver))).require_scopes(["read:messages"])?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_scopes<I, S>(mut self, scopes: I) -> Result<Self, PolicyError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let policy = Policy::clone(&self.policy).require_scopes(scopes)?;
        self.policy = Arc::new(policy);
        Ok(self)
    }

    /// Serves `metadata` (RFC 9728) at its well-known path, to `GET` and
    /// `HEAD` without a token, and names its URL in the `resource_metadata`
    /// of every 401 and 403 challenge.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use jose_axum::{AuthLayer, Authenticator, ResourceMetadata};
    /// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
    /// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
    /// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
    /// let metadata = ResourceMetadata::new("https://api.example.com")?
    ///     .authorization_server("https://tenant.example.auth0.com/")?;
    /// let layer = AuthLayer::new(Arc::new(Authenticator::new(receiver))).resource_metadata(metadata);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resource_metadata(mut self, metadata: ResourceMetadata) -> Self {
        self.metadata = Some(Arc::new(metadata));
        self
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service an [`AuthLayer`] wraps around `S`.
///
/// ```
/// # use std::sync::Arc;
/// # use jose_axum::{AuthLayer, AuthService, Authenticator};
/// # use jose_core::{Receiver, jwt::Validation, keys::PublicKeySet};
/// # let receiver = Receiver::builder().issuer_keys(PublicKeySet::new())
/// #     .rules(Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com")).build()?;
/// use tower_layer::Layer;
/// let service: AuthService<_> = AuthLayer::new(Arc::new(Authenticator::new(receiver)))
///     .layer(axum::Router::<()>::new());
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AuthService<S> {
    inner: S,
    layer: AuthLayer,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, B, ResBody> Service<Request<B>> for AuthService<S>
where
    S: Service<Request<B>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send,
    B: Send + 'static,
    ResBody: HttpBody<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let layer = self.layer.clone();
        if let Some(metadata) = &layer.metadata {
            if request.uri().path() == metadata.path() {
                let answer = serve_metadata(metadata, request.method());
                return Box::pin(async move { Ok(answer) });
            }
        }
        // The inner service that was polled ready is the one called (tower's
        // rule); a fresh clone takes its place for the next request.
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        Box::pin(async move {
            let grpc = is_grpc(&request);
            // An outer layer's metadata names the resource for this one's
            // answers too (a route layer adding scopes under a router-wide
            // layer).
            let metadata = layer.metadata.clone().or_else(|| {
                request
                    .extensions()
                    .get::<Published>()
                    .map(|p| Arc::clone(&p.0))
            });
            let metadata_url = metadata.as_deref().map(ResourceMetadata::url);
            let dpop_algs = layer.auth.dpop_algs();
            let (mut parts, body) = request.into_parts();
            // A token an outer layer with the same authenticator verified is
            // not opened again.
            let verified = parts
                .extensions
                .get::<VerifiedToken>()
                .filter(|token| token.opened_by() == layer.auth.identity())
                .cloned();
            let token = match verified {
                Some(token) => token,
                None => match layer.auth.verify_request(&parts).await {
                    Ok(token) => token,
                    Err(refused) => return Ok(refused.respond(metadata_url, dpop_algs, grpc)),
                },
            };
            if let Err(refused) = layer.policy.check(&token.jwt().claims()) {
                let refused = layer.auth.refuse(refused);
                return Ok(refused.respond(metadata_url, dpop_algs, grpc));
            }
            tracing::trace!("request authenticated");
            if let Some(metadata) = &metadata {
                parts.extensions.insert(Published(Arc::clone(metadata)));
            }
            parts.extensions.insert::<VerifiedToken>(token);
            // Taken before the request moves on (RFC 9449 §8.2: any answer
            // may carry the next nonce).
            let nonce = layer
                .auth
                .dpop_nonce_for(&parts)
                .and_then(|nonce| HeaderValue::from_str(&nonce).ok());
            let request = Request::from_parts(parts, body);
            inner.call(request).await.map(|response| {
                let mut response = response.map(Body::new);
                if let Some(nonce) = nonce {
                    response.headers_mut().insert(&DPOP_NONCE, nonce);
                }
                response
            })
        })
    }
}

/// The metadata an outer layer publishes, for the layers inside it.
#[derive(Clone)]
struct Published(Arc<ResourceMetadata>);

/// A gRPC request (`content-type: application/grpc`, `+proto`, ...).
fn is_grpc<B>(request: &Request<B>) -> bool {
    request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/grpc"))
}

fn serve_metadata(metadata: &ResourceMetadata, method: &Method) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut answer = StatusCode::METHOD_NOT_ALLOWED.into_response();
        answer
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return answer;
    }
    let body = metadata.document().to_string();
    let mut answer = Response::new(if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    });
    answer
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    answer
}

/// The layer never fails by itself: its refusals are answers.
const _: fn() = || {
    fn infallible<T: Service<Request<Body>, Error = Infallible>>() {}
    infallible::<AuthService<axum::Router>>();
};
