//! Fuzz harnesses for faultline (issue #13). Each `pub fn` takes the fuzzer's
//! bytes, drives one surface, and panics only when an invariant breaks (or the
//! code under test panics): libFuzzer reports either as a crash.
//!
//! - [`check_bytes`]: the core on arbitrary bytes (lossy UTF-8).
//! - [`mutate_corpus`]: token-level splices, deletions and duplications of the
//!   fixture corpus, checked fresh and after an incremental edit.
//! - [`edit_sequence`]: the language server's document state under random
//!   incremental edits (out-of-range and mid-surrogate positions included),
//!   against a reference UTF-16 conversion and a fresh parse of the final text.
//! - [`config_and_suppressions`]: `faultline.toml` parsing and suppression comments.
//! - [`custom_rules`]: custom-rule files (queries, conditions, templates, examples).
//!
//! `cargo test` in this crate replays `corpus/<target>/` and a few thousand
//! pseudo-random inputs through every harness (no cargo-fuzz needed).

mod config;
mod corpus;
mod custom;
mod edits;
mod oracle;
mod tokens;

pub use config::config_and_suppressions;
pub use custom::custom_rules;
pub use edits::edit_sequence;

use arbitrary::Unstructured;
use faultline_core::{Settings, Workspace};

/// Inputs above this are cut: the fuzzers look for wrong behaviour, not for
/// the (separately bounded) cost of huge files.
pub const MAX_INPUT: usize = 64 * 1024;

/// A sibling file so the package summaries are consulted too.
const SIBLING: &str =
    "package main\n\nfunc load(p *int) (*int, error) {\n\t_ = *p\n\treturn nil, nil\n}\n\nvar shared map[string]int\n";

/// The core on arbitrary bytes: every rule, fixes planned and applied, and
/// every reported range inside the text on character boundaries.
pub fn check_bytes(data: &[u8]) {
    let data = &data[..data.len().min(MAX_INPUT)];
    let text = String::from_utf8_lossy(data).into_owned();
    let mut ws = Workspace::new(Settings::default());
    let _ = ws.set_file("p/go.mod", "module m\n\ngo 1.21\n".to_string());
    ws.set_file("p/sibling.go", SIBLING.to_string()).expect("parse sibling");
    ws.set_file("p/main.go", text).expect("parse");
    oracle::check_and_verify(&ws, "p/main.go");
    oracle::check_and_verify(&ws, "p/sibling.go");
}

/// Grammar-aware mutations of the fixture corpus: a fixture file is cut into
/// tokens and mutated (see [`tokens::mutate`]); the result is checked fresh,
/// and also reached by one incremental edit from the original, which must give
/// the same tree and diagnostics.
pub fn mutate_corpus(data: &[u8]) {
    let files = corpus::fixture_files();
    if files.is_empty() {
        return;
    }
    let mut u = Unstructured::new(data);
    let Ok(index) = u.choose_index(files.len()) else { return };
    let base = &files[index];
    let mutated = tokens::mutate(base, files, &mut u);
    let mut fresh = Workspace::new(Settings::default());
    fresh.set_file("p/sibling.go", SIBLING.to_string()).expect("parse sibling");
    fresh.set_file("p/main.go", mutated.clone()).expect("parse");
    oracle::check_and_verify(&fresh, "p/main.go");

    let mut incremental = Workspace::new(Settings::default());
    incremental.set_file("p/sibling.go", SIBLING.to_string()).expect("parse sibling");
    incremental.set_file("p/main.go", base.clone()).expect("parse");
    let (range, new_text) = faultline_lsp::testing::minimal_edit(base, &mutated);
    incremental.edit_file("p/main.go", range, new_text).expect("reparse");
    oracle::assert_same_analysis(&incremental, &fresh, "p/main.go");
}

#[cfg(test)]
mod replay;
