//! `--fix` and `--diff`: which changes the findings' fixes make to each file
//! (chosen by `faultline_core::fix`, the same logic the LSP and wasm use), and
//! writing them to disk.
//!
//! Writing is atomic per file: the new text goes to a temporary file in the
//! same directory, gets the original's permissions, is flushed to disk and is
//! then renamed over the original. A reader (or a crash, or Ctrl-C) sees the
//! old file or the new one, never half of one. A symlink is followed, so the
//! file it points to is replaced and the link stays a link.
//!
//! Ctrl-C (or SIGTERM, SIGHUP) during a `--fix` run waits for the file being
//! written, so no temporary file is left behind, and then exits with 130.

use crate::analyze::{FileReport, Overlay};
use crate::output::positions::{Located, Position};
use crate::problems::Problems;
use crate::source::io_message;
use faultline_core::fix::{plan_fixes, FixSafety};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// Read-locked while a file is written (files are written in parallel: most of
/// the time goes to flushing each to disk); the interrupt handler write-locks
/// it, so it waits for the files being written, and then exits.
static WRITING: RwLock<()> = RwLock::new(());

/// Makes Ctrl-C, SIGTERM and SIGHUP wait for the file being written, then exit with 130.
pub fn exit_between_writes_on_interrupt() {
    // Fails only when a handler is already set, which then does the same.
    let _ = ctrlc::set_handler(|| {
        let _writing = WRITING.write();
        std::process::exit(130);
    });
}

/// Passes of fix, re-check, fix again (in memory, before anything is written):
/// conflicting fixes wait for a later pass. Real code settles in two; the cap
/// stops a rule whose fix does not remove its finding from looping forever.
pub const MAX_FIX_PASSES: usize = 10;

/// One fix that was (or, for `--diff`, would be) applied.
#[derive(Debug, Clone)]
pub struct FixedItem {
    pub path: String,
    pub code: &'static str,
    pub name: &'static str,
    pub title: String,
    /// Where the finding was, in the text before the fix.
    pub start: Position,
}

/// The new text of one file.
pub struct Change {
    pub shown: String,
    pub disk: Option<PathBuf>,
    pub old: String,
    pub new: String,
    pub fixed: Vec<FixedItem>,
}

/// The changes the wanted fixes make to the reported files. Files whose disk
/// content is not exactly the text that was checked (not valid UTF-8, so read
/// with `?` for bad bytes; or changed since) get a warning and no change:
/// writing the checked text back would corrupt them.
///
/// Files in `overlay` were checked with their text there (fixes of an earlier
/// pass, not written yet), which is checked against the disk no more.
pub fn plan_changes(reports: &[FileReport], safety: FixSafety, problems: &Problems, overlay: &Overlay) -> Vec<Change> {
    let mut changes = Vec::new();
    for report in reports {
        // Runs that fix keep every report's text (`keeps_report_text` in `commands/check.rs`).
        let Some(text) = report.source.text() else { continue };
        let plan = plan_fixes(text, &report.diagnostics, safety);
        if plan.is_empty() {
            continue;
        }
        let new = plan.apply(text);
        if new == text {
            continue;
        }
        if let Some(disk) = report.disk.as_ref().filter(|d| !overlay.contains_key(*d)) {
            match std::fs::read(disk) {
                Ok(bytes) if bytes == text.as_bytes() => {}
                Ok(bytes) if std::str::from_utf8(&bytes).is_err() => {
                    problems.warning(format!("{}: not fixed: the file is not valid UTF-8", report.shown));
                    continue;
                }
                Ok(_) => {
                    problems.warning(format!("{}: not fixed: the file changed while it was checked", report.shown));
                    continue;
                }
                Err(e) => {
                    problems.error(format!("{}: cannot read: {}", report.shown, io_message(&e)));
                    continue;
                }
            }
        }
        let at = Located::new(text);
        let fixed = plan
            .applied
            .iter()
            .filter_map(|&i| report.diagnostics.get(i))
            .map(|d| FixedItem {
                path: report.shown.clone(),
                code: d.code,
                name: d.name,
                title: d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default(),
                start: at.position(d.range.start),
            })
            .collect();
        changes.push(Change {
            shown: report.shown.clone(),
            disk: report.disk.clone(),
            old: text.to_string(),
            new,
            fixed,
        });
    }
    changes
}

/// Writes each change to its file; returns the fixes of the files written.
/// A file that cannot be written is reported and left as it was.
pub fn write_changes(changes: Vec<Change>, problems: &Problems) -> Vec<FixedItem> {
    let written: Vec<Vec<FixedItem>> = changes
        .into_par_iter()
        .filter_map(|change| {
            let disk = change.disk.as_ref()?;
            let result = {
                let _writing = WRITING.read().unwrap_or_else(|e| e.into_inner());
                write_atomically(disk, change.new.as_bytes())
            };
            match result {
                Ok(()) => Some(change.fixed),
                Err(e) => {
                    problems.error(format!("{}: cannot write the fixed file: {}", change.shown, io_message(&e)));
                    None
                }
            }
        })
        .collect();
    written.into_iter().flatten().collect()
}

/// Replaces the file at `path` with `content` by writing a temporary file
/// beside it and renaming it over the original.
pub fn write_atomically(path: &Path, content: &[u8]) -> std::io::Result<()> {
    // Follow a symlink so that the link survives and its target is replaced.
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Hidden and not ending in .go: neither a walk nor the go command picks it up.
    let mut temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".faultline-tmp").tempfile_in(dir)?;
    temp.write_all(content)?;
    temp.as_file().set_permissions(permissions)?;
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn atomic_write_keeps_permissions_and_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.go");
        std::fs::write(&file, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
            let link = dir.path().join("link.go");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            write_atomically(&link, b"new").unwrap();
            assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
            assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
        }
        write_atomically(&file, b"newer").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "newer");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(names.iter().all(|n| !n.to_string_lossy().contains("faultline-tmp")), "{names:?}");
    }
}
