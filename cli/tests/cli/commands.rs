//! `rules`, `explain`, `--version`.

use crate::support::Tree;

#[test]
fn rules_json_lists_every_rule_with_its_metadata() {
    let tree = Tree::new();
    let run = tree.run(&["rules", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json = run.json();
    assert_eq!(json["version"], 1);
    let rules = json["rules"].as_array().unwrap();
    assert!(rules.len() >= 5, "{rules:?}");
    for code in ["NIL001", "NIL002", "ESC001", "RACE001", "PANIC001"] {
        assert!(rules.iter().any(|r| r["code"] == code), "{code} missing");
    }
    for r in rules {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["code", "default_severity", "docs", "family", "fix", "name", "summary"]);
        let family = r["family"].as_str().unwrap();
        assert!(["nil-contract", "escape-hint", "race-risk", "panic-path"].contains(&family), "{r}");
        assert!(["error", "warning", "info", "hint"].contains(&r["default_severity"].as_str().unwrap()), "{r}");
        assert!(["none", "sometimes", "always"].contains(&r["fix"].as_str().unwrap()), "{r}");
        assert!(!r["summary"].as_str().unwrap().is_empty());
        assert!(!r["docs"].as_str().unwrap().is_empty());
    }
    let panic = rules.iter().find(|r| r["code"] == "PANIC001").unwrap();
    assert_eq!(panic["name"], "ineffective-recover");
    assert_eq!(panic["family"], "panic-path");
}

#[test]
fn rules_text_has_one_line_per_rule() {
    let run = Tree::new().run(&["rules"]);
    assert_eq!(run.code, 0);
    let line = run.stdout.lines().find(|l| l.starts_with("PANIC001")).unwrap();
    assert!(line.contains("ineffective-recover") && line.contains("panic-path") && line.contains("warning"), "{line}");
}

#[test]
fn explain_prints_docs_and_rejects_unknown_codes() {
    let tree = Tree::new();
    let run = tree.run(&["explain", "PANIC001"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("# PANIC001 ineffective-recover\n"), "{run:?}");
    assert!(run.stdout.contains("## Why it crashes"), "{run:?}");
    assert_eq!(tree.run(&["explain", "panic001"]).stdout, run.stdout);
    assert_eq!(tree.run(&["explain", "ineffective-recover"]).stdout, run.stdout);
    let bad = tree.run(&["explain", "NOPE001"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("NOPE001"), "{bad:?}");
    assert!(bad.stdout.is_empty());
}

#[test]
fn version_prints_the_crate_version() {
    let run = Tree::new().run(&["--version"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.trim(), format!("faultline {}", env!("CARGO_PKG_VERSION")));
}
