//! Custom rule files for the server, read as the CLI reads them: the rules of
//! a file come from its *rules root*, the nearest ancestor directory with a
//! `faultline.toml` or `.faultline/rules/*.toml`: the config's `[[rule]]`
//! tables first, then the rule files in name order. A bad rule is a
//! diagnostic on its rule file; the other rules keep working.

use crate::disk;
use crate::position::Encoding;
use faultline_core::config::CONFIG_FILE_NAME;
use faultline_core::custom::{self, CustomRules, RuleError, RuleSource};
use faultline_core::syntax::LineIndex;
use faultline_core::workspace::parent_dir;
use faultline_core::ConfigError;
use std::collections::BTreeMap;
use tower_lsp_server::ls_types::{self as lsp, DiagnosticSeverity, Position, Range};

pub const RULES_DIR: &str = ".faultline/rules";

/// `.../.faultline/rules/NAME.toml`: its rules root, else `None`.
pub fn rules_root_of(path: &str) -> Option<&str> {
    if !path.ends_with(".toml") {
        return None;
    }
    parent_dir(path).strip_suffix(RULES_DIR).map(|root| root.strip_suffix('/').unwrap_or(root))
}

/// One rules root: its sources as last read and the rules they make.
struct Root {
    sources: Vec<RuleSource>,
    rules: CustomRules,
}

#[derive(Default)]
pub struct RuleFiles {
    roots: BTreeMap<String, Root>,
}

impl RuleFiles {
    /// Re-reads the rule sources of `dir` from disk. Returns each rule file's
    /// text and errors (empty when fine, so old diagnostics clear) when anything
    /// changed, `None` when nothing did.
    pub fn reload(&mut self, dir: &str) -> Option<Vec<(String, String, Vec<RuleError>)>> {
        let mut paths = Vec::new();
        let config = format!("{dir}/{CONFIG_FILE_NAME}");
        paths.push(config);
        let rules_dir = format!("{dir}/{RULES_DIR}");
        if let Ok(entries) = std::fs::read_dir(if rules_dir.is_empty() { "/" } else { &rules_dir }) {
            let mut files: Vec<String> = entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|name| name.ends_with(".toml"))
                .map(|name| format!("{rules_dir}/{name}"))
                .collect();
            files.sort();
            paths.extend(files);
        }
        let sources: Vec<RuleSource> = paths
            .into_iter()
            .filter_map(|name| disk::read_text(&name, disk::MAX_SIBLING_BYTES).map(|text| RuleSource { name, text }))
            .collect();
        let old = self.roots.get(dir);
        let unchanged = old.is_some_and(|o| {
            o.sources.len() == sources.len()
                && o.sources.iter().zip(&sources).all(|(a, b)| a.name == b.name && a.text == b.text)
        });
        if unchanged || (old.is_none() && sources.is_empty()) {
            return None;
        }
        let (rules, errors) = custom::load(&sources);
        let mut report: Vec<(String, String, Vec<RuleError>)> =
            sources.iter().map(|s| (s.name.clone(), s.text.clone(), Vec::new())).collect();
        // Files that went away get their diagnostics cleared too.
        for gone in old.iter().flat_map(|o| o.sources.iter()) {
            if !sources.iter().any(|s| s.name == gone.name) {
                report.push((gone.name.clone(), String::new(), Vec::new()));
            }
        }
        for error in errors {
            if let Some(entry) = report.iter_mut().find(|(name, _, _)| *name == error.file) {
                entry.2.push(error);
            }
        }
        if sources.is_empty() {
            self.roots.remove(dir);
        } else {
            self.roots.insert(dir.to_string(), Root { sources, rules });
        }
        Some(report)
    }

    /// The custom rules for a file: those of its nearest rules root.
    pub fn for_path(&self, path: &str) -> CustomRules {
        let mut dir = parent_dir(path);
        loop {
            if let Some(root) = self.roots.get(dir) {
                return root.rules.clone();
            }
            if dir.is_empty() {
                return CustomRules::default();
            }
            dir = parent_dir(dir);
        }
    }
}

/// A bad rule as a diagnostic on its rule file (positions in `encoding`).
pub fn rule_error_diagnostic(text: &str, error: &RuleError, encoding: Encoding) -> lsp::Diagnostic {
    let lines = LineIndex::new(text);
    let offset = error.offset.min(text.len());
    let at = |o: usize| {
        let lc = match encoding {
            Encoding::Utf16 => lines.line_col_utf16(o),
            Encoding::Utf8 => lines.line_col(o),
        };
        Position { line: lc.line, character: lc.col }
    };
    let end = text[offset..].chars().next().map(|c| offset + c.len_utf8()).unwrap_or(offset);
    lsp::Diagnostic {
        range: Range { start: at(offset), end: at(end) },
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("faultline".to_string()),
        message: error.message.clone(),
        ..Default::default()
    }
}

/// A `faultline.toml` config error shown with the rule errors of the same file.
pub fn config_error_as_rule_error(text: &str, error: &ConfigError) -> RuleError {
    let lines = LineIndex::new(text);
    let lc = faultline_core::syntax::LineCol {
        line: error.line.saturating_sub(1) as u32,
        col: error.column.saturating_sub(1) as u32,
    };
    RuleError {
        file: error.file.clone(),
        line: error.line,
        column: error.column,
        offset: lines.offset(lc),
        message: error.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_file_paths() {
        assert_eq!(rules_root_of("/w/.faultline/rules/a.toml"), Some("/w"));
        assert_eq!(rules_root_of("/w/.faultline/rules/a.go"), None);
        assert_eq!(rules_root_of("/w/faultline.toml"), None);
    }
}
