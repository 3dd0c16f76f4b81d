//! DER for the two structures key export writes: an RSA `SubjectPublicKeyInfo`
//! (RFC 5280 §4.1, RFC 8017 A.1.1) and an RSA PKCS#8 `PrivateKeyInfo` (RFC
//! 5208 §5, RFC 8017 A.1.2). The lengths are computed first from the
//! integers' bit widths, so a short buffer is a `buffer` error naming the
//! whole size, then everything is written forward; each integer's bytes are
//! taken from its limbs into one wiped scratch array, never the heap.

use crypto_bigint::BoxedUint;
use zeroize::Zeroizing;

use super::{MAX_INTEGER_LEN, MAX_MAGNITUDE, magnitude, too_large};
use crate::error::{Detail, Error, ErrorKind, Part};

/// `AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }`.
const RSA_ENCRYPTION: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/// `AlgorithmIdentifier { id-RSASSA-PSS (1.2.840.113549.1.1.10) }`, no
/// parameters (RFC 4055 §1.2): a key restricted to PSS signatures.
const RSASSA_PSS: [u8; 13] = [
    0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,
];

/// The AlgorithmIdentifier a key is written under.
fn algorithm(pss: bool) -> &'static [u8] {
    if pss { &RSASSA_PSS } else { &RSA_ENCRYPTION }
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;

/// The bytes a DER length field takes for `len`.
fn length_len(len: usize) -> usize {
    match len {
        0..=0x7f => 1,
        0x80..=0xff => 2,
        0x100..=0xffff => 3,
        _ => 4,
    }
}

/// A whole TLV around `content` bytes.
fn tlv_len(content: usize) -> usize {
    1 + length_len(content) + content
}

/// The content length of a non-negative INTEGER of `bits` significant bits:
/// the minimal big-endian bytes, with a 0 in front when the top bit is set.
fn integer_content_len(x: &BoxedUint) -> usize {
    let bits = crate::backend::bit_width(x) as usize;
    bits / 8 + 1
}

/// Writes forward into the caller's buffer (lengths were checked before).
struct Writer<'o> {
    out: &'o mut [u8],
    at: usize,
}

impl Writer<'_> {
    fn bytes(&mut self, bytes: &[u8]) {
        if let Some(to) = self.out.get_mut(self.at..self.at + bytes.len()) {
            to.copy_from_slice(bytes);
        }
        self.at += bytes.len();
    }

    fn header(&mut self, tag: u8, len: usize) {
        self.bytes(&[tag]);
        let be = (len as u32).to_be_bytes();
        match length_len(len) {
            1 => self.bytes(&[len as u8]),
            n => {
                self.bytes(&[0x80 | (n as u8 - 1)]);
                self.bytes(be.get(4 - (n - 1)..).unwrap_or_default());
            }
        }
    }

    fn integer(&mut self, x: &BoxedUint) {
        let content = integer_content_len(x);
        self.header(INTEGER, content);
        let mut scratch = Zeroizing::new([0u8; MAX_MAGNITUDE + 8]);
        let bytes = magnitude(x, &mut scratch).unwrap_or_default();
        // A 0 in front when the top bit is set (or for the integer 0).
        for _ in bytes.len()..content {
            self.bytes(&[0]);
        }
        self.bytes(bytes);
    }
}

fn checked<'o>(out: &'o mut [u8], need: usize) -> Result<Writer<'o>, Error> {
    if out.len() < need {
        return Err(Error::new(
            ErrorKind::Buffer,
            Some(Part::Key),
            "buffer too small for the key",
        )
        .with(Detail::Buffer {
            have: out.len(),
            need,
        }));
    }
    Ok(Writer { out, at: 0 })
}

/// `SubjectPublicKeyInfo { rsaEncryption, BIT STRING { RSAPublicKey { n, e } } }`
/// (`id-RSASSA-PSS` for a key restricted to PSS).
pub(crate) fn spki<'o>(
    n: &BoxedUint,
    e: &BoxedUint,
    pss: bool,
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    if integer_content_len(n) > MAX_INTEGER_LEN {
        return Err(too_large());
    }
    let rsa = tlv_len(integer_content_len(n)) + tlv_len(integer_content_len(e));
    let bits = 1 + tlv_len(rsa);
    let spki = algorithm(pss).len() + tlv_len(bits);
    let need = tlv_len(spki);
    let mut w = checked(out, need)?;
    w.header(SEQUENCE, spki);
    w.bytes(algorithm(pss));
    w.header(BIT_STRING, bits);
    w.bytes(&[0]);
    w.header(SEQUENCE, rsa);
    w.integer(n);
    w.integer(e);
    let Writer { out, at } = w;
    out.get(..at).ok_or(Error::internal())
}

/// `PrivateKeyInfo { 0, rsaEncryption, OCTET STRING { RSAPrivateKey { 0, n,
/// e, d, p, q, dp, dq, qinv } } }`: `integers` in that order from `n`
/// (`id-RSASSA-PSS` for a key restricted to PSS).
pub(crate) fn pkcs8<'o>(
    integers: [&BoxedUint; 8],
    pss: bool,
    out: &'o mut [u8],
) -> Result<&'o [u8], Error> {
    if integers
        .iter()
        .any(|x| integer_content_len(x) > MAX_INTEGER_LEN)
    {
        return Err(too_large());
    }
    let version = tlv_len(1);
    let rsa = version
        + integers
            .iter()
            .map(|x| tlv_len(integer_content_len(x)))
            .sum::<usize>();
    let info = version + algorithm(pss).len() + tlv_len(tlv_len(rsa));
    let need = tlv_len(info);
    let mut w = checked(out, need)?;
    w.header(SEQUENCE, info);
    w.bytes(&[INTEGER, 1, 0]);
    w.bytes(algorithm(pss));
    w.header(OCTET_STRING, tlv_len(rsa));
    w.header(SEQUENCE, rsa);
    w.bytes(&[INTEGER, 1, 0]);
    for x in integers {
        w.integer(x);
    }
    let Writer { out, at } = w;
    out.get(..at).ok_or(Error::internal())
}
