//! The three measured pipelines, each over the whole in-memory corpus on the
//! global rayon pool (all cores):
//! - parse only: tree-sitter-go with one reused parser per thread (the floor),
//!   given the text the check gives it (`syntax::parse_once`: escape sequences
//!   blanked in texts dense with them), so both sides parse the same bytes;
//! - parse + model: `SourceFile::checked_once` (parse, flat copy, semantic model,
//!   summary, line index);
//! - full check: what `faultline check DIR` does after reading the files:
//!   per directory, build every file, give each its package context (the
//!   summaries of the same directory's files with the same package name that
//!   the build target builds with it, the nearest go.mod's Go version), run
//!   `check_file`; directories scheduled as the CLI schedules them.

use crate::corpus::{Corpus, GoFile};
use faultline_core::model::FileSummary;
use faultline_core::{check_file, syntax, BuildTarget, PackageContext, PackageFacts, Settings, SourceFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Parses every file and drops its tree; returns the total node count (read
/// from the root in O(1)) so the work has an observable result.
pub fn parse_only(corpus: &Corpus) -> usize {
    corpus
        .files
        .par_iter()
        .map(|file| syntax::parse_once(&file.text).map_or(0, |tree| tree.root_node().descendant_count()))
        .sum()
}

/// Builds every file's model (as the CLI does) and drops it; returns the
/// number of files built.
pub fn parse_and_model(corpus: &Corpus) -> usize {
    corpus.files.par_iter().filter(|file| SourceFile::checked_once(&file.path, file.text.clone(), None).is_ok()).count()
}

/// Findings per rule code.
pub type Counts = BTreeMap<&'static str, usize>;

pub fn full_check(corpus: &Corpus, settings: &Settings) -> Counts {
    let mut by_dir: BTreeMap<&str, Vec<&GoFile>> = BTreeMap::new();
    for file in &corpus.files {
        by_dir.entry(faultline_core::workspace::parent_dir(&file.path)).or_default().push(file);
    }
    let target = &BuildTarget::from_env();
    // `min_len` 1 spreads a directory's files over the pool, `usize::MAX`
    // keeps them on the calling thread.
    let check = |min_len: usize| {
        move |(dir, files): (&&str, &Vec<&GoFile>)| {
            let module_go_version = corpus.module_versions.get(*dir).copied().flatten();
            check_directory(files, module_go_version, settings, target, min_len)
        }
    };
    // Scheduled as the CLI schedules directories (`Analyzer::run_per_dir`):
    // the large ones one at a time with their files spread over the pool,
    // the small ones beside them, each on one thread.
    let (large, small): (Vec<_>, Vec<_>) =
        by_dir.iter().partition(|(_, files)| files.iter().map(|f| f.text.len() as u64).sum::<u64>() > LARGE_DIR_BYTES);
    let (large, small) = rayon::join(
        || large.into_iter().map(check(1)).fold(Counts::new(), merge),
        || small.into_par_iter().map(check(usize::MAX)).reduce(Counts::new, merge),
    );
    merge(large, small)
}

/// The CLI's `analyze::LARGE_DIR_BYTES` (it lives in the binary crate).
const LARGE_DIR_BYTES: u64 = 1024 * 1024;

fn check_directory(
    files: &[&GoFile],
    module_go_version: Option<faultline_core::GoVersion>,
    settings: &Settings,
    target: &BuildTarget,
    min_len: usize,
) -> Counts {
    // As the CLI (without custom rules): tree-sitter's tree is freed while
    // the flat copy the model and rules read is made.
    let sources: Vec<SourceFile> = files
        .par_iter()
        .with_min_len(min_len)
        .filter_map(|file| SourceFile::checked_once(&file.path, file.text.clone(), None).ok())
        .collect();
    let name = |path: &str| path.rsplit_once('/').map_or(path, |(_, name)| name).to_string();
    let in_target: Vec<bool> = sources.iter().map(|s| target.includes(&name(&s.path), &s.text)).collect();
    // As the CLI: facts over every file of a package, shared by their checks.
    let mut by_package: HashMap<Option<&str>, Vec<Arc<FileSummary>>> = HashMap::new();
    for s in &sources {
        by_package.entry(s.model.package.as_deref()).or_default().push(Arc::clone(&s.summary));
    }
    let facts: HashMap<Option<&str>, Arc<PackageFacts>> =
        by_package.into_iter().map(|(name, files)| (name, Arc::new(PackageFacts::new(files)))).collect();
    (0..sources.len())
        .into_par_iter()
        .with_min_len(min_len)
        .map(|i| {
            let file = &sources[i];
            let siblings = sources
                .iter()
                .enumerate()
                .filter(|(j, other)| *j != i && other.model.package == file.model.package)
                // As the CLI: a file the target builds sees the siblings built with it.
                .filter(|(j, _)| in_target[*j] || !in_target[i])
                .map(|(_, other)| other.summary.clone())
                .collect();
            let shared = facts.get(&file.model.package.as_deref()).cloned();
            let package = PackageContext { siblings, module_go_version, shared };
            let mut counts = Counts::new();
            for diagnostic in check_file(file, &package, settings) {
                *counts.entry(diagnostic.code).or_default() += 1;
            }
            counts
        })
        .reduce(Counts::new, merge)
}

fn merge(mut a: Counts, b: Counts) -> Counts {
    for (code, n) in b {
        *a.entry(code).or_default() += n;
    }
    a
}
