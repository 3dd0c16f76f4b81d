//! A dudect-style timing check: two classes of inputs, drawn in random
//! order and each timed alone, compared by Welch's t-statistic on all
//! samples and on the fastest 90 % (dudect's cropping, which removes
//! interrupts). |t| below 4.5 is dudect's "no leak detected" at the sample
//! count; it is evidence, not a proof, and the number, not a verdict, is
//! the output. Used by `oaep_timing` and `secret_timing`.
//!
//! Inputs come from pools built before any timing, and each sample clones
//! one along the same code path whatever its class. Building them between
//! samples (as a first version did) put class-dependent branches right
//! before the timed call: their mispredictions showed as |t| of 10-50 on
//! the fastest 90 % of a constant-time decoder, and vanished when the
//! preparation was made branch-free (BENCHMARKS.md, "timing harness").

use std::hint::black_box;
use std::time::Instant;

/// Welch's running means and variances of two classes.
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

/// The final statistic of a run.
#[derive(Clone, Copy, Debug)]
pub struct Verdict {
    /// |t| over every sample.
    pub t_all: f64,
    /// |t| over the fastest 90 %.
    pub t_cropped: f64,
}

/// Inputs per class, built before timing: enough that no branch predictor
/// learns them, few enough to build in a moment.
const POOL: usize = 4096;

/// Times `samples` calls of `measure` on inputs `prepare` builds (before
/// any timing, 4,096 per class) for a class drawn by `class_bit` (0 or
/// 1), after a warm-up; each sample clones a pooled input picked at random.
/// `check` sees each result with its class, so a harness can assert the
/// classes are what they claim. Prints a table line per 10,000 samples under
/// `title`, and returns the final |t|s.
pub fn run<I: Clone, R>(
    title: &str,
    classes: [&str; 2],
    samples: usize,
    mut class_bit: impl FnMut() -> usize,
    mut prepare: impl FnMut(usize) -> I,
    mut measure: impl FnMut(&mut I) -> R,
    mut check: impl FnMut(usize, &R),
) -> Verdict {
    let pool: [Vec<I>; 2] = [
        (0..POOL).map(|_| prepare(0)).collect(),
        (0..POOL).map(|_| prepare(1)).collect(),
    ];
    // Which pooled input a sample takes: xorshift64, seeded from the clock
    // (the choice needs to be unpredictable to the CPU, not to anyone else).
    let mut state = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut pick = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % POOL as u64) as usize
    };
    // Warm caches and the branch predictor on both classes first.
    for i in 0..10_000 {
        let mut input = pool[i % 2][pick()].clone();
        black_box(measure(black_box(&mut input)));
    }
    println!(
        "{title}: {} (class 0) vs {} (class 1)",
        classes[0], classes[1]
    );
    println!(
        "{:>9} {:>12} {:>12} {:>10} {:>14}",
        "samples", "mean0 ns", "mean1 ns", "t", "t (fastest 90%)"
    );
    let batch = 10_000.min(samples);
    let mut timings: Vec<(usize, f64)> = Vec::with_capacity(samples);
    let mut verdict = Verdict {
        t_all: f64::NAN,
        t_cropped: f64::NAN,
    };
    while timings.len() < samples {
        for _ in 0..batch {
            let class = class_bit() & 1;
            let mut input = pool[class][pick()].clone();
            let start = Instant::now();
            let result = measure(black_box(&mut input));
            let elapsed = start.elapsed().as_nanos() as f64;
            let result = black_box(result);
            check(class, &result);
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
        verdict = Verdict {
            t_all: all.t().abs(),
            t_cropped: cropped.t().abs(),
        };
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
        "final |t| {:.2} (all) / {:.2} (fastest 90 %); dudect's threshold is 4.5",
        verdict.t_all, verdict.t_cropped
    );
    verdict
}
