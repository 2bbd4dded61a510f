//! Directory walking: .gitignore, hidden files, vendor/ and testdata/.

use crate::support::{Tree, PANIC_ONE};

fn paths(tree: &Tree, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = tree.run(&all);
    assert_ne!(run.code, 2, "{run:?}");
    run.findings().into_iter().map(|(p, _)| p).collect()
}

#[test]
fn honours_gitignore_without_a_git_repository() {
    let tree = Tree::new();
    tree.write(".gitignore", "ignored/\nskip_me.go\n");
    tree.write("ignored/a.go", PANIC_ONE);
    tree.write("skip_me.go", PANIC_ONE);
    tree.write("kept.go", PANIC_ONE);
    tree.write(".hidden/a.go", PANIC_ONE);
    assert_eq!(paths(&tree, &[]), ["kept.go"]);
    // Named files are checked even when ignored.
    assert_eq!(paths(&tree, &["skip_me.go"]), ["skip_me.go"]);
}

#[test]
fn skips_vendor_and_testdata_unless_named() {
    let tree = Tree::new();
    tree.write("vendor/v/a.go", PANIC_ONE);
    tree.write("pkg/testdata/t.go", PANIC_ONE);
    tree.write("pkg/testdata/deeper/u.go", PANIC_ONE);
    tree.write("pkg/p.go", PANIC_ONE);
    assert_eq!(paths(&tree, &[]), ["pkg/p.go"]);
    assert_eq!(paths(&tree, &["pkg"]), ["pkg/p.go"]);
    assert_eq!(paths(&tree, &["pkg/testdata"]), ["pkg/testdata/deeper/u.go", "pkg/testdata/t.go"]);
    assert_eq!(paths(&tree, &["pkg/testdata/deeper"]), ["pkg/testdata/deeper/u.go"]);
    assert_eq!(paths(&tree, &["pkg/testdata/t.go"]), ["pkg/testdata/t.go"]);
    assert_eq!(paths(&tree, &["vendor"]), ["vendor/v/a.go"]);
}

#[test]
fn go_style_wildcards_name_the_directory() {
    let tree = Tree::new();
    tree.write("pkg/sub/a.go", PANIC_ONE);
    tree.write("b.go", PANIC_ONE);
    assert_eq!(paths(&tree, &["./..."]), ["b.go", "pkg/sub/a.go"]);
    assert_eq!(paths(&tree, &["pkg/..."]), ["pkg/sub/a.go"]);
}

#[test]
fn a_directory_named_like_a_go_file_is_walked_not_read() {
    let tree = Tree::new();
    tree.write("weird.go/inner.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.findings()[0].0, "weird.go/inner.go");
}

#[test]
fn files_named_twice_are_checked_once() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "json", "a.go", ".", "./a.go"]);
    assert_eq!(run.json()["files_checked"], 1, "{run:?}");
    assert_eq!(run.findings().len(), 1);
}

#[test]
fn malformed_go_is_checked_without_errors() {
    let tree = Tree::new();
    tree.write("broken.go", "package p\n\nfunc f( {\n\tfunc() { recover() }()\n");
    tree.write("empty.go", "");
    tree.write("nonsense.go", "}}}{{{ 日本 \u{0}\u{7}");
    let run = tree.run(&["check", "--format", "json"]);
    assert_ne!(run.code, 2, "{run:?}");
    assert_eq!(run.json()["files_checked"], 3);
}

#[test]
fn a_file_named_alone_sees_its_package() {
    // `check p/b.go` reports what `check p` reports for b.go: its siblings are
    // read as package context. PANIC001 flags b.go's `defer func() { helper() }()`
    // only because a.go's summary says helper calls recover().
    let tree = Tree::new();
    tree.write("p/a.go", "package p\n\nfunc helper() {\n\tif r := recover(); r != nil {\n\t\tprintln(r)\n\t}\n}\n");
    tree.write("p/b.go", "package p\n\nfunc uses() {\n\tdefer func() { helper() }()\n}\n");
    let whole = tree.run(&["check", "--format", "json", "p"]);
    let alone = tree.run(&["check", "--format", "json", "p/b.go"]);
    let in_b: Vec<serde_json::Value> =
        whole.json()["diagnostics"].as_array().unwrap().iter().filter(|d| d["path"] == "p/b.go").cloned().collect();
    assert!(!in_b.is_empty(), "cross-file finding expected in b.go: {whole:?}");
    assert_eq!(alone.json()["diagnostics"].as_array().unwrap(), &in_b, "{alone:?}");
    assert_eq!(alone.json()["files_checked"], 1);
    // The memory-saving path for huge directories (summaries first, then one
    // tree at a time) gives the same result.
    let reparsed = tree.run(&["check", "--format", "json", "--keep-trees-budget", "0", "p"]);
    assert_eq!(reparsed.stdout, whole.stdout);
}

#[test]
fn a_linked_sibling_is_package_context_and_a_directory_is_not() {
    // Siblings are told apart by the type the directory listing gives: a
    // link to a file is read (the go command builds it too); a directory
    // named like a Go file is not.
    let tree = Tree::new();
    tree.write("real/h.go", "package p\n\nfunc helper() {\n\tif r := recover(); r != nil {\n\t\tprintln(r)\n\t}\n}\n");
    tree.write("p/b.go", "package p\n\nfunc uses() {\n\tdefer func() { helper() }()\n}\n");
    tree.write("p/dir.go/inner.go", "package inner\n");
    let b_codes = |run: &crate::support::Run| -> Vec<String> {
        run.findings().into_iter().filter(|(p, _)| p == "p/b.go").map(|(_, code)| code).collect()
    };
    let without_link = tree.run(&["check", "--format", "json", "--select", "PANIC001", "p/b.go"]);
    assert_eq!(without_link.code, 0, "{without_link:?}");
    assert!(b_codes(&without_link).is_empty(), "{without_link:?}");
    std::os::unix::fs::symlink(tree.path().join("real/h.go"), tree.path().join("p/h.go")).unwrap();
    let with_link = tree.run(&["check", "--format", "json", "--select", "PANIC001", "p/b.go"]);
    assert_eq!(b_codes(&with_link), ["PANIC001"], "{with_link:?}");
    assert_eq!(with_link.json()["files_checked"], 1);
    assert_eq!(with_link.stderr, "", "{with_link:?}");
}

#[test]
fn siblings_are_the_files_the_target_builds() {
    // helper() calls recover() only in its windows variant, so b.go's
    // `defer func() { helper() }()` is flagged (PANIC001) when GOOS is
    // windows, not on linux, where b.go is built with h_other.go alone.
    let tree = Tree::new();
    tree.write(
        "p/h_windows.go",
        "package p\n\nfunc helper() {\n\tif r := recover(); r != nil {\n\t\tprintln(r)\n\t}\n}\n",
    );
    tree.write("p/h_other.go", "// 別の実装 🪟\n//go:build !windows\n\npackage p\n\nfunc helper() {}\n");
    tree.write("p/b.go", "package p\n\nfunc uses() {\n\tdefer func() { helper() }()\n}\n");
    let in_b = |goos: &str, path: &str| -> Vec<serde_json::Value> {
        let run = tree.run_env(&["check", "--format", "json", "--select", "PANIC", path], &[("GOOS", goos)]);
        assert_ne!(run.code, 2, "{run:?}");
        run.json()["diagnostics"].as_array().unwrap().iter().filter(|d| d["path"] == "p/b.go").cloned().collect()
    };
    let windows = in_b("windows", "p");
    assert_eq!(windows.iter().map(|d| d["code"].as_str().unwrap()).collect::<Vec<_>>(), ["PANIC001"]);
    assert_eq!(in_b("windows", "p/b.go"), windows);
    assert_eq!(in_b("linux", "p"), Vec::<serde_json::Value>::new());
    assert_eq!(in_b("linux", "p/b.go"), Vec::<serde_json::Value>::new());
    // A checked file the target does not build sees every sibling: on
    // linux, h_windows.go still sees b.go's package.
    let run = tree.run_env(&["check", "--format", "json", "p/h_windows.go"], &[("GOOS", "linux")]);
    assert_eq!(run.json()["files_checked"], 1, "{run:?}");
}

#[test]
fn build_tags_from_the_flag_or_goflags_choose_the_siblings() {
    // helper() recovers only in the variant built with `-tags safe`.
    let tree = Tree::new();
    tree.write(
        "p/h_safe.go",
        "//go:build safe\n\npackage p\n\nfunc helper() {\n\tif r := recover(); r != nil {\n\t\tprintln(r)\n\t}\n}\n",
    );
    tree.write("p/h_plain.go", "//go:build !safe\n\npackage p\n\nfunc helper() {}\n");
    tree.write("p/b.go", "package p\n\nfunc uses() {\n\tdefer func() { helper() }()\n}\n");
    let codes_in_b = |args: &[&str], goflags: &str| -> Vec<String> {
        // With the result cache: the tags are part of its key.
        let mut argv = vec!["check", "--format", "json", "--select", "PANIC001"];
        argv.extend_from_slice(args);
        argv.push("p/b.go");
        let run = tree.run_env(&argv, &[("GOFLAGS", goflags)]);
        assert_ne!(run.code, 2, "{run:?}");
        run.findings().into_iter().filter(|(p, _)| p == "p/b.go").map(|(_, code)| code).collect()
    };
    assert_eq!(codes_in_b(&[], ""), Vec::<String>::new());
    assert_eq!(codes_in_b(&["--tags", "other,safe"], ""), ["PANIC001"]);
    assert_eq!(codes_in_b(&[], "-mod=mod -tags=safe"), ["PANIC001"]);
    // The flag replaces GOFLAGS' tags, as on go's command line.
    assert_eq!(codes_in_b(&["--tags", "other"], "-tags=safe"), Vec::<String>::new());
}
