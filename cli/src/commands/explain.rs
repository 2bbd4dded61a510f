//! `faultline explain CODE`: a rule's documentation as markdown. Accepts the
//! code in any case or the rule's kebab-case name, or the id of a custom rule
//! of the current directory's rules root.

use super::rules::fix_label;
use faultline_core::{all_rules, rule_by_code, Rule};
use std::io::{self, Write};

pub fn run(code: &str, out: &mut dyn Write) -> io::Result<u8> {
    let rule: Option<&dyn Rule> =
        rule_by_code(code).or_else(|| all_rules().iter().copied().find(|r| r.meta().name == code));
    let Some(rule) = rule else {
        if let Some(custom) = crate::custom_rules::load_for_current_dir().get(code) {
            return explain_custom(custom, out);
        }
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

fn explain_custom(rule: &faultline_core::custom::CustomRule, out: &mut dyn Write) -> io::Result<u8> {
    writeln!(out, "# {}\n", rule.id)?;
    let fix = if rule.has_fix() { "always" } else { "none" };
    writeln!(
        out,
        "Family: custom · Default severity: {} · Fix: {fix} · Defined in {}:{}\n",
        rule.severity.as_str(),
        rule.file,
        rule.line
    )?;
    if let Some(note) = &rule.note {
        writeln!(out, "{note}\n")?;
    }
    if let Some(docs) = &rule.docs {
        writeln!(out, "{}", docs.trim_end())?;
    }
    Ok(0)
}
