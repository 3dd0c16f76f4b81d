//! The ROCA fingerprint (CVE-2017-15361): RSA keys made by Infineon's RSALib
//! (smart cards, TPMs, 2012-2017) have primes `k * M + (65537^a mod M)`, `M`
//! the product of the small primes, and are factorable in CPU-years or
//! less. Their modulus is then a power of 65537 modulo each small prime,
//! which no other generator produces except by chance (a random 2048-bit
//! modulus passes all 38 tests with probability about 2^-154). Import
//! refuses such keys, as Wycheproof's `rejectsKeyWithRocaVulnerability`
//! asks; the modulus is public, so the check need not be constant-time.

use crypto_bigint::{BoxedUint, Word};

/// The odd primes up to 167: the detectors' list (Nemec et al., CCS 2017).
const PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

/// Whether `modulus` has the ROCA fingerprint: for every prime `p` of the
/// list, `modulus mod p` lies in the subgroup 65537 generates modulo `p`.
pub(crate) fn has_fingerprint(modulus: &BoxedUint) -> bool {
    PRIMES
        .iter()
        .all(|&p| in_subgroup_of_65537(residue(modulus.as_words(), p), p))
}

/// `words` (least significant first) modulo `p`.
fn residue(words: &[Word], p: u32) -> u32 {
    let p = u128::from(p);
    let r = words
        .iter()
        .rev()
        .fold(0u128, |r, &w| ((r << Word::BITS) | u128::from(w)) % p);
    // r < p <= 167.
    r as u32
}

/// Whether `r` is a power of 65537 modulo the prime `p`: at most `p - 1`
/// steps around the cycle from 1.
fn in_subgroup_of_65537(r: u32, p: u32) -> bool {
    let g = 65537 % p;
    let mut power = 1;
    for _ in 0..p {
        if power == r {
            return true;
        }
        power = power * g % p;
        if power == 1 {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit masks of the subgroups, as the published detectors list them
    /// for the first primes (bit `i` set when `i` is a power of 65537).
    #[test]
    fn subgroups_match_the_published_masks() {
        let mask = |p: u32| {
            (0..p)
                .filter(|&r| in_subgroup_of_65537(r, p))
                .fold(0u128, |m, r| m | 1 << r)
        };
        assert_eq!(mask(3), 6);
        assert_eq!(mask(5), 30);
        assert_eq!(mask(7), 126);
        assert_eq!(mask(11), 1026);
        assert_eq!(mask(13), 5658);
        assert_eq!(mask(17), 107_286);
        assert_eq!(mask(19), 199_410);
        assert_eq!(mask(23), 8_388_606);
    }

    #[test]
    fn residues_agree_with_small_arithmetic() {
        let n = BoxedUint::from_be_slice_vartime(&[
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07,
        ]);
        // 2^64 + 7: 2^64 mod 3 = 1, so 8 mod 3 = 2.
        assert_eq!(residue(n.as_words(), 3), 2);
        assert_eq!(
            residue(n.as_words(), 167),
            (((1u128 << 64) + 7) % 167) as u32
        );
    }

    #[test]
    fn powers_of_65537_have_it_and_their_neighbours_do_not() {
        let power = BoxedUint::from_be_slice_vartime(&65537u64.pow(3).to_be_bytes());
        assert!(has_fingerprint(&power));
        let next = BoxedUint::from_be_slice_vartime(&(65537u64.pow(3) + 2).to_be_bytes());
        assert!(!has_fingerprint(&next));
    }
}
