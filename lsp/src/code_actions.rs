//! Code actions: each finding's fix as a quick fix (taken from the
//! diagnostic's `data`), "suppress CODE on this line", and
//! `source.fixAll.faultline` applying every safe fix at once.

use crate::diagnostics::{fix_data, DiagnosticData, FixData, SOURCE};
use crate::position::{self, Encoding};
use crate::session::Session;
use faultline_core::fix::{plan_fixes, FixSafety};
use faultline_core::SourceFile;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, NumberOrString, Uri, WorkspaceEdit,
};

pub const FIX_ALL_KIND: CodeActionKind = CodeActionKind::new("source.fixAll.faultline");

fn wants(only: Option<&Vec<CodeActionKind>>, kind: &CodeActionKind) -> bool {
    let Some(only) = only else { return true };
    only.iter().any(|o| {
        let o = o.as_str();
        kind.as_str() == o || kind.as_str().strip_prefix(o).is_some_and(|rest| rest.starts_with('.'))
    })
}

fn edit(uri: &Uri, edits: Vec<lsp::TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
}

fn code_of(d: &lsp::Diagnostic) -> Option<&str> {
    match &d.code {
        Some(NumberOrString::String(code)) if d.source.as_deref() == Some(SOURCE) => Some(code),
        _ => None,
    }
}

pub fn code_actions(s: &mut Session, path: &str, uri: &Uri, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_ref();
    let version = s.open.get(path).map(|d| d.version);
    let encoding = s.encoding;
    let mut out = Vec::new();
    let mut suppressed = Vec::new();
    for d in &params.context.diagnostics {
        let Some(code) = code_of(d) else { continue };
        if wants(only, &CodeActionKind::QUICKFIX) {
            if let Some(fix) = fix_for(s, path, d, code, version) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(edit(uri, fix.edits)),
                    is_preferred: Some(fix.safe),
                    ..Default::default()
                }));
            }
            let key = (code.to_string(), d.range.start.line);
            if !suppressed.contains(&key) {
                if let Some(e) = s.ws.file(path).and_then(|f| suppress_edit(f, d.range.start.line, code, encoding)) {
                    out.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: format!("Suppress {code} on this line"),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![d.clone()]),
                        edit: Some(edit(uri, vec![e])),
                        is_preferred: Some(false),
                        ..Default::default()
                    }));
                }
                suppressed.push(key);
            }
        }
    }
    if wants(only, &FIX_ALL_KIND) {
        if let Some(edits) = fix_all_edits(s, path) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safe faultline findings".to_string(),
                kind: Some(FIX_ALL_KIND),
                edit: Some(edit(uri, edits)),
                ..Default::default()
            }));
        }
    }
    out
}

/// The fix in the diagnostic's `data` when it was computed for the current
/// version; otherwise the matching finding of the current analysis (cached).
fn fix_for(s: &mut Session, path: &str, d: &lsp::Diagnostic, code: &str, version: Option<i32>) -> Option<FixData> {
    let data: Option<DiagnosticData> = d.data.clone().and_then(|v| serde_json::from_value(v).ok());
    if let Some(data) = data.filter(|data| data.version == version) {
        return data.fix;
    }
    let encoding = s.encoding;
    let diags = s.diagnostics(path)?;
    let file = s.ws.file(path)?;
    diags
        .iter()
        .find(|c| c.code == code && position::range(file, c.range, encoding) == d.range)
        .and_then(|c| fix_data(file, c, encoding))
}

/// Every safe fix of the file that does not conflict with one chosen before it.
pub fn fix_all_edits(s: &mut Session, path: &str) -> Option<Vec<lsp::TextEdit>> {
    let encoding = s.encoding;
    let diags = s.diagnostics(path)?;
    let file = s.ws.file(path)?;
    // The same choice of non-conflicting safe fixes as `faultline check --fix`.
    let plan = plan_fixes(&file.text, &diags, FixSafety::SafeOnly);
    let edits: Vec<lsp::TextEdit> = plan
        .edits
        .iter()
        .map(|e| lsp::TextEdit { range: position::range(file, e.range, encoding), new_text: e.new_text.clone() })
        .collect();
    (!edits.is_empty()).then_some(edits)
}

/// The edit that adds `//nolint:CODE` to a line: into an existing `//nolint:`
/// list, before a trailing `//` comment, or at the end of the line. `None` when
/// the line ends inside a multi-line string or comment, where a comment cannot go.
pub fn suppress_edit(file: &SourceFile, line: u32, code: &str, encoding: Encoding) -> Option<lsp::TextEdit> {
    let (start, _) = file.lines.line_range(line)?;
    let line_text = file.lines.line_text(&file.text, line);
    let eol = start + line_text.len();
    let root = file.tree.root_node();
    let last = (eol > start).then(|| root.descendant_for_byte_range(eol - 1, eol)).flatten();
    let trailing_comment = last.filter(|n| n.kind() == "comment" && n.end_byte() <= eol && n.start_byte() >= start);
    if let Some(node) = last {
        // A raw string or block comment running past the end of the line.
        let mut n = Some(node);
        while let Some(cur) = n {
            if cur.end_byte() > eol
                && cur.start_byte() < eol
                && matches!(cur.kind(), "raw_string_literal" | "interpreted_string_literal" | "comment")
            {
                return None;
            }
            n = cur.parent();
        }
    }
    let (at, text) = match trailing_comment {
        Some(c) => {
            let comment = &file.text[c.start_byte()..c.end_byte()];
            match comment.strip_prefix("//nolint:") {
                Some(list) => {
                    let len = list.find(|ch: char| ch.is_whitespace() || ch == '/').unwrap_or(list.len());
                    (c.start_byte() + "//nolint:".len() + len, format!(",{code}"))
                }
                None if comment.starts_with("//") => (c.start_byte(), format!("//nolint:{code} ")),
                None => (eol, format!(" //nolint:{code}")),
            }
        }
        None => (eol, format!(" //nolint:{code}")),
    };
    let pos = position::position(file, at, encoding);
    Some(lsp::TextEdit { range: lsp::Range { start: pos, end: pos }, new_text: text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, line: u32) -> Option<String> {
        let file = SourceFile::new("a.go", text.to_string()).unwrap();
        let e = suppress_edit(&file, line, "PANIC001", Encoding::Utf8)?;
        let at = position::offset(&file, e.range.start, Encoding::Utf8);
        let mut out = text.to_string();
        out.insert_str(at, &e.new_text);
        Some(out)
    }

    #[test]
    fn suppress_edits_keep_the_code_valid() {
        let src = "package p\nfunc f() {\n\tgo func() { recover() }()\n}\n";
        assert_eq!(apply(src, 2).unwrap(), src.replace("}()\n}", "}() //nolint:PANIC001\n}"));
        let src = "package p\nfunc f() {\n\tgo func() { recover() }() // why\n}\n";
        assert!(apply(src, 2).unwrap().contains("}() //nolint:PANIC001 // why\n"));
        let src = "package p\nfunc f() {\n\tgo func() { recover() }() //nolint:errcheck // why\n}\n";
        assert!(apply(src, 2).unwrap().contains("//nolint:errcheck,PANIC001 // why\n"));
        let src = "package p\nvar s = `a\nb`\n";
        assert_eq!(apply(src, 1), None);
        let src = "package p\r\nvar x = 1\r\n";
        assert_eq!(apply(src, 1).unwrap(), "package p\r\nvar x = 1 //nolint:PANIC001\r\n");
    }
}
