//! ESC001 address-escapes (stub: to be written).

use crate::diagnostic::{Family, Severity};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

pub struct AddressEscapes;

static META: RuleMeta = RuleMeta {
    code: "ESC001",
    name: "address-escapes",
    family: Family::EscapeHint,
    default_severity: Severity::Hint,
    summary: "TODO",
    docs: include_str!("address_escapes.md"),
    fix: FixAvailability::None,
};

impl Rule for AddressEscapes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &[]
    }

    fn check(&self, _node: Node<'_>, _cx: &mut RuleContext<'_>) {}
}
