//! Facts from the other files of the same package, as rules see them.

use super::{FileSummary, FunctionSummary, GoVersion, TypeDecl};
use std::sync::Arc;

/// The context a file is analysed in: its sibling files' summaries (same
/// directory, same package name) and the Go version that applies to it.
#[derive(Debug, Clone, Default)]
pub struct PackageContext {
    pub siblings: Vec<Arc<FileSummary>>,
    /// From `go.mod`/`go.work` or configuration; the file's own `//go:build`
    /// floor takes precedence (see [`crate::analysis`]).
    pub module_go_version: Option<GoVersion>,
}

impl PackageContext {
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
