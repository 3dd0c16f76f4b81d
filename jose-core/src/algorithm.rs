//! The algorithms the crate implements, their registered names, and allow-lists.
//!
//! Only what is implemented has a variant. Names that are registered but not
//! implemented (`RSA1_5`, PBES2, ...) are known here
//! too, so that refusing them can name them; anything else is "unknown" and is
//! never echoed back (it is attacker-chosen text).

use core::fmt;

use crate::error::{Detail, Error, Part};
use crate::json::JsonStr;

/// A JWE key management algorithm (`alg`): how the content key is wrapped.
///
/// RSA-OAEP works with an RSA [`crate::keys::PrivateKey`]; `dir`, AES key
/// wrap and AES-GCM key wrap with a shared [`crate::keys::SecretKey`] only.
///
/// ```
/// use jose_core::KeyAlgorithm;
/// assert_eq!(KeyAlgorithm::RsaOaep256.name(), "RSA-OAEP-256");
/// assert_eq!(KeyAlgorithm::from_name("RSA-OAEP"), Some(KeyAlgorithm::RsaOaep));
/// assert_eq!(KeyAlgorithm::from_name("A256KW"), Some(KeyAlgorithm::A256Kw));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSAES-OAEP with SHA-1 and MGF1-SHA-1 (RFC 7518 §4.3).
    RsaOaep,
    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 7518 §4.3).
    RsaOaep256,
    /// RSAES-OAEP with SHA-384 and MGF1-SHA-384 (registered by WebCrypto use).
    RsaOaep384,
    /// RSAES-OAEP with SHA-512 and MGF1-SHA-512 (registered by WebCrypto use).
    RsaOaep512,
    /// Direct encryption: the shared key is the content key (RFC 7518 §4.5);
    /// the encrypted key is empty.
    Dir,
    /// AES-128 key wrap (RFC 3394, RFC 7518 §4.4) with a 16-byte key.
    A128Kw,
    /// AES-192 key wrap with a 24-byte key.
    A192Kw,
    /// AES-256 key wrap with a 32-byte key.
    A256Kw,
    /// The content key encrypted with AES-128-GCM (RFC 7518 §4.7); the
    /// header carries its `iv` and `tag`.
    A128GcmKw,
    /// AES-192-GCM key encryption with a 24-byte key.
    A192GcmKw,
    /// AES-256-GCM key encryption with a 32-byte key.
    A256GcmKw,
    /// Ephemeral-static ECDH on the recipient's curve, the content key
    /// derived by Concat KDF (RFC 7518 §4.6); the encrypted key is empty.
    /// Needs the `ecdsa` feature (EC keys).
    EcdhEs,
    /// ECDH-ES, the derived key wrapping the content key with AES-128 key
    /// wrap.
    EcdhEsA128Kw,
    /// ECDH-ES with AES-192 key wrap.
    EcdhEsA192Kw,
    /// ECDH-ES with AES-256 key wrap.
    EcdhEsA256Kw,
}

impl KeyAlgorithm {
    /// Every implemented key algorithm.
    pub const ALL: [KeyAlgorithm; 15] = [
        KeyAlgorithm::RsaOaep,
        KeyAlgorithm::RsaOaep256,
        KeyAlgorithm::RsaOaep384,
        KeyAlgorithm::RsaOaep512,
        KeyAlgorithm::Dir,
        KeyAlgorithm::A128Kw,
        KeyAlgorithm::A192Kw,
        KeyAlgorithm::A256Kw,
        KeyAlgorithm::A128GcmKw,
        KeyAlgorithm::A192GcmKw,
        KeyAlgorithm::A256GcmKw,
        KeyAlgorithm::EcdhEs,
        KeyAlgorithm::EcdhEsA128Kw,
        KeyAlgorithm::EcdhEsA192Kw,
        KeyAlgorithm::EcdhEsA256Kw,
    ];

    /// The RSA-OAEP algorithms, the ones an RSA key takes.
    pub const RSA_OAEP: [KeyAlgorithm; 4] = [
        KeyAlgorithm::RsaOaep,
        KeyAlgorithm::RsaOaep256,
        KeyAlgorithm::RsaOaep384,
        KeyAlgorithm::RsaOaep512,
    ];

    /// The registered `alg` name.
    ///
    /// ```
    /// assert_eq!(jose_core::KeyAlgorithm::RsaOaep512.name(), "RSA-OAEP-512");
    /// assert_eq!(jose_core::KeyAlgorithm::A128GcmKw.name(), "A128GCMKW");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            KeyAlgorithm::RsaOaep => "RSA-OAEP",
            KeyAlgorithm::RsaOaep256 => "RSA-OAEP-256",
            KeyAlgorithm::RsaOaep384 => "RSA-OAEP-384",
            KeyAlgorithm::RsaOaep512 => "RSA-OAEP-512",
            KeyAlgorithm::Dir => "dir",
            KeyAlgorithm::A128Kw => "A128KW",
            KeyAlgorithm::A192Kw => "A192KW",
            KeyAlgorithm::A256Kw => "A256KW",
            KeyAlgorithm::A128GcmKw => "A128GCMKW",
            KeyAlgorithm::A192GcmKw => "A192GCMKW",
            KeyAlgorithm::A256GcmKw => "A256GCMKW",
            KeyAlgorithm::EcdhEs => "ECDH-ES",
            KeyAlgorithm::EcdhEsA128Kw => "ECDH-ES+A128KW",
            KeyAlgorithm::EcdhEsA192Kw => "ECDH-ES+A192KW",
            KeyAlgorithm::EcdhEsA256Kw => "ECDH-ES+A256KW",
        }
    }

    /// The algorithm with this registered name, if it is implemented.
    ///
    /// ```
    /// assert_eq!(jose_core::KeyAlgorithm::from_name("RSA1_5"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// Whether this is one of the RSA-OAEP algorithms (an RSA key's).
    ///
    /// ```
    /// assert!(jose_core::KeyAlgorithm::RsaOaep384.is_rsa_oaep());
    /// assert!(!jose_core::KeyAlgorithm::A256Kw.is_rsa_oaep());
    /// ```
    pub const fn is_rsa_oaep(self) -> bool {
        matches!(
            self,
            KeyAlgorithm::RsaOaep
                | KeyAlgorithm::RsaOaep256
                | KeyAlgorithm::RsaOaep384
                | KeyAlgorithm::RsaOaep512
        )
    }

    /// Whether this algorithm takes a shared secret (`dir`, AES key wrap,
    /// AES-GCM key wrap) rather than a private key.
    ///
    /// ```
    /// use jose_core::KeyAlgorithm;
    /// assert!(KeyAlgorithm::Dir.is_symmetric() && KeyAlgorithm::A192GcmKw.is_symmetric());
    /// assert!(!KeyAlgorithm::RsaOaep.is_symmetric());
    /// ```
    pub const fn is_symmetric(self) -> bool {
        matches!(
            self,
            KeyAlgorithm::Dir
                | KeyAlgorithm::A128Kw
                | KeyAlgorithm::A192Kw
                | KeyAlgorithm::A256Kw
                | KeyAlgorithm::A128GcmKw
                | KeyAlgorithm::A192GcmKw
                | KeyAlgorithm::A256GcmKw
        )
    }

    /// Whether this is ECDH-ES, direct or with AES key wrap (an EC key's).
    ///
    /// ```
    /// assert!(jose_core::KeyAlgorithm::EcdhEsA128Kw.is_ecdh());
    /// assert!(!jose_core::KeyAlgorithm::A128Kw.is_ecdh());
    /// ```
    pub const fn is_ecdh(self) -> bool {
        matches!(
            self,
            KeyAlgorithm::EcdhEs
                | KeyAlgorithm::EcdhEsA128Kw
                | KeyAlgorithm::EcdhEsA192Kw
                | KeyAlgorithm::EcdhEsA256Kw
        )
    }

    /// Whether this build implements the algorithm: ECDH-ES needs the
    /// `ecdsa` feature (EC keys) or the `x25519` feature (X25519 keys);
    /// the others are always compiled.
    ///
    /// ```
    /// assert!(jose_core::KeyAlgorithm::A256Kw.is_compiled());
    /// ```
    pub const fn is_compiled(self) -> bool {
        !self.is_ecdh() || cfg!(feature = "ecdsa") || cfg!(feature = "x25519")
    }

    /// The length of the AES key a key-wrap algorithm wraps with (16, 24
    /// or 32 bytes; for `ECDH-ES+A*KW` the key the agreement derives);
    /// `None` for RSA-OAEP, `dir` and `ECDH-ES` (whose key is as long as
    /// `enc` needs).
    ///
    /// ```
    /// use jose_core::KeyAlgorithm;
    /// assert_eq!(KeyAlgorithm::A192Kw.wrapping_key_len(), Some(24));
    /// assert_eq!(KeyAlgorithm::A256GcmKw.wrapping_key_len(), Some(32));
    /// assert_eq!(KeyAlgorithm::Dir.wrapping_key_len(), None);
    /// ```
    pub const fn wrapping_key_len(self) -> Option<usize> {
        match self {
            KeyAlgorithm::A128Kw | KeyAlgorithm::A128GcmKw | KeyAlgorithm::EcdhEsA128Kw => Some(16),
            KeyAlgorithm::A192Kw | KeyAlgorithm::A192GcmKw | KeyAlgorithm::EcdhEsA192Kw => Some(24),
            KeyAlgorithm::A256Kw | KeyAlgorithm::A256GcmKw | KeyAlgorithm::EcdhEsA256Kw => Some(32),
            KeyAlgorithm::RsaOaep
            | KeyAlgorithm::RsaOaep256
            | KeyAlgorithm::RsaOaep384
            | KeyAlgorithm::RsaOaep512
            | KeyAlgorithm::Dir
            | KeyAlgorithm::EcdhEs => None,
        }
    }

    /// Whether this is AES-GCM key encryption (`A*GCMKW`), whose header
    /// carries the `iv` and `tag` of the key's encryption.
    ///
    /// ```
    /// assert!(jose_core::KeyAlgorithm::A128GcmKw.is_gcm_key_wrap());
    /// assert!(!jose_core::KeyAlgorithm::A128Kw.is_gcm_key_wrap());
    /// ```
    pub const fn is_gcm_key_wrap(self) -> bool {
        matches!(
            self,
            KeyAlgorithm::A128GcmKw | KeyAlgorithm::A192GcmKw | KeyAlgorithm::A256GcmKw
        )
    }

    /// The encrypted key's exact length for a content key of `enc`, where
    /// `alg` fixes it: empty for `dir` and `ECDH-ES`, 8 bytes more than the
    /// content key for AES key wrap (also after ECDH-ES), the content key's
    /// length for AES-GCM key wrap.
    /// `None` for RSA-OAEP (the key's modulus length).
    ///
    /// ```
    /// use jose_core::{ContentAlgorithm as C, KeyAlgorithm as K};
    /// assert_eq!(K::Dir.encrypted_key_len(C::A128Gcm), Some(0));
    /// assert_eq!(K::A128Kw.encrypted_key_len(C::A256CbcHs512), Some(72));
    /// assert_eq!(K::A256GcmKw.encrypted_key_len(C::A128Gcm), Some(16));
    /// assert_eq!(K::RsaOaep.encrypted_key_len(C::A128Gcm), None);
    /// ```
    pub const fn encrypted_key_len(self, enc: ContentAlgorithm) -> Option<usize> {
        match self {
            KeyAlgorithm::Dir | KeyAlgorithm::EcdhEs => Some(0),
            KeyAlgorithm::A128Kw
            | KeyAlgorithm::A192Kw
            | KeyAlgorithm::A256Kw
            | KeyAlgorithm::EcdhEsA128Kw
            | KeyAlgorithm::EcdhEsA192Kw
            | KeyAlgorithm::EcdhEsA256Kw => Some(enc.key_len() + 8),
            KeyAlgorithm::A128GcmKw | KeyAlgorithm::A192GcmKw | KeyAlgorithm::A256GcmKw => {
                Some(enc.key_len())
            }
            KeyAlgorithm::RsaOaep
            | KeyAlgorithm::RsaOaep256
            | KeyAlgorithm::RsaOaep384
            | KeyAlgorithm::RsaOaep512 => None,
        }
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A JWE content encryption algorithm (`enc`).
///
/// ```
/// use jose_core::ContentAlgorithm;
/// let enc = ContentAlgorithm::A256CbcHs512;
/// assert_eq!(enc.key_len(), 64);
/// assert_eq!(enc.iv_len(), 16);
/// assert_eq!(enc.tag_len(), 32);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContentAlgorithm {
    /// AES-128 in GCM mode (RFC 7518 §5.3).
    A128Gcm,
    /// AES-192 in GCM mode.
    A192Gcm,
    /// AES-256 in GCM mode.
    A256Gcm,
    /// AES-128-CBC with HMAC-SHA-256, tag truncated to 128 bits (RFC 7518 §5.2.3).
    A128CbcHs256,
    /// AES-192-CBC with HMAC-SHA-384, tag truncated to 192 bits (RFC 7518 §5.2.4).
    A192CbcHs384,
    /// AES-256-CBC with HMAC-SHA-512, tag truncated to 256 bits (RFC 7518 §5.2.5).
    A256CbcHs512,
}

impl ContentAlgorithm {
    /// Every implemented content algorithm.
    pub const ALL: [ContentAlgorithm; 6] = [
        ContentAlgorithm::A128Gcm,
        ContentAlgorithm::A192Gcm,
        ContentAlgorithm::A256Gcm,
        ContentAlgorithm::A128CbcHs256,
        ContentAlgorithm::A192CbcHs384,
        ContentAlgorithm::A256CbcHs512,
    ];

    /// The longest content key any `enc` uses (A256CBC-HS512: 64 bytes).
    pub const MAX_KEY_LEN: usize = 64;
    /// The longest initialization vector any `enc` uses (CBC: 16 bytes).
    pub const MAX_IV_LEN: usize = 16;
    /// The longest authentication tag any `enc` uses (A256CBC-HS512: 32 bytes).
    pub const MAX_TAG_LEN: usize = 32;

    /// The registered `enc` name.
    ///
    /// ```
    /// assert_eq!(jose_core::ContentAlgorithm::A128CbcHs256.name(), "A128CBC-HS256");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            ContentAlgorithm::A128Gcm => "A128GCM",
            ContentAlgorithm::A192Gcm => "A192GCM",
            ContentAlgorithm::A256Gcm => "A256GCM",
            ContentAlgorithm::A128CbcHs256 => "A128CBC-HS256",
            ContentAlgorithm::A192CbcHs384 => "A192CBC-HS384",
            ContentAlgorithm::A256CbcHs512 => "A256CBC-HS512",
        }
    }

    /// The algorithm with this registered name, if it is implemented.
    ///
    /// ```
    /// use jose_core::ContentAlgorithm;
    /// assert_eq!(ContentAlgorithm::from_name("A256GCM"), Some(ContentAlgorithm::A256Gcm));
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|enc| enc.name() == name)
    }

    /// The content key length in bytes (for CBC-HMAC: MAC key and encryption key).
    ///
    /// ```
    /// assert_eq!(jose_core::ContentAlgorithm::A192Gcm.key_len(), 24);
    /// ```
    pub const fn key_len(self) -> usize {
        match self {
            ContentAlgorithm::A128Gcm => 16,
            ContentAlgorithm::A192Gcm => 24,
            ContentAlgorithm::A256Gcm | ContentAlgorithm::A128CbcHs256 => 32,
            ContentAlgorithm::A192CbcHs384 => 48,
            ContentAlgorithm::A256CbcHs512 => 64,
        }
    }

    /// The initialization vector length in bytes: 12 for GCM, 16 for CBC.
    ///
    /// ```
    /// assert_eq!(jose_core::ContentAlgorithm::A128Gcm.iv_len(), 12);
    /// ```
    pub const fn iv_len(self) -> usize {
        if self.is_gcm() { 12 } else { 16 }
    }

    /// The authentication tag length in bytes; shorter tags are refused.
    ///
    /// ```
    /// assert_eq!(jose_core::ContentAlgorithm::A192CbcHs384.tag_len(), 24);
    /// ```
    pub const fn tag_len(self) -> usize {
        match self {
            ContentAlgorithm::A128Gcm
            | ContentAlgorithm::A192Gcm
            | ContentAlgorithm::A256Gcm
            | ContentAlgorithm::A128CbcHs256 => 16,
            ContentAlgorithm::A192CbcHs384 => 24,
            ContentAlgorithm::A256CbcHs512 => 32,
        }
    }

    /// Whether this is an AES-GCM algorithm (otherwise AES-CBC-HMAC-SHA2).
    ///
    /// ```
    /// assert!(jose_core::ContentAlgorithm::A256Gcm.is_gcm());
    /// ```
    pub const fn is_gcm(self) -> bool {
        matches!(
            self,
            ContentAlgorithm::A128Gcm | ContentAlgorithm::A192Gcm | ContentAlgorithm::A256Gcm
        )
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for ContentAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An allow-list of key algorithms.
///
/// ```
/// use jose_core::{KeyAlgorithm, KeyAlgorithms};
/// let only = KeyAlgorithms::none().with(KeyAlgorithm::RsaOaep256);
/// assert!(only.contains(KeyAlgorithm::RsaOaep256));
/// assert!(!only.contains(KeyAlgorithm::RsaOaep));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyAlgorithms(u16);

impl KeyAlgorithms {
    /// Every implemented key algorithm.
    ///
    /// ```
    /// assert!(jose_core::KeyAlgorithms::all().contains(jose_core::KeyAlgorithm::RsaOaep384));
    /// ```
    pub const fn all() -> Self {
        // From the list, so that a new algorithm cannot be left out.
        let mut bits = 0;
        let mut rest: &[KeyAlgorithm] = &KeyAlgorithm::ALL;
        while let [first, tail @ ..] = rest {
            bits |= first.bit();
            rest = tail;
        }
        KeyAlgorithms(bits)
    }

    /// The empty list.
    ///
    /// ```
    /// assert!(!jose_core::KeyAlgorithms::none().contains(jose_core::KeyAlgorithm::RsaOaep));
    /// ```
    pub const fn none() -> Self {
        KeyAlgorithms(0)
    }

    /// This list with `alg` added.
    ///
    /// ```
    /// use jose_core::{KeyAlgorithm, KeyAlgorithms};
    /// assert!(KeyAlgorithms::none().with(KeyAlgorithm::RsaOaep).contains(KeyAlgorithm::RsaOaep));
    /// ```
    pub const fn with(self, alg: KeyAlgorithm) -> Self {
        KeyAlgorithms(self.0 | alg.bit())
    }

    /// This list with `alg` removed.
    ///
    /// ```
    /// use jose_core::{KeyAlgorithm, KeyAlgorithms};
    /// assert!(!KeyAlgorithms::all().without(KeyAlgorithm::RsaOaep).contains(KeyAlgorithm::RsaOaep));
    /// ```
    pub const fn without(self, alg: KeyAlgorithm) -> Self {
        KeyAlgorithms(self.0 & !alg.bit())
    }

    /// Whether `alg` is allowed.
    ///
    /// ```
    /// assert!(jose_core::KeyAlgorithms::all().contains(jose_core::KeyAlgorithm::RsaOaep));
    /// ```
    pub const fn contains(self, alg: KeyAlgorithm) -> bool {
        self.0 & alg.bit() != 0
    }
}

/// An allow-list of content algorithms.
///
/// ```
/// use jose_core::{ContentAlgorithm, ContentAlgorithms};
/// let gcm = ContentAlgorithms::none().with(ContentAlgorithm::A256Gcm);
/// assert!(!gcm.contains(ContentAlgorithm::A256CbcHs512));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContentAlgorithms(u16);

impl ContentAlgorithms {
    /// Every implemented content algorithm.
    ///
    /// ```
    /// assert!(jose_core::ContentAlgorithms::all().contains(jose_core::ContentAlgorithm::A192Gcm));
    /// ```
    pub const fn all() -> Self {
        ContentAlgorithms(0b11_1111)
    }

    /// The empty list.
    ///
    /// ```
    /// assert!(!jose_core::ContentAlgorithms::none().contains(jose_core::ContentAlgorithm::A128Gcm));
    /// ```
    pub const fn none() -> Self {
        ContentAlgorithms(0)
    }

    /// This list with `enc` added.
    ///
    /// ```
    /// use jose_core::{ContentAlgorithm as C, ContentAlgorithms};
    /// assert!(ContentAlgorithms::none().with(C::A128Gcm).contains(C::A128Gcm));
    /// ```
    pub const fn with(self, enc: ContentAlgorithm) -> Self {
        ContentAlgorithms(self.0 | enc.bit())
    }

    /// This list with `enc` removed.
    ///
    /// ```
    /// use jose_core::{ContentAlgorithm as C, ContentAlgorithms};
    /// assert!(!ContentAlgorithms::all().without(C::A128Gcm).contains(C::A128Gcm));
    /// ```
    pub const fn without(self, enc: ContentAlgorithm) -> Self {
        ContentAlgorithms(self.0 & !enc.bit())
    }

    /// Whether `enc` is allowed.
    ///
    /// ```
    /// assert!(jose_core::ContentAlgorithms::all().contains(jose_core::ContentAlgorithm::A256Gcm));
    /// ```
    pub const fn contains(self, enc: ContentAlgorithm) -> bool {
        self.0 & enc.bit() != 0
    }
}

/// Registered JWE `alg` values the crate knows and refuses, with the reason.
const UNSUPPORTED_KEY_ALGORITHMS: &[(&str, &str)] = &[
    (
        "RSA1_5",
        "RSAES-PKCS1-v1_5 key transport is never implemented (Bleichenbacher oracle)",
    ),
    (
        "PBES2-HS256+A128KW",
        "PBES2 password-based key wrap is not implemented",
    ),
    (
        "PBES2-HS384+A192KW",
        "PBES2 password-based key wrap is not implemented",
    ),
    (
        "PBES2-HS512+A256KW",
        "PBES2 password-based key wrap is not implemented",
    ),
];

/// The name in `names` that `text` spells in another case, if any (JOSE
/// algorithm names are case-sensitive: `rsa-oaep-256` is no algorithm).
fn in_other_case(text: &JsonStr<'_>, names: &[&'static str]) -> Option<&'static str> {
    names.iter().copied().find(|name| {
        text.chars()
            .map(|c| c.to_ascii_uppercase())
            .eq(name.chars().map(|c| c.to_ascii_uppercase()))
    })
}

/// Resolves a header's `alg` to an implemented key algorithm, or the precise
/// reason it cannot be used.
pub(crate) fn key_algorithm(alg: JsonStr<'_>, enc: JsonStr<'_>) -> Result<KeyAlgorithm, Error> {
    if let Some(found) = KeyAlgorithm::ALL.into_iter().find(|k| alg == k.name()) {
        if !found.is_compiled() {
            return Err(Error::unsupported(
                Part::Header,
                "ECDH-ES needs jose-core's `ecdsa` (EC keys) or `x25519` feature, which this \
                 build leaves out",
            )
            .with(Detail::Name(found.name())));
        }
        return Ok(found);
    }
    if let Some(&(name, reason)) = UNSUPPORTED_KEY_ALGORITHMS.iter().find(|(n, _)| alg == *n) {
        return Err(Error::unsupported(Part::Header, reason).with(Detail::Name(name)));
    }
    if let Some(found) = ContentAlgorithm::ALL.into_iter().find(|c| alg == c.name()) {
        let reason = if KeyAlgorithm::ALL.into_iter().any(|k| enc == k.name())
            || UNSUPPORTED_KEY_ALGORITHMS.iter().any(|(n, _)| enc == *n)
        {
            "alg holds a content encryption algorithm and enc a key algorithm: the two appear swapped"
        } else {
            "alg holds a content encryption algorithm, not a key management algorithm"
        };
        return Err(Error::unsupported(Part::Header, reason).with(Detail::Name(found.name())));
    }
    if let Some(name) = in_other_case(&alg, &KeyAlgorithm::ALL.map(KeyAlgorithm::name)) {
        return Err(Error::unsupported(
            Part::Header,
            "alg spells a key algorithm in the wrong case (names are case-sensitive)",
        )
        .with(Detail::Name(name)));
    }
    if let Some(name) = in_other_case(&alg, &ContentAlgorithm::ALL.map(ContentAlgorithm::name)) {
        let reason = if in_other_case(&enc, &KeyAlgorithm::ALL.map(KeyAlgorithm::name)).is_some() {
            "alg and enc appear swapped, and in the wrong case (names are case-sensitive)"
        } else {
            "alg holds a content encryption algorithm in the wrong case"
        };
        return Err(Error::unsupported(Part::Header, reason).with(Detail::Name(name)));
    }
    let signature_name = SignatureAlgorithm::ALL
        .map(SignatureAlgorithm::name)
        .into_iter()
        .chain(UNSUPPORTED_SIGNATURE_ALGORITHMS.iter().map(|(n, _)| *n))
        .chain(["none"])
        .find(|n| alg == *n);
    if let Some(name) = signature_name {
        return Err(Error::unsupported(
            Part::Header,
            "alg holds a JWS signature algorithm: this is a signed token's header, not a JWE's",
        )
        .with(Detail::Name(name)));
    }
    Err(Error::unsupported(
        Part::Header,
        "unknown key management algorithm (alg)",
    ))
}

/// Resolves a header's `enc` to an implemented content algorithm.
pub(crate) fn content_algorithm(enc: JsonStr<'_>) -> Result<ContentAlgorithm, Error> {
    if let Some(found) = ContentAlgorithm::ALL.into_iter().find(|c| enc == c.name()) {
        return Ok(found);
    }
    if let Some(found) = KeyAlgorithm::ALL.into_iter().find(|k| enc == k.name()) {
        return Err(Error::unsupported(
            Part::Header,
            "enc holds a key management algorithm, not a content encryption algorithm",
        )
        .with(Detail::Name(found.name())));
    }
    if let Some(name) = in_other_case(&enc, &ContentAlgorithm::ALL.map(ContentAlgorithm::name)) {
        return Err(Error::unsupported(
            Part::Header,
            "enc spells a content algorithm in the wrong case (names are case-sensitive)",
        )
        .with(Detail::Name(name)));
    }
    Err(Error::unsupported(
        Part::Header,
        "unknown content encryption algorithm (enc)",
    ))
}

/// A JWS signature algorithm (`alg` of a signed token). Each is bound to one
/// key type: RS/PS to RSA keys, ES256/384/512 to EC keys on P-256/384/521
/// (feature `ecdsa`), EdDSA to Ed25519 keys (feature `eddsa`), HS to
/// shared secrets ([`crate::keys::SecretKey`]); a key of another type is
/// refused for it, whatever the header says. A public key is never a
/// shared secret: its bytes cannot key an HMAC (algorithm confusion is
/// impossible by type).
///
/// ```
/// use jose_core::SignatureAlgorithm;
/// assert_eq!(SignatureAlgorithm::Rs256.name(), "RS256");
/// assert_eq!(SignatureAlgorithm::from_name("ES256"), Some(SignatureAlgorithm::Es256));
/// assert_eq!(SignatureAlgorithm::from_name("PS512"), Some(SignatureAlgorithm::Ps512));
/// assert_eq!(SignatureAlgorithm::from_name("HS256"), Some(SignatureAlgorithm::Hs256));
/// assert_eq!(SignatureAlgorithm::from_name("ES256K"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt.
    Ps256,
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt.
    Ps384,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt.
    Ps512,
    /// ECDSA on P-256 with SHA-256; the signature is `r || s`, 64 bytes
    /// (RFC 7518 §3.4). Needs the `ecdsa` feature.
    Es256,
    /// ECDSA on P-384 with SHA-384; `r || s`, 96 bytes. Needs `ecdsa`.
    Es384,
    /// ECDSA on P-521 with SHA-512; `r || s`, 132 bytes. Needs `ecdsa`.
    Es512,
    /// EdDSA (RFC 8037), verified with Ed25519 keys only (Ed448 is not
    /// implemented); 64-byte signatures, strict. Needs `eddsa`.
    EdDsa,
    /// Ed25519 by its fully-specified name (RFC 9864): the same signature
    /// as `EdDSA` with an Ed25519 key. Needs `eddsa`.
    Ed25519,
    /// HMAC with SHA-256, verified with a shared secret of at least 32
    /// bytes only ([`crate::keys::SecretKey`]).
    Hs256,
    /// HMAC with SHA-384, a secret of at least 48 bytes.
    Hs384,
    /// HMAC with SHA-512, a secret of at least 64 bytes.
    Hs512,
}

impl SignatureAlgorithm {
    /// Every signature algorithm the crate knows, whether or not this build
    /// has it ([`SignatureAlgorithm::is_compiled`]).
    pub const ALL: [SignatureAlgorithm; 14] = [
        SignatureAlgorithm::Rs256,
        SignatureAlgorithm::Rs384,
        SignatureAlgorithm::Rs512,
        SignatureAlgorithm::Ps256,
        SignatureAlgorithm::Ps384,
        SignatureAlgorithm::Ps512,
        SignatureAlgorithm::Es256,
        SignatureAlgorithm::Es384,
        SignatureAlgorithm::Es512,
        SignatureAlgorithm::EdDsa,
        SignatureAlgorithm::Ed25519,
        SignatureAlgorithm::Hs256,
        SignatureAlgorithm::Hs384,
        SignatureAlgorithm::Hs512,
    ];

    /// The six RSA signature algorithms.
    pub const RSA: [SignatureAlgorithm; 6] = [
        SignatureAlgorithm::Rs256,
        SignatureAlgorithm::Rs384,
        SignatureAlgorithm::Rs512,
        SignatureAlgorithm::Ps256,
        SignatureAlgorithm::Ps384,
        SignatureAlgorithm::Ps512,
    ];

    /// The registered `alg` name.
    ///
    /// ```
    /// assert_eq!(jose_core::SignatureAlgorithm::Ps256.name(), "PS256");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            SignatureAlgorithm::Rs256 => "RS256",
            SignatureAlgorithm::Rs384 => "RS384",
            SignatureAlgorithm::Rs512 => "RS512",
            SignatureAlgorithm::Ps256 => "PS256",
            SignatureAlgorithm::Ps384 => "PS384",
            SignatureAlgorithm::Ps512 => "PS512",
            SignatureAlgorithm::Es256 => "ES256",
            SignatureAlgorithm::Es384 => "ES384",
            SignatureAlgorithm::Es512 => "ES512",
            SignatureAlgorithm::EdDsa => "EdDSA",
            SignatureAlgorithm::Ed25519 => "Ed25519",
            SignatureAlgorithm::Hs256 => "HS256",
            SignatureAlgorithm::Hs384 => "HS384",
            SignatureAlgorithm::Hs512 => "HS512",
        }
    }

    /// Whether this is an RSA algorithm (RS or PS): verified by RSA keys only.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithm::Rs256.is_rsa());
    /// assert!(!jose_core::SignatureAlgorithm::Es256.is_rsa());
    /// ```
    pub const fn is_rsa(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::Rs256
                | SignatureAlgorithm::Rs384
                | SignatureAlgorithm::Rs512
                | SignatureAlgorithm::Ps256
                | SignatureAlgorithm::Ps384
                | SignatureAlgorithm::Ps512
        )
    }

    /// Whether this is an ECDSA algorithm (ES256/384/512): verified by EC
    /// keys on its curve only.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithm::Es512.is_ecdsa());
    /// ```
    pub const fn is_ecdsa(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::Es256 | SignatureAlgorithm::Es384 | SignatureAlgorithm::Es512
        )
    }

    /// Whether this is EdDSA (`EdDSA` or `Ed25519`): verified by Ed25519
    /// keys only.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithm::Ed25519.is_eddsa());
    /// ```
    pub const fn is_eddsa(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::EdDsa | SignatureAlgorithm::Ed25519
        )
    }

    /// Whether this is HMAC (HS256/384/512): verified with a shared secret
    /// only, never a public key.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithm::Hs384.is_hmac());
    /// ```
    pub const fn is_hmac(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::Hs256 | SignatureAlgorithm::Hs384 | SignatureAlgorithm::Hs512
        )
    }

    /// The shortest secret HMAC with this algorithm takes, and its tag
    /// length: the hash's output (RFC 7518 §3.2); 0 for the others.
    pub(crate) const fn mac_len(self) -> usize {
        match self {
            SignatureAlgorithm::Hs256 => 32,
            SignatureAlgorithm::Hs384 => 48,
            SignatureAlgorithm::Hs512 => 64,
            _ => 0,
        }
    }

    /// Whether this build verifies with it: the RSA and HMAC algorithms
    /// always, ES256/384/512 with the `ecdsa` feature, EdDSA with `eddsa`.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithm::Ps256.is_compiled());
    /// ```
    pub const fn is_compiled(self) -> bool {
        self.is_rsa()
            || self.is_hmac()
            || (self.is_ecdsa() && cfg!(feature = "ecdsa"))
            || (self.is_eddsa() && cfg!(feature = "eddsa"))
    }

    /// The cargo feature this algorithm needs, if any.
    pub(crate) const fn feature(self) -> Option<&'static str> {
        if self.is_ecdsa() {
            Some("ECDSA signatures need jose-core's `ecdsa` feature, which this build leaves out")
        } else if self.is_eddsa() {
            Some("EdDSA signatures need jose-core's `eddsa` feature, which this build leaves out")
        } else {
            None
        }
    }

    /// The algorithm with this registered name, if it is implemented.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithm::from_name("none").is_none());
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// Whether this is an RSASSA-PSS algorithm (otherwise PKCS#1 v1.5).
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithm::Ps384.is_pss());
    /// ```
    pub const fn is_pss(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::Ps256 | SignatureAlgorithm::Ps384 | SignatureAlgorithm::Ps512
        )
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An elliptic curve of the EC keys the crate uses (RFC 7518 §6.2.1.1): the
/// curve of an ES256/384/512 key.
///
/// ```
/// use jose_core::{Curve, SignatureAlgorithm};
/// assert_eq!(Curve::from_name("P-521"), Some(Curve::P521));
/// assert_eq!(Curve::P521.coordinate_len(), 66);
/// assert_eq!(Curve::P384.signature_algorithm(), SignatureAlgorithm::Es384);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Curve {
    /// NIST P-256 (secp256r1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
    /// NIST P-521 (secp521r1).
    P521,
}

impl Curve {
    /// Every curve the crate knows.
    pub const ALL: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

    /// The JWK `crv` name.
    ///
    /// ```
    /// assert_eq!(jose_core::Curve::P256.name(), "P-256");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The curve with this JWK `crv` name (case-sensitive).
    ///
    /// ```
    /// assert_eq!(jose_core::Curve::from_name("p-256"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The length in bytes of one coordinate (a JWK's `x` and `y`, exactly)
    /// and of each of a signature's `r` and `s`.
    ///
    /// ```
    /// assert_eq!(jose_core::Curve::P384.coordinate_len(), 48);
    /// ```
    pub const fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The size of the curve's group order in bits.
    ///
    /// ```
    /// assert_eq!(jose_core::Curve::P521.bits(), 521);
    /// ```
    pub const fn bits(self) -> usize {
        match self {
            Curve::P256 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// The one signature algorithm a key on this curve verifies.
    ///
    /// ```
    /// use jose_core::{Curve, SignatureAlgorithm};
    /// assert_eq!(Curve::P256.signature_algorithm(), SignatureAlgorithm::Es256);
    /// ```
    pub const fn signature_algorithm(self) -> SignatureAlgorithm {
        match self {
            Curve::P256 => SignatureAlgorithm::Es256,
            Curve::P384 => SignatureAlgorithm::Es384,
            Curve::P521 => SignatureAlgorithm::Es512,
        }
    }
}

impl fmt::Display for Curve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An allow-list of signature algorithms. The default policy allows all of
/// them (each is still bound to its key type, so an RSA issuer's keys never
/// verify an ES256 token); an issuer that only signs RS256 should be held to
/// it.
///
/// ```
/// use jose_core::{SignatureAlgorithm, SignatureAlgorithms};
/// let rs256 = SignatureAlgorithms::none().with(SignatureAlgorithm::Rs256);
/// assert!(!rs256.contains(SignatureAlgorithm::Ps256));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SignatureAlgorithms(u16);

impl SignatureAlgorithms {
    /// Every implemented signature algorithm.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithms::all().contains(jose_core::SignatureAlgorithm::Rs512));
    /// ```
    pub const fn all() -> Self {
        // From the list, so that a new algorithm cannot be left out.
        let mut bits = 0;
        let mut rest: &[SignatureAlgorithm] = &SignatureAlgorithm::ALL;
        while let [first, tail @ ..] = rest {
            bits |= first.bit();
            rest = tail;
        }
        SignatureAlgorithms(bits)
    }

    /// The empty list.
    ///
    /// ```
    /// assert!(!jose_core::SignatureAlgorithms::none().contains(jose_core::SignatureAlgorithm::Rs256));
    /// ```
    pub const fn none() -> Self {
        SignatureAlgorithms(0)
    }

    /// What FAPI 1.0 Advanced allows for signing: PS256 and ES256.
    ///
    /// ```
    /// use jose_core::{SignatureAlgorithm as S, SignatureAlgorithms};
    /// let fapi = SignatureAlgorithms::fapi1_advanced();
    /// assert!(fapi.contains(S::Ps256) && fapi.contains(S::Es256));
    /// assert!(!fapi.contains(S::Rs256));
    /// ```
    pub const fn fapi1_advanced() -> Self {
        SignatureAlgorithms::none()
            .with(SignatureAlgorithm::Ps256)
            .with(SignatureAlgorithm::Es256)
    }

    /// What the FAPI 2.0 Security Profile allows for signing: PS256, ES256 and
    /// EdDSA with Ed25519 (under both of its names).
    ///
    /// ```
    /// use jose_core::{SignatureAlgorithm as S, SignatureAlgorithms};
    /// let fapi = SignatureAlgorithms::fapi2();
    /// assert!(fapi.contains(S::EdDsa) && fapi.contains(S::Ed25519));
    /// assert!(!fapi.contains(S::Rs256) && !fapi.contains(S::Es512));
    /// ```
    pub const fn fapi2() -> Self {
        SignatureAlgorithms::fapi1_advanced()
            .with(SignatureAlgorithm::EdDsa)
            .with(SignatureAlgorithm::Ed25519)
    }

    /// This list with `alg` added.
    ///
    /// ```
    /// use jose_core::{SignatureAlgorithm as S, SignatureAlgorithms};
    /// assert!(SignatureAlgorithms::none().with(S::Ps256).contains(S::Ps256));
    /// ```
    pub const fn with(self, alg: SignatureAlgorithm) -> Self {
        SignatureAlgorithms(self.0 | alg.bit())
    }

    /// This list with `alg` removed.
    ///
    /// ```
    /// use jose_core::{SignatureAlgorithm as S, SignatureAlgorithms};
    /// assert!(!SignatureAlgorithms::all().without(S::Rs256).contains(S::Rs256));
    /// ```
    pub const fn without(self, alg: SignatureAlgorithm) -> Self {
        SignatureAlgorithms(self.0 & !alg.bit())
    }

    /// Whether `alg` is allowed.
    ///
    /// ```
    /// assert!(jose_core::SignatureAlgorithms::all().contains(jose_core::SignatureAlgorithm::Rs256));
    /// ```
    pub const fn contains(self, alg: SignatureAlgorithm) -> bool {
        self.0 & alg.bit() != 0
    }
}

/// Registered JWS `alg` values the crate knows and refuses, with the reason.
const UNSUPPORTED_SIGNATURE_ALGORITHMS: &[(&str, &str)] = &[
    (
        "ES256K",
        "ECDSA on secp256k1 is not implemented (ES256/384/512 are)",
    ),
    (
        "Ed448",
        "EdDSA with Ed448 is not implemented (no well-kept pure-Rust crate; Ed25519 is)",
    ),
];

/// Resolves a JWS header's `alg`: `none` is a policy refusal (an unsigned
/// token is never acceptable), known but unimplemented names are unsupported.
/// Inside a nested token (`nested`), an HMAC `alg` is a policy refusal too: the
/// inner token must carry the issuer's signature, never a shared secret.
pub(crate) fn signature_algorithm(
    alg: JsonStr<'_>,
    nested: bool,
) -> Result<SignatureAlgorithm, Error> {
    if let Some(found) = SignatureAlgorithm::ALL
        .into_iter()
        .find(|s| alg == s.name())
    {
        if let (false, Some(why)) = (found.is_compiled(), found.feature()) {
            return Err(Error::unsupported(Part::Header, why).with(Detail::Name(found.name())));
        }
        if nested && found.is_hmac() {
            return Err(Error::policy(
                Part::Header,
                "the inner token is HMAC-signed: a nested token must carry the issuer's signature",
            )
            .with(Detail::Name(found.name())));
        }
        return Ok(found);
    }
    // `none` in any case, and an empty alg, all say "unsigned": one refusal.
    if in_other_case(&alg, &["none"]).is_some() || alg == "" {
        return Err(
            Error::policy(Part::Header, "unsigned token (alg none) refused")
                .with(Detail::Name("none")),
        );
    }
    if let Some(&(name, reason)) = UNSUPPORTED_SIGNATURE_ALGORITHMS
        .iter()
        .find(|(n, _)| alg == *n)
    {
        return Err(Error::unsupported(Part::Header, reason).with(Detail::Name(name)));
    }
    if KeyAlgorithm::ALL.into_iter().any(|k| alg == k.name()) {
        return Err(Error::unsupported(
            Part::Header,
            "alg holds a JWE key algorithm in a JWS header",
        ));
    }
    if let Some(name) = in_other_case(&alg, &SignatureAlgorithm::ALL.map(SignatureAlgorithm::name))
    {
        return Err(Error::unsupported(
            Part::Header,
            "alg spells a signature algorithm in the wrong case (names are case-sensitive)",
        )
        .with(Detail::Name(name)));
    }
    Err(Error::unsupported(
        Part::Header,
        "unknown signature algorithm (alg)",
    ))
}
