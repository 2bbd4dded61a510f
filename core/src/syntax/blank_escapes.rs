//! Escape sequences of string literals, blanked out before a one-time parse.
//!
//! tree-sitter-go makes each escape sequence of an interpreted string literal
//! a node of its own, and a parse spends about 300 ns on each: generated data
//! such as `time/tzdata/zipdata.go` (1.4 MB, 324,000 `\xNN`) parses at 78 ns
//! a byte, against 9 ns once its escapes are spaces. No rule looks inside a
//! string literal's node (rules read a literal's text from the source), so a
//! check that keeps no tree-sitter tree (no custom queries run on it) parses a
//! copy in which every well-formed escape inside an interpreted string is
//! replaced by as many spaces: the same offsets and the same tree, but for the
//! escape nodes and the string content nodes between them.
//!
//! The lexer below finds string literals as Go's lexer and tree-sitter-go's
//! tokens do (comments, raw strings and rune literals can hold a `"`). On
//! broken code tree-sitter's error recovery may read the text differently; the
//! caller then parses the original text again (see `parse::parse_once`).

/// Below this share of backslashes (one in `MIN_DENSITY` bytes), blanking
/// costs more than it saves: the lexer reads every byte (about 1 ns), an
/// escape costs tree-sitter about 300 ns.
const MIN_DENSITY: usize = 64;

/// `text` with its escape sequences blanked, when it has enough of them for
/// that to pay; `None` to parse `text` as it is.
pub fn blanked_if_dense(text: &str) -> Option<String> {
    let backslashes = memchr::memchr_iter(b'\\', text.as_bytes()).count();
    if backslashes == 0 || backslashes.saturating_mul(MIN_DENSITY) < text.len() {
        return None;
    }
    blanked(text)
}

/// `text` with every well-formed escape sequence inside an interpreted string
/// literal replaced by spaces; `None` if there is none.
pub fn blanked(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        i = match byte {
            b'/' => match bytes.get(i + 1) {
                Some(b'/') => end_of_line(bytes, i),
                Some(b'*') => end_of_block_comment(bytes, i),
                _ => i + 1,
            },
            b'`' => memchr::memchr(b'`', &bytes[i + 1..]).map_or(bytes.len(), |n| i + 1 + n + 1),
            b'\'' => i + rune_literal_len(&bytes[i..]).unwrap_or(1),
            b'"' => interpreted_string(bytes, i + 1, &mut out),
            _ => i + 1,
        };
    }
    // Only ASCII bytes were replaced, by ASCII spaces: still UTF-8.
    out.and_then(|bytes| String::from_utf8(bytes).ok())
}

fn end_of_line(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |n| from + n)
}

/// After the `*/` closing the comment opened at `from`; an unclosed comment
/// runs to the end (tree-sitter does not lex it as a comment, but then no
/// escape in it is blanked: the safe side).
fn end_of_block_comment(bytes: &[u8], from: usize) -> usize {
    memchr::memmem::find(&bytes[from + 2..], b"*/").map_or(bytes.len(), |n| from + 2 + n + 2)
}

/// Scans the literal whose first byte after the quote is at `from`, blanking
/// its escapes into `out` (a copy of the text made on the first one); returns
/// where the literal ends. At a newline the literal is unterminated and
/// scanning goes back to code, as in Go's lexer (tree-sitter's too, but after
/// a backslash: see [`other_escape_len`]).
fn interpreted_string(bytes: &[u8], from: usize, out: &mut Option<Vec<u8>>) -> usize {
    let mut i = from;
    while let Some(n) = bytes.get(i..).and_then(|rest| memchr::memchr3(b'"', b'\\', b'\n', rest)) {
        i += n;
        match bytes[i] {
            b'"' => return i + 1,
            b'\n' => return i,
            _ => match escape_len(&bytes[i..]) {
                Some(len) => {
                    let copy = out.get_or_insert_with(|| bytes.to_vec());
                    copy[i..i + len].fill(b' ');
                    i += len;
                }
                None => i += other_escape_len(&bytes[i..]),
            },
        }
    }
    bytes.len()
}

/// The length of the escape sequence at the start of `at` (which starts with
/// a backslash), in the forms both Go and tree-sitter-go accept.
fn escape_len(at: &[u8]) -> Option<usize> {
    let digits = |from: usize, count: usize, is_digit: fn(&u8) -> bool| {
        at.get(from..from + count).filter(|d| d.iter().all(is_digit)).map(|_| from + count)
    };
    match at.get(1)? {
        b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' | b'\'' | b'"' => Some(2),
        b'x' => digits(2, 2, u8::is_ascii_hexdigit),
        b'u' => digits(2, 4, u8::is_ascii_hexdigit),
        b'U' => digits(2, 8, u8::is_ascii_hexdigit),
        b'0'..=b'7' => digits(1, 3, |d| (b'0'..=b'7').contains(d)),
        _ => None,
    }
}

/// The length of what tree-sitter-go reads as an escape sequence at the
/// start of `at` where Go does not (`\8`, `\q`, a backslash at a line's
/// end: the literal goes on past it), left as it is; or 1, the backslash
/// alone, where tree-sitter reads no escape (`\x4`) and reports an error.
fn other_escape_len(at: &[u8]) -> usize {
    match at.get(1) {
        None | Some(b'x' | b'u' | b'U') => 1,
        Some(&next) => 1 + utf8_len(next),
    }
}

/// The length of the rune literal at the start of `at` (which starts with a
/// quote), if tree-sitter-go's `rune_literal` token matches there: one
/// character other than a quote or backslash, or one escape, then a quote.
/// Otherwise tree-sitter's lexer fails on the quote alone, and so does this.
fn rune_literal_len(at: &[u8]) -> Option<usize> {
    let body = match at.get(1)? {
        b'\\' => escape_len(&at[1..])?,
        b'\'' => return None,
        &lead => utf8_len(lead),
    };
    (at.get(1 + body) == Some(&b'\'')).then_some(body + 2)
}

/// The length of the UTF-8 character with this first byte (1 for a byte
/// that cannot start one: the text is valid UTF-8, so never reached).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_in_interpreted_strings_become_spaces() {
        let text = "var s = \"a\\x41\\n\\u00e9\\U0001F600\\101\\\\\\\"z\"\n";
        let want = format!("var s = \"a{}z\"\n", " ".repeat(30));
        assert_eq!(blanked(text), Some(want));
    }

    #[test]
    fn malformed_escapes_are_left_for_the_parser() {
        for text in ["s := \"\\x4\"", "s := \"\\q\"", "s := \"\\u12\"", "s := \"\\8\"", "s := \"\\"] {
            assert_eq!(blanked(text), None, "{text}");
        }
        assert_eq!(blanked("s := \"\\q\\n\"").as_deref(), Some("s := \"\\q  \""));
        // tree-sitter reads a backslash and a line end as an escape, and the
        // string as going on: so must this lexer.
        assert_eq!(blanked("s := \"\\\n\"\\x41\n"), None);
    }

    #[test]
    fn backslashes_outside_interpreted_strings_are_kept() {
        let cases = [
            "// \"\\x41\"\n",
            "/* \"\\x41\" */",
            "s := `\\x41 \"\\n\"`",
            "r := '\\x41'",
            "r := '\"'; t := '\\''",
            // An unterminated string ends at the line's end.
            "s := \"abc\nt := \\x41",
            // An unclosed block comment runs to the end.
            "/* \"\\n\"",
        ];
        for text in cases {
            assert_eq!(blanked(text), None, "{text}");
        }
    }

    #[test]
    fn a_quote_that_starts_no_rune_literal_is_one_byte_of_code() {
        // tree-sitter lexes no rune at `'a"`: the `"` opens a string.
        assert_eq!(blanked("x 'a\"\\n\"").as_deref(), Some("x 'a\"  \""));
        // A rune of one multi-byte character.
        assert_eq!(blanked("r := '世'; s := \"\\n\"").as_deref(), Some("r := '世'; s := \"  \""));
    }

    /// Pieces of Go, whole and broken, around string and rune literals.
    const PIECES: &[&str] = &[
        "\"",
        "'",
        "`",
        "\\",
        "\\x41",
        "\\n",
        "\\\"",
        "\\'",
        "\\u00e9",
        "\\U0001F600",
        "\\101",
        "\\12",
        "\\q",
        "\\x4",
        "\\u12",
        "//",
        "/*",
        "*/",
        "/",
        "*",
        "\n",
        " ",
        "a",
        "世",
        "😀",
        "x := ",
        "func f() {",
        "}",
        "(",
        ")",
        "+",
        "'a'",
        "'\\x00'",
        "\"\\x00\\x01\"",
        "`\\n`",
        "var s = ",
        "\r",
        // Literals and comments that hold a quote of the other kind.
        "'\"'",
        "'\\''",
        "\"'\"",
        "// \"",
        "// '",
        "/* \" */",
        "`\"`",
        "\"\\x41\"",
        "\"`\"",
    ];

    /// Every node as (kind, start, end), but for the nodes blanking removes
    /// or merges: escape sequences and the string content between them.
    fn nodes_but_escapes(tree: &tree_sitter::Tree) -> Vec<(&str, usize, usize)> {
        let mut nodes = Vec::new();
        let mut cursor = tree.walk();
        'walk: loop {
            let node = cursor.node();
            if !matches!(node.kind(), "escape_sequence" | "interpreted_string_literal_content") {
                nodes.push((node.kind(), node.start_byte(), node.end_byte()));
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        nodes
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]

        /// What `parse_once` relies on: a blanked text that parses without
        /// error gives the original's tree, and so the original had no error
        /// to hide; and an original without error stays so when blanked.
        #[test]
        fn a_blanked_parse_without_errors_is_the_original_tree(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..16),
            in_package in proptest::bool::ANY,
        ) {
            let body = pieces.concat();
            let text = if in_package { format!("package p\nvar v = {body}\n") } else { body };
            let Some(blanked) = blanked(&text) else { return Ok(()) };
            proptest::prop_assert_eq!(blanked.len(), text.len());
            let (Some(original), Some(blank)) = (crate::syntax::parse(&text), crate::syntax::parse(&blanked)) else {
                return Err(proptest::test_runner::TestCaseError::fail("no tree"));
            };
            proptest::prop_assert_eq!(original.root_node().has_error(), blank.root_node().has_error(), "{:?}", text);
            if !blank.root_node().has_error() {
                proptest::prop_assert_eq!(nodes_but_escapes(&original), nodes_but_escapes(&blank), "{:?}", text);
            }
        }
    }

    #[test]
    fn only_texts_dense_with_backslashes_are_blanked() {
        let sparse = format!("s := \"\\n\"\n{}", "// padding\n".repeat(20));
        assert_eq!(blanked_if_dense(&sparse), None);
        let dense = format!("s := \"{}\"\n", "\\x00".repeat(100));
        assert_eq!(blanked_if_dense(&dense).map(|s| s.len()), Some(dense.len()));
    }
}
