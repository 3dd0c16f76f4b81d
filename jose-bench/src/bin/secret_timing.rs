//! Dudect-style timing checks of the shared-key paths where a secret meets
//! attacker bytes (see `jose_bench::dudect` for the method and what |t|
//! means). Run on a quiet machine, one case at a time:
//!
//! ```sh
//! cargo run --release -p jose-bench --bin secret_timing -- hmac 200000
//! cargo run --release -p jose-bench --bin secret_timing -- hmac-control 50000
//! cargo run --release -p jose-bench --bin secret_timing -- aes-kw 200000
//! cargo run --release -p jose-bench --bin secret_timing -- jwe-kw 100000
//! ```
//!
//! - `hmac`: `SecretKey::verify` (HS256) of a tag wrong in its first byte
//!   against one wrong in its last: an early-exit comparison shows here.
//!   `hmac-control` times a naive byte-by-byte comparison of the same tags,
//!   and must show a large |t| (the harness can see a leak of that size).
//! - `aes-kw`: RFC 3394 unwrap (`hazmat::aes_key_unwrap_exact`, the
//!   backend's code the JWE layer runs) of a valid wrapped key against one with a
//!   bit flipped: the integrity check's verdict must not show in the time.
//!   `aes-kw-aa` draws valid wraps for both classes: the |t| the harness
//!   shows when there is nothing to find.
//! - `jwe-kw`: a whole A256KW + A256GCM token opened with its key, with a
//!   bad wrap (the unwrap fails, a random content key is used) against a
//!   good wrap and a bad content tag: the two failures must look the same,
//!   or the unwrap is an oracle.

use jose_core::jwe::{Compact, Encrypter};
use jose_core::keys::SecretKey;
use jose_core::rand_core::Rng;
use jose_core::{ContentAlgorithm, ErrorKind, KeyAlgorithm, SignatureAlgorithm, hazmat};
use std::cell::RefCell;

type OsRng = jose_core::rand_core::UnwrapErr<jose_core::OsRng>;
type Failure = Box<dyn std::error::Error>;

fn flip_random_bit(rng: &mut OsRng, bytes: &mut [u8]) {
    let bit = rng.next_u32() as usize % (bytes.len() * 8);
    bytes[bit / 8] ^= 1 << (bit % 8);
}

/// The same comparison written the leaky way, for the control.
fn naive_equal(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return false;
        }
    }
    true
}

fn hmac(samples: usize, control: bool, rng: &RefCell<OsRng>) -> Result<(), Failure> {
    let mut secret = [0u8; 32];
    rng.borrow_mut().fill_bytes(&mut secret);
    let key = SecretKey::from_bytes(&secret)?;
    let which = if control {
        "naive byte-by-byte comparison (control)"
    } else {
        "SecretKey::verify"
    };
    jose_bench::dudect::run(
        &format!("HS256 tag check ({which})"),
        ["tag wrong in byte 0", "tag wrong in byte 31"],
        samples,
        || (rng.borrow_mut().next_u32() & 1) as usize,
        |class| {
            let mut input = [0u8; 64];
            rng.borrow_mut().fill_bytes(&mut input);
            // A 32-byte key and HS256 were accepted above: signing cannot fail.
            let right = key
                .sign(SignatureAlgorithm::Hs256, &input)
                .expect("HS256 with a 32-byte key");
            let mut tag = right.clone();
            tag[if class == 0 { 0 } else { 31 }] ^= 0x80;
            (input, tag, right)
        },
        |(input, tag, right)| {
            if control {
                naive_equal(tag, right)
            } else {
                key.verify(SignatureAlgorithm::Hs256, input, tag).is_ok()
            }
        },
        |_, ok| assert!(!ok, "a changed tag must not verify"),
    );
    Ok(())
}

fn aes_kw(samples: usize, same_class: bool, rng: &RefCell<OsRng>) -> Result<(), Failure> {
    let mut kek = [0u8; 32];
    rng.borrow_mut().fill_bytes(&mut kek);
    jose_bench::dudect::run(
        "RFC 3394 unwrap (hazmat::aes_key_unwrap_exact), A256KW, 32-byte key data",
        if same_class {
            ["valid wrap", "valid wrap (A/A: the harness's noise)"]
        } else {
            ["valid wrap", "one bit flipped"]
        },
        samples,
        || (rng.borrow_mut().next_u32() & 1) as usize,
        |class| {
            let mut rng = rng.borrow_mut();
            let mut cek = [0u8; 32];
            rng.fill_bytes(&mut cek);
            let mut wrapped = hazmat::aes_key_wrap(&kek, &cek).expect("a 32-byte KEK and key");
            if class == 1 && !same_class {
                flip_random_bit(&mut rng, &mut wrapped);
            }
            wrapped
        },
        |wrapped| {
            let mut out = [0u8; 32];
            hazmat::aes_key_unwrap_exact(&kek, wrapped, &mut out)
        },
        |class, ok| assert_eq!(*ok, class == 0 || same_class, "class {class}"),
    );
    Ok(())
}

fn jwe_kw(samples: usize, rng: &RefCell<OsRng>) -> Result<(), Failure> {
    let mut secret = [0u8; 32];
    rng.borrow_mut().fill_bytes(&mut secret);
    let key = SecretKey::from_bytes(&secret)?;
    let encrypter = Encrypter::with_secret(&key, KeyAlgorithm::A256Kw, ContentAlgorithm::A256Gcm)?;
    let claims = [b'x'; 300];
    let mut out = vec![0u8; encrypter.output_len(claims.len())?];
    let mut call_rng = jose_core::os_rng();
    jose_bench::dudect::run(
        "A256KW + A256GCM token opened with its key (parse and decrypt)",
        [
            "good wrap, bad content tag",
            "bad wrap (random content key)",
        ],
        samples,
        || (rng.borrow_mut().next_u32() & 1) as usize,
        |class| {
            let token = encrypter
                .encrypt(&claims, &mut jose_core::os_rng(), &mut out)
                .expect("the encrypter and buffer accepted above");
            let mut parts: Vec<Vec<u8>> = token.split('.').map(|p| p.as_bytes().to_vec()).collect();
            // Change one base64url character of the tag or the encrypted
            // key to another (both parts stay canonical: not the last one).
            let part = if class == 0 { 4 } else { 1 };
            let at = rng.borrow_mut().next_u32() as usize % (parts[part].len() - 1);
            parts[part][at] = if parts[part][at] == b'A' { b'B' } else { b'A' };
            let token = String::from_utf8(parts.join(&b'.')).expect("base64url is ASCII");
            let buf = vec![0u8; claims.len() + 64];
            (token, buf)
        },
        |(token, buf)| {
            Compact::parse(token)
                .and_then(|jwe| jwe.decrypt(&key, &mut call_rng, buf).map(|_| ()))
                .map_err(|e| e.kind())
        },
        |class, result| assert_eq!(*result, Err(ErrorKind::Decrypt), "class {class}"),
    );
    Ok(())
}

fn main() -> Result<(), Failure> {
    let case = std::env::args().nth(1);
    let samples: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let rng = RefCell::new(jose_core::rand_core::UnwrapErr(jose_core::os_rng()));
    match case.as_deref() {
        Some("hmac") => hmac(samples, false, &rng),
        Some("hmac-control") => hmac(samples, true, &rng),
        Some("aes-kw") => aes_kw(samples, false, &rng),
        Some("aes-kw-aa") => aes_kw(samples, true, &rng),
        Some("jwe-kw") => jwe_kw(samples, &rng),
        _ => {
            eprintln!("usage: secret_timing hmac|hmac-control|aes-kw|aes-kw-aa|jwe-kw [samples]");
            std::process::exit(2);
        }
    }
}
