//! Everything the server knows, behind one lock: the core `Workspace` (open
//! buffers plus sibling files read from disk), open-document versions, the
//! `faultline.toml` files seen so far, editor settings, and a cache of the last
//! diagnostics so hover and code actions cost nothing.

use crate::disk;
use crate::position::{self, Encoding};
use crate::settings::ClientSettings;
use faultline_core::config::CONFIG_FILE_NAME;
use faultline_core::syntax::with_parse_budget;
use faultline_core::workspace::parent_dir;
use faultline_core::{
    check_file_incremental, CheckCache, Config, ConfigError, Diagnostic, Settings, TextRange, Workspace,
};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The editor's per-file parse time budget. Real Go parses at several MB/s, so
/// a file under `maxFileBytes` (2 MiB) takes well under a second; binary junk
/// makes tree-sitter's error recovery superlinear (1 MB takes ~36 s), and a
/// parse that runs out of budget leaves the document unanalysed with a log
/// message saying "analysis cut short" (issue #13).
pub const PARSE_BUDGET: Duration = Duration::from_secs(3);

fn parse_deadline() -> impl FnMut() -> bool + 'static {
    let deadline = Instant::now() + PARSE_BUDGET;
    move || Instant::now() >= deadline
}
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

pub struct OpenDoc {
    pub uri: Uri,
    pub version: i32,
    /// Bumped whenever a check is scheduled; a debounced check that finds a
    /// newer generation gives way to it.
    pub generation: u64,
}

/// One `faultline.toml`: the last version that parsed, and the current error if any.
#[derive(Default)]
pub struct ConfigFile {
    pub good: Option<Config>,
    /// `good`'s `exclude` globs, relative to the file's directory (as the CLI reads them).
    pub exclude: Option<GlobSet>,
    pub error: Option<ConfigError>,
}

fn compile_excludes(config: &Config) -> Option<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for pattern in &config.exclude {
        builder.add(Glob::new(pattern).ok()?); // Config::parse already rejected bad globs
    }
    builder.build().ok()
}

/// Something the async side must tell the client after a session change.
pub enum Notice {
    /// A `faultline.toml` was (re)read: publish its diagnostics (empty when fine).
    Config {
        path: String,
        error: Option<ConfigError>,
    },
    Log(String),
    /// A rule file (or faultline.toml's `[[rule]]` tables) was (re)read: its diagnostics.
    RuleFile {
        path: String,
        diagnostics: Vec<tower_lsp_server::ls_types::Diagnostic>,
    },
}

#[derive(Default)]
pub struct Session {
    pub ws: Workspace,
    pub open: HashMap<String, OpenDoc>,
    pub client: ClientSettings,
    pub encoding: Encoding,
    /// Open documents over `maxFileBytes`: kept as text only, not analysed.
    pub too_large: HashMap<String, String>,
    /// Directories whose `.go` files have been read from disk.
    loaded_dirs: HashSet<String>,
    /// Directories already probed for go.mod / go.work / faultline.toml.
    probed_dirs: HashSet<String>,
    /// Directory -> its faultline.toml.
    configs: BTreeMap<String, ConfigFile>,
    /// Custom rules by rules root (faultline.toml `[[rule]]` and .faultline/rules/*.toml).
    rule_files: crate::custom_rules::RuleFiles,
    /// Bumped on every change that can change any file's diagnostics.
    revision: u64,
    cache: HashMap<String, (u64, Arc<Vec<Diagnostic>>)>,
    /// Per file: the findings of each top-level declaration from its last
    /// check, reused while the declaration and its context are unchanged
    /// (a keystroke re-checks one function; see `faultline_core::incremental`).
    check_caches: HashMap<String, CheckCache>,
    notices: Vec<Notice>,
}

/// `FAULTLINE_LSP_FULL_CHECK=1` checks the whole file on every change instead
/// of reusing unchanged declarations' findings: for benchmarks
/// (`bench/lsp/latency.py --full-check`) and for ruling the cache out in a bug report.
fn full_checks_only() -> bool {
    static FULL: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FULL.get_or_init(|| std::env::var_os("FAULTLINE_LSP_FULL_CHECK").is_some_and(|v| v == "1"))
}

/// The key a document is stored under: its file path for `file:` URIs (so
/// sibling files from disk line up), the URI itself otherwise (`untitled:`).
pub fn doc_key(uri: &Uri) -> String {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    match uri.to_file_path().filter(|_| is_file) {
        Some(path) => path.to_string_lossy().replace('\\', "/"),
        None => uri.as_str().to_string(),
    }
}

pub fn file_uri(path: &str) -> Option<Uri> {
    Uri::from_file_path(path)
}

fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map(|(_, n)| n).unwrap_or(path)
}

pub fn is_go_document(path: &str, language_id: &str) -> bool {
    language_id == "go" || path.ends_with(".go")
}

impl Session {
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn bump(&mut self) {
        self.revision = self.revision.wrapping_add(1);
    }

    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    fn is_on_disk_path(path: &str) -> bool {
        path.starts_with('/')
    }

    /// Reads what `path`'s analysis depends on from disk, once per directory:
    /// the package's other `.go` files and the ancestors' go.mod, go.work and
    /// faultline.toml. Open buffers are never overwritten.
    pub fn ensure_context(&mut self, path: &str) {
        if !Self::is_on_disk_path(path) {
            return;
        }
        let dir = parent_dir(path).to_string();
        if self.loaded_dirs.insert(dir.clone()) {
            for sibling in disk::go_files_in(&dir) {
                if sibling == path || self.open.contains_key(&sibling) || self.ws.file(&sibling).is_some() {
                    continue;
                }
                if let Some(text) = disk::read_text(&sibling, disk::MAX_SIBLING_BYTES) {
                    let ws = &mut self.ws;
                    if let Err(e) = with_parse_budget(parse_deadline(), || ws.set_file(&sibling, text)) {
                        self.notices.push(Notice::Log(e.to_string()));
                    }
                }
            }
            self.bump();
        }
        let mut probe = dir;
        loop {
            if !self.probed_dirs.insert(probe.clone()) {
                break; // this directory and its ancestors are known
            }
            for name in ["go.mod", "go.work"] {
                let file = format!("{probe}/{name}");
                if let Some(text) = disk::read_text(&file, disk::MAX_SIBLING_BYTES) {
                    let _ = self.ws.set_file(&file, text);
                    self.bump();
                }
            }
            self.reload_config(&probe);
            self.reload_rules(&probe);
            if probe.is_empty() {
                break;
            }
            probe = parent_dir(&probe).to_string();
        }
    }

    /// Re-reads `dir/faultline.toml`. A file that no longer parses keeps its last
    /// good version in force; a deleted one stops applying.
    pub fn reload_config(&mut self, dir: &str) {
        let path = format!("{dir}/{CONFIG_FILE_NAME}");
        let Some(text) = disk::read_text(&path, disk::MAX_SIBLING_BYTES) else {
            if self.configs.remove(dir).is_some() {
                self.notices.push(Notice::Config { path, error: None });
                self.bump();
            }
            return;
        };
        let entry = self.configs.entry(dir.to_string()).or_default();
        match Config::parse(&text, &path) {
            Ok(config) => {
                entry.exclude = compile_excludes(&config);
                entry.good = Some(config);
                entry.error = None;
                self.notices.push(Notice::Config { path, error: None });
            }
            Err(error) => {
                entry.error = Some(error.clone());
                self.notices.push(Notice::Config { path, error: Some(error) });
            }
        }
        self.bump();
    }

    /// Re-reads the custom rules of `dir` (a rules root or not) and publishes
    /// each rule file's errors; the config error of faultline.toml is kept in.
    pub fn reload_rules(&mut self, dir: &str) {
        let Some(report) = self.rule_files.reload(dir) else { return };
        for (path, text, mut errors) in report {
            if file_name(&path) == CONFIG_FILE_NAME {
                // The config's own notice already published (or cleared) its
                // diagnostics: add to it only when `[[rule]]` tables are bad.
                if errors.is_empty() {
                    continue;
                }
                let config_error = self.configs.get(dir).and_then(|c| c.error.as_ref()).filter(|e| e.file == path);
                if let Some(error) = config_error {
                    errors.retain(|e| !e.message.starts_with("invalid TOML"));
                    errors.insert(0, crate::custom_rules::config_error_as_rule_error(&text, error));
                }
            }
            let diagnostics =
                errors.iter().map(|e| crate::custom_rules::rule_error_diagnostic(&text, e, self.encoding)).collect();
            self.notices.push(Notice::RuleFile { path, diagnostics });
        }
        self.bump();
    }

    /// A file changed on disk (from the client's file watcher).
    pub fn disk_file_changed(&mut self, path: &str, deleted: bool) {
        let dir = parent_dir(path);
        if let Some(root) = crate::custom_rules::rules_root_of(path) {
            self.reload_rules(root);
            return;
        }
        match file_name(path) {
            CONFIG_FILE_NAME => {
                self.reload_config(dir);
                self.reload_rules(dir);
            }
            "go.mod" | "go.work" => {
                match disk::read_text(path, disk::MAX_SIBLING_BYTES).filter(|_| !deleted) {
                    Some(text) => {
                        let _ = self.ws.set_file(path, text);
                    }
                    None => self.ws.remove_file(path),
                }
                self.bump();
            }
            name if name.ends_with(".go") => {
                if self.open.contains_key(path) || !self.loaded_dirs.contains(dir) {
                    return; // the buffer wins; unloaded packages are read when needed
                }
                match disk::read_text(path, disk::MAX_SIBLING_BYTES).filter(|_| !deleted) {
                    Some(text) => {
                        let ws = &mut self.ws;
                        if with_parse_budget(parse_deadline(), || ws.set_file(path, text)).is_err() {
                            self.ws.remove_file(path);
                        }
                    }
                    None => self.ws.remove_file(path),
                }
                self.bump();
            }
            _ => {}
        }
    }

    /// After a buffer closes, its file reverts to the disk version (when its
    /// package is loaded) so siblings keep seeing it.
    pub fn close(&mut self, path: &str) {
        self.open.remove(path);
        self.too_large.remove(path);
        let reload =
            self.loaded_dirs.contains(parent_dir(path)).then(|| disk::read_text(path, disk::MAX_SIBLING_BYTES));
        match reload.flatten() {
            Some(text) => {
                let _ = self.ws.set_file(path, text);
            }
            None => self.ws.remove_file(path),
        }
        self.cache.remove(path);
        self.check_caches.remove(path);
        self.bump();
    }

    /// The settings for `path`: the nearest `faultline.toml` (its last good
    /// version), then the editor's settings on top.
    pub fn settings_for(&self, path: &str) -> Settings {
        let config = self.nearest_config(path).and_then(|(_, c)| c.good.as_ref());
        let mut settings = config.map(Config::to_settings).unwrap_or_default();
        settings.custom_rules = self.rule_files.for_path(path);
        settings.rules.extend(&self.client.rules);
        if self.client.go_version.is_some() {
            settings.go_version = self.client.go_version;
        }
        settings
    }

    /// The nearest ancestor directory's config file that has parsed at least once.
    fn nearest_config<'a>(&'a self, path: &'a str) -> Option<(&'a str, &'a ConfigFile)> {
        let mut dir = parent_dir(path);
        loop {
            if let Some(entry) = self.configs.get(dir).filter(|e| e.good.is_some()) {
                return Some((dir, entry));
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent_dir(dir);
        }
    }

    /// Matched by an `exclude` glob of the nearest `faultline.toml`.
    pub fn is_excluded(&self, path: &str) -> bool {
        let Some((dir, entry)) = self.nearest_config(path) else { return false };
        let Some(globs) = &entry.exclude else { return false };
        let relative = path.strip_prefix(dir).map(|r| r.trim_start_matches('/'));
        relative.is_some_and(|r| globs.is_match(r))
    }

    /// Core diagnostics for `path`, cached until anything changes.
    pub fn diagnostics(&mut self, path: &str) -> Option<Arc<Vec<Diagnostic>>> {
        if let Some((rev, diags)) = self.cache.get(path) {
            if *rev == self.revision {
                return Some(diags.clone());
            }
        }
        let file = self.ws.file(path)?;
        let diags = match self.is_excluded(path) {
            true => Arc::new(Vec::new()),
            false => {
                let (package, settings) = (self.ws.package_context(path), self.settings_for(path));
                // A bug in one rule must not take the server down: this file
                // gets no findings and the log says why (issue #13).
                let check_cache = self.check_caches.entry(path.to_string()).or_default();
                let check = || match full_checks_only() {
                    true => faultline_core::check_file(file, &package, &settings),
                    false => check_file_incremental(file, &package, &settings, check_cache),
                };
                match catch_unwind(AssertUnwindSafe(check)) {
                    Ok(diags) => Arc::new(diags),
                    Err(_) => {
                        // The cache may hold half of a check: start over next time.
                        self.check_caches.remove(path);
                        self.notices.push(Notice::Log(format!(
                            "{path}: internal error: faultline crashed while checking this file (please report it)"
                        )));
                        Arc::new(Vec::new())
                    }
                }
            }
        };
        self.cache.insert(path.to_string(), (self.revision, diags.clone()));
        Some(diags)
    }

    /// Opens (or reopens) a buffer: analysed when within `maxFileBytes`.
    pub fn open_text(&mut self, path: &str, text: String) {
        self.too_large.remove(path);
        if text.len() > self.client.max_file_bytes {
            self.ws.remove_file(path);
            self.notices.push(Notice::Log(format!(
                "{path} is {} bytes, over maxFileBytes ({}): not analysed",
                text.len(),
                self.client.max_file_bytes
            )));
            self.too_large.insert(path.to_string(), text);
        } else {
            self.set_file_guarded(path, text);
        }
        self.bump();
    }

    /// `Workspace::set_file` under the editor's parse time budget. A parse cut
    /// short, a parse error or a panic while parsing or modelling keeps the text
    /// (as a document that is not analysed until its next change) instead of
    /// losing it, and is logged.
    fn set_file_guarded(&mut self, path: &str, text: String) {
        let ws = &mut self.ws;
        let kept = text.clone();
        let outcome =
            catch_unwind(AssertUnwindSafe(|| with_parse_budget(parse_deadline(), || ws.set_file(path, text))));
        let message = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e.to_string(),
            Err(_) => format!("{path}: internal error: faultline crashed while parsing this file (please report it)"),
        };
        self.ws.remove_file(path);
        self.notices.push(Notice::Log(format!("{message}; not analysed until its next change")));
        self.too_large.insert(path.to_string(), kept);
    }

    /// A change to a document over the size limit: a plain text edit. It is
    /// analysed again once it shrinks below the limit.
    fn apply_change_to_large(&mut self, path: &str, range: Option<tower_lsp_server::ls_types::Range>, new: &str) {
        let Some(mut text) = self.too_large.remove(path) else { return };
        match range {
            Some(r) => {
                let lines = faultline_core::syntax::LineIndex::new(&text);
                let start = position::offset_in(&text, &lines, r.start, self.encoding);
                let end = position::offset_in(&text, &lines, r.end, self.encoding);
                text.replace_range(start.min(end)..end.max(start), new);
            }
            None => text = new.to_string(),
        }
        self.open_text(path, text);
    }

    /// Applies one content change of `didChange` (`range: None` means the whole text).
    pub fn apply_change(&mut self, path: &str, range: Option<tower_lsp_server::ls_types::Range>, text: &str) {
        if self.too_large.contains_key(path) {
            return self.apply_change_to_large(path, range, text);
        }
        let Some(file) = self.ws.file(path) else { return };
        let (edit_range, new_text): (TextRange, &str) = match range {
            Some(r) => (position::text_range(file, r, self.encoding), text),
            None => position::minimal_edit(&file.text, text),
        };
        // The edited text, kept aside so a panic inside the incremental
        // reparse cannot lose the keystroke (see `set_file_guarded`).
        let mut edited = file.text.clone();
        let start = position::floor_char_boundary(&edited, edit_range.start);
        let end = position::floor_char_boundary(&edited, edit_range.end).max(start);
        edited.replace_range(start..end, new_text);
        let ws = &mut self.ws;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            with_parse_budget(parse_deadline(), || ws.edit_file(path, edit_range, new_text))
        }));
        if !matches!(outcome, Ok(Ok(_))) {
            self.set_file_guarded(path, edited);
        }
        self.bump();
        if self.ws.file(path).is_some_and(|f| f.text.len() > self.client.max_file_bytes) {
            if let Some(text) = self.ws.file(path).map(|f| f.text.clone()) {
                self.open_text(path, text);
            }
        }
    }

    /// Open documents in the same directory as `path` (their package context may have changed).
    pub fn open_siblings(&self, path: &str) -> Vec<String> {
        let dir = parent_dir(path);
        self.open.keys().filter(|p| p.as_str() != path && parent_dir(p) == dir).cloned().collect()
    }
}
