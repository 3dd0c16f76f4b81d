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
mod owned;
mod produce;
#[cfg(feature = "serde")]
mod serde;
mod trust;
mod unverified;
mod validation;

use core::fmt;

pub use assertion::{
    CLIENT_ASSERTION_LIFETIME, CLIENT_ASSERTION_MAX_LIFETIME, CLIENT_ASSERTION_TYPE,
    CLIENT_AUTHENTICATION_TYP, ClientAssertion, client_assertion, client_assertion_rules,
    verify_client_assertion,
};
pub use claims::{Audiences, Claims, NumericDate};
pub(crate) use nested::buffer_error;
pub use nested::{decrypt, decrypt_and_verify, required_buffer_len, verify};
#[cfg(feature = "std")]
pub use os::now;
pub use owned::OwnedJwt;
pub use produce::{nested_len, sign_and_encrypt, sign_and_encrypt_to_string};
#[cfg(feature = "serde")]
pub use serde::write_claims;
pub use trust::Trust;
pub use unverified::Unverified;
pub(crate) use validation::ValidWindow;
pub use validation::{OwnedValidation, Validation};

use core::ops::Range;

use crate::error::Error;
use crate::header::{Header, HeaderAt, HeaderText};

/// A verified, validated JWT: the headers of both layers and the claims.
///
/// ```
/// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
/// # let issuer = PublicKeySet::new()
/// #     .with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
/// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
/// # let mut buf = vec![0u8; token.len()];
/// let jwt = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?;
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
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// let jwt = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?;
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
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// let jwt = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?;
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
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// let jwt = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?;
    /// assert_eq!(jwt.claims().expires_at().unwrap().seconds(), 1_300_819_380);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn claims(&self) -> &Claims<'b> {
        &self.claims
    }
}

/// Where a verified token's texts sit in a buffer, in this order: the
/// encryption header (nested tokens), the signed token's header, the claims.
/// What a verified-token cache keeps and lays out again on a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    pub(crate) outer: Option<usize>,
    pub(crate) inner: usize,
    pub(crate) claims: usize,
}

impl Layout {
    /// The bytes the three texts take.
    pub(crate) fn len(&self) -> usize {
        self.outer.unwrap_or(0) + self.inner + self.claims
    }
}

impl<'b> Jwt<'b> {
    /// The decoded texts a cache keeps: encryption header, header, claims.
    pub(crate) fn texts(&self) -> (Option<&str>, &str, &'b str) {
        (
            self.encryption_header().map(|h| h.text()),
            self.header().text(),
            self.claims.json().raw(),
        )
    }

    /// A token verified before, from its texts laid out in `buf` as
    /// `layout` says; with `revalidate`, its claims are validated again
    /// against those rules at that time. The headers' members are found
    /// again (their text was checked when the token was first opened); the
    /// claims are not parsed again. On failure `buf` is wiped.
    pub(crate) fn from_verified(
        buf: &'b mut [u8],
        layout: Layout,
        revalidate: Option<(&Validation<'_>, u64)>,
    ) -> Result<Self, Error> {
        let outer_len = layout.outer.unwrap_or(0);
        let inner: Range<usize> = outer_len..outer_len + layout.inner;
        let claims = inner.end..inner.end + layout.claims;
        let read = |buf: &[u8]| -> Result<_, Error> {
            let outer = match layout.outer {
                Some(len) => Some(HeaderAt::read(buf, 0..len)?),
                None => None,
            };
            let inner = HeaderAt::read(buf, inner)?;
            if let Some((rules, now)) = revalidate {
                let claims = unverified::claims_at(buf, &claims);
                rules.validate_signed(&inner.view(buf), &claims, now)?;
            }
            Ok((outer, inner))
        };
        let (outer, inner) = match read(buf) {
            Ok(headers) => headers,
            Err(err) => {
                zeroize::Zeroize::zeroize(buf);
                return Err(err);
            }
        };
        let buf: &'b [u8] = buf;
        Ok(Jwt {
            outer: outer.map(|h| h.into_text(buf)),
            inner: inner.into_text(buf),
            claims: unverified::claims_at(buf, &claims),
        })
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
