//! NIL008 nil-nil-return (info): `return nil, nil` from a function returning
//! `(*T, error)`. Callers that check only the error then dereference nil.

use crate::diagnostic::{Family, Severity};
use crate::model::nil_facts::nil_returns;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

pub struct NilNilReturn;

static META: RuleMeta = RuleMeta {
    code: "NIL008",
    name: "nil-nil-return",
    family: Family::NilContract,
    default_severity: Severity::Info,
    summary: "`return nil, nil` from a function returning a pointer and an error",
    docs: include_str!("nil_nil_return.md"),
    fix: FixAvailability::None,
};

impl Rule for NilNilReturn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["function_declaration", "method_declaration"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(info) = cx.model().function_of(node) else { return };
        let Some(at) = nil_returns(info, &cx.file.tree, cx.source()).nil_nil else { return };
        let name = info.name.as_deref().unwrap_or("this function");
        let message = format!(
            "`{name}` returns nil, nil: callers that check only the error will dereference a nil pointer; return an error (or a sentinel such as ErrNotFound) instead"
        );
        cx.report(at, message);
    }
}
