//! Facts from the other files of the same package, as rules see them.

use super::{FileSummary, FunctionSummary, GoVersion, TypeDecl};
use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex};

/// The context a file is analysed in: its sibling files' summaries (same
/// directory, same package name) and the Go version that applies to it.
#[derive(Debug, Clone, Default)]
pub struct PackageContext {
    pub siblings: Vec<Arc<FileSummary>>,
    /// From `go.mod`/`go.work` or configuration; the file's own `//go:build`
    /// floor takes precedence (see [`crate::analysis`]).
    pub module_go_version: Option<GoVersion>,
    /// Facts over every file of the package, shared by the checks of all of
    /// them (`None`: each check computes them from its file and siblings).
    pub shared: Option<Arc<PackageFacts>>,
}

/// Facts computed once from the summaries of every file of a package (the
/// same directory and package name, whatever the build target) and shared by
/// the checks of all those files, on any thread.
///
/// Rules drop most calls by name before reading them: a call whose name no
/// function of the package with some property has cannot reach one. Built
/// per file, each such set read every function of the package, once per
/// file: quadratic in the package's size (about 2% of the check on
/// `cmd/compile/internal/ssa`, `runtime` and `net/http`). A set built from
/// every file of the package holds the names each file's own set held (a
/// file's siblings are some of those files), so it drops nothing those
/// kept: such facts may only ever let a node through to the full check.
pub struct PackageFacts {
    files: Vec<Arc<FileSummary>>,
    /// A value per fact type (a handful: a scan beats hashing).
    slots: Mutex<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>,
}

impl std::fmt::Debug for PackageFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackageFacts").field("files", &self.files.len()).finish_non_exhaustive()
    }
}

impl PackageFacts {
    /// `files`: the summaries of every file of the package.
    pub fn new(files: Vec<Arc<FileSummary>>) -> Self {
        Self { files, slots: Mutex::new(Vec::new()) }
    }

    /// This package's value of type `T`, computed by `compute` from every
    /// file's summary on first use. `T` names the fact: each is its own type.
    fn get<T: Any + Send + Sync>(&self, compute: impl FnOnce(&[&FileSummary]) -> T) -> Arc<T> {
        // A panic while computing (a bug) poisons the lock: the slots are
        // still whole, as a value is pushed only once computed.
        let mut slots = self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let id = TypeId::of::<T>();
        if let Some(value) = slots.iter().find(|(slot, _)| *slot == id).and_then(|(_, v)| Arc::clone(v).downcast().ok())
        {
            return value;
        }
        // Computed under the lock: the other files' checks want it too.
        let files: Vec<&FileSummary> = self.files.iter().map(Arc::as_ref).collect();
        let value = Arc::new(compute(&files));
        slots.push((id, Arc::clone(&value) as Arc<dyn Any + Send + Sync>));
        value
    }
}

impl PackageContext {
    /// A fact of the package computed by `compute` from the summaries of its
    /// files: once for the whole package when the caller shares them
    /// ([`PackageFacts`]), else from `own` (the checked file's summary) and
    /// the siblings. `compute` must give a fact that only lets nodes through
    /// to the full check (see [`PackageFacts`]): with every file it may see
    /// more than the file and its siblings.
    pub fn fact<T: Any + Send + Sync>(&self, own: &FileSummary, compute: impl FnOnce(&[&FileSummary]) -> T) -> Arc<T> {
        match &self.shared {
            Some(shared) => shared.get(compute),
            None => {
                let files: Vec<&FileSummary> =
                    std::iter::once(own).chain(self.siblings.iter().map(Arc::as_ref)).collect();
                Arc::new(compute(&files))
            }
        }
    }

    pub fn functions(&self) -> impl Iterator<Item = &FunctionSummary> {
        self.siblings.iter().flat_map(|s| s.functions.iter())
    }

    /// A package-level function (not method) declared in a sibling file.
    pub fn function_named(&self, name: &str) -> Option<&FunctionSummary> {
        self.functions().find(|f| f.receiver_type.is_none() && f.name == name)
    }

    pub fn method(&self, receiver_type: &str, name: &str) -> Option<&FunctionSummary> {
        self.functions().find(|f| f.receiver_type.as_deref() == Some(receiver_type) && f.name == name)
    }

    pub fn type_named(&self, name: &str) -> Option<&TypeDecl> {
        self.siblings.iter().flat_map(|s| s.types.iter()).find(|t| t.name == name)
    }

    pub fn package_var(&self, name: &str) -> bool {
        self.siblings.iter().any(|s| s.package_vars.iter().any(|(n, _)| n == name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn summary(name: &str, text: &str) -> Arc<FileSummary> {
        Arc::clone(&SourceFile::new(name, text.to_string()).expect("parses").summary)
    }

    /// The functions `compute` saw, by name.
    struct Seen(Vec<String>);

    fn seen(files: &[&FileSummary]) -> Seen {
        Seen(files.iter().flat_map(|s| s.functions.iter().map(|f| f.name.clone())).collect())
    }

    #[test]
    fn shared_facts_are_computed_once_from_every_file() {
        let (a, b, c) = (
            summary("a.go", "package p\nfunc A() {}\n"),
            summary("b.go", "package p\nfunc B() {}\n"),
            summary("c_windows.go", "package p\nfunc C() {}\n"),
        );
        let shared = Arc::new(PackageFacts::new(vec![a.clone(), b.clone(), c.clone()]));
        let calls = AtomicUsize::new(0);
        for (own, siblings) in [(&a, vec![b.clone()]), (&b, vec![a.clone()])] {
            let package = PackageContext { siblings, module_go_version: None, shared: Some(Arc::clone(&shared)) };
            let fact = package.fact(own, |files| {
                calls.fetch_add(1, Ordering::Relaxed);
                seen(files)
            });
            assert_eq!(fact.0, ["A", "B", "C"]);
        }
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn without_shared_facts_a_fact_is_the_file_and_its_siblings() {
        let (a, b) = (summary("a.go", "package p\nfunc A() {}\n"), summary("b.go", "package p\nfunc B() {}\n"));
        let package = PackageContext { siblings: vec![b], module_go_version: None, shared: None };
        assert_eq!(package.fact(&a, seen).0, ["A", "B"]);
    }
}
