//! Custom rules: the matcher and its combinators on fixture files, rule errors
//! with positions, budgets, examples.
//!
//! Each directory under `tests/custom_rules/` holds rule files (`*.toml`) and
//! Go files annotated `// want RULE-ID "substring"` on the line where a finding
//! starts; a directory's findings must be exactly those.

use faultline_core::custom::{self, RuleSource};
use faultline_core::{Family, Settings, Workspace};
use std::path::Path;

fn sources_in(dir: &Path) -> Vec<RuleSource> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| RuleSource { name: p.display().to_string(), text: std::fs::read_to_string(p).unwrap() })
        .collect()
}

fn go_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            go_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
}

/// (line, id, substring) wanted in `text`.
fn wants(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((_, want)) = line.split_once("// want ") else { continue };
        let (id, rest) = want.split_once(' ').unwrap_or((want, ""));
        let quoted = rest.trim();
        let substr = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')).unwrap_or(quoted);
        let substr = substr.replace("\\\"", "\"");
        out.push((i + 1, id.to_string(), substr));
    }
    out
}

#[test]
fn fixture_directories_report_exactly_what_they_want() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/custom_rules");
    let mut dirs: Vec<_> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 2);
    let mut failures = Vec::new();
    for dir in dirs {
        let (rules, errors) = custom::load(&sources_in(&dir));
        assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
        let mut ws = Workspace::new(Settings { custom_rules: rules, ..Settings::default() });
        let mut files = Vec::new();
        go_files(&dir, &mut files);
        files.sort();
        for file in &files {
            ws.set_file(&file.display().to_string().replace('\\', "/"), std::fs::read_to_string(file).unwrap())
                .unwrap();
        }
        for file in &files {
            let path = file.display().to_string().replace('\\', "/");
            let text = std::fs::read_to_string(file).unwrap();
            let source = ws.file(&path).unwrap();
            let got: Vec<(usize, String, String)> = ws
                .check(&path)
                .unwrap()
                .into_iter()
                .filter(|d| d.family == Family::Custom)
                .map(|d| (source.lines.line_col(d.range.start).line as usize + 1, d.code.to_string(), d.message))
                .collect();
            let wanted = wants(&text);
            for (line, id, substr) in &wanted {
                if !got.iter().any(|(l, c, m)| l == line && c == id && m.contains(substr.as_str())) {
                    failures.push(format!("{path}:{line}: wanted {id} {substr:?}, got {got:?}"));
                }
            }
            for (line, id, message) in &got {
                if !wanted.iter().any(|(l, c, _)| l == line && c == id) {
                    failures.push(format!("{path}:{line}: unexpected {id}: {message}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn errors_of(text: &str) -> Vec<custom::RuleError> {
    custom::rule_errors(text, "rules.toml")
}

/// The text at an error's line and column.
fn at<'t>(text: &'t str, e: &custom::RuleError) -> &'t str {
    let line = text.lines().nth(e.line - 1).unwrap();
    &line[e.column - 1..]
}

#[test]
fn toml_syntax_errors_have_positions() {
    let text = "[[rule]]\nid = \"a\"\nmessage = \"m\nquery = '(x) @match'\n";
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 3, "{errors:?}");
    assert!(errors[0].message.starts_with("invalid TOML"), "{errors:?}");
}

#[test]
fn query_errors_point_into_the_query_string() {
    // Multi-line literal string: the unknown node kind sits on line 5.
    let text = "[[rule]]\nid = \"bad-kind\"\nmessage = \"m\"\nquery = '''\n(call_expression\n  function: (no_such_kind) @f) @match\n'''\n";
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 6, "{errors:?}");
    assert!(at(text, &errors[0]).starts_with("no_such_kind"), "{:?}", at(text, &errors[0]));
    assert!(errors[0].message.contains("unknown node kind `no_such_kind`"), "{}", errors[0].message);

    // Basic string with escapes before the error: the column still lands on it.
    let text = "[[rule]]\nid = \"bad-field\"\nmessage = \"m\"\nquery = \"(call_expression (identifier) @f (#eq? @f \\\"x\\\") nope: (identifier)) @match\"\n";
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 4);
    assert!(at(text, &errors[0]).starts_with("nope"), "{:?} {errors:?}", at(text, &errors[0]));
    assert!(errors[0].message.contains("unknown field"), "{}", errors[0].message);

    // Syntax error and an unknown predicate.
    let text = "[[rule]]\nid = \"syntax\"\nmessage = \"m\"\nquery = '(call_expression @match'\n";
    let errors = errors_of(text);
    assert!(errors[0].message.contains("invalid query syntax"), "{errors:?}");
    assert_eq!(errors[0].line, 4);
    let text = "[[rule]]\nid = \"pred\"\nmessage = \"m\"\nquery = '((identifier) @match (#frob? @match \"x\"))'\n";
    let errors = errors_of(text);
    assert!(at(text, &errors[0]).starts_with("#frob?"), "{errors:?}");
    assert!(errors[0].message.contains("`#eq?`"), "{errors:?}");
    let text = "[[rule]]\nid = \"regex\"\nmessage = \"m\"\nquery = '((identifier) @match (#match? @match \"(\"))'\n";
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 4, "{errors:?}");
    let text = "[[rule]]\nid = \"nocap\"\nmessage = \"m\"\nquery = '(identifier)'\n";
    assert!(errors_of(text)[0].message.contains("captures nothing"));
    let text = "[[rule]]\nid = \"cond\"\nmessage = \"m\"\nquery = '(identifier) @match'\nnot-inside = ['(block) @match', '(blok) @match']\n";
    let errors = errors_of(text);
    assert!(at(text, &errors[0]).starts_with("blok"), "{errors:?}");
    assert!(errors[0].message.starts_with("`not-inside`"), "{errors:?}");
}

#[test]
fn template_id_and_key_errors() {
    let text = "[[rule]]\nid = \"tpl\"\nmessage = \"call to {{fn}} and {{nope}}\"\nquery = '(call_expression function: (identifier) @fn) @match'\n";
    let errors = errors_of(text);
    assert!(at(text, &errors[0]).starts_with("{{nope}}"), "{errors:?}");
    assert!(errors[0].message.contains("names no capture"), "{errors:?}");
    let text = "[[rule]]\nid = \"tpl\"\nmessage = \"x\"\nfix = \"{{fn\"\nquery = '(call_expression function: (identifier) @fn) @match'\n";
    assert!(errors_of(text)[0].message.contains("unclosed placeholder"));

    for id in ["NIL001", "nil", "race7", "panic", "custom", "nil-contract", "all", "9lives", "has space", "Upper-case"]
    {
        let text = format!("[[rule]]\nid = \"{id}\"\nmessage = \"m\"\nquery = '(identifier) @match'\n");
        let errors = errors_of(&text);
        assert_eq!(errors.len(), 1, "{id}: {errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (2, 6), "{id}: {errors:?}");
    }
    for id in ["nilness-team", "escape-plan", "panicky", "race_detector_hint"] {
        let text = format!("[[rule]]\nid = \"{id}\"\nmessage = \"m\"\nquery = '(identifier) @match'\n");
        assert!(errors_of(&text).is_empty(), "{id}");
    }

    let text = "[[rule]]\nid = \"k\"\nmesage = \"m\"\nquery = '(identifier) @match'\n";
    let errors = errors_of(text);
    assert_eq!((errors[0].line, errors[0].column), (3, 1));
    assert!(errors[0].message.contains("unknown key `mesage`"), "{errors:?}");
    let text = "[[rule]]\nid = \"k\"\nquery = '(identifier) @match'\n";
    assert!(errors_of(text)[0].message.contains("no `message`"));
    let text = "[[rule]]\nid = \"k\"\nmessage = \"m\"\nseverity = \"fatal\"\nquery = '(identifier) @match'\n";
    assert_eq!(errors_of(text)[0].line, 4);
    let text = "[[rule]]\nid = \"k\"\nmessage = \"m\"\ninclude = [\"a/[\"]\nquery = '(identifier) @match'\n";
    assert!(errors_of(text)[0].message.contains("bad glob"));
    let text = "colour = 1\n";
    assert!(errors_of(text)[0].message.contains("only `[[rule]]`"));
    // In faultline.toml, other keys belong to the config.
    assert!(custom::rule_errors("select = [\"NIL\"]\n", "dir/faultline.toml").is_empty());
}

#[test]
fn one_bad_rule_leaves_the_others_working() {
    let text = "[[rule]]\nid = \"good-one\"\nmessage = \"m\"\nquery = '(identifier) @match'\n\n[[rule]]\nid = \"bad-one\"\nmessage = \"m\"\nquery = '(nope) @match'\n\n[[rule]]\nid = \"good-two\"\nmessage = \"m\"\nquery = '(identifier) @match'\n";
    let (rules, errors) = custom::load(&[RuleSource { name: "r.toml".into(), text: text.into() }]);
    assert_eq!(rules.iter().map(|r| r.id).collect::<Vec<_>>(), ["good-one", "good-two"]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 9);
    assert_eq!(errors[0].to_string(), format!("r.toml:9:11: {}", errors[0].message));

    let (rules, errors) = custom::load(&[
        RuleSource {
            name: "a.toml".into(),
            text: "[[rule]]\nid = \"dup\"\nmessage = \"m\"\nquery = '(identifier) @match'\n".into(),
        },
        RuleSource {
            name: "b.toml".into(),
            text: "\n[[rule]]\nid = \"dup\"\nmessage = \"m\"\nquery = '(identifier) @match'\n".into(),
        },
    ]);
    assert_eq!(rules.iter().count(), 1);
    assert_eq!((errors[0].file.as_str(), errors[0].line), ("b.toml", 3));
    assert!(errors[0].message.contains("already defined at a.toml:1"), "{errors:?}");
}

fn check_with(rules_text: &str, path: &str, source: String, settings: Settings) -> Vec<faultline_core::Diagnostic> {
    let (rules, errors) = custom::load(&[RuleSource { name: "r.toml".into(), text: rules_text.into() }]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut ws = Workspace::new(Settings { custom_rules: rules, ..settings });
    ws.set_file(path, source).unwrap();
    ws.check(path).unwrap().into_iter().filter(|d| d.family == Family::Custom).collect()
}

#[test]
fn selection_severity_and_suppression_apply_to_custom_rules() {
    let rules = "[[rule]]\nid = \"no-println\"\nmessage = \"println\"\nquery = '((call_expression function: (identifier) @f) @match (#eq? @f \"println\"))'\n";
    let src = "package p\n\nfunc f() {\n\tprintln(1)\n\tprintln(2) //nolint:no-println\n}\n".to_string();
    let found = check_with(rules, "p.go", src.clone(), Settings::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, faultline_core::Severity::Warning);
    let mut settings = Settings::default();
    settings.rules.select = vec!["NIL".into()];
    assert!(check_with(rules, "p.go", src.clone(), settings.clone()).is_empty());
    settings.rules.select = vec!["NIL".into(), "custom".into()];
    settings.rules.severity.insert("no-println".into(), faultline_core::Severity::Error);
    let found = check_with(rules, "p.go", src.clone(), settings.clone());
    assert_eq!(found[0].severity, faultline_core::Severity::Error);
    settings.rules.ignore = vec!["No-Println".into()];
    assert!(check_with(rules, "p.go", src, settings).is_empty());
}

#[test]
fn budgets_stop_a_rule_and_say_so() {
    // 3 000 statements: more identifiers than a rule may match.
    let mut src = String::from("package p\n\nfunc f() {\n");
    for i in 0..3_000 {
        src.push_str(&format!("\tx{i} := y{i} + z{i}\n"));
    }
    src.push_str("}\n");
    let rules =
        "[[rule]]\nid = \"every-ident\"\nmessage = \"{{match}}\"\nseverity = \"hint\"\nquery = '(identifier) @match'\n";
    let found = check_with(rules, "big.go", src.clone(), Settings::default());
    let note = found.iter().find(|d| d.message.contains("stopped early")).unwrap();
    assert_eq!(note.severity, faultline_core::Severity::Info);
    assert!(note.message.contains("stopped early"), "{}", note.message);
    assert!(note.message.contains("matched more than"), "{}", note.message);
    assert!(found.len() <= custom::MAX_MATCHES_PER_RULE + 1);

    // A query that never matches but must look at every node pair: the work budget.
    let rules = "[[rule]]\nid = \"pairs\"\nmessage = \"m\"\nquery = '((_ (_) @a (_) @b (_) @c (_) @d) @match (#eq? @a \"never\"))'\n";
    let started = std::time::Instant::now();
    let found = check_with(rules, "big.go", src, Settings::default());
    let elapsed = started.elapsed();
    eprintln!("pairs query over 3k statements: {elapsed:?}, findings {}", found.len());
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    assert!(found.len() <= 1, "{found:?}");
    if let Some(note) = found.first() {
        assert!(note.message.contains("stopped early"), "{}", note.message);
    }
}

#[test]
fn examples_pass_and_fail_with_reasons() {
    let text = r#"
[[rule]]
id = "http-get"
message = "http.{{fn}} without a timeout"
query = '''
(call_expression
  function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn)
  (#eq? @pkg "http") (#any-of? @fn "Get" "Post")) @match
'''
valid = [
  "client.Get(url)",
  "func f(c *http.Client) { c.Get(u) }",
  "http.Get(url)",
]
invalid = [
  "resp, err := http.Get(url)",
  "package main\n\nimport \"net/http\"\n\nfunc main() { http.Post(u, t, b) }\n",
  "http.Head(url)",
]
"#;
    let (rules, errors) = custom::load(&[RuleSource { name: "r.toml".into(), text: text.into() }]);
    assert!(errors.is_empty(), "{errors:?}");
    let rule = rules.get("http-get").unwrap();
    let failures = custom::test_rule(rule);
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert_eq!((failures[0].kind, failures[0].index, failures[0].line), (custom::ExampleKind::Valid, 2, 13));
    assert!(failures[0].reason.contains("expected no finding, found 1:1: http.Get without a timeout"), "{failures:?}");
    assert_eq!((failures[1].kind, failures[1].index, failures[1].line), (custom::ExampleKind::Invalid, 2, 18));
    assert_eq!(failures[1].reason, "expected a finding, found none");
}

#[test]
fn faultline_toml_holds_rules_and_severities_for_them() {
    let text = "select = [\"custom\", \"NIL\"]\n[severity]\nno-println = \"hint\"\n\n[[rule]]\nid = \"no-println\"\nmessage = \"m\"\nquery = '(identifier) @match'\n";
    let config = faultline_core::Config::parse(text, "faultline.toml").unwrap();
    assert_eq!(config.rules.custom_severity("no-println"), Some(faultline_core::Severity::Hint));
    assert!(config.rules.is_custom_enabled("no-println"));
    let (rules, errors) = custom::load(&[RuleSource { name: "faultline.toml".into(), text: text.into() }]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rules.iter().count(), 1);
    // A mistyped built-in code is still an error, not taken for a custom id.
    assert!(faultline_core::Config::parse("select = [\"NIL01\"]\n", "f.toml").is_err());
}
