//! `cargo bench -p faultline-core --bench pipeline -- [DIR] [ROUNDS]`
//!
//! Single-threaded CPU time of each stage of the core over every `.go` file
//! under DIR (default: the Debian Go 1.19 sources), files read first:
//! parse alone (one reused parser), the flat copy of the tree, the semantic
//! model, the file summary, and the rules (`check_file`, each file with its directory's summaries).
//! One thread and process CPU time keep the figures steady on a loaded
//! machine; the ratios to the parse are what to compare.

use faultline_core::model::{FileModel, FileSummary};
use faultline_core::syntax::FlatTree;
use faultline_core::{check_file, PackageContext, Settings, SourceFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let root = PathBuf::from(args.first().map_or("/usr/lib/go-1.19/src", String::as_str));
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| Some((p.to_string_lossy().into_owned(), std::fs::read_to_string(p).ok()?)))
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    eprintln!("{} files, {:.1} MB, {rounds} rounds (median CPU ms)", texts.len(), bytes as f64 / 1e6);

    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&faultline_core::syntax::go_language()).expect("grammar");
    let trees: Vec<tree_sitter::Tree> = texts.iter().filter_map(|(_, t)| parser.parse(t, None)).collect();
    let parse = median(rounds, || {
        for (_, text) in &texts {
            std::hint::black_box(parser.parse(text, None));
        }
    });
    let flat = median(rounds, || {
        for ((_, text), tree) in texts.iter().zip(&trees) {
            std::hint::black_box(FlatTree::new(tree, text));
        }
    });
    let trees: Vec<FlatTree> = texts.iter().zip(&trees).map(|((_, text), tree)| FlatTree::new(tree, text)).collect();
    let model = median(rounds, || {
        for ((_, text), tree) in texts.iter().zip(&trees) {
            std::hint::black_box(FileModel::build(tree, text));
        }
    });
    let models: Vec<FileModel> =
        texts.iter().zip(&trees).map(|((_, text), tree)| FileModel::build(tree, text)).collect();
    let summary = median(rounds, || {
        for (((path, text), tree), model) in texts.iter().zip(&trees).zip(&models) {
            std::hint::black_box(FileSummary::new(path, model, tree, text));
        }
    });
    drop(models);
    drop(trees);
    let new = median(rounds, || {
        for (path, text) in &texts {
            std::hint::black_box(SourceFile::new(path, text.clone()).ok());
        }
    });
    let sources: Vec<SourceFile> = texts.iter().filter_map(|(p, t)| SourceFile::new(p, t.clone()).ok()).collect();
    let mut by_dir: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in sources.iter().enumerate() {
        by_dir.entry(faultline_core::workspace::parent_dir(&f.path)).or_default().push(i);
    }
    let contexts: Vec<PackageContext> = sources
        .iter()
        .map(|f| {
            let dir = &by_dir[faultline_core::workspace::parent_dir(&f.path)];
            let siblings: Vec<Arc<FileSummary>> = dir
                .iter()
                .map(|&j| &sources[j])
                .filter(|o| o.path != f.path && o.model.package == f.model.package)
                .map(|o| o.summary.clone())
                .collect();
            PackageContext { siblings, module_go_version: None, shared: None }
        })
        .collect();
    let settings = Settings::default();
    let mut findings = 0;
    let rules = median(rounds, || {
        findings = 0;
        for (f, cx) in sources.iter().zip(&contexts) {
            findings += check_file(f, cx, &settings).len();
        }
    });
    let p = parse.as_secs_f64().max(1e-9) * 1000.0;
    let row = |name: &str, d: Duration| {
        let ms = d.as_secs_f64() * 1000.0;
        println!("{name:<34} {ms:>9.0} ms {:>6.2}x parse", ms / p);
    };
    row("parse only (reused parser)", parse);
    row("flat tree (FlatTree::new)", flat);
    row("model (FileModel::build)", model);
    row("summary (FileSummary::new)", summary);
    row("SourceFile::new (parse+model+...)", new);
    row("rules (check_file)", rules);
    row("=> SourceFile::new + rules", new + rules);
    println!("findings: {findings}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(&path, out),
            Ok(_) if path.extension().is_some_and(|e| e == "go") => out.push(path),
            _ => {}
        }
    }
}

/// Median over `rounds` of this thread's CPU time (user + system) for `work`.
/// `FAULTLINE_BENCH_ONLY=model` (or parse, flat, summary, new, rules) skips the
/// other timed stages, for `perf stat -e instructions` of one stage.
fn median(rounds: usize, mut work: impl FnMut()) -> Duration {
    static STAGE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    const STAGES: [&str; 6] = ["parse", "flat", "model", "summary", "new", "rules"];
    let stage = STAGE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if let Ok(only) = std::env::var("FAULTLINE_BENCH_ONLY") {
        if STAGES.get(stage) != Some(&only.as_str()) {
            return Duration::ZERO;
        }
    }
    let mut times: Vec<Duration> = (0..rounds.max(1))
        .map(|_| {
            let start = thread_cpu();
            work();
            thread_cpu().saturating_sub(start)
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn thread_cpu() -> Duration {
    // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms.
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<u64> = rest.split_whitespace().skip(11).take(2).filter_map(|f| f.parse().ok()).collect();
    Duration::from_millis(fields.iter().sum::<u64>() * 10)
}
