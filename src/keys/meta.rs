//! What a key says about itself (`kid`, `alg`, `use`, certificate thumbprint)
//! and the rules that follow from it.

use alloc::boxed::Box;

use crate::error::{Detail, Error, ErrorKind, Part};
use crate::json::JsonStr;

/// What a key is for, as a JWK's `use` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    Sign,
    Encrypt,
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::Sign => "sig",
            Purpose::Encrypt => "enc",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct KeyMeta {
    pub(crate) kid: Option<Box<str>>,
    pub(crate) alg: Option<Box<str>>,
    pub(crate) usage: Option<Box<str>>,
    pub(crate) x5t_s256: Option<[u8; 32]>,
}

impl KeyMeta {
    /// Whether the key may be used for `purpose` with the algorithm `alg`.
    pub(crate) fn check_usable(&self, purpose: Purpose, alg: &'static str) -> Result<(), Error> {
        if self.usage.as_deref().is_some_and(|u| u != purpose.name()) {
            return Err(Error::new(
                ErrorKind::Key,
                Some(Part::Key),
                "the key's use does not allow",
            )
            .with(Detail::Name(purpose.name())));
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
