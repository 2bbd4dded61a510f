//! What a rule sees while it runs, and how it reports.

use super::{CheckMemo, RuleMeta};
use crate::analysis::SourceFile;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::model::{FileModel, GoVersion, PackageContext};
use tree_sitter::Node;

pub struct RuleContext<'a> {
    pub file: &'a SourceFile,
    pub package: &'a PackageContext,
    /// The Go language version this file is compiled with.
    pub go_version: GoVersion,
    pub(crate) meta: &'static RuleMeta,
    /// A severity set in configuration; it beats the rule's own choice.
    pub(crate) severity_override: Option<Severity>,
    pub(crate) out: &'a mut Vec<Diagnostic>,
    /// Facts shared by the rule calls of this walk (see `CheckMemo`).
    pub(crate) memo: &'a CheckMemo,
}

impl<'a> RuleContext<'a> {
    pub fn source(&self) -> &'a str {
        &self.file.text
    }

    pub fn model(&self) -> &'a FileModel {
        &self.file.model
    }

    /// Facts computed once per walk of the rules over this file.
    pub fn memo(&self) -> &'a CheckMemo {
        self.memo
    }

    pub fn text(&self, node: Node<'_>) -> &'a str {
        crate::syntax::text(node, &self.file.text)
    }

    /// Reports at the rule's default severity.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.report_with_severity(self.meta.default_severity, range, message)
    }

    /// Reports at a severity the rule chose by its evidence; configuration still wins.
    pub fn report_with_severity(
        &mut self,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let meta = self.meta;
        self.out.push(Diagnostic {
            code: meta.code,
            name: meta.name,
            family: meta.family,
            severity: self.severity_override.unwrap_or(severity),
            message: message.into(),
            range,
            related: Vec::new(),
            fix: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}
