//! Hostile documents (issue #13): a megabyte of junk of each kind (random
//! bytes, random Go tokens, control and bidi characters) opened in the
//! language server ends in diagnostics or a clear log message within the
//! parse budget, and the server keeps serving the next document.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may unwrap

mod common;

use common::{codes, TestClient, RECOVER_IN_GOROUTINE};
use serde_json::{json, Value};
use std::collections::HashSet;
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

fn random_bytes(len: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
    // What an editor would send for a binary file: LSP text is UTF-8.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn random_tokens(len: usize, seed: u64) -> String {
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

fn odd_characters(len: usize) -> String {
    let mut out = String::with_capacity(len + 64);
    while out.len() < len {
        out.push_str("\u{0}\u{feff}\u{202e}é😀\r\n\t`\"'\\ /* //");
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_megabyte_of_junk_is_analysed_or_reported_and_the_server_goes_on() {
    let mut c = TestClient::in_process();
    c.initialize(json!({}), json!({"debounceMs": 5}), None).await;
    let junk = [
        ("untitled:junk/bytes.go", random_bytes(1 << 20, 7)),
        ("untitled:junk/tokens.go", random_tokens(1 << 20, 11)),
        ("untitled:junk/odd.go", odd_characters(1 << 20)),
    ];
    let started = Instant::now();
    for (uri, text) in &junk {
        c.open(uri, 1, text).await;
    }
    let good = "untitled:junk/good.go";
    c.open(good, 1, RECOVER_IN_GOROUTINE).await;

    // Each junk document: published diagnostics, or a log message naming it.
    let mut answered: HashSet<&str> = HashSet::new();
    let mut good_codes = None;
    let deadline = started + Duration::from_secs(90);
    while answered.len() < junk.len() || good_codes.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some(m) = c.try_recv(|_| true, left).await else {
            panic!(
                "no answer for {:?} within 90 s",
                junk.iter().map(|j| j.0).filter(|u| !answered.contains(u)).collect::<Vec<_>>()
            )
        };
        let method = m["method"].as_str().unwrap_or_default();
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        match method {
            "textDocument/publishDiagnostics" => {
                let uri = text(&m["params"]["uri"]);
                if uri == good {
                    good_codes = Some(codes(&m["params"]));
                }
                answered.extend(junk.iter().map(|j| j.0).filter(|u| *u == uri));
            }
            "window/logMessage" | "window/showMessage" => {
                let message = text(&m["params"]["message"]);
                assert!(!message.contains("internal error"), "a panic: {message}");
                for (uri, _) in &junk {
                    let name = uri.rsplit('/').next().unwrap();
                    if message.contains(name) {
                        assert!(message.contains("not analysed"), "a clear message: {message}");
                        answered.insert(uri);
                    }
                }
            }
            _ => {}
        }
    }
    assert_eq!(good_codes.unwrap(), vec!["PANIC001".to_string()]);
    eprintln!("junk: 3 x 1 MiB answered in {:?}", started.elapsed());
    c.shutdown_and_exit().await;
}
