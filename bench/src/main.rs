//! `faultline-bench [--runs N] [--per-family] [--markdown FILE] [--list-files FILE] [CORPUS]`
//! `faultline-bench --parse-only [CORPUS]`
//! `faultline-bench --check-only [CORPUS]`
//!
//! Loads CORPUS (default: the Debian Go 1.19 source tree) into memory, then
//! times parse only, parse + model and the full check, median of N (default 7)
//! runs each; `--per-family` adds the check with no rule and with one rule
//! family at a time. `--markdown` also writes the figures as a markdown fragment;
//! `--list-files` writes the corpus file list, NUL-separated, for timing `cat`.
//! `--parse-only` loads the corpus and parses it once, nothing else: the parse
//! floor as a process of its own, for hyperfine to time right beside
//! `faultline check` (the machine's speed drifts between minutes apart).
//! `--check-only` loads the corpus and runs the full check once: the in-process
//! check as a process of its own, for profilers (`perf record`, callgrind) and
//! for timing it beside `faultline check`.

use faultline_bench::corpus::Corpus;
use faultline_bench::report::Report;
use std::path::PathBuf;
use std::process::ExitCode;

const DEFAULT_CORPUS: &str = "/usr/lib/go-1.19/src";

struct Args {
    corpus: PathBuf,
    runs: usize,
    markdown: Option<PathBuf>,
    list_files: Option<PathBuf>,
    per_family: bool,
    parse_only: bool,
    check_only: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        corpus: DEFAULT_CORPUS.into(),
        runs: 7,
        markdown: None,
        list_files: None,
        per_family: false,
        parse_only: false,
        check_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--runs" => {
                args.runs = value("--runs")?.parse().map_err(|e| format!("--runs: {e}"))?;
                if args.runs == 0 {
                    return Err("--runs must be at least 1".into());
                }
            }
            "--per-family" => args.per_family = true,
            "--parse-only" => args.parse_only = true,
            "--check-only" => args.check_only = true,
            "--markdown" => args.markdown = Some(value("--markdown")?.into()),
            "--list-files" => args.list_files = Some(value("--list-files")?.into()),
            // `cargo bench` passes --bench to harness=false targets.
            "--bench" => {}
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            path => args.corpus = path.into(),
        }
    }
    Ok(args)
}

// The same allocator as the faultline binary (mimalloc, for Rust and for
// tree-sitter's C code), so the parse floor and the product compare like for like.
#[global_allocator]
static GLOBAL: faultline_alloc::MiMalloc = faultline_alloc::MiMalloc;

fn main() -> ExitCode {
    faultline_alloc::route_tree_sitter_to_mimalloc();
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("faultline-bench: {message}");
            }
            eprintln!(
                "usage: faultline-bench [--runs N] [--per-family] [--markdown FILE] [--list-files FILE] [CORPUS]\n       \
                 faultline-bench --parse-only [CORPUS]\n       \
                 faultline-bench --check-only [CORPUS]"
            );
            return ExitCode::from(2);
        }
    };
    let corpus = match Corpus::load(&args.corpus) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("faultline-bench: cannot load {}: {e}", args.corpus.display());
            return ExitCode::from(2);
        }
    };
    if args.parse_only {
        println!("{} syntax nodes", faultline_bench::pipeline::parse_only(&corpus));
        return ExitCode::SUCCESS;
    }
    if args.check_only {
        let counts = faultline_bench::pipeline::full_check(&corpus, &faultline_core::Settings::default());
        println!("{} findings", counts.values().sum::<usize>());
        return ExitCode::SUCCESS;
    }
    if let Some(path) = &args.list_files {
        let mut list = Vec::new();
        for file in &corpus.files {
            list.extend_from_slice(file.path.as_bytes());
            list.push(0);
        }
        if let Err(e) = std::fs::write(path, list) {
            eprintln!("faultline-bench: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    eprintln!("corpus: {} ({} files); timing {} rounds...", corpus.root.display(), corpus.files.len(), args.runs);
    let report = Report::run(&corpus, args.runs, args.per_family);
    print!("{}", report.text());
    if let Some(path) = &args.markdown {
        if let Err(e) = std::fs::write(path, report.markdown()) {
            eprintln!("faultline-bench: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
