//! Helpers shared by the integration tests: loading vector files and decoding
//! the encodings they use. Vectors are read with `serde_json`, not with the
//! crate's own JSON reader, so a reader bug cannot hide a vector failure.
#![allow(dead_code)]

use std::path::PathBuf;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vectors")
}

pub fn load(relative: &str) -> Value {
    let path = vectors_dir().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn b64(text: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub fn b64e(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// The DER inside a PEM document, read here without the crate.
pub fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64ct::Base64::decode_vec(&body).unwrap()
}

pub fn hex(text: &str) -> Vec<u8> {
    assert!(text.len().is_multiple_of(2), "odd hex length");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("missing string member {key}"))
}

/// Test-side token producers, built from the `rsa` crate and the crate's
/// content layer, for hostile tokens no honest producer would make.
pub mod forge {
    use super::{b64, b64e};
    use rsa::{
        BoxedUint, Oaep, Pkcs1v15Sign, PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey,
    };
    use sha2::{Digest, Sha256};

    fn int(jwk: &serde_json::Value, name: &str) -> BoxedUint {
        BoxedUint::from_be_slice_vartime(&b64(jwk[name].as_str().unwrap()))
    }

    pub fn rsa_private(jwk: &serde_json::Value) -> RsaPrivateKey {
        RsaPrivateKey::from_components(
            int(jwk, "n"),
            int(jwk, "e"),
            int(jwk, "d"),
            vec![int(jwk, "p"), int(jwk, "q")],
        )
        .unwrap()
    }

    pub fn rsa_public(jwk: &serde_json::Value) -> RsaPublicKey {
        RsaPublicKey::new(int(jwk, "n"), int(jwk, "e")).unwrap()
    }

    /// A compact JWS over `payload` with `header`, signed RS256 by `key`.
    pub fn sign_rs256(header: &str, payload: &[u8], key: &RsaPrivateKey) -> String {
        let input = format!("{}.{}", b64e(header.as_bytes()), b64e(payload));
        let digest = Sha256::digest(input.as_bytes());
        let sig = key
            .sign_with_rng(
                &mut rand_core::UnwrapErr(jose_core::os_rng()),
                Pkcs1v15Sign::new::<Sha256>(),
                &digest,
            )
            .unwrap();
        format!("{input}.{}", b64e(&sig))
    }

    /// A compact JWE of `plaintext` for `public`, with A256GCM and the key
    /// wrapped by `RSA-OAEP` or `RSA-OAEP-256` as the header's `alg` says; the
    /// header is used verbatim.
    pub fn seal(header: &str, public: &RsaPublicKey, plaintext: &[u8]) -> String {
        let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
        let mut cek = [0u8; 32];
        let mut iv = [0u8; 12];
        rand_core::Rng::fill_bytes(&mut rng, &mut cek);
        rand_core::Rng::fill_bytes(&mut rng, &mut iv);
        let protected = b64e(header.as_bytes());
        let alg = serde_json::from_str::<serde_json::Value>(header).unwrap()["alg"].clone();
        let ek = match alg.as_str() {
            Some("RSA-OAEP") => public.encrypt(&mut rng, Oaep::<sha1::Sha1>::new(), &cek),
            _ => public.encrypt(&mut rng, Oaep::<Sha256>::new(), &cek),
        }
        .unwrap();
        let mut buf = plaintext.to_vec();
        let (len, tag) = jose_core::jwe::content::encrypt(
            jose_core::ContentAlgorithm::A256Gcm,
            &cek,
            &iv,
            protected.as_bytes(),
            &mut buf,
            plaintext.len(),
        )
        .unwrap();
        format!(
            "{protected}.{}.{}.{}.{}",
            b64e(&ek),
            b64e(&iv),
            b64e(&buf[..len]),
            b64e(tag.as_slice())
        )
    }
}

/// A seeded generator (xorshift64*) for tests that must replay the exact same
/// random draws twice. Not cryptographic: tests only.
pub struct SeededRng(u64);

impl SeededRng {
    pub fn new(seed: u64) -> Self {
        SeededRng(seed | 1)
    }
}

impl rand_core::TryRng for SeededRng {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok((self.try_next_u64()? >> 32) as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        Ok(self.0.wrapping_mul(0x2545_F491_4F6C_DD1D))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let word = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for SeededRng {}

/// The interop keys of `vectors/interop/` (made by `make_keys.py`), read as
/// the nested-token tests use them.
pub mod interop {
    use jose_core::keys::{PrivateKeySet, PublicKeySet};
    use serde_json::Value;

    pub fn file(name: &str) -> String {
        std::fs::read_to_string(super::vectors_dir().join("interop").join(name)).unwrap()
    }

    pub fn jwk_file(name: &str) -> Value {
        serde_json::from_str(&file(name)).unwrap()
    }

    /// The issuer's signing key `issuer-2024`, as a private JWK.
    pub fn issuer_private() -> Value {
        jwk_file("issuer.private.jwks.json")["keys"][0].clone()
    }

    /// The API's decryption key `api-enc-2048`, as a private JWK.
    pub fn api_private() -> Value {
        jwk_file("api.private.jwks.json")["keys"][0].clone()
    }

    pub fn issuer_set() -> PublicKeySet {
        PublicKeySet::from_jwks(&file("issuer.jwks.json")).unwrap()
    }

    pub fn api_set() -> PrivateKeySet {
        PrivateKeySet::from_jwks(&file("api.private.jwks.json")).unwrap()
    }

    /// The Curity-shaped tokens' recipient: the PEM key with its
    /// certificate, so a token's `x5t#S256` names it.
    pub fn client_set() -> PrivateKeySet {
        let key = jose_core::keys::PrivateKey::from_pem(&file("recipient.key.pem"))
            .unwrap()
            .with_certificate_pem(&file("recipient.cert.pem"))
            .unwrap();
        PrivateKeySet::new().with(key).unwrap()
    }
}

/// The owned front door against the fixed-buffer layer: the same token,
/// keys, rules and time must give the same answer through a `Receiver`.
pub mod front_door {
    use std::sync::Arc;

    use jose_core::jwt::Validation;
    use jose_core::keys::{DecryptionKeys, IssuerKeys};
    use jose_core::{Accept, ErrorKind, Receiver};

    /// Decryption keys a receiver can own and a test can keep using.
    pub type SharedKeys = Arc<dyn DecryptionKeys + Send + Sync>;

    /// Opens `token` through a `Receiver` built with `mine` (encrypted
    /// tokens only; signed only when `None`), `rules` and the clock at
    /// `now`: cold without a cache, then twice through a cache (the second
    /// a hit for a token that opened). Each answer must be `fixed`, what
    /// the fixed layer gave: the claims' text, or an error of that kind; a
    /// token of the form the receiver does not take, a `policy` error.
    pub fn agrees<I: IssuerKeys + ?Sized>(
        token: &str,
        mine: Option<&SharedKeys>,
        issuer: &I,
        rules: &Validation<'_>,
        now: u64,
        fixed: Result<&str, ErrorKind>,
    ) {
        let parts = token.split('.').count();
        let fixed = match (mine.is_some(), parts) {
            (true, 3) | (false, 5) => Err(ErrorKind::Policy),
            _ => fixed,
        };
        let build = |cached: bool| {
            let mut builder = Receiver::builder().rules(*rules).clock(move || now);
            builder = match mine {
                Some(keys) => builder
                    .decryption_keys(Arc::clone(keys))
                    .accept(Accept::Nested),
                None => builder.accept(Accept::Signed),
            };
            if !cached {
                builder = builder.no_cache();
            }
            builder.build()
        };
        let answer = |receiver: &Receiver| {
            receiver
                .open_with(token, issuer)
                .map(|jwt| jwt.claims().json().raw().to_owned())
                .map_err(|e| e.kind())
        };
        let expected = fixed.map(str::to_owned);
        let (uncached, cached) = match (build(false), build(true)) {
            (Ok(uncached), Ok(cached)) => (uncached, cached),
            // Rules that could open nothing are refused when the receiver
            // is built, where the fixed layer refuses each token.
            (Err(err), _) | (_, Err(err)) => {
                assert_eq!(Err(err.kind()), expected, "receiver refused: {err}");
                assert_eq!(err.kind(), ErrorKind::Configuration);
                return;
            }
        };
        assert_eq!(answer(&uncached), expected, "receiver without a cache");
        assert_eq!(
            answer(&cached),
            expected,
            "receiver, cold through its cache"
        );
        assert_eq!(answer(&cached), expected, "receiver, warm");
        let cacheable =
            issuer.fingerprint().is_some() && mine.is_none_or(|keys| keys.fingerprint().is_some());
        if expected.is_ok() && cacheable {
            // Held and served once, or too large for an entry: opened twice.
            let stats = cached.token_cache().unwrap().stats();
            assert!(
                stats.hits == 1 || (stats.hits == 0 && stats.skipped == 2),
                "{stats:?}"
            );
        }
    }
}
