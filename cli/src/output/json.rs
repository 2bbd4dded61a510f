//! `--format json`: one object, shaped exactly as the CLI contract says
//! (docs/cli.md). `related` is always an array and `fix` is always present,
//! `null` when there is no fix, so consumers never need to test for a key.

use super::positions::{Located, Position};
use super::RunResult;
use crate::analyze::FileReport;
use faultline_core::{Diagnostic, Family, Severity};
use serde::Serialize;
use std::io::{self, Write};

/// Bumped only for incompatible changes to this shape.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: Diagnostics<'a>,
    /// Only with `--fix`: the fixes applied; `diagnostics` are what remains.
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<Vec<JsonFixed<'a>>>,
}

/// Every report's diagnostics, converted one at a time while they are
/// written (a corpus's worth of converted diagnostics never sits in memory).
struct Diagnostics<'a>(&'a [FileReport]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|report| {
            let at = Located::of(&report.source);
            report.diagnostics.iter().map(move |d| convert(&report.shown, &at, d))
        }))
    }
}

#[derive(Serialize)]
struct JsonFixed<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    title: &'a str,
    /// Where the finding was before the fix.
    start: Position,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    family: Family,
    severity: Severity,
    message: &'a str,
    start: Position,
    end: Position,
    related: Vec<JsonRelated<'a>>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    new_text: &'a str,
}

pub fn write(out: &mut dyn Write, run: &RunResult<'_>) -> io::Result<()> {
    let fixed = run.fixed.map(|items| {
        items
            .iter()
            .map(|f| JsonFixed { path: &f.path, code: f.code, name: f.name, title: &f.title, start: f.start })
            .collect()
    });
    let diagnostics = Diagnostics(run.reports);
    let output = Output { version: JSON_VERSION, files_checked: run.files_checked, diagnostics, fixed };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}

fn convert<'a>(path: &'a str, at: &Located<'_>, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path,
        code: d.code,
        name: d.name,
        family: d.family,
        severity: d.severity,
        message: &d.message,
        start: at.position(d.range.start),
        end: at.position(d.range.end),
        related: d
            .related
            .iter()
            .map(|r| JsonRelated {
                message: &r.message,
                start: at.position(r.range.start),
                end: at.position(r.range.end),
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            title: &f.title,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit { start: at.snap(e.range.start), end: at.snap(e.range.end), new_text: &e.new_text })
                .collect(),
        }),
    }
}
