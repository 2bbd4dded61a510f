//! `valid`/`invalid` examples: each invalid snippet must make the rule report
//! at least once, each valid one must not. What `faultline test-rules` runs.

use super::run::{run_rule, FILE_STEP_BUDGET};
use super::CustomRule;
use crate::analysis::SourceFile;
use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    Valid,
    Invalid,
}

/// One example that did not behave: which, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub kind: ExampleKind,
    /// 0-based index in the rule's `valid` or `invalid` list.
    pub index: usize,
    /// 1-based line of the rule file where the example starts.
    pub line: usize,
    pub reason: String,
}

/// A snippet as a Go file: kept whole when it has a package clause, given one
/// when it declares things at the top level, else wrapped in a function body.
/// Returns the source and how many lines were added before the snippet.
pub fn example_source(code: &str) -> (String, usize) {
    let starts_package = code.trim_start().lines().any(|l| l.starts_with("package "));
    if starts_package {
        return (code.to_string(), 0);
    }
    let top_level = code
        .lines()
        .any(|l| ["func ", "type ", "import ", "import(", "var ", "const "].iter().any(|k| l.starts_with(k)));
    if top_level {
        (format!("package example\n\n{code}\n"), 2)
    } else {
        (format!("package example\n\nfunc example() {{\n{code}\n}}\n"), 3)
    }
}

/// Checks every example of `rule`; empty when all behave.
pub fn test_rule(rule: &CustomRule) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    let lists = [(ExampleKind::Valid, &rule.valid), (ExampleKind::Invalid, &rule.invalid)];
    for (kind, examples) in lists {
        for (index, example) in examples.iter().enumerate() {
            let (source, added) = example_source(&example.code);
            let fail = |reason: String| ExampleFailure { kind, index, line: example.line, reason };
            let file = match SourceFile::new("example.go", source) {
                Ok(file) => file,
                Err(e) => {
                    failures.push(fail(e.to_string()));
                    continue;
                }
            };
            let Some(tree) = file.ts_tree.as_ref() else {
                failures.push(fail("no syntax tree".to_string()));
                continue;
            };
            let mut out = Vec::new();
            let mut budget = FILE_STEP_BUDGET;
            if run_rule(rule, &file, tree, rule.severity, &mut budget, &mut out) {
                let note = out.pop().map(|d| d.message).unwrap_or_default();
                failures.push(fail(note));
                continue;
            }
            let at = |d: &Diagnostic| {
                let lc = file.lines.line_col(d.range.start);
                format!("{}:{}", (lc.line as usize + 1).saturating_sub(added).max(1), lc.col + 1)
            };
            match kind {
                ExampleKind::Valid if !out.is_empty() => {
                    let found: Vec<String> = out.iter().map(|d| format!("{}: {}", at(d), d.message)).collect();
                    failures.push(fail(format!("expected no finding, found {}", found.join("; "))));
                }
                ExampleKind::Invalid if out.is_empty() => {
                    failures.push(fail("expected a finding, found none".to_string()));
                }
                _ => {}
            }
        }
    }
    failures
}
