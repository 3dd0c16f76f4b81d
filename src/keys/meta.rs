//! What a key says about itself (`kid`, `alg`, `use`, `key_ops`, certificate
//! thumbprint) and the rules that follow from it.
//!
//! `use` (RFC 7517 §4.2) names a family (`sig`, `enc`); `key_ops` (§4.3) names
//! operations. A key that states either may only be used as it states; a key
//! that states both must state them consistently (checked at import).

use alloc::boxed::Box;

use crate::error::{Detail, Error, ErrorKind, Part};
use crate::json::{JsonStr, Kind, Value};

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
}

impl KeyMeta {
    /// RFC 7517 §4.3: when both `use` and `key_ops` are stated, they must
    /// convey the same thing.
    pub(crate) fn check_consistent(&self) -> Result<(), Error> {
        match (self.usage.as_deref(), self.key_ops) {
            (Some(usage), Some(ops)) if !ops.consistent_with_use(usage) => {
                Err(Error::invalid_key("use and key_ops contradict each other"))
            }
            _ => Ok(()),
        }
    }

    /// Whether the key may be used for `purpose` with the algorithm `alg`.
    pub(crate) fn check_usable(&self, purpose: Purpose, alg: &'static str) -> Result<(), Error> {
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
        if self.alg.as_deref().is_some_and(|a| a != alg) {
            return Err(Error::new(
                ErrorKind::Key,
                Some(Part::Key),
                "the key is restricted to another algorithm than the token's",
            )
            .with(Detail::Name(alg)));
        }
        Ok(())
    }

    pub(crate) fn kid_is(&self, kid: &JsonStr<'_>) -> bool {
        self.kid.as_deref().is_some_and(|mine| *kid == mine)
    }
}
