//! The language server's document state (`faultline_lsp::testing::Session`)
//! under random `didChange` sequences: ranges past the end, inside surrogate
//! pairs, reversed, whole-text replacements, documents crossing the size limit.
//! The text must follow a reference position conversion written here from the
//! LSP spec, and the final tree and diagnostics must equal a fresh analysis.

use crate::{corpus, oracle, tokens, MAX_INPUT};
use arbitrary::Unstructured;
use faultline_core::Workspace;
use faultline_lsp::testing::{Encoding, Position, Range, Session};

const DOCS: [&str; 2] = ["p/a.go", "p/b.go"];

/// Reference LSP position -> byte offset: lines end at `\n`; a column counts
/// UTF-16 code units (or bytes); a column inside a character lands on its
/// start, one past the line's end on the line's end, a line past the end on
/// the text's end.
pub fn reference_offset(text: &str, pos: Position, encoding: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0u64;
    for (i, ch) in text[start..end].char_indices() {
        let width = match encoding {
            Encoding::Utf16 => ch.len_utf16(),
            Encoding::Utf8 => ch.len_utf8(),
        } as u64;
        if u64::from(pos.character) < units + width {
            return start + i;
        }
        units += width;
    }
    end
}

fn position(u: &mut Unstructured<'_>, lines: u32) -> Position {
    let line = match u.int_in_range(0..=15u8).unwrap_or(0) {
        0 => u32::MAX,
        1 => lines + u.int_in_range(0..=3).unwrap_or(0),
        _ => u.int_in_range(0..=lines).unwrap_or(0),
    };
    let character = match u.int_in_range(0..=15u8).unwrap_or(0) {
        0 => u32::MAX,
        1 => u.arbitrary().unwrap_or(0),
        _ => u.int_in_range(0..=40).unwrap_or(0),
    };
    Position { line, character }
}

fn insertion(u: &mut Unstructured<'_>) -> String {
    let mut out = String::new();
    for _ in 0..u.int_in_range(0..=3u8).unwrap_or(0) {
        match u.int_in_range(0..=3u8).unwrap_or(0) {
            0 => out.push_str(u.arbitrary::<&str>().unwrap_or("")),
            _ => out.push_str(u.choose(tokens::VOCABULARY).copied().unwrap_or("")),
        }
    }
    out
}

fn current_text(session: &Session, path: &str) -> Option<String> {
    match session.too_large.get(path) {
        Some(text) => Some(text.clone()),
        None => session.ws.file(path).map(|f| f.text.clone()),
    }
}

pub fn edit_sequence(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mut session = Session::default();
    session.encoding = if u.ratio(1, 4).unwrap_or(false) { Encoding::Utf8 } else { Encoding::Utf16 };
    if u.ratio(1, 4).unwrap_or(false) {
        session.client.max_file_bytes = u.int_in_range(0..=4096).unwrap_or(0);
    }
    let files = corpus::fixture_files();
    let mut expected: Vec<String> = Vec::new();
    for path in DOCS {
        let text = match u.choose(files) {
            Ok(f) if u.ratio(3, 4).unwrap_or(false) => f.clone(),
            _ => insertion(&mut u),
        };
        session.open_text(path, text.clone());
        expected.push(text);
    }
    let steps = u.int_in_range(1..=64u8).unwrap_or(1);
    for _ in 0..steps {
        let doc = u.choose_index(DOCS.len()).unwrap_or(0);
        let path = DOCS[doc];
        let text = &mut expected[doc];
        let lines = text.matches('\n').count() as u32 + 1;
        match u.int_in_range(0..=9u8).unwrap_or(0) {
            // A whole-document change (what clients without incremental sync send).
            0 => {
                let mut new = text.clone();
                let cut = crate::edits::reference_offset(&new, position(&mut u, lines), session.encoding);
                new.insert_str(cut, &insertion(&mut u));
                session.apply_change(path, None, &new);
                *text = new;
            }
            // Ask for diagnostics mid-sequence (exercises the cache).
            1 => {
                let _ = session.diagnostics(path);
            }
            _ => {
                let range = Range { start: position(&mut u, lines), end: position(&mut u, lines) };
                let new = insertion(&mut u);
                let start = reference_offset(text, range.start, session.encoding);
                let end = reference_offset(text, range.end, session.encoding);
                session.apply_change(path, Some(range), &new);
                if start <= end {
                    text.replace_range(start..end, &new);
                } else {
                    // A reversed range is invalid LSP; any safe outcome is fine.
                    *text = current_text(&session, path).expect("open document");
                }
            }
        }
        let actual = current_text(&session, path).expect("open document");
        assert_eq!(actual, *text, "document text diverged from the reference edits");
        if text.len() > MAX_INPUT {
            break;
        }
    }
    // The final state equals a fresh analysis of the final texts.
    let mut fresh = Workspace::new(session.settings_for(DOCS[0]));
    for (path, text) in DOCS.iter().zip(&expected) {
        if !session.too_large.contains_key(*path) {
            fresh.set_file(path, text.clone()).expect("parse");
        }
    }
    for path in DOCS {
        let Some(file) = session.ws.file(path) else { continue };
        let fresh_file = fresh.file(path).expect("fresh file");
        oracle::assert_same_tree(&file.tree, &fresh_file.tree);
        let incremental = session.diagnostics(path).expect("diagnostics");
        let want = oracle::check_and_verify(&fresh, path);
        assert_eq!(*incremental, want, "incremental diagnostics differ from a fresh check");
    }
}
