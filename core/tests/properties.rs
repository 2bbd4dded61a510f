//! Property tests (issue #13): position conversions round-trip for arbitrary
//! Unicode, and after any sequence of edits the incrementally maintained file
//! (tree, model, diagnostics) equals a fresh parse of the final text.

use faultline_core::model::{FileModel, FileSummary};
use faultline_core::syntax::FlatTree;
use faultline_core::syntax::{LineCol, LineIndex};
use faultline_core::{Settings, TextRange, Workspace};
use proptest::prelude::*;

/// Text with many line breaks, CRs, multi-byte and astral characters.
fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>(),
            2 => prop::sample::select(vec!['\n', '\r', 'a', 'é', '日', '😀', '\u{10FFFF}', '\u{FEFF}', '\0']),
        ],
        0..200,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Reference (line, UTF-16 column) of a char-boundary offset: lines end at `\n`.
fn reference_utf16(text: &str, offset: usize) -> LineCol {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol { line: before.matches('\n').count() as u32, col: before[line_start..].encode_utf16().count() as u32 }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn offsets_round_trip_through_line_col_and_utf16(text in unicode_text()) {
        let lines = LineIndex::new(&text);
        for offset in 0..=text.len() {
            if !text.is_char_boundary(offset) {
                // Inside a character: the position of the character's start.
                let start = (0..offset).rev().find(|&o| text.is_char_boundary(o)).unwrap_or(0);
                prop_assert_eq!(lines.line_col(offset), lines.line_col(start));
                continue;
            }
            let lc = lines.line_col(offset);
            prop_assert_eq!(lines.offset(lc), offset);
            let wide = lines.line_col_utf16(offset);
            prop_assert_eq!(wide, reference_utf16(&text, offset));
            prop_assert_eq!(lines.offset_utf16(&text, wide), offset);
            prop_assert_eq!(LineIndex::utf16_offset(&text, offset), text[..offset].encode_utf16().count());
        }
        prop_assert_eq!(lines.line_count() as usize, text.matches('\n').count() + 1);
        // Past the end clamps to the end.
        prop_assert_eq!(lines.line_col(text.len() + 7), lines.line_col(text.len()));
    }

    #[test]
    fn utf16_columns_inside_a_pair_or_past_the_line_clamp(text in unicode_text(), line in 0u32..8, col in 0u32..300) {
        let lines = LineIndex::new(&text);
        let offset = lines.offset_utf16(&text, LineCol { line, col });
        prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
        // Never past the requested line's end.
        if let Some((start, end)) = lines.line_range(line) {
            prop_assert!(offset >= start && offset <= end);
        } else {
            prop_assert_eq!(offset, text.len());
        }
        let byte = lines.offset(LineCol { line, col });
        prop_assert!(byte <= text.len());
    }
}

/// Go-ish fragments the edits insert: half-typed code is the normal state.
const FRAGMENTS: &[&str] = &[
    "func f(p *int) int {\n",
    "}\n",
    "{",
    "}",
    "(",
    ")",
    "return *p\n",
    "if p == nil {\n",
    "go func() {\n",
    "}()\n",
    "defer func() { recover() }()\n",
    "var m map[string]int\n",
    "m[\"k\"] = 1\n",
    "x := 1\n",
    "nil",
    "*",
    "\"",
    "`",
    "//nolint\n",
    "// 😀 é\n",
    "\n",
    " ",
    "package main\n",
    "for i := range xs {\n",
    "err",
    ".",
    "é",
    "😀",
];

fn edits() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
    let text = prop::collection::vec(prop::sample::select(FRAGMENTS), 0..4).prop_map(|f| f.concat());
    // Positions are taken modulo the text's length at the time (so they hit
    // everywhere, including inside multi-byte characters).
    prop::collection::vec((any::<usize>(), 0usize..40, text), 1..30)
}

fn same_tree(a: &FlatTree, b: &FlatTree) -> Result<(), TestCaseError> {
    let (mut ca, mut cb) = (a.walk(), b.walk());
    loop {
        let (na, nb) = (ca.node(), cb.node());
        prop_assert_eq!((na.kind(), na.byte_range(), na.is_missing()), (nb.kind(), nb.byte_range(), nb.is_missing()));
        let down = ca.goto_first_child();
        prop_assert_eq!(down, cb.goto_first_child());
        if down {
            continue;
        }
        loop {
            let next = ca.goto_next_sibling();
            prop_assert_eq!(next, cb.goto_next_sibling());
            if next {
                break;
            }
            let up = ca.goto_parent();
            prop_assert_eq!(up, cb.goto_parent());
            if !up {
                return Ok(());
            }
        }
    }
}

const BASE: &str = "package main\n\nimport \"sync\"\n\nfunc f(p *int, mu *sync.Mutex) int {\n\tif p == nil {\n\t\treturn *p\n\t}\n\tgo func() {\n\t\tmu.Lock()\n\t}()\n\treturn 0\n}\n";

/// Applies `edits` (position modulo the text's length, length, new text) to
/// BASE one by one through the workspace, then compares the result with a
/// fresh parse of the same text.
fn edits_match_a_fresh_parse(edits: &[(usize, usize, String)]) -> Result<(), TestCaseError> {
    let mut ws = Workspace::new(Settings::default());
    ws.set_file("p/main.go", BASE.to_string()).unwrap();
    let mut expected = BASE.to_string();
    for (at, len, new_text) in edits {
        let start = at % (expected.len() + 1);
        let end = start + len;
        ws.edit_file("p/main.go", TextRange::new(start, end), new_text).unwrap();
        // The core's documented clamping: to the text, then back to a character start.
        let floor = |mut o: usize| {
            o = o.min(expected.len());
            while !expected.is_char_boundary(o) {
                o -= 1;
            }
            o
        };
        let (s, e) = (floor(start), floor(end));
        expected.replace_range(s..e.max(s), new_text);
        prop_assert_eq!(&ws.file("p/main.go").unwrap().text, &expected);
    }
    let mut fresh = Workspace::new(Settings::default());
    fresh.set_file("p/main.go", expected.clone()).unwrap();
    let (edited, parsed) = (ws.file("p/main.go").unwrap(), fresh.file("p/main.go").unwrap());
    // The flat tree, partly copied from the previous one edit after edit,
    // equals a copy made from scratch of the same tree-sitter tree.
    let scratch = FlatTree::new(edited.ts_tree.as_ref().unwrap(), &edited.text);
    prop_assert!(edited.tree.same_records(&scratch));
    if edited.tree.root_node().has_error() || parsed.tree.root_node().has_error() {
        // tree-sitter recovers from a syntax error differently when it
        // reuses the previous tree than when it parses from scratch (it
        // promises the same tree only for valid text: one seed gave
        // `identifier` after the edits where a fresh parse has `var`). So
        // with errors the property is about faultline's own part: the
        // model and summary copied edit after edit equal those built from
        // scratch on the same tree.
        let model = FileModel::build(&edited.tree, &edited.text);
        let summary = FileSummary::new(&edited.path, &model, &edited.tree, &edited.text);
        prop_assert_eq!(edited.model.fingerprint(), model.fingerprint());
        prop_assert_eq!(format!("{:?}", edited.summary), format!("{summary:?}"));
    } else {
        same_tree(&edited.tree, &parsed.tree)?;
        prop_assert_eq!(ws.check("p/main.go"), fresh.check("p/main.go"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_equal_a_fresh_parse(edits in edits()) {
        edits_match_a_fresh_parse(&edits)?;
    }
}

/// The case that showed tree-sitter's incremental error recovery differing
/// from a fresh parse (an `identifier` where a fresh parse has `var`).
#[test]
fn edits_into_broken_code_keep_the_model_of_their_tree() {
    let edits: Vec<(usize, usize, String)> = [
        (269831663127868528, 22, "return *p\n😀{"),
        (15209372570387640262, 16, "// 😀 é\n{"),
        (2173519580875272738, 20, "var m map[string]int\n}()\nfunc f(p *int) int {\n"),
        (1200221049982036582, 1, ""),
        (1149128593555583971, 3, ".//nolint\ngo func() {\n"),
        (15230395072719095376, 7, "x := 1\nerr*"),
        (2188236990328774037, 23, "}\né{"),
        (1021862722646518656, 7, ""),
        (91601018042172995, 2, "var m map[string]int\nif p == nil {\nm[\"k\"] = 1\n"),
        (43938870620273679, 6, "}"),
        (1051184884258770277, 0, ""),
    ]
    .into_iter()
    .map(|(at, len, text)| (at, len, text.to_string()))
    .collect();
    edits_match_a_fresh_parse(&edits).unwrap();
}
