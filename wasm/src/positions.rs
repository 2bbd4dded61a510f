//! Byte offsets (what the core reports) to the positions JavaScript uses:
//! UTF-16 code-unit offsets and 1-based line / UTF-16 column.
//!
//! All offsets one check needs are converted in a single pass over the text
//! (sorted, then walked once), so a file with many findings on one very long
//! line costs O(text + findings log findings), never text x findings.

use serde::Serialize;

/// A position in a JavaScript string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line; lines end at `\n` (a `\r` before it belongs to the line).
    pub line: u32,
    /// 1-based column in UTF-16 code units.
    pub column: u32,
    /// 0-based UTF-16 code-unit offset: `source.slice(start.offset, end.offset)`.
    pub offset: u32,
}

/// Converts the byte offsets it was built with; other offsets are answered
/// by the nearest converted one at or before them.
pub struct PositionMap {
    /// Sorted, deduplicated byte offsets with their positions.
    entries: Vec<(usize, Position)>,
}

impl PositionMap {
    /// Offsets past the end clamp to the end; an offset inside a multi-byte
    /// character moves back to the character's start.
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = offsets.into_iter().map(|o| floor_char_boundary(text, o)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut entries = Vec::with_capacity(wanted.len());
        let mut wanted = wanted.into_iter().peekable();
        let (mut line, mut utf16, mut line_start_utf16) = (1u32, 0u32, 0u32);
        for (byte, ch) in text.char_indices() {
            while wanted.peek() == Some(&byte) {
                entries.push((byte, position(line, utf16, line_start_utf16)));
                wanted.next();
            }
            if wanted.peek().is_none() {
                break;
            }
            utf16 = utf16.saturating_add(ch.len_utf16() as u32);
            if ch == '\n' {
                line = line.saturating_add(1);
                line_start_utf16 = utf16;
            }
        }
        // Whatever is left is the end of the text.
        for byte in wanted {
            entries.push((byte, position(line, utf16, line_start_utf16)));
        }
        Self { entries }
    }

    pub fn get(&self, byte: usize) -> Position {
        let i = self.entries.partition_point(|(b, _)| *b <= byte);
        match i.checked_sub(1).and_then(|i| self.entries.get(i)) {
            Some((_, p)) => *p,
            None => Position { line: 1, column: 1, offset: 0 },
        }
    }

    /// The UTF-16 offset of a byte offset.
    pub fn utf16(&self, byte: usize) -> u32 {
        self.get(byte).offset
    }
}

fn position(line: u32, utf16: u32, line_start_utf16: u32) -> Position {
    Position { line, column: utf16 - line_start_utf16 + 1, offset: utf16 }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32, offset: u32) -> Position {
        Position { line, column, offset }
    }

    #[test]
    fn counts_utf16_units_across_lines() {
        let text = "a😀b\r\n日本x\n";
        let x = text.find('x').unwrap();
        let b = text.find('b').unwrap();
        let map = PositionMap::new(text, [0, b, x, text.len(), 999, 2]);
        assert_eq!(map.get(0), pos(1, 1, 0));
        assert_eq!(map.get(b), pos(1, 4, 3)); // the emoji is two units
        assert_eq!(map.get(x), pos(2, 3, 8)); // "a😀b\r\n" is 6 units, 日本 2
        assert_eq!(map.get(text.len()), pos(3, 1, 10));
        assert_eq!(map.get(999), pos(3, 1, 10));
        assert_eq!(map.get(2), pos(1, 2, 1)); // inside the emoji: its start
    }

    #[test]
    fn agrees_with_a_naive_count() {
        let text = "ab\n\u{FFFD}😀é\r\n\n中文 x";
        let offsets: Vec<usize> = (0..=text.len() + 2).collect();
        let map = PositionMap::new(text, offsets.iter().copied());
        for o in offsets {
            let b = floor_char_boundary(text, o);
            let before = &text[..b];
            let line = before.matches('\n').count() as u32 + 1;
            let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let col = text[line_start..b].encode_utf16().count() as u32 + 1;
            assert_eq!(map.get(o), pos(line, col, before.encode_utf16().count() as u32), "offset {o}");
        }
    }

    #[test]
    fn empty_text_and_no_offsets() {
        assert_eq!(PositionMap::new("", [5]).get(5), pos(1, 1, 0));
        assert_eq!(PositionMap::new("abc", []).get(2), pos(1, 1, 0));
    }
}
