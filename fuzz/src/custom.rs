//! Custom-rule files (`[[rule]]` tables with tree-sitter queries): loading,
//! the rules' own examples, and a check of Go text with the rules on. The
//! input is split at the first 0xFF byte: rule-file text, then Go source
//! (a fixture file when empty).

use faultline_core::custom::{load, test_rule, RuleSource};
use faultline_core::{Settings, Workspace};

pub fn custom_rules(data: &[u8]) {
    let data = &data[..data.len().min(crate::MAX_INPUT)];
    let (rules_bytes, go_bytes) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let source = RuleSource { name: "rules.toml".to_string(), text: String::from_utf8_lossy(rules_bytes).into_owned() };
    let (rules, errors) = load(&[source.clone()]);
    for e in &errors {
        assert!(e.offset <= source.text.len(), "rule error offset {} past the file: {e}", e.offset);
        let _ = e.to_string();
    }
    for rule in rules.iter() {
        let _ = test_rule(rule);
    }
    let go = match go_bytes.is_empty() {
        true => crate::corpus::fixture_files().first().cloned().unwrap_or_default(),
        false => String::from_utf8_lossy(go_bytes).into_owned(),
    };
    let settings = Settings { custom_rules: rules, ..Settings::default() };
    let mut ws = Workspace::new(settings);
    ws.set_file("p/main.go", go).expect("parse");
    crate::oracle::check_and_verify(&ws, "p/main.go");
}
