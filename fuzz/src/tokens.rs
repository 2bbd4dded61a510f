//! Grammar-aware mutation: Go text cut into tokens (identifiers, literals,
//! comments, operators, whitespace runs), then spliced, deleted, duplicated,
//! swapped or fed keywords, so the mutants stay close to real half-typed Go.

use arbitrary::Unstructured;
use std::ops::Range;

/// Byte ranges of the tokens of `text`, covering it entirely.
pub fn tokenize(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        i += 1;
        let run = |i: &mut usize, keep: &dyn Fn(u8) -> bool| {
            while *i < bytes.len() && keep(bytes[*i]) {
                *i += 1;
            }
        };
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => run(&mut i, &|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')),
            b'/' if bytes.get(i) == Some(&b'/') => run(&mut i, &|c| c != b'\n'),
            b'/' if bytes.get(i) == Some(&b'*') => {
                i = text[i..].find("*/").map_or(bytes.len(), |e| i + e + 2);
            }
            b'"' | b'\'' | b'`' => {
                while i < bytes.len() && bytes[i] != b && (b == b'`' || bytes[i] != b'\n') {
                    i += if bytes[i] == b'\\' && b != b'`' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 => {
                run(&mut i, &|c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
            }
            _ => {}
        }
        while !text.is_char_boundary(i.min(bytes.len())) {
            i += 1;
        }
        out.push(start..i.min(bytes.len()));
    }
    out
}

/// Tokens worth inserting: Go's keywords and the shapes the rules look at.
pub const VOCABULARY: &[&str] = &[
    "func",
    "go",
    "defer",
    "return",
    "nil",
    "if",
    "else",
    "for",
    "range",
    "var",
    ":=",
    "=",
    "*",
    "&",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    ".",
    "\n",
    "recover()",
    "panic(",
    "err",
    "!= nil",
    "== nil",
    "map[string]int",
    "chan",
    "<-",
    "select",
    "switch",
    "case",
    "default:",
    "type",
    "struct",
    "interface",
    "x",
    "p.f",
    "[]int{}",
    "make(",
    "new(",
    "sync.Mutex",
    "mu.Lock()",
    "wg.Add(1)",
    "//nolint",
    "//faultline:ignore NIL",
    "\"",
    "`",
    "'",
    "/*",
    "*/",
    "😀",
    "é",
    "\r\n",
    "...",
    "...int",
    "go func() {",
    "}()",
    "package main\n",
    "import \"os\"\n",
];

/// Applies up to 8 token-level mutations chosen by `u` to `base`.
pub fn mutate(base: &str, corpus: &[String], u: &mut Unstructured<'_>) -> String {
    let mut pieces: Vec<String> = tokenize(base).into_iter().map(|r| base[r].to_string()).collect();
    let ops = u.int_in_range(1..=8u8).unwrap_or(1);
    for _ in 0..ops {
        let len = pieces.len();
        let Ok(op) = u.int_in_range(0..=5u8) else { break };
        let at = u.choose_index(len + 1).unwrap_or(0);
        let span = u.int_in_range(1..=16usize).unwrap_or(1);
        let end = (at + span).min(len);
        match op {
            // Delete a run of tokens.
            0 => {
                pieces.drain(at..end);
            }
            // Duplicate a run of tokens in place.
            1 => {
                let copy: Vec<String> = pieces[at..end].to_vec();
                pieces.splice(at..at, copy);
            }
            // Splice in a run of tokens from another corpus file.
            2 => {
                let Ok(other) = u.choose(corpus) else { continue };
                let theirs = tokenize(other);
                let from = u.choose_index(theirs.len().max(1)).unwrap_or(0).min(theirs.len());
                let to = (from + span).min(theirs.len());
                let copy: Vec<String> = theirs[from..to].iter().map(|r| other[r.clone()].to_string()).collect();
                pieces.splice(at..at, copy);
            }
            // Insert a keyword or an interesting token.
            3 => {
                let Ok(word) = u.choose(VOCABULARY) else { continue };
                pieces.insert(at, word.to_string());
            }
            // Swap two tokens.
            4 if at < len && end - 1 > at => pieces.swap(at, end - 1),
            // Truncate: the file as it is while being typed.
            _ => pieces.truncate(at),
        }
    }
    let mut out = pieces.concat();
    let mut cut = crate::MAX_INPUT.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_text() {
        let text = "package main // c\nfunc f() { s := \"a\\\"b\"; _ = `x\ny`; é := 'c' }\n/* end";
        let tokens = tokenize(text);
        let joined: String = tokens.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(joined, text);
        assert!(tokens.iter().any(|r| &text[r.clone()] == "\"a\\\"b\""));
        assert!(tokens.iter().any(|r| &text[r.clone()] == "// c"));
    }
}
