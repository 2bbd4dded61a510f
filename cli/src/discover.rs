//! Turns the PATH arguments into the Go files to check.
//!
//! Directories are walked in parallel, honouring `.gitignore` (also outside a
//! git repository), `.ignore` and hidden names, and skipping `vendor/` and
//! `testdata/` unless the argument itself is, or is inside, such a directory.
//! A file named on the command line is always checked when it is a `.go` file.

use crate::paths::PathStyle;
use crate::problems::Problems;
use crate::source::io_message;
use ignore::{WalkBuilder, WalkState};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Directory names the go command treats as not part of the module's packages.
const SKIPPED_DIRS: [&str; 2] = ["vendor", "testdata"];

#[derive(Debug, Clone)]
pub struct GoFile {
    /// The path to open (the argument joined with what the walk found).
    pub path: PathBuf,
    /// Absolute and normalised: the identity of the file.
    pub abs: PathBuf,
    /// Named on the command line: checked even when a config `exclude` matches.
    pub explicit: bool,
    /// Its size when found, if the walk or the argument's check read it
    /// (saves asking the file system again while no other thread runs).
    pub size: Option<u64>,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<GoFile>,
    /// `-` was among the arguments.
    pub stdin: bool,
}

pub fn discover(args: &[PathBuf], style: &PathStyle, problems: &Problems) -> Discovered {
    let mut out = Discovered::default();
    let mut seen = HashSet::new();
    let mut push = |out: &mut Discovered, file: GoFile| {
        if seen.insert(file.abs.clone()) {
            out.files.push(file);
        }
    };
    // What each argument is, asked of the file system on every core: for
    // the 2,075 files of `go list std` named one by one, these lookups
    // were most of the time before any file was read.
    let looked_up: Vec<(PathBuf, Option<std::io::Result<std::fs::Metadata>>)> = args
        .par_iter()
        .map(|arg| {
            let arg = strip_go_wildcard(arg);
            let meta = (arg.as_os_str() != "-").then(|| std::fs::metadata(&arg));
            (arg, meta)
        })
        .collect();
    for (arg, meta) in looked_up {
        let Some(meta) = meta else {
            if out.stdin {
                problems.error("`-` (stdin) is named more than once");
            }
            out.stdin = true;
            continue;
        };
        match meta {
            Err(e) => problems.error(format!("{}: {}", style.display(&arg), io_message(&e))),
            Ok(meta) if meta.is_dir() => {
                for (path, size) in walk(&arg, style, problems) {
                    let abs = style.absolute(&path);
                    push(&mut out, GoFile { path, abs, explicit: false, size });
                }
            }
            Ok(meta) if is_go_file_name(&arg) => {
                let abs = style.absolute(&arg);
                push(&mut out, GoFile { path: arg, abs, explicit: true, size: Some(meta.len()) });
            }
            Ok(_) => {
                problems.error(format!("{}: not a Go file (expected a directory or a .go file)", style.display(&arg)))
            }
        }
    }
    out
}

/// `./...` and `pkg/...` (the go command's "this and everything below") mean
/// the directory: walks are recursive anyway.
pub fn strip_go_wildcard(arg: &Path) -> PathBuf {
    match arg.file_name() {
        Some(name) if name == "..." && !arg.exists() => match arg.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        },
        _ => arg.to_path_buf(),
    }
}

pub fn is_go_file_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "go")
}

/// Every `.go` file below `root`, sorted, with its size when known.
fn walk(root: &Path, style: &PathStyle, problems: &Problems) -> Vec<(PathBuf, Option<u64>)> {
    // Naming `x/testdata` (or something inside it) asks for what is there.
    let inside_skipped = style
        .absolute(root)
        .components()
        .any(|c| matches!(c, Component::Normal(n) if SKIPPED_DIRS.iter().any(|s| n == *s)));
    let found = Mutex::new(Vec::new());
    let walker = WalkBuilder::new(root)
        .require_git(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let skipped_name = SKIPPED_DIRS.iter().any(|s| entry.file_name() == *s);
            inside_skipped || entry.depth() == 0 || !(is_dir && skipped_name)
        })
        .build_parallel();
    walker.run(|| {
        let found = &found;
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    if let Some(err) = entry.error() {
                        problems.warning(err.to_string());
                    }
                    let is_file = match entry.file_type() {
                        Some(t) if t.is_file() => true,
                        // A symlink to a file is part of the package for the go command too.
                        Some(t) if t.is_symlink() => entry.path().is_file(),
                        _ => false,
                    };
                    if entry.depth() > 0 && is_file && is_go_file_name(entry.path()) {
                        // On the walk's threads, while the main thread waits. A
                        // link's own metadata is not its file's: asked later.
                        let size = match entry.path_is_symlink() {
                            true => None,
                            false => entry.metadata().ok().map(|m| m.len()),
                        };
                        found.lock().unwrap_or_else(|e| e.into_inner()).push((entry.into_path(), size));
                    }
                }
                Err(err) => problems.error(walk_error_message(&err, style)),
            }
            WalkState::Continue
        })
    });
    let mut files = found.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort();
    files
}

fn walk_error_message(err: &ignore::Error, style: &PathStyle) -> String {
    // Put the path first, like every other message.
    fn find(err: &ignore::Error) -> Option<(&Path, &ignore::Error)> {
        match err {
            ignore::Error::WithPath { path, err } => Some((path, err)),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => find(err),
            _ => None,
        }
    }
    match find(err) {
        Some((path, inner)) => {
            let inner = match inner {
                ignore::Error::Io(io) => io_message(io),
                other => other.to_string(),
            };
            format!("{}: {inner}", style.display(path))
        }
        None => err.to_string(),
    }
}
