//! AES-CBC with HMAC-SHA2 (RFC 7518 §5.2), the composite AEAD of JWE.
//!
//! The content key is MAC_KEY ‖ ENC_KEY. The tag is the first half of
//! HMAC(MAC_KEY, AAD ‖ IV ‖ ciphertext ‖ AL), where AL is the AAD's length in
//! bits as a big-endian `u64` (computed in `u64`, so 32-bit targets agree). The
//! tag is compared in constant time before anything is decrypted, and the PKCS#7
//! padding is then checked without a branch on its value.

use aes::cipher::consts::U16;
use aes::cipher::{
    BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit,
    array::Array,
};
use aes::{Aes128, Aes192, Aes256};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use subtle::{ConstantTimeEq, ConstantTimeLess};
use zeroize::Zeroize;

use crate::algorithm::ContentAlgorithm;

const BLOCK: usize = 16;

/// Verifies the tag, then decrypts `buf` in place. Returns the plaintext length,
/// or `None` for any failure (the caller wipes `buf`).
pub(super) fn open(
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> Option<usize> {
    let half = key.len() / 2;
    let (mac_key, enc_key) = (key.get(..half)?, key.get(half..)?);
    if tag.len() != half || buf.is_empty() || !buf.len().is_multiple_of(BLOCK) {
        return None;
    }
    let mut expected = [0u8; 64];
    mac(enc, mac_key, aad, iv, buf, &mut expected)?;
    let tag_ok = expected.get(..half)?.ct_eq(tag);
    expected.zeroize();
    if !bool::from(tag_ok) {
        return None;
    }
    match enc {
        ContentAlgorithm::A128CbcHs256 => cbc_decrypt::<Aes128>(enc_key, iv, buf)?,
        ContentAlgorithm::A192CbcHs384 => cbc_decrypt::<Aes192>(enc_key, iv, buf)?,
        ContentAlgorithm::A256CbcHs512 => cbc_decrypt::<Aes256>(enc_key, iv, buf)?,
        _ => return None,
    }
    unpad(buf)
}

/// Pads and encrypts the first `len` bytes of `buf` in place and writes the
/// tag to `tag_out`. Returns the ciphertext length.
pub(super) fn seal(
    enc: ContentAlgorithm,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    len: usize,
    tag_out: &mut [u8],
) -> Option<usize> {
    let half = key.len() / 2;
    let (mac_key, enc_key) = (key.get(..half)?, key.get(half..)?);
    let pad = BLOCK - len % BLOCK;
    let padded = len + pad;
    let body = buf.get_mut(..padded)?;
    body.get_mut(len..)?.fill(pad as u8);
    match enc {
        ContentAlgorithm::A128CbcHs256 => cbc_encrypt::<Aes128>(enc_key, iv, body)?,
        ContentAlgorithm::A192CbcHs384 => cbc_encrypt::<Aes192>(enc_key, iv, body)?,
        ContentAlgorithm::A256CbcHs512 => cbc_encrypt::<Aes256>(enc_key, iv, body)?,
        _ => return None,
    }
    let mut full = [0u8; 64];
    mac(enc, mac_key, aad, iv, body, &mut full)?;
    tag_out.get_mut(..half)?.copy_from_slice(full.get(..half)?);
    full.zeroize();
    Some(padded)
}

/// HMAC over AAD ‖ IV ‖ ciphertext ‖ AL with the hash `enc` names.
fn mac(
    enc: ContentAlgorithm,
    key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
    out: &mut [u8; 64],
) -> Option<()> {
    let al = (aad.len() as u64).checked_mul(8)?.to_be_bytes();
    let parts = [aad, iv, ciphertext, &al];
    match enc {
        ContentAlgorithm::A128CbcHs256 => hmac_into::<Hmac<Sha256>>(key, &parts, out),
        ContentAlgorithm::A192CbcHs384 => hmac_into::<Hmac<Sha384>>(key, &parts, out),
        ContentAlgorithm::A256CbcHs512 => hmac_into::<Hmac<Sha512>>(key, &parts, out),
        _ => None,
    }
}

fn hmac_into<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]], out: &mut [u8; 64]) -> Option<()> {
    let mut m = <M as KeyInit>::new_from_slice(key).ok()?;
    for part in parts {
        m.update(part);
    }
    let digest = m.finalize().into_bytes();
    out.get_mut(..digest.len())?.copy_from_slice(&digest);
    Some(())
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<()>
where
    C: BlockCipherDecrypt<BlockSize = U16>,
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt<BlockSize = U16>,
{
    let mut mode = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
    let (blocks, rest) = Array::slice_as_chunks_mut(buf);
    if !rest.is_empty() {
        return None;
    }
    mode.decrypt_blocks(blocks);
    Some(())
}

fn cbc_encrypt<C>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<()>
where
    C: BlockCipherEncrypt<BlockSize = U16>,
    cbc::Encryptor<C>: KeyIvInit + BlockModeEncrypt<BlockSize = U16>,
{
    let mut mode = cbc::Encryptor::<C>::new_from_slices(key, iv).ok()?;
    let (blocks, rest) = Array::slice_as_chunks_mut(buf);
    if !rest.is_empty() {
        return None;
    }
    mode.encrypt_blocks(blocks);
    Some(())
}

/// Checks PKCS#7 padding over the whole last block without branching on the
/// padding's value, and returns the unpadded length.
fn unpad(buf: &[u8]) -> Option<usize> {
    let last_block = buf.get(buf.len().checked_sub(BLOCK)?..)?;
    let pad = *last_block.last()?;
    let mut ok = !pad.ct_eq(&0) & !(BLOCK as u8).ct_lt(&pad);
    for (i, byte) in last_block.iter().rev().enumerate() {
        // bytes within the padding must equal `pad`; others are unconstrained
        let in_pad = (i as u8).ct_lt(&pad);
        ok &= !in_pad | byte.ct_eq(&pad);
    }
    bool::from(ok).then(|| buf.len() - usize::from(pad))
}

#[cfg(test)]
mod tests {
    use super::unpad;

    #[test]
    fn padding_rules() {
        let mut block = [7u8; 16];
        assert_eq!(unpad(&block), Some(9));
        block[15] = 16;
        assert_eq!(unpad(&block), None); // only one byte says 16
        assert_eq!(unpad(&[16u8; 16]), Some(0));
        assert_eq!(unpad(&[0u8; 16]), None);
        assert_eq!(unpad(&[17u8; 16]), None);
        let mut one = [0u8; 16];
        one[15] = 1;
        assert_eq!(unpad(&one), Some(15));
        let mut two = [0u8; 16];
        two[15] = 2;
        assert_eq!(unpad(&two), None);
        assert_eq!(unpad(&[1u8; 3]), None);
    }
}
