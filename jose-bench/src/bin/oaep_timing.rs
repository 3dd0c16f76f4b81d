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
//! is what says the harness can see a leak of that size at all.

use std::hint::black_box;
use std::time::Instant;

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

#[derive(Default)]
struct Welch {
    n: [f64; 2],
    mean: [f64; 2],
    m2: [f64; 2],
}

impl Welch {
    fn push(&mut self, class: usize, x: f64) {
        self.n[class] += 1.0;
        let d = x - self.mean[class];
        self.mean[class] += d / self.n[class];
        self.m2[class] += d * (x - self.mean[class]);
    }
    fn t(&self) -> f64 {
        let var = |c: usize| self.m2[c] / (self.n[c] - 1.0);
        (self.mean[0] - self.mean[1]) / (var(0) / self.n[0] + var(1) / self.n[1]).sqrt()
    }
}

fn main() {
    let samples: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let control = std::env::args().nth(2).as_deref() == Some("control");
    let decode = |em: &mut [u8; K], out: &mut [u8]| {
        if control {
            naive_decode(em, out)
        } else {
            hazmat::oaep_decode_exact(KeyAlgorithm::RsaOaep256, em, out)
        }
    };
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());
    let mut out = [0u8; 32];
    // Warm caches and the branch predictor on both classes first.
    for i in 0..10_000u32 {
        let mut em = block(&mut rng, (i % 7) as u8);
        black_box(decode(&mut em, &mut out));
    }
    let batch = 10_000.min(samples);
    let mut timings: Vec<(usize, f64)> = Vec::with_capacity(samples);
    let mut valid_seen = [0usize; 2];
    let mut last = (0.0f64, 0.0f64);
    let which = if control {
        "naive control decoder"
    } else {
        "hazmat::oaep_decode_exact"
    };
    println!(
        "OAEP decode timing ({which}), RSA-OAEP-256, k = {K}: valid (class 0) vs invalid (class 1)"
    );
    println!(
        "{:>9} {:>12} {:>12} {:>10} {:>14}",
        "samples", "mean0 ns", "mean1 ns", "t", "t (fastest 90%)"
    );
    while timings.len() < samples {
        for _ in 0..batch {
            let class = (rng.next_u32() & 1) as usize;
            let fault = if class == 0 {
                0
            } else {
                1 + (rng.next_u32() % 6) as u8
            };
            let mut em = block(&mut rng, fault);
            let start = Instant::now();
            let ok = decode(black_box(&mut em), &mut out);
            let elapsed = start.elapsed().as_nanos() as f64;
            black_box(ok);
            // The classes must be what they claim, or the statistic means nothing.
            assert_eq!(ok, class == 0, "fault {fault}");
            valid_seen[class] += 1;
            timings.push((class, elapsed));
        }
        let mut all = Welch::default();
        for &(c, x) in &timings {
            all.push(c, x);
        }
        let mut sorted: Vec<f64> = timings.iter().map(|t| t.1).collect();
        sorted.sort_by(f64::total_cmp);
        let cut = sorted[sorted.len() * 9 / 10];
        let mut cropped = Welch::default();
        for &(c, x) in timings.iter().filter(|t| t.1 <= cut) {
            cropped.push(c, x);
        }
        last = (all.t(), cropped.t());
        println!(
            "{:>9} {:>12.1} {:>12.1} {:>10.2} {:>14.2}",
            timings.len(),
            all.mean[0],
            all.mean[1],
            all.t(),
            cropped.t()
        );
    }
    println!(
        "valid {} / invalid {}; final |t| {:.2} (all) / {:.2} (fastest 90 %); dudect's threshold is 4.5",
        valid_seen[0],
        valid_seen[1],
        last.0.abs(),
        last.1.abs()
    );
}
