//! `--fix`, `--unsafe-fixes` and `--diff` on temp copies of every core
//! fixture, with LF and CRLF line breaks: idempotence, files without fixes
//! untouched, permissions and line breaks kept, no syntax broken, and the
//! diff describing exactly what `--fix` writes.

use crate::support::{run_in, Tree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures_root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures")).to_path_buf()
}

/// Every `<CODE>/<case>` directory.
fn fixture_cases() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for code in std::fs::read_dir(fixtures_root()).unwrap() {
        let code = code.unwrap().path();
        if !code.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&code).unwrap() {
            let case = case.unwrap().path();
            if case.is_dir() {
                cases.push(case);
            }
        }
    }
    cases.sort();
    assert!(cases.len() >= 5, "fixtures not found: {cases:?}");
    cases
}

/// Copies the files of `from` into `to`, with CRLF line breaks when asked.
fn copy_case(from: &Path, to: &Path, crlf: bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let mut bytes = std::fs::read(&path).unwrap();
            if crlf {
                bytes = String::from_utf8(bytes).unwrap().replace('\n', "\r\n").into_bytes();
            }
            std::fs::write(to.join(path.file_name().unwrap()), bytes).unwrap();
        }
    }
}

/// Name -> (content, modification time, mode) of every file in `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime, u32)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::metadata(&path).unwrap();
        #[cfg(unix)]
        let mode = std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o7777;
        #[cfg(not(unix))]
        let mode = 0;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.insert(name, (std::fs::read(&path).unwrap(), meta.modified().unwrap(), mode));
    }
    out
}

fn has_syntax_error(text: &[u8]) -> bool {
    let text = String::from_utf8_lossy(text);
    faultline_core::syntax::parse(&text).unwrap().root_node().has_error()
}

/// `--fix` twice and `--diff` before and after, on one copied case.
fn check_case(case: &Path, crlf: bool, unsafe_fixes: bool) -> usize {
    let tree = Tree::new();
    let dir = tree.path().join("case");
    copy_case(case, &dir, crlf);
    #[cfg(unix)]
    for entry in std::fs::read_dir(&dir).unwrap() {
        use std::os::unix::fs::PermissionsExt;
        let path = entry.unwrap().path();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let extra: &[&str] = if unsafe_fixes { &["--unsafe-fixes"] } else { &[] };
    let args = |mode: &'static str| -> Vec<&'static str> {
        let mut args = vec!["check", mode, "--no-config", "--fail-on", "error"];
        args.extend_from_slice(extra);
        args.push(".");
        args
    };
    let label = format!("{} crlf={crlf} unsafe={unsafe_fixes}", case.display());
    let before = snapshot(&dir);
    // Modification times must be able to differ.
    std::thread::sleep(std::time::Duration::from_millis(20));

    let diff = run_in(&dir, &args("--diff"), None);
    assert_ne!(diff.code, 2, "{label}: {diff:?}");
    assert_eq!(snapshot(&dir), before, "{label}: --diff writes nothing");

    let fix = run_in(&dir, &args("--fix"), None);
    assert_ne!(fix.code, 2, "{label}: {fix:?}");
    assert!(!fix.stderr.contains("not fixed") && !fix.stderr.contains("still changing"), "{label}: {fix:?}");
    let after = snapshot(&dir);
    let mut changed = 0;
    for (name, (old, old_time, _)) in &before {
        let (new, new_time, mode) = &after[name];
        if new == old {
            assert_eq!(new_time, old_time, "{label}: {name} has no fix and must not be rewritten");
            assert!(!diff.stdout.contains(&format!("a/{name}\n")), "{label}: {name} is in the diff: {diff:?}");
            continue;
        }
        changed += 1;
        assert!(diff.stdout.contains(&format!("--- a/{name}\n")), "{label}: {name} missing from the diff: {diff:?}");
        assert_eq!(*mode, 0o640, "{label}: {name} keeps its permissions");
        if crlf {
            let bare_lf = new.windows(2).filter(|w| w[1] == b'\n' && w[0] != b'\r').count()
                + usize::from(new.first() == Some(&b'\n'));
            assert_eq!(bare_lf, 0, "{label}: {name} stays CRLF:\n{}", String::from_utf8_lossy(new));
        }
        if !has_syntax_error(old) {
            assert!(
                !has_syntax_error(new),
                "{label}: the fix broke the syntax of {name}:\n{}",
                String::from_utf8_lossy(new)
            );
        }
    }
    assert_eq!(after.len(), before.len(), "{label}: no temporary files left: {:?}", after.keys());
    assert_eq!(diff.code, if changed > 0 { 1 } else { 0 }, "{label}: --diff exits 1 exactly when there is a diff");
    if changed > 0 {
        assert!(fix.stdout.contains("Fixed "), "{label}: {fix:?}");
    }

    // Idempotent: a second --fix changes nothing and --diff shows nothing.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = run_in(&dir, &args("--fix"), None);
    assert!(again.stdout.contains("No fixes applied."), "{label}: {again:?}");
    assert_eq!(snapshot(&dir), after, "{label}: a second --fix must change nothing");
    let diff_again = run_in(&dir, &args("--diff"), None);
    assert_eq!((diff_again.code, diff_again.stdout.as_str()), (0, ""), "{label}: {diff_again:?}");
    changed
}

#[test]
fn fix_and_diff_on_every_fixture() {
    // Every case runs, so one failure does not hide the others.
    let mut changed = 0;
    let mut failures = Vec::new();
    for case in fixture_cases() {
        for (crlf, unsafe_fixes) in [(false, false), (true, false), (false, true)] {
            match std::panic::catch_unwind(|| check_case(&case, crlf, unsafe_fixes)) {
                Ok(n) => changed += n,
                Err(e) => {
                    let message = e.downcast_ref::<String>().cloned().unwrap_or_default();
                    failures.push(message.chars().take(1500).collect::<String>());
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{failures:#?}", failures.len());
    assert!(changed >= 5, "some fixtures have fixes: {changed}");
}

/// A nil map write (NIL002, safe fix) in a file with another file beside it.
const NIL_MAP: &str = "package p\n\nfunc f() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n";

#[test]
fn the_diff_applies_to_exactly_what_fix_writes() {
    let tree = Tree::new();
    tree.write("a.go", NIL_MAP);
    let run = tree.run(&["check", "--diff"]);
    assert_eq!(run.code, 1, "{run:?}");
    let expected = "--- a/a.go\n+++ b/a.go\n@@ -1,6 +1,6 @@\n package p\n \n func f() {\n-\tvar m map[string]int\n+\tm := map[string]int{}\n \tm[\"a\"] = 1\n }\n";
    assert_eq!(run.stdout, expected);
    assert!(run.stderr.contains("Would fix 1 problem in 1 file."), "{run:?}");
    assert!(!run.stdout.contains('\u{1b}'), "no colour in a pipe");

    let run = tree.run(&["check", "--fix", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json = run.json();
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert_eq!(json["fixed"][0]["code"], "NIL002");
    assert_eq!(json["fixed"][0]["path"], "a.go");
    assert_eq!(json["fixed"][0]["start"]["line"], 5);
    assert_eq!(
        std::fs::read_to_string(tree.path().join("a.go")).unwrap(),
        NIL_MAP.replace("var m map[string]int", "m := map[string]int{}")
    );
}

#[test]
fn fix_reports_what_was_fixed_and_what_remains() {
    let tree = Tree::new();
    tree.write("a.go", NIL_MAP);
    tree.write("b.go", crate::support::PANIC_ONE);
    let run = tree.run(&["check", "--fix"]);
    assert_eq!(run.code, 1, "the PANIC001 finding remains: {run:?}");
    assert!(run.stdout.contains("Fixed a.go:5:2: NIL002 nil-map-write: Initialise `m`"), "{run:?}");
    assert!(run.stdout.contains("warning[PANIC001"), "{run:?}");
    assert!(!run.stdout.contains("NIL002 nil-map-write]"), "the fixed finding is gone: {run:?}");
    assert!(
        run.stdout
            .trim_end()
            .ends_with("Fixed 1 problem in 1 file. Found 1 problem (1 warning) in 1 file; 2 files checked."),
        "{run:?}"
    );
}

#[test]
fn stdin_can_be_diffed_but_not_fixed() {
    let tree = Tree::new();
    let run = tree.run_stdin(&["check", "--diff", "--stdin-filename", "x/a.go"], NIL_MAP);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.starts_with("--- a/x/a.go\n+++ b/x/a.go\n"), "{run:?}");
    let run = tree.run_stdin(&["check", "--fix", "-"], NIL_MAP);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--fix cannot write to stdin"), "{run:?}");
    let run = tree.run(&["check", "--diff", "--format", "json"]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn files_that_are_not_utf8_are_not_rewritten() {
    let tree = Tree::new();
    let mut bytes = NIL_MAP.as_bytes().to_vec();
    bytes.extend_from_slice(b"// caf\xe9\n");
    let path = tree.write("a.go", &bytes);
    let run = tree.run(&["check", "--fix"]);
    assert!(run.stderr.contains("a.go: not fixed: the file is not valid UTF-8"), "{run:?}");
    assert_eq!(std::fs::read(path).unwrap(), bytes);
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_fixed_through_the_link() {
    let tree = Tree::new();
    let real = tree.write("real/a.go", NIL_MAP);
    std::fs::create_dir_all(tree.path().join("pkg")).unwrap();
    std::os::unix::fs::symlink(&real, tree.path().join("pkg/a.go")).unwrap();
    let run = tree.run(&["check", "--fix", "pkg"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(std::fs::symlink_metadata(tree.path().join("pkg/a.go")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(real).unwrap().contains("m := map[string]int{}"));
}

/// Ctrl-C during `--fix` at several moments of the run (fractions of the time
/// a whole run takes): every file is either as it was or completely fixed,
/// and no temporary file is left.
#[cfg(unix)]
#[test]
fn an_interrupted_fix_leaves_only_whole_files() {
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};
    const FILES: usize = 200;
    let fixed = NIL_MAP.replace("var m map[string]int", "m := map[string]int{}");
    let start = |tree: &Tree| -> Child {
        for i in 0..FILES {
            tree.write(&format!("d{}/f{i}.go", i % 20), NIL_MAP);
        }
        Command::new(env!("CARGO_BIN_EXE_faultline"))
            .args(["check", "--fix", "--format", "json"])
            .current_dir(tree.path())
            .env("FAULTLINE_CACHE_DIR", crate::support::test_cache_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let whole_run = {
        let tree = Tree::new();
        let began = Instant::now();
        assert_eq!(start(&tree).wait().unwrap().code(), Some(0));
        began.elapsed()
    };
    let mut outcomes = Vec::new();
    for fraction in [0.3, 0.6, 0.85] {
        let tree = Tree::new();
        let mut child = start(&tree);
        std::thread::sleep(Duration::from_secs_f64(whole_run.as_secs_f64() * fraction));
        let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
        let status = child.wait().unwrap();
        let (mut old, mut new) = (0, 0);
        for entry in walk(tree.path()) {
            let name = entry.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.ends_with(".go"), "left behind: {entry:?}");
            let text = std::fs::read_to_string(&entry).unwrap();
            if text == NIL_MAP {
                old += 1;
            } else {
                assert_eq!(text, fixed, "{entry:?} is neither the original nor the fixed file");
                new += 1;
            }
        }
        assert_eq!(old + new, FILES);
        assert!(matches!(status.code(), Some(0 | 130)), "{status:?}");
        outcomes.push((fraction, status.code(), old, new));
    }
    eprintln!("whole run {whole_run:?}; (fraction, exit, untouched, fixed): {outcomes:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
