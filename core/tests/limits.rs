//! Hostile shapes (issue #13): deep nesting never overflows the stack, even on
//! a thread with a small 2 MiB stack (the default for spawned threads, which is
//! what the CLI's rayon workers and the LSP's tokio workers use), and every
//! phase stays fast enough for the editor.

use faultline_core::{Settings, Workspace};
use std::time::{Duration, Instant};

/// Parses, models and checks `text` on a thread with a 2 MiB stack; returns
/// the number of diagnostics and the time it took. Every input here nests
/// deeper than the rules look, so the check must say so (`LIMIT001`).
fn check_on_small_stack(text: String) -> (usize, Duration) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let started = Instant::now();
            let mut ws = Workspace::new(Settings::default());
            ws.set_file("p/main.go", text).unwrap();
            let found = ws.check("p/main.go").unwrap();
            let n = found.len();
            let notes = found.iter().filter(|d| d.code == faultline_core::depth_limit::DEPTH_LIMIT_CODE).count();
            assert_eq!(notes, 1, "one note that analysis was cut short: {found:?}");
            // At the first node too deep in pre-order, as a plain cursor walk finds it
            // (the rules walk skips anonymous nodes and derives it).
            let mut reference = Vec::new();
            faultline_core::depth_limit::note_depth_limit(
                ws.file("p/main.go").unwrap(),
                &Settings::default(),
                &mut reference,
            );
            let note = found.iter().find(|d| d.code == faultline_core::depth_limit::DEPTH_LIMIT_CODE).map(|d| d.range);
            assert_eq!(note, reference.first().map(|d| d.range));
            // An incremental edit in the middle too: reparse and rebuild the model.
            let middle = ws.file("p/main.go").unwrap().text.len() / 2;
            ws.edit_file("p/main.go", faultline_core::TextRange::new(middle, middle), " ").unwrap();
            ws.check("p/main.go").unwrap();
            (n, started.elapsed())
        })
        .unwrap()
        .join()
        .expect("analysis overflowed a 2 MiB stack or panicked")
}

fn report(what: &str, (n, took): (usize, Duration)) {
    eprintln!("{what}: {n} diagnostics in {took:?}");
    // Generous: CI machines are slow and shared; a real problem is quadratic (minutes).
    assert!(took < Duration::from_secs(30), "{what} took {took:?}");
}

#[test]
fn fifty_thousand_nested_parentheses() {
    let depth = 50_000;
    let text = format!("package main\n\nvar x = {}p{}\n", "(".repeat(depth), ")".repeat(depth));
    report("50,000 nested parentheses", check_on_small_stack(text));
}

#[test]
fn fifty_thousand_nested_calls_with_nil_dereference() {
    let depth = 50_000;
    let text = format!(
        "package main\n\nfunc f(p *int) int {{\n\tif p == nil {{\n\t\treturn *{}p{}\n\t}}\n\treturn 0\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    report("50,000 nested parentheses around a dereference", check_on_small_stack(text));
}

#[test]
fn twenty_thousand_nested_blocks() {
    let depth = 20_000;
    let text =
        format!("package main\n\nfunc f(p *int) {{\n{}\n_ = *p\n{}\n}}\n", "{\n".repeat(depth), "}\n".repeat(depth));
    report("20,000 nested blocks", check_on_small_stack(text));
}

#[test]
fn twenty_thousand_nested_ifs() {
    let depth = 20_000;
    let text = format!(
        "package main\n\nfunc f(p *int) {{\n{}_ = *p\n{}}}\n",
        "if p != nil {\n".repeat(depth),
        "}\n".repeat(depth)
    );
    report("20,000 nested if statements", check_on_small_stack(text));
}

#[test]
fn ten_thousand_nested_closures() {
    let depth = 10_000;
    let text = format!(
        "package main\n\nimport \"sync\"\n\nfunc f(m map[string]int, mu *sync.Mutex) {{\n{}m[\"a\"] = 1\n{}}}\n",
        "go func() {\n".repeat(depth),
        "}()\n".repeat(depth)
    );
    report("10,000 nested goroutine closures", check_on_small_stack(text));
}

#[test]
fn ten_thousand_nested_deferred_recovers() {
    let depth = 10_000;
    let text = format!(
        "package main\n\nfunc f() {{\n{}recover()\n{}}}\n",
        "defer func() {\n".repeat(depth),
        "}()\n".repeat(depth)
    );
    report("10,000 nested deferred closures", check_on_small_stack(text));
}

#[test]
fn deep_composite_literals_and_types() {
    let depth = 20_000;
    let text = format!(
        "package main\n\nvar x = {}1{}\n\ntype T {}int\n",
        "[]any{".repeat(depth),
        "}".repeat(depth),
        "*[]map[string]".repeat(depth)
    );
    report("20,000 nested composite literals and types", check_on_small_stack(text));
}

#[test]
fn deep_binary_expressions_and_selectors() {
    let depth = 50_000;
    let text = format!(
        "package main\n\nfunc f(p *T) int {{\n\treturn 1{}\n}}\n\nvar y = p{}\n",
        " + 1".repeat(depth),
        ".f".repeat(depth)
    );
    report("50,000-term sum and selector chain", check_on_small_stack(text));
}

/// A megabyte of junk of each kind (random bytes read as lossy UTF-8, random
/// Go tokens, control and bidi characters) under a 2 s parse budget, as the
/// edges run it: findings or a "cut short" parse error, never a panic, and
/// within the budget plus the analysis of whatever parsed.
#[test]
fn a_megabyte_of_junk_ends_in_findings_or_a_cut_short_error() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let bytes: Vec<u8> = (0..1 << 20).map(|_| next() as u8).collect();
    const TOKENS: &[&str] =
        &["func", "(", ")", "{", "}", "go", "defer", "recover()", "*", "nil", "if", "for", ":=", "=", "\n", "x", "."];
    let mut tokens = String::from("package p\n");
    while tokens.len() < 1 << 20 {
        tokens.push_str(TOKENS[(next() % TOKENS.len() as u64) as usize]);
        tokens.push(' ');
    }
    let odd = "\u{0}\u{feff}\u{202e}é😀\r\n\t`\"'\\ /* //".repeat((1 << 20) / 32);
    for (what, text) in [("bytes", String::from_utf8_lossy(&bytes).into_owned()), ("tokens", tokens), ("odd", odd)] {
        let started = Instant::now();
        let mut ws = Workspace::new(Settings::default());
        let deadline = started + Duration::from_secs(2);
        let parsed = faultline_core::syntax::with_parse_budget(
            move || Instant::now() > deadline,
            || ws.set_file("p/j.go", text),
        );
        let outcome = match parsed {
            Ok(()) => format!("{} diagnostics", ws.check("p/j.go").unwrap().len()),
            Err(e) => {
                assert!(e.to_string().contains("cut short"), "{what}: {e}");
                e.to_string()
            }
        };
        let took = started.elapsed();
        eprintln!("1 MiB of {what}: {outcome} in {took:?}");
        assert!(took < Duration::from_secs(30), "{what} took {took:?}");
    }
}
