//! Hover on a finding's range shows what the rule finds and how to fix it.

use crate::position;
use crate::rule_docs::hover_markdown;
use crate::session::Session;
use faultline_core::rule_by_code;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

pub fn hover(s: &mut Session, path: &str, pos: Position) -> Option<Hover> {
    let encoding = s.encoding;
    let diags = s.diagnostics(path)?;
    let file = s.ws.file(path)?;
    let offset = position::offset(file, pos, encoding);
    // Inclusive end so the cursor just after a finding still shows it.
    let hits: Vec<_> = diags.iter().filter(|d| d.range.start <= offset && offset <= d.range.end).collect();
    let first = hits.first()?;
    let mut sections = Vec::new();
    for d in &hits {
        let Some(rule) = rule_by_code(d.code) else { continue };
        sections.push(hover_markdown(rule.meta(), &d.message));
    }
    (!sections.is_empty()).then(|| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: Some(position::range(file, first.range, encoding)),
    })
}
