//! Byte offset <-> (line, column) conversion, wrapping the `line-index` crate.
//! Lines and columns here are 0-based; each edge adds one where its format wants it.

use line_index::{TextSize, WideEncoding, WideLineCol};

/// A 0-based line and column; the column's unit depends on the method that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone)]
pub struct LineIndex {
    inner: line_index::LineIndex,
    len: usize,
    lines: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // The crate counts in u32; a text that large is never analysed (the edges
        // cap file size far below), so index only what fits rather than panic.
        let text = match text.len() >= u32::MAX as usize {
            true => "",
            false => text,
        };
        let inner = line_index::LineIndex::new(text);
        // The line of the end is the number of newlines: no second scan of the text.
        let lines = inner.line_col(TextSize::of(text)).line + 1;
        Self { inner, len: text.len(), lines }
    }

    /// 0-based line and byte column. Offsets past the end clamp to the end; an
    /// offset inside a multi-byte character moves back to the character's start.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.len) as u32;
        loop {
            if let Some(lc) = self.inner.try_line_col(TextSize::new(offset)) {
                return LineCol { line: lc.line, col: lc.col };
            }
            if offset == 0 {
                return LineCol { line: 0, col: 0 };
            }
            offset -= 1;
        }
    }

    /// 0-based line and UTF-16 code-unit column, as LSP and JavaScript count.
    pub fn line_col_utf16(&self, offset: usize) -> LineCol {
        let lc = self.line_col(offset);
        let wide = self.inner.to_wide(WideEncoding::Utf16, line_index::LineCol { line: lc.line, col: lc.col });
        match wide {
            Some(WideLineCol { line, col }) => LineCol { line, col },
            None => lc,
        }
    }

    /// Byte offset of a 0-based (line, byte column), clamped to the line's end
    /// (before its terminator) and to the text's end.
    pub fn offset(&self, pos: LineCol) -> usize {
        match self.line_range(pos.line) {
            Some((start, end)) => (start + pos.col as usize).min(end),
            None => self.len,
        }
    }

    /// Byte offset of a 0-based (line, UTF-16 column). A column inside a surrogate
    /// pair snaps to the character's start; one past the line's end clamps to it.
    pub fn offset_utf16(&self, text: &str, pos: LineCol) -> usize {
        let Some((start, end)) = self.line_range(pos.line) else { return self.len.min(text.len()) };
        let Some(line_text) = text.get(start..end.min(text.len())) else { return text.len() };
        let mut units = 0u32;
        for (i, ch) in line_text.char_indices() {
            let next = units + ch.len_utf16() as u32;
            if pos.col < next {
                return start + i;
            }
            units = next;
        }
        start + line_text.len()
    }

    /// Number of UTF-16 code units before byte `offset` (what JavaScript strings index).
    pub fn utf16_offset(text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        text[..offset].encode_utf16().count()
    }

    pub fn line_count(&self) -> u32 {
        self.lines
    }

    /// The byte range of a 0-based line, without its `\n` or `\r\n` terminator.
    pub fn line_range(&self, line: u32) -> Option<(usize, usize)> {
        if line >= self.lines {
            return None;
        }
        let range = self.inner.line(line)?;
        let start = u32::from(range.start()) as usize;
        let mut end = u32::from(range.end()) as usize;
        if line + 1 < self.lines {
            end = end.saturating_sub(1); // the '\n' that ends it
        }
        Some((start, end.max(start)))
    }

    /// Like [`Self::line_range`] but also without a trailing `\r`.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        let Some((start, end)) = self.line_range(line) else { return "" };
        let s = text.get(start..end).unwrap_or("");
        s.strip_suffix('\r').unwrap_or(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_cjk_and_emoji_columns() {
        let text = "a := \"日本\" // 😀 x\nb";
        let idx = LineIndex::new(text);
        let x = text.find(" x").unwrap() + 1;
        assert_eq!(idx.line_col(x), LineCol { line: 0, col: x as u32 });
        // "a := \"" = 6 units, 日本 = 2, "\" // " = 5, 😀 = 2, " " = 1
        assert_eq!(idx.line_col_utf16(x), LineCol { line: 0, col: 16 });
        assert_eq!(idx.offset_utf16(text, LineCol { line: 0, col: 16 }), x);
        let b = text.find('b').unwrap();
        assert_eq!(idx.line_col(b), LineCol { line: 1, col: 0 });
        assert_eq!(LineIndex::utf16_offset(text, x), 16);
    }

    #[test]
    fn clamps_bad_positions() {
        let text = "😀\nab";
        let idx = LineIndex::new(text);
        // Inside the emoji's bytes and inside its surrogate pair.
        assert_eq!(idx.line_col(2), LineCol { line: 0, col: 0 });
        assert_eq!(idx.offset_utf16(text, LineCol { line: 0, col: 1 }), 0);
        assert_eq!(idx.offset_utf16(text, LineCol { line: 0, col: 9 }), 4);
        assert_eq!(idx.offset_utf16(text, LineCol { line: 7, col: 0 }), text.len());
        assert_eq!(idx.offset(LineCol { line: 1, col: 99 }), text.len());
        assert_eq!(idx.line_col(999), LineCol { line: 1, col: 2 });
        assert_eq!(idx.line_text(text, 0), "😀");
    }
}
