//! Where a byte of a decoded TOML string came from in the TOML source, so an
//! error inside a query or template points at the right line and column.

use std::ops::Range;

/// Decoded byte offset -> source byte offset of one string value.
pub struct StringMap {
    offsets: Vec<usize>,
    /// Source offset just past the content (before the closing quote).
    end: usize,
}

impl StringMap {
    /// `span` is the string token's span in `source`, quotes included.
    pub fn new(source: &str, span: Range<usize>, decoded_len: usize) -> Self {
        let raw = source.get(span.clone()).unwrap_or("");
        let (quote, multiline) = if raw.starts_with("\"\"\"") {
            ("\"\"\"", true)
        } else if raw.starts_with("'''") {
            ("'''", true)
        } else if raw.starts_with('\'') {
            ("'", false)
        } else {
            ("\"", false)
        };
        let mut start = span.start + quote.len().min(raw.len());
        let end = span.end.saturating_sub(quote.len()).max(start);
        if multiline {
            // A newline right after the opening delimiter is not part of the value.
            let rest = source.get(start..end).unwrap_or("");
            if rest.starts_with("\r\n") {
                start += 2;
            } else if rest.starts_with('\n') {
                start += 1;
            }
        }
        let content = source.get(start..end).unwrap_or("");
        let offsets = if quote.starts_with('\'') {
            (0..content.len()).map(|i| start + i).collect()
        } else {
            decode_basic(content, start, multiline)
        };
        if offsets.len() != decoded_len {
            // Something this decoder does not know: point at the string's start.
            return Self { offsets: Vec::new(), end: start };
        }
        Self { offsets, end }
    }

    /// The source offset of decoded byte `offset` (the end for offsets past it).
    pub fn source_offset(&self, offset: usize) -> usize {
        self.offsets.get(offset).copied().unwrap_or(self.end)
    }
}

/// One entry per decoded byte, for a basic ("...") string's content.
fn decode_basic(content: &str, base: usize, multiline: bool) -> Vec<usize> {
    let bytes = content.as_bytes();
    let mut out = Vec::with_capacity(content.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(base + i);
            i += 1;
            continue;
        }
        let at = base + i;
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        let (decoded_len, raw_len) = match next {
            b'b' | b't' | b'n' | b'f' | b'r' | b'"' | b'\\' | b'e' => (1, 2),
            b'x' => (char_len(content.get(i + 2..i + 4)), 4),
            b'u' => (char_len(content.get(i + 2..i + 6)), 6),
            b'U' => (char_len(content.get(i + 2..i + 10)), 10),
            _ if multiline => {
                // Line-ending backslash: the newline and following whitespace vanish.
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
                    j += 1;
                }
                (0, (j - i).max(1))
            }
            _ => (1, 2),
        };
        out.extend(std::iter::repeat_n(at, decoded_len));
        i += raw_len;
    }
    out
}

fn char_len(hex: Option<&str>) -> usize {
    hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32).map(char::len_utf8).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(source: &str, decoded: &str) -> StringMap {
        let start = source.find(['"', '\'']).unwrap();
        StringMap::new(source, start..source.trim_end().len(), decoded.len())
    }

    #[test]
    fn literal_and_basic_strings() {
        let src = "q = '(call) @x'";
        assert_eq!(&src[map(src, "(call) @x").source_offset(7)..][..2], "@x");
        let src = "q = \"a\\\"b@x\"";
        let m = map(src, "a\"b@x");
        assert_eq!(&src[m.source_offset(3)..][..2], "@x");
        let src = "q = '''\n(a)\n  @x'''";
        let m = map(src, "(a)\n  @x");
        assert_eq!(&src[m.source_offset(6)..][..2], "@x");
        let src = "q = \"\"\"\n(a) \\\n   @x\"\"\"";
        let m = map(src, "(a) @x");
        assert_eq!(&src[m.source_offset(4)..][..2], "@x");
    }
}
