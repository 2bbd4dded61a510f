//! The one API every edge drives: files by path, package context from sibling
//! files, Go versions from `go.mod`/`go.work` files, and diagnostics on demand.
//!
//! Paths are `/`-separated strings chosen by the edge (absolute paths in the
//! CLI and LSP, whatever the user names in the browser). A file's package is
//! the other `.go` files of the same directory with the same package name
//! that the build target compiles with it (see [`BuildTarget`]).

use crate::analysis::{check_file, ParseError, SourceFile};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::model::{BuildTarget, GoVersion, PackageContext};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Workspace {
    files: BTreeMap<String, SourceFile>,
    /// Directory -> the `go` line of its go.mod / go.work (go.work wins).
    modules: BTreeMap<String, (Option<GoVersion>, Option<GoVersion>)>,
    settings: Settings,
    target: BuildTarget,
}

/// The directory part of a `/`-separated path ("" for a bare name).
pub fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map(|(dir, _)| dir).unwrap_or("")
}

fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map(|(_, name)| name).unwrap_or(path)
}

impl Workspace {
    pub fn new(settings: Settings) -> Self {
        Self { settings, ..Self::default() }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// The build configuration that decides which siblings a file sees
    /// (default: the host's; linux/amd64 in the browser).
    pub fn set_build_target(&mut self, target: BuildTarget) {
        self.target = target;
    }

    /// Adds or replaces a file. `go.mod` and `go.work` files set the Go version
    /// of the directories below them; other names are parsed as Go.
    pub fn set_file(&mut self, path: &str, text: String) -> Result<(), ParseError> {
        match file_name(path) {
            "go.mod" | "go.work" => {
                let entry = self.modules.entry(parent_dir(path).to_string()).or_default();
                let version = GoVersion::from_go_directive(&text);
                if file_name(path) == "go.mod" {
                    entry.0 = version;
                } else {
                    entry.1 = version;
                }
                Ok(())
            }
            _ => {
                // Workspaces are edited (the language server, the browser).
                let file = SourceFile::new_editable(path, text)?;
                self.files.insert(path.to_string(), file);
                Ok(())
            }
        }
    }

    /// Applies one edit to an open file, reparsing incrementally.
    pub fn edit_file(&mut self, path: &str, range: TextRange, new_text: &str) -> Result<bool, ParseError> {
        match self.files.get_mut(path) {
            Some(file) => file.edit(range, new_text).map(|()| true),
            None => Ok(false),
        }
    }

    pub fn remove_file(&mut self, path: &str) {
        match file_name(path) {
            "go.mod" | "go.work" => {
                if let Some(entry) = self.modules.get_mut(parent_dir(path)) {
                    if file_name(path) == "go.mod" {
                        entry.0 = None;
                    } else {
                        entry.1 = None;
                    }
                }
            }
            _ => {
                self.files.remove(path);
            }
        }
    }

    pub fn file(&self, path: &str) -> Option<&SourceFile> {
        self.files.get(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The Go version of the nearest enclosing `go.work` or `go.mod`.
    pub fn module_go_version(&self, path: &str) -> Option<GoVersion> {
        let mut dir = parent_dir(path);
        loop {
            if let Some((gomod, gowork)) = self.modules.get(dir) {
                // The module's go.mod sets its language version (loop variables
                // per iteration from 1.22); a go.work's `go` line only sets the
                // workspace's toolchain floor, so it counts only without a go.mod.
                if let Some(v) = gomod.or(*gowork) {
                    return Some(v);
                }
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent_dir(dir);
        }
    }

    /// Sibling files of the same directory and package name. When the target
    /// builds the file, only the siblings it builds with it (`f.go` on linux
    /// sees `f_linux.go`, not `f_windows.go`); else all of them, as the target
    /// says nothing of the file's build.
    pub fn package_context(&self, path: &str) -> PackageContext {
        let dir = parent_dir(path);
        let file = self.files.get(path);
        let package = file.and_then(|f| f.model.package.clone());
        let in_target = |p: &str, f: &SourceFile| self.target.includes(file_name(p), &f.text);
        let only_in_target = file.is_some_and(|f| in_target(path, f));
        let siblings = self
            .files
            .iter()
            .filter(|(p, f)| p.as_str() != path && parent_dir(p) == dir && f.model.package == package)
            .filter(|(p, f)| !only_in_target || in_target(p, f))
            .map(|(_, f)| f.summary.clone())
            .collect();
        // One file is checked at a time (a keystroke): its facts are
        // computed from it and its siblings, nothing to share.
        PackageContext { siblings, module_go_version: self.module_go_version(path), shared: None }
    }

    /// Diagnostics for one file; `None` when the workspace does not hold it.
    pub fn check(&self, path: &str) -> Option<Vec<Diagnostic>> {
        let file = self.files.get(path)?;
        Some(check_file(file, &self.package_context(path), &self.settings))
    }
}
