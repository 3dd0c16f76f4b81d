//! Producing nested JWTs: signed, then encrypted with `cty: JWT` (the
//! client assertions are in `assertion`).

use rand_core::TryCryptoRng;

use alloc::string::String;

use crate::rng::CallRng;

use crate::error::Error;
use crate::jwe::Encrypter;
use crate::jws::Signer;

/// The exact length [`sign_and_encrypt`] produces for `claims_len` bytes of claims.
///
/// ```
/// # use jose_core::{jwe::Encrypter, jws::Signer, keys::PrivateKey, ContentAlgorithm as C, KeyAlgorithm as K, SignatureAlgorithm as S};
/// # let key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
/// # let public = key.public_key();
/// let signer = Signer::new(&key, S::Rs256)?;
/// let encrypter = Encrypter::new(&public, K::RsaOaep256, C::A256Gcm)?;
/// assert!(jose_core::jwt::nested_len(100, &signer, &encrypter)? > 100);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn nested_len(
    claims_len: usize,
    signer: &Signer<'_>,
    encrypter: &Encrypter<'_>,
) -> Result<usize, Error> {
    encrypter
        .cty("JWT")
        .output_len(signer.output_len(claims_len)?)
}

/// Signs `claims` (a JSON object, e.g. from [`crate::json::ObjectWriter`]) with `signer`,
/// then encrypts the signed token with `encrypter`, adding `cty: JWT`: the
/// shape of Auth0's encrypted access tokens and Curity's encrypted ID tokens.
/// The signed token is written straight into the place it is encrypted in;
/// `out` needs [`nested_len`] bytes.
///
/// ```
/// use jose_core::{jwe::Encrypter, jws::Signer, jwt, keys::{PrivateKey, PrivateKeySet, PublicKeySet}};
/// use jose_core::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};
/// use jose_core::json::ObjectWriter;
///
/// // The issuer's signing key and the API's encryption key (Auth0's shape).
/// let issuer_key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?.with_kid("issuer-1");
/// let api_key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7520_5_2.key.json"))?;
/// let api_public = api_key.public_key();
///
/// let mut claims = [0u8; 256];
/// let mut w = ObjectWriter::new(&mut claims);
/// w.string("iss", "https://tenant.example.auth0.com/").string("sub", "auth0|1");
/// w.string("aud", "https://api.example.com").integer("exp", 2_000_000_000);
/// let claims = w.finish()?;
///
/// let signer = Signer::new(&issuer_key, SignatureAlgorithm::Rs256)?.typ("JWT");
/// // This key's JWK declares alg RSA-OAEP, so only RSA-OAEP may wrap for it.
/// let encrypter = Encrypter::new(&api_public, KeyAlgorithm::RsaOaep, ContentAlgorithm::A256Gcm)?;
/// let mut out = vec![0u8; jwt::nested_len(claims.len(), &signer, &encrypter)?];
/// let token = jwt::sign_and_encrypt(claims.as_bytes(), &signer, &encrypter, &mut jose_core::os_rng(), &mut out)?;
///
/// // And back.
/// let mine = PrivateKeySet::new().with(api_key)?;
/// let issuer = PublicKeySet::new().with(issuer_key.public_key())?;
/// let rules = jwt::Validation::new().issuer("https://tenant.example.auth0.com/").audience("https://api.example.com");
/// let mut buf = vec![0u8; jwt::required_buffer_len(token)];
/// let opened = jwt::decrypt_and_verify(token, &jwt::Trust::nested(&mine, &issuer, &rules, 1_900_000_000), &mut jose_core::os_rng(), &mut buf)?;
/// assert!(opened.claims().subject().unwrap() == "auth0|1");
/// assert!(opened.encryption_header().unwrap().cty().unwrap() == "JWT");
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn sign_and_encrypt<'o, R: TryCryptoRng + ?Sized>(
    claims: &[u8],
    signer: &Signer<'_>,
    encrypter: &Encrypter<'_>,
    rng: &mut R,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    let inner_len = signer.output_len(claims.len())?;
    encrypter.cty("JWT").seal(
        inner_len,
        |place, rng| signer.sign(claims, rng, place).map(|_| ()),
        &mut CallRng::seeded_from(rng)?,
        out,
    )
}

/// [`sign_and_encrypt`] into a new `String` of exactly [`nested_len`]
/// bytes: for servers and tools, where the token goes into a header or a
/// file anyway.
///
/// ```
/// use jose_core::{jwe::Encrypter, jws::Signer, jwt, keys::PrivateKey};
/// use jose_core::{ContentAlgorithm, KeyAlgorithm, SignatureAlgorithm};
/// let issuer_key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7516_A1.key.json"))?;
/// let api_key = PrivateKey::from_jwk(include_str!("../../../vectors/rfc7520_5_2.key.json"))?.public_key();
/// let signer = Signer::new(&issuer_key, SignatureAlgorithm::Rs256)?;
/// let encrypter = Encrypter::new(&api_key, KeyAlgorithm::RsaOaep, ContentAlgorithm::A256Gcm)?;
/// let token = jwt::sign_and_encrypt_to_string(br#"{"sub":"auth0|1"}"#, &signer, &encrypter, &mut jose_core::os_rng())?;
/// assert_eq!(token.len(), jwt::nested_len(17, &signer, &encrypter)?);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn sign_and_encrypt_to_string<R: TryCryptoRng + ?Sized>(
    claims: &[u8],
    signer: &Signer<'_>,
    encrypter: &Encrypter<'_>,
    rng: &mut R,
) -> Result<String, Error> {
    let mut out = crate::heap::zeroed(nested_len(claims.len(), signer, encrypter)?)?;
    let len = sign_and_encrypt(claims, signer, encrypter, rng, &mut out)?.len();
    out.truncate(len);
    // The token is base64url and dots: ASCII, checked again rather than
    // assumed.
    String::from_utf8(out).map_err(|_| Error::internal())
}
