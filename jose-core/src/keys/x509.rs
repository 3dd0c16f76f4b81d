//! Just enough DER to find the SubjectPublicKeyInfo inside an X.509
//! certificate (RFC 5280 §4.1). Definite lengths only, every length checked
//! against what remains, and every element's tag checked against the one
//! RFC 5280 puts there, down to the SPKI: the certificate's three elements
//! and nothing after them, the optional version, serial number, signature
//! algorithm, issuer, validity and subject. What lies inside those is not
//! read (a certificate here is a key container: no chain, date or name is
//! checked). The SPKI itself is then decoded by the `spki`/`pkcs1` decoders
//! the `rsa` crate uses.

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

const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const SEQUENCE: u8 = 0x30;
const VERSION: u8 = 0xA0; // [0] EXPLICIT

/// Reads the element at the front of `input`, which must have `tag`.
fn expect(input: &[u8], tag: u8) -> Result<(Tlv<'_>, &[u8]), Error> {
    let (tlv, rest) = read(input)?;
    if tlv.tag == tag {
        Ok((tlv, rest))
    } else {
        Err(bad())
    }
}

/// The DER SubjectPublicKeyInfo of a DER certificate.
pub(crate) fn subject_public_key_info(certificate: &[u8]) -> Result<&[u8], Error> {
    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
    let (cert, trailing) = expect(certificate, SEQUENCE)?;
    if !trailing.is_empty() {
        return Err(bad());
    }
    let (tbs, rest) = expect(cert.contents, SEQUENCE)?;
    let (_, rest) = expect(rest, SEQUENCE)?;
    let (_, rest) = expect(rest, BIT_STRING)?;
    if !rest.is_empty() {
        return Err(bad());
    }
    // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber,
    //   signature, issuer, validity, subject, subjectPublicKeyInfo, ... }
    let mut rest = tbs.contents;
    if let Ok((version, after)) = expect(rest, VERSION) {
        let (_, inside) = expect(version.contents, INTEGER)?;
        if !inside.is_empty() {
            return Err(bad());
        }
        rest = after;
    }
    let (_, rest) = expect(rest, INTEGER)?; // serialNumber
    let (_, rest) = expect(rest, SEQUENCE)?; // signature
    let (_, rest) = expect(rest, SEQUENCE)?; // issuer
    let (_, rest) = expect(rest, SEQUENCE)?; // validity
    let (_, rest) = expect(rest, SEQUENCE)?; // subject
    let (spki, _) = expect(rest, SEQUENCE)?;
    Ok(spki.whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(tag: u8, body: &[u8]) -> alloc::vec::Vec<u8> {
        let mut out = alloc::vec![tag, body.len() as u8];
        out.extend_from_slice(body);
        out
    }

    /// A certificate of the right shape around `spki`, with one element's
    /// tag replaced when `wrong` names its position.
    fn certificate(wrong: Option<usize>) -> alloc::vec::Vec<u8> {
        let spki = tlv(SEQUENCE, &[0x05, 0x00]);
        let tags = [VERSION, INTEGER, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE];
        let mut tbs = alloc::vec::Vec::new();
        for (i, tag) in tags.iter().enumerate() {
            let tag = if wrong == Some(i) { 0x04 } else { *tag };
            let body = if i == 0 {
                tlv(INTEGER, &[2])
            } else {
                alloc::vec![1]
            };
            tbs.extend(tlv(tag, &body));
        }
        tbs.extend(&spki);
        let mut cert = tlv(SEQUENCE, &tbs);
        cert.extend(tlv(SEQUENCE, &[]));
        cert.extend(tlv(BIT_STRING, &[0]));
        tlv(SEQUENCE, &cert)
    }

    #[test]
    fn every_tag_on_the_way_to_the_spki_is_checked() {
        assert_eq!(
            subject_public_key_info(&certificate(None)).unwrap(),
            tlv(SEQUENCE, &[0x05, 0x00])
        );
        // The version is optional: a wrong tag there is read as the serial's.
        for wrong in 1..6 {
            assert!(
                subject_public_key_info(&certificate(Some(wrong))).is_err(),
                "{wrong}"
            );
        }
    }
}
