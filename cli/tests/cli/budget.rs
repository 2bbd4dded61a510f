//! Hostile files (issue #13): a file whose parse runs past `--parse-timeout`
//! is reported as an error for that file and the run goes on; a megabyte of
//! junk of any kind ends in findings or a clear error, never a panic or a hang.

use crate::support::{Tree, PANIC_ONE};
use std::time::{Duration, Instant};

/// xorshift: the same junk on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// `len` pseudo-random bytes (mostly not UTF-8).
pub fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    (0..len).map(|_| rng.next() as u8).collect()
}

/// `len` bytes of Go tokens in random order: it tokenises, but nests and
/// recovers from errors all the way.
pub fn random_tokens(len: usize, seed: u64) -> String {
    const TOKENS: &[&str] = &[
        "package",
        "p",
        "func",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "go",
        "defer",
        "recover()",
        "*",
        "&",
        "nil",
        "if",
        "else",
        "for",
        "range",
        ":=",
        "=",
        "==",
        "!=",
        ",",
        ";",
        "\n",
        "map",
        "chan",
        "<-",
        "struct",
        "return",
        "x",
        "err",
        ".",
        "\"s\"",
        "1",
        "var",
        "type",
        "interface",
        "switch",
        "case",
        ":",
        "select",
        "...",
    ];
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        out.push_str(TOKENS[(rng.next() % TOKENS.len() as u64) as usize]);
        out.push(' ');
    }
    out
}

#[test]
fn a_file_over_the_parse_timeout_is_an_error_for_that_file_and_the_others_are_checked() {
    let tree = Tree::new();
    tree.write("a/panics.go", PANIC_ONE);
    tree.write("b/junk.go", random_bytes(1 << 20, 0x9E37_79B9_7F4A_7C15));
    let started = Instant::now();
    let run = tree.run(&["check", "--select", "PANIC", "--format", "json", "--parse-timeout", "0.2"]);
    let took = started.elapsed();
    assert_eq!(run.code, 2, "an error for the junk file: {run:?}");
    assert!(
        run.stderr.contains("junk.go: not checked: parsing took longer than 200ms"),
        "says which file and why: {run:?}"
    );
    assert!(!run.stderr.contains("internal error"), "{run:?}");
    assert_eq!(run.findings(), vec![("a/panics.go".to_string(), "PANIC001".to_string())], "{run:?}");
    // Without the budget this parse takes tens of seconds (over a minute in a debug build).
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn parse_timeout_rejects_nonsense() {
    let tree = Tree::new();
    tree.write("p.go", PANIC_ONE);
    for bad in ["-1", "soon", "NaN", "inf"] {
        let run = tree.run(&["check", &format!("--parse-timeout={bad}")]);
        assert_eq!(run.code, 2, "{bad}: {run:?}");
        assert!(run.stderr.contains("--parse-timeout"), "{bad}: {run:?}");
    }
    // 0 turns the limit off.
    assert_eq!(tree.run(&["check", "--select", "PANIC", "--parse-timeout", "0"]).code, 1);
}

#[test]
fn a_megabyte_of_junk_of_each_kind_ends_in_findings_or_a_clear_error() {
    let tree = Tree::new();
    tree.write("bytes/junk.go", random_bytes(1 << 20, 7));
    tree.write("tokens/junk.go", random_tokens(1 << 20, 11));
    // Valid UTF-8 but control characters, NULs and unpaired-looking text.
    let mut odd = String::new();
    while odd.len() < 1 << 20 {
        odd.push_str("\u{0}\u{feff}\u{202e}é😀\r\n\t`\"'\\ /* //");
    }
    tree.write("odd/junk.go", odd);
    let started = Instant::now();
    let run = tree.run(&["check", "--format", "json", "--parse-timeout", "2"]);
    let took = started.elapsed();
    assert!(!run.stderr.contains("internal error"), "no panic: {run:?}");
    assert!(!run.stderr.contains("panicked"), "no panic: {run:?}");
    let json = run.json();
    let checked = json["files_checked"].as_u64().unwrap();
    let mut not_checked = 0;
    for dir in ["bytes", "tokens", "odd"] {
        let file = format!("{dir}/junk.go");
        // Anything said about a file is one of the clear, expected messages.
        for line in run.stderr.lines().filter(|l| l.contains(&file)) {
            let clear = line.contains("not valid UTF-8; checked with each invalid byte")
                || line.contains("not checked: parsing took longer than 2s");
            assert!(clear, "unexpected message for {file}: {line}\n{run:?}");
            not_checked += usize::from(line.contains("not checked"));
        }
    }
    assert_eq!(checked as usize + not_checked, 3, "every file checked or named in an error: {run:?}");
    assert_eq!(run.code == 2, not_checked > 0, "{run:?}");
    assert!(took < Duration::from_secs(60), "took {took:?}");
}
