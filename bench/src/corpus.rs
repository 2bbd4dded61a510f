//! The corpus: the same `.go` files `faultline check DIR` visits (the `ignore`
//! walker's standard filters, `testdata/` and `vendor/` skipped, as in
//! cli/src/discover.rs), read into memory before anything is timed.

use faultline_core::GoVersion;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct GoFile {
    pub path: String,
    pub text: String,
}

pub struct Corpus {
    pub root: PathBuf,
    /// Sorted by path, so runs and machines see the same order.
    pub files: Vec<GoFile>,
    /// Files skipped because they could not be read or were not UTF-8.
    pub unreadable: Vec<PathBuf>,
    /// Directory -> the `go` line of the nearest go.work / go.mod above it.
    pub module_versions: HashMap<String, Option<GoVersion>>,
}

impl Corpus {
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|f| f.text.len()).sum()
    }

    pub fn load(root: &Path) -> std::io::Result<Corpus> {
        if !root.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} is not a directory", root.display()),
            ));
        }
        let mut paths = Vec::new();
        // As cli/src/discover.rs: .gitignore honoured outside git repositories too.
        let walker = ignore::WalkBuilder::new(root)
            .require_git(false)
            .filter_entry(|entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !(is_dir && entry.depth() > 0 && matches!(entry.file_name().to_str(), Some("testdata" | "vendor")))
            })
            .build();
        for entry in walker.flatten() {
            let is_file = match entry.file_type() {
                Some(t) if t.is_file() => true,
                Some(t) if t.is_symlink() => entry.path().is_file(),
                _ => false,
            };
            if entry.depth() > 0 && is_file && entry.path().extension().is_some_and(|e| e == "go") {
                paths.push(entry.into_path());
            }
        }
        paths.sort();

        let mut files = Vec::with_capacity(paths.len());
        let mut unreadable = Vec::new();
        let mut module_versions = HashMap::new();
        for path in paths {
            match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    let path_str = path.to_string_lossy().replace('\\', "/");
                    let dir = faultline_core::workspace::parent_dir(&path_str).to_string();
                    module_versions.entry(dir).or_insert_with_key(|dir| nearest_module_version(Path::new(dir)));
                    files.push(GoFile { path: path_str, text });
                }
                _ => unreadable.push(path),
            }
        }
        Ok(Corpus { root: root.to_path_buf(), files, unreadable, module_versions })
    }
}

/// The `go` line of the nearest go.work (preferred) or go.mod at or above `dir`.
fn nearest_module_version(dir: &Path) -> Option<GoVersion> {
    for ancestor in dir.ancestors() {
        for name in ["go.work", "go.mod"] {
            if let Ok(text) = std::fs::read_to_string(ancestor.join(name)) {
                if let Some(version) = GoVersion::from_go_directive(&text) {
                    return Some(version);
                }
            }
        }
    }
    None
}
