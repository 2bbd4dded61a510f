//! `cargo bench -p faultline-bench`: the same measurement as the binary, on
//! FAULTLINE_BENCH_CORPUS (default: the Debian Go 1.19 source tree), 7 rounds,
//! with the per-family rows.

use faultline_bench::corpus::Corpus;
use faultline_bench::report::Report;

// The allocator of the faultline binary (mimalloc, for Rust and tree-sitter's C code).
#[global_allocator]
static GLOBAL: faultline_alloc::MiMalloc = faultline_alloc::MiMalloc;

fn main() {
    faultline_alloc::route_tree_sitter_to_mimalloc();
    let root = std::env::var("FAULTLINE_BENCH_CORPUS").unwrap_or_else(|_| "/usr/lib/go-1.19/src".to_string());
    match Corpus::load(std::path::Path::new(&root)) {
        Ok(corpus) => print!("{}", Report::run(&corpus, 7, true).text()),
        Err(e) => eprintln!("check_vs_parse: cannot load {root}: {e} (set FAULTLINE_BENCH_CORPUS)"),
    }
}
