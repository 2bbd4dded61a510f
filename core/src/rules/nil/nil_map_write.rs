//! NIL002 nil-map-write (stub: to be written).

use crate::diagnostic::{Family, Severity};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

pub struct NilMapWrite;

static META: RuleMeta = RuleMeta {
    code: "NIL002",
    name: "nil-map-write",
    family: Family::NilContract,
    default_severity: Severity::Error,
    summary: "TODO",
    docs: include_str!("nil_map_write.md"),
    fix: FixAvailability::None,
};

impl Rule for NilMapWrite {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &[]
    }

    fn check(&self, _node: Node<'_>, _cx: &mut RuleContext<'_>) {}
}
