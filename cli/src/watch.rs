//! `--watch`: check, then check again whenever something that affects the
//! result changes, clearing the terminal between runs.
//!
//! A changed `.go` file makes its directory be checked again (its siblings
//! are its package context, so their findings can change too); the other
//! directories keep their last result. A changed `faultline.toml`, `go.mod`,
//! `go.work` or ignore file can change what is checked and how, so it makes
//! everything be checked again. Events are gathered until the tree has been
//! quiet for a moment, so saving many files (a `git checkout`) runs once.

use crate::analyze::{self, DirOutcome};
use crate::commands::check::Checker;
use crate::discover::{is_go_file_name, strip_go_wildcard};
use crate::problems::Problems;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the tree must be quiet before a run starts.
const SETTLE: Duration = Duration::from_millis(100);
/// The longest a run waits for the tree to settle.
const MAX_SETTLE: Duration = Duration::from_secs(1);

/// Files whose change can change any file's result.
const SETTINGS_FILES: [&str; 5] = ["faultline.toml", "go.mod", "go.work", ".gitignore", ".ignore"];

/// What to check again.
enum Dirty {
    Everything,
    Dirs(HashSet<PathBuf>),
}

/// Runs until killed; returns only on a setup error (exit 2) or when the watcher stops.
pub fn run(checker: &Checker<'_>) -> io::Result<u8> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |event| {
        // The receiver is gone only when we are exiting.
        let _ = tx.send(event);
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("faultline: error: cannot watch files: {e}");
            return Ok(2);
        }
    };
    let mut roots = Vec::new();
    for path in checker.paths() {
        let path = checker.style.absolute(&strip_go_wildcard(&path));
        roots.push(path.clone());
        let mode = if path.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        if let Err(e) = watcher.watch(&path, mode) {
            eprintln!("faultline: error: {}: cannot watch: {e}", checker.style.display(&path));
            return Ok(2);
        }
    }

    let mut cache: BTreeMap<Option<PathBuf>, DirOutcome> = BTreeMap::new();
    let mut dirty = Dirty::Everything;
    loop {
        let problems = Problems::default();
        match &dirty {
            Dirty::Everything => {
                cache = checker.analyze_per_dir(&problems, None, None).into_iter().collect();
            }
            Dirty::Dirs(dirs) => {
                // A directory whose last Go file went away has no job: drop its old result.
                for dir in dirs {
                    cache.remove(&Some(dir.clone()));
                }
                cache.extend(checker.analyze_per_dir(&problems, Some(dirs), None));
            }
        }
        let outcome = analyze::merge(cache.values().cloned());
        match checker.open_output() {
            Ok(mut out) => {
                if out.terminal {
                    clear_screen();
                }
                checker.finish_run(outcome, problems, &mut out)?;
            }
            Err(message) => eprintln!("faultline: error: {message}"),
        }
        if io::stderr().is_terminal() {
            eprintln!("Watching for changes (Ctrl-C to stop)...");
        }
        match wait_for_change(&rx, &roots) {
            Some(next) => dirty = next,
            None => return Ok(0),
        }
    }
}

/// Clears the terminal and its scrollback, cursor home. Written raw: colour
/// settings strip escape codes, and NO_COLOR is no reason to keep old output.
fn clear_screen() {
    let mut stdout = io::stdout();
    let _ = stdout.write_all(b"\x1b[2J\x1b[3J\x1b[H");
    let _ = stdout.flush();
}

/// Blocks until something relevant changes and the tree settles; `None` when the watcher is gone.
fn wait_for_change(rx: &Receiver<notify::Result<notify::Event>>, roots: &[PathBuf]) -> Option<Dirty> {
    let mut dirty: Option<Dirty> = None;
    let mut first_at: Option<Instant> = None;
    loop {
        let event = match first_at {
            None => rx.recv().ok()?,
            Some(first) => {
                let waited = first.elapsed();
                if waited >= MAX_SETTLE {
                    return dirty;
                }
                match rx.recv_timeout(SETTLE.min(MAX_SETTLE - waited)) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => return dirty,
                    Err(RecvTimeoutError::Disconnected) => return dirty,
                }
            }
        };
        let event = match event {
            Ok(event) => event,
            // Lost events (queue overflow): be safe and check everything.
            Err(_) => {
                dirty = Some(Dirty::Everything);
                first_at.get_or_insert_with(Instant::now);
                continue;
            }
        };
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        if event.need_rescan() {
            dirty = Some(Dirty::Everything);
        }
        for path in &event.paths {
            let Some(change) = classify(path, roots) else { continue };
            first_at.get_or_insert_with(Instant::now);
            dirty = Some(match (dirty.take(), change) {
                (Some(Dirty::Everything), _) | (_, Dirty::Everything) => Dirty::Everything,
                (Some(Dirty::Dirs(mut a)), Dirty::Dirs(b)) => {
                    a.extend(b);
                    Dirty::Dirs(a)
                }
                (None, change) => change,
            });
        }
    }
}

/// What a changed path asks to check again, if anything. Hidden files and
/// directories below a watched root (`.git`, editors' swap files) are not
/// checked, so their changes are not either.
fn classify(path: &Path, roots: &[PathBuf]) -> Option<Dirty> {
    let name = path.file_name()?.to_string_lossy();
    let below = roots.iter().find_map(|root| path.strip_prefix(root).ok());
    let parents_hidden = below
        .and_then(Path::parent)
        .is_some_and(|dirs| dirs.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')));
    // Custom rule files live in a hidden directory but change every file's result.
    if crate::custom_rules::is_rule_file(path) {
        return Some(Dirty::Everything);
    }
    if parents_hidden || (name.starts_with('.') && !SETTINGS_FILES.iter().any(|s| name == *s)) {
        return None;
    }
    // A new directory may have got files before its watch was in place.
    if SETTINGS_FILES.iter().any(|s| name == *s) || path.is_dir() {
        return Some(Dirty::Everything);
    }
    if is_go_file_name(path) {
        let dir = crate::paths::normalize(path.parent()?);
        return Some(Dirty::Dirs(HashSet::from([dir])));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(path: &str) -> Option<String> {
        classify(Path::new(path), &[PathBuf::from("/w/repo")]).map(|d| match d {
            Dirty::Everything => "everything".to_string(),
            Dirty::Dirs(dirs) => dirs.iter().map(|d| d.display().to_string()).collect(),
        })
    }

    #[test]
    fn classifies_changed_paths() {
        assert_eq!(what("/w/repo/pkg/a.go").as_deref(), Some("/w/repo/pkg"));
        assert_eq!(what("/w/repo/sub/faultline.toml").as_deref(), Some("everything"));
        assert_eq!(what("/w/repo/go.mod").as_deref(), Some("everything"));
        assert_eq!(what("/w/repo/.gitignore").as_deref(), Some("everything"));
        assert_eq!(what("/w/repo/README.md"), None);
        assert_eq!(what("/w/repo/pkg/.a.go.x1.faultline-tmp"), None);
        assert_eq!(what("/w/repo/pkg/.a.go"), None);
        assert_eq!(what("/w/repo/.git/objects/ab"), None);
        assert_eq!(what("/w/repo/.git/x.go"), None);
    }
}
