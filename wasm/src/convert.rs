//! The JavaScript shape of core diagnostics and rule metadata (serialised to
//! plain objects). Field names match `types.d.ts`; change both together.

use crate::positions::{Position, PositionMap};
use faultline_core::{Applicability, Diagnostic, Family, FixAvailability, RuleMeta, Severity};
use serde::Serialize;

#[derive(Serialize)]
pub struct JsDiagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub message: String,
    pub start: Position,
    pub end: Position,
    pub related: Vec<JsRelated>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsFix>,
}

#[derive(Serialize)]
pub struct JsRelated {
    pub message: String,
    pub start: Position,
    pub end: Position,
}

#[derive(Serialize)]
pub struct JsFix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<JsEdit>,
}

/// Replace `source.slice(start, end)` (UTF-16 offsets) with `newText`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsEdit {
    pub start: u32,
    pub end: u32,
    pub new_text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsRule {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    pub summary: &'static str,
    pub fix: FixAvailability,
}

impl From<&RuleMeta> for JsRule {
    fn from(meta: &RuleMeta) -> Self {
        Self {
            code: meta.code,
            name: meta.name,
            family: meta.family,
            default_severity: meta.default_severity,
            summary: meta.summary,
            fix: meta.fix,
        }
    }
}

/// Converts the diagnostics of one file, whose text is `text`.
pub fn diagnostics(text: &str, diagnostics: Vec<Diagnostic>) -> Vec<JsDiagnostic> {
    let offsets = diagnostics.iter().flat_map(|d| {
        let related = d.related.iter().flat_map(|r| [r.range.start, r.range.end]);
        let edits = d.fix.iter().flat_map(|f| f.edits.iter().flat_map(|e| [e.range.start, e.range.end]));
        [d.range.start, d.range.end].into_iter().chain(related).chain(edits)
    });
    let map = PositionMap::new(text, offsets.collect::<Vec<_>>());
    diagnostics
        .into_iter()
        .map(|d| JsDiagnostic {
            code: d.code,
            name: d.name,
            family: d.family,
            severity: d.severity,
            message: d.message,
            start: map.get(d.range.start),
            end: map.get(d.range.end),
            related: d
                .related
                .into_iter()
                .map(|r| JsRelated { message: r.message, start: map.get(r.range.start), end: map.get(r.range.end) })
                .collect(),
            fix: d.fix.map(|f| JsFix {
                title: f.title,
                applicability: f.applicability,
                edits: f
                    .edits
                    .into_iter()
                    .map(|e| JsEdit {
                        start: map.utf16(e.range.start),
                        end: map.utf16(e.range.end),
                        new_text: e.new_text,
                    })
                    .collect(),
            }),
        })
        .collect()
}
