//! Invariants every analysis must keep, whatever the input.

use faultline_core::fix::{plan_fixes, validate_edits, FixSafety};
use faultline_core::syntax::LineIndex;
use faultline_core::{Diagnostic, SourceFile, TextRange, Workspace};
use faultline_core::syntax::FlatTree;

fn assert_range(text: &str, range: TextRange, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} range {range:?} splits a character"
    );
}

/// Checks `path` and verifies its diagnostics: ranges inside the text on
/// character boundaries, fixes whose edits apply, a fixed text that parses,
/// and line/column conversions that round-trip. Returns the diagnostics.
pub fn check_and_verify(ws: &Workspace, path: &str) -> Vec<Diagnostic> {
    let file = ws.file(path).expect("file in workspace");
    let diagnostics = ws.check(path).expect("file in workspace");
    let text = file.text.as_str();
    for d in &diagnostics {
        assert_range(text, d.range, d.code);
        for related in &d.related {
            assert_range(text, related.range, "related");
        }
        if let Some(fix) = &d.fix {
            assert!(!fix.edits.is_empty(), "{} offers a fix without edits", d.code);
            if let Err(e) = validate_edits(text, &fix.edits) {
                panic!("{} offers a fix that does not apply: {e:?}", d.code);
            }
        }
        round_trip(text, &file.lines, d.range.start);
        round_trip(text, &file.lines, d.range.end);
    }
    let plan = plan_fixes(text, &diagnostics, FixSafety::IncludeUnsafe);
    if !plan.is_empty() {
        let fixed = plan.apply(text);
        SourceFile::new(path, fixed).expect("fixed text parses");
    }
    diagnostics
}

/// byte -> (line, col) -> byte, in bytes and in UTF-16, for a char boundary.
pub fn round_trip(text: &str, lines: &LineIndex, offset: usize) {
    let lc = lines.line_col(offset);
    assert_eq!(lines.offset(lc), offset, "byte line/col round trip at {offset}");
    let wide = lines.line_col_utf16(offset);
    assert_eq!(lines.offset_utf16(text, wide), offset, "UTF-16 line/col round trip at {offset}");
    assert_eq!(wide.line, lc.line);
}

/// The same text, the same syntax tree and the same diagnostics in both.
pub fn assert_same_analysis(incremental: &Workspace, fresh: &Workspace, path: &str) {
    let (a, b) = (incremental.file(path).expect("file"), fresh.file(path).expect("file"));
    assert_eq!(a.text, b.text, "texts differ");
    assert_same_tree(&a.tree, &b.tree);
    assert_eq!(incremental.check(path), fresh.check(path), "incremental and fresh diagnostics differ");
}

/// Walks both trees in lock-step (iteratively: trees may be deep) comparing
/// every node's kind, byte range and missing flag.
pub fn assert_same_tree(a: &FlatTree, b: &FlatTree) {
    let (mut ca, mut cb) = (a.walk(), b.walk());
    loop {
        let (na, nb) = (ca.node(), cb.node());
        assert!(
            na.kind_id() == nb.kind_id()
                && na.byte_range() == nb.byte_range()
                && na.is_missing() == nb.is_missing()
                && ca.field_id() == cb.field_id(),
            "incremental tree differs from a fresh parse: {} {:?} vs {} {:?}",
            na.kind(),
            na.byte_range(),
            nb.kind(),
            nb.byte_range()
        );
        let (da, db) = (ca.goto_first_child(), cb.goto_first_child());
        assert_eq!(da, db, "child count differs under {} {:?}", na.kind(), na.byte_range());
        if da {
            continue;
        }
        loop {
            let (sa, sb) = (ca.goto_next_sibling(), cb.goto_next_sibling());
            assert_eq!(sa, sb, "sibling count differs near {} {:?}", ca.node().kind(), ca.node().byte_range());
            if sa {
                break;
            }
            let (pa, pb) = (ca.goto_parent(), cb.goto_parent());
            assert_eq!(pa, pb);
            if !pa {
                return;
            }
        }
    }
}
