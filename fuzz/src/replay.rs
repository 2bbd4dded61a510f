//! Replays the checked-in corpus (`corpus/<target>/`: seeds and every crash
//! found so far, minimised) and a few thousand pseudo-random inputs through
//! every harness: the fuzz targets' regression test without cargo-fuzz.

use std::path::Path;

/// Runs `harness` on every file of `corpus/<target>/` and on `random` inputs
/// made by a fixed-seed xorshift (so failures reproduce).
fn replay(target: &str, random: usize, harness: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    let mut count = 0;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            eprintln!("{target}: {}", path.display());
            harness(&data);
            count += 1;
        }
    }
    let runs: usize = std::env::var("FUZZ_SMOKE_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(random);
    let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ target.len() as u64;
    for _ in 0..runs {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = (state % 512) as usize;
        let mut data = Vec::with_capacity(len);
        let mut s = state;
        for _ in 0..len {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            data.push((s >> 24) as u8);
        }
        harness(&data);
    }
    eprintln!("{target}: {count} corpus files and {runs} random inputs");
}

#[test]
fn bytes() {
    replay("bytes", 2000, crate::check_bytes);
}

#[test]
fn mutate() {
    replay("mutate", 2000, crate::mutate_corpus);
}

#[test]
fn edits() {
    replay("edits", 2000, crate::edit_sequence);
}

#[test]
fn config() {
    replay("config", 2000, crate::config_and_suppressions);
}

#[test]
fn custom() {
    replay("custom", 2000, crate::custom_rules);
}
