//! Suppression comments, tested through the whole pipeline with PANIC001.

use faultline_core::{check_file, SourceFile};

/// Lines (1-based) of PANIC001 findings in `body` placed inside a package.
fn flagged_lines(src: &str) -> Vec<usize> {
    let file = SourceFile::new("s.go", src.to_string()).unwrap();
    check_file(&file, &Default::default(), &Default::default())
        .iter()
        .filter(|d| d.code == "PANIC001")
        .map(|d| file.lines.line_col(d.range.start).line as usize + 1)
        .collect()
}

const CALL: &str = "go func() { recover() }()";

fn program(lines: &[&str]) -> String {
    format!("package p\n\nfunc f() {{\n{}\n}}\n", lines.join("\n"))
}

#[test]
fn unsuppressed_baseline() {
    assert_eq!(flagged_lines(&program(&[CALL])), vec![4]);
}

#[test]
fn nolint_forms_on_the_line() {
    for comment in
        ["//nolint", "//nolint:faultline", "//nolint:PANIC001", "//nolint:errcheck,PANIC001 // why", "//nolint:PANIC"]
    {
        let line = format!("{CALL} {comment}");
        assert_eq!(flagged_lines(&program(&[&line])), Vec::<usize>::new(), "{comment}");
    }
    for comment in ["//nolint:NIL001", "//nolint:errcheck", "// nolint is not a directive with a space"] {
        let line = format!("{CALL} {comment}");
        assert_eq!(flagged_lines(&program(&[&line])), vec![4], "{comment}");
    }
}

#[test]
fn faultline_ignore_on_the_line_above() {
    let src = program(&["//faultline:ignore PANIC001 the goroutine never panics", CALL, CALL]);
    assert_eq!(flagged_lines(&src), vec![6], "covers only the next statement");
    let src = program(&["//faultline:ignore NIL001 wrong code", CALL]);
    assert_eq!(flagged_lines(&src), vec![5]);
}

#[test]
fn own_line_comment_covers_a_whole_statement() {
    let src = program(&["//nolint:PANIC001", "if true {", CALL, "}", CALL]);
    assert_eq!(flagged_lines(&src), vec![8]);
}

#[test]
fn trailing_comment_does_not_leak_to_next_line() {
    let src = program(&["x := 1 //nolint:PANIC001", CALL, "_ = x"]);
    assert_eq!(flagged_lines(&src), vec![5]);
}

#[test]
fn file_ignore() {
    let src = format!("//faultline:file-ignore PANIC001 generated code\n{}", program(&[CALL, CALL]));
    assert_eq!(flagged_lines(&src), Vec::<usize>::new());
    let src = format!("//faultline:file-ignore RACE001\n{}", program(&[CALL]));
    assert_eq!(flagged_lines(&src), vec![5]);
}
