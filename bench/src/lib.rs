//! faultline-bench: measures, in one process and one run, `faultline check`'s
//! analysis against tree-sitter parsing alone of the same in-memory files.
//! Not a test: nothing here fails on timing. `scripts/bench.sh` drives it and
//! writes BENCHMARKS.md.

pub mod corpus;
pub mod pipeline;
pub mod report;
pub mod timing;
