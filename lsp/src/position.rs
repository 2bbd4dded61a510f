//! LSP positions <-> core byte offsets, at the edge only. The client and the
//! server agree on UTF-16 (the protocol's default) or UTF-8 code units during
//! `initialize`. Every conversion clamps: a line past the end, a column past
//! the line's end or inside a surrogate pair lands on the nearest valid offset.

use faultline_core::syntax::{LineCol, LineIndex};
use faultline_core::{SourceFile, TextRange};
use tower_lsp_server::ls_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), else UTF-16.
    pub fn negotiate(capabilities: &ClientCapabilities) -> Self {
        let offered = capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The byte offset of an LSP position in `file`, clamped to a char boundary.
pub fn offset(file: &SourceFile, pos: Position, encoding: Encoding) -> usize {
    offset_in(&file.text, &file.lines, pos, encoding)
}

/// [`offset`] for a text that is not a parsed file (documents over the size limit).
pub fn offset_in(text: &str, lines: &LineIndex, pos: Position, encoding: Encoding) -> usize {
    let lc = LineCol { line: pos.line, col: pos.character };
    let raw = match encoding {
        Encoding::Utf16 => lines.offset_utf16(text, lc),
        Encoding::Utf8 => lines.offset(lc),
    };
    floor_char_boundary(text, raw)
}

pub fn text_range(file: &SourceFile, range: Range, encoding: Encoding) -> TextRange {
    TextRange::new(offset(file, range.start, encoding), offset(file, range.end, encoding))
}

pub fn position(file: &SourceFile, offset: usize, encoding: Encoding) -> Position {
    let lc = match encoding {
        Encoding::Utf16 => file.lines.line_col_utf16(offset),
        Encoding::Utf8 => file.lines.line_col(offset),
    };
    Position { line: lc.line, character: lc.col }
}

pub fn range(file: &SourceFile, range: TextRange, encoding: Encoding) -> Range {
    Range { start: position(file, range.start, encoding), end: position(file, range.end, encoding) }
}

pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest edit turning `old` into `new`: the byte range of `old` to
/// replace and the replacement. Full-document syncs go through this so they
/// also reparse incrementally.
pub fn minimal_edit<'n>(old: &str, new: &'n str) -> (TextRange, &'n str) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let mut suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    (TextRange::new(prefix, a.len() - suffix), &new[prefix..b.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.go", text.to_string()).unwrap()
    }

    #[test]
    fn utf16_and_utf8_round_trip() {
        let f = file("package p\n// 😀 é x\n");
        let x = f.text.find(" x").unwrap() + 1;
        let p16 = position(&f, x, Encoding::Utf16);
        assert_eq!(p16, Position { line: 1, character: 8 }); // "// " 3 + 😀 2 + " " 1 + é 1 + " " 1
        assert_eq!(offset(&f, p16, Encoding::Utf16), x);
        let p8 = position(&f, x, Encoding::Utf8);
        assert_eq!(p8, Position { line: 1, character: 11 });
        assert_eq!(offset(&f, p8, Encoding::Utf8), x);
    }

    #[test]
    fn bad_positions_clamp() {
        let f = file("package p\n// 😀\n");
        let emoji = f.text.find('😀').unwrap();
        // Half a surrogate pair, a byte column inside the emoji, past the line, past the file.
        assert_eq!(offset(&f, Position { line: 1, character: 4 }, Encoding::Utf16), emoji);
        assert_eq!(offset(&f, Position { line: 1, character: 5 }, Encoding::Utf8), emoji);
        assert_eq!(offset(&f, Position { line: 1, character: 99 }, Encoding::Utf16), f.text.len() - 1);
        assert_eq!(offset(&f, Position { line: 99, character: 0 }, Encoding::Utf16), f.text.len());
        assert_eq!(offset(&f, Position { line: u32::MAX, character: u32::MAX }, Encoding::Utf8), f.text.len());
    }

    #[test]
    fn minimal_edit_finds_the_changed_middle() {
        assert_eq!(minimal_edit("abcdef", "abXdef"), (TextRange::new(2, 3), "X"));
        assert_eq!(minimal_edit("aaa", "aaaa"), (TextRange::new(3, 3), "a"));
        assert_eq!(minimal_edit("abc", ""), (TextRange::new(0, 3), ""));
        // Multi-byte characters that share leading bytes are replaced whole.
        assert_eq!(minimal_edit("xé", "xè"), (TextRange::new(1, 3), "è"));
        assert_eq!(minimal_edit("é!", "è!"), (TextRange::new(0, 2), "è"));
    }
}
