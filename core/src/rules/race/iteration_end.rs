//! What the rest of a loop iteration does after a statement: a launched
//! closure only sees a later value of a shared loop variable if the loop goes
//! on to another iteration while the closure may still run.

use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{block_statements, callee_name, named_children, unparen, walk_preorder};

/// After `statement`, does the iteration unconditionally leave the loop
/// (`return`, `break`, `goto`, `panic`)? Only statements that follow at the
/// same level or in an enclosing block of the loop body count.
pub fn iteration_leaves_loop(statement: Node<'_>, body: Node<'_>, source: &str) -> bool {
    following_statements(statement, body).into_iter().any(|s| match s.kind_name() {
        "return_statement" | "goto_statement" => true,
        // A labelled break may leave an inner statement only; unlabelled it leaves the innermost loop,
        // switch or select, which is the loop itself when the statement is a direct follower in it.
        "break_statement" => named_children(s).next().is_none() && !inside_switch_or_select(s, body),
        "expression_statement" => named_children(s).next().is_some_and(|c| {
            c.kind_name() == "call_expression"
                && callee_name(c, source).is_some_and(|(q, name)| q.is_none() && name == "panic")
        }),
        _ => false,
    })
}

/// After `statement`, may the iteration wait for something before going on:
/// a channel receive, a `select`, or a call that might block (anything but
/// builtins, counters, unlocks and formatting)? A goroutine that signals when
/// done, or that feeds a pipe the loop drains, is then usually finished with
/// the variable, so the rule stays quiet.
pub fn iteration_waits(statement: Node<'_>, body: Node<'_>, source: &str) -> bool {
    following_statements(statement, body).into_iter().any(|s| {
        let mut waits = false;
        walk_preorder(s, |node| {
            if waits || node.kind_name() == "func_literal" {
                return false;
            }
            waits = match node.kind_name() {
                "select_statement" => true,
                "unary_expression" => {
                    node.field_child("operator").is_some_and(|op| crate::syntax::text(op, source) == "<-")
                }
                "call_expression" => may_block(node, source),
                // `for range ch` receives too, but so does ranging over a slice; stay with what is sure.
                _ => false,
            };
            !waits
        });
        waits
    })
}

/// Calls known not to wait for another goroutine; any other call might.
fn may_block(call: Node<'_>, source: &str) -> bool {
    // `go f(x)` / `defer f(x)`: the call itself does not run now.
    if call.parent().is_some_and(|p| matches!(p.kind_name(), "go_statement" | "defer_statement")) {
        return false;
    }
    match callee_name(call, source) {
        Some((None, name)) => !crate::model::BUILTINS.contains(&name),
        Some((Some(qualifier), name)) => {
            const NON_BLOCKING_PACKAGES: &[&str] =
                &["fmt", "log", "strconv", "strings", "errors", "sort", "math", "time"];
            const NON_BLOCKING_METHODS: &[&str] =
                &["Add", "Done", "Inc", "Store", "Load", "Swap", "Unlock", "RUnlock", "Logf", "Log", "Errorf", "Error"];
            !(NON_BLOCKING_PACKAGES.contains(&qualifier) && name != "Sleep" || NON_BLOCKING_METHODS.contains(&name))
        }
        None => true,
    }
}

/// Statements after `statement` in its block and in every enclosing block up
/// to and including the loop body.
fn following_statements<'t>(statement: Node<'t>, body: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut current = statement;
    while current != body {
        let Some(parent) = current.parent() else { break };
        let siblings: Vec<Node<'t>> = match parent.kind_name() {
            "block" => block_statements(parent),
            "statement_list" | "expression_case" | "default_case" | "type_case" | "communication_case" => {
                named_children(parent).collect()
            }
            _ => Vec::new(),
        };
        if let Some(i) = siblings.iter().position(|s| *s == current) {
            out.extend(siblings.into_iter().skip(i + 1));
        }
        if parent == body {
            break;
        }
        current = parent;
    }
    out
}

/// Is `node` (a break) inside a switch or select nested in the loop body, so
/// that `break` leaves that statement rather than the loop?
fn inside_switch_or_select(node: Node<'_>, body: Node<'_>) -> bool {
    let mut current = node.parent();
    while let Some(n) = current {
        if n == body {
            return false;
        }
        if matches!(
            unparen(n).kind_name(),
            "expression_switch_statement" | "type_switch_statement" | "select_statement" | "for_statement"
        ) {
            return true;
        }
        current = n.parent();
    }
    false
}
