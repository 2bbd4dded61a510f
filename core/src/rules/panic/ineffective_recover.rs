//! PANIC001 ineffective-recover: `recover()` only stops a panic when it is
//! called directly by a deferred function. Two shapes are reported:
//!
//! - a `recover()` call in a function literal that is called in place or
//!   started with `go` (including one nested inside the deferred function);
//! - a call, inside a deferred function literal, to a function or method of
//!   the package that calls `recover()` itself: the helper is one call too
//!   deep (`defer func() { handlePanic() }()` instead of `defer handlePanic()`).
//!
//! A named function's own `recover()` is never reported where it is written:
//! whether it works depends on how each caller invokes it, so the finding goes
//! to the call site that gets it wrong.

use super::deferred_indirectly::{helper_calls_in_deferred_function, recovering_local_closure};
use super::recover_helpers::{may_recover, recovering_callee};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{block_statements, enclosing_function, named_children, parent_unparen, unparen, walk_preorder};

pub struct IneffectiveRecover;

static META: RuleMeta = RuleMeta {
    code: "PANIC001",
    name: "ineffective-recover",
    family: Family::PanicPath,
    default_severity: Severity::Warning,
    summary: "recover() called where it cannot stop a panic: not directly by a deferred function",
    docs: include_str!("ineffective_recover.md"),
    fix: FixAvailability::Sometimes,
};

impl Rule for IneffectiveRecover {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression", "defer_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        match kind(node) {
            "call_expression" => check_recover_call(node, cx),
            // Both report only a closure or helper that calls recover().
            "defer_statement" if may_recover(cx) => {
                check_deferred_literal(node, cx);
                check_deferred_function(node, cx);
            }
            _ => {}
        }
    }
}

fn check_recover_call(call: Node<'_>, cx: &mut RuleContext<'_>) {
    let Some(function) = cx.call_function(call).map(unparen) else { return };
    if !is_builtin_recover(function, cx) {
        return;
    }
    if let Some(statement) = parent_unparen(call).filter(|p| kind(p) == "defer_statement") {
        cx.report(
            TextRange::of(call),
            "recover() deferred by itself returns nil and does not stop a panic: \
             it must be called by the deferred function, as in defer func() { recover() }()",
        )
        .add_related(TextRange::of(statement), "recover is the deferred call here");
        return;
    }
    if let Some(statement) = launched_with_argument(call) {
        if argument_recover_is_ineffective(statement, cx) {
            let keyword = if kind(statement) == "go_statement" { "go" } else { "defer" };
            cx.report(
                TextRange::of(call),
                format!(
                    "recover() here returns nil and does not stop a panic: the arguments of a {keyword} statement \
                     are evaluated when it runs, before any panic"
                ),
            )
            .add_related(TextRange::of(statement), "recover only works when called directly by the deferred function");
        }
        return;
    }
    // Named functions are judged at their call sites (see `check_deferred_literal`).
    let Some(func) = enclosing_function(call).filter(|f| kind(f) == "func_literal") else { return };
    let Some(reason) = closure_verdict(func) else { return };
    cx.report(TextRange::of(call), format!("recover() here returns nil and does not stop a panic: {reason}"))
        .add_related(TextRange::of(func), "recover only works when called directly by the deferred function");
}

/// `defer log.Println(recover())` evaluates `recover()` in the function that
/// contains the statement: useless unless that function is itself deferred.
/// A function literal is judged like any `recover()` written in it; a named
/// function is reported only when this file never defers it (a function that
/// defers things is rarely deferred itself, and summaries do not say whether
/// sibling files defer it).
fn argument_recover_is_ineffective(statement: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(func) = enclosing_function(statement) else { return false };
    if kind(func) == "func_literal" {
        return closure_verdict(func).is_some();
    }
    let Some(name) = field!(func, "name").map(|n| cx.text(n)) else { return false };
    let mut deferred_here = false;
    walk_preorder(cx.file.tree.root_node(), |node| {
        if deferred_here {
            return false;
        }
        if kind(node) == "defer_statement" {
            let callee = named_children(node)
                .next()
                .map(unparen)
                .filter(|c| kind(c) == "call_expression")
                .and_then(|c| crate::syntax::callee_name(c, cx.source()));
            deferred_here = callee.is_some_and(|(_, n)| n == name);
        }
        true
    });
    !deferred_here
}

/// `defer log.Println(recover())`: the `defer` or `go` statement whose call
/// has `recover()` among its arguments (outside any function literal).
fn launched_with_argument(call: Node<'_>) -> Option<Node<'_>> {
    let mut current = call;
    loop {
        let parent = current.parent()?;
        if crate::syntax::is_function(parent) || kind(parent).ends_with("statement") {
            return None;
        }
        if kind(parent) == "argument_list" {
            let outer = parent.parent()?;
            let statement = parent_unparen(outer)?;
            if kind(outer) == "call_expression" && matches!(kind(statement), "defer_statement" | "go_statement") {
                return Some(statement);
            }
        }
        current = parent;
    }
}

fn is_builtin_recover(function: Node<'_>, cx: &RuleContext<'_>) -> bool {
    kind(function) == "identifier"
        && cx.text(function) == "recover"
        && cx.model().is_builtin(function, cx.source())
        // A package-level `func recover()` in a sibling file shadows the builtin.
        && cx.package.function_named("recover").is_none()
}

/// `defer func() {...}()`: the literal this defer statement runs, if it is one.
fn deferred_literal(defer: Node<'_>) -> Option<Node<'_>> {
    let call = unparen(named_children(defer).next()?);
    if kind(call) != "call_expression" {
        return None;
    }
    Some(unparen(field!(call, "function")?)).filter(|f| kind(f) == "func_literal")
}

/// Is this `func(){...}` literal itself deferred (`defer func(){...}()`)?
fn is_deferred_call_target(func: Node<'_>) -> bool {
    let Some(call) = parent_unparen(func) else { return false };
    kind(call) == "call_expression"
        && field!(call, "function").map(unparen) == Some(func)
        && parent_unparen(call).is_some_and(|p| kind(p) == "defer_statement")
}

fn closure_verdict(func: Node<'_>) -> Option<&'static str> {
    if is_deferred_call_target(func) {
        return None;
    }
    // Only speak when we can see how the literal is used: called in place, or
    // started as a goroutine. A literal stored in a variable, returned or passed
    // to a function may be deferred by whoever receives it.
    let call = parent_unparen(func)
        .filter(|c| kind(c) == "call_expression" && field!(c, "function").map(unparen) == Some(func))?;
    if parent_unparen(call).is_some_and(|p| kind(p) == "go_statement") {
        return Some("the function runs as a goroutine, not deferred");
    }
    let inside_deferred = enclosing_function(call).is_some_and(|outer| is_deferred_call_target(outer));
    Some(if inside_deferred {
        "it is called by a function nested inside the deferred one, one call too deep"
    } else {
        "the function literal is called directly, not deferred"
    })
}

/// In `defer func() { ...; helper(); ... }()`, reports calls to package
/// functions that call `recover()` themselves.
fn check_deferred_literal(defer: Node<'_>, cx: &mut RuleContext<'_>) {
    let Some(literal) = deferred_literal(defer) else { return };
    let Some(body) = field!(literal, "body") else { return };
    let mut calls = Vec::new();
    walk_preorder(body, |node| {
        // Calls in nested literals run wherever those literals run; the
        // literal's own checks cover `recover()` written inside them.
        if kind(node) == "func_literal" {
            return false;
        }
        let is_plain_call = kind(node) == "call_expression"
            && !parent_unparen(node).is_some_and(|p| matches!(kind(p), "defer_statement" | "go_statement"));
        if is_plain_call {
            calls.push(node);
        }
        true
    });
    for call in calls.iter().copied() {
        let Some(closure) = recovering_local_closure(call, cx) else { continue };
        cx.report(
            TextRange::of(call),
            format!(
                "{closure} calls recover(), but here the deferred function calls it instead of deferring it, \
                 so its recover() returns nil and does not stop a panic"
            ),
        )
        .add_related(
            TextRange::of(defer),
            format!("defer {closure}() directly: recover only works in the function that is deferred"),
        );
    }
    for call in calls {
        let Some(helper) = recovering_callee(call, cx) else { continue };
        let name = helper.name.clone();
        let is_method = helper.receiver_type.is_some();
        let fix = defer_directly_fix(defer, literal, body, call, is_method, cx);
        let diagnostic = cx.report(
            TextRange::of(call),
            format!(
                "{name} calls recover(), but here the deferred function calls it instead of deferring it, \
                 so its recover() returns nil and does not stop a panic"
            ),
        );
        diagnostic.add_related(TextRange::of(defer), "recover only works in the function that is deferred");
        if let Some((edit, applicability)) = fix {
            diagnostic.set_fix(format!("Defer {name} directly"), vec![edit], applicability);
        }
    }
}

/// `defer func() { helper() }()` -> `defer helper()` when the helper call is
/// the literal's only statement and takes no arguments. For a method the
/// receiver is then evaluated at the defer statement rather than at exit,
/// so that version is offered as unsafe.
fn defer_directly_fix(
    defer: Node<'_>,
    literal: Node<'_>,
    body: Node<'_>,
    call: Node<'_>,
    is_method: bool,
    cx: &RuleContext<'_>,
) -> Option<(TextEdit, Applicability)> {
    let statements = block_statements(body);
    let [only] = statements.as_slice() else { return None };
    if kind(only) != "expression_statement" || named_children(*only).next().map(unparen) != Some(call) {
        return None;
    }
    let no_args = |c: Node<'_>| field!(c, "arguments").is_some_and(|a| named_children(a).next().is_none());
    let deferred_call = parent_unparen(literal)?;
    let literal_params_empty = field!(literal, "parameters").is_some_and(|p| named_children(p).next().is_none());
    if !no_args(call) || !no_args(deferred_call) || !literal_params_empty {
        return None;
    }
    let call_expression = unparen(named_children(defer).next()?);
    let edit = TextEdit { range: TextRange::of(call_expression), new_text: cx.text(call).to_string() };
    let applicability = if is_method { Applicability::Unsafe } else { Applicability::Safe };
    Some((edit, applicability))
}

/// `defer cleanup()` where `cleanup` calls a recovering helper: the helper's
/// `recover()` is one call too deep.
fn check_deferred_function(defer: Node<'_>, cx: &mut RuleContext<'_>) {
    for (call, helper, deferred) in helper_calls_in_deferred_function(defer, cx) {
        cx.report(
            TextRange::of(call),
            format!(
                "{helper} calls recover(), but it is called by {deferred}, which is the deferred function, \
                 so its recover() is one call too deep, returns nil and does not stop a panic"
            ),
        )
        .add_related(TextRange::of(defer), format!("{deferred} is deferred here; defer {helper} directly instead"));
    }
}
