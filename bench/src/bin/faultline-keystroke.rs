//! `faultline-keystroke [--edits N] [FILE]`: the core's share of a keystroke in
//! the editor, in process: a one-character edit in the middle line of the
//! first 5,000 lines of FILE (default `net/http/h2_bundle.go` of the Go 1.19
//! sources), alternately typing and deleting a space, each followed by the
//! check of the file with the default settings. Prints the median, p99 and max
//! of the edit (incremental reparse + model) and of the check, in
//! milliseconds. The check reuses the findings of unchanged declarations
//! (`check_file_incremental`, as the language server does); `--full` checks the
//! whole file every time. Run under `valgrind --tool=callgrind` for instruction counts.

use faultline_core::{check_file, check_file_incremental, CheckCache, PackageContext, Settings, SourceFile, TextRange};
use std::process::ExitCode;
use std::time::Instant;

const DEFAULT_FILE: &str = "/usr/lib/go-1.19/src/net/http/h2_bundle.go";
const LINES: usize = 5000;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted.get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1))).copied().unwrap_or(0.0)
}

fn summary(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{name:<22} p50 {:7.3} ms   p99 {:7.3} ms   max {:7.3} ms",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0)
    );
}

// The same allocator as the faultline binary (mimalloc, for Rust and for
// tree-sitter's C code), so the parse floor and the product compare like for like.
#[global_allocator]
static GLOBAL: faultline_alloc::MiMalloc = faultline_alloc::MiMalloc;

fn main() -> ExitCode {
    faultline_alloc::route_tree_sitter_to_mimalloc();
    let mut edits = 200usize;
    let mut full_check = false;
    let mut path = DEFAULT_FILE.to_string();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--edits" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => edits = n,
                None => {
                    eprintln!("faultline-keystroke: --edits needs a number");
                    return ExitCode::from(2);
                }
            },
            "--bench" => {}
            "--full" => full_check = true,
            other => path = other.to_string(),
        }
    }
    let Ok(full) = std::fs::read_to_string(&path) else {
        eprintln!("faultline-keystroke: cannot read {path}");
        return ExitCode::from(2);
    };
    let text: String = full.split_inclusive('\n').take(LINES).collect();
    let middle: usize = text.split_inclusive('\n').take(text.lines().count() / 2).map(str::len).sum();
    // As an editor opens it (`Workspace::set_file`): keys for the first edit.
    let Ok(mut file) = SourceFile::new_editable(&path, text) else {
        eprintln!("faultline-keystroke: cannot parse {path}");
        return ExitCode::from(2);
    };
    let settings = Settings::default();
    let package = PackageContext::default();
    let (mut edit_ms, mut check_ms, mut total_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    let mut cache = CheckCache::new();
    // The file as opened: the editor checks it once before the first keystroke.
    if !full_check {
        check_file_incremental(&file, &package, &settings, &mut cache);
    }
    for i in 0..edits {
        let start = Instant::now();
        let result = if i % 2 == 0 {
            file.edit(TextRange { start: middle, end: middle }, " ")
        } else {
            file.edit(TextRange { start: middle, end: middle + 1 }, "")
        };
        if result.is_err() {
            eprintln!("faultline-keystroke: edit failed");
            return ExitCode::from(2);
        }
        let edited = Instant::now();
        findings = match full_check {
            true => check_file(&file, &package, &settings).len(),
            false => check_file_incremental(&file, &package, &settings, &mut cache).len(),
        };
        let done = Instant::now();
        edit_ms.push((edited - start).as_secs_f64() * 1e3);
        check_ms.push((done - edited).as_secs_f64() * 1e3);
        total_ms.push((done - start).as_secs_f64() * 1e3);
    }
    println!("{path}: first {LINES} lines, {} bytes, {edits} edits, {findings} findings", file.text.len());
    summary("edit (reparse+model)", edit_ms);
    summary("check (rules)", check_ms);
    summary("keystroke total", total_ms);
    ExitCode::SUCCESS
}
