//! Heap allocations whose size comes from outside (an operator's setting,
//! the length of a caller's token or claims): reserved fallibly, so a size
//! the allocator cannot give is an error the caller sees, never an abort.

use alloc::vec::Vec;

use crate::error::{Detail, Error, ErrorKind};

/// Room in `vec` for `len` more elements, or a `kind` error saying `what`
/// could not be allocated (with the bytes asked for).
pub(crate) fn reserve<T>(
    vec: &mut Vec<T>,
    len: usize,
    kind: ErrorKind,
    what: &'static str,
) -> Result<(), Error> {
    vec.try_reserve_exact(len).map_err(|_| {
        Error::new(kind, None, what).with(Detail::Bytes(len.saturating_mul(size_of::<T>())))
    })
}

/// `len` copies of `value`, or a `kind` error saying `what` could not be
/// allocated (with the bytes asked for). (The shared cache's, with `std`.)
#[cfg(any(feature = "std", test))]
pub(crate) fn filled<T: Clone>(
    len: usize,
    value: T,
    kind: ErrorKind,
    what: &'static str,
) -> Result<Vec<T>, Error> {
    let mut out = Vec::new();
    reserve(&mut out, len, kind, what)?;
    out.resize(len, value);
    Ok(out)
}

/// `vec` emptied and refilled with `len` zero bytes, for a buffer sized from
/// a caller's input (its capacity reused): a `too_large` error when they
/// cannot be had.
pub(crate) fn zero_fill(vec: &mut Vec<u8>, len: usize) -> Result<(), Error> {
    vec.clear();
    reserve(
        vec,
        len,
        ErrorKind::TooLarge,
        "the buffer this input needs cannot be allocated",
    )?;
    vec.resize(len, 0);
    Ok(())
}

/// `len` zero bytes for a buffer sized from a caller's input: a `too_large`
/// error when they cannot be had.
pub(crate) fn zeroed(len: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    zero_fill(&mut out, len)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_size_is_an_error_naming_it() {
        let err = zeroed(usize::MAX).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
        let err = filled(usize::MAX / 2, 0u64, ErrorKind::Configuration, "x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Configuration);
        assert_eq!(zeroed(3).unwrap(), [0, 0, 0]);
    }
}
