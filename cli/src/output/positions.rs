//! Byte offsets to the positions output formats print: 1-based lines, 1-based
//! byte columns (JSON, GitHub, as `go vet` counts) or UTF-16 columns (SARIF).

use faultline_core::syntax::LineIndex;
use faultline_core::Diagnostic;
use serde::Serialize;
use std::borrow::Cow;

/// What output keeps of a checked file's text.
#[derive(Clone)]
pub enum ReportSource {
    /// The whole text: snippets (text format) and fixes need it.
    Text(String),
    /// Only the positions of the offsets its diagnostics name: the formats
    /// without snippets need no more, and a corpus's texts would otherwise
    /// stay in memory until output (issue #12: memory must not grow with it).
    Resolved(ResolvedOffsets),
}

impl ReportSource {
    /// `text` itself, or just the positions `diagnostics` need.
    pub fn new(text: &str, diagnostics: &[Diagnostic], keep_text: bool) -> Self {
        match keep_text {
            true => Self::Text(text.to_string()),
            false => Self::Resolved(ResolvedOffsets::new(&Located::new(text), diagnostics)),
        }
    }

    /// [`ReportSource::new`] for a text whose line index is at hand (a checked
    /// file's): a second index would scan the text again.
    pub fn with_lines(text: &str, lines: &LineIndex, diagnostics: &[Diagnostic], keep_text: bool) -> Self {
        match keep_text {
            true => Self::Text(text.to_string()),
            false => Self::Resolved(ResolvedOffsets::new(&Located::with_lines(text, lines), diagnostics)),
        }
    }

    /// The whole text, when kept.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::Resolved(_) => None,
        }
    }
}

/// Every offset a file's diagnostics name (ranges, related spans, fix edits),
/// sorted, with its position; worked out while the text is at hand.
#[derive(Clone, Default)]
pub struct ResolvedOffsets {
    entries: Vec<ResolvedOffset>,
}

#[derive(Clone, Copy)]
struct ResolvedOffset {
    /// As the diagnostic gives it (the key).
    raw: usize,
    position: Position,
    utf16: (usize, usize),
}

impl ResolvedOffsets {
    fn new(at: &Located<'_>, diagnostics: &[Diagnostic]) -> Self {
        let mut raw: Vec<usize> = diagnostics
            .iter()
            .flat_map(|d| {
                let related = d.related.iter().map(|r| r.range);
                let edits = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.range));
                std::iter::once(d.range).chain(related).chain(edits).flat_map(|r| [r.start, r.end])
            })
            .collect();
        raw.sort_unstable();
        raw.dedup();
        let entries = raw
            .into_iter()
            .map(|raw| ResolvedOffset { raw, position: at.position(raw), utf16: at.utf16(raw) })
            .collect();
        Self { entries }
    }

    /// The entry for `offset`: every offset output asks for was resolved, so
    /// the nearest one before it is only a fallback that cannot panic.
    fn get(&self, offset: usize) -> ResolvedOffset {
        let i = self.entries.partition_point(|e| e.raw <= offset);
        self.entries.get(i.saturating_sub(1)).copied().unwrap_or(ResolvedOffset {
            raw: 0,
            position: Position { line: 1, column: 1, offset: 0 },
            utf16: (1, 1),
        })
    }
}

/// One report's text with its line index (built once per file at output
/// time), or its resolved offsets when the text was not kept.
pub struct Located<'a> {
    /// Empty when the text was not kept.
    pub text: &'a str,
    lines: Cow<'a, LineIndex>,
    resolved: Option<&'a ResolvedOffsets>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    /// 1-based, in bytes.
    pub column: usize,
    /// 0-based byte offset.
    pub offset: usize,
}

impl<'a> Located<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text, lines: Cow::Owned(LineIndex::new(text)), resolved: None }
    }

    /// `text` with its line index, built by whoever has it already.
    pub fn with_lines(text: &'a str, lines: &'a LineIndex) -> Self {
        Self { text, lines: Cow::Borrowed(lines), resolved: None }
    }

    pub fn of(source: &'a ReportSource) -> Self {
        match source {
            ReportSource::Text(text) => Self::new(text),
            ReportSource::Resolved(resolved) => {
                Self { text: "", lines: Cow::Owned(LineIndex::new("")), resolved: Some(resolved) }
            }
        }
    }

    /// `offset` clamped to the text and moved back to a character boundary.
    pub fn snap(&self, offset: usize) -> usize {
        if let Some(resolved) = self.resolved {
            return resolved.get(offset).position.offset;
        }
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn position(&self, offset: usize) -> Position {
        if let Some(resolved) = self.resolved {
            return resolved.get(offset).position;
        }
        let offset = self.snap(offset);
        let lc = self.lines.line_col(offset);
        Position { line: lc.line as usize + 1, column: lc.col as usize + 1, offset }
    }

    /// 1-based line and 1-based UTF-16 code-unit column.
    pub fn utf16(&self, offset: usize) -> (usize, usize) {
        if let Some(resolved) = self.resolved {
            return resolved.get(offset).utf16;
        }
        let lc = self.lines.line_col_utf16(self.snap(offset));
        (lc.line as usize + 1, lc.col as usize + 1)
    }

    /// Byte range of the whole lines that `start..end` touches (without the
    /// last line's terminator), and the 1-based number of the first line.
    pub fn line_span(&self, start: usize, end: usize) -> (usize, usize, usize) {
        let first = self.lines.line_col(self.snap(start)).line;
        let last = self.lines.line_col(self.snap(end)).line;
        let from = self.lines.line_range(first).map_or(0, |(s, _)| s);
        let mut to = self.lines.line_range(last).map_or(self.text.len(), |(_, e)| e).max(from);
        // A CRLF file's last line keeps its `\r`; snippets should not show it.
        if self.text[from..to].ends_with('\r') {
            to -= 1;
        }
        (from, to, first as usize + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_and_utf16_columns() {
        let text = "x\n\t\"日本😀\" + y\n";
        let at = Located::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(at.position(y), Position { line: 2, column: 1 + y - 2, offset: y });
        // tab, quote, 日, 本, 😀 (2 units), quote, space, +, space
        assert_eq!(at.utf16(y), (2, 11));
        assert_eq!(at.position(text.find('本').unwrap() + 1).offset, text.find('本').unwrap());
        assert_eq!(at.line_span(y, y + 1), (2, text.len() - 1, 2));
        let crlf = Located::new("a\r\nbc\r\n");
        assert_eq!(crlf.line_span(3, 4), (3, 5, 2));
    }

    /// Formats without snippets drop the text and keep resolved offsets: they
    /// must print exactly what the text would give, past CJK and emoji.
    #[test]
    fn resolved_offsets_match_the_text() {
        use faultline_core::{check_file, PackageContext, Settings, SourceFile};
        let text = "package p\n\n// 日本語 😀\nfunc f(m map[string]int, p *T) int {\n\tvar n map[string]int // 注释\n\t\
                    n[\"键😀\"] = 1\n\tif p == nil { return p.x }\n\tgo func() { panic(\"💥\") }()\n\treturn m[\"ü\"]\n}\n";
        let file = SourceFile::new("p.go", text.to_string()).unwrap();
        let diagnostics = check_file(&file, &PackageContext::default(), &Settings::default());
        assert!(diagnostics.len() >= 2, "{diagnostics:?}");
        let full = Located::new(text);
        let source = ReportSource::new(text, &diagnostics, false);
        assert!(source.text().is_none());
        let located = Located::of(&source);
        for d in &diagnostics {
            let related = d.related.iter().map(|r| r.range);
            let edits = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.range));
            for offset in std::iter::once(d.range).chain(related).chain(edits).flat_map(|r| [r.start, r.end]) {
                assert_eq!(located.position(offset), full.position(offset));
                assert_eq!(located.utf16(offset), full.utf16(offset));
                assert_eq!(located.snap(offset), full.snap(offset));
            }
        }
        assert!(ReportSource::new(text, &diagnostics, true).text() == Some(text));
        // A checked file's own line index gives the same positions.
        let with_lines = ReportSource::with_lines(text, &file.lines, &diagnostics, false);
        let located = Located::of(&with_lines);
        for d in &diagnostics {
            for offset in [d.range.start, d.range.end] {
                assert_eq!(located.position(offset), full.position(offset));
                assert_eq!(located.utf16(offset), full.utf16(offset));
            }
        }
    }
}
