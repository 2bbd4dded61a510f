//! NIL007 nil-func-call: calling a local func variable that is never given a
//! value (`var f func(); f()`).

use super::always_nil::never_assigned_local;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::TypeExpr;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::unparen;
use tree_sitter::Node;

pub struct NilFuncCall;

static META: RuleMeta = RuleMeta {
    code: "NIL007",
    name: "nil-func-call",
    family: Family::NilContract,
    default_severity: Severity::Error,
    summary: "call of a func variable that is always nil",
    docs: include_str!("nil_func_call.md"),
    fix: FixAvailability::None,
};

impl Rule for NilFuncCall {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(function) = call.child_by_field_name("function").map(unparen) else { return };
        if function.kind() != "identifier" {
            return;
        }
        // Inside a closure the variable may have been set by the time it runs: only same-function reads count.
        if never_assigned_local(function, |t| matches!(t, TypeExpr::Func), cx).is_none() {
            return;
        }
        let name = cx.text(function);
        let message =
            format!("nil func call: `{name}` is declared without a value and never assigned, so calling it panics");
        cx.report(TextRange::of(call), message);
    }
}
