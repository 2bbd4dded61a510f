//! 0: nothing at or above --fail-on; 1: findings; 2: usage, config or I/O
//! errors, which win over findings while every other file is still checked.

use crate::support::{Tree, CLEAN, PANIC_ONE};

#[test]
fn clean_tree_exits_0() {
    let tree = Tree::new();
    tree.write("a.go", CLEAN);
    assert_eq!(tree.run(&["check"]).code, 0);
}

#[test]
fn fail_on_sets_the_threshold() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE); // one warning
    assert_eq!(tree.run(&["check", "--select", "PANIC"]).code, 1);
    assert_eq!(tree.run(&["check", "--select", "PANIC", "--fail-on", "warning"]).code, 1);
    assert_eq!(tree.run(&["check", "--select", "PANIC", "--fail-on", "hint"]).code, 1);
    let run = tree.run(&["check", "--select", "PANIC", "--fail-on", "error", "--format", "json"]);
    assert_eq!(run.code, 0, "a warning is below --fail-on error: {run:?}");
    assert_eq!(run.findings().len(), 1, "findings below the threshold are still reported");
}

#[test]
fn severity_override_in_config_moves_a_finding_across_the_threshold() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    tree.write("faultline.toml", "[severity]\nPANIC001 = \"error\"\n");
    let run = tree.run(&["check", "--fail-on", "error", "--format", "json", "--select", "PANIC001"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.json()["diagnostics"][0]["severity"], "error");
}

#[test]
fn missing_path_exits_2_and_still_checks_the_rest() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json", "nope", "a.go"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("nope: No such file or directory"), "{run:?}");
    assert_eq!(run.findings().len(), 1, "a.go is still checked");
}

#[test]
fn named_non_go_file_exits_2() {
    let tree = Tree::new();
    tree.write("a.go", CLEAN);
    tree.write("notes.txt", "hi");
    let run = tree.run(&["check", "a.go", "notes.txt"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("notes.txt: not a Go file"), "{run:?}");
    assert!(run.stdout.contains("1 file checked"), "{run:?}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_exits_2_and_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let tree = Tree::new();
    let locked = tree.write("locked.go", CLEAN);
    tree.write("a.go", PANIC_ONE);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        return; // running as root: permissions do not stop reads
    }
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("locked.go: cannot read"), "{run:?}");
    assert_eq!(run.findings().len(), 1);
}

#[test]
fn invalid_utf8_is_checked_with_a_warning_and_exact_positions() {
    let tree = Tree::new();
    let mut bytes = b"package p\n\n// caf\xe9\n".to_vec();
    bytes.extend_from_slice(b"func f() {\n\tfunc() { _ = \"\xff\"; recover() }()\n}\n");
    tree.write("latin1.go", &bytes);
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "findings, no error: {run:?}");
    assert!(run.stderr.contains("latin1.go:3:7: not valid UTF-8"), "{run:?}");
    let d = &run.json()["diagnostics"][0];
    let offset = bytes.windows(9).position(|w| w == b"recover()").unwrap();
    assert_eq!(d["start"]["offset"], offset);
    assert_eq!(d["start"]["line"], 5);
}

#[test]
fn oversized_files_are_skipped_with_a_note() {
    let tree = Tree::new();
    tree.write("big.go", PANIC_ONE);
    tree.write("small.go", CLEAN);
    let run = tree.run(&["check", "--max-file-size", "60", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("big.go: skipped"), "{run:?}");
    assert_eq!(run.json()["files_checked"], 1);
}

#[test]
fn usage_errors_exit_2() {
    let tree = Tree::new();
    tree.write("a.go", CLEAN);
    for args in [
        &["check", "--format", "xml"][..],
        &["check", "--select", "NOPE123"],
        &["check", "--ignore", "PANIC001,BOGUS"],
        &["check", "--go", "one"],
        &["check", "--fail-on", "fatal"],
        &["frobnicate"],
    ] {
        let run = tree.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
    let run = tree.run(&["check", "--select", "NOPE123"]);
    assert!(run.stderr.contains("NOPE123"), "{run:?}");
}
