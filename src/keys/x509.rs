//! Just enough DER to find the SubjectPublicKeyInfo inside an X.509
//! certificate (RFC 5280 §4.1). Definite lengths only, every length checked
//! against what remains; anything else is refused. The SPKI itself is then
//! decoded by the `spki`/`pkcs1` decoders the `rsa` crate uses.

use crate::error::Error;

/// One DER element: its tag, and the whole encoding and the contents.
struct Tlv<'a> {
    tag: u8,
    whole: &'a [u8],
    contents: &'a [u8],
}

fn bad() -> Error {
    Error::invalid_key("not a DER X.509 certificate")
}

/// Reads the element at the front of `input`; returns it and the rest.
fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), Error> {
    let (&tag, rest) = input.split_first().ok_or_else(bad)?;
    if tag & 0x1F == 0x1F {
        return Err(bad()); // multi-byte tags do not occur on this path
    }
    let (&first, mut rest) = rest.split_first().ok_or_else(bad)?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 3 {
            return Err(bad()); // indefinite, or over 16 MiB
        }
        let (bytes, after) = rest.split_at_checked(count).ok_or_else(bad)?;
        rest = after;
        bytes
            .iter()
            .fold(0usize, |acc, b| acc << 8 | usize::from(*b))
    };
    let header_len = input.len() - rest.len();
    let (contents, after) = rest.split_at_checked(len).ok_or_else(bad)?;
    let whole = input.get(..header_len + len).ok_or_else(bad)?;
    Ok((
        Tlv {
            tag,
            whole,
            contents,
        },
        after,
    ))
}

const SEQUENCE: u8 = 0x30;
const VERSION: u8 = 0xA0; // [0] EXPLICIT

/// The DER SubjectPublicKeyInfo of a DER certificate.
pub(crate) fn subject_public_key_info(certificate: &[u8]) -> Result<&[u8], Error> {
    let (cert, trailing) = read(certificate)?;
    if cert.tag != SEQUENCE || !trailing.is_empty() {
        return Err(bad());
    }
    let (tbs, _) = read(cert.contents)?;
    if tbs.tag != SEQUENCE {
        return Err(bad());
    }
    let mut rest = tbs.contents;
    let (first, after) = read(rest)?;
    if first.tag == VERSION {
        rest = after;
    }
    // serialNumber, signature, issuer, validity, subject
    for _ in 0..5 {
        let (_, after) = read(rest)?;
        rest = after;
    }
    let (spki, _) = read(rest)?;
    if spki.tag != SEQUENCE {
        return Err(bad());
    }
    Ok(spki.whole)
}
