//! `faultline rules [--format text|json]`: every rule's metadata: the
//! built-in rules, then the custom rules of the current directory's rules root.
//!
//! The JSON shape is part of the CLI contract (docs/cli.md) and deliberately
//! spelled out here rather than derived from the core's `RuleMeta`, so a new
//! field in the core cannot change it by accident.

use crate::args::{RulesArgs, RulesFormat};
use faultline_core::custom::CustomRule;
use faultline_core::{all_rules, Family, FixAvailability, Severity};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

#[derive(Serialize)]
struct RulesOutput {
    version: u32,
    rules: Vec<RuleJson>,
}

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    name: &'static str,
    family: Family,
    default_severity: Severity,
    summary: Cow<'static, str>,
    docs: Cow<'static, str>,
    fix: FixAvailability,
}

impl RuleJson {
    /// A custom rule: its id is code and name; its `note` is the summary.
    fn custom(rule: &CustomRule) -> Self {
        Self {
            code: rule.id,
            name: rule.id,
            family: Family::Custom,
            default_severity: rule.severity,
            summary: Cow::Owned(rule.note.clone().unwrap_or_else(|| format!("custom rule from {}", rule.file))),
            docs: Cow::Owned(rule.docs.clone().unwrap_or_default()),
            fix: match rule.has_fix() {
                true => FixAvailability::Always,
                false => FixAvailability::None,
            },
        }
    }
}

pub fn run(args: &RulesArgs, out: &mut dyn Write) -> io::Result<u8> {
    let mut rules: Vec<RuleJson> = all_rules()
        .iter()
        .map(|r| {
            let m = r.meta();
            RuleJson {
                code: m.code,
                name: m.name,
                family: m.family,
                default_severity: m.default_severity,
                summary: Cow::Borrowed(m.summary),
                docs: Cow::Borrowed(m.docs),
                fix: m.fix,
            }
        })
        .collect();
    rules.extend(crate::custom_rules::load_for_current_dir().iter().map(|r| RuleJson::custom(r)));
    match args.format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &RulesOutput { version: 1, rules })?;
            writeln!(out)?;
        }
        RulesFormat::Text => {
            let (built_in, custom): (Vec<&RuleJson>, Vec<&RuleJson>) =
                rules.iter().partition(|r| r.family != Family::Custom);
            let name_width = built_in.iter().map(|r| r.name.len()).max().unwrap_or(0).max(4);
            writeln!(
                out,
                "{:<9} {:<name_width$}  {:<12}  {:<8}  {:<9}  SUMMARY",
                "CODE", "NAME", "FAMILY", "SEVERITY", "FIX"
            )?;
            for r in &built_in {
                writeln!(
                    out,
                    "{:<9} {:<name_width$}  {:<12}  {:<8}  {:<9}  {}",
                    r.code,
                    r.name,
                    r.family.as_str(),
                    r.default_severity.as_str(),
                    fix_label(r.fix),
                    r.summary,
                )?;
            }
            if !custom.is_empty() {
                // A custom rule's code is its name: one column for both.
                let id_width = custom.iter().map(|r| r.code.len()).max().unwrap_or(0).max(2);
                writeln!(out, "\nCustom rules of this directory:\n")?;
                writeln!(out, "{:<id_width$}  {:<8}  {:<9}  SUMMARY", "ID", "SEVERITY", "FIX")?;
                for r in &custom {
                    let (code, severity, fix) = (r.code, r.default_severity.as_str(), fix_label(r.fix));
                    writeln!(out, "{code:<id_width$}  {severity:<8}  {fix:<9}  {}", r.summary)?;
                }
            }
        }
    }
    Ok(0)
}

pub fn fix_label(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}
