//! Rule documentation as the editor and the repository show it: the pages
//! under `docs/rules/` (generated from the registry, checked by a test) and the
//! hover text. `codeDescription` links point at those pages.

use faultline_core::{all_rules, FixAvailability, RuleMeta};

/// Where the generated pages are published; derived from the workspace's
/// `repository` so there is one place to change it.
pub const DOCS_BASE_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

/// The command that rewrites `docs/rules/` from the registry.
pub const REGENERATE_COMMAND: &str = "UPDATE_DOCS=1 cargo test -p faultline-lsp --test docs";

pub fn docs_url(code: &str) -> String {
    format!("{DOCS_BASE_URL}{code}.md")
}

fn fix_text(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

/// The facts table shared by the page and the hover.
fn facts(meta: &RuleMeta) -> String {
    format!(
        "| | |\n|---|---|\n| Code | `{code}` |\n| Name | `{name}` |\n| Family | {family} (`{prefix}`) |\n\
         | Default severity | {severity} |\n| Fix available | {fix} |\n| Suppress | `//nolint:{code}` |\n",
        code = meta.code,
        name = meta.name,
        family = meta.family.as_str(),
        prefix = meta.family.code_prefix(),
        severity = meta.default_severity.as_str(),
        fix = fix_text(meta.fix),
    )
}

/// `docs/rules/<CODE>.md`.
pub fn rule_page(meta: &RuleMeta) -> String {
    format!(
        "<!-- Generated from the rule registry by `{REGENERATE_COMMAND}`; edit the rule's .md beside its code in core/src/rules/. -->\n\
         # {code} {name}\n\n{summary}\n\n{facts}\n{docs}\n",
        code = meta.code,
        name = meta.name,
        summary = meta.summary,
        facts = facts(meta),
        docs = meta.docs.trim(),
    )
}

/// `docs/rules/README.md`: every rule in one table.
pub fn index_page() -> String {
    let mut out = format!(
        "<!-- Generated from the rule registry by `{REGENERATE_COMMAND}`. -->\n# faultline rules\n\n\
         | Code | Name | Family | Default severity | Fix | Summary |\n|---|---|---|---|---|---|\n"
    );
    for rule in all_rules() {
        let m = rule.meta();
        out.push_str(&format!(
            "| [{code}]({code}.md) | `{name}` | {family} | {severity} | {fix} | {summary} |\n",
            code = m.code,
            name = m.name,
            family = m.family.as_str(),
            severity = m.default_severity.as_str(),
            fix = fix_text(m.fix),
            summary = m.summary.replace('|', "\\|"),
        ));
    }
    out
}

/// Every generated file: (name under `docs/rules/`, contents).
pub fn all_pages() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> =
        all_rules().iter().map(|r| (format!("{}.md", r.meta().code), rule_page(r.meta()))).collect();
    pages.push(("README.md".to_string(), index_page()));
    pages
}

/// Markdown shown when hovering a finding.
pub fn hover_markdown(meta: &RuleMeta, message: &str) -> String {
    format!(
        "**{code}** `{name}`: {message}\n\n---\n\n{summary}\n\n{docs}\n\n[Rule page]({url}) · suppress with `//nolint:{code}`",
        code = meta.code,
        name = meta.name,
        summary = meta.summary,
        docs = meta.docs.trim(),
        url = docs_url(meta.code),
    )
}
