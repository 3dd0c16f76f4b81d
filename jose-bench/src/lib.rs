//! What the bench member's binaries share: the dudect-style timing check
//! (`dudect`). The criterion benchmarks are in `benches/`.

pub mod dudect;
