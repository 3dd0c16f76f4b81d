//! What a client's bytes reach before any key is used: the `Authorization`
//! header parser, for the fuzz targets (`fuzz/`), behind the `fuzzing`
//! feature. Not an API.

use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, HeaderValue};

use crate::rejection::Rejection;

/// The bearer token of a request carrying these `Authorization` header
/// values (values `http` itself would refuse are left out, as a server never
/// sees them), as the extractor reads it.
pub fn bearer_token(values: &[&[u8]]) -> Result<String, Rejection> {
    let mut headers = HeaderMap::new();
    for value in values {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.append(AUTHORIZATION, value);
        }
    }
    crate::bearer::token(&headers).map(str::to_owned)
}
