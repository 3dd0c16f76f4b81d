//! Replays every committed seed (`fuzz/seeds/<target>/`) and every past
//! crash input (`fuzz/regressions/<target>/`) of some targets through their
//! bodies, on stable, in a normal `cargo test`: one driver for the core's,
//! jose-jwks's and jose-axum's replay tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The files of `dir`, sorted (none if it does not exist).
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// A target: its name and its body.
pub type Target<'a> = (&'a str, fn(&[u8]));

/// Runs every target's inputs through its body; each target must have
/// seeds. `fuzz` is the fuzz/ folder.
pub fn replay(fuzz: &Path, targets: &[Target<'_>]) {
    let mut total = 0;
    for (name, body) in targets {
        let seeds = inputs(&fuzz.join("seeds").join(name));
        assert!(!seeds.is_empty(), "target {name} has no committed seeds");
        let regressions = inputs(&fuzz.join("regressions").join(name));
        for file in seeds.iter().chain(&regressions) {
            let data = std::fs::read(file).unwrap();
            body(&data);
        }
        println!(
            "{name}: {} seeds, {} regression inputs",
            seeds.len(),
            regressions.len()
        );
        total += seeds.len() + regressions.len();
    }
    println!("replayed {total} inputs through {} targets", targets.len());
}
