//! The compact JWS serialization (RFC 7515 §7.1).

use core::fmt;

use crate::algorithm::{self, SignatureAlgorithm};
use crate::backend::SignedInput;
use crate::base64url;
use crate::error::{Detail, Error, Part};
use crate::header::{Header, HeaderBuf};
use crate::json::JsonStr;
use crate::keys::{IssuerKeys, IssuerRequest, PublicKey, VerifiedBy};
use crate::policy::{MAX_HEADER_LEN, MAX_RSA_BITS, Policy};

/// The longest signature: the largest accepted RSA modulus, in bytes.
pub(crate) const MAX_SIGNATURE_LEN: usize = MAX_RSA_BITS / 8;

/// A parsed compact JWS whose header has passed every check; the payload stays
/// encoded until it is verified.
///
/// ```
/// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
/// assert_eq!(jws.algorithm(), jose_core::SignatureAlgorithm::Rs256);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct Compact<'t, S = [u8; MAX_HEADER_LEN]> {
    header: HeaderBuf<S>,
    signing_input: &'t str,
    payload: &'t str,
    payload_len: usize,
    signature: [u8; MAX_SIGNATURE_LEN],
    signature_len: usize,
    alg: SignatureAlgorithm,
    policy: Policy,
}

impl<'t> Compact<'t> {
    /// Parses `token` under the default [`Policy`].
    ///
    /// ```
    /// use jose_core::{jws::Compact, ErrorKind};
    /// // {"alg":"none"}.{}. : an unsigned token
    /// let err = Compact::parse("eyJhbGciOiJub25lIn0.e30.").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Policy);
    /// ```
    pub fn parse(token: &'t str) -> Result<Self, Error> {
        Self::parse_with_policy(token, &Policy::new())
    }

    /// Parses `token`, applying `policy`'s limits and signature allow-list.
    /// No key is involved.
    ///
    /// ```
    /// use jose_core::{jws::Compact, ErrorKind, Policy, SignatureAlgorithm, SignatureAlgorithms};
    /// let ps_only = Policy::new().signature_algorithms(SignatureAlgorithms::none().with(SignatureAlgorithm::Ps256));
    /// let err = Compact::parse_with_policy(include_str!("../../../vectors/rfc7515_A2.jws").trim(), &ps_only)
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Policy);
    /// ```
    pub fn parse_with_policy(token: &'t str, policy: &Policy) -> Result<Self, Error> {
        Compact::parse_into(token, policy, [0; MAX_HEADER_LEN])
    }
}

impl<'t, S: AsRef<[u8]> + AsMut<[u8]>> Compact<'t, S> {
    /// [`Compact::parse_with_policy`], decoding the header into `storage`
    /// instead of a 4 KiB array: a smaller array (a header longer than it is
    /// a `buffer` error), or a slice of a buffer you own.
    ///
    /// ```
    /// use jose_core::{jws::Compact, Policy};
    /// let token = include_str!("../../../vectors/rfc7515_A2.jws").trim();
    /// let jws = Compact::parse_into(token, &Policy::new(), [0u8; 64])?;
    /// assert!(jws.header().alg() == "RS256");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn parse_into(token: &'t str, policy: &Policy, storage: S) -> Result<Self, Error> {
        let [header, payload, signature] = crate::compact::split::<3>(token, policy)?;
        let payload_len = base64url::checked_decoded_len(payload.as_bytes(), Part::Payload)?;
        let signature_len = check_signature_len(base64url::checked_decoded_len(
            signature.as_bytes(),
            Part::Signature,
        )?)?;

        // Built in place, like the JWE view: no 4 KiB header moves.
        let mut jws = Compact {
            header: HeaderBuf::with_storage(storage),
            signing_input: token
                .get(..header.len() + 1 + payload.len())
                .ok_or(Error::internal())?,
            payload,
            payload_len,
            signature: [0; MAX_SIGNATURE_LEN],
            signature_len,
            alg: SignatureAlgorithm::Rs256,
            policy: *policy,
        };
        jws.header
            .decode_into(header.as_bytes(), policy.max_header())?;
        let alg = algorithm::signature_algorithm(jws.header.view().alg(), false)?;
        policy.check_signature_algorithm(alg)?;
        jws.alg = alg;
        base64url::decode_public(signature.as_bytes(), &mut jws.signature, Part::Signature)?;
        Ok(jws)
    }
}

impl<'t, S: AsRef<[u8]>> Compact<'t, S> {
    /// The protected header.
    ///
    /// ```
    /// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// assert!(jws.header().alg() == "RS256");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn header(&self) -> Header<'_> {
        self.header.view()
    }

    /// The signature algorithm.
    ///
    /// ```
    /// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// assert_eq!(jws.algorithm().name(), "RS256");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.alg
    }

    /// The buffer size [`Compact::verify_into`] needs: the decoded payload length.
    ///
    /// ```
    /// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// assert_eq!(jws.payload_len(), 70);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn payload_len(&self) -> usize {
        self.payload_len
    }

    /// What this token asks the issuer's keys for ([`IssuerKeys`]), with the
    /// claims' unverified `iss` if the caller has read it.
    ///
    /// ```
    /// use jose_core::keys::{IssuerKeys, PublicKeySet};
    /// let token = include_str!("../../../vectors/rfc7520_4_1.jws").trim();
    /// let jws = jose_core::jws::Compact::parse(token)?;
    /// let err = PublicKeySet::new().issuer_key(&jws.key_request(None)).unwrap_err();
    /// assert_eq!(err.key_miss().unwrap().kid(), Some("bilbo.baggins@hobbiton.example"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn key_request<'a>(&'a self, issuer: Option<JsonStr<'a>>) -> IssuerRequest<'a> {
        IssuerRequest::new(self.header(), self.alg, issuer)
    }

    /// Chooses the key the header names in `keys` (a public key, or for
    /// HS256/384/512 the shared secret `keys` answers with) and verifies the
    /// signature with it; returns the key that verified. The payload is not
    /// decoded.
    ///
    /// Errors: `key` (no key matches, or its `use`/`key_ops`/`alg` forbids
    /// this algorithm), `policy` (key size outside the policy), `signature`
    /// (the signature is not exactly the key's signature length, or does not
    /// verify).
    ///
    /// ```
    /// use jose_core::keys::{PublicKey, PublicKeySet};
    /// let issuer = PublicKeySet::new()
    ///     .with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// assert_eq!(jws.verify(&issuer)?.public_key().unwrap().bits(), 2048);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn verify<'k, K: IssuerKeys + ?Sized>(&self, keys: &'k K) -> Result<VerifiedBy<'k>, Error> {
        let input = SignedInput::Text(self.signing_input.as_bytes());
        verify_with(
            keys,
            &self.key_request(None),
            &self.policy,
            &input,
            self.signature()?,
        )
    }

    /// The decoded signature.
    fn signature(&self) -> Result<&[u8], Error> {
        self.signature
            .get(..self.signature_len)
            .ok_or_else(Error::internal)
    }

    /// Verifies (see [`Compact::verify`]), then decodes the payload into `buf`
    /// and returns it. Nothing is decoded unless the signature verified.
    ///
    /// ```
    /// use jose_core::keys::{PublicKey, PublicKeySet};
    /// let issuer = PublicKeySet::new()
    ///     .with(PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?)?;
    /// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// let mut buf = vec![0u8; jws.payload_len()];
    /// let claims = jose_core::jwt::Claims::parse(jws.verify_into(&issuer, &mut buf)?)?;
    /// assert!(claims.issuer().unwrap() == "joe");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn verify_into<'b, K: IssuerKeys + ?Sized>(
        &self,
        keys: &K,
        buf: &'b mut [u8],
    ) -> Result<&'b [u8], Error> {
        self.verify(keys)?;
        let payload = base64url::decode(self.payload.as_bytes(), buf, Part::Payload)?;
        Ok(payload)
    }
}

impl<S: AsRef<[u8]>> fmt::Debug for Compact<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compact")
            .field("header", &self.header())
            .field("payload_len", &self.payload_len)
            .field("signature_len", &self.signature_len)
            .finish_non_exhaustive()
    }
}

/// A signature is never longer than the largest accepted RSA modulus.
pub(crate) fn check_signature_len(len: usize) -> Result<usize, Error> {
    if len > MAX_SIGNATURE_LEN {
        return Err(Error::malformed(
            Part::Signature,
            "longer than the largest accepted RSA modulus",
        )
        .with(Detail::Limit {
            found: len,
            limit: MAX_SIGNATURE_LEN,
        }));
    }
    Ok(len)
}

/// The key choice and signature check shared by a plain JWS and the nested
/// path: a shared secret for HMAC (`IssuerKeys::issuer_secret`), a public
/// key for everything else (`issuer_key`), never the other way round.
pub(crate) fn verify_with<'k, K: IssuerKeys + ?Sized>(
    keys: &'k K,
    request: &IssuerRequest<'_>,
    policy: &Policy,
    input: &SignedInput<'_>,
    signature: &[u8],
) -> Result<VerifiedBy<'k>, Error> {
    let alg = request.algorithm();
    if alg.is_hmac() {
        let secret = keys.issuer_secret(request)?;
        secret.verify_input(alg, input, signature)?;
        return Ok(VerifiedBy::Secret(secret));
    }
    let key = keys.issuer_key(request)?;
    verify_input(key, policy, alg, input, signature)?;
    Ok(VerifiedBy::Public(key))
}

/// The public-key signature check: the key's size within the policy, then
/// the signature over the signing input (on the nested path, its digest
/// taken while it was still encoded, or its decoded parts). Not inlined:
/// the curves' dispatch and prehash locals would join the caller's frame,
/// under the P-256 arithmetic on a device's stack (EMBEDDED.md).
#[inline(never)]
pub(crate) fn verify_input(
    key: &PublicKey,
    policy: &Policy,
    alg: SignatureAlgorithm,
    input: &SignedInput<'_>,
    signature: &[u8],
) -> Result<(), Error> {
    if let Some(bits) = key.rsa_bits() {
        policy.check_rsa_bits(bits)?;
    }
    key.verify_input(alg, input, signature)
}
