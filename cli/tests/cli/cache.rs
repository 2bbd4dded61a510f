//! The result cache: a second run of unchanged files answers from it with the
//! same output, and any change to what a directory's results depend on (a
//! file, a sibling, the settings, the Go version, a custom rule) is a miss.

use crate::support::{run_in, Tree};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// PANIC001 (ineffective recover), with CJK and emoji before it on its line
/// and in a comment: positions must survive the round trip.
const RECOVER: &str =
    "package p\n\n// 日本語 🙂 comment\nfunc f() {\n\ts := \"日本🙂\"; func() { recover() }()\n\t_ = s\n}\n";

/// `publish` derefs its parameter; a nil call in a sibling file is NIL003.
const PAGE: &str =
    "package site\n\ntype Page struct{ Title string }\n\nfunc publish(p *Page) {\n\tprintln(p.Title)\n}\n";
const USE: &str = "package site\n\nfunc use() {\n\tpublish(nil)\n}\n";

fn slots(cache: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(cache.join("results-v1")) {
        Ok(entries) => {
            entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect()
        }
        Err(_) => Vec::new(),
    }
}

fn check(tree: &Tree, cache: &Path, args: &[&str]) -> crate::support::Run {
    let mut all = vec!["check", "--cache-dir", cache.to_str().unwrap()];
    all.extend_from_slice(args);
    run_in(tree.path(), &all, None)
}

#[test]
fn a_second_run_prints_exactly_what_the_first_did_in_every_format() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    tree.write("p/a.go", RECOVER);
    tree.write("p/clean.go", "package p\n\nfunc g() {}\n");
    tree.write("q/b.go", RECOVER);
    for format in ["text", "json", "sarif", "github"] {
        let first = check(&tree, cache.path(), &["--format", format, "--select", "ALL"]);
        let second = check(&tree, cache.path(), &["--format", format, "--select", "ALL"]);
        assert_eq!(first.code, 1, "{first:?}");
        assert_eq!((first.code, &first.stdout, &first.stderr), (second.code, &second.stdout, &second.stderr));
    }
    let run = check(&tree, cache.path(), &["--format", "json"]);
    let diagnostic = &run.json()["diagnostics"][0];
    // Line 5, byte column 30: a tab, `s := "日本🙂"; ` (19 bytes) and `func() { `.
    let start = &diagnostic["start"];
    assert_eq!(
        (diagnostic["code"].as_str(), &start["line"], &start["column"]),
        (Some("PANIC001"), &5.into(), &30.into())
    );
    assert_eq!(run.json()["files_checked"], 3, "{run:?}");
    // One slot per directory and settings: json/sarif/github/text share them.
    assert_eq!(slots(cache.path()).len(), 4, "two directories, two selections");
    assert!(cache.path().join("CACHEDIR.TAG").is_file());
}

/// The proof that hits are read rather than recomputed: an entry edited on
/// disk (its key intact) shows in the output, until the file changes.
#[test]
fn hits_come_from_the_entry_and_a_changed_file_is_checked_again() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    tree.write("a.go", RECOVER);
    let first = check(&tree, cache.path(), &["--format", "json"]);
    let [slot] = slots(cache.path()).try_into().unwrap();
    let entry = std::fs::read_to_string(&slot).unwrap();
    let message = first.json()["diagnostics"][0]["message"].as_str().unwrap().to_string();
    std::fs::write(&slot, entry.replace(&message, "from the cache")).unwrap();
    let hit = check(&tree, cache.path(), &["--format", "json"]);
    assert_eq!(hit.json()["diagnostics"][0]["message"], "from the cache", "{hit:?}");

    tree.write("a.go", RECOVER.replace("func f()", "func renamed()"));
    let miss = check(&tree, cache.path(), &["--format", "json"]);
    assert_eq!(miss.json()["diagnostics"][0]["message"].as_str(), Some(message.as_str()), "{miss:?}");
    assert_eq!(slots(cache.path()).len(), 1, "the slot is overwritten, not added to");
}

#[test]
fn a_changed_sibling_is_a_miss_for_the_files_that_did_not_change() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    tree.write("site/page.go", PAGE);
    tree.write("site/use.go", USE);
    let codes = |tree: &Tree| check(tree, cache.path(), &["--format", "json", "--select", "NIL003"]).findings();
    assert_eq!(codes(&tree), [("site/use.go".to_string(), "NIL003".to_string())]);
    assert_eq!(codes(&tree).len(), 1);
    // use.go is unchanged; its finding depended on page.go, which now checks for nil.
    tree.write("site/page.go", PAGE.replace("\tprintln(p.Title)", "\tif p != nil {\n\t\tprintln(p.Title)\n\t}"));
    assert_eq!(codes(&tree), []);
}

#[test]
fn settings_go_versions_and_custom_rules_are_part_of_the_key() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    tree.write("go.mod", "module m\n\ngo 1.21\n");
    tree.write(
        "p/a.go",
        "package p\n\nfunc f(xs []int) {\n\tfor _, x := range xs {\n\t\tgo func() { println(x) }()\n\t}\n}\n",
    );
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        check(&tree, cache.path(), &all).findings().into_iter().map(|(_, code)| code).collect()
    };
    for _ in 0..2 {
        assert_eq!(codes(&["--select", "RACE001"]), ["RACE001"]);
        assert_eq!(codes(&["--select", "RACE001", "--go", "1.22"]), Vec::<String>::new());
        assert_eq!(codes(&["--select", "PANIC"]), Vec::<String>::new());
    }
    tree.write("go.mod", "module m\n\ngo 1.22\n");
    assert_eq!(codes(&["--select", "RACE001"]), Vec::<String>::new(), "go.mod's version changed");

    let rule = "[[rule]]\nid = \"no-println\"\nmessage = \"MESSAGE\"\nquery = '((call_expression function: (identifier) @f) @match (#eq? @f \"println\"))'\n";
    tree.write(".faultline/rules/team.toml", rule.replace("MESSAGE", "first"));
    let message = || check(&tree, cache.path(), &["--format", "json"]).json()["diagnostics"][0]["message"].clone();
    assert_eq!(message(), "first");
    assert_eq!(message(), "first");
    tree.write(".faultline/rules/team.toml", rule.replace("MESSAGE", "second"));
    assert_eq!(message(), "second", "the rule file changed");
}

#[test]
fn no_cache_writes_nothing_and_a_broken_cache_is_ignored() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    tree.write("a.go", RECOVER);
    let plain = check(&tree, cache.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(plain.code, 1, "{plain:?}");
    assert!(slots(cache.path()).is_empty());
    let stored = check(&tree, cache.path(), &["--format", "json"]);
    for slot in slots(cache.path()) {
        std::fs::write(slot, b"{\"key\": not json \xff").unwrap();
    }
    let broken = check(&tree, cache.path(), &["--format", "json"]);
    assert_eq!((broken.code, &broken.stdout, broken.stderr.as_str()), (plain.code, &plain.stdout, ""));
    assert_eq!(stored.stdout, plain.stdout);
    // A cache directory that cannot be created is no error either.
    let blocked = tree.write("not-a-dir", "a file");
    let run = check(&tree, &blocked.join("cache"), &["--format", "json"]);
    assert_eq!((run.code, &run.stdout, run.stderr.as_str()), (plain.code, &plain.stdout, ""));
}

/// Stdin and `--fix` passes are transient: they neither read nor write slots.
#[test]
fn stdin_is_not_cached() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    let args = ["check", "--cache-dir", cache.path().to_str().unwrap(), "--format", "json", "--stdin-filename", "a.go"];
    let run = run_in(tree.path(), &args, Some(RECOVER));
    assert_eq!(run.findings(), [("a.go".to_string(), "PANIC001".to_string())], "{run:?}");
    assert!(slots(cache.path()).is_empty());
}

fn set_age(path: &Path, age: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

fn age(path: &Path) -> Duration {
    SystemTime::now().duration_since(std::fs::metadata(path).unwrap().modified().unwrap()).unwrap_or_default()
}

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Slots idle for two weeks go, at most once a day; a hit keeps its slot alive.
#[test]
fn slots_unused_for_two_weeks_are_trimmed_once_a_day() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    tree.write("p/a.go", RECOVER);
    tree.write("q/b.go", RECOVER);
    let q = |tree: &Tree| check(tree, cache.path(), &["--format", "json", "q"]);
    let both = check(&tree, cache.path(), &["--format", "json"]);
    assert_eq!(both.findings().len(), 2, "{both:?}");
    // Each slot names the files it has findings for.
    let slot_of = |file: &str| -> PathBuf {
        slots(cache.path()).into_iter().find(|s| std::fs::read_to_string(s).unwrap().contains(file)).unwrap()
    };
    let (p_slot, q_slot) = (slot_of("p/a.go"), slot_of("q/b.go"));
    assert_ne!(p_slot, q_slot);

    // No trim yet: p's slot, three weeks idle, is deleted by the next run
    // (which checks only q); a temporary file a killed run left goes too.
    let leftover = tree.write("leftover", "");
    let leftover = std::fs::rename(&leftover, cache.path().join("results-v1/.tmpKILLED"))
        .map(|()| cache.path().join("results-v1/.tmpKILLED"))
        .unwrap();
    set_age(&leftover, 2 * DAY);
    set_age(&p_slot, 21 * DAY);
    set_age(&q_slot, Duration::from_secs(2 * 60 * 60));
    assert_eq!(q(&tree).findings().len(), 1);
    assert!(!p_slot.exists() && !leftover.exists());
    assert!(age(&q_slot) < Duration::from_secs(600), "the hit refreshed q's slot: {:?}", age(&q_slot));
    assert!(cache.path().join("trim.txt").is_file());

    // The trim ran today: an idle slot stays until a day has passed.
    check(&tree, cache.path(), &["--format", "json"]);
    set_age(&p_slot, 21 * DAY);
    q(&tree);
    assert!(p_slot.exists(), "trimmed twice in one day");
    set_age(&cache.path().join("trim.txt"), DAY + Duration::from_secs(60));
    q(&tree);
    assert!(!p_slot.exists(), "a day later the idle slot goes");
    assert!(q_slot.exists());
    // A slot idle for less than two weeks stays.
    check(&tree, cache.path(), &["--format", "json"]);
    set_age(&p_slot, 13 * DAY);
    set_age(&cache.path().join("trim.txt"), 2 * DAY);
    q(&tree);
    assert!(p_slot.exists());
}

#[test]
fn clean_deletes_the_cache_and_the_next_run_checks_again() {
    let tree = Tree::new();
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().join("faultline");
    let dir_arg = dir.to_str().unwrap();
    tree.write("p/a.go", RECOVER);
    tree.write("q/b.go", RECOVER);
    let first = check(&tree, &dir, &["--format", "json"]);
    assert_eq!(slots(&dir).len(), 2);
    let clean = tree.run(&["clean", "--cache-dir", dir_arg]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert!(clean.stdout.starts_with("faultline: removed 2 cached results ("), "{clean:?}");
    assert!(clean.stdout.trim_end().ends_with(&format!("MB) from {dir_arg}")), "{clean:?}");
    assert!(!dir.exists(), "nothing of the cache is left");
    let again = tree.run(&["clean", "--cache-dir", dir_arg]);
    assert_eq!((again.code, again.stdout.trim_end()), (0, &*format!("faultline: no cached results in {dir_arg}")));

    let second = check(&tree, &dir, &["--format", "json"]);
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(slots(&dir).len(), 2, "the run after a clean stores its results again");
    // A --cache-dir shared with other data keeps that data.
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    assert_eq!(tree.run(&["clean", "--cache-dir", dir_arg]).code, 0);
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    assert!(slots(&dir).is_empty() && !dir.join("CACHEDIR.TAG").exists());
}
