//! A token whose layers are open but whose signature is not checked yet.
//!
//! Opening a nested token is two steps with two collections of keys:
//! [`super::decrypt`] uses the receiver's private keys and yields an
//! [`Unverified`]; [`Unverified::verify`] uses the issuer's public keys and
//! the validation rules and yields a [`Jwt`]. Between the two, the caller can
//! read what the signed token names (its header's `kid`, `x5t#S256`, the
//! unverified `iss`) and find the issuer's key, refetching a JWK Set if need
//! be, without a second RSA private operation.
//!
//! Before anything of the inner token is decoded, the digest of its signing
//! input is taken: the payload is then decoded in place (which overwrites
//! the signing input) and the signature is checked against the digest.
//! EdDSA, which signs no digest, is checked over the signing input
//! re-encoded from the decoded header and payload.

use core::fmt;
use core::ops::Range;

use zeroize::Zeroize;

use super::{Claims, Jwt, Validation};
use crate::algorithm::SignatureAlgorithm;
use crate::backend::{Prehash, SignedInput};
use crate::error::Error;
use crate::header::{Header, HeaderAt, HeaderBuf, WipedStorage};
use crate::json::{JsonStr, Value};
use crate::jws::{self, in_place::Opened};
use crate::keys::{IssuerKeys, PublicKey};
use crate::policy::Policy;

/// A decrypted (or, for a signed-only token, parsed) JWT whose signature is
/// not verified yet. Its claims cannot be read: only what choosing the
/// issuer's key needs. Dropping it without a successful
/// [`Unverified::verify`] wipes the caller's buffer.
///
/// ```
/// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
///
/// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
/// let rules = jwt::Validation::new()
///     .issuer("https://tenant.example.auth0.com/")
///     .audience("https://api.example.com");
/// let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
///
/// // The issuer's keys, chosen or fetched for what the token names.
/// assert!(opened.header().kid().unwrap() == "issuer-2024");
/// assert!(opened.unverified_issuer().unwrap() == "https://tenant.example.auth0.com/");
/// let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// let jwt = opened.verify(&issuer, &rules, 1_700_000_100)?;
/// assert!(jwt.claims().subject().unwrap() == "auth0|5f7c8ec7c33c6c004bbafe82");
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct Unverified<'b> {
    outer: Option<HeaderBuf<WipedStorage<'b>>>,
    inner: HeaderAt,
    header_bytes: Range<usize>,
    alg: SignatureAlgorithm,
    prehash: Option<Prehash>,
    payload: Range<usize>,
    signature: Range<usize>,
    claims: Range<usize>,
    policy: Policy,
    body: &'b mut [u8],
}

impl<'b> Unverified<'b> {
    /// The view over a signed token opened in place in `body`. On failure
    /// `body` is wiped.
    pub(crate) fn new(
        outer: Option<HeaderBuf<WipedStorage<'b>>>,
        opened: Opened,
        body: &'b mut [u8],
        policy: Policy,
    ) -> Result<Self, Error> {
        let payload = opened.payload.clone();
        let mut unverified = Unverified {
            outer,
            inner: opened.header,
            header_bytes: opened.header_bytes,
            alg: opened.alg,
            prehash: opened.prehash,
            payload: payload.clone(),
            signature: opened.signature,
            claims: 0..0,
            policy,
            body,
        };
        // The claims' types are checked now, so that `iss` can be offered to
        // key choice; nothing is trusted before the signature verifies.
        // (On error, dropping `unverified` wipes the buffer.)
        let start = payload.start;
        let decoded = unverified.body.get(payload).ok_or(Error::internal())?;
        let claims = Claims::parse(decoded)?;
        let raw = claims.json().raw();
        let offset = (raw.as_ptr() as usize).saturating_sub(decoded.as_ptr() as usize);
        unverified.claims = start + offset..start + offset + raw.len();
        Ok(unverified)
    }

    /// The signed token's (JWS) header: `alg`, `kid`, `typ`, `x5t#S256`.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PrivateKeySet};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// assert!(opened.header().alg() == "RS256");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn header(&self) -> Header<'_> {
        self.inner.view(self.body)
    }

    /// The encryption (JWE) header, for a nested token.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PrivateKeySet};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// assert!(opened.encryption_header().unwrap().kid().unwrap() == "api-enc-2048");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn encryption_header(&self) -> Option<Header<'_>> {
        self.outer.as_ref().map(HeaderBuf::view)
    }

    /// The signature algorithm.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PrivateKeySet};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// assert_eq!(opened.algorithm(), jose_core::SignatureAlgorithm::Rs256);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.alg
    }

    /// The claims' `iss`, NOT verified: for choosing the issuer's keys only.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::PrivateKeySet};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// assert!(opened.unverified_issuer().unwrap() == "https://tenant.example.auth0.com/");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn unverified_issuer(&self) -> Option<JsonStr<'_>> {
        self.claims().issuer()
    }

    /// The key [`Unverified::verify`] would verify with, chosen from `keys`
    /// as it would choose it. Nothing is consumed or wiped: on a `key` error
    /// (see [`Error::key_miss`]) refetch the issuer's keys and ask again.
    ///
    /// ```
    /// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// let mut issuer = PublicKeySet::new(); // a stale cache
    /// if opened.issuer_key(&issuer).is_err() {
    ///     issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?; // refetched
    /// }
    /// assert!(opened.verify(&issuer, &rules, 1_700_000_100).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    ///
    /// [`Error::key_miss`]: crate::Error::key_miss
    pub fn issuer_key<'k, K: IssuerKeys + ?Sized>(
        &self,
        keys: &'k K,
    ) -> Result<&'k PublicKey, Error> {
        keys.issuer_key(&self.key_request())
    }

    /// What the issuer's keys are asked with: the signed header, the
    /// algorithm and the unverified `iss`.
    fn key_request(&self) -> crate::keys::IssuerRequest<'_> {
        crate::keys::IssuerRequest::new(
            self.inner.view(self.body),
            self.alg,
            self.unverified_issuer(),
        )
    }

    /// Verifies the signature with the key `keys` gives, then checks the
    /// header's `typ` and validates the claims against `rules` at `now`.
    /// On any failure the buffer is wiped: to retry with other keys, ask
    /// [`Unverified::issuer_key`] first.
    ///
    /// ```
    /// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}, ErrorKind};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// # let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// # let token = include_str!("../../../vectors/interop/auth0-access-token.jwe").trim();
    /// let rules = jwt::Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://other.example");
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// let err = opened.verify(&issuer, &rules, 1_700_000_100).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Audience);
    /// assert!(buf.iter().all(|b| *b == 0));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn verify<K: IssuerKeys + ?Sized>(
        mut self,
        keys: &K,
        rules: &Validation<'_>,
        now: u64,
    ) -> Result<Jwt<'b>, Error> {
        let signature = self
            .body
            .get(self.signature.clone())
            .ok_or(Error::internal())?;
        let input = match &self.prehash {
            Some(prehash) => SignedInput::Digest(prehash),
            None => SignedInput::Decoded {
                header: self
                    .body
                    .get(self.header_bytes.clone())
                    .ok_or(Error::internal())?,
                payload: self
                    .body
                    .get(self.payload.clone())
                    .ok_or(Error::internal())?,
            },
        };
        jws::verify_with(keys, &self.key_request(), &self.policy, &input, signature)?;
        rules.validate_signed(&self.inner.view(self.body), &self.claims(), now)?;
        // Verified: hand the buffer to the Jwt, so dropping `self` wipes nothing.
        let body: &'b mut [u8] = core::mem::take(&mut self.body);
        let body: &'b [u8] = body;
        Ok(Jwt {
            outer: self.outer.take().map(HeaderBuf::into_text),
            inner: self.inner.clone().into_text(body),
            claims: claims_at(body, &self.claims),
        })
    }

    /// The claims, parsed and type-checked but not trusted.
    fn claims(&self) -> Claims<'_> {
        claims_at(self.body, &self.claims)
    }
}

/// The claims `Unverified::new` parsed at `range` of `body` (not parsed again).
pub(super) fn claims_at<'a>(body: &'a [u8], range: &Range<usize>) -> Claims<'a> {
    let text = body
        .get(range.clone())
        .and_then(|bytes| core::str::from_utf8(bytes).ok())
        .unwrap_or("{}");
    Claims::validated(Value::validated(text))
}

impl Drop for Unverified<'_> {
    fn drop(&mut self) {
        self.body.zeroize();
    }
}

impl fmt::Debug for Unverified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The inner token is plaintext of the JWE: lengths and names only.
        f.debug_struct("Unverified")
            .field("encryption_header", &self.encryption_header())
            .field("alg", &self.algorithm())
            .field("claims_len", &self.claims.len())
            .finish_non_exhaustive()
    }
}
