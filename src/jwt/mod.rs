//! JWTs: the claims view, validation, and nested decrypt-and-verify.
//!
//! [`decrypt_and_verify`] is the one call for a nested token (a signed JWT
//! inside a JWE); it is [`decrypt`] (the receiver's keys) then
//! [`Unverified::verify`] (the issuer's keys), which callers use apart to
//! choose or refetch the issuer's keys between the two. [`verify`] is the
//! one call for a signed-only JWT. All take the current time from the caller
//! (`jose_core::jwt::now()` reads the system clock with `std`). The rules
//! ([`Validation`]) fail closed: set the issuer and audience, or start from
//! [`Validation::access_token`] / [`Validation::id_token`].

mod assertion;
mod claims;
mod nested;
#[cfg(feature = "std")]
mod os;
mod produce;
#[cfg(feature = "serde")]
mod serde;
mod unverified;
mod validation;

use core::fmt;

pub use assertion::{
    CLIENT_ASSERTION_LIFETIME, CLIENT_ASSERTION_MAX_LIFETIME, CLIENT_ASSERTION_TYPE,
    CLIENT_AUTHENTICATION_TYP, ClientAssertion, client_assertion, client_assertion_rules,
    verify_client_assertion,
};
pub use claims::{Audiences, Claims, NumericDate};
pub use nested::{decrypt, decrypt_and_verify, required_buffer_len, verify};
#[cfg(feature = "std")]
pub use os::now;
pub use produce::{nested_len, sign_and_encrypt};
#[cfg(feature = "serde")]
pub use serde::write_claims;
pub use unverified::Unverified;
pub use validation::Validation;

use crate::header::{Header, HeaderText};

/// A verified, validated JWT: the headers of both layers and the claims.
///
/// ```
/// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
/// # let issuer = PublicKeySet::new()
/// #     .with(PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json"))?)?;
/// # let token = include_str!("../../vectors/rfc7515_A2.jws").trim();
/// # let mut buf = vec![0u8; token.len()];
/// let jwt = jwt::verify(token, &issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000, &mut buf)?;
/// assert!(jwt.encryption_header().is_none());
/// assert!(jwt.header().alg() == "RS256");
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct Jwt<'b> {
    outer: Option<HeaderText<'b>>,
    inner: HeaderText<'b>,
    claims: Claims<'b>,
}

impl<'b> Jwt<'b> {
    /// The signed token's (JWS) header.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// let jwt = jwt::verify(token, &issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000, &mut buf)?;
    /// assert!(jwt.header().alg() == "RS256");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn header(&self) -> Header<'_> {
        self.inner.view()
    }

    /// The encryption (JWE) header, for a nested token.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// let jwt = jwt::verify(token, &issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000, &mut buf)?;
    /// assert!(jwt.encryption_header().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn encryption_header(&self) -> Option<Header<'_>> {
        self.outer.as_ref().map(HeaderText::view)
    }

    /// The validated claims.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// let jwt = jwt::verify(token, &issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000, &mut buf)?;
    /// assert_eq!(jwt.claims().expires_at().unwrap().seconds(), 1_300_819_380);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn claims(&self) -> &Claims<'b> {
        &self.claims
    }
}

impl fmt::Debug for Jwt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The encryption header travels in clear; the signed token's header
        // and claims of a nested token were encrypted: its algorithm, and
        // the claims' length and registered names only.
        f.debug_struct("Jwt")
            .field("encryption_header", &self.encryption_header())
            .field("alg", &self.header().alg())
            .field("claims", &self.claims)
            .finish()
    }
}
