//! Suppression comments, in golangci-lint's convention and faultline's own:
//!
//! - `//nolint`, `//nolint:faultline`, `//nolint:NIL001,RACE002`
//! - `//faultline:ignore NIL001 reason`
//! - `//faultline:file-ignore NIL001 reason`
//!
//! A comment at the end of a line covers that line; a comment on a line of its
//! own covers the statement or declaration that starts on the next line.
//! Codes may also be family prefixes (`NIL`). Names of other linters in a
//! `//nolint:` list are ignored.

use crate::analysis::SourceFile;
use crate::diagnostic::Diagnostic;
use crate::syntax::FastNode;
use crate::syntax::{text, walk_preorder_to_depth};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Codes {
    All,
    Some(Vec<String>),
}

impl Codes {
    fn covers(&self, code: &str, family_prefix: &str) -> bool {
        match self {
            Codes::All => true,
            Codes::Some(list) => {
                list.iter().any(|c| c.eq_ignore_ascii_case(code) || c.eq_ignore_ascii_case(family_prefix))
            }
        }
    }
}

/// Parsed suppression comments of one file.
pub struct Suppressions {
    /// (first line, last line) 0-based inclusive, codes.
    lines: Vec<(u32, u32, Codes)>,
    file_wide: Vec<Codes>,
}

impl Suppressions {
    pub fn new(file: &SourceFile) -> Self {
        let mut out = Suppressions { lines: Vec::new(), file_wide: Vec::new() };
        let source = file.text.as_str();
        // Most files have no directive: skip the tree walk (a large share of a
        // keystroke's cost in the editor) when no comment could hold one.
        if !source.contains("//nolint") && !source.contains("//faultline:") {
            return out;
        }
        // All of it: a directive deep inside may silence a custom rule's finding there.
        walk_preorder_to_depth(file.tree.root_node(), u32::MAX, |node| {
            if node.kind_name() != "comment" {
                return true;
            }
            let Some(directive) = Directive::parse(text(node, source)) else { return false };
            match directive {
                Directive::File(codes) => out.file_wide.push(codes),
                Directive::Line(codes) => {
                    let line = file.lines.line_col(node.start_byte()).line;
                    let own_line = file.lines.line_text(source, line)[..].trim_start().starts_with("//");
                    if own_line {
                        // Cover the whole statement or declaration that starts on the next line.
                        let last = statement_after(file, node.end_byte())
                            .filter(|n| file.lines.line_col(n.start_byte()).line == line + 1)
                            .map(|n| file.lines.line_col(n.end_byte()).line)
                            .unwrap_or(line + 1);
                        out.lines.push((line, last.max(line + 1), codes));
                    } else {
                        out.lines.push((line, line, codes));
                    }
                }
            }
            false
        });
        out
    }

    pub fn is_suppressed_at(&self, line: u32, code: &str, family_prefix: &str) -> bool {
        self.file_wide.iter().any(|c| c.covers(code, family_prefix))
            || self
                .lines
                .iter()
                .any(|(first, last, c)| *first <= line && line <= *last && c.covers(code, family_prefix))
    }

    /// Diagnostics are matched by the line they start on.
    pub fn is_suppressed(&self, file: &SourceFile, d: &Diagnostic) -> bool {
        let line = file.lines.line_col(d.range.start).line;
        self.is_suppressed_at(line, d.code, d.family.code_prefix())
    }
}

/// The largest node that starts at the first non-blank byte after `offset`
/// and is not a list or block container: the statement a comment sits above.
fn statement_after(file: &SourceFile, offset: usize) -> Option<crate::syntax::Node<'_>> {
    let rest = file.text.get(offset..)?;
    let start = offset + (rest.len() - rest.trim_start().len());
    let mut node = file.tree.root_node().descendant_for_byte_range(start, start)?;
    while let Some(parent) = node.parent() {
        let container = matches!(parent.kind_name(), "statement_list" | "block" | "source_file");
        if parent.start_byte() != start || container {
            break;
        }
        node = parent;
    }
    Some(node)
}

enum Directive {
    Line(Codes),
    File(Codes),
}

impl Directive {
    fn parse(comment: &str) -> Option<Directive> {
        let body = comment.strip_prefix("//")?;
        if let Some(rest) = body.strip_prefix("nolint") {
            // `//nolint` alone, `//nolint:a,b`, optionally followed by ` // why`.
            let rest = rest.split("//").next().unwrap_or("");
            if rest.trim().is_empty() {
                return Some(Directive::Line(Codes::All));
            }
            let list = rest.strip_prefix(':')?;
            let list = list.split_whitespace().next().unwrap_or("");
            let names: Vec<String> = list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            if names.iter().any(|n| n.eq_ignore_ascii_case("faultline") || n.eq_ignore_ascii_case("all")) {
                return Some(Directive::Line(Codes::All));
            }
            return Some(Directive::Line(Codes::Some(names)));
        }
        let (rest, file_wide) = if let Some(rest) = body.strip_prefix("faultline:ignore") {
            (rest, false)
        } else if let Some(rest) = body.strip_prefix("faultline:file-ignore") {
            (rest, true)
        } else {
            return None;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let first = rest.split_whitespace().next()?;
        let codes: Vec<String> = first.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        let codes = if codes.iter().any(|c| c.eq_ignore_ascii_case("ALL")) { Codes::All } else { Codes::Some(codes) };
        Some(if file_wide { Directive::File(codes) } else { Directive::Line(codes) })
    }
}
