//! faultline.toml lookup, errors with file:line:col, flags layered on top,
//! excludes, and suppression comments.

use crate::support::{Tree, CLEAN, PANIC_ONE};

#[test]
fn bad_config_names_file_line_and_column_and_other_trees_still_run() {
    let tree = Tree::new();
    tree.write("bad/faultline.toml", "select = [\"PANIC\"]\ncolour = 1\n");
    tree.write("bad/a.go", PANIC_ONE);
    tree.write("good/a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("bad/faultline.toml:2:1:"), "{run:?}");
    assert!(run.stderr.contains("colour"), "{run:?}");
    assert_eq!(run.findings(), [("good/a.go".to_string(), "PANIC001".to_string())]);
}

#[test]
fn unknown_code_in_config_points_at_it() {
    let tree = Tree::new();
    tree.write("faultline.toml", "ignore = [\"PANIC001\", \"NOPE9\"]\n");
    tree.write("a.go", CLEAN);
    let run = tree.run(&["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("faultline.toml:1:23:"), "{run:?}");
    assert!(run.stderr.contains("NOPE9"), "{run:?}");
}

#[test]
fn nearest_config_applies_and_flags_layer_on_top() {
    let tree = Tree::new();
    tree.write("faultline.toml", "ignore = [\"PANIC\"]\n");
    tree.write("a.go", PANIC_ONE);
    tree.write("sub/faultline.toml", "select = [\"ALL\"]\n");
    tree.write("sub/b.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.findings(), [("sub/b.go".to_string(), "PANIC001".to_string())], "{run:?}");
    // --select replaces the config's select; a code beats a family in the config's ignore.
    let run = tree.run(&["check", "--format", "json", "--select", "PANIC001"]);
    assert_eq!(run.findings().len(), 2, "{run:?}");
    // --ignore adds to the config.
    let run = tree.run(&["check", "--format", "json", "--ignore", "panic-path"]);
    assert_eq!(run.findings().len(), 0, "{run:?}");
    assert_eq!(run.code, 0);
    // --no-config and --config.
    let run = tree.run(&["check", "--format", "json", "--no-config"]);
    assert_eq!(run.findings().len(), 2, "{run:?}");
    let run = tree.run(&["check", "--format", "json", "--config", "faultline.toml"]);
    assert_eq!(run.findings().len(), 0, "{run:?}");
}

#[test]
fn explicit_bad_config_is_a_usage_error() {
    let tree = Tree::new();
    tree.write("a.go", CLEAN);
    tree.write("x.toml", "go = \"one\"\n");
    let run = tree.run(&["check", "--config", "x.toml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("x.toml:1:6:"), "{run:?}");
    let run = tree.run(&["check", "--config", "missing.toml"]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn exclude_globs_skip_walked_files_but_not_named_ones() {
    let tree = Tree::new();
    tree.write("faultline.toml", "exclude = [\"gen/**\", \"**/*_gen.go\"]\n");
    tree.write("gen/a.go", PANIC_ONE);
    tree.write("pkg/x_gen.go", PANIC_ONE);
    tree.write("pkg/b.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.findings(), [("pkg/b.go".to_string(), "PANIC001".to_string())], "{run:?}");
    let run = tree.run(&["check", "--format", "json", "gen/a.go"]);
    assert_eq!(run.findings().len(), 1, "{run:?}");
}

#[test]
fn suppression_comments_silence_findings() {
    let tree = Tree::new();
    tree.write("a.go", "package p\n\nfunc f() {\n\tfunc() { recover() }() //nolint:PANIC001\n}\n");
    tree.write(
        "b.go",
        "package p\n\nfunc g() {\n\t//faultline:ignore PANIC001 deliberately\n\tfunc() { recover() }()\n}\n",
    );
    tree.write("c.go", "//faultline:file-ignore PANIC\npackage p\n\nfunc h() {\n\tfunc() { recover() }()\n}\n");
    tree.write("d.go", "package p\n\nfunc i() {\n\tfunc() { recover() }() //nolint:NIL001\n}\n");
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.findings(), [("d.go".to_string(), "PANIC001".to_string())], "{run:?}");
}

/// A goroutine capturing the loop variable: RACE001 only below Go 1.22.
const LOOP_CAPTURE: &str =
    "package p\n\nfunc f(xs []int) {\n\tfor _, x := range xs {\n\t\tgo func() { println(x) }()\n\t}\n}\n";

fn race_findings(tree: &Tree, args: &[&str]) -> usize {
    let mut all = vec!["check", "--format", "json", "--select", "RACE001"];
    all.extend_from_slice(args);
    let run = tree.run(&all);
    assert_ne!(run.code, 2, "{run:?}");
    run.findings().len()
}

#[test]
fn go_version_comes_from_go_work_go_mod_config_and_flag() {
    let tree = Tree::new();
    tree.write("m/go.mod", "module m\n\ngo 1.21\n");
    tree.write("m/p/a.go", LOOP_CAPTURE);
    assert_eq!(race_findings(&tree, &[]), 1, "go.mod says 1.21");
    assert_eq!(race_findings(&tree, &["--go", "1.22"]), 0, "--go overrides go.mod");
    tree.write("m/go.mod", "module m\n\ngo 1.22.3\n");
    assert_eq!(race_findings(&tree, &[]), 0, "go.mod says 1.22");
    assert_eq!(race_findings(&tree, &["--go", "go1.21"]), 1);
    tree.write("m/go.work", "go 1.21\n\nuse .\n");
    assert_eq!(race_findings(&tree, &[]), 0, "go.mod, not go.work, sets the module's language version");
    std::fs::remove_file(tree.path().join("m/go.mod")).unwrap();
    assert_eq!(race_findings(&tree, &[]), 1, "a go.work without a go.mod beside it counts");
    tree.write("m/go.mod", "module m\n\ngo 1.22.3\n");
    tree.write("m/p/go.mod", "module p\n\ngo 1.23\n");
    assert_eq!(race_findings(&tree, &[]), 0, "the nearest module file wins");
    tree.write("m/p/faultline.toml", "go = \"1.20\"\n");
    assert_eq!(race_findings(&tree, &[]), 1, "the config's go overrides go.mod");
    tree.write("m/p/a.go", format!("//go:build go1.22\n\n{LOOP_CAPTURE}"));
    assert_eq!(race_findings(&tree, &["--go", "1.21"]), 0, "a file's //go:build floor wins");
}

const ESCAPE_ONE: &str = "package a\n\nfunc newCounter() *int {\n\tx := 0\n\treturn &x\n}\n";

#[test]
fn escape_hints_run_only_when_selected() {
    let tree = Tree::new();
    tree.write("a.go", ESCAPE_ONE);
    let esc = |run: &crate::support::Run| run.findings().iter().filter(|(_, c)| c.starts_with("ESC")).count();
    let run = tree.run(&["check", "--format", "json", "--fail-on", "hint"]);
    assert_eq!((esc(&run), run.code), (0, 0), "{run:?}");
    for select in ["ESC", "ALL", "ESC001", "escape-hint"] {
        let run = tree.run(&["check", "--format", "json", "--fail-on", "hint", "--select", select]);
        assert_eq!((esc(&run), run.code), (1, 1), "--select {select}: {run:?}");
    }
    // A config `select` turns them on too; `--ignore` still wins over ALL.
    tree.write("faultline.toml", "select = [\"ALL\"]\n");
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(esc(&run), 1, "{run:?}");
    let run = tree.run(&["check", "--format", "json", "--ignore", "ESC"]);
    assert_eq!(esc(&run), 0, "{run:?}");
}
