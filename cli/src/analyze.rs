//! Checking one directory: read and parse its Go files, give each file the
//! summaries of its siblings of the same package, run the rules, and keep only
//! what output needs (trees and models are dropped when the directory is done).
//! Directories and the files within them run in parallel on rayon's pool.

use crate::cache::{Hit, KeyedFile, ResultCache, Slot};
use crate::discover::is_go_file_name;
use crate::output::positions::ReportSource;
use crate::paths::PathStyle;
use crate::problems::Problems;
use crate::settings::DirSettings;
use crate::source::read_go_file;
use faultline_core::model::FileSummary;
use faultline_core::syntax::{parse_was_cut_short, with_parse_budget};
use faultline_core::{check_file, BuildTarget, Diagnostic, PackageContext, PackageFacts, SourceFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A file to check.
pub enum Input {
    /// Read from disk (`path` opens it, `abs` identifies it; `size` when discovery read it).
    Disk { path: PathBuf, abs: PathBuf, size: Option<u64> },
    /// Already read (stdin).
    Text(String),
}

pub struct CheckInput {
    /// The path output formats print.
    pub shown: String,
    pub input: Input,
}

/// The files of one directory to check, and how.
pub struct DirJob {
    /// Absolute, normalised; `None` when there is no directory (stdin without a name).
    pub dir: Option<PathBuf>,
    pub files: Vec<CheckInput>,
    pub settings: DirSettings,
    /// A file name in `dir` whose disk content is replaced by an input (stdin).
    pub replaced_name: Option<OsString>,
}

/// New texts of files, by absolute path.
pub type Overlay = std::collections::HashMap<PathBuf, String>;

/// What output needs of one checked file.
#[derive(Clone)]
pub struct FileReport {
    pub shown: String,
    /// The file on disk, absolute (to write fixes to); `None` for stdin.
    pub disk: Option<PathBuf>,
    /// Kept only when there are diagnostics (for snippets and positions).
    pub source: ReportSource,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Default)]
pub struct DirOutcome {
    pub checked: usize,
    pub reports: Vec<FileReport>,
}

pub struct Analyzer<'a> {
    pub style: &'a PathStyle,
    pub problems: &'a Problems,
    pub max_file_size: u64,
    pub keep_trees_budget: usize,
    /// How long one file's parse may take (`--parse-timeout`); `None`: no limit.
    pub parse_timeout: Option<Duration>,
    /// Ticked once per checked file.
    pub progress: Option<&'a crate::progress::Progress>,
    /// Texts to use instead of the files at these absolute paths (fixes not yet written).
    pub overlay: Option<&'a Overlay>,
    /// Whether reports keep their file's text (snippets, fixes) or only the
    /// positions their diagnostics name.
    pub keep_text: bool,
    /// Results of earlier runs (`None`: `--no-cache`).
    pub cache: Option<&'a ResultCache>,
}

/// Bytes of Go source per directory whose trees and models are kept from the
/// summary pass to the check pass; files beyond it are parsed again. A kept
/// file holds its flat tree and model (about 15 bytes per byte of source),
/// not tree-sitter's tree (28 to 35 more: released once the flat tree is
/// written, unless custom queries need it). On the Go standard library
/// (largest directory 6.7 MiB): peak RSS 148 to 152 MB at 4 MiB, 170 to 172
/// MB at 6 MiB, 176 MB with every tree kept (issue #12: under 200 MB); wall
/// time 4.0 s, 3.6 to 3.8 s and 3.5 s on 2 cores.
pub const KEEP_TREES_BUDGET: usize = 6 * 1024 * 1024;

/// Directories with more Go source than this are checked one at a time, their
/// files in parallel; smaller ones run in parallel, each on one thread, beside
/// them. So at most one large directory plus one small one per thread hold
/// their trees at once: peak memory follows the largest directory and the
/// thread count, not the corpus (rayon would otherwise start other large
/// directories while one waits).
pub const LARGE_DIR_BYTES: u64 = 1024 * 1024;

/// A file after the first pass: its summary, and its tree when kept.
struct Parsed {
    summary: Arc<FileSummary>,
    tree: Tree,
    checked: bool,
    in_target: bool,
    disk: Option<PathBuf>,
}

enum Tree {
    Kept(Box<SourceFile>),
    /// Over the budget: the path shown and the text, to parse again.
    Dropped(String, String),
    /// Read for its summary only.
    Unchecked,
}

struct Loaded {
    shown: String,
    disk: Option<PathBuf>,
    text: String,
    checked: bool,
    /// Whether the go command builds it for the target (its name's
    /// `_GOOS`/`_GOARCH` and its `//go:build` line).
    in_target: bool,
}

impl Loaded {
    fn new(shown: String, disk: Option<PathBuf>, text: String, checked: bool, target: &BuildTarget) -> Self {
        let name = Path::new(&shown).file_name().map(|n| n.to_string_lossy());
        let in_target = target.includes(name.as_deref().unwrap_or(&shown), &text);
        Self { shown, disk, text, checked, in_target }
    }
}

/// Bytes of Go source an input holds (0 when unknown: counted as small).
fn input_size(input: &CheckInput) -> u64 {
    match &input.input {
        Input::Disk { size: Some(size), .. } => *size,
        Input::Disk { path, size: None, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
        Input::Text(text) => text.len() as u64,
    }
}

/// The summaries of the other files of `files[i]`'s package, each with
/// whether the target builds it. A file the target builds sees the siblings
/// built with it; any other (`x_windows.go` checked on linux) sees them all,
/// as the target says nothing of its build.
fn siblings(files: &[(Arc<FileSummary>, bool)], i: usize) -> Vec<Arc<FileSummary>> {
    let Some((summary, in_target)) = files.get(i) else { return Vec::new() };
    files
        .iter()
        .enumerate()
        .filter(|(j, (s, s_in_target))| *j != i && s.package == summary.package && (*s_in_target || !in_target))
        .map(|(_, (s, _))| Arc::clone(s))
        .collect()
}

/// For each of `files`, the facts shared by the checks of its package: every
/// file of the directory with its package name, whatever the target builds
/// (a superset of any file's siblings, as `PackageFacts` asks).
fn package_facts(files: &[(Arc<FileSummary>, bool)]) -> Vec<Option<Arc<PackageFacts>>> {
    let mut by_package: HashMap<Option<&str>, Vec<Arc<FileSummary>>> = HashMap::new();
    for (summary, _) in files {
        by_package.entry(summary.package.as_deref()).or_default().push(Arc::clone(summary));
    }
    let shared: HashMap<Option<&str>, Arc<PackageFacts>> =
        by_package.into_iter().map(|(name, files)| (name, Arc::new(PackageFacts::new(files)))).collect();
    files.iter().map(|(summary, _)| shared.get(&summary.package.as_deref()).cloned()).collect()
}

/// Drops the context files no checked file sees (see [`siblings`]): those the
/// target does not build, unless a checked file is outside it too. They are
/// neither parsed nor part of the cache key. On the files of `go list std`
/// given by name, this leaves out the 9.3 MB of other systems' and
/// architectures' files (29% of what the directories hold).
fn drop_unseen_context(loaded: &mut Vec<Loaded>) {
    if loaded.iter().all(|l| !l.checked || l.in_target) {
        loaded.retain(|l| l.checked || l.in_target);
    }
}

/// The cache slot of a directory's check, keyed by everything it read.
fn slot(cache: &ResultCache, dir: &std::path::Path, settings: &DirSettings, loaded: &[Loaded]) -> Slot {
    let mut files: Vec<KeyedFile<'_>> = loaded
        .iter()
        .map(|l| KeyedFile { shown: &l.shown, disk: l.disk.as_deref(), checked: l.checked, text: &l.text })
        .collect();
    cache.slot(dir, settings.cache_key, &mut files)
}

/// A directory entry that is a file, or a symbolic link to one. The entry's
/// type comes with the directory listing; only a link costs a lookup.
fn is_file(entry: &std::fs::DirEntry) -> bool {
    match entry.file_type() {
        Ok(t) if t.is_symlink() => entry.path().is_file(),
        Ok(t) => t.is_file(),
        Err(_) => false,
    }
}

/// One outcome of many, reports sorted by path.
pub fn merge(outcomes: impl IntoIterator<Item = DirOutcome>) -> DirOutcome {
    let mut checked = 0;
    let mut reports = Vec::new();
    for outcome in outcomes {
        checked += outcome.checked;
        reports.extend(outcome.reports);
    }
    reports.sort_by(|a, b| a.shown.cmp(&b.shown));
    DirOutcome { checked, reports }
}

impl Analyzer<'_> {
    /// Each job's outcome with its directory (watch mode keeps them per directory).
    ///
    /// The small directories run beside the large ones, not after them: a
    /// thread idle at a large directory's step from parsing to checking (one
    /// big file still parsing) takes a small directory meanwhile. On the Go
    /// standard library, 2 cores: 3.85 -> 3.51 s, peak RSS 139 -> 150 MB.
    ///
    /// Freed memory is kept for reuse while only small directories run, and
    /// handed back while large ones do (`faultline_alloc`): the peaks of a
    /// run are large directories' first passes.
    pub fn run_per_dir(&self, jobs: Vec<DirJob>) -> Vec<(Option<PathBuf>, DirOutcome)> {
        let (large, small): (Vec<DirJob>, Vec<DirJob>) = jobs.into_iter().partition(|job| {
            let bytes: u64 = job.files.iter().map(input_size).sum();
            bytes > LARGE_DIR_BYTES
        });
        let large_lane = || {
            let outcomes = large
                .into_iter()
                .map(|job| {
                    faultline_alloc::hand_back_freed_memory();
                    (job.dir.clone(), self.check_dir(job, 1))
                })
                .collect();
            faultline_alloc::keep_freed_memory();
            outcomes
        };
        let (mut out, small): (Vec<_>, Vec<_>) = rayon::join(large_lane, || {
            small.into_par_iter().map(|job| (job.dir.clone(), self.check_dir(job, usize::MAX))).collect()
        });
        // Watch mode waits here for the next change: not on kept memory.
        faultline_alloc::hand_back_freed_memory();
        out.extend(small);
        out
    }

    /// `min_len`: 1 spreads the directory's files over the pool; `usize::MAX`
    /// keeps them on the calling thread.
    fn check_dir(&self, job: DirJob, min_len: usize) -> DirOutcome {
        let on_disk: HashSet<PathBuf> = job
            .files
            .iter()
            .filter_map(|f| match &f.input {
                Input::Disk { abs, .. } => Some(abs.clone()),
                Input::Text(_) => None,
            })
            .collect();
        // Stdin and fixes not yet written are transient: not worth a slot.
        let cacheable = self.overlay.is_none() && job.files.iter().all(|f| matches!(f.input, Input::Disk { .. }));
        let context_paths = match &job.dir {
            Some(dir) => self.context_files(dir, &on_disk, job.replaced_name.as_ref()),
            None => Vec::new(),
        };
        let checked = job.files.into_par_iter().with_min_len(min_len).filter_map(|input| {
            let (text, disk) = match input.input {
                Input::Disk { path, abs, .. } => {
                    let text = match self.overlay.and_then(|o| o.get(&abs)) {
                        Some(text) => Some(text.clone()),
                        None => read_go_file(&path, &input.shown, self.max_file_size, self.problems, false),
                    };
                    if text.is_none() {
                        self.tick();
                    }
                    (text?, Some(abs))
                }
                Input::Text(text) => (text, None),
            };
            Some(Loaded::new(input.shown, disk, text, true, &job.settings.target))
        });
        let mut loaded: Vec<Loaded> = checked.collect();
        // When the target builds every checked file, the siblings it does
        // not build are not seen (`drop_unseen_context`): those whose name
        // alone rules them out (`x_windows.go` on linux) are not even read.
        // The files of `go list std` named one by one leave 700 such
        // siblings, 5.7 MB.
        let all_in_target = loaded.iter().all(|l| l.in_target);
        let seen_name = |path: &PathBuf| {
            !all_in_target || path.file_name().is_none_or(|n| job.settings.target.includes_name(&n.to_string_lossy()))
        };
        let context = context_paths.into_par_iter().with_min_len(min_len).filter(seen_name).filter_map(|path| {
            let shown = self.style.display(&path);
            let text = match self.overlay.and_then(|o| o.get(&path)) {
                Some(text) => text.clone(),
                None => read_go_file(&path, &shown, self.max_file_size, self.problems, true)?,
            };
            Some(Loaded::new(shown, None, text, false, &job.settings.target))
        });
        loaded.par_extend(context);
        drop_unseen_context(&mut loaded);
        let cached = match (self.cache, &job.dir) {
            (Some(cache), Some(dir)) if cacheable => Some((cache, slot(cache, dir, &job.settings, &loaded))),
            _ => None,
        };
        if let Some((cache, slot)) = &cached {
            let hit = cache.lookup(slot, &job.settings.settings);
            if let Some(outcome) = hit.and_then(|hit| self.outcome_of_hit(hit, &loaded)) {
                return outcome;
            }
        }
        let (reports, complete) = self.check_loaded(loaded, &job.settings, min_len);
        let checked = reports.len();
        let reports: Vec<FileReport> = reports.into_iter().filter(|r| !r.diagnostics.is_empty()).collect();
        if let Some((cache, slot)) = cached.filter(|_| complete) {
            cache.store(&slot, checked, &reports);
        }
        DirOutcome { checked, reports }
    }

    /// The outcome a cache hit stands for; `None` when it names a file this
    /// run did not read (then the directory is checked).
    fn outcome_of_hit(&self, hit: Hit, loaded: &[Loaded]) -> Option<DirOutcome> {
        let by_shown: HashMap<&str, &Loaded> =
            loaded.iter().filter(|l| l.checked).map(|l| (l.shown.as_str(), l)).collect();
        let mut reports = Vec::with_capacity(hit.files.len());
        for (shown, diagnostics) in hit.files {
            let file = by_shown.get(shown.as_str())?;
            let source = ReportSource::new(&file.text, &diagnostics, self.keep_text);
            reports.push(FileReport { shown, disk: file.disk.clone(), source, diagnostics });
        }
        for _ in 0..by_shown.len() {
            self.tick();
        }
        Some(DirOutcome { checked: hit.checked, reports })
    }

    /// Parses and models every file for its summary (siblings need them all
    /// before any file is checked), keeping the trees and models of the first
    /// files up to `keep_trees_budget` bytes of source; then checks each file,
    /// parsing again those whose tree was not kept. A tree and model take tens
    /// of bytes per byte of source, so memory is bounded by the budget (and
    /// the files in flight), not by the size of the directory.
    /// With the reports, whether every file was parsed and every checked file
    /// checked (else the result depends on this run: a timeout, a crash).
    fn check_loaded(&self, loaded: Vec<Loaded>, settings: &DirSettings, min_len: usize) -> (Vec<FileReport>, bool) {
        let (loaded_count, checked_count) = (loaded.len(), loaded.iter().filter(|l| l.checked).count());
        let mut kept_bytes = 0;
        let keep: Vec<bool> = loaded
            .iter()
            .map(|l| {
                kept_bytes += if l.checked { l.text.len() } else { 0 };
                kept_bytes <= self.keep_trees_budget
            })
            .collect();
        // tree-sitter's own tree is needed only by custom queries; the model
        // and rules read the flat copy, several times smaller.
        let keep_parse_tree = !settings.settings.custom_rules.is_empty();
        let parsed: Vec<Parsed> = loaded
            .into_par_iter()
            .with_min_len(min_len)
            .zip(keep)
            .filter_map(|(l, keep)| {
                // Files read only for their summary (not checked) never keep their tree.
                let again = (!keep && l.checked).then(|| l.text.clone());
                let file = self.parse(&l.shown, l.text, !l.checked, None, keep_parse_tree)?;
                let summary = Arc::clone(&file.summary);
                let tree = match again {
                    None if l.checked => Tree::Kept(Box::new(file)),
                    None => Tree::Unchecked,
                    Some(text) => Tree::Dropped(l.shown, text),
                };
                Some(Parsed { summary, tree, checked: l.checked, in_target: l.in_target, disk: l.disk })
            })
            .collect();
        let summaries: Vec<(Arc<FileSummary>, bool)> =
            parsed.iter().map(|p| (Arc::clone(&p.summary), p.in_target)).collect();
        let facts = package_facts(&summaries);
        let all_parsed = parsed.len() == loaded_count;
        let reports: Vec<FileReport> = parsed
            .into_par_iter()
            .with_min_len(min_len)
            .enumerate()
            .filter(|(_, p)| p.checked)
            .filter_map(|(i, p)| {
                let file = match p.tree {
                    Tree::Kept(file) => *file,
                    Tree::Dropped(shown, text) => self.parse(&shown, text, true, Some(p.summary), keep_parse_tree)?,
                    Tree::Unchecked => return None,
                };
                let package = PackageContext {
                    siblings: siblings(&summaries, i),
                    module_go_version: settings.module_go_version,
                    shared: facts.get(i).cloned().flatten(),
                };
                self.check_one(&file, p.disk, &package, settings)
            })
            .collect();
        let complete = all_parsed && reports.len() == checked_count;
        (reports, complete)
    }

    fn check_one(
        &self,
        file: &SourceFile,
        disk: Option<PathBuf>,
        package: &PackageContext,
        settings: &DirSettings,
    ) -> Option<FileReport> {
        self.tick();
        match catch_unwind(AssertUnwindSafe(|| check_file(file, package, &settings.settings))) {
            Ok(diagnostics) => Some(FileReport {
                shown: file.path.clone(),
                disk,
                source: match diagnostics.is_empty() {
                    true => ReportSource::Text(String::new()),
                    false => ReportSource::with_lines(&file.text, &file.lines, &diagnostics, self.keep_text),
                },
                diagnostics,
            }),
            Err(_) => {
                self.problems.error(format!(
                    "{}: internal error: faultline crashed while checking this file (please report it)",
                    file.path
                ));
                None
            }
        }
    }

    fn tick(&self) {
        if let Some(progress) = self.progress {
            progress.tick();
        }
    }

    /// `summary`: the file's summary when already computed (a second parse).
    /// `keep_parse_tree`: keep tree-sitter's tree (for custom queries).
    fn parse(
        &self,
        shown: &str,
        text: String,
        quiet: bool,
        summary: Option<Arc<FileSummary>>,
        keep_parse_tree: bool,
    ) -> Option<SourceFile> {
        let build = move || match (keep_parse_tree, summary) {
            (false, summary) => SourceFile::checked_once(shown, text, summary),
            (true, Some(summary)) => SourceFile::with_summary(shown, text, summary),
            (true, None) => SourceFile::new(shown, text),
        };
        let parse = || match self.parse_timeout {
            Some(timeout) => {
                let started = Instant::now();
                with_parse_budget(move || started.elapsed() > timeout, build)
            }
            None => build(),
        };
        match catch_unwind(AssertUnwindSafe(parse)) {
            Ok(Ok(file)) => Some(file),
            Ok(Err(_)) if parse_was_cut_short() => {
                if !quiet {
                    self.problems.error(format!(
                        "{shown}: not checked: parsing took longer than {:?} (binary data or a generated file? \
                         see --parse-timeout)",
                        self.parse_timeout.unwrap_or_default()
                    ));
                }
                None
            }
            Ok(Err(e)) => {
                if !quiet {
                    self.problems.error(format!("{shown}: {e}"));
                }
                None
            }
            Err(_) => {
                if !quiet {
                    self.problems.error(format!(
                        "{shown}: internal error: faultline crashed while parsing this file (please report it)"
                    ));
                }
                None
            }
        }
    }

    /// The directory's other Go files, read only so the checked files see
    /// their package: a file named alone is checked as it would be with its
    /// directory. Names the go command ignores (`.x.go`, `_x.go`) are left out.
    fn context_files(&self, dir: &PathBuf, checked: &HashSet<PathBuf>, replaced: Option<&OsString>) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut out: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name();
                let ignored_name = name.to_string_lossy().starts_with(['.', '_']);
                !ignored_name && Some(&name) != replaced && is_go_file_name(name.as_ref()) && is_file(e)
            })
            .map(|e| e.path())
            .filter(|p| !checked.contains(p))
            .collect();
        out.sort();
        out
    }
}
