//! The SubjectPublicKeyInfo inside an X.509 certificate (RFC 5280 §4.1),
//! found with `der`'s reader (strict DER, every length checked by it): the
//! certificate's three elements and nothing after them, then inside the
//! TBSCertificate the optional version, serial number, signature
//! algorithm, issuer, validity and subject, each with the tag RFC 5280 puts
//! there, down to the SPKI. What lies inside those is not read (a
//! certificate here is a key container: no chain, date or name is
//! checked). The SPKI itself is decoded by the `spki`/`pkcs1` decoders the
//! `rsa` crate uses. (`x509-cert` would read every field, and its derive
//! macros would add a proc-macro toolchain to the first build: DESIGN.md.)

use der::asn1::ContextSpecific;
use der::{Header, Reader, SliceReader, Tag, TagNumber};

use crate::error::Error;

fn bad() -> Error {
    Error::invalid_key("not a DER X.509 certificate")
}

/// The whole element at the reader's position, which must have `tag`.
fn element<'r>(reader: &mut SliceReader<'r>, tag: Tag) -> der::Result<&'r [u8]> {
    Header::peek(reader)?.tag().assert_eq(tag)?;
    reader.tlv_bytes()
}

/// The DER SubjectPublicKeyInfo of a DER certificate.
pub(crate) fn subject_public_key_info(certificate: &[u8]) -> Result<&[u8], Error> {
    let walk = || -> der::Result<&[u8]> {
        let mut reader = SliceReader::new(certificate)?;
        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
        let spki = reader.sequence(|cert| {
            // TBSCertificate ::= SEQUENCE { [0] EXPLICIT version OPTIONAL,
            //   serialNumber, signature, issuer, validity, subject,
            //   subjectPublicKeyInfo, ... }
            let spki = cert.sequence(|tbs| {
                ContextSpecific::<u8>::decode_explicit(tbs, TagNumber(0))?;
                element(tbs, Tag::Integer)?; // serialNumber
                element(tbs, Tag::Sequence)?; // signature
                element(tbs, Tag::Sequence)?; // issuer
                element(tbs, Tag::Sequence)?; // validity
                element(tbs, Tag::Sequence)?; // subject
                let spki = element(tbs, Tag::Sequence)?;
                // Unique identifiers and extensions: not read.
                tbs.read_slice(tbs.remaining_len())?;
                Ok::<_, der::Error>(spki)
            })?;
            element(cert, Tag::Sequence)?; // signatureAlgorithm
            element(cert, Tag::BitString)?; // signatureValue
            Ok::<_, der::Error>(spki)
        })?;
        reader.finish()?;
        Ok(spki)
    };
    walk().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INTEGER: u8 = 0x02;
    const BIT_STRING: u8 = 0x03;
    const SEQUENCE: u8 = 0x30;
    const VERSION: u8 = 0xA0; // [0] EXPLICIT

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

    #[test]
    fn nothing_may_follow_the_certificate() {
        let mut cert = certificate(None);
        cert.push(0);
        assert!(subject_public_key_info(&cert).is_err());
        assert!(subject_public_key_info(&cert[..cert.len() - 2]).is_err());
    }
}
