//! Big-endian integers as keys carry them: their significant bits, and
//! their bytes without leading zeros (the minimal form JWK, DER and the
//! RFC 7638 thumbprint use). Shared by the key layer and both backends.

/// The number of significant bits of `x`, in the same words on every
/// crypto-bigint 0.7 release (`bits` is deprecated from 0.7.11 on,
/// `bit_width` absent before it).
pub(crate) fn bit_width(x: &crypto_bigint::BoxedUint) -> u32 {
    x.bits_precision() - x.leading_zeros()
}

/// `bytes` without its leading zero bytes (empty for zero).
pub(crate) fn strip_leading_zeros(mut bytes: &[u8]) -> &[u8] {
    while let [0, rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// The number of significant bits of a big-endian integer whose first
/// byte, if any, is not zero.
pub(crate) fn bit_len(be: &[u8]) -> usize {
    match be.first() {
        Some(top) => be.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zeros_go_and_lengths_count_bits() {
        assert_eq!(strip_leading_zeros(&[0, 0, 1, 0]), [1, 0]);
        assert_eq!(strip_leading_zeros(&[0, 0]), [0u8; 0]);
        assert_eq!(bit_len(&[0x01, 0xFF]), 9);
        assert_eq!(bit_len(&[]), 0);
    }
}
