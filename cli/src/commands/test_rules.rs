//! `faultline test-rules [PATHS]`: runs each custom rule's `valid` and
//! `invalid` examples. Exit 0 when all behave, 1 when one does not, 2 when a
//! rule file is bad or there is nothing to test (bad rules are reported, the
//! good ones are still tested).

use crate::args::TestRulesArgs;
use crate::custom_rules::{is_rules_root, read_sources, rule_files};
use crate::paths::PathStyle;
use faultline_core::custom::{self, ExampleKind};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn run(args: &TestRulesArgs, out: &mut dyn Write) -> io::Result<u8> {
    let style = PathStyle::from_env();
    let files = match files_to_test(args, &style) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("faultline: error: {message}");
            return Ok(2);
        }
    };
    let (sources, read_errors) = read_sources(&files, &style);
    let (rules, errors) = custom::load(&sources);
    for message in &read_errors {
        eprintln!("faultline: error: {message}");
    }
    for error in &errors {
        eprintln!("faultline: error: {error}");
    }
    let (mut passed, mut failed, mut examples) = (0, 0, 0);
    for rule in rules.iter() {
        let failures = custom::test_rule(rule);
        let count = rule.valid.len() + rule.invalid.len();
        examples += count;
        let place = format!("{}:{}", rule.file, rule.line);
        if failures.is_empty() {
            passed += 1;
            let note = if count == 0 { " (no examples)".to_string() } else { format!(" ({count} examples)") };
            writeln!(out, "ok    {}{note}  {place}", rule.id)?;
            continue;
        }
        failed += 1;
        writeln!(out, "FAIL  {}  {place}", rule.id)?;
        for f in failures {
            let kind = match f.kind {
                ExampleKind::Valid => "valid",
                ExampleKind::Invalid => "invalid",
            };
            writeln!(out, "      {kind} example {} ({}:{}): {}", f.index + 1, rule.file, f.line, f.reason)?;
        }
    }
    let broken = errors.len() + read_errors.len();
    writeln!(
        out,
        "{} rules, {examples} examples: {passed} passed, {failed} failed{}",
        passed + failed,
        if broken > 0 { format!(", {broken} rule errors") } else { String::new() }
    )?;
    Ok(if broken > 0 {
        2
    } else if failed > 0 {
        1
    } else {
        0
    })
}

/// The rule files named by the arguments, in load order.
fn files_to_test(args: &TestRulesArgs, style: &PathStyle) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    if args.paths.is_empty() {
        let cwd = style.absolute(Path::new("."));
        let root = cwd.ancestors().find(|d| is_rules_root(d)).ok_or_else(|| {
            "no custom rules here: expected a faultline.toml or .faultline/rules/*.toml in this directory or above"
                .to_string()
        })?;
        files = rule_files(root);
    }
    for path in &args.paths {
        if path.is_file() {
            files.push(path.clone());
        } else if path.is_dir() && is_rules_root(path) {
            files.extend(rule_files(path));
        } else if path.is_dir() {
            let mut tomls: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: cannot read: {e}", style.display(path)))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                .collect();
            tomls.sort();
            if tomls.is_empty() {
                return Err(format!("{}: no rule files (*.toml) in this directory", style.display(path)));
            }
            files.extend(tomls);
        } else {
            return Err(format!("{}: no such file or directory", style.display(path)));
        }
    }
    if files.is_empty() {
        return Err("no rule files to test".to_string());
    }
    Ok(files)
}
