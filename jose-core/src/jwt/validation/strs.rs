//! A list of strings the rules borrow: a caller's `&[&str]`, or the boxed
//! strings an [`super::OwnedValidation`] holds. Both hash and compare as the
//! strings they hold, so rules borrowed from owned ones are the same rules
//! to a verified-token cache.

use alloc::boxed::Box;
use core::fmt;
use core::hash::{Hash, Hasher};

/// Strings borrowed from the caller or from owned rules.
#[derive(Clone, Copy)]
pub(super) enum Strs<'r> {
    Borrowed(&'r [&'r str]),
    Owned(&'r [Box<str>]),
}

impl<'r> Strs<'r> {
    /// Each string, in order.
    pub(super) fn iter(self) -> impl Iterator<Item = &'r str> {
        let (borrowed, owned): (&[&str], &[Box<str>]) = match self {
            Strs::Borrowed(list) => (list, &[]),
            Strs::Owned(list) => (&[], list),
        };
        borrowed.iter().copied().chain(owned.iter().map(|s| &**s))
    }

    fn len(self) -> usize {
        match self {
            Strs::Borrowed(list) => list.len(),
            Strs::Owned(list) => list.len(),
        }
    }
}

impl Hash for Strs<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for s in self.iter() {
            s.hash(state);
        }
    }
}

impl fmt::Debug for Strs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
