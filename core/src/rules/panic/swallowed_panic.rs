//! PANIC009 swallowed-panic: a working `recover()` (called directly by a
//! deferred function literal, or in a named function, which is meant to be
//! deferred) whose result is thrown away: `recover()` as a statement,
//! `_ = recover()`, or `if r := recover(); r != nil {}` with an empty body.
//! The panic stops and nobody learns why. Info: sometimes that is the intent.

use super::recover_helpers::{is_builtin_recover, is_deferred_literal};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{enclosing_function, parent_unparen, unparen};

pub struct SwallowedPanic;

static META: RuleMeta = RuleMeta {
    code: "PANIC009",
    name: "swallowed-panic",
    family: Family::PanicPath,
    default_severity: Severity::Info,
    summary: "recover() whose result is discarded: the panic vanishes without a trace",
    docs: include_str!("swallowed_panic.md"),
    fix: FixAvailability::None,
};

impl Rule for SwallowedPanic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(function) = cx.call_function(call).map(unparen) else { return };
        // Tests swallow panics on purpose, to exercise them.
        if cx.file.path.ends_with("_test.go") || !is_builtin_recover(function, cx) {
            return;
        }
        let Some(parent) = parent_unparen(call) else { return };
        let discarded = match kind(parent) {
            "expression_statement" => true,
            "expression_list" => parent.parent().is_some_and(|a| is_blank_assignment(a, cx)),
            "assignment_statement" => is_blank_assignment(parent, cx),
            "binary_expression" => empty_if_body(parent, cx),
            _ => false,
        } || short_var_then_empty_if(parent, cx);
        if !discarded {
            return;
        }
        // Where recover() cannot work, PANIC001 speaks instead.
        let Some(func) = enclosing_function(call) else { return };
        if kind(func) == "func_literal" && !is_deferred_literal(func) {
            return;
        }
        cx.report(
            TextRange::of(call),
            "the recovered panic value is discarded: the failure vanishes without a trace; \
             log it, count it, or turn it into an error",
        );
    }
}

/// `_ = recover()`.
fn is_blank_assignment(statement: Node<'_>, cx: &RuleContext<'_>) -> bool {
    kind(statement) == "assignment_statement" && field!(statement, "left").is_some_and(|l| cx.text(l).trim() == "_")
}

/// `if recover() != nil {}`: the comparison is the condition of an `if` with an empty body.
fn empty_if_body(comparison: Node<'_>, cx: &RuleContext<'_>) -> bool {
    if kind(comparison) != "binary_expression" {
        return false;
    }
    let Some(statement) = parent_unparen(comparison).filter(|s| kind(s) == "if_statement") else { return false };
    field!(statement, "condition") == Some(comparison) && is_empty_consequence(statement, cx)
}

/// `if r := recover(); r != nil {}` with an empty body and no else.
fn short_var_then_empty_if(parent: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let declaration = match kind(parent) {
        "expression_list" => parent.parent(),
        "short_var_declaration" => Some(parent),
        _ => None,
    };
    let Some(declaration) = declaration.filter(|d| kind(d) == "short_var_declaration") else { return false };
    let Some(statement) = declaration.parent().filter(|s| kind(s) == "if_statement") else { return false };
    field!(statement, "initializer") == Some(declaration) && is_empty_consequence(statement, cx)
}

/// No else, and a body with nothing in it, not even a comment saying why (a
/// comment trailing the `{` line speaks about the `if`, not the body).
fn is_empty_consequence(statement: Node<'_>, _cx: &RuleContext<'_>) -> bool {
    if field!(statement, "alternative").is_some() {
        return false;
    }
    let Some(body) = field!(statement, "consequence") else { return false };
    let open_row = body.start_position().row;
    let mut cursor = body.walk();
    let empty = body.named_children(&mut cursor).all(|c| kind(c) == "comment" && c.start_position().row == open_row);
    empty
}
