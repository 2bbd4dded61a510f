//! `--statistics`: how many findings each rule has, instead of the findings.

use super::RunResult;
use faultline_core::fix::FixSafety;
use faultline_core::Family;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct RuleCount {
    code: &'static str,
    name: &'static str,
    family: Family,
    count: usize,
    /// Findings whose fix `--fix` would apply (with `--unsafe-fixes`, unsafe ones too).
    fixable: usize,
}

#[derive(Serialize)]
struct Output {
    version: u32,
    files_checked: usize,
    statistics: Vec<RuleCount>,
}

/// Most frequent rule first, then by code.
fn counts(run: &RunResult<'_>, safety: FixSafety) -> Vec<RuleCount> {
    let mut by_code: BTreeMap<&'static str, RuleCount> = BTreeMap::new();
    for d in run.reports.iter().flat_map(|r| &r.diagnostics) {
        let entry = by_code.entry(d.code).or_insert(RuleCount {
            code: d.code,
            name: d.name,
            family: d.family,
            count: 0,
            fixable: 0,
        });
        entry.count += 1;
        if d.fix.as_ref().is_some_and(|f| safety.allows(f.applicability)) {
            entry.fixable += 1;
        }
    }
    let mut list: Vec<RuleCount> = by_code.into_values().collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    list
}

/// One line per rule: count, code, `[*]` when `--fix` can fix some of them, name.
pub fn write_text(out: &mut dyn Write, run: &RunResult<'_>, safety: FixSafety) -> io::Result<()> {
    let list = counts(run, safety);
    let count_width = list.iter().map(|c| c.count.to_string().len()).max().unwrap_or(1);
    let code_width = list.iter().map(|c| c.code.len()).max().unwrap_or(0);
    for c in &list {
        let mark = if c.fixable > 0 { "[*]" } else { "[ ]" };
        writeln!(out, "{:>count_width$}  {:<code_width$}  {mark} {}", c.count, c.code, c.name)?;
    }
    if list.iter().any(|c| c.fixable > 0) {
        writeln!(out, "[*] fixable with --fix")?;
    }
    Ok(())
}

pub fn write_json(out: &mut dyn Write, run: &RunResult<'_>, safety: FixSafety) -> io::Result<()> {
    let output = Output {
        version: super::json::JSON_VERSION,
        files_checked: run.files_checked,
        statistics: counts(run, safety),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
