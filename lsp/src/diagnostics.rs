//! Core diagnostics -> LSP diagnostics. Each carries its rule code, a link to
//! the rule's page, related spans, and (in `data`) its fix already converted
//! to LSP edits, so a code action needs no new analysis.

use crate::position::{self, Encoding};
use crate::rule_docs::docs_url;
use faultline_core::{Applicability, ConfigError, Diagnostic, Severity, SourceFile};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    Range, Uri,
};

pub const SOURCE: &str = "faultline";

/// What `data` holds on every faultline diagnostic.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiagnosticData {
    /// The document version the fix's edits were computed against.
    pub version: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fix: Option<FixData>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    /// Safe fixes are preferred quick fixes and go into `source.fixAll.faultline`.
    pub safe: bool,
    pub edits: Vec<lsp::TextEdit>,
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A non-empty message: clients reject or hide empty ones.
fn message_or(message: &str, fallback: &str) -> String {
    match message.trim().is_empty() {
        true => fallback.to_string(),
        false => message.to_string(),
    }
}

pub fn fix_data(file: &SourceFile, d: &Diagnostic, encoding: Encoding) -> Option<FixData> {
    let fix = d.fix.as_ref()?;
    let edits = fix
        .edits
        .iter()
        .map(|e| lsp::TextEdit { range: position::range(file, e.range, encoding), new_text: e.new_text.clone() })
        .collect();
    Some(FixData {
        title: message_or(&fix.title, &format!("Fix {}", d.code)),
        safe: fix.applicability == Applicability::Safe,
        edits,
    })
}

pub fn to_lsp(
    file: &SourceFile,
    uri: &Uri,
    d: &Diagnostic,
    encoding: Encoding,
    version: Option<i32>,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: position::range(file, r.range, encoding) },
            message: message_or(&r.message, "related"),
        })
        .collect();
    let data = DiagnosticData { version, fix: fix_data(file, d, encoding) };
    lsp::Diagnostic {
        range: position::range(file, d.range, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        // Custom rules have no page on the docs site.
        code_description: (d.family != faultline_core::Family::Custom)
            .then(|| docs_url(d.code).parse().ok())
            .flatten()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: message_or(&d.message, d.name),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// A `faultline.toml` problem, shown on the config file itself.
pub fn config_diagnostic(error: &ConfigError) -> lsp::Diagnostic {
    let line = error.line.saturating_sub(1) as u32;
    let col = error.column.saturating_sub(1) as u32;
    lsp::Diagnostic {
        range: Range { start: Position { line, character: col }, end: Position { line, character: col + 1 } },
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message: message_or(&error.message, "invalid faultline.toml"),
        ..Default::default()
    }
}
