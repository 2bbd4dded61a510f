//! `faultline check -` with and without --stdin-filename.

use crate::support::{Tree, CLEAN, PANIC_ONE};

#[test]
fn reads_stdin_and_names_it() {
    let tree = Tree::new();
    let run = tree.run_stdin(&["check", "--format", "json", "-"], PANIC_ONE);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.findings(), [("<stdin>".to_string(), "PANIC001".to_string())]);
    let run = tree.run_stdin(&["check", "--format", "json", "--stdin-filename", "pkg/x.go", "-"], PANIC_ONE);
    assert_eq!(run.findings(), [("pkg/x.go".to_string(), "PANIC001".to_string())], "{run:?}");
}

#[test]
fn stdin_replaces_the_file_it_is_named_after_and_uses_its_config() {
    let tree = Tree::new();
    tree.write("pkg/x.go", PANIC_ONE);
    tree.write("pkg/y.go", CLEAN);
    let run = tree.run_stdin(&["check", "--format", "json", "--stdin-filename", "pkg/x.go", "-", "pkg"], CLEAN);
    assert_eq!(run.code, 0, "the editor buffer (clean) replaces the file on disk: {run:?}");
    assert_eq!(run.json()["files_checked"], 2);
    tree.write("pkg/faultline.toml", "ignore = [\"PANIC\"]\n");
    let run = tree.run_stdin(&["check", "--format", "json", "--stdin-filename", "pkg/z.go", "-"], PANIC_ONE);
    assert_eq!(run.code, 0, "pkg/faultline.toml applies to stdin named pkg/z.go: {run:?}");
}

#[test]
fn stdin_filename_alone_means_stdin_but_not_beside_other_paths() {
    let tree = Tree::new();
    tree.write("a.go", CLEAN);
    let run = tree.run_stdin(&["check", "--format", "json", "--stdin-filename", "x.go"], PANIC_ONE);
    assert_eq!(run.findings(), [("x.go".to_string(), "PANIC001".to_string())], "{run:?}");
    let run = tree.run(&["check", "--stdin-filename", "x.go", "."]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--stdin-filename"), "{run:?}");
}

#[test]
fn disk_siblings_see_the_stdin_text_not_the_file_it_replaces() {
    // b.go's finding exists only because a.go's helper calls recover().
    let tree = Tree::new();
    tree.write("p/a.go", "package p\n\nfunc helper() {\n\tif r := recover(); r != nil {\n\t\tprintln(r)\n\t}\n}\n");
    tree.write("p/b.go", "package p\n\nfunc uses() {\n\tdefer func() { helper() }()\n}\n");
    let on_disk = tree.run(&["check", "--format", "json", "p"]);
    assert!(on_disk.findings().iter().any(|(p, _)| p == "p/b.go"), "{on_disk:?}");
    let edited = "package p\n\nfunc helper() {}\n";
    let run = tree.run_stdin(&["check", "--format", "json", "--stdin-filename", "p/a.go", "-", "p"], edited);
    assert_eq!(run.findings(), [], "{run:?}");
    assert_eq!(run.json()["files_checked"], 2);
}
