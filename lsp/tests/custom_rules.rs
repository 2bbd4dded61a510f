//! Custom rules in the server: rules from `.faultline/rules/*.toml` and
//! faultline.toml apply to Go files, a bad rule is a diagnostic on its rule
//! file (the others keep working), rule files reload on change, and the
//! results equal the core's for the same rules and file (parity).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may unwrap

mod common;

use common::{codes, TestClient};
use faultline_core::custom::{self, RuleSource};
use faultline_core::{Family, Settings, Workspace};
use serde_json::{json, Value};
use std::path::Path;

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

const GO: &str = "package p\n\nimport \"net/http\"\n\nfunc f() {\n\tprintln(\"é\")\n\thttp.Get(\"u\")\n}\n";

const GOOD: &str = r#"[[rule]]
id = "no-println"
message = "println: {{fn}}"
severity = "info"
query = '((call_expression function: (identifier) @fn) @match (#eq? @fn "println"))'
"#;

/// One good rule, then one whose query names an unknown node kind on line 10.
const GOOD_AND_BAD: &str = r#"[[rule]]
id = "no-naked-get"
message = "http.{{fn}} has no timeout"
query = '''
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn)) @match
 (#eq? @pkg "http"))
'''

[[rule]]
id = "broken"
message = "m"
query = '(call_expresion) @match'
"#;

fn lsp_custom(p: &Value) -> Vec<(String, u64, String)> {
    p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| !c.chars().next().unwrap().is_ascii_uppercase()))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rule_files_apply_report_errors_and_reload() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let rules_dir = root.join(".faultline/rules");
    std::fs::create_dir_all(&rules_dir).unwrap();
    std::fs::write(root.join("faultline.toml"), GOOD).unwrap();
    let rule_file = rules_dir.join("team.toml");
    std::fs::write(&rule_file, GOOD_AND_BAD).unwrap();
    let go = root.join("pkg/a.go");
    std::fs::create_dir_all(go.parent().unwrap()).unwrap();
    std::fs::write(&go, GO).unwrap();

    let mut c = TestClient::in_process();
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    c.initialize(caps, json!({"debounceMs": 0}), Some(root.to_str().unwrap())).await;
    c.open(&uri(&go), 1, GO).await;

    // The bad rule is a diagnostic at the bad node kind (line 12, 0-based 11, column 10).
    let p = c.diagnostics_for(&uri(&rule_file)).await;
    assert_eq!(p["diagnostics"].as_array().unwrap().len(), 1, "{p}");
    let d = &p["diagnostics"][0];
    assert_eq!(d["range"]["start"], json!({"line": 11, "character": 10}), "{d}");
    assert!(d["message"].as_str().unwrap().contains("unknown node kind `call_expresion`"), "{d}");

    // The good rules of both files run.
    let got = lsp_custom(&c.diagnostics_for(&uri(&go)).await);
    assert_eq!(
        got,
        vec![
            ("no-println".to_string(), 5, "println: println".to_string()),
            ("no-naked-get".to_string(), 6, "http.Get has no timeout".to_string())
        ]
    );

    // Parity: the core, given the same rule texts, reports the same.
    let (rules, errors) = custom::load(&[
        RuleSource { name: "faultline.toml".into(), text: GOOD.into() },
        RuleSource { name: "team.toml".into(), text: GOOD_AND_BAD.into() },
    ]);
    assert_eq!(errors.len(), 1);
    let mut ws = Workspace::new(Settings { custom_rules: rules, ..Settings::default() });
    ws.set_file("a.go", GO.to_string()).unwrap();
    let file = ws.file("a.go").unwrap();
    let core: Vec<(String, u64, String)> = ws
        .check("a.go")
        .unwrap()
        .into_iter()
        .filter(|d| d.family == Family::Custom)
        .map(|d| (d.code.to_string(), file.lines.line_col(d.range.start).line as u64, d.message))
        .collect();
    assert_eq!(core, got);

    // Fix the rule file: its diagnostic clears and the fixed rule runs too.
    std::fs::write(&rule_file, GOOD_AND_BAD.replace("call_expresion", "call_expression")).unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&rule_file), "type": 2}]})).await;
    assert_eq!(c.diagnostics_for(&uri(&rule_file)).await["diagnostics"], json!([]));
    let mut seen = Vec::new();
    for _ in 0..5 {
        seen = codes(&c.diagnostics_for(&uri(&go)).await);
        if seen.contains(&"broken".to_string()) {
            break;
        }
    }
    assert!(seen.contains(&"broken".to_string()), "{seen:?}");

    // Delete it: its rules stop applying.
    std::fs::remove_file(&rule_file).unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&rule_file), "type": 3}]})).await;
    for _ in 0..5 {
        seen = codes(&c.diagnostics_for(&uri(&go)).await);
        if !seen.contains(&"no-naked-get".to_string()) {
            break;
        }
    }
    assert_eq!(seen.iter().filter(|c| !c.starts_with(char::is_uppercase)).collect::<Vec<_>>(), ["no-println"]);
}
