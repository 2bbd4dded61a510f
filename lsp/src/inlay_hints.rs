//! Escape hints as inlay hints: `→ heap` after each ESC finding's range, with
//! the finding's message as the tooltip. Only when the `inlayHints` setting is
//! on; the findings stay diagnostics too (hint severity by default).

use crate::position;
use crate::session::Session;
use faultline_core::Family;
use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip, Range};

pub const LABEL: &str = "→ heap";

/// ESC findings that do not mark an allocation site: a leaking parameter
/// (ESC006), and ESC007, which repeats the site of an ESC001/004/005 finding.
const NOT_ALLOCATION_SITES: &[&str] = &["ESC006", "ESC007"];

pub fn inlay_hints(s: &mut Session, path: &str, range: Range) -> Vec<InlayHint> {
    if !s.client.inlay_hints {
        return Vec::new();
    }
    let encoding = s.encoding;
    let Some(diags) = s.diagnostics(path) else { return Vec::new() };
    let Some(file) = s.ws.file(path) else { return Vec::new() };
    let wanted = position::text_range(file, range, encoding);
    diags
        .iter()
        .filter(|d| d.family == Family::EscapeHint && !NOT_ALLOCATION_SITES.contains(&d.code))
        .filter(|d| d.range.end >= wanted.start && d.range.end <= wanted.end)
        .map(|d| InlayHint {
            position: position::position(file, d.range.end, encoding),
            label: InlayHintLabel::String(LABEL.to_string()),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(format!("{}: {}", d.code, d.message))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}
