//! RFC 7638 JWK thumbprints: a key's identity, computed once at import
//! (for `kid`s, fingerprints and the CLI) without a buffer proportional to
//! the key.

use rsa::BoxedUint;
use rsa::PublicKey as RsaPublicKey;
use rsa::traits::PublicKeyParts;
use sha2::Digest;

use crate::backend::integers::strip_leading_zeros;
use crate::base64url;

/// RFC 7638 JWK thumbprint of an RSA public key: SHA-256 over
/// `{"e":"..","kty":"RSA","n":".."}` with minimal big-endian integers.
pub(crate) fn rfc7638(key: &RsaPublicKey) -> [u8; 32] {
    let mut hash = sha2::Sha256::new();
    hash.update(b"{\"e\":\"");
    feed_integer(&mut hash, key.e());
    hash.update(b"\",\"kty\":\"RSA\",\"n\":\"");
    feed_integer(&mut hash, key.n().as_ref());
    hash.update(b"\"}");
    hash.finalize().into()
}

/// Feeds the base64url of `value`'s minimal big-endian bytes, in chunks of
/// three bytes so no buffer proportional to the key is needed.
fn feed_integer(hash: &mut sha2::Sha256, value: &BoxedUint) {
    let bytes = value.to_be_bytes();
    let bytes = strip_leading_zeros(&bytes);
    let mut out = [0u8; 4];
    for chunk in bytes.chunks(3) {
        if let Ok(text) = base64url::encode(chunk, &mut out) {
            hash.update(text.as_bytes());
        }
    }
}
