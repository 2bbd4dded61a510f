//! `faultline explain CODE`: a rule's documentation as markdown. Accepts the
//! code in any case or the rule's kebab-case name.

use super::rules::fix_label;
use faultline_core::{all_rules, rule_by_code, Rule};
use std::io::{self, Write};

pub fn run(code: &str, out: &mut dyn Write) -> io::Result<u8> {
    let rule: Option<&dyn Rule> =
        rule_by_code(code).or_else(|| all_rules().iter().copied().find(|r| r.meta().name == code));
    let Some(rule) = rule else {
        eprintln!("faultline: error: unknown rule `{code}` (`faultline rules` lists them)");
        return Ok(2);
    };
    let m = rule.meta();
    writeln!(out, "# {} {}\n", m.code, m.name)?;
    writeln!(
        out,
        "Family: {} · Default severity: {} · Fix: {}\n",
        m.family.as_str(),
        m.default_severity.as_str(),
        fix_label(m.fix)
    )?;
    writeln!(out, "{}\n", m.summary)?;
    writeln!(out, "{}", m.docs.trim_end())?;
    Ok(0)
}
