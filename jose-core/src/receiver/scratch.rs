//! The buffer a receiver opens a token in: one per thread, reused from call
//! to call (no allocation and no zero-filling of fresh memory per token),
//! wiped when each call ends. A buffer grown past [`KEEP_MAX`] for a large
//! token is wiped and freed rather than kept, so a thread holds at most
//! that much between calls.

use core::cell::Cell;
use core::ops::{Deref, DerefMut};
use std::vec::Vec;

use zeroize::Zeroize;

use crate::error::Error;

/// The largest buffer a thread keeps between calls (a token of about
/// 85 KB; larger ones get a buffer of their own).
const KEEP_MAX: usize = 64 * 1024;

std::thread_local! {
    static KEPT: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// `len` zeroed bytes, this thread's kept buffer if it is free.
pub(super) struct Scratch(Vec<u8>);

impl Scratch {
    /// A `too_large` error when `len` bytes cannot be allocated.
    pub(super) fn zeroed(len: usize) -> Result<Self, Error> {
        // Taken, not borrowed: a call on this thread while it is in use
        // (a resolver that opens another token) gets an empty one.
        let mut buf = KEPT.with(Cell::take);
        crate::heap::zero_fill(&mut buf, len)?;
        Ok(Scratch(buf))
    }
}

impl Deref for Scratch {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl DerefMut for Scratch {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Every byte this call used; what lies past them was wiped by the
        // call that used it.
        self.0.as_mut_slice().zeroize();
        if self.0.capacity() <= KEEP_MAX {
            let buf = core::mem::take(&mut self.0);
            // At thread exit the slot may be gone: the buffer is then freed
            // here, already wiped.
            let _ = KEPT.try_with(|kept| kept.set(buf));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn a_buffer_is_zeroed_reused_and_wiped() {
        {
            let mut first = Scratch::zeroed(100).unwrap();
            assert!(first.iter().all(|b| *b == 0));
            first.fill(0xAA);
        }
        let kept = KEPT.with(Cell::take);
        assert!(kept.capacity() >= 100 && kept.iter().all(|b| *b == 0));
        KEPT.with(|k| k.set(kept));
        let second = Scratch::zeroed(50).unwrap();
        assert_eq!(second.len(), 50);
        assert!(second.iter().all(|b| *b == 0));
    }

    #[test]
    fn a_large_buffer_is_not_kept_and_an_impossible_one_is_an_error() {
        drop(Scratch::zeroed(KEEP_MAX + 1).unwrap());
        assert!(KEPT.with(Cell::take).capacity() <= KEEP_MAX);
        match Scratch::zeroed(usize::MAX) {
            Err(err) => assert_eq!(err.kind(), ErrorKind::TooLarge),
            Ok(_) => panic!("usize::MAX bytes allocated"),
        }
    }
}
