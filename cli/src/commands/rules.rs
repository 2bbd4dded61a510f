//! `faultline rules [--format text|json]`: every rule's metadata.
//!
//! The JSON shape is part of the CLI contract (docs/cli.md) and deliberately
//! spelled out here rather than derived from the core's `RuleMeta`, so a new
//! field in the core cannot change it by accident.

use crate::args::{RulesArgs, RulesFormat};
use faultline_core::{all_rules, Family, FixAvailability, Severity};
use serde::Serialize;
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
    summary: &'static str,
    docs: &'static str,
    fix: FixAvailability,
}

pub fn run(args: &RulesArgs, out: &mut dyn Write) -> io::Result<u8> {
    let rules: Vec<RuleJson> = all_rules()
        .iter()
        .map(|r| {
            let m = r.meta();
            RuleJson {
                code: m.code,
                name: m.name,
                family: m.family,
                default_severity: m.default_severity,
                summary: m.summary,
                docs: m.docs,
                fix: m.fix,
            }
        })
        .collect();
    match args.format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &RulesOutput { version: 1, rules })?;
            writeln!(out)?;
        }
        RulesFormat::Text => {
            let name_width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0).max(4);
            writeln!(
                out,
                "{:<9} {:<name_width$}  {:<12}  {:<8}  {:<9}  SUMMARY",
                "CODE", "NAME", "FAMILY", "SEVERITY", "FIX"
            )?;
            for r in &rules {
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
