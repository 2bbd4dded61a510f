//! `--statistics`, `--output-file`, and what reaches a pipe or a terminal
//! (colour and progress only on a terminal, NO_COLOR respected).

use crate::support::{Tree, PANIC_ONE};
use std::process::{Command, Stdio};

const NIL_MAP: &str = "package p\n\nfunc f() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n";

#[test]
fn statistics_count_findings_per_rule() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    tree.write("b.go", PANIC_ONE.replace("calledInPlace", "other"));
    tree.write("c.go", NIL_MAP);
    let run = tree.run(&["check", "--statistics"]);
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "2  PANIC001  [ ] ineffective-recover",
            "1  NIL002    [*] nil-map-write",
            "[*] fixable with --fix",
            "Found 3 problems (1 error, 2 warnings) in 3 files; 3 files checked.",
        ],
        "{run:?}"
    );
    let run = tree.run(&["check", "--statistics", "--format", "json"]);
    assert_eq!(
        run.json(),
        serde_json::json!({"version": 1, "files_checked": 3, "statistics": [
            {"code": "PANIC001", "name": "ineffective-recover", "family": "panic-path", "count": 2, "fixable": 0},
            {"code": "NIL002", "name": "nil-map-write", "family": "nil-contract", "count": 1, "fixable": 1},
        ]})
    );
    let run = tree.run(&["check", "--statistics", "--format", "sarif"]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn output_file_takes_what_stdout_would_get() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json", "--output-file", "out/report.json"]);
    assert_eq!(run.code, 2, "a missing directory is an I/O error: {run:?}");
    let run = tree.run(&["check", "--format", "json", "--output-file", "report.json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    let text = std::fs::read_to_string(tree.path().join("report.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "PANIC001");
    // Text into a file has no colour unless forced.
    let run = tree.run(&["check", "-o", "report.txt"]);
    assert_eq!(run.code, 1, "{run:?}");
    let text = std::fs::read_to_string(tree.path().join("report.txt")).unwrap();
    assert!(text.contains("warning[PANIC001") && !text.contains('\u{1b}'), "{text:?}");
    tree.run(&["check", "-o", "report.txt", "--color", "always"]);
    assert!(std::fs::read_to_string(tree.path().join("report.txt")).unwrap().contains('\u{1b}'));
}

#[test]
fn piped_output_has_no_colour_or_progress_even_with_the_progress_bar_due_at_once() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    tree.write("b.go", NIL_MAP);
    for args in [&["check", "--progress-delay-ms", "0"][..], &["check", "--diff", "--progress-delay-ms", "0"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_faultline"))
            .args(args)
            .current_dir(tree.path())
            .env("FAULTLINE_CACHE_DIR", crate::support::test_cache_dir())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CI")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b), "{out:?}");
        assert!(!out.stdout.is_empty());
    }
}

/// Runs the binary under a pseudo-terminal (util-linux `script`), as a person
/// would; `None` when `script` is not installed.
fn in_terminal(tree: &Tree, args: &str, env: &[(&str, &str)]) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_faultline");
    let mut command = Command::new("script");
    command
        .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .current_dir(tree.path())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI")
        .env("TERM", "xterm")
        .stdin(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_terminal_gets_colour_and_progress_unless_no_color_or_ci() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    let Some(coloured) = in_terminal(&tree, "check --progress-delay-ms 0", &[]) else {
        eprintln!("skipped: `script` is not installed");
        return;
    };
    assert!(coloured.contains("warning") && coloured.contains("\u{1b}["), "colour on a terminal: {coloured:?}");
    assert!(coloured.contains("checking 1/1 files"), "progress on a terminal: {coloured:?}");
    let plain = in_terminal(&tree, "check", &[("NO_COLOR", "1")]).unwrap();
    assert!(plain.contains("warning[PANIC001") && !plain.contains("\u{1b}[3"), "NO_COLOR: {plain:?}");
    let ci = in_terminal(&tree, "check --progress-delay-ms 0", &[("CI", "true")]).unwrap();
    assert!(!ci.contains("checking 1/1 files"), "no progress under CI: {ci:?}");
    let quick = in_terminal(&tree, "check", &[]).unwrap();
    assert!(!quick.contains("checking 1/1"), "no progress for a run under a second: {quick:?}");
}
