//! `--format text`: for people. Each finding shows its source lines with a
//! marker under the range, related spans labelled beside it, and the fix as
//! a patch; then one summary line. Colour is decided by the caller's stream.

use super::positions::Located;
use super::RunResult;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use faultline_core::{Applicability, Diagnostic, Severity, TextEdit};
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, run: &RunResult<'_>, styled: bool) -> io::Result<()> {
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
    for report in run.reports {
        let at = Located::of(&report.source);
        for d in &report.diagnostics {
            writeln!(out, "{}\n", render(&renderer, &report.shown, &at, d))?;
        }
    }
    Ok(())
}

/// With `--fix`, one line per fix applied, e.g.
/// "Fixed a.go:20:3: NIL002 nil-map-write: Initialise `counts` with an empty map literal".
pub fn write_fixed(out: &mut dyn Write, run: &RunResult<'_>) -> io::Result<()> {
    for f in run.fixed.unwrap_or_default() {
        writeln!(out, "Fixed {}:{}:{}: {} {}: {}", f.path, f.start.line, f.start.column, f.code, f.name, f.title)?;
    }
    Ok(())
}

/// The last line of text output, e.g. "Found 3 problems (1 error, 2 warnings) in 2 files; 12 files checked.",
/// after "Fixed 2 problems in 1 file. " with `--fix`.
pub fn summary(run: &RunResult<'_>) -> String {
    match run.fixed {
        Some([]) => format!("No fixes applied. {}", findings_summary(run)),
        Some(fixed) => {
            let files: std::collections::BTreeSet<&str> = fixed.iter().map(|f| f.path.as_str()).collect();
            format!(
                "Fixed {} in {}. {}",
                plural(fixed.len(), "problem", "problems"),
                plural(files.len(), "file", "files"),
                findings_summary(run)
            )
        }
        None => findings_summary(run),
    }
}

fn findings_summary(run: &RunResult<'_>) -> String {
    let checked = plural(run.files_checked, "file", "files");
    let total: usize = run.reports.iter().map(|r| r.diagnostics.len()).sum();
    if total == 0 {
        return format!("No problems found; {checked} checked.");
    }
    let counts: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|&severity| {
            let n = run.reports.iter().flat_map(|r| &r.diagnostics).filter(|d| d.severity == severity).count();
            let (one, many) = match severity {
                Severity::Error => ("error", "errors"),
                Severity::Warning => ("warning", "warnings"),
                Severity::Info => ("info", "infos"),
                Severity::Hint => ("hint", "hints"),
            };
            (n > 0).then(|| plural(n, one, many))
        })
        .collect();
    format!(
        "Found {} ({}) in {}; {checked} checked.",
        plural(total, "problem", "problems"),
        counts.join(", "),
        plural(run.reports.len(), "file", "files"),
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn render(renderer: &Renderer, path: &str, at: &Located<'_>, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name(Some("hint")),
    };
    // One window of whole lines covering the finding and its related spans;
    // annotate-snippets folds the unannotated lines between them.
    let starts = std::iter::once(d.range.start).chain(d.related.iter().map(|r| r.range.start));
    let ends = std::iter::once(d.range.end).chain(d.related.iter().map(|r| r.range.end));
    let (from, to, first_line) = at.line_span(starts.min().unwrap_or(0), ends.max().unwrap_or(0));
    let window = &at.text[from..to];
    let local = |start: usize, end: usize| {
        let s = at.snap(start).clamp(from, to) - from;
        let e = at.snap(end).clamp(from, to) - from;
        s..e.max(s)
    };
    let mut snippet = Snippet::source(window)
        .line_start(first_line)
        .path(path)
        .fold(true)
        .annotation(AnnotationKind::Primary.span(local(d.range.start, d.range.end)));
    for r in &d.related {
        snippet = snippet.annotation(AnnotationKind::Context.span(local(r.range.start, r.range.end)).label(&r.message));
    }
    // A custom rule's name is its id: print it once.
    let id = match d.code == d.name {
        true => d.code.to_string(),
        false => format!("{} {}", d.code, d.name),
    };
    let title = level.primary_title(&d.message).id(id).element(snippet);
    let mut groups = vec![title];
    if let Some(fix) = &d.fix {
        let note = match fix.applicability {
            Applicability::Safe => "",
            Applicability::Unsafe => " (review before applying: it may change behaviour)",
        };
        let help = Level::HELP.secondary_title(format!("fix: {}{note}", fix.title));
        groups.push(match fix_snippet(at, &fix.edits) {
            Some(patches) => Group::with_title(help).element(patches),
            None => Group::with_title(help),
        });
    }
    byte_column_origin(renderer.render(&groups), path, at, d.range.start)
}

/// The renderer's `--> path:line:col` counts characters; every other output
/// (and `go vet`) counts bytes, so the first origin is rewritten to match.
fn byte_column_origin(rendered: String, path: &str, at: &Located<'_>, start: usize) -> String {
    let pos = at.position(start);
    let line_start = pos.offset + 1 - pos.column;
    let chars = at.text.get(line_start..pos.offset).map_or(0, |s| s.chars().count()) + 1;
    if chars == pos.column {
        return rendered;
    }
    let from = format!("{path}:{}:{chars}", pos.line);
    let to = format!("{path}:{}:{}", pos.line, pos.column);
    rendered.replacen(&from, &to, 1)
}

/// The fix's edits as patches on a window of the lines they touch; `None`
/// when the edits overlap (then only the fix's title is shown).
fn fix_snippet<'a>(at: &Located<'a>, edits: &'a [TextEdit]) -> Option<Snippet<'a, Patch<'a>>> {
    let mut spans: Vec<(usize, usize, &str)> =
        edits.iter().map(|e| (at.snap(e.range.start), at.snap(e.range.end), e.new_text.as_str())).collect();
    spans.sort();
    if spans.is_empty() || spans.windows(2).any(|w| w[0].1 > w[1].0) {
        return None;
    }
    let start = spans.first().map_or(0, |s| s.0);
    let end = spans.iter().map(|s| s.1).max().unwrap_or(start);
    let (from, to, first_line) = at.line_span(start, end);
    let patches =
        spans.into_iter().map(|(s, e, text)| Patch::new(s.clamp(from, to) - from..e.clamp(from, to) - from, text));
    Some(Snippet::source(&at.text[from..to]).line_start(first_line).patches(patches))
}
