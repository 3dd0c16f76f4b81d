//! The crate's one error type.
//!
//! Every failure is an [`Error`]: a coarse [`ErrorKind`] that callers match on,
//! the part of the token it concerns, and a precise, static message. Messages are
//! built only from static text and numbers (lengths, offsets, limits): never from
//! key material, content keys, plaintext or attacker-chosen strings.

use core::fmt;

/// What kind of failure an [`Error`] is; the value callers match on.
///
/// ```
/// use jose_core::{jwe, ErrorKind};
///
/// let err = jwe::Compact::parse("a.b.c").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Malformed);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Syntax: part count, base64url, JSON, wrong lengths, wrong types.
    Malformed,
    /// An algorithm, `zip`, a `crit` extension or a serialization the crate does
    /// not implement; a key of a type it does not use; an export the format
    /// cannot express (a PSS-only key as a JWK without a PS `alg`).
    Unsupported,
    /// Implemented but refused by the policy: an algorithm not allowed, a key
    /// too small, an inner token that is not a signed JWS, a `cty` other
    /// than `JWT`.
    Policy,
    /// No key matches the token ([`Error::key_miss`] says which side and
    /// what was named), the key found may not be used for the token's
    /// algorithm (its `use`, `key_ops`, `alg` or PSS restriction), or two
    /// different keys could be meant (a `kid` the set cannot resolve).
    Key,
    /// Key unwrap or content authentication failed. One kind for every cause, on
    /// purpose: a wrong key, a bad RSA-OAEP block and a bad tag are indistinguishable.
    Decrypt,
    /// Input over a documented limit ([`Error::limit`] gives it), or a
    /// buffer sized from the input that cannot be allocated.
    TooLarge,
    /// The caller's buffer is too small; the message says how large it must be.
    Buffer,
    /// A key could not be imported, or what it states contradicts itself
    /// (`use` against `key_ops`, a certificate for another key).
    InvalidKey,
    /// The JWS signature does not verify.
    Signature,
    /// The token's `exp` is not after the current time (with leeway), or
    /// the token is older than a maximum age the rules set: `iat` past
    /// `max_age`, `auth_time` past `max_auth_age`.
    Expired,
    /// The token's `nbf` is after the current time (with leeway), or its
    /// `iat` is in the future (checked when a maximum age is set).
    NotYetValid,
    /// The `iss` claim is not an expected issuer.
    Issuer,
    /// The `aud` claim names none of the expected audiences, or an ID
    /// token's `azp` names another client.
    Audience,
    /// A claim the validation requires is absent.
    MissingClaim,
    /// A claim has another value than the one expected (`sub`, `nonce`),
    /// or the token's lifetime (`exp` - `iat`) is over the maximum.
    Claim,
    /// The token's `typ` is not the type the validation expects (RFC 8725
    /// §3.11): an ID token, a logout token or an unmarked token offered as an
    /// access token.
    TokenType,
    /// A setting that cannot work: validation rules with no issuer or
    /// audience set or waived (every token is refused until they are: fail
    /// closed), a system clock before 1970, a cache size that cannot be
    /// allocated.
    Configuration,
    /// The caller's random generator failed (the operating system's, for
    /// instance): nothing was done with the token.
    Random,
    /// A length or position the crate computed itself did not hold: a bug in
    /// jose-core, reported instead of carrying on with wrong data.
    Internal,
}

impl ErrorKind {
    /// The kind's stable lower-case name, as used in messages and logs.
    ///
    /// ```
    /// assert_eq!(jose_core::ErrorKind::TooLarge.as_str(), "too_large");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Malformed => "malformed",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Policy => "policy",
            ErrorKind::Key => "key",
            ErrorKind::Decrypt => "decrypt",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Buffer => "buffer",
            ErrorKind::InvalidKey => "invalid_key",
            ErrorKind::Signature => "signature",
            ErrorKind::Expired => "expired",
            ErrorKind::NotYetValid => "not_yet_valid",
            ErrorKind::Issuer => "issuer",
            ErrorKind::Audience => "audience",
            ErrorKind::MissingClaim => "missing_claim",
            ErrorKind::Claim => "claim",
            ErrorKind::TokenType => "token_type",
            ErrorKind::Configuration => "configuration",
            ErrorKind::Internal => "internal",
            ErrorKind::Random => "random",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of the input an [`Error`] concerns.
///
/// ```
/// use jose_core::{jwe, Part};
///
/// // `{}` as the header, a 256-byte encrypted key: the header lacks `alg`.
/// let token = format!("e30.{}.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA", "A".repeat(342));
/// let err = jwe::Compact::parse(&token).unwrap_err();
/// assert_eq!(err.part(), Some(Part::Header));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The token as a whole (size, part count, serialization).
    Token,
    /// The protected header.
    Header,
    /// The JWE encrypted key.
    EncryptedKey,
    /// The JWE initialization vector.
    Iv,
    /// The JWE ciphertext.
    Ciphertext,
    /// The JWE authentication tag.
    Tag,
    /// A key being imported or used.
    Key,
    /// A JSON document given directly to the JSON reader.
    Json,
    /// The JWS payload.
    Payload,
    /// The JWS signature.
    Signature,
    /// The JWT claims.
    Claims,
}

impl Part {
    /// The part's name as it appears in messages.
    ///
    /// ```
    /// assert_eq!(jose_core::Part::Iv.as_str(), "initialization vector");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Token => "token",
            Part::Header => "protected header",
            Part::EncryptedKey => "encrypted key",
            Part::Iv => "initialization vector",
            Part::Ciphertext => "ciphertext",
            Part::Tag => "authentication tag",
            Part::Key => "key",
            Part::Json => "JSON",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::Claims => "claims",
        }
    }
}

/// Numbers and static names that make a message precise without leaking secrets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    None,
    /// A name the crate knows statically (an algorithm or member name).
    Name(&'static str),
    /// A byte offset into the decoded part.
    At(usize),
    /// A length in bytes, as found.
    Bytes(usize),
    /// A length that is not the one required.
    Length {
        found: usize,
        expected: usize,
    },
    /// A size over a limit.
    Limit {
        found: usize,
        limit: usize,
    },
    /// A size under a minimum.
    Minimum {
        found: usize,
        minimum: usize,
    },
    /// A buffer that is too small.
    Buffer {
        have: usize,
        need: usize,
    },
    /// A count that is not the one required.
    Count {
        found: usize,
        expected: usize,
    },
    /// A time claim compared with the caller's clock.
    Time {
        claim: &'static str,
        value: i64,
        now: u64,
        leeway: u64,
    },
    /// A claim value found in the token, shown sanitized and truncated.
    Found {
        claim: &'static str,
        text: Shown,
    },
    /// A key lookup that found nothing, with what the token named.
    KeyMiss(KeyMiss),
}

/// Which of the caller's key collections a lookup was made in.
///
/// ```
/// use jose_core::{jwe, keys::PrivateKeySet, KeySide};
/// let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
/// let err = jose_core::jwt::decrypt(token, &PrivateKeySet::new(), &jose_core::jwt::Validation::new(),
///     &mut jose_core::os_rng(), &mut vec![0u8; 4096]).unwrap_err();
/// assert_eq!(err.key_miss().unwrap().side(), KeySide::Decryption);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeySide {
    /// The receiver's private keys (the JWE layer).
    Decryption,
    /// The issuer's public keys (the JWS layer).
    Issuer,
}

impl KeySide {
    /// The side's name as it appears in messages.
    ///
    /// ```
    /// assert_eq!(jose_core::KeySide::Issuer.as_str(), "issuer");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            KeySide::Decryption => "decryption",
            KeySide::Issuer => "issuer",
        }
    }
}

/// The longest `kid` a [`KeyMiss`] carries exactly.
const MAX_MISS_KID: usize = 48;

/// A key lookup that found no key, as data: which side missed, and what the
/// lookup searched by: the token's `kid`, else its `x5t#S256`. A resolver
/// that refetches a JWK Set on an unknown `kid` reads it here (or from the
/// token's header).
///
/// ```
/// use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}, KeySide};
/// let mine = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
/// let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
/// let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
/// // The issuer's keys are not loaded yet: the miss names the kid to fetch.
/// let miss = opened.issuer_key(&PublicKeySet::new()).unwrap_err();
/// let miss = miss.key_miss().unwrap();
/// assert_eq!(miss.side(), KeySide::Issuer);
/// assert_eq!(miss.kid(), Some("issuer-2024"));
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct KeyMiss {
    side: KeySide,
    named: Named,
    bytes: [u8; MAX_MISS_KID],
    len: u8,
}

/// What a lookup searched by; the bytes live in [`KeyMiss::bytes`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Nothing,
    Kid,
    KidTooLong,
    Thumbprint,
}

impl KeyMiss {
    /// A miss for the `kid` (its characters, unescaped) or else the
    /// `x5t#S256` a lookup searched by; a kid longer than `MAX_MISS_KID` (48)
    /// bytes is recorded as too long.
    pub(crate) fn new(
        side: KeySide,
        kid: Option<impl Iterator<Item = char>>,
        x5t_s256: Option<&[u8; 32]>,
    ) -> Self {
        let mut miss = KeyMiss {
            side,
            named: Named::Nothing,
            bytes: [0; MAX_MISS_KID],
            len: 0,
        };
        if let Some(kid) = kid {
            miss.named = Named::Kid;
            let mut len = 0;
            for c in kid {
                let mut utf8 = [0u8; 4];
                let encoded = c.encode_utf8(&mut utf8).as_bytes();
                match miss.bytes.get_mut(len..len + encoded.len()) {
                    Some(to) => to.copy_from_slice(encoded),
                    None => {
                        miss.named = Named::KidTooLong;
                        break;
                    }
                }
                len += encoded.len();
            }
            miss.len = if miss.named == Named::Kid {
                len as u8
            } else {
                0
            };
        } else if let Some(thumbprint) = x5t_s256 {
            for (slot, byte) in miss.bytes.iter_mut().zip(thumbprint) {
                *slot = *byte;
            }
            miss.len = 32;
            miss.named = Named::Thumbprint;
        }
        miss
    }

    /// Where the lookup was made: the receiver's private keys or the issuer's
    /// public keys.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}, KeySide};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// let err = opened.issuer_key(&PublicKeySet::new()).unwrap_err();
    /// assert_eq!(err.key_miss().unwrap().side(), KeySide::Issuer);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn side(&self) -> KeySide {
        self.side
    }

    /// The `kid` the token named, exactly, when it named one of at most 48
    /// bytes (see [`KeyMiss::kid_too_long`]).
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// let named = opened.header().kid().unwrap();
    /// let err = opened.issuer_key(&PublicKeySet::new()).unwrap_err();
    /// assert!(named == err.key_miss().unwrap().kid().unwrap());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(&self) -> Option<&str> {
        match self.named {
            Named::Kid => self
                .bytes
                .get(..usize::from(self.len))
                .and_then(|b| core::str::from_utf8(b).ok()),
            _ => None,
        }
    }

    /// Whether the token named a `kid` longer than 48 bytes, which is not
    /// carried here (read it from the token's header).
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// let err = opened.issuer_key(&PublicKeySet::new()).unwrap_err();
    /// assert!(!err.key_miss().unwrap().kid_too_long());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid_too_long(&self) -> bool {
        self.named == Named::KidTooLong
    }

    /// The `x5t#S256` certificate thumbprint the lookup searched by: the
    /// token's, when it named no `kid`.
    ///
    /// ```
    /// # use jose_core::{jwt, keys::{PrivateKeySet, PublicKeySet}};
    /// # let mine = PrivateKeySet::from_jwks(include_str!("../../vectors/interop/api.private.jwks.json"))?;
    /// # let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
    /// # let rules = jwt::Validation::new().accept_any_issuer().accept_any_audience();
    /// # let mut buf = vec![0u8; jwt::required_buffer_len(token)];
    /// let opened = jwt::decrypt(token, &mine, &rules, &mut jose_core::os_rng(), &mut buf)?;
    /// let err = opened.issuer_key(&PublicKeySet::new()).unwrap_err();
    /// assert!(err.key_miss().unwrap().x5t_s256().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn x5t_s256(&self) -> Option<&[u8; 32]> {
        match self.named {
            Named::Thumbprint => self.bytes.first_chunk::<32>(),
            _ => None,
        }
    }
}

impl fmt::Debug for KeyMiss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyMiss({self})")
    }
}

impl fmt::Display for KeyMiss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} keys", self.side.as_str())?;
        match self.named {
            Named::Kid => {
                // `Named::Kid` is set only with a kid stored.
                let kid = self.kid().unwrap_or("");
                write!(f, ", kid \"{}\"", Shown::new(kid.chars()))
            }
            Named::KidTooLong => f.write_str(", kid over 48 bytes"),
            Named::Thumbprint => f.write_str(", by x5t#S256"),
            Named::Nothing => f.write_str(", the token names no key"),
        }
    }
}

/// Up to 48 characters of a token string for a message: printable ASCII only
/// (anything else, quotes and backslashes included, shown as `?`), so a
/// message can neither carry control characters into a log nor grow with the
/// input.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shown {
    bytes: [u8; 48],
    len: u8,
    truncated: bool,
}

impl Shown {
    pub(crate) fn new(chars: impl Iterator<Item = char>) -> Self {
        let mut shown = Shown {
            bytes: [b'?'; 48],
            len: 0,
            truncated: false,
        };
        for c in chars {
            let Some(slot) = shown.bytes.get_mut(usize::from(shown.len)) else {
                shown.truncated = true;
                break;
            };
            let plain = c == ' ' || (c.is_ascii_graphic() && c != '"' && c != '\\');
            *slot = if plain { c as u8 } else { b'?' };
            shown.len += 1;
        }
        shown
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self
            .bytes
            .get(..usize::from(self.len))
            .and_then(|text| core::str::from_utf8(text).ok());
        f.write_str(text.unwrap_or("?"))?;
        if self.truncated {
            f.write_str("...")?;
        }
        Ok(())
    }
}

/// The error type of every fallible operation in the crate.
///
/// [`Error::kind`] is what to match on; `Display` gives a message that names the
/// part and the reason. No message contains key material or plaintext.
///
/// ```
/// use jose_core::{jwe, ErrorKind};
///
/// // RFC 7520 §5.1 wraps its content key with RSA1_5, which is never implemented.
/// let token = include_str!("../../vectors/rfc7520_5_1.jwe").trim();
/// let err = jwe::Compact::parse(token).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Unsupported);
/// assert!(err.to_string().contains("RSA1_5"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    part: Option<Part>,
    reason: &'static str,
    detail: Detail,
}

impl Error {
    pub(crate) const fn new(kind: ErrorKind, part: Option<Part>, reason: &'static str) -> Self {
        Error {
            kind,
            part,
            reason,
            detail: Detail::None,
        }
    }

    pub(crate) const fn malformed(part: Part, reason: &'static str) -> Self {
        Self::new(ErrorKind::Malformed, Some(part), reason)
    }

    pub(crate) const fn unsupported(part: Part, reason: &'static str) -> Self {
        Self::new(ErrorKind::Unsupported, Some(part), reason)
    }

    pub(crate) const fn policy(part: Part, reason: &'static str) -> Self {
        Self::new(ErrorKind::Policy, Some(part), reason)
    }

    /// An operator's setting that cannot work (of no token part).
    pub(crate) const fn configuration(reason: &'static str) -> Self {
        Self::new(ErrorKind::Configuration, None, reason)
    }

    pub(crate) const fn too_large(part: Part, found: usize, limit: usize) -> Self {
        Self::new(
            ErrorKind::TooLarge,
            Some(part),
            "size in bytes over the limit",
        )
        .with(Detail::Limit { found, limit })
    }

    pub(crate) const fn invalid_key(reason: &'static str) -> Self {
        Self::new(ErrorKind::InvalidKey, Some(Part::Key), reason)
    }

    /// The caller's generator failed (see [`ErrorKind::Random`]).
    pub(crate) const fn random() -> Self {
        Self::new(
            ErrorKind::Random,
            None,
            "the random generator failed; nothing was done",
        )
    }

    /// A broken invariant of the crate's own arithmetic (see
    /// [`ErrorKind::Internal`]).
    pub(crate) const fn internal() -> Self {
        Self::new(
            ErrorKind::Internal,
            None,
            "a length the crate computed did not hold (a bug: please report it)",
        )
    }

    /// The one decryption failure. Every cause (RSA-OAEP block, wrong key, bad
    /// tag, bad padding) produces this same value, so nothing distinguishes them.
    pub(crate) const fn decrypt() -> Self {
        Self::new(ErrorKind::Decrypt, None, "decryption failed")
    }

    pub(crate) const fn with(mut self, detail: Detail) -> Self {
        self.detail = detail;
        self
    }

    pub(crate) const fn in_part(mut self, part: Part) -> Self {
        self.part = Some(part);
        self
    }

    /// The kind of failure.
    ///
    /// ```
    /// use jose_core::{jwe, ErrorKind};
    /// let err = jwe::Compact::parse("").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Malformed);
    /// ```
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// For a `key` error where no key matched: which side missed and what the
    /// token asked for.
    ///
    /// ```
    /// use jose_core::{jwt, keys::PrivateKeySet, KeySide};
    /// let token = include_str!("../../vectors/interop/auth0-access-token.jwe").trim();
    /// let err = jwt::decrypt(token, &PrivateKeySet::new(), &jwt::Validation::new(),
    ///     &mut jose_core::os_rng(), &mut vec![0u8; 4096]).unwrap_err();
    /// let miss = err.key_miss().unwrap();
    /// assert_eq!((miss.side(), miss.kid()), (KeySide::Decryption, Some("api-enc-2048")));
    /// ```
    pub const fn key_miss(&self) -> Option<&KeyMiss> {
        match &self.detail {
            Detail::KeyMiss(miss) => Some(miss),
            _ => None,
        }
    }

    /// For a `buffer` error, the whole size the buffer needs, in bytes.
    ///
    /// ```
    /// let mut small = [0u8; 4];
    /// let err = jose_core::base64url::encode(b"hello", &mut small).unwrap_err();
    /// assert_eq!(err.needed_len(), Some(7));
    /// ```
    pub const fn needed_len(&self) -> Option<usize> {
        match &self.detail {
            Detail::Buffer { need, .. } => Some(*need),
            _ => None,
        }
    }

    /// For a `too_large` error, the limit that was passed (bytes, members
    /// or nesting levels, as the error's part and message say).
    ///
    /// ```
    /// use jose_core::json;
    /// let deep = "[".repeat(40) + &"]".repeat(40);
    /// let err = json::parse(deep.as_bytes()).unwrap_err();
    /// assert_eq!(err.limit(), Some(json::MAX_DEPTH));
    /// ```
    pub const fn limit(&self) -> Option<usize> {
        match &self.detail {
            Detail::Limit { limit, .. } => Some(*limit),
            _ => None,
        }
    }

    /// The part of the input the failure concerns, where there is one.
    /// Decryption failures name no part: which part failed is not revealed.
    ///
    /// ```
    /// use jose_core::{jwe, Part};
    /// let err = jwe::Compact::parse("a.b.c.d").unwrap_err();
    /// assert_eq!(err.part(), Some(Part::Token));
    /// ```
    pub const fn part(&self) -> Option<Part> {
        self.part
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(part) = self.part.filter(|p| p.as_str() != self.kind.as_str()) {
            write!(f, ": {}", part.as_str())?;
        }
        write!(f, ": {}", self.reason)?;
        match self.detail {
            Detail::None => Ok(()),
            Detail::Name(name) => write!(f, ": {name}"),
            Detail::At(offset) => write!(f, " at byte {offset}"),
            Detail::Bytes(len) => write!(f, " (found {len} bytes)"),
            Detail::Length { found, expected } => {
                write!(f, " (found {found} bytes, expected {expected})")
            }
            Detail::Limit { found, limit } => write!(f, " (found {found}, limit {limit})"),
            Detail::Minimum { found, minimum } => write!(f, " ({found}, minimum {minimum})"),
            Detail::Buffer { have, need } => {
                write!(f, " (buffer is {have} bytes, {need} needed)")
            }
            Detail::Count { found, expected } => write!(f, " (found {found}, expected {expected})"),
            Detail::Time {
                claim,
                value,
                now,
                leeway,
            } => write!(f, ": {claim} {value}, now {now}, leeway {leeway}s"),
            Detail::Found { claim, text } => write!(f, ": {claim} \"{text}\""),
            Detail::KeyMiss(miss) => write!(f, " ({miss})"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({self})")
    }
}

impl core::error::Error for Error {}
