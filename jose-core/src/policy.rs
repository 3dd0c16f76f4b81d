//! What a receiver accepts: algorithm allow-lists and size limits.
//!
//! A [`Policy`] is checked before anything expensive happens: sizes before any
//! decoding, algorithms before the private key is touched. The defaults accept
//! every implemented algorithm and tokens large enough for 64 KiB of nested
//! claims; narrow them to what your issuer actually sends.

use crate::algorithm::{
    ContentAlgorithm, ContentAlgorithms, KeyAlgorithm, KeyAlgorithms, SignatureAlgorithm,
    SignatureAlgorithms,
};
use crate::error::{Detail, Error, Part};

/// The largest decoded protected header the crate can hold (the fixed header
/// buffer's size), in bytes.
pub const MAX_HEADER_LEN: usize = 4096;

/// The default largest token, in bytes: 256 KiB. A nested token carrying 64 KiB
/// of claims is about 120,000 characters.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 256 * 1024;

/// The smallest RSA modulus accepted, in bits. Smaller keys are refused as
/// `policy` at import and at use; a policy can only raise this.
pub const MIN_RSA_BITS: usize = 2048;

/// The largest RSA modulus accepted, in bits (the encrypted key buffer's size).
pub const MAX_RSA_BITS: usize = 4096;

/// Allow-lists and limits for receiving tokens.
///
/// ```
/// use jose_core::{ContentAlgorithm, ContentAlgorithms, KeyAlgorithm, KeyAlgorithms, Policy};
///
/// // An Auth0-style API: RSA-OAEP-256 + A256GCM only, 16 KiB tokens at most.
/// let policy = Policy::new()
///     .key_algorithms(KeyAlgorithms::none().with(KeyAlgorithm::RsaOaep256))
///     .content_algorithms(ContentAlgorithms::none().with(ContentAlgorithm::A256Gcm))
///     .max_token_len(16 * 1024);
/// assert_eq!(policy.max_token(), 16 * 1024);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Policy {
    key_algorithms: KeyAlgorithms,
    content_algorithms: ContentAlgorithms,
    signature_algorithms: SignatureAlgorithms,
    require_cty: bool,
    max_token_len: usize,
    max_header_len: usize,
    min_rsa_bits: usize,
    max_rsa_bits: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy {
    /// The defaults: every implemented algorithm, tokens up to
    /// [`DEFAULT_MAX_TOKEN_LEN`], headers up to [`MAX_HEADER_LEN`], RSA moduli of
    /// [`MIN_RSA_BITS`] to [`MAX_RSA_BITS`] bits.
    ///
    /// ```
    /// let p = jose_core::Policy::new();
    /// assert_eq!(p.max_token(), jose_core::policy::DEFAULT_MAX_TOKEN_LEN);
    /// ```
    pub const fn new() -> Self {
        Policy {
            key_algorithms: KeyAlgorithms::all(),
            content_algorithms: ContentAlgorithms::all(),
            signature_algorithms: SignatureAlgorithms::all(),
            require_cty: false,
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
            max_header_len: MAX_HEADER_LEN,
            min_rsa_bits: MIN_RSA_BITS,
            max_rsa_bits: MAX_RSA_BITS,
        }
    }

    /// Accept only these key algorithms.
    ///
    /// ```
    /// use jose_core::{KeyAlgorithm, KeyAlgorithms, Policy};
    /// let p = Policy::new().key_algorithms(KeyAlgorithms::none().with(KeyAlgorithm::RsaOaep));
    /// assert!(!p.allowed_key_algorithms().contains(KeyAlgorithm::RsaOaep256));
    /// ```
    pub const fn key_algorithms(mut self, algorithms: KeyAlgorithms) -> Self {
        self.key_algorithms = algorithms;
        self
    }

    /// Accept only these content algorithms.
    ///
    /// ```
    /// use jose_core::{ContentAlgorithm, ContentAlgorithms, Policy};
    /// let p = Policy::new().content_algorithms(ContentAlgorithms::none().with(ContentAlgorithm::A256Gcm));
    /// assert!(p.allowed_content_algorithms().contains(ContentAlgorithm::A256Gcm));
    /// ```
    pub const fn content_algorithms(mut self, algorithms: ContentAlgorithms) -> Self {
        self.content_algorithms = algorithms;
        self
    }

    /// Accept only these signature algorithms (JWS, and the inner token of a
    /// nested JWT).
    ///
    /// ```
    /// use jose_core::{Policy, SignatureAlgorithm, SignatureAlgorithms};
    /// let p = Policy::new().signature_algorithms(SignatureAlgorithms::none().with(SignatureAlgorithm::Rs256));
    /// assert!(!p.allowed_signature_algorithms().contains(SignatureAlgorithm::Ps256));
    /// ```
    pub const fn signature_algorithms(mut self, algorithms: SignatureAlgorithms) -> Self {
        self.signature_algorithms = algorithms;
        self
    }

    /// Require the outer header of a nested token to carry `cty: "JWT"`
    /// (compared case-insensitively). Without this, an absent `cty` is accepted
    /// and a present one must still say `JWT`.
    ///
    /// ```
    /// assert!(jose_core::Policy::new().require_cty(true).requires_cty());
    /// ```
    pub const fn require_cty(mut self, required: bool) -> Self {
        self.require_cty = required;
        self
    }

    /// The largest token accepted, in bytes.
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().max_token_len(1000).max_token(), 1000);
    /// ```
    pub const fn max_token_len(mut self, bytes: usize) -> Self {
        self.max_token_len = bytes;
        self
    }

    /// The largest decoded protected header accepted, in bytes; values above
    /// [`MAX_HEADER_LEN`] are treated as [`MAX_HEADER_LEN`].
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().max_header_len(1 << 20).max_header(), 4096);
    /// ```
    pub const fn max_header_len(mut self, bytes: usize) -> Self {
        self.max_header_len = if bytes < MAX_HEADER_LEN {
            bytes
        } else {
            MAX_HEADER_LEN
        };
        self
    }

    /// The accepted RSA modulus sizes in bits, clamped to
    /// [`MIN_RSA_BITS`]..=[`MAX_RSA_BITS`]: a policy can narrow the range, never widen it.
    ///
    /// ```
    /// let p = jose_core::Policy::new().rsa_modulus_bits(3072, 8192);
    /// assert_eq!(p.rsa_bits(), (3072, 4096));
    /// ```
    pub const fn rsa_modulus_bits(mut self, min: usize, max: usize) -> Self {
        self.min_rsa_bits = if min > MIN_RSA_BITS {
            min
        } else {
            MIN_RSA_BITS
        };
        self.max_rsa_bits = if max < MAX_RSA_BITS {
            max
        } else {
            MAX_RSA_BITS
        };
        self
    }

    /// The key algorithm allow-list.
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().allowed_key_algorithms(), jose_core::KeyAlgorithms::all());
    /// ```
    pub const fn allowed_key_algorithms(&self) -> KeyAlgorithms {
        self.key_algorithms
    }

    /// The content algorithm allow-list.
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().allowed_content_algorithms(), jose_core::ContentAlgorithms::all());
    /// ```
    pub const fn allowed_content_algorithms(&self) -> ContentAlgorithms {
        self.content_algorithms
    }

    /// The signature algorithm allow-list.
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().allowed_signature_algorithms(), jose_core::SignatureAlgorithms::all());
    /// ```
    pub const fn allowed_signature_algorithms(&self) -> SignatureAlgorithms {
        self.signature_algorithms
    }

    /// Whether a nested token's outer header must carry `cty: "JWT"`.
    ///
    /// ```
    /// assert!(!jose_core::Policy::new().requires_cty());
    /// ```
    pub const fn requires_cty(&self) -> bool {
        self.require_cty
    }

    /// The largest token accepted, in bytes.
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().max_token(), 256 * 1024);
    /// ```
    pub const fn max_token(&self) -> usize {
        self.max_token_len
    }

    /// The largest decoded protected header accepted, in bytes.
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().max_header(), 4096);
    /// ```
    pub const fn max_header(&self) -> usize {
        self.max_header_len
    }

    /// The accepted RSA modulus sizes in bits, `(min, max)`.
    ///
    /// ```
    /// assert_eq!(jose_core::Policy::new().rsa_bits(), (2048, 4096));
    /// ```
    pub const fn rsa_bits(&self) -> (usize, usize) {
        (self.min_rsa_bits, self.max_rsa_bits)
    }

    pub(crate) fn check_key_algorithm(&self, alg: KeyAlgorithm) -> Result<(), Error> {
        if self.key_algorithms.contains(alg) {
            Ok(())
        } else {
            Err(
                Error::policy(Part::Header, "key algorithm not allowed by the policy")
                    .with(Detail::Name(alg.name())),
            )
        }
    }

    pub(crate) fn check_content_algorithm(&self, enc: ContentAlgorithm) -> Result<(), Error> {
        if self.content_algorithms.contains(enc) {
            Ok(())
        } else {
            Err(
                Error::policy(Part::Header, "content algorithm not allowed by the policy")
                    .with(Detail::Name(enc.name())),
            )
        }
    }

    pub(crate) fn check_signature_algorithm(&self, alg: SignatureAlgorithm) -> Result<(), Error> {
        if self.signature_algorithms.contains(alg) {
            Ok(())
        } else {
            Err(Error::policy(
                Part::Header,
                "signature algorithm not allowed by the policy",
            )
            .with(Detail::Name(alg.name())))
        }
    }

    pub(crate) fn check_rsa_bits(&self, bits: usize) -> Result<(), Error> {
        if bits < self.min_rsa_bits {
            Err(
                Error::policy(Part::Key, "RSA modulus too small").with(Detail::Minimum {
                    found: bits,
                    minimum: self.min_rsa_bits,
                }),
            )
        } else if bits > self.max_rsa_bits {
            Err(
                Error::policy(Part::Key, "RSA modulus too large").with(Detail::Limit {
                    found: bits,
                    limit: self.max_rsa_bits,
                }),
            )
        } else {
            Ok(())
        }
    }
}
