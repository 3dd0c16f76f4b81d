//! A dudect-style timing check of the pure-Rust backend's OAEP decoding
//! (`hazmat::oaep_decode_exact`, what runs after the RSA private operation).
//!
//! Two classes of 256-byte encoded blocks for RSA-OAEP-256: valid blocks
//! carrying a 32-byte content key, and invalid ones (wrong leading byte, wrong
//! label hash, no separator, a stray byte before it, a message of another
//! length, or random bytes), drawn fresh for every sample. Samples of the two
//! classes are interleaved in random order, each timed alone, and Welch's
//! t-statistic between the classes is printed after each batch, on all
//! samples and on the fastest 90 % (dudect's cropping, which removes
//! interrupts). |t| below 4.5 is dudect's "no leak detected" at this sample
//! count; it is evidence, not a proof, and the number, not a verdict, is the
//! output. Run on a quiet machine:
//!
//! ```sh
//! cargo run --release -p jose-bench --bin oaep_timing -- 200000
//! cargo run --release -p jose-bench --bin oaep_timing -- 200000 control
//! ```
//!
//! `control` times a deliberately naive decoder instead (early return on the
//! leading byte, short-circuit comparisons): it must show a large |t|, which
//! is what says the harness can see a leak of that size at all. `aa` draws
//! valid blocks for both classes: the |t| the harness shows when there is
//! nothing to find. `fault1` .. `fault6` put only that kind of invalid block
//! in class 1.

use jose_core::rand_core::Rng;
use jose_core::{KeyAlgorithm, hazmat};
use sha2::Digest;

const K: usize = 256;
const H: usize = 32;

fn mgf1_xor(out: &mut [u8], seed: &[u8]) {
    for (counter, chunk) in out.chunks_mut(H).enumerate() {
        let mask = sha2::Sha256::new()
            .chain_update(seed)
            .chain_update((counter as u32).to_be_bytes())
            .finalize();
        for (b, m) in chunk.iter_mut().zip(mask.iter()) {
            *b ^= m;
        }
    }
}

/// An encoded block: `fault` 0 is a valid block with a 32-byte message; 1..=6
/// are the invalid kinds listed in the module comment.
fn block(rng: &mut impl Rng, fault: u8) -> [u8; K] {
    let mut em = [0u8; K];
    if fault == 6 {
        rng.fill_bytes(&mut em);
        return em;
    }
    let msg_len = if fault == 5 { 16 } else { 32 };
    let (first, rest) = em.split_at_mut(1);
    let (seed, db) = rest.split_at_mut(H);
    rng.fill_bytes(seed);
    db[..H].copy_from_slice(&sha2::Sha256::digest([]));
    let sep = db.len() - msg_len - 1;
    db[sep] = 1;
    rng.fill_bytes(&mut db[sep + 1..]);
    match fault {
        2 => db[rng.next_u32() as usize % H] ^= 1,
        3 => db[sep] = 0,
        4 => db[H + (rng.next_u32() as usize % (sep - H))] = 0x02,
        _ => {}
    }
    mgf1_xor(db, seed);
    mgf1_xor(seed, db);
    if fault == 1 {
        first[0] = 1;
    }
    em
}

/// The control: the same checks written the obvious, leaky way.
fn naive_decode(em: &mut [u8; K], out: &mut [u8]) -> bool {
    if em[0] != 0 {
        return false;
    }
    let (seed, db) = em[1..].split_at_mut(H);
    mgf1_xor(seed, db);
    mgf1_xor(db, seed);
    if db[..H] != sha2::Sha256::digest([])[..] {
        return false;
    }
    match db[H..].iter().position(|b| *b != 0) {
        Some(i) if db[H + i] == 1 && db.len() - (H + i + 1) == out.len() => {
            out.copy_from_slice(&db[H + i + 1..]);
            true
        }
        _ => false,
    }
}

fn main() {
    let samples: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mode = std::env::args().nth(2);
    let control = mode.as_deref() == Some("control");
    let same_class = mode.as_deref() == Some("aa");
    // `faultN` (1..=6): only that kind of invalid block in class 1.
    let only_fault: Option<u8> = mode
        .as_deref()
        .and_then(|m| m.strip_prefix("fault"))
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=6).contains(n));
    let which = if control {
        "naive control decoder"
    } else {
        "hazmat::oaep_decode_exact"
    };
    let rng = std::cell::RefCell::new(jose_core::rand_core::UnwrapErr(jose_core::os_rng()));
    let mut out = [0u8; 32];
    let mut seen = [0usize; 2];
    jose_bench::dudect::run(
        &format!("OAEP decode timing ({which}), RSA-OAEP-256, k = {K}"),
        if same_class {
            ["valid", "valid (A/A)"]
        } else {
            ["valid", "invalid"]
        },
        samples,
        || (rng.borrow_mut().next_u32() & 1) as usize,
        |class| {
            let mut rng = rng.borrow_mut();
            let fault = if class == 0 || same_class {
                0
            } else {
                only_fault.unwrap_or_else(|| 1 + (rng.next_u32() % 6) as u8)
            };
            (block(&mut *rng, fault), fault)
        },
        |(em, _)| {
            if control {
                naive_decode(em, &mut out)
            } else {
                hazmat::oaep_decode_exact(KeyAlgorithm::RsaOaep256, em, &mut out)
            }
        },
        |class, ok| {
            // The classes must be what they claim, or the statistic means nothing.
            assert_eq!(*ok, class == 0 || same_class, "class {class}");
            seen[class] += 1;
        },
    );
    println!("valid {} / invalid {}", seen[0], seen[1]);
}
