//! NIL005 use-before-error-check: `resp, err := http.Get(u)` followed by a
//! dereference of `resp` before `err` is looked at. When the call fails the
//! value is nil, so the dereference panics instead of the error being handled.
//!
//! Only calls known to return nil with an error are followed: a table of
//! standard-library functions, and the package's own functions whose summary
//! shows a `return nil, err` path. Anything else stays quiet.

use super::move_defer_fix::move_defer_below_check;
use super::nil_on_error::{assigned_binding, assigned_call, assigned_targets, may_be_nil_on_error, nil_on_error};
use super::region::first_deref_after;
use super::subject::{DerefKind, Subject};
use crate::diagnostic::{Applicability, Family, Severity, TextRange};
use crate::model::Access;
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::unparen;
use crate::syntax::Node;

pub struct UseBeforeErrorCheck;

static META: RuleMeta = RuleMeta {
    code: "NIL005",
    name: "use-before-error-check",
    family: Family::NilContract,
    default_severity: Severity::Warning,
    summary: "result of a (value, error) call dereferenced before the error is checked",
    docs: include_str!("use_before_error_check.md"),
    fix: FixAvailability::Sometimes,
};

impl Rule for UseBeforeErrorCheck {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["short_var_declaration", "assignment_statement"]
    }

    fn check(&self, stmt: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(call) = assigned_call(stmt, cx) else { return };
        // Only calls nil_on_error may know get further.
        let Some(function) = field!(call, "function").map(unparen) else { return };
        if !may_be_nil_on_error(function, cx) {
            return;
        }
        // Two targets or more: a list.
        let Some(left) = field!(stmt, "left").filter(|l| kind(l) == "expression_list") else { return };
        let targets = assigned_targets(left);
        if targets.len() < 2 {
            return;
        }
        if kind(stmt) == "assignment_statement" && field!(stmt, "operator").is_some_and(|op| cx.text(op) != "=") {
            return;
        }
        let Some(&err_ident) = targets.last() else { return };
        for (index, &target) in targets[..targets.len() - 1].iter().enumerate() {
            if kind(target) != "identifier" || cx.text(target) == "_" || cx.text(err_ident) == "_" {
                continue;
            }
            let Some(known) = nil_on_error(call, index, targets.len(), cx) else { continue };
            let (Some(value), Some(err)) = (assigned_binding(target, cx), assigned_binding(err_ident, cx)) else {
                continue;
            };
            check_value(stmt, target, value, err, &known, cx);
        }
    }
}

fn check_value(
    stmt: Node<'_>,
    target: Node<'_>,
    value: usize,
    err: usize,
    known: &super::nil_on_error::NilOnError,
    cx: &mut RuleContext<'_>,
) {
    let model = cx.model();
    let Some(binding) = model.bindings.get(value) else { return };
    if binding.kind.is_package_level() || binding.address_taken {
        return;
    }
    // A closure that assigns the variable can run at any call: give up on it.
    if model.references_of(value).any(|r| r.access != Access::Read && r.function != binding.function) {
        return;
    }
    // The error is looked at (or overwritten) here: past it the value may be guarded.
    let after = stmt.end_byte();
    let err_mention = model.references_of(err).map(|r| r.range.start).filter(|&s| s >= after).min();
    let last_value_mention = model.references_of(value).map(|r| r.range.start).max().unwrap_or(0);
    let until = err_mention.unwrap_or(usize::MAX).min(last_value_mention);
    let subject = Subject { root: value, path: Vec::new() };
    let Some(found) = first_deref_after(stmt, until, &subject, &[err], cx) else { return };
    if found.conditional || found.in_loop_that_sets || err_mention.is_some_and(|e| found.node.start_byte() > e) {
        return;
    }
    if let (DerefKind::MethodCall, Some(methods)) = (found.kind, known.panicking_methods) {
        let method = field!(found.node, "field").map(|f| cx.text(f)).unwrap_or("");
        if !methods.contains(&method) {
            return; // `f.Close()` on a nil *os.File returns os.ErrInvalid
        }
    }
    let name = cx.text(target);
    let err_name = model.bindings.get(err).map(|b| b.name.as_str()).unwrap_or("err");
    let message = format!(
        "possible nil dereference: `{name}` is used before `{err_name}` is checked; `{}` returns a nil `{name}` with a non-nil error ({}), so this {} panics when the call fails",
        known.callee,
        known.source,
        found.kind.describe()
    );
    let fix = move_defer_below_check(stmt, found.node, err, cx);
    let diagnostic = cx
        .report_with_severity(Severity::Warning, TextRange::of(found.node), message)
        .add_related(TextRange::of(stmt), format!("`{name}` and `{err_name}` are set here; check `{err_name}` first"));
    if let Some(edits) = fix {
        diagnostic.set_fix("Move the defer below the error check", edits, Applicability::Safe);
    }
}
