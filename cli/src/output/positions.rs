//! Byte offsets to the positions output formats print: 1-based lines, 1-based
//! byte columns (JSON, GitHub, as `go vet` counts) or UTF-16 columns (SARIF).

use faultline_core::syntax::LineIndex;
use serde::Serialize;

/// One report's text with its line index, built once per file at output time.
pub struct Located<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
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
        Self { text, lines: LineIndex::new(text) }
    }

    /// `offset` clamped to the text and moved back to a character boundary.
    pub fn snap(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = self.snap(offset);
        let lc = self.lines.line_col(offset);
        Position { line: lc.line as usize + 1, column: lc.col as usize + 1, offset }
    }

    /// 1-based line and 1-based UTF-16 code-unit column.
    pub fn utf16(&self, offset: usize) -> (usize, usize) {
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
}
