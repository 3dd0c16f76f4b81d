//! What a key says about itself (`kid`, `alg`, `use`, `key_ops`, certificate
//! thumbprint) and the rules that follow from it.
//!
//! `use` (RFC 7517 §4.2) names a family (`sig`, `enc`); `key_ops` (§4.3) names
//! operations. A key that states either may only be used as it states; a key
//! that states both must state them consistently (checked at import).

use alloc::boxed::Box;

use crate::algorithm::{ContentAlgorithm, Curve, KeyAlgorithm, SignatureAlgorithm};
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::json::{JsonStr, Kind, Value};

/// What a key is for, as a JWK's `use` states it (RFC 7517 §4.2).
///
/// ```
/// use jose_core::keys::{KeyUse, PrivateKey};
/// let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?
///     .with_use(KeyUse::Encryption)?;
/// assert_eq!(key.key_use(), Some("enc"));
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyUse {
    /// `sig`: signing and verifying.
    Signature,
    /// `enc`: encrypting and decrypting (for RSA, wrapping content keys).
    Encryption,
}

impl KeyUse {
    /// The JWK `use` value.
    ///
    /// ```
    /// assert_eq!(jose_core::keys::KeyUse::Signature.name(), "sig");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            KeyUse::Signature => "sig",
            KeyUse::Encryption => "enc",
        }
    }
}

/// What kind of key it is: the type binds the algorithms (an RSA key never
/// verifies ES256, an EC key never unwraps RSA-OAEP, a P-256 key verifies
/// ES256 only), whatever a token's header says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) enum KeyKind {
    #[default]
    Rsa,
    #[cfg_attr(not(feature = "ecdsa"), allow(dead_code))]
    Ec(Curve),
    /// An OKP key on Ed25519 (RFC 8037): EdDSA only.
    #[cfg_attr(not(feature = "eddsa"), allow(dead_code))]
    Ed25519,
    #[cfg_attr(not(feature = "x25519"), allow(dead_code))]
    X25519,
    /// A shared secret of `len` bytes (`oct`): the HMAC algorithms whose
    /// hash is no longer than the secret (RFC 7518 §3.2).
    Oct { len: usize },
}

impl KeyKind {
    /// Whether a key of this kind can be used with `alg` at all.
    fn allows(self, alg: Algorithm) -> bool {
        match (self, alg) {
            (kind, Algorithm::Agreement(alg, on)) => {
                alg.is_ecdh() && kind == on && matches!(kind, KeyKind::Ec(_) | KeyKind::X25519)
            }
            (KeyKind::Rsa, Algorithm::Key(alg)) => alg.is_rsa_oaep(),
            (KeyKind::Rsa, Algorithm::Signature(alg)) => alg.is_rsa(),
            (KeyKind::Ec(curve), Algorithm::Signature(alg)) => curve.signature_algorithm() == alg,
            (KeyKind::Ed25519, Algorithm::Signature(alg)) => alg.is_eddsa(),
            (KeyKind::Oct { len }, Algorithm::Signature(alg)) => {
                alg.is_hmac() && len >= alg.mac_len()
            }
            // `dir`'s length is the content algorithm's: checked as Direct.
            (KeyKind::Oct { .. }, Algorithm::Key(KeyAlgorithm::Dir)) => true,
            (KeyKind::Oct { len }, Algorithm::Key(alg)) => {
                alg.is_symmetric() && alg.wrapping_key_len() == Some(len)
            }
            (KeyKind::Oct { len }, Algorithm::Direct(enc)) => len == enc.key_len(),
            (KeyKind::Ec(_) | KeyKind::X25519, Algorithm::Key(alg)) => alg.is_ecdh(),
            (KeyKind::X25519, Algorithm::Signature(_))
            | (
                KeyKind::Rsa | KeyKind::Ec(_) | KeyKind::Ed25519 | KeyKind::X25519,
                Algorithm::Direct(_),
            )
            | (KeyKind::Ed25519, Algorithm::Key(_)) => false,
        }
    }

    fn refusal(self, alg: Algorithm) -> &'static str {
        match (self, alg) {
            (KeyKind::Ec(_) | KeyKind::X25519, Algorithm::Agreement(..)) => {
                "the token's ephemeral key (epk) is of another type or curve than this key"
            }
            (KeyKind::Rsa, _) => "an RSA key is used with RSA algorithms only (RS, PS, RSA-OAEP)",
            (KeyKind::Ec(Curve::P256), _) => {
                "an EC key on P-256 signs and verifies ES256 and agrees keys with ECDH-ES only"
            }
            (KeyKind::Ec(Curve::P384), _) => {
                "an EC key on P-384 signs and verifies ES384 and agrees keys with ECDH-ES only"
            }
            (KeyKind::Ec(Curve::P521), _) => {
                "an EC key on P-521 signs and verifies ES512 and agrees keys with ECDH-ES only"
            }
            (KeyKind::Ed25519, _) => "an Ed25519 key signs and verifies EdDSA (Ed25519) only",
            (KeyKind::X25519, _) => "an X25519 key agrees keys with ECDH-ES only; it never signs",
            (KeyKind::Oct { .. }, Algorithm::Signature(_)) => {
                "a shared secret computes HMAC only with a hash no longer than the secret \
                 (RFC 7518 §3.2: HS256 32 bytes, HS384 48, HS512 64)"
            }
            (KeyKind::Oct { .. }, Algorithm::Direct(_)) => {
                "a dir key is the content key itself: exactly as long as enc's key \
                 (A128GCM 16 bytes, A192GCM 24, A256GCM and A128CBC-HS256 32, \
                 A192CBC-HS384 48, A256CBC-HS512 64)"
            }
            (KeyKind::Oct { .. }, Algorithm::Key(alg)) if alg.is_symmetric() => {
                "an AES key-wrap key is exactly the algorithm's AES key length \
                 (A128KW and A128GCMKW 16 bytes, A192 24, A256 32)"
            }
            (KeyKind::Oct { .. }, Algorithm::Key(_) | Algorithm::Agreement(..)) => {
                "a shared secret computes HMAC, dir and AES key wrap only, never RSA-OAEP \
                 or ECDH-ES"
            }
        }
    }

    pub(crate) fn kty(self) -> &'static str {
        match self {
            KeyKind::Rsa => "RSA",
            KeyKind::Ec(_) => "EC",
            KeyKind::Ed25519 | KeyKind::X25519 => "OKP",
            KeyKind::Oct { .. } => "oct",
        }
    }

    /// The curve of an EC kind.
    pub(crate) fn curve(self) -> Option<Curve> {
        match self {
            KeyKind::Ec(curve) => Some(curve),
            KeyKind::Rsa | KeyKind::Ed25519 | KeyKind::X25519 | KeyKind::Oct { .. } => None,
        }
    }
}

/// The algorithm a key is about to be used with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Algorithm {
    Key(KeyAlgorithm),
    /// ECDH-ES with an ephemeral key of this kind (its type and curve, as
    /// the token's `epk` says): only a key of the same kind agrees.
    Agreement(KeyAlgorithm, KeyKind),
    /// `dir` for a content key of this algorithm: the key's length is known.
    Direct(ContentAlgorithm),
    Signature(SignatureAlgorithm),
}

impl Algorithm {
    /// The key management or signature algorithm as a JWK `alg` names it.
    pub(crate) fn for_key(alg: KeyAlgorithm, enc: ContentAlgorithm) -> Self {
        if alg == KeyAlgorithm::Dir {
            Algorithm::Direct(enc)
        } else {
            Algorithm::Key(alg)
        }
    }

    fn name(self) -> &'static str {
        match self {
            Algorithm::Key(alg) | Algorithm::Agreement(alg, _) => alg.name(),
            Algorithm::Direct(_) => KeyAlgorithm::Dir.name(),
            Algorithm::Signature(alg) => alg.name(),
        }
    }

    /// Whether a key restricted to `stated` (its JWK `alg`) may do this.
    /// A `dir` key may state the content algorithm it is the key of, as
    /// RFC 7520 §5.6's does (`"alg": "A128GCM"`): for `dir` that is the
    /// narrower restriction.
    fn is_named(self, stated: &str) -> bool {
        stated == self.name() || matches!(self, Algorithm::Direct(enc) if stated == enc.name())
    }

    fn is_pss(self) -> bool {
        matches!(self, Algorithm::Signature(alg) if alg.is_pss())
    }
}

impl From<KeyAlgorithm> for Algorithm {
    fn from(alg: KeyAlgorithm) -> Self {
        Algorithm::Key(alg)
    }
}

impl From<SignatureAlgorithm> for Algorithm {
    fn from(alg: SignatureAlgorithm) -> Self {
        Algorithm::Signature(alg)
    }
}

/// What a key is about to be used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    Sign,
    Verify,
    Encrypt,
    Decrypt,
}

impl Purpose {
    /// The `use` value that allows this purpose.
    fn usage(self) -> &'static str {
        match self {
            Purpose::Sign | Purpose::Verify => "sig",
            Purpose::Encrypt | Purpose::Decrypt => "enc",
        }
    }

    /// The `key_ops` values that allow this purpose: for RSA-OAEP the key
    /// wraps content keys (`wrapKey`/`unwrapKey`), and `encrypt`/`decrypt` are
    /// accepted too, as WebCrypto and most JWK producers use them for it.
    fn operations(self) -> KeyOps {
        match self {
            Purpose::Sign => KeyOps::SIGN,
            Purpose::Verify => KeyOps::VERIFY,
            Purpose::Encrypt => KeyOps(KeyOps::ENCRYPT.0 | KeyOps::WRAP_KEY.0),
            Purpose::Decrypt => KeyOps(KeyOps::DECRYPT.0 | KeyOps::UNWRAP_KEY.0),
        }
    }
}

/// A JWK's `key_ops`, as a set of the operations RFC 7517 registers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct KeyOps(u8);

impl KeyOps {
    const SIGN: KeyOps = KeyOps(1);
    const VERIFY: KeyOps = KeyOps(2);
    const ENCRYPT: KeyOps = KeyOps(4);
    const DECRYPT: KeyOps = KeyOps(8);
    const WRAP_KEY: KeyOps = KeyOps(16);
    const UNWRAP_KEY: KeyOps = KeyOps(32);
    const DERIVE_KEY: KeyOps = KeyOps(64);
    const DERIVE_BITS: KeyOps = KeyOps(128);
    const NAMES: [(&'static str, KeyOps); 8] = [
        ("sign", KeyOps::SIGN),
        ("verify", KeyOps::VERIFY),
        ("encrypt", KeyOps::ENCRYPT),
        ("decrypt", KeyOps::DECRYPT),
        ("wrapKey", KeyOps::WRAP_KEY),
        ("unwrapKey", KeyOps::UNWRAP_KEY),
        ("deriveKey", KeyOps::DERIVE_KEY),
        ("deriveBits", KeyOps::DERIVE_BITS),
    ];
    const SIGNATURE_FAMILY: u8 = 1 | 2;
    const ENCRYPTION_FAMILY: u8 = 4 | 8 | 16 | 32;

    /// The registered operations in this set, in RFC 7517's order.
    pub(crate) fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES
            .into_iter()
            .filter(move |(_, op)| self.0 & op.0 != 0)
            .map(|(name, _)| name)
    }

    fn allows(self, purpose: Purpose) -> bool {
        self.0 & purpose.operations().0 != 0
    }

    /// Reads a JWK's `key_ops` member: an array of distinct strings (RFC 7517
    /// §4.3). Values it does not register are allowed and ignored.
    pub(crate) fn from_jwk(doc: Value<'_>) -> Result<Option<KeyOps>, Error> {
        let Some(value) = doc.get("key_ops") else {
            return Ok(None);
        };
        let invalid = |reason| Error::invalid_key(reason).with(Detail::Name("key_ops"));
        if value.kind() != Kind::Array {
            return Err(invalid("must be an array of strings"));
        }
        let mut ops = KeyOps::default();
        for element in value.elements() {
            let name = element
                .as_str()
                .ok_or_else(|| invalid("must be an array of strings"))?;
            if let Some((_, op)) = KeyOps::NAMES.iter().find(|(known, _)| name == *known) {
                if ops.0 & op.0 != 0 {
                    return Err(invalid("lists an operation twice"));
                }
                ops.0 |= op.0;
            }
        }
        Ok(Some(ops))
    }

    fn consistent_with_use(self, usage: &str) -> bool {
        match usage {
            "sig" => self.0 & Self::ENCRYPTION_FAMILY == 0,
            "enc" => self.0 & Self::SIGNATURE_FAMILY == 0,
            _ => true,
        }
    }
}

/// Why an `id-RSASSA-PSS` key refuses anything but PSS signatures.
const PSS_ONLY: &str =
    "the key is an RSASSA-PSS key (id-RSASSA-PSS, RFC 4055): PSS signatures (PS256/384/512) only";

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct KeyMeta {
    pub(crate) kid: Option<Box<str>>,
    pub(crate) alg: Option<Box<str>>,
    pub(crate) usage: Option<Box<str>>,
    pub(crate) key_ops: Option<KeyOps>,
    pub(crate) x5t_s256: Option<[u8; 32]>,
    /// The key's X.509 certificate (DER), when one was attached: exported
    /// as the JWK's `x5c`.
    pub(crate) certificate: Option<Box<[u8]>>,
    /// The key came as `id-RSASSA-PSS` (RFC 4055 §1.2): its owner restricted
    /// it to RSASSA-PSS signatures, so it never decrypts, wraps, or signs
    /// with PKCS#1 v1.5 (as OpenSSL and panva jose hold it).
    pub(crate) rsassa_pss: bool,
    /// The key's type (and curve): set by the constructor of the key.
    pub(crate) kind: KeyKind,
}

impl KeyMeta {
    /// RFC 7517 §4.3: when both `use` and `key_ops` are stated, they must
    /// convey the same thing.
    /// An `id-RSASSA-PSS` key must not state an encryption use or an
    /// algorithm other than PS256/384/512.
    pub(crate) fn check_consistent(&self) -> Result<(), Error> {
        if let (Some(usage), Some(ops)) = (self.usage.as_deref(), self.key_ops) {
            if !ops.consistent_with_use(usage) {
                return Err(Error::invalid_key("use and key_ops contradict each other"));
            }
        }
        if self.rsassa_pss {
            let encryption = self.usage.as_deref() == Some("enc")
                || self
                    .key_ops
                    .is_some_and(|ops| ops.0 & KeyOps::ENCRYPTION_FAMILY != 0);
            let other_alg = self
                .alg
                .as_deref()
                .is_some_and(|alg| !matches!(alg, "PS256" | "PS384" | "PS512"));
            if encryption || other_alg {
                return Err(Error::invalid_key(PSS_ONLY));
            }
        }
        Ok(())
    }

    /// A JWK can say "PSS signatures only" through its `alg` alone: a key
    /// restricted to PSS with no PS `alg` is not written as a JWK, which
    /// would hand out the key without its restriction (Node and panva jose
    /// refuse to export such keys as JWKs too).
    pub(crate) fn check_jwk_expressible(&self) -> Result<(), Error> {
        let pss_alg = matches!(self.alg.as_deref(), Some("PS256" | "PS384" | "PS512"));
        if self.rsassa_pss && !pss_alg {
            return Err(Error::unsupported(
                Part::Key,
                "an RSASSA-PSS key (id-RSASSA-PSS) cannot be written as a JWK without its \
                 restriction: give it an alg of PS256, PS384 or PS512, or export SPKI/PKCS#8",
            ));
        }
        Ok(())
    }

    /// Sets the key's `use`, if it agrees with what else the key states.
    pub(crate) fn set_use(&mut self, usage: KeyUse) -> Result<(), Error> {
        let before = self.usage.replace(usage.name().into());
        self.check_consistent().inspect_err(|_| self.usage = before)
    }

    /// Whether the key's type allows `alg` at all (the check a direct
    /// `verify` call makes, without `use`, `key_ops` or `alg`).
    pub(crate) fn check_kind(&self, alg: impl Into<Algorithm>) -> Result<(), Error> {
        let alg: Algorithm = alg.into();
        if self.kind.allows(alg) {
            return Ok(());
        }
        Err(
            Error::new(ErrorKind::Key, Some(Part::Key), self.kind.refusal(alg))
                .with(Detail::Name(alg.name())),
        )
    }

    /// Whether the key may be used for `purpose` with the algorithm `alg`.
    pub(crate) fn check_usable(
        &self,
        purpose: Purpose,
        alg: impl Into<Algorithm>,
    ) -> Result<(), Error> {
        let alg: Algorithm = alg.into();
        self.check_kind(alg)?;
        if self.rsassa_pss && !alg.is_pss() {
            return Err(Error::new(ErrorKind::Key, Some(Part::Key), PSS_ONLY)
                .with(Detail::Name(alg.name())));
        }
        if self.usage.as_deref().is_some_and(|u| u != purpose.usage()) {
            return Err(Error::new(
                ErrorKind::Key,
                Some(Part::Key),
                "the key's use (JWK \"use\") does not allow",
            )
            .with(Detail::Name(purpose.usage())));
        }
        if self.key_ops.is_some_and(|ops| !ops.allows(purpose)) {
            return Err(Error::new(
                ErrorKind::Key,
                Some(Part::Key),
                "the key's key_ops do not allow this operation",
            )
            .with(Detail::Name(match purpose {
                Purpose::Sign => "sign",
                Purpose::Verify => "verify",
                Purpose::Encrypt => "encrypt/wrapKey",
                Purpose::Decrypt => "decrypt/unwrapKey",
            })));
        }
        if self.alg.as_deref().is_some_and(|a| !alg.is_named(a)) {
            return Err(Error::new(
                ErrorKind::Key,
                Some(Part::Key),
                "the key is restricted to another algorithm than the token's",
            )
            .with(Detail::Name(alg.name())));
        }
        Ok(())
    }

    /// Whether some operation with some algorithm could use both keys: if
    /// they share a `kid`, a token naming it could not say which it means.
    /// (Errs on the side of "yes": it decides what a set refuses to hold.)
    pub(crate) fn overlaps(&self, other: &KeyMeta) -> bool {
        // Keys of different types or curves have no algorithm in common.
        if self.kind != other.kind {
            return false;
        }
        if let (Some(a), Some(b)) = (self.alg.as_deref(), other.alg.as_deref()) {
            if a != b {
                return false;
            }
        }
        let pss_against_alg = |pss: &KeyMeta, o: &KeyMeta| {
            pss.rsassa_pss
                && o.alg
                    .as_deref()
                    .is_some_and(|a| !matches!(a, "PS256" | "PS384" | "PS512"))
        };
        if pss_against_alg(self, other) || pss_against_alg(other, self) {
            return false;
        }
        [
            Purpose::Sign,
            Purpose::Verify,
            Purpose::Encrypt,
            Purpose::Decrypt,
        ]
        .into_iter()
        .any(|p| self.allows(p) && other.allows(p))
    }

    /// Whether `use`, `key_ops` and a PSS restriction allow `purpose`.
    fn allows(&self, purpose: Purpose) -> bool {
        let pss_forbids = self.rsassa_pss && matches!(purpose, Purpose::Encrypt | Purpose::Decrypt);
        self.usage.as_deref().is_none_or(|u| u == purpose.usage())
            && self.key_ops.is_none_or(|ops| ops.allows(purpose))
            && !pss_forbids
    }

    pub(crate) fn kid_is(&self, kid: &JsonStr<'_>) -> bool {
        self.kid.as_deref().is_some_and(|mine| *kid == mine)
    }
}
