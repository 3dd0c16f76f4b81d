//! Times every input of a fuzz corpus through its target's body (release
//! build, no sanitizer) and prints the slowest per target: the evidence for
//! FUZZING.md's "no input slower than 100 ms" (libFuzzer's own statistic has
//! whole-second resolution).
//!
//!     cargo run --release -p jose-bench --bin fuzz_slowest -- fuzz/corpus

#[path = "../../../fuzz/bodies/axum.rs"]
mod axum_bodies;
#[path = "../../../fuzz/bodies/core.rs"]
mod core_bodies;
#[path = "../../../fuzz/bodies/jwks.rs"]
mod jwks_bodies;

use std::time::{Duration, Instant};

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fuzz/corpus".into());
    let mut worst_overall = Duration::ZERO;
    let targets = core_bodies::TARGETS
        .iter()
        .chain(jwks_bodies::TARGETS)
        .chain(axum_bodies::TARGETS);
    for (name, body) in targets {
        let dir = std::path::Path::new(&root).join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("{name:18} no corpus at {}", dir.display());
            continue;
        };
        let (mut count, mut slowest, mut which) = (0usize, Duration::ZERO, String::new());
        for entry in entries.flatten() {
            let Ok(data) = std::fs::read(entry.path()) else {
                continue;
            };
            let start = Instant::now();
            body(&data);
            let took = start.elapsed();
            count += 1;
            if took > slowest {
                slowest = took;
                which = entry.file_name().to_string_lossy().into_owned();
            }
        }
        worst_overall = worst_overall.max(slowest);
        println!(
            "{name:18} {count:6} inputs, slowest {:8.3} ms ({which})",
            slowest.as_secs_f64() * 1e3
        );
    }
    println!(
        "slowest input overall: {:.3} ms",
        worst_overall.as_secs_f64() * 1e3
    );
}
