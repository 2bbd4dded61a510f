//! PANIC001 ineffective-recover: `recover()` only stops a panic when it is
//! called directly by a deferred function.

use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::{enclosing_function, parent_unparen, unparen};
use tree_sitter::Node;

pub struct IneffectiveRecover;

static META: RuleMeta = RuleMeta {
    code: "PANIC001",
    name: "ineffective-recover",
    family: Family::PanicPath,
    default_severity: Severity::Warning,
    summary: "recover() called where it cannot stop a panic",
    docs: include_str!("ineffective_recover.md"),
    fix: FixAvailability::None,
};

impl Rule for IneffectiveRecover {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(function) = call.child_by_field_name("function").map(unparen) else { return };
        if function.kind() != "identifier"
            || cx.text(function) != "recover"
            || !cx.model().is_builtin(function, cx.source())
        {
            return;
        }
        let Some(func) = enclosing_function(call) else { return };
        let verdict = match func.kind() {
            "func_literal" => closure_verdict(func, cx),
            _ => named_verdict(func, cx),
        };
        let Some(reason) = verdict else { return };
        cx.report(TextRange::of(call), format!("recover() here returns nil and does not stop a panic: {reason}"))
            .add_related(TextRange::of(func), "recover only works when called directly by the deferred function");
    }
}

/// Is this `func(){...}` literal itself deferred (`defer func(){...}()`)?
fn is_deferred_call_target(func: Node<'_>) -> bool {
    let Some(call) = parent_unparen(func) else { return false };
    call.kind() == "call_expression"
        && call.child_by_field_name("function").map(unparen) == Some(func)
        && parent_unparen(call).is_some_and(|p| p.kind() == "defer_statement")
}

fn closure_verdict(func: Node<'_>, cx: &RuleContext<'_>) -> Option<&'static str> {
    if is_deferred_call_target(func) {
        return None;
    }
    // Only speak when we can see how the literal is used: called in place, or
    // started as a goroutine. A literal stored in a variable may be deferred later.
    let call = parent_unparen(func)
        .filter(|c| c.kind() == "call_expression" && c.child_by_field_name("function").map(unparen) == Some(func))?;
    let parent = parent_unparen(call)?;
    if parent.kind() == "go_statement" {
        return Some("the function runs as a goroutine, not deferred");
    }
    // Called in place inside a deferred function: one call too deep.
    let outer = enclosing_function(call)?;
    if outer.kind() == "func_literal" && is_deferred_call_target(outer) {
        return Some("it is called by a function nested inside the deferred one, one call too deep");
    }
    if outer.kind() != "func_literal" || !is_deferred_call_target(outer) {
        let _ = cx;
        return Some("the function literal is called directly, not deferred");
    }
    None
}

/// A named function or method that calls recover: flag it only when the
/// package shows it is used as a helper called from a deferred closure and
/// never deferred itself.
fn named_verdict(func: Node<'_>, cx: &RuleContext<'_>) -> Option<&'static str> {
    let name_node = func.child_by_field_name("name")?;
    let name = cx.text(name_node);
    let mut deferred_directly = false;
    let mut called_from_deferred_closure = false;
    crate::syntax::walk_preorder(cx.file.tree.root_node(), |node| {
        if node.kind() != "call_expression" {
            return true;
        }
        let Some(callee) = node.child_by_field_name("function").map(unparen) else { return true };
        let callee_name = match callee.kind() {
            "identifier" => cx.text(callee),
            "selector_expression" => callee.child_by_field_name("field").map(|f| cx.text(f)).unwrap_or(""),
            _ => "",
        };
        if callee_name != name {
            return true;
        }
        if parent_unparen(node).is_some_and(|p| p.kind() == "defer_statement") {
            deferred_directly = true;
        } else if let Some(outer) = enclosing_function(node) {
            if outer.kind() == "func_literal" && is_deferred_call_target(outer) {
                called_from_deferred_closure = true;
            }
        }
        true
    });
    (called_from_deferred_closure && !deferred_directly)
        .then_some("this function is called from a deferred closure rather than deferred itself, one call too deep")
}
