//! Replays every committed fuzz seed and every past crash input through the
//! fuzz targets' bodies, on stable, in a normal `cargo test`. The bodies live
//! in fuzz/bodies.rs, shared with the libFuzzer targets (see FUZZING.md).

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::path::Path;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
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

#[test]
fn every_seed_and_regression_input_replays_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut total = 0;
    for (name, body) in bodies::TARGETS {
        let seeds = inputs(&root.join("seeds").join(name));
        assert!(!seeds.is_empty(), "target {name} has no committed seeds");
        let regressions = inputs(&root.join("regressions").join(name));
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
    println!(
        "replayed {total} inputs through {} targets",
        bodies::TARGETS.len()
    );
}
