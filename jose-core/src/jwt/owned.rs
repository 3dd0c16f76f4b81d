//! A verified token that owns its texts: what a service keeps past the call
//! that opened it, with no buffer of its own to manage.

use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;

use zeroize::Zeroizing;

use super::{Claims, Jwt, unverified};
use crate::error::{Error, ErrorKind};
use crate::header::{Header, HeaderAt};

/// A verified, validated JWT that owns its headers and claims (in one
/// allocation, wiped when dropped): what [`crate::Receiver::open`] returns,
/// and what [`Jwt::into_owned`] makes of a token opened into a buffer.
///
/// ```
/// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
/// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
/// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
/// let mut buf = vec![0u8; token.len()];
/// let jwt = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?;
/// let owned: jwt::OwnedJwt = jwt.into_owned()?;
/// drop(buf);
/// assert!(owned.header().alg() == "RS256");
/// assert!(!owned.is_nested());
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone)]
pub struct OwnedJwt {
    texts: Zeroizing<Vec<u8>>,
    outer: Option<HeaderAt>,
    inner: HeaderAt,
    claims: Range<usize>,
}

impl Jwt<'_> {
    /// The token's headers and claims copied into an [`OwnedJwt`]. The
    /// buffer this `Jwt` borrows still holds them: wipe it or drop it as
    /// before. A size that cannot be allocated is a `too_large` error.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// let owned = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?.into_owned()?;
    /// assert_eq!(owned.claims().issuer().unwrap(), "joe");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn into_owned(self) -> Result<OwnedJwt, Error> {
        let (outer, inner, claims) = self.texts();
        let len = outer.map_or(0, str::len) + inner.len() + claims.len();
        let mut texts = Zeroizing::new(Vec::new());
        crate::heap::reserve(
            &mut texts,
            len,
            ErrorKind::TooLarge,
            "the verified token cannot be copied: out of memory",
        )?;
        texts.extend_from_slice(outer.unwrap_or("").as_bytes());
        let outer = self.outer.as_ref().map(|h| h.placed_at(0));
        let inner_at = self.inner.placed_at(texts.len());
        texts.extend_from_slice(inner.as_bytes());
        let claims_at = texts.len()..texts.len() + claims.len();
        texts.extend_from_slice(claims.as_bytes());
        Ok(OwnedJwt {
            texts,
            outer,
            inner: inner_at,
            claims: claims_at,
        })
    }
}

impl OwnedJwt {
    /// The signed token's (JWS) header: `alg`, `kid`, `typ`, and any member
    /// by name.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// # let owned = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?.into_owned()?;
    /// assert!(owned.header().alg() == "RS256");
    /// assert!(owned.header().kid().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn header(&self) -> Header<'_> {
        self.inner.view(&self.texts)
    }

    /// The encryption (JWE) header of a nested token (`alg` of the key
    /// management, `enc`, `kid`, `cty`); `None` for a signed-only token.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// # let owned = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?.into_owned()?;
    /// assert!(owned.encryption_header().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn encryption_header(&self) -> Option<Header<'_>> {
        self.outer.as_ref().map(|h| h.view(&self.texts))
    }

    /// Whether the token arrived encrypted (a JWT inside a JWE).
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// # let owned = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?.into_owned()?;
    /// assert!(!owned.is_nested());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn is_nested(&self) -> bool {
        self.outer.is_some()
    }

    /// The validated claims.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// # let owned = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?.into_owned()?;
    /// assert_eq!(owned.claims().expires_at().unwrap().seconds(), 1_300_819_380);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn claims(&self) -> Claims<'_> {
        unverified::claims_at(&self.texts, &self.claims)
    }

    /// The claims deserialized into the caller's own type (feature `serde`),
    /// as [`Claims::deserialize`] does.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PublicKey, PublicKeySet}};
    /// # let issuer = PublicKeySet::new().with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// # let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// # let mut buf = vec![0u8; token.len()];
    /// # let owned = jwt::verify(token, &jwt::Trust::signed(&issuer, &jwt::Validation::new().issuer("joe").accept_any_audience(), 1_300_000_000), &mut buf)?.into_owned()?;
    /// #[derive(serde::Deserialize)]
    /// struct Claims { iss: String, exp: u64 }
    /// let claims: Claims = owned.deserialize()?;
    /// assert_eq!((claims.iss.as_str(), claims.exp), ("joe", 1_300_819_380));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn deserialize<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        self.claims().deserialize()
    }
}

impl fmt::Debug for OwnedJwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `Jwt`'s: the claims of a nested token were encrypted.
        f.debug_struct("OwnedJwt")
            .field("encryption_header", &self.encryption_header())
            .field("alg", &self.header().alg())
            .field("claims", &self.claims())
            .finish()
    }
}
