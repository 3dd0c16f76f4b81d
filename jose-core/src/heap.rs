//! Heap allocations whose size comes from outside (an operator's setting,
//! the length of a caller's token or claims): reserved fallibly, so a size
//! the allocator cannot give is an error the caller sees, never an abort.

use alloc::vec::Vec;

use crate::error::{Detail, Error, ErrorKind};

/// `len` copies of `value`, or a `kind` error saying `what` could not be
/// allocated (with the bytes asked for).
pub(crate) fn filled<T: Clone>(
    len: usize,
    value: T,
    kind: ErrorKind,
    what: &'static str,
) -> Result<Vec<T>, Error> {
    let mut out = Vec::new();
    out.try_reserve_exact(len).map_err(|_| {
        Error::new(kind, None, what).with(Detail::Bytes(len.saturating_mul(size_of::<T>())))
    })?;
    out.resize(len, value);
    Ok(out)
}

/// `len` zero bytes for a buffer sized from a caller's input: a `too_large`
/// error when they cannot be had.
pub(crate) fn zeroed(len: usize) -> Result<Vec<u8>, Error> {
    filled(
        len,
        0,
        ErrorKind::TooLarge,
        "the buffer this input needs cannot be allocated",
    )
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
