//! Replays every committed fuzz seed and every past crash input of the
//! core's targets through their bodies, on stable, in a normal `cargo test`.
//! The bodies live in fuzz/bodies/core.rs, shared with the libFuzzer
//! targets (see FUZZING.md).

#[path = "../../fuzz/bodies/core.rs"]
mod bodies;
#[path = "../../fuzz/bodies/replay.rs"]
mod replay;

#[test]
fn every_seed_and_regression_input_replays_cleanly() {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    replay::replay(&fuzz, bodies::TARGETS);
}
