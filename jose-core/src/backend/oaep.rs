//! EME-OAEP decoding (RFC 8017 §7.1.2 step 3), constant time.
//!
//! The pure-Rust backend does the RSA private operation itself (to reuse its
//! blinding pair), so the padding check is ours. Whether a block decodes is
//! the secret a padding oracle learns (Manger's attack), so nothing here
//! branches on, or indexes by, a byte of the encoded message: the leading
//! zero, the label hash, the run of zeros and the `0x01` separator are folded
//! into one [`Choice`] with `subtle`, and the message start is selected, never
//! searched for. The loops run over the whole block whatever it holds.
//!
//! The label is always empty (JWE uses none).

use sha2::Digest;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use crate::algorithm::KeyAlgorithm;

/// The outcome of decoding: whether the block is valid, and where its
/// message starts. Both are secret until the caller decides to reveal them.
pub(crate) struct Decoded {
    pub(crate) valid: Choice,
    /// Index into the encoded block of the message's first byte (meaningful
    /// only when `valid`).
    pub(crate) start: u32,
}

/// Decodes the `k`-byte encoded message `em` in place (the masks are removed
/// in place; `em` holds secrets afterwards and the caller wipes it).
pub(crate) fn decode(alg: KeyAlgorithm, em: &mut [u8]) -> Decoded {
    match alg {
        KeyAlgorithm::RsaOaep => decode_with::<sha1::Sha1>(em),
        KeyAlgorithm::RsaOaep256 => decode_with::<sha2::Sha256>(em),
        KeyAlgorithm::RsaOaep384 => decode_with::<sha2::Sha384>(em),
        KeyAlgorithm::RsaOaep512 => decode_with::<sha2::Sha512>(em),
        // The key layer never gives an RSA key another algorithm.
        _ => Decoded {
            valid: Choice::from(0),
            start: 0,
        },
    }
}

/// Copies the last `out.len()` bytes of the decoded block into `out` and
/// returns whether the block was valid *and* its message exactly that long.
/// The copy is from a fixed (public) position, so which bytes are read does
/// not depend on the padding either.
pub(crate) fn take_exact(em: &[u8], decoded: &Decoded, out: &mut [u8]) -> Choice {
    let (Some(from), Ok(want)) = (em.len().checked_sub(out.len()), u32::try_from(out.len())) else {
        return Choice::from(0);
    };
    let Some(tail) = em.get(from..) else {
        return Choice::from(0);
    };
    out.copy_from_slice(tail);
    let found = u32::try_from(em.len())
        .unwrap_or(0)
        .wrapping_sub(decoded.start);
    decoded.valid & found.ct_eq(&want)
}

fn decode_with<D: Digest>(em: &mut [u8]) -> Decoded {
    let h_len = <D as Digest>::output_size();
    let invalid = Decoded {
        valid: Choice::from(0),
        start: 0,
    };
    // k >= 2 hLen + 2 is a property of the key size, which is public.
    if em.len() < 2 * h_len + 2 || u32::try_from(em.len()).is_err() {
        return invalid;
    }
    let Some((first, rest)) = em.split_first_mut() else {
        return invalid;
    };
    let (masked_seed, masked_db) = rest.split_at_mut(h_len);
    // seed = maskedSeed ^ MGF(maskedDB), then DB = maskedDB ^ MGF(seed).
    mgf1_xor::<D>(masked_seed, masked_db);
    mgf1_xor::<D>(masked_db, masked_seed);
    let db = masked_db;

    let label_hash = D::digest([]);
    let (db_hash, ps_one_m) = db.split_at(h_len);
    let mut valid = first.ct_eq(&0) & db_hash.ct_eq(label_hash.as_slice());

    // PS || 0x01 || M: find the first 0x01 after any number of zeros, in one
    // pass over every byte, with no early exit.
    let mut looking = Choice::from(1);
    let mut bad_byte = Choice::from(0);
    let mut separator: u32 = 0;
    for (i, byte) in ps_one_m.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let is_zero = byte.ct_eq(&0);
        let is_one = byte.ct_eq(&1);
        separator.conditional_assign(&i, looking & is_one);
        bad_byte |= looking & !is_zero & !is_one;
        looking &= !is_one;
    }
    valid &= !looking & !bad_byte;
    // In block coordinates: 1 (leading zero) + hLen (seed) + hLen (label
    // hash) + separator + 1; at most k, since the separator is inside the block.
    let offset = u32::try_from(2 * h_len + 2).unwrap_or(u32::MAX);
    Decoded {
        valid,
        start: separator.wrapping_add(offset),
    }
}

/// `out ^= MGF1(seed, out.len())` (RFC 8017 §B.2.1).
fn mgf1_xor<D: Digest>(out: &mut [u8], seed: &[u8]) {
    for (counter, chunk) in out.chunks_mut(<D as Digest>::output_size()).enumerate() {
        let counter = u32::try_from(counter).unwrap_or(u32::MAX);
        let mask = D::new()
            .chain_update(seed)
            .chain_update(counter.to_be_bytes())
            .finalize();
        for (byte, m) in chunk.iter_mut().zip(mask.iter()) {
            *byte ^= m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An encoded block built by the `rsa` crate's own OAEP padding would need
    /// its private API, so blocks are built here from RFC 8017's definition
    /// and checked against decode.
    fn encode(alg: KeyAlgorithm, k: usize, msg: &[u8], seed: &[u8]) -> alloc::vec::Vec<u8> {
        fn enc<D: Digest>(k: usize, msg: &[u8], seed: &[u8]) -> alloc::vec::Vec<u8> {
            let h = <D as Digest>::output_size();
            let mut em = alloc::vec![0u8; k];
            let db_len = k - h - 1;
            let (seed_part, db) = em[1..].split_at_mut(h);
            db[..h].copy_from_slice(&D::digest([]));
            db[db_len - msg.len() - 1] = 1;
            db[db_len - msg.len()..].copy_from_slice(msg);
            seed_part.copy_from_slice(&seed[..h]);
            // maskedDB = DB ^ MGF(seed), then maskedSeed = seed ^ MGF(maskedDB).
            mgf1_xor::<D>(db, seed_part);
            mgf1_xor::<D>(seed_part, db);
            em
        }
        match alg {
            KeyAlgorithm::RsaOaep => enc::<sha1::Sha1>(k, msg, seed),
            KeyAlgorithm::RsaOaep256 => enc::<sha2::Sha256>(k, msg, seed),
            KeyAlgorithm::RsaOaep384 => enc::<sha2::Sha384>(k, msg, seed),
            KeyAlgorithm::RsaOaep512 => enc::<sha2::Sha512>(k, msg, seed),
            _ => unreachable!("not an RSA-OAEP algorithm"),
        }
    }

    const ALGS: [KeyAlgorithm; 4] = KeyAlgorithm::RSA_OAEP;

    #[test]
    fn valid_blocks_decode_to_their_message_at_every_length() {
        let seed = [0x3Cu8; 64];
        for alg in ALGS {
            let h = match alg {
                KeyAlgorithm::RsaOaep => 20,
                KeyAlgorithm::RsaOaep256 => 32,
                KeyAlgorithm::RsaOaep384 => 48,
                KeyAlgorithm::RsaOaep512 => 64,
                _ => unreachable!("not an RSA-OAEP algorithm"),
            };
            let k = 256;
            for len in 0..=(k - 2 * h - 2) {
                let msg: alloc::vec::Vec<u8> = (0..len).map(|i| (i as u8) ^ 0x01).collect();
                let mut em = encode(alg, k, &msg, &seed);
                let d = decode(alg, &mut em);
                assert!(bool::from(d.valid), "{alg:?} len {len}");
                assert_eq!(&em[d.start as usize..], &msg[..], "{alg:?} len {len}");
                let mut out = alloc::vec![0u8; len];
                assert!(bool::from(take_exact(&em, &d, &mut out)));
                assert_eq!(out, msg);
                let mut longer = alloc::vec![0u8; len + 1];
                assert!(!bool::from(take_exact(&em, &d, &mut longer)));
                if len > 0 {
                    let mut shorter = alloc::vec![0u8; len - 1];
                    assert!(!bool::from(take_exact(&em, &d, &mut shorter)));
                }
            }
        }
    }

    #[test]
    fn every_padding_fault_is_refused() {
        let seed = [0x77u8; 64];
        let msg = [0xABu8; 32];
        for alg in ALGS {
            let good = encode(alg, 256, &msg, &seed);
            // A flipped byte anywhere breaks the block: the leading zero is
            // checked directly, and every other byte feeds a mask (maskedDB
            // feeds the seed's mask, the seed feeds DB's), so the label hash
            // no longer matches. All-or-nothing, as OAEP is meant to be.
            for pos in 0..good.len() {
                let mut em = good.clone();
                em[pos] ^= 0x80;
                let d = decode(alg, &mut em);
                assert!(!bool::from(d.valid), "{alg:?} pos {pos}");
            }
            let mut em = good.clone();
            assert!(bool::from(decode(alg, &mut em).valid));
        }
    }

    #[test]
    fn structural_faults_are_refused() {
        // Built on the unmasked layout, then masked: no separator, a non-zero
        // byte before the separator, and a block too short for the hash.
        fn mask<D: Digest>(mut em: alloc::vec::Vec<u8>) -> alloc::vec::Vec<u8> {
            let h = <D as Digest>::output_size();
            let (seed, db) = em[1..].split_at_mut(h);
            mgf1_xor::<D>(db, seed);
            mgf1_xor::<D>(seed, db);
            em
        }
        let h = 32;
        let mut no_separator = alloc::vec![0u8; 256];
        no_separator[1 + h..1 + 2 * h].copy_from_slice(&sha2::Sha256::digest([]));
        let mut em = mask::<sha2::Sha256>(no_separator.clone());
        assert!(!bool::from(decode(KeyAlgorithm::RsaOaep256, &mut em).valid));

        let mut stray = no_separator.clone();
        stray[1 + 2 * h + 3] = 2;
        stray[1 + 2 * h + 4] = 1;
        let mut em = mask::<sha2::Sha256>(stray);
        assert!(!bool::from(decode(KeyAlgorithm::RsaOaep256, &mut em).valid));

        let mut separator_last = no_separator;
        separator_last[255] = 1;
        let mut em = mask::<sha2::Sha256>(separator_last);
        let d = decode(KeyAlgorithm::RsaOaep256, &mut em);
        assert!(bool::from(d.valid));
        assert_eq!(d.start, 256, "empty message");

        let mut tiny = [0u8; 2 * 64 + 1];
        assert!(!bool::from(
            decode(KeyAlgorithm::RsaOaep512, &mut tiny).valid
        ));
    }
}
