//! RACE001 loop-variable-capture (stub: to be written).

use crate::diagnostic::{Family, Severity};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

pub struct LoopVariableCapture;

static META: RuleMeta = RuleMeta {
    code: "RACE001",
    name: "loop-variable-capture",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "TODO",
    docs: include_str!("loop_variable_capture.md"),
    fix: FixAvailability::None,
};

impl Rule for LoopVariableCapture {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &[]
    }

    fn check(&self, _node: Node<'_>, _cx: &mut RuleContext<'_>) {}
}
