//! The result cache: what `faultline check` found in a directory, kept so that
//! a directory whose files, settings and faultline build are unchanged is
//! answered without parsing (as ruff and staticcheck do; warm runs in CI and
//! pre-commit hooks check mostly unchanged trees).
//!
//! The unit is the directory, not the file: a file's findings depend on its
//! siblings' summaries. Each directory and settings pair has one slot, a JSON
//! file named by their digest, holding the key of the run that wrote it: a
//! digest of the build, the settings (rules selected, severities, custom rule
//! files, Go versions) and the path, role and text of every file the
//! directory read. A slot whose key differs is a miss and is overwritten, so
//! the cache holds one entry per directory and settings, not one per change.
//! Directories whose check was incomplete (a file that failed to parse or
//! ran out of time) are not stored: their result depends on the machine.
//!
//! It lives in the user's cache directory (`~/.cache/faultline` on Linux,
//! beside Go's own caches), or where `--cache-dir` (`FAULTLINE_CACHE_DIR`)
//! says; `--no-cache` (`FAULTLINE_NO_CACHE=1`) turns it off. Failing to read or write it is never an
//! error: the run checks the files instead. Slots unused for two weeks are
//! deleted (`trim.rs`); `faultline clean` deletes them all.

mod entry;
mod key;
mod trim;

pub use key::KeyHasher;

use crate::analyze::FileReport;
use entry::{EntryIn, EntryOut, FileOut};
use faultline_core::{Diagnostic, Settings};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The slots, below the cache's root (the format version is part of every key too).
const RESULTS_DIR: &str = "results-v1";

/// Marks the directory as a cache for backup tools (<https://bford.info/cachedir/>).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
    # This file is a cache directory tag created by faultline.\n\
    # For information about cache directory tags see https://bford.info/cachedir/\n";

pub struct ResultCache {
    root: PathBuf,
    build: u128,
}

/// One file a directory's check read, as its key sees it.
pub struct KeyedFile<'a> {
    pub shown: &'a str,
    pub disk: Option<&'a Path>,
    /// Checked, or read only for its summary.
    pub checked: bool,
    pub text: &'a str,
}

/// Where one directory's results live, and the key they must carry.
pub struct Slot {
    path: PathBuf,
    key: String,
}

/// What `clean` deleted.
#[derive(Debug, Default)]
pub struct Removed {
    pub slots: u64,
    pub bytes: u64,
}

/// A directory's results read back.
pub struct Hit {
    pub checked: usize,
    /// Files with diagnostics, by the path output shows.
    pub files: Vec<(String, Vec<Diagnostic>)>,
}

impl ResultCache {
    /// The cache at `explicit` (`--cache-dir`, `FAULTLINE_CACHE_DIR`), else in
    /// the user's cache directory; `None` when there is none.
    pub fn open(explicit: Option<&Path>) -> Option<Self> {
        let root = explicit
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| dirs::cache_dir().map(|d| d.join("faultline")))?;
        Some(Self { root, build: key::build_fingerprint() })
    }

    /// The slot of `dir` checked with the settings `settings_key` stands for,
    /// and the key of this run's `files`.
    pub fn slot(&self, dir: &Path, settings_key: u128, files: &mut [KeyedFile<'_>]) -> Slot {
        let name = KeyHasher::new().path(dir).u128(settings_key).finish();
        let mut key = KeyHasher::new();
        key.u128(self.build).path(dir).u128(settings_key).u64(files.len() as u64);
        // Read order is not part of the result.
        files.sort_by(|a, b| a.shown.cmp(b.shown));
        for file in files.iter() {
            key.str(file.shown).u64(u64::from(file.checked));
            match file.disk {
                Some(path) => key.u64(1).path(path),
                None => key.u64(0),
            };
            key.str(file.text);
        }
        Slot {
            path: self.root.join(RESULTS_DIR).join(format!("{name:032x}.json")),
            key: format!("{:032x}", key.finish()),
        }
    }

    /// The slot's results when it holds this run's key and every diagnostic
    /// names a rule `settings` knows.
    pub fn lookup(&self, slot: &Slot, settings: &Settings) -> Option<Hit> {
        let bytes = std::fs::read(&slot.path).ok()?;
        let entry: EntryIn = serde_json::from_slice(&bytes).ok()?;
        if entry.key != slot.key {
            return None;
        }
        let mut files = Vec::with_capacity(entry.files.len());
        for file in entry.files {
            let diagnostics: Option<Vec<Diagnostic>> =
                file.diagnostics.into_iter().map(|d| d.restore(settings)).collect();
            files.push((file.shown, diagnostics?));
        }
        trim::touch(&slot.path, SystemTime::now());
        Some(Hit { checked: entry.checked, files })
    }

    /// Deletes long-unused slots, at most once a day (see `trim.rs`).
    pub fn trim_if_due(&self) {
        trim::trim_if_due(&self.root, &self.root.join(RESULTS_DIR), SystemTime::now());
    }

    /// Where the cache lives.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Deletes every slot and the files that mark the directory as a cache,
    /// then the directory itself when nothing else is in it (`--cache-dir`
    /// may name a directory shared with other data). Returns how many slots
    /// and bytes were removed.
    pub fn clean(&self) -> std::io::Result<Removed> {
        let mut removed = Removed::default();
        let results = self.root.join(RESULTS_DIR);
        match std::fs::read_dir(&results) {
            Ok(entries) => {
                for entry in entries {
                    let entry = entry?;
                    let bytes = entry.metadata().map_or(0, |m| m.len());
                    std::fs::remove_file(entry.path())?;
                    if entry.file_name().to_string_lossy().ends_with(".json") {
                        removed.slots += 1;
                        removed.bytes += bytes;
                    }
                }
                std::fs::remove_dir(&results)?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        for marker in ["CACHEDIR.TAG", trim::TRIM_MARKER] {
            match std::fs::remove_file(self.root.join(marker)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        // Not empty, or not there: either way nothing of ours is left in it.
        let _ = std::fs::remove_dir(&self.root);
        Ok(removed)
    }

    /// Writes the slot (atomically: a reader sees the old entry or the new one).
    /// `reports`: the directory's files with diagnostics.
    pub fn store(&self, slot: &Slot, checked: usize, reports: &[FileReport]) {
        let entry = EntryOut {
            key: slot.key.clone(),
            checked,
            files: reports.iter().map(|r| FileOut { shown: &r.shown, diagnostics: &r.diagnostics }).collect(),
        };
        // Best effort: a cache that cannot be written only costs the next run time.
        let _ = self.write(&slot.path, &entry);
    }

    fn write(&self, path: &Path, entry: &EntryOut<'_>) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(&self.root);
        if !dir.is_dir() {
            std::fs::create_dir_all(dir)?;
            let tag = self.root.join("CACHEDIR.TAG");
            if !tag.exists() {
                std::fs::write(tag, CACHEDIR_TAG)?;
            }
        }
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        {
            let mut out = BufWriter::new(temp.as_file_mut());
            serde_json::to_writer(&mut out, entry)?;
            out.flush()?;
        }
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}
