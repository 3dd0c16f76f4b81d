//! Producing JWTs: nested (signed, then encrypted with `cty: JWT`) and
//! Private Key JWT client assertions (RFC 7523 §2.2, §3), and verifying
//! assertions on the authorization server's side.

use rand_core::CryptoRng;

use super::{Jwt, Validation, verify};
use crate::base64url;
use crate::error::Error;
use crate::json::ObjectWriter;
use crate::jwe::Encrypter;
use crate::jws::Signer;
use crate::keys::PublicKeySet;
use crate::policy::MAX_HEADER_LEN;

/// The `client_assertion_type` form value that goes with a Private Key JWT.
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The exact length [`sign_and_encrypt`] produces for `claims_len` bytes of claims.
///
/// ```
/// # use jose_core::{jwe::Encrypter, jws::Signer, keys::PrivateKey, ContentAlgorithm as C, KeyAlgorithm as K, SignatureAlgorithm as S};
/// # let key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))?;
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

/// Signs `claims` (a JSON object, e.g. from [`ObjectWriter`]) with `signer`,
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
/// let issuer_key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))?.with_kid("issuer-1");
/// let api_key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7520_5_2.key.json"))?;
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
/// let opened = jwt::decrypt_and_verify(token, &mine, &issuer, &rules, 1_900_000_000, &mut jose_core::os_rng(), &mut buf)?;
/// assert!(opened.claims().subject().unwrap() == "auth0|1");
/// assert!(opened.encryption_header().unwrap().cty().unwrap() == "JWT");
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn sign_and_encrypt<'o, R: CryptoRng + ?Sized>(
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
        rng,
        out,
    )
}

/// How long a client assertion made by [`client_assertion`] is valid: 60 s.
pub const CLIENT_ASSERTION_LIFETIME: u64 = 60;

/// Builds a Private Key JWT client assertion (RFC 7523 §2.2): `iss` = `sub` =
/// `client_id`, `aud` = the token endpoint, a random 128-bit `jti`, `iat` =
/// `now`, `exp` = `now` + [`CLIENT_ASSERTION_LIFETIME`], signed by `signer`
/// (RS256 or PS256, with the key's `kid`). Send it as the `client_assertion`
/// form field, with `client_assertion_type` = [`CLIENT_ASSERTION_TYPE`].
///
/// ```
/// use jose_core::{jws::Signer, jwt, keys::{PrivateKey, PublicKeySet}, SignatureAlgorithm};
///
/// let client_key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))?.with_kid("client-key-1");
/// let signer = Signer::new(&client_key, SignatureAlgorithm::Rs256)?;
/// let mut out = [0u8; 1024];
/// let assertion = jwt::client_assertion("s6BhdRkqt3", "https://server.example.com/token", &signer,
///     1_700_000_000, &mut jose_core::os_rng(), &mut out)?;
///
/// // The authorization server's side:
/// let registered = PublicKeySet::new().with(client_key.public_key())?;
/// let mut buf = [0u8; 1024];
/// let verified = jwt::verify_client_assertion(assertion, &registered, "s6BhdRkqt3",
///     "https://server.example.com/token", 1_700_000_010, 5, &mut buf)?;
/// assert!(verified.claims().jwt_id().is_some()); // store it to refuse replays
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn client_assertion<'o, R: CryptoRng + ?Sized>(
    client_id: &str,
    token_endpoint: &str,
    signer: &Signer<'_>,
    now: u64,
    rng: &mut R,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    let mut id = [0u8; 16];
    rng.fill_bytes(&mut id);
    let mut jti = [0u8; 22];
    let jti = base64url::encode(&id, &mut jti)?;
    let exp = now.saturating_add(CLIENT_ASSERTION_LIFETIME);
    let mut claims = [0u8; MAX_HEADER_LEN];
    let mut w = ObjectWriter::new(&mut claims);
    w.string("iss", client_id)
        .string("sub", client_id)
        .string("aud", token_endpoint)
        .string("jti", jti)
        .integer("iat", i64::try_from(now).unwrap_or(i64::MAX))
        .integer("exp", i64::try_from(exp).unwrap_or(i64::MAX));
    let claims = w.finish()?;
    signer.sign(claims.as_bytes(), rng, out)
}

/// Verifies a client assertion for the authorization server (RFC 7523 §3):
/// a valid signature by one of the client's registered keys, `iss` and `sub`
/// both equal to `client_id`, `aud` containing `token_endpoint`, `exp` present
/// and in the future (with `leeway`), `jti` present. Refusing a `jti` seen
/// before is the caller's job: store it until `exp`.
///
/// ```
/// # use jose_core::{jws::Signer, jwt, keys::{PrivateKey, PublicKeySet}, SignatureAlgorithm, ErrorKind};
/// # let client_key = PrivateKey::from_jwk(include_str!("../../vectors/rfc7516_A1.key.json"))?;
/// # let signer = Signer::new(&client_key, SignatureAlgorithm::Ps256)?;
/// # let mut out = [0u8; 1024];
/// let assertion = jwt::client_assertion("client-a", "https://as.example/token", &signer, 1_000, &mut jose_core::os_rng(), &mut out)?;
/// # let registered = PublicKeySet::new().with(client_key.public_key())?;
/// # let mut buf = [0u8; 1024];
/// // Presented as another client: refused.
/// let err = jwt::verify_client_assertion(assertion, &registered, "client-b", "https://as.example/token", 1_000, 0, &mut buf)
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Issuer);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn verify_client_assertion<'b>(
    assertion: &str,
    client_keys: &PublicKeySet,
    client_id: &str,
    token_endpoint: &str,
    now: u64,
    leeway: u64,
    buf: &'b mut [u8],
) -> Result<Jwt<'b>, Error> {
    let rules = Validation::new()
        .issuer(client_id)
        .subject(client_id)
        .audience(token_endpoint)
        .require(&["jti"])
        .leeway(leeway);
    verify(assertion, client_keys, &rules, now, buf)
}
