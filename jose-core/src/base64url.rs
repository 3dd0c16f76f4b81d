//! Strict base64url (RFC 4648 §5, no padding) over caller-supplied buffers.
//!
//! This module owns the one rule every JOSE part follows: the URL-safe alphabet,
//! no `=` padding, no whitespace, no `+` or `/`, and canonical trailing bits (the
//! unused low bits of the last character are zero). Lengths are computed and
//! checked before any byte is decoded.
//!
//! Two decoders, one rule. Parts that are public on the wire (header,
//! encrypted key, IV, ciphertext, tag, signature) go through
//! [`decode_public`]: `base64-simd`, which checks and decodes 32 characters
//! per step where the CPU has AVX2 (SSE4.1, NEON and wasm `simd128` too),
//! chosen at run time with `std` and at compile time without it, and falls
//! back to a portable table decoder elsewhere. Anything secret (key material,
//! a decrypted nested payload) goes through [`decode`] and the in-place
//! decoder, which are constant-time in the data (`base64ct`). The suites hold
//! both decoders to the same bytes and the same error on every input, on the
//! SIMD path and (built without `std`) on the fallback.

use base64ct::{Base64UrlUnpadded, Encoding};

/// The decoder for public parts: URL-safe alphabet, no padding accepted,
/// non-zero trailing bits refused (canonical encodings only).
const PUBLIC: base64_simd::Base64 = base64_simd::URL_SAFE_NO_PAD;

use crate::error::{Detail, Error, Part};

/// The number of bytes `encoded_len` base64url characters decode to, or `None`
/// when no unpadded encoding has that length (a remainder of one character).
///
/// ```
/// use jose_core::base64url::decoded_len;
/// assert_eq!(decoded_len(22), Some(16));
/// assert_eq!(decoded_len(5), None);
/// ```
pub const fn decoded_len(encoded_len: usize) -> Option<usize> {
    let full = encoded_len / 4;
    match encoded_len % 4 {
        0 => Some(full * 3),
        2 => Some(full * 3 + 1),
        3 => Some(full * 3 + 2),
        _ => None,
    }
}

/// The number of characters the unpadded base64url encoding of `len` bytes has.
///
/// ```
/// use jose_core::base64url::encoded_len;
/// assert_eq!(encoded_len(16), 22);
/// assert_eq!(encoded_len(0), 0);
/// ```
pub const fn encoded_len(len: usize) -> usize {
    let full = len / 3;
    match len % 3 {
        0 => full * 4,
        1 => full * 4 + 2,
        _ => full * 4 + 3,
    }
}

/// The decoded length of the base64url text `encoded`, or a `malformed` error
/// naming `part` if no strict encoding has that shape (padding, or a length
/// that leaves one character over). Nothing is decoded.
///
/// ```
/// use jose_core::{base64url, Part};
/// assert_eq!(base64url::checked_decoded_len(b"aGk", Part::Json).unwrap(), 2);
/// assert!(base64url::checked_decoded_len(b"aGk=", Part::Json).is_err());
/// ```
pub fn checked_decoded_len(encoded: &[u8], part: Part) -> Result<usize, Error> {
    if encoded.last() == Some(&b'=') {
        return Err(Error::malformed(part, "base64url padding is not allowed"));
    }
    decoded_len(encoded.len()).ok_or(Error::malformed(part, "base64url length is impossible"))
}

/// Decodes `encoded` into the front of `out` and returns the decoded bytes.
///
/// `part` names the token part in the error. A wrong length, a character outside
/// the URL-safe alphabet (padding, `+`, `/`, whitespace) or non-canonical trailing
/// bits are `malformed`; an `out` shorter than the decoded length is `buffer`.
///
/// ```
/// use jose_core::{base64url, Part, ErrorKind};
///
/// let mut out = [0u8; 8];
/// assert_eq!(base64url::decode(b"aGk", &mut out, Part::Json).unwrap(), b"hi");
/// // `aGl` carries non-zero unused bits: not the canonical encoding of "hi".
/// let err = base64url::decode(b"aGl", &mut out, Part::Json).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Malformed);
/// ```
pub fn decode<'o>(encoded: &[u8], out: &'o mut [u8], part: Part) -> Result<&'o mut [u8], Error> {
    let out = exact_output(encoded, out, part)?;
    let len = out.len();
    match Base64UrlUnpadded::decode(encoded, out) {
        Ok(decoded) if decoded.len() == len => Ok(out),
        _ => {
            out.fill(0);
            Err(invalid(part))
        }
    }
}

/// Decodes `encoded`, a part that is public on the wire, into the front of
/// `out` and returns the decoded bytes.
///
/// The same rules and errors as [`decode`] (padding, alphabet, canonical
/// trailing bits, `buffer` when `out` is short), decoded by a fast table
/// decoder whose timing depends on the data: use it only for what an observer
/// of the token already sees.
///
/// ```
/// use jose_core::{base64url, Part, ErrorKind};
///
/// let mut out = [0u8; 4];
/// assert_eq!(base64url::decode_public(b"aGk", &mut out, Part::Ciphertext)?, b"hi");
/// for bad in [&b"aGk="[..], b"aGl", b"a+k", b"aG\nk"] {
///     let err = base64url::decode_public(bad, &mut out, Part::Ciphertext).unwrap_err();
///     assert_eq!(err.kind(), ErrorKind::Malformed);
/// }
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn decode_public<'o>(
    encoded: &[u8],
    out: &'o mut [u8],
    part: Part,
) -> Result<&'o mut [u8], Error> {
    let out = exact_output(encoded, out, part)?;
    // `out` is exactly the decoded length (the decoder would panic on less);
    // the decoder checks every character before it reports success.
    if PUBLIC
        .decode(encoded, base64_simd::Out::from_slice(out))
        .is_ok()
    {
        Ok(out)
    } else {
        out.fill(0);
        Err(invalid(part))
    }
}

/// The front of `out` that `encoded` decodes into, after the length rules.
fn exact_output<'o>(encoded: &[u8], out: &'o mut [u8], part: Part) -> Result<&'o mut [u8], Error> {
    let len = checked_decoded_len(encoded, part)?;
    let have = out.len();
    out.get_mut(..len).ok_or(
        Error::new(
            crate::error::ErrorKind::Buffer,
            Some(part),
            "output buffer too small",
        )
        .with(Detail::Buffer { have, need: len }),
    )
}

const fn invalid(part: Part) -> Error {
    Error::malformed(
        part,
        "invalid base64url (alphabet, padding or trailing bits)",
    )
}

/// Decodes the base64url text that fills `buf` into its front, in place, and
/// returns the decoded length. Same strictness as [`decode`]: `base64ct`'s
/// in-place decoder does not check the unused trailing bits, so they are
/// checked here first.
pub(crate) fn decode_in_place(buf: &mut [u8], part: Part) -> Result<usize, Error> {
    let invalid = invalid(part);
    checked_decoded_len(buf, part)?;
    let unused_bits_mask = match buf.len() % 4 {
        2 => 0x0F,
        3 => 0x03,
        _ => 0,
    };
    if let Some(last) = buf.last() {
        let value = sextet(*last).ok_or(invalid)?;
        if value & unused_bits_mask != 0 {
            return Err(invalid);
        }
    }
    Base64UrlUnpadded::decode_in_place(buf)
        .map(|decoded| decoded.len())
        .map_err(|_| invalid)
}

/// Encodes the `len` bytes at `buf[from..]` as base64url written from the front
/// of `buf`, and returns the encoded length. The source must sit at least as
/// far in as the encoding grows (`from >= encoded_len(len) - len`), so that
/// each 3-byte group is read before its 4 characters can reach it.
pub(crate) fn encode_forward_in_place(
    buf: &mut [u8],
    from: usize,
    len: usize,
) -> Result<usize, Error> {
    let out_len = encoded_len(len);
    let fits = from.checked_add(len).is_some_and(|end| end <= buf.len());
    if from < out_len - len || !fits {
        return Err(Error::new(
            crate::error::ErrorKind::Buffer,
            None,
            "base64url: source overlaps its encoding",
        ));
    }
    let mut written = 0;
    let mut group = [0u8; 3];
    let mut text = [0u8; 4];
    for start in (0..len).step_by(3) {
        let take = (len - start).min(3);
        let src = buf
            .get(from + start..from + start + take)
            .ok_or(Error::internal())?;
        let group = group.get_mut(..take).ok_or(Error::internal())?;
        group.copy_from_slice(src);
        let chars = encode(group, &mut text)?;
        if let Some(dst) = buf.get_mut(written..written + chars.len()) {
            dst.copy_from_slice(chars.as_bytes());
        }
        written += chars.len();
    }
    Ok(written)
}

/// The 6-bit value of a base64url character.
fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Encodes `bytes` into the front of `out` and returns the encoded text.
///
/// ```
/// use jose_core::base64url;
/// let mut out = [0u8; 8];
/// assert_eq!(base64url::encode(b"hi", &mut out).unwrap(), "aGk");
/// ```
pub fn encode<'o>(bytes: &[u8], out: &'o mut [u8]) -> Result<&'o str, Error> {
    let need = encoded_len(bytes.len());
    let have = out.len();
    Base64UrlUnpadded::encode(bytes, out).map_err(|_| {
        Error::new(
            crate::error::ErrorKind::Buffer,
            None,
            "output buffer too small for base64url",
        )
        .with(Detail::Buffer { have, need })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_agree_with_the_encoder() {
        let data = [0xA5u8; 64];
        for n in 0..data.len() {
            let mut out = [0u8; 128];
            let text = encode(&data[..n], &mut out).unwrap();
            assert_eq!(text.len(), encoded_len(n));
            assert_eq!(decoded_len(text.len()), Some(n));
        }
    }

    #[test]
    fn forward_in_place_encoding_matches_encode() {
        for len in 0..200 {
            let data: alloc::vec::Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let mut expected = [0u8; 300];
            let expected = encode(&data, &mut expected).unwrap();
            let from = encoded_len(len) - len;
            let mut buf = alloc::vec![0u8; from + len];
            buf[from..].copy_from_slice(&data);
            let n = encode_forward_in_place(&mut buf, from, len).unwrap();
            assert_eq!(&buf[..n], expected.as_bytes(), "len {len}");
            if from > 0 {
                assert!(encode_forward_in_place(&mut buf, from - 1, len).is_err());
            }
        }
    }

    #[test]
    fn in_place_decoding_is_as_strict_as_decode() {
        for bad in [&b"aGl"[..], b"aGk=", b"a+k", b"aG k", b"a"] {
            let mut buf = bad.to_vec();
            assert!(decode_in_place(&mut buf, Part::Json).is_err(), "{bad:?}");
        }
        let mut buf = *b"aGVsbG8";
        assert_eq!(decode_in_place(&mut buf, Part::Json).unwrap(), 5);
        assert_eq!(&buf[..5], b"hello");
    }

    #[test]
    fn public_and_constant_time_decoders_agree() {
        // Every length class, every trailing character, and each byte value
        // substituted at each position of a short text: same verdict, same bytes.
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut texts: alloc::vec::Vec<alloc::vec::Vec<u8>> = alloc::vec::Vec::new();
        for len in 0..40usize {
            let data: alloc::vec::Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let mut enc = [0u8; 64];
            let text = encode(&data, &mut enc).unwrap().as_bytes().to_vec();
            texts.push(text.clone());
            for pos in 0..text.len() {
                for b in 0..=255u8 {
                    let mut t = text.clone();
                    t[pos] = b;
                    texts.push(t);
                }
            }
            for c in alphabet {
                let mut t = text.clone();
                t.push(*c);
                texts.push(t);
            }
            let mut padded = text.clone();
            padded.push(b'=');
            texts.push(padded);
        }
        for text in &texts {
            let (mut a, mut b) = ([0u8; 48], [0u8; 48]);
            let fast = decode_public(text, &mut a, Part::Ciphertext).map(|o| o.to_vec());
            let ct = decode(text, &mut b, Part::Ciphertext).map(|o| o.to_vec());
            match (fast, ct) {
                (Ok(x), Ok(y)) => assert_eq!(x, y, "{text:?}"),
                (Err(x), Err(y)) => assert_eq!(x, y, "{text:?}"),
                (x, y) => panic!("decoders disagree on {text:?}: {x:?} vs {y:?}"),
            }
        }
    }

    #[test]
    fn public_and_constant_time_decoders_agree_across_simd_blocks() {
        // Texts up to 400 characters cross the SIMD decoder's 16- and
        // 32-character steps and its tail; a character that no strict
        // encoding has is put at every position, and each alphabet
        // character where the trailing bits live.
        let bad = [
            b'=', b'+', b'/', b' ', b'\n', b'.', b'@', b'[', b'`', b'{', b'^', 0, 0x7F, 0x80, 0xC3,
            0xFF,
        ];
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let agree = |text: &[u8]| {
            let (mut a, mut b) = ([0u8; 320], [0u8; 320]);
            let fast = decode_public(text, &mut a, Part::Ciphertext).map(|o| o.to_vec());
            let ct = decode(text, &mut b, Part::Ciphertext).map(|o| o.to_vec());
            assert_eq!(fast, ct, "decoders disagree on {text:?}");
            fast.is_ok()
        };
        let (mut accepted, mut canonical) = (0usize, 0usize);
        for len in (40..300usize).step_by(7) {
            let data: alloc::vec::Vec<u8> = (0..len).map(|i| (i * 131 + 7) as u8).collect();
            let mut enc = [0u8; 400];
            let text = encode(&data, &mut enc).unwrap().as_bytes().to_vec();
            assert!(agree(&text));
            for pos in 0..text.len() {
                for b in bad {
                    let mut t = text.clone();
                    t[pos] = b;
                    assert!(!agree(&t), "{t:?}");
                }
            }
            let last = text.len() - 1;
            canonical += [64, 4, 16][len % 3];
            for c in alphabet {
                let mut t = text.clone();
                t[last] = *c;
                accepted += usize::from(agree(&t));
            }
        }
        // Trailing bits: 4 of 64 last characters are canonical after a
        // 1-byte tail, 16 after a 2-byte tail, all 64 with none.
        assert_eq!(accepted, canonical);
    }

    #[test]
    fn public_decoder_fills_an_exact_buffer_and_reports_a_short_one() {
        let data = [0x5Au8; 16];
        let mut enc = [0u8; 32];
        let text = encode(&data, &mut enc).unwrap().as_bytes().to_vec();
        let mut exact = [0u8; 16];
        assert_eq!(decode_public(&text, &mut exact, Part::Tag).unwrap(), &data);
        let err = decode_public(&text, &mut [0u8; 15], Part::Tag).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Buffer);
    }

    #[test]
    fn rejects_every_non_strict_form() {
        let mut out = [0u8; 16];
        for bad in [
            &b"aGk="[..],
            b"aGk=\n",
            b"a+k",
            b"a/k",
            b"aG k",
            b"aGl",
            b"a",
            b"aGk\r",
        ] {
            let err = decode(bad, &mut out, Part::Json).unwrap_err();
            assert_eq!(err.kind(), crate::error::ErrorKind::Malformed, "{bad:?}");
            let err = decode_public(bad, &mut out, Part::Json).unwrap_err();
            assert_eq!(err.kind(), crate::error::ErrorKind::Malformed, "{bad:?}");
        }
    }
}
