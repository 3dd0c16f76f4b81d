//! What ties an ID token to what came with it: `at_hash` (the access token
//! of the same response, OpenID Connect Core §3.1.3.8, §3.2.2.9,
//! §3.3.2.11), `c_hash` (the authorization code, §3.3.2.11) and `s_hash`
//! (the `state`, FAPI 1.0 Advanced §5.2.2.1). Each is the base64url of the
//! left half of the hash of the value's ASCII octets, with the hash of the
//! ID token's `alg`: SHA-256 for `*256`, SHA-384 for `*384`, SHA-512 for
//! `*512` and for EdDSA with Ed25519 (Core errata set 2).
//!
//! A binding the caller asks for must be present and equal; the check
//! needs the verified header's `alg`, so it runs where the signature was
//! checked, never on claims alone.

use alloc::string::String;

use sha2::Digest;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::algorithm::SignatureAlgorithm;
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::jwt::Claims;

/// The values the caller holds, whose hashes the ID token must carry. The
/// access token and the code are credentials: `Debug` says which bindings
/// are asked for, never their values.
#[derive(Clone, Copy, Default, Hash)]
pub(super) struct Bindings<'r> {
    pub(super) access_token: Option<&'r str>,
    pub(super) code: Option<&'r str>,
    pub(super) state: Option<&'r str>,
}

impl core::fmt::Debug for Bindings<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Bindings")
            .field("at_hash", &self.access_token.is_some())
            .field("c_hash", &self.code.is_some())
            .field("s_hash", &self.state.is_some())
            .finish()
    }
}

/// [`Bindings`] owning copies of the values, wiped when dropped (for
/// `OwnedValidation`).
#[derive(Clone, Default)]
pub(super) struct OwnedBindings {
    access_token: Option<Zeroizing<String>>,
    code: Option<Zeroizing<String>>,
    state: Option<Zeroizing<String>>,
}

impl OwnedBindings {
    pub(super) fn of(bindings: &Bindings<'_>) -> Self {
        let own = |value: Option<&str>| value.map(|v| Zeroizing::new(String::from(v)));
        OwnedBindings {
            access_token: own(bindings.access_token),
            code: own(bindings.code),
            state: own(bindings.state),
        }
    }

    pub(super) fn lend(&self) -> Bindings<'_> {
        Bindings {
            access_token: self.access_token.as_deref().map(String::as_str),
            code: self.code.as_deref().map(String::as_str),
            state: self.state.as_deref().map(String::as_str),
        }
    }
}

impl Bindings<'_> {
    /// Whether any binding is asked for.
    pub(super) fn any(&self) -> bool {
        self.access_token.is_some() || self.code.is_some() || self.state.is_some()
    }

    /// Checks every binding asked for against `claims`, under the token's
    /// signature algorithm `alg`.
    pub(super) fn check(&self, alg: SignatureAlgorithm, claims: &Claims<'_>) -> Result<(), Error> {
        for (claim, value) in [
            ("at_hash", self.access_token),
            ("c_hash", self.code),
            ("s_hash", self.state),
        ] {
            if let Some(value) = value {
                check_one(claim, value, alg, claims)?;
            }
        }
        Ok(())
    }
}

/// The left half of `alg`'s hash of `value` into `out`: its length.
fn left_half(alg: SignatureAlgorithm, value: &[u8], out: &mut [u8; 32]) -> usize {
    fn half<D: Digest>(value: &[u8], out: &mut [u8; 32]) -> usize {
        let digest = D::digest(value);
        let half = digest.len() / 2;
        for (slot, byte) in out.iter_mut().zip(digest.iter().take(half)) {
            *slot = *byte;
        }
        half
    }
    use SignatureAlgorithm as A;
    match alg {
        A::Rs256 | A::Ps256 | A::Es256 | A::Hs256 => half::<sha2::Sha256>(value, out),
        A::Rs384 | A::Ps384 | A::Es384 | A::Hs384 => half::<sha2::Sha384>(value, out),
        // EdDSA: Ed25519 is the only curve verified; Core errata set 2
        // gives it SHA-512.
        A::Rs512 | A::Ps512 | A::Es512 | A::Hs512 | A::EdDsa | A::Ed25519 => {
            half::<sha2::Sha512>(value, out)
        }
    }
}

fn check_one(
    claim: &'static str,
    value: &str,
    alg: SignatureAlgorithm,
    claims: &Claims<'_>,
) -> Result<(), Error> {
    let found = claims
        .get(claim)
        .ok_or(
            Error::new(
                ErrorKind::MissingClaim,
                Some(Part::Claims),
                "required claim absent",
            )
            .with(Detail::Name(claim)),
        )?
        .as_str()
        .and_then(|s| s.as_plain())
        .ok_or(
            Error::malformed(Part::Claims, "must be a base64url string").with(Detail::Name(claim)),
        )?;
    let mut half = [0u8; 32];
    let len = left_half(alg, value.as_bytes(), &mut half);
    let mut text = [0u8; 43];
    let expected = half
        .get(..len)
        .and_then(|half| base64url::encode(half, &mut text).ok())
        .ok_or(Error::internal())?;
    let same =
        expected.len() == found.len() && bool::from(expected.as_bytes().ct_eq(found.as_bytes()));
    if !same {
        return Err(Error::new(
            ErrorKind::Claim,
            Some(Part::Claims),
            "not the hash of the value this response came with",
        )
        .with(Detail::Name(claim)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn hash_text(alg: SignatureAlgorithm, value: &str) -> alloc::string::String {
        let mut half = [0u8; 32];
        let len = left_half(alg, value.as_bytes(), &mut half);
        let mut text = [0u8; 43];
        base64url::encode(&half[..len], &mut text).unwrap().into()
    }

    /// OpenID Connect Core Appendix A.3/A.4/A.6 (RS256): the access token's
    /// at_hash and the code's c_hash as published; SHA-384 and SHA-512
    /// halves as Python's hashlib computes them.
    #[test]
    fn published_and_independent_hashes() {
        use SignatureAlgorithm as A;
        let token = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
        let code = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";
        assert_eq!(hash_text(A::Rs256, token), "77QmUPtjPfzWtF2AnpK9RQ");
        assert_eq!(hash_text(A::Rs256, code), "LDktKdoQak3Pk0cnXxCltA");
        for alg in [A::Es384, A::Ps384, A::Hs384] {
            assert_eq!(
                hash_text(alg, "state-xyz"),
                "nwv5pSBfOQyOPHGVwhwdEGB52LrZFoIz"
            );
        }
        for alg in [A::Es512, A::EdDsa, A::Ed25519, A::Rs512] {
            assert_eq!(
                hash_text(alg, "state-xyz"),
                "oy4dyNJgStyGWRYg6Zc7-FeHKW6cZn3sxPOGJxHykz8"
            );
        }
    }
}
