//! Choosing keys: the two small traits a token's layers ask their keys
//! through, and what each asks with.
//!
//! A nested token is opened in two steps, each with its own collection of
//! keys: the receiver's private keys open the JWE ([`DecryptionKeys`]), the
//! issuer's public keys verify the JWS inside ([`IssuerKeys`]). The key sets
//! implement both traits; a caller implements them to choose keys another way:
//! by the token's (still unverified) `iss`, from a cache of remote JWK Sets,
//! or from a database. Because the issuer's key is asked for only after
//! decryption, through a value that can be asked again
//! ([`crate::jwt::Unverified::issuer_key`]), a refetch on an unknown `kid`
//! never costs a second RSA private operation.

use super::meta::{Algorithm, KeyKind, Purpose};
use super::{
    KeysFingerprint, PrivateKey, PrivateKeySet, PublicKey, PublicKeySet, SecretKey, SecretKeySet,
};
use crate::algorithm::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use crate::error::{Detail, Error, ErrorKind, KeyMiss, KeySide, Part};
use crate::header::Header;
use crate::json::JsonStr;

/// What the JWE layer asks the receiver's keys for: its header (`kid`,
/// `x5t#S256`) and its key-management algorithm.
///
/// ```
/// use jose_core::keys::{DecryptionKeys, DecryptionRequest, PrivateKey, PrivateKeySet};
///
/// /// Keys chosen by the kid alone, refusing tokens that name none.
/// struct ByKidOnly(PrivateKeySet);
/// impl DecryptionKeys for ByKidOnly {
///     fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, jose_core::Error> {
///         match request.header().kid() {
///             Some(_) => self.0.decryption_key(request),
///             None => Err(request.miss()),
///         }
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DecryptionRequest<'a> {
    header: Header<'a>,
    alg: KeyAlgorithm,
    enc: ContentAlgorithm,
    /// For ECDH-ES: the kind (type and curve) of the token's ephemeral key.
    agreement: Option<KeyKind>,
}

impl<'a> DecryptionRequest<'a> {
    pub(crate) fn new(
        header: Header<'a>,
        alg: KeyAlgorithm,
        enc: ContentAlgorithm,
        agreement: Option<KeyKind>,
    ) -> Self {
        DecryptionRequest {
            header,
            alg,
            enc,
            agreement,
        }
    }

    /// What a key must be allowed to do for this token: the key algorithm,
    /// for ECDH-ES with the ephemeral key's type and curve (so a set picks
    /// the key of the token's curve even without a `kid`).
    pub(crate) fn key_algorithm(&self) -> Algorithm {
        match self.agreement {
            Some(on) if self.alg.is_ecdh() => Algorithm::Agreement(self.alg, on),
            _ => Algorithm::for_key(self.alg, self.enc),
        }
    }

    /// The content encryption algorithm (`enc`): for `dir`, the length the
    /// shared key must have.
    ///
    /// ```
    /// let token = include_str!("../../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert_eq!(jwe.key_request().content_algorithm(), jose_core::ContentAlgorithm::A256Gcm);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn content_algorithm(&self) -> ContentAlgorithm {
        self.enc
    }

    /// The JWE's protected header.
    ///
    /// ```
    /// # use jose_core::keys::{DecryptionKeys, DecryptionRequest, PrivateKey};
    /// struct Log;
    /// impl DecryptionKeys for Log {
    ///     fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, jose_core::Error> {
    ///         assert!(request.header().enc().is_some());
    ///         Err(request.miss())
    ///     }
    /// }
    /// ```
    pub fn header(&self) -> Header<'a> {
        self.header
    }

    /// The key-management algorithm (`alg`).
    ///
    /// ```
    /// # use jose_core::keys::{DecryptionKeys, DecryptionRequest, PrivateKey};
    /// struct OaepSha256Only<'k>(&'k PrivateKey);
    /// impl DecryptionKeys for OaepSha256Only<'_> {
    ///     fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, jose_core::Error> {
    ///         if request.algorithm() == jose_core::KeyAlgorithm::RsaOaep256 { Ok(self.0) } else { Err(request.miss()) }
    ///     }
    /// }
    /// ```
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.alg
    }

    /// The `key` error that says no key matched this request, carrying the
    /// `kid`/`x5t#S256` asked for ([`Error::key_miss`]).
    ///
    /// ```
    /// # use jose_core::keys::{DecryptionKeys, DecryptionRequest, PrivateKey};
    /// struct NoKeys;
    /// impl DecryptionKeys for NoKeys {
    ///     fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, jose_core::Error> {
    ///         Err(request.miss())
    ///     }
    /// }
    /// ```
    pub fn miss(&self) -> Error {
        miss(
            KeySide::Decryption,
            &self.header,
            "no decryption key matches the token",
        )
    }
}

/// What the JWS layer asks the issuer's keys for: its header (`kid`,
/// `x5t#S256`), its signature algorithm and the claims' `iss`, which is not
/// verified yet (use it only to choose keys: the chosen key then has to
/// verify the signature over that same `iss`).
///
/// ```
/// use jose_core::keys::{IssuerKeys, IssuerRequest, PublicKey, PublicKeySet};
///
/// /// Two tenants, each with its own keys, chosen by the token's `iss`.
/// struct Tenants { a: PublicKeySet, b: PublicKeySet }
/// impl IssuerKeys for Tenants {
///     fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, jose_core::Error> {
///         match request.unverified_issuer() {
///             Some(iss) if iss == "https://a.example/" => self.a.issuer_key(request),
///             Some(iss) if iss == "https://b.example/" => self.b.issuer_key(request),
///             _ => Err(request.miss()),
///         }
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct IssuerRequest<'a> {
    header: Header<'a>,
    alg: SignatureAlgorithm,
    issuer: Option<JsonStr<'a>>,
}

impl<'a> IssuerRequest<'a> {
    pub(crate) fn new(
        header: Header<'a>,
        alg: SignatureAlgorithm,
        issuer: Option<JsonStr<'a>>,
    ) -> Self {
        IssuerRequest {
            header,
            alg,
            issuer,
        }
    }

    /// The signed token's (JWS) protected header.
    ///
    /// ```
    /// # use jose_core::keys::{IssuerKeys, IssuerRequest, PublicKey};
    /// struct Log;
    /// impl IssuerKeys for Log {
    ///     fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, jose_core::Error> {
    ///         let _kid = request.header().kid();
    ///         Err(request.miss())
    ///     }
    /// }
    /// ```
    pub fn header(&self) -> Header<'a> {
        self.header
    }

    /// The signature algorithm.
    ///
    /// ```
    /// # use jose_core::keys::{IssuerKeys, IssuerRequest, PublicKey};
    /// struct Rs256Only<'k>(&'k PublicKey);
    /// impl IssuerKeys for Rs256Only<'_> {
    ///     fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, jose_core::Error> {
    ///         if request.algorithm() == jose_core::SignatureAlgorithm::Rs256 { Ok(self.0) } else { Err(request.miss()) }
    ///     }
    /// }
    /// ```
    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.alg
    }

    /// The claims' `iss`, NOT verified yet: for choosing keys only.
    ///
    /// ```
    /// # use jose_core::keys::{IssuerKeys, IssuerRequest, PublicKey, PublicKeySet};
    /// struct One(PublicKeySet);
    /// impl IssuerKeys for One {
    ///     fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, jose_core::Error> {
    ///         match request.unverified_issuer() {
    ///             Some(iss) if iss == "https://tenant.example.auth0.com/" => self.0.issuer_key(request),
    ///             _ => Err(request.miss()),
    ///         }
    ///     }
    /// }
    /// ```
    pub fn unverified_issuer(&self) -> Option<JsonStr<'a>> {
        self.issuer
    }

    /// The `key` error that says no key matched this request, carrying the
    /// `kid`/`x5t#S256` asked for ([`Error::key_miss`]).
    ///
    /// ```
    /// # use jose_core::keys::{IssuerKeys, IssuerRequest, PublicKey};
    /// struct NoKeys;
    /// impl IssuerKeys for NoKeys {
    ///     fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, jose_core::Error> {
    ///         Err(request.miss())
    ///     }
    /// }
    /// ```
    pub fn miss(&self) -> Error {
        miss(
            KeySide::Issuer,
            &self.header,
            "no issuer key matches the token",
        )
    }
}

pub(crate) fn miss(side: KeySide, header: &Header<'_>, reason: &'static str) -> Error {
    Error::new(ErrorKind::Key, Some(Part::Key), reason).with(Detail::KeyMiss(KeyMiss::new(
        side,
        header.kid().map(|kid| kid.chars()),
        header.x5t_s256(),
    )))
}

/// The key a signature verified with: the issuer's public key, or (HMAC)
/// the shared secret.
///
/// ```
/// use jose_core::keys::{PublicKey, VerifiedBy};
/// let key = PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
/// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
/// let used = jws.verify(&key)?;
/// assert!(matches!(used, VerifiedBy::Public(_)));
/// assert_eq!(used.kid(), None);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum VerifiedBy<'k> {
    /// A public key (RSA, EC, Ed25519).
    Public(&'k PublicKey),
    /// A shared secret (HS256/384/512).
    Secret(&'k SecretKey),
}

impl<'k> VerifiedBy<'k> {
    /// The key's `kid`, if it has one.
    ///
    /// ```
    /// use jose_core::keys::SecretKey;
    /// let secret = SecretKey::from_bytes(&[1u8; 32])?.with_kid("s");
    /// let signer = jose_core::jws::Signer::hmac(&secret, jose_core::SignatureAlgorithm::Hs256)?;
    /// let mut out = vec![0u8; signer.output_len(2)?];
    /// let token = signer.sign(b"{}", &mut jose_core::os_rng(), &mut out)?;
    /// assert_eq!(jose_core::jws::Compact::parse(token)?.verify(&secret)?.kid(), Some("s"));
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(&self) -> Option<&'k str> {
        match self {
            VerifiedBy::Public(key) => key.kid(),
            VerifiedBy::Secret(key) => key.kid(),
        }
    }

    /// The public key, unless a shared secret verified.
    ///
    /// ```
    /// use jose_core::keys::PublicKey;
    /// let key = PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// let jws = jose_core::jws::Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// assert_eq!(jws.verify(&key)?.public_key().unwrap().thumbprint(), key.thumbprint());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn public_key(&self) -> Option<&'k PublicKey> {
        match self {
            VerifiedBy::Public(key) => Some(key),
            VerifiedBy::Secret(_) => None,
        }
    }
}

/// The receiver's private keys, as the JWE layer asks for them.
///
/// Implemented by [`PrivateKeySet`] (by `kid`, then `x5t#S256`, else the one
/// usable key) and by a single [`PrivateKey`] (the key, if its `use`,
/// `key_ops` and `alg` allow the token's algorithm).
///
/// ```
/// use jose_core::keys::{DecryptionKeys, PrivateKeySet};
/// fn open_with(keys: &impl DecryptionKeys) { let _ = keys; }
/// open_with(&PrivateKeySet::new());
/// ```
pub trait DecryptionKeys {
    /// The key that opens the token `request` describes, or a `key` error
    /// (use [`DecryptionRequest::miss`] when none matches).
    ///
    /// ```
    /// use jose_core::{jwe::Compact, keys::{DecryptionKeys, PrivateKey}};
    /// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
    /// let token = include_str!("../../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = Compact::parse(token)?;
    /// assert!(key.decryption_key(&jwe.key_request()).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error>;

    /// The shared secret that opens a `dir`, AES key-wrap or AES-GCM
    /// key-wrap token `request` describes. The default has none: a `key`
    /// error, so symmetric tokens are refused unless a secret was
    /// configured (a [`SecretKey`], [`WithSecret`], or an implementation
    /// that answers here).
    ///
    /// ```
    /// use jose_core::keys::{DecryptionKeys, PrivateKeySet, SecretKey};
    /// let token = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA";
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// // Private keys never answer for a symmetric token.
    /// assert!(PrivateKeySet::new().decryption_secret(&jwe.key_request()).is_err());
    /// let secret = SecretKey::from_bytes(&[5u8; 16])?;
    /// assert!(secret.decryption_secret(&jwe.key_request()).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    fn decryption_secret(&self, request: &DecryptionRequest<'_>) -> Result<&SecretKey, Error> {
        Err(miss(
            KeySide::Decryption,
            &request.header,
            "a token for a shared key (dir or AES key wrap), and no shared secret is \
             configured for it",
        ))
    }

    /// What identifies these keys for a verified-token cache
    /// ([`KeysFingerprint`]): the fingerprint of the keys `decryption_key`
    /// answers from right now. `None`, the default, says the keys cannot
    /// tell when they change: tokens opened with them are never cached.
    ///
    /// ```
    /// use jose_core::keys::{DecryptionKeys, PrivateKeySet};
    /// let mine = PrivateKeySet::from_jwks(include_str!("../../../vectors/interop/api.private.jwks.json"))?;
    /// assert!(mine.fingerprint().is_some());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    fn fingerprint(&self) -> Option<KeysFingerprint> {
        None
    }
}

/// The issuer's public keys, as the JWS layer asks for them.
///
/// Implemented by [`PublicKeySet`] (by `kid`, then `x5t#S256`, else the one
/// usable key) and by a single [`PublicKey`].
///
/// ```
/// use jose_core::keys::{IssuerKeys, PublicKeySet};
/// fn verify_with(keys: &impl IssuerKeys) { let _ = keys; }
/// verify_with(&PublicKeySet::new());
/// ```
pub trait IssuerKeys {
    /// The key that verifies the token `request` describes, or a `key`
    /// error (use [`IssuerRequest::miss`] when none matches).
    ///
    /// ```
    /// use jose_core::{jws::Compact, keys::{IssuerKeys, PublicKey}};
    /// let key = PublicKey::from_jwk(include_str!("../../../vectors/rfc7515_A2.public.json"))?;
    /// let jws = Compact::parse(include_str!("../../../vectors/rfc7515_A2.jws").trim())?;
    /// assert!(key.issuer_key(&jws.key_request(None)).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error>;

    /// The shared secret that verifies an HMAC token (HS256/384/512) that
    /// `request` describes. The default has none: a `key` error, so HMAC
    /// tokens are refused unless a secret was configured (a [`SecretKey`],
    /// or an implementation that answers here).
    ///
    /// ```
    /// use jose_core::keys::{IssuerKeys, PublicKeySet, SecretKey};
    /// // Public keys never answer for an HMAC token.
    /// # let jws = jose_core::jws::Compact::parse("eyJhbGciOiJIUzI1NiJ9.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")?;
    /// assert!(PublicKeySet::new().issuer_secret(&jws.key_request(None)).is_err());
    /// let secret = SecretKey::from_bytes(&[5u8; 32])?;
    /// assert!(secret.issuer_secret(&jws.key_request(None)).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    fn issuer_secret(&self, request: &IssuerRequest<'_>) -> Result<&SecretKey, Error> {
        Err(miss(
            KeySide::Issuer,
            &request.header,
            "an HMAC token, and no shared secret is configured for it",
        ))
    }

    /// What identifies these keys for a verified-token cache
    /// ([`KeysFingerprint`]): the fingerprint of the keys `issuer_key`
    /// answers from right now (a remote JWK Set: its current snapshot's).
    /// `None`, the default, says the keys cannot tell when they change:
    /// tokens verified with them are never cached.
    ///
    /// ```
    /// use jose_core::keys::{IssuerKeys, PublicKeySet};
    /// let issuer = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
    /// assert!(issuer.fingerprint().is_some());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    fn fingerprint(&self) -> Option<KeysFingerprint> {
        None
    }
}

impl DecryptionKeys for PrivateKeySet {
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        self.select(&request.header, request.key_algorithm())
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        Some(PrivateKeySet::fingerprint(self))
    }
}

impl DecryptionKeys for PrivateKey {
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        self.check_usable_for_request(request.key_algorithm())?;
        Ok(self)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        Some(KeysFingerprint::of_key(&self.thumbprint(), &self.meta))
    }
}

impl IssuerKeys for PublicKeySet {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        self.select(&request.header, request.alg)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        Some(PublicKeySet::fingerprint(self))
    }
}

impl IssuerKeys for PublicKey {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        self.check_usable_for_verifying(request.alg)?;
        Ok(self)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        Some(KeysFingerprint::of_key(&self.thumbprint(), &self.meta))
    }
}

impl<T: DecryptionKeys + ?Sized> DecryptionKeys for &T {
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        (**self).decryption_key(request)
    }

    fn decryption_secret(&self, request: &DecryptionRequest<'_>) -> Result<&SecretKey, Error> {
        (**self).decryption_secret(request)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        (**self).fingerprint()
    }
}

impl IssuerKeys for SecretKey {
    /// A secret verifies HMAC tokens only: a `key` error for any other.
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        Err(miss(
            KeySide::Issuer,
            &request.header,
            "a shared secret verifies HMAC tokens only",
        ))
    }

    /// The secret, if the token names no other `kid` and its `use`,
    /// `key_ops`, `alg` and length allow the token's algorithm.
    fn issuer_secret(&self, request: &IssuerRequest<'_>) -> Result<&SecretKey, Error> {
        if let (Some(named), Some(own)) = (request.header.kid(), self.kid()) {
            if named != own {
                return Err(request.miss());
            }
        }
        self.check_usable_for_verifying(request.alg)?;
        Ok(self)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        SecretKey::fingerprint(self)
    }
}

impl DecryptionKeys for SecretKey {
    /// A secret opens symmetric tokens only: a `key` error for any other.
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        Err(miss(
            KeySide::Decryption,
            &request.header,
            "a shared secret opens dir and AES key-wrap tokens only",
        ))
    }

    /// The secret, if the token names no other `kid` and its `use`,
    /// `key_ops`, `alg` and length allow the token's algorithms.
    fn decryption_secret(&self, request: &DecryptionRequest<'_>) -> Result<&SecretKey, Error> {
        if let (Some(named), Some(own)) = (request.header.kid(), self.kid()) {
            if named != own {
                return Err(request.miss());
            }
        }
        self.check_usable_for_decryption(request.alg, request.enc)?;
        Ok(self)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        SecretKey::fingerprint(self)
    }
}

impl IssuerKeys for SecretKeySet {
    /// Secrets verify HMAC tokens only: a `key` error for any other.
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        Err(miss(
            KeySide::Issuer,
            &request.header,
            "a shared secret verifies HMAC tokens only",
        ))
    }

    /// The secret the token's `kid` names, else the one usable for its
    /// algorithm (see [`SecretKeySet`]).
    fn issuer_secret(&self, request: &IssuerRequest<'_>) -> Result<&SecretKey, Error> {
        self.select(&request.header, Purpose::Verify, request.alg.into())
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        SecretKeySet::fingerprint(self)
    }
}

impl DecryptionKeys for SecretKeySet {
    /// Secrets open symmetric tokens only: a `key` error for any other.
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        Err(miss(
            KeySide::Decryption,
            &request.header,
            "a shared secret opens dir and AES key-wrap tokens only",
        ))
    }

    /// The secret the token's `kid` names, else the one usable for its
    /// `alg` and `enc`.
    fn decryption_secret(&self, request: &DecryptionRequest<'_>) -> Result<&SecretKey, Error> {
        self.select(
            &request.header,
            Purpose::Decrypt,
            Algorithm::for_key(request.alg, request.enc),
        )
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        SecretKeySet::fingerprint(self)
    }
}

/// Keys and shared secrets together. As [`IssuerKeys`]: an OpenID
/// Provider's JWK Set (its RS, PS, ES and EdDSA tokens) and the client
/// secret (its HS256 ID tokens, OpenID Connect Core §10.1); public-key
/// tokens go to `keys`, HMAC tokens to the secret. As [`DecryptionKeys`]:
/// the receiver's private keys (RSA-OAEP, ECDH-ES) and a shared key (`dir`,
/// AES key wrap, §10.2's key derived from the client secret). Neither
/// answers for the other's tokens. The secret side is one [`SecretKey`] or,
/// for rotation, a [`SecretKeySet`].
///
/// ```
/// use jose_core::keys::{IssuerKeys, PublicKeySet, SecretKey, WithSecret};
/// let op = PublicKeySet::from_jwks(include_str!("../../../vectors/interop/issuer.jwks.json"))?;
/// let secret = SecretKey::from_client_secret("the client secret, 32 bytes or more")?;
/// let keys = WithSecret::new(op, secret);
/// assert!(keys.fingerprint().is_some());
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct WithSecret<K, S = SecretKey> {
    keys: K,
    secret: S,
}

impl<K, S> WithSecret<K, S> {
    /// `keys` for public-key tokens, `secret` (a [`SecretKey`] or a
    /// [`SecretKeySet`]) for symmetric ones.
    ///
    /// ```
    /// use jose_core::keys::{PublicKeySet, SecretKey, SecretKeySet, WithSecret};
    /// let one = WithSecret::new(PublicKeySet::new(), SecretKey::from_bytes(&[0u8; 32])?);
    /// let rotating = WithSecret::new(PublicKeySet::new(), SecretKeySet::new());
    /// # let _ = (one, rotating);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(keys: K, secret: S) -> Self {
        WithSecret { keys, secret }
    }
}

impl<K: IssuerKeys, S: IssuerKeys> IssuerKeys for WithSecret<K, S> {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        self.keys.issuer_key(request)
    }

    fn issuer_secret(&self, request: &IssuerRequest<'_>) -> Result<&SecretKey, Error> {
        self.secret.issuer_secret(request)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        Some(self.keys.fingerprint()?.combine(self.secret.fingerprint()?))
    }
}

impl<K: DecryptionKeys, S: DecryptionKeys> DecryptionKeys for WithSecret<K, S> {
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        self.keys.decryption_key(request)
    }

    fn decryption_secret(&self, request: &DecryptionRequest<'_>) -> Result<&SecretKey, Error> {
        self.secret.decryption_secret(request)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        Some(self.keys.fingerprint()?.combine(self.secret.fingerprint()?))
    }
}

impl<T: IssuerKeys + ?Sized> IssuerKeys for &T {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        (**self).issuer_key(request)
    }

    fn issuer_secret(&self, request: &IssuerRequest<'_>) -> Result<&SecretKey, Error> {
        (**self).issuer_secret(request)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        (**self).fingerprint()
    }
}

// Keys shared between threads (a server's receiver and its handlers).
#[cfg(target_has_atomic = "ptr")]
impl<T: DecryptionKeys + ?Sized> DecryptionKeys for alloc::sync::Arc<T> {
    fn decryption_key(&self, request: &DecryptionRequest<'_>) -> Result<&PrivateKey, Error> {
        (**self).decryption_key(request)
    }

    fn decryption_secret(&self, request: &DecryptionRequest<'_>) -> Result<&SecretKey, Error> {
        (**self).decryption_secret(request)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        (**self).fingerprint()
    }
}

#[cfg(target_has_atomic = "ptr")]
impl<T: IssuerKeys + ?Sized> IssuerKeys for alloc::sync::Arc<T> {
    fn issuer_key(&self, request: &IssuerRequest<'_>) -> Result<&PublicKey, Error> {
        (**self).issuer_key(request)
    }

    fn issuer_secret(&self, request: &IssuerRequest<'_>) -> Result<&SecretKey, Error> {
        (**self).issuer_secret(request)
    }

    fn fingerprint(&self) -> Option<KeysFingerprint> {
        (**self).fingerprint()
    }
}

/// The key a JWE is opened with: a private key (RSA-OAEP) or a shared
/// secret (`dir`, AES key wrap, AES-GCM key wrap). What
/// [`crate::jwe::Compact::decrypt`] takes; `&PrivateKey` and `&SecretKey`
/// convert into it.
///
/// ```
/// use jose_core::keys::{DecryptionKey, SecretKey};
/// let secret = SecretKey::from_bytes(&[1u8; 16])?;
/// assert!(matches!(DecryptionKey::from(&secret), DecryptionKey::Secret(_)));
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum DecryptionKey<'k> {
    /// An RSA private key, for RSA-OAEP.
    Private(&'k PrivateKey),
    /// A shared secret, for `dir` and key wrap.
    Secret(&'k SecretKey),
}

impl<'k> From<&'k PrivateKey> for DecryptionKey<'k> {
    fn from(key: &'k PrivateKey) -> Self {
        DecryptionKey::Private(key)
    }
}

impl<'k> From<&'k SecretKey> for DecryptionKey<'k> {
    fn from(key: &'k SecretKey) -> Self {
        DecryptionKey::Secret(key)
    }
}

/// The key of `keys` that opens the token `request` describes: the one
/// place that sends symmetric algorithms to the secret and RSA-OAEP to the
/// private keys, so neither can answer for the other's tokens.
pub(crate) fn decryption_key_for<'k, K: DecryptionKeys + ?Sized>(
    keys: &'k K,
    request: &DecryptionRequest<'_>,
) -> Result<DecryptionKey<'k>, Error> {
    if request.alg.is_symmetric() {
        keys.decryption_secret(request).map(DecryptionKey::Secret)
    } else {
        keys.decryption_key(request).map(DecryptionKey::Private)
    }
}
