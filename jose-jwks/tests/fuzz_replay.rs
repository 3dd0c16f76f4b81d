//! Replays every committed fuzz seed and every past crash input of
//! jose-jwks's targets through their bodies (fuzz/bodies/jwks.rs), on stable,
//! in a normal `cargo test` (see FUZZING.md).

#[path = "../../fuzz/bodies/jwks.rs"]
mod bodies;
#[path = "../../fuzz/bodies/replay.rs"]
mod replay;

#[test]
fn every_seed_and_regression_input_replays_cleanly() {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    replay::replay(&fuzz, bodies::TARGETS);
}
