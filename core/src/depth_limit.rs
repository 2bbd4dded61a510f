//! The note that says analysis was cut short by nesting. The built-in rules
//! skip nodes nested deeper than [`MAX_RULE_DEPTH`] (see `analysis.rs`: rules
//! climb ancestors, so absurd nesting would cost O(depth^2)); a file that goes
//! that deep gets one info-level `LIMIT001` note at the first such node, so a
//! clean result is not mistaken for a checked one.

use crate::analysis::MAX_RULE_DEPTH;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Family, Severity, TextRange};
use crate::syntax::Node;
use crate::SourceFile;

/// The code of the note. Not a rule: it cannot be selected, only suppressed
/// (`//nolint:LIMIT001`). Custom rule ids are lower case, so it cannot clash.
pub const DEPTH_LIMIT_CODE: &str = "LIMIT001";
/// The note's name (the `name` of its diagnostics).
pub const DEPTH_LIMIT_NAME: &str = "analysis-depth-limit";

/// Adds the note when some node of `file` is nested deeper than the rules look
/// and at least one built-in rule is enabled.
pub fn note_depth_limit(file: &SourceFile, settings: &Settings, out: &mut Vec<Diagnostic>) {
    if !crate::all_rules().iter().any(|r| settings.rules.is_enabled(r.meta())) {
        return;
    }
    if let Some(node) = first_too_deep(file.tree.root_node()) {
        out.push(note(node, &file.text));
    }
}

/// [`note_depth_limit`] when the caller already walked the tree and knows the
/// first node nested too deep (`None`: there is none).
pub fn note_depth_limit_at(first: Option<Node<'_>>, file: &SourceFile, settings: &Settings, out: &mut Vec<Diagnostic>) {
    if !crate::all_rules().iter().any(|r| settings.rules.is_enabled(r.meta())) {
        return;
    }
    if let Some(node) = first {
        out.push(note(node, &file.text));
    }
}

/// The first node, in pre-order, whose depth (the root is 0) exceeds
/// [`MAX_RULE_DEPTH`]: the first one the rules' walk skips.
pub fn first_too_deep(root: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = root.walk();
    // Counted here, as the cursor moves.
    let mut depth = 0u32;
    loop {
        if depth > MAX_RULE_DEPTH {
            return Some(cursor.node());
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
            depth = depth.saturating_sub(1);
        }
    }
}

fn note(node: Node<'_>, text: &str) -> Diagnostic {
    let start = node.start_byte().min(text.len());
    // The rest of the node's first line: the node itself may span the whole file.
    let line_end = text.get(start..).and_then(|rest| rest.find('\n')).map_or(text.len(), |i| start + i);
    let end = node.end_byte().clamp(start, line_end.max(start));
    Diagnostic {
        code: DEPTH_LIMIT_CODE,
        name: DEPTH_LIMIT_NAME,
        family: Family::Custom,
        severity: Severity::Info,
        message: format!(
            "analysis limit reached: code nested deeper than {MAX_RULE_DEPTH} syntax levels is not checked \
             from here on (crash risks inside it are not reported)"
        ),
        range: TextRange::new(start, end),
        related: Vec::new(),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(text: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("p/main.go", text.to_string()).unwrap();
        let mut out = Vec::new();
        note_depth_limit(&file, &Settings::default(), &mut out);
        out
    }

    #[test]
    fn ordinary_code_gets_no_note() {
        assert!(notes("package main\n\nfunc f(p *int) int { return *(((p))) }\n").is_empty());
    }

    #[test]
    fn deep_nesting_gets_one_note_at_the_first_skipped_node() {
        let depth = 1_200; // one syntax level per `(`: over the limit
        let text = format!(
            "package main\n\nvar x = {}p{}\n\nvar y = {}q{}\n",
            "(".repeat(depth),
            ")".repeat(depth),
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let found = notes(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!((d.code, d.severity), (DEPTH_LIMIT_CODE, Severity::Info));
        assert!(d.message.contains("nested deeper than 1000"), "{}", d.message);
        let first_var = text.find("var x").unwrap();
        assert!(d.range.start > first_var && d.range.end <= text.find("\n\nvar y").unwrap(), "{:?}", d.range);
    }

    #[test]
    fn no_note_when_no_built_in_rule_runs() {
        let text = format!("package main\n\nvar x = {}p{}\n", "(".repeat(1_200), ")".repeat(1_200));
        let file = SourceFile::new("p/main.go", text).unwrap();
        let mut settings = Settings::default();
        settings.rules.ignore = vec!["ALL".to_string()];
        let mut out = Vec::new();
        note_depth_limit(&file, &settings, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
