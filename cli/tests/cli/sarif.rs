//! SARIF 2.1.0: valid against the official schema (vendored from the
//! serde-sarif crate, which generates its types from it) and carrying what
//! code-scanning services read.

use crate::support::{Tree, PANIC_ONE};

fn schema() -> serde_json::Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sarif-schema-2.1.0.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn assert_valid(instance: &serde_json::Value) {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));
}

#[test]
fn the_schema_rejects_what_it_should() {
    // Guards against a validator that accepts everything.
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"tool": {}}]})));
    assert!(!validator.is_valid(&serde_json::json!({"version": "9", "runs": []})));
    assert!(validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": []})));
}

#[test]
fn sarif_validates_and_carries_rules_results_and_columns() {
    let tree = Tree::new();
    tree.write("pkg/a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{run:?}");
    let sarif = run.json();
    assert_valid(&sarif);
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "faultline");
    assert!(driver["version"].is_string());
    assert!(driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    let panic_rule = rules.iter().position(|r| r["id"] == "PANIC001").unwrap();
    let rule = &rules[panic_rule];
    assert_eq!(rule["name"], "ineffective-recover");
    assert!(rule["shortDescription"]["text"].as_str().unwrap().len() > 10);
    assert!(rule["help"]["markdown"].as_str().unwrap().contains("## "));
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");

    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "PANIC001");
    assert_eq!(r["ruleIndex"], panic_rule);
    assert_eq!(r["level"], "warning");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "pkg/a.go");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    // UTF-16 columns: tab, `func() { s := "`, 日本 (2 units), 😀 (2 units), `"; _ = s; `.
    let offset = PANIC_ONE.find("recover()").unwrap();
    let line_start = PANIC_ONE[..offset].rfind('\n').unwrap() + 1;
    let utf16_col = PANIC_ONE[line_start..offset].encode_utf16().count() + 1;
    let region = &loc["region"];
    assert_eq!(region["startLine"], 4);
    assert_eq!(region["startColumn"], utf16_col);
    assert_eq!(region["endLine"], 4);
    assert_eq!(region["endColumn"], utf16_col + 9);
    assert_eq!(region["byteOffset"], offset);
    assert_eq!(region["byteLength"], 9);
    assert!(!r["relatedLocations"][0]["message"]["text"].as_str().unwrap().is_empty());
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
    let base = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with('/'), "{base}");
}

#[test]
fn sarif_records_run_problems_and_stays_valid() {
    let tree = Tree::new();
    tree.write("a.go", PANIC_ONE);
    let run = tree.run(&["check", "--format", "sarif", ".", "missing.go"]);
    assert_eq!(run.code, 2, "{run:?}");
    let sarif = run.json();
    assert_valid(&sarif);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = invocation["toolExecutionNotifications"][0]["message"]["text"].as_str().unwrap();
    assert!(note.contains("missing.go"), "{note}");
}

#[test]
fn sarif_of_the_examples_validates() {
    // Every rule that exists today, including fixes when rules offer them.
    let examples = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"));
    if !examples.is_dir() {
        return;
    }
    let run = crate::support::run_in(examples, &["check", "--format", "sarif", "--fail-on", "error"], None);
    assert_ne!(run.code, 2, "{run:?}");
    assert_valid(&run.json());
}
