//! NIL004 nil-result-deref: the result of a package function that can return
//! a nil pointer with no error beside it (`return nil` from a `*T` function,
//! `return nil, nil`) is dereferenced without a nil check.

use super::callee::{callees, CalleeNames};
use super::nil_on_error::{assigned_binding, assigned_call, assigned_targets};
use super::region::first_deref_after;
use super::subject::Subject;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::unparen;
use crate::syntax::Node;

pub struct NilResultDeref;

static META: RuleMeta = RuleMeta {
    code: "NIL004",
    name: "nil-result-deref",
    family: Family::NilContract,
    default_severity: Severity::Info,
    summary: "result of a function that can return nil dereferenced without a nil check",
    docs: include_str!("nil_result_deref.md"),
    fix: FixAvailability::None,
};

impl Rule for NilResultDeref {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["short_var_declaration", "assignment_statement"]
    }

    fn check(&self, stmt: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(call) = assigned_call(stmt, cx) else { return };
        let Some(function) = field!(call, "function").map(unparen) else { return };
        if !may_return_bare_nil(function, cx) {
            return;
        }
        if kind(stmt) == "assignment_statement" && field!(stmt, "operator").is_some_and(|op| cx.text(op) != "=") {
            return;
        }
        let Some(left) = field!(stmt, "left") else { return };
        let targets = assigned_targets(left);
        let found = callees(function, cx);
        let [(summary, _)] = found.as_slice() else { return };
        if summary.results.len() != targets.len() || summary.nil_returns.without_error.is_empty() {
            return;
        }
        for (index, &target) in targets.iter().enumerate() {
            let nil_possible = summary.nil_returns.without_error.contains(&index)
                && summary.results.get(index).is_some_and(TypeExpr::is_pointer);
            if !nil_possible || kind(target) != "identifier" {
                continue;
            }
            let Some(value) = assigned_binding(target, cx) else { continue };
            // `p, ok := find(k); if !ok { return }`: the other results may say when p is nil.
            // (An error result says nothing here: these nils come with a nil error.)
            let gates: Vec<usize> = targets
                .iter()
                .zip(&summary.results)
                .filter(|(t, ty)| **t != target && !ty.is_named(None, "error"))
                .filter_map(|(t, _)| assigned_binding(*t, cx))
                .collect();
            check_value(stmt, target, value, &gates, cx.text(function), cx);
        }
    }
}

/// The package's functions and methods with a `return nil` path without an
/// error, by name (once per package).
struct BareNilCallees(CalleeNames);

/// Can a call of `function` reach a function with a `return nil` path
/// without an error? The one callee [`callees`] finds must have one.
fn may_return_bare_nil(function: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let names =
        cx.package_fact(|files| BareNilCallees(CalleeNames::of(files, |f| !f.nil_returns.without_error.is_empty())));
    names.0.may_reach(function, cx)
}

fn check_value(
    stmt: Node<'_>,
    target: Node<'_>,
    value: usize,
    gates: &[usize],
    callee: &str,
    cx: &mut RuleContext<'_>,
) {
    let model = cx.model();
    let Some(binding) = model.bindings.get(value) else { return };
    if binding.kind.is_package_level() || binding.address_taken {
        return;
    }
    if model.references_of(value).any(|r| r.access != Access::Read && r.function != binding.function) {
        return;
    }
    let last_mention = model.references_of(value).map(|r| r.range.start).max().unwrap_or(0);
    let subject = Subject { root: value, path: Vec::new() };
    let Some(found) = first_deref_after(stmt, last_mention, &subject, gates, cx) else { return };
    if found.conditional || found.in_loop_that_sets {
        return;
    }
    let name = cx.text(target);
    let message = format!(
        "possible nil dereference: `{callee}` can return a nil `{name}` (it has a `return nil` path without an error), and this {} does not check it first",
        found.kind.describe()
    );
    cx.report(TextRange::of(found.node), message)
        .add_related(TextRange::of(stmt), format!("`{name}` may be nil from here"));
}
