//! A compact JWS opened where it lies in the caller's buffer: the plaintext
//! of a JWE, or a copy of a signed token. Nothing of it is moved to the stack
//! (a nested call fits in 16 KiB on a Cortex-M).
//!
//! The order keeps the signing input intact until its digest is taken: the
//! header is decoded in place and checked (its `alg` names the hash), then the
//! signing input is hashed with the header re-encoded on the fly (the strict
//! decoder accepts one encoding per header, so re-encoding gives back the
//! exact text), then the payload and the signature are decoded in place.
//! EdDSA takes no digest ahead (it hashes the key first): its signing input
//! is re-encoded from the decoded header and payload when it is verified
//! (`backend::SignedInput::Decoded`).
//! Every part is plaintext of the JWE on the nested path: all decoding here
//! is the constant-time decoder.

use core::ops::Range;

use super::compact::check_signature_len;
use crate::algorithm::{self, SignatureAlgorithm};
use crate::backend::digest::encode_into;
use crate::backend::{Hasher, Prehash};
use crate::base64url;
use crate::error::{Error, ErrorKind, Part};
use crate::header::{self, HeaderAt};
use crate::policy::Policy;

/// Where the decoded parts of a JWS opened in place lie.
pub(crate) struct Opened {
    pub(crate) header: HeaderAt,
    /// The decoded header's bytes.
    pub(crate) header_bytes: Range<usize>,
    pub(crate) alg: SignatureAlgorithm,
    /// The signing input's digest, for the algorithms that sign one.
    pub(crate) prehash: Option<Prehash>,
    pub(crate) payload: Range<usize>,
    pub(crate) signature: Range<usize>,
}

fn outside() -> Error {
    Error::new(ErrorKind::Buffer, None, "token outside the buffer")
}

/// Opens the compact JWS in `buf[..len]`. `nested` marks the inner token of
/// a nested JWT, where an HMAC `alg` is a policy refusal.
pub(crate) fn open(
    buf: &mut [u8],
    len: usize,
    policy: &Policy,
    nested: bool,
) -> Result<Opened, Error> {
    let text = buf
        .get(..len)
        .and_then(|b| core::str::from_utf8(b).ok())
        .ok_or_else(|| Error::malformed(Part::Token, "not UTF-8"))?;
    let [header, payload, signature] = crate::compact::split::<3>(text, policy)?;
    let header_at = 0..header.len();
    let payload_at = header_at.end + 1..header_at.end + 1 + payload.len();
    let signature_at = payload_at.end + 1..len;

    // Every length before anything is decoded.
    base64url::checked_decoded_len(payload.as_bytes(), Part::Payload)?;
    check_signature_len(base64url::checked_decoded_len(
        signature.as_bytes(),
        Part::Signature,
    )?)?;
    header::checked_header_len(header.as_bytes(), policy.max_header())?;

    let header_len = decode_part(buf, header_at, Part::Header)?;
    let header = HeaderAt::read(buf, 0..header_len)?;
    let alg = algorithm::signature_algorithm(header.view(buf).alg(), nested)?;
    policy.check_signature_algorithm(alg)?;

    let prehash = match Hasher::new(alg) {
        Some(mut hasher) => {
            let decoded_header = buf.get(..header_len).ok_or_else(outside)?;
            encode_into(decoded_header, &mut |piece| hasher.update(piece));
            hasher.update(b".");
            hasher.update(buf.get(payload_at.clone()).ok_or_else(outside)?);
            Some(hasher.finish())
        }
        None => None,
    };

    let payload_len = decode_part(buf, payload_at.clone(), Part::Payload)?;
    let signature_len = decode_part(buf, signature_at.clone(), Part::Signature)?;
    Ok(Opened {
        header,
        header_bytes: 0..header_len,
        alg,
        prehash,
        payload: payload_at.start..payload_at.start + payload_len,
        signature: signature_at.start..signature_at.start + signature_len,
    })
}

/// Decodes the part at `range` of `buf` in place; returns its decoded length.
fn decode_part(buf: &mut [u8], range: Range<usize>, part: Part) -> Result<usize, Error> {
    let encoded = buf.get_mut(range).ok_or_else(outside)?;
    base64url::decode_in_place(encoded, part)
}
