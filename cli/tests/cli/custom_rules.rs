//! Custom rules from the command line: `faultline check` loads faultline.toml
//! `[[rule]]` tables and `.faultline/rules/*.toml`, reports bad rules (exit 2)
//! while the good ones run, and `faultline test-rules` runs rule examples.

use crate::support::{run_in, Tree};
use faultline_core::custom::{self, RuleSource};
use faultline_core::{Family, Settings, Workspace};
use std::path::Path;

const RULE: &str = r#"[[rule]]
id = "no-println"
message = "println of {{arg}}"
severity = "error"
query = '''
((call_expression
   function: (identifier) @fn
   arguments: (argument_list . (_) @arg)) @match
 (#eq? @fn "println"))
'''
valid = ["fmt.Println(1)"]
invalid = ["println(1)"]
"#;

const GO: &str = "package p\n\nfunc f() {\n\tprintln(\"日本\")\n}\n";

fn repo_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn check_runs_rules_from_the_rules_directory_and_the_config() {
    let t = Tree::new();
    t.write(".faultline/rules/team.toml", RULE);
    t.write(
        "faultline.toml",
        "[[rule]]\nid = \"no-panic\"\nmessage = \"panic\"\nquery = '((call_expression function: (identifier) @f) @match (#eq? @f \"panic\"))'\n",
    );
    t.write("sub/a.go", GO);
    t.write("sub/b.go", "package p\n\nfunc g() { panic(1) }\n");
    let run = t.run(&["check", "--format", "json", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    let mut found = run.findings();
    found.sort();
    assert_eq!(
        found,
        [("sub/a.go".to_string(), "no-println".to_string()), ("sub/b.go".to_string(), "no-panic".to_string())]
    );
    let json = run.json();
    let d = &json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "no-println").unwrap().clone();
    assert_eq!(d["family"], "custom");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "println of \"日本\"");
    assert_eq!((d["start"]["line"].as_u64(), d["start"]["column"].as_u64()), (Some(4), Some(2)));

    // Selection by id and by the `custom` family.
    let run = t.run(&["check", "--format", "json", "--ignore", "no-println", "."]);
    assert_eq!(run.findings().len(), 1, "{run:?}");
    let run = t.run(&["check", "--format", "json", "--select", "custom", "--ignore", "no-panic", "."]);
    assert_eq!(run.findings(), [("sub/a.go".to_string(), "no-println".to_string())]);
    let run = t.run(&["check", "--format", "json", "--select", "NIL", "."]);
    assert_eq!(run.findings().len(), 0, "{run:?}");
    // --no-config: no custom rules either.
    let run = t.run(&["check", "--format", "json", "--no-config", "."]);
    assert_eq!(run.findings().len(), 0, "{run:?}");

    // Every format stays valid with custom codes.
    for format in ["text", "github", "sarif"] {
        let run = t.run(&["check", "--format", format, "."]);
        assert_eq!(run.code, 1, "{format}: {run:?}");
        assert!(run.stdout.contains("no-println"), "{format}: {run:?}");
    }
    let sarif: serde_json::Value = serde_json::from_str(&t.run(&["check", "--format", "sarif", "."]).stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_bad_rule_is_an_error_and_the_others_still_run() {
    let t = Tree::new();
    t.write(".faultline/rules/a.toml", RULE);
    t.write(
        ".faultline/rules/b.toml",
        "[[rule]]\nid = \"bad\"\nmessage = \"{{nope}}\"\nquery = '(identifier) @match'\n",
    );
    t.write("a.go", GO);
    let run = t.run(&["check", "--format", "json", "."]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(".faultline/rules/b.toml:3:12: `message`: placeholder `{{nope}}` names no capture"),
        "{run:?}"
    );
    assert_eq!(run.findings(), [("a.go".to_string(), "no-println".to_string())]);
}

#[test]
fn test_rules_passes_on_the_documented_rules() {
    let run = run_in(repo_root(), &["test-rules", "docs/custom-rules"], None);
    assert_eq!(run.code, 0, "{run:?}");
    for id in [
        "recover-result-ignored",
        "http-default-client",
        "goroutine-without-done",
        "panic-in-defer",
        "send-after-close",
    ] {
        assert!(run.stdout.lines().any(|l| l.starts_with("ok") && l.contains(id)), "{id}: {run:?}");
    }
    assert!(run.stdout.contains("5 rules, 18 examples: 5 passed, 0 failed"), "{run:?}");
}

#[test]
fn test_rules_reports_failing_examples_and_bad_rules() {
    let t = Tree::new();
    // A wrong example: `print` is not `println`.
    t.write(".faultline/rules/a.toml", RULE.replace("invalid = [\"println(1)\"]", "invalid = [\"print(1)\"]"));
    let run = t.run(&["test-rules"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("FAIL  no-println"), "{run:?}");
    assert!(
        run.stdout.contains("invalid example 1 (.faultline/rules/a.toml:12): expected a finding, found none"),
        "{run:?}"
    );
    let valid_fails = RULE.replace("valid = [\"fmt.Println(1)\"]", "valid = [\"x := 1\\nprintln(x)\"]");
    t.write(".faultline/rules/a.toml", valid_fails);
    let run = t.run(&["test-rules", ".faultline/rules/a.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("expected no finding, found 2:1: println of x"), "{run:?}");

    // A malformed rule: exit 2, the position on stderr; the good rule is still tested.
    t.write(".faultline/rules/a.toml", RULE);
    t.write(".faultline/rules/b.toml", "[[rule]]\nid = \"NIL009\"\nmessage = \"m\"\nquery = '(identifier) @match'\n");
    let run = t.run(&["test-rules"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains(".faultline/rules/b.toml:2:6: rule id `NIL009`"), "{run:?}");
    assert!(run.stdout.contains("ok    no-println"), "{run:?}");

    // Nothing to test.
    let empty = Tree::new();
    let run = empty.run(&["test-rules"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no custom rules here"), "{run:?}");
}

/// The CLI reports what the core reports for the same rules and files.
#[test]
fn cli_and_core_agree_on_the_fixture_rules() {
    let fixture = repo_root().join("core/tests/custom_rules/combinators");
    let rules = std::fs::read_to_string(fixture.join("rules.toml")).unwrap();
    let go = std::fs::read_to_string(fixture.join("main.go")).unwrap();
    let t = Tree::new();
    t.write(".faultline/rules/rules.toml", &rules);
    t.write("main.go", &go);
    let cli = t.run(&["check", "--format", "json", "--select", "custom", "."]).json();
    let cli: Vec<(String, u64, u64, String)> = cli["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["start"]["offset"].as_u64().unwrap(),
                d["end"]["offset"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let (loaded, errors) = custom::load(&[RuleSource { name: "rules.toml".into(), text: rules }]);
    assert!(errors.is_empty());
    let mut ws = Workspace::new(Settings { custom_rules: loaded, ..Settings::default() });
    ws.set_file("main.go", go).unwrap();
    let core: Vec<(String, u64, u64, String)> = ws
        .check("main.go")
        .unwrap()
        .into_iter()
        .filter(|d| d.family == Family::Custom)
        .map(|d| (d.code.to_string(), d.range.start as u64, d.range.end as u64, d.message))
        .collect();
    assert!(core.len() >= 8, "{core:?}");
    assert_eq!(cli, core);
}

/// Custom rules are first-class in every listing: `rules`, `explain`, SARIF's
/// `tool.driver.rules` (with `ruleIndex`), the text output's id; and a
/// selector that names no loaded rule is a warning, not silence.
#[test]
fn custom_rules_are_listed_explained_and_indexed() {
    let t = Tree::new();
    t.write(
        ".faultline/rules/team.toml",
        RULE.replace(
            "severity = \"error\"",
            "severity = \"error\"\nnote = \"use log\"\ndocs = \"## Why\\nstdout is not a log\"",
        ),
    );
    t.write("a.go", GO);

    let run = t.run(&["rules", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json = run.json();
    let rule = json["rules"].as_array().unwrap().iter().find(|r| r["code"] == "no-println").unwrap().clone();
    assert_eq!((rule["name"].as_str(), rule["family"].as_str()), (Some("no-println"), Some("custom")));
    assert_eq!(
        (rule["summary"].as_str(), rule["docs"].as_str()),
        (Some("use log"), Some("## Why\nstdout is not a log"))
    );
    let text = t.run(&["rules"]).stdout;
    assert!(text.contains("Custom rules of this directory:"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("no-println  error     none       use log")), "{text}");

    let run = t.run(&["explain", "no-println"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("# no-println\n\nFamily: custom · Default severity: error"), "{run:?}");
    assert!(run.stdout.contains("stdout is not a log"), "{run:?}");

    let sarif: serde_json::Value = serde_json::from_str(&t.run(&["check", "--format", "sarif", "."]).stdout).unwrap();
    let run0 = &sarif["runs"][0];
    let index = run0["results"][0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run0["results"][0]["ruleId"], "no-println");
    assert_eq!(run0["tool"]["driver"]["rules"][index]["id"], "no-println");
    assert_eq!(run0["tool"]["driver"]["rules"][index]["properties"]["tags"][0], "custom");

    let run = t.run(&["check", "--color", "never", "."]);
    assert!(run.stdout.contains("error[no-println]: println of"), "{run:?}");

    let run = t.run(&["check", "--ignore", "no-printl", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("--ignore no-printl: no built-in or custom rule has this id"), "{run:?}");
    let run = t.run(&["check", "--ignore", "no-println", "."]);
    assert!(!run.stderr.contains("no built-in or custom rule"), "{run:?}");
}
