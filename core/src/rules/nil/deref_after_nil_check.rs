//! NIL001 deref-after-nil-check (stub: to be written).

use crate::diagnostic::{Family, Severity};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

pub struct DerefAfterNilCheck;

static META: RuleMeta = RuleMeta {
    code: "NIL001",
    name: "deref-after-nil-check",
    family: Family::NilContract,
    default_severity: Severity::Warning,
    summary: "TODO",
    docs: include_str!("deref_after_nil_check.md"),
    fix: FixAvailability::None,
};

impl Rule for DerefAfterNilCheck {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &[]
    }

    fn check(&self, _node: Node<'_>, _cx: &mut RuleContext<'_>) {}
}
