//! RACE004 waitgroup-add-in-goroutine: `wg.Add` called inside the goroutine
//! that the same `wg.Done()` marks finished. The starting function's
//! `wg.Wait()` may run before the goroutine gets to `Add`, see a zero counter
//! and return while the goroutine still works.
//!
//! Reported only when `wg` is visibly a `sync.WaitGroup` (or a pointer to one),
//! declared outside the goroutine, the goroutine itself calls `wg.Done()`, and
//! the starting function does not `wg.Add` before the `go` statement (then the
//! inner `Add` counts a child goroutine while the counter is held above zero).

use super::spawn::{method_receiver, Spawn};
use super::sync_types::{SyncKind, TypeEnv};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{block_statements, named_children, text, unparen, walk_preorder};

pub struct WaitGroupAddInGoroutine;

static META: RuleMeta = RuleMeta {
    code: "RACE004",
    name: "waitgroup-add-in-goroutine",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "wg.Add inside the goroutine it counts: Wait may return before the goroutine has started",
    docs: include_str!("waitgroup_add_in_goroutine.md"),
    fix: FixAvailability::Sometimes,
};

impl Rule for WaitGroupAddInGoroutine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["go_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let env = TypeEnv::new(cx);
        if env.imports.is_empty() {
            return;
        }
        let Some(spawn) = Spawn::of(node, cx) else { return };
        let source = cx.source();
        // `wg.Add(...)` and `wg.Done()` calls of the goroutine itself, by receiver text.
        let mut adds: Vec<(Node<'_>, &str)> = Vec::new();
        let mut dones: Vec<&str> = Vec::new();
        spawn.visit_body(|n| {
            if let Some(receiver) = method_receiver(n, &["Add"], source) {
                adds.push((n, text(receiver, source)));
            } else if let Some(receiver) = method_receiver(n, &["Done"], source) {
                dones.push(text(receiver, source));
            }
        });
        // Deferred `defer wg.Done()` is a defer of a call: visit_body sees the call.
        for (add, receiver_text) in adds {
            if !dones.contains(&receiver_text) {
                continue;
            }
            let Some(receiver) = method_receiver(add, &["Add"], source) else { continue };
            if env.expr_sync_kind(receiver) != Some(SyncKind::WaitGroup) {
                continue;
            }
            if !declared_outside(receiver, &spawn, cx) || added_before_go(&spawn, receiver_text, source) {
                continue;
            }
            if followed_by_go(add) {
                continue;
            }
            report(cx, &spawn, add, receiver_text);
        }
    }
}

/// The receiver's variable is captured from the starting function (not a
/// parameter or local of the goroutine).
fn declared_outside(receiver: Node<'_>, spawn: &Spawn<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(base) = super::spawn::base_identifier(receiver) else { return false };
    let Some(binding) = cx.model().binding_of(base) else { return false };
    !cx.model().function_within(binding.function, Some(spawn.closure))
}

/// The starting function calls `wg.Add` before the `go` statement (outside
/// function literals): the goroutine's own `Add` then counts something else.
fn added_before_go(spawn: &Spawn<'_>, receiver_text: &str, source: &str) -> bool {
    let Some(body) = spawn.spawner_node.field_child("body") else { return false };
    let go_start = spawn.launch.statement.start_byte();
    let mut found = false;
    walk_preorder(body, |n| {
        if found || n.start_byte() >= go_start || n.kind_name() == "func_literal" {
            return false;
        }
        if method_receiver(n, &["Add"], source).is_some_and(|r| text(r, source) == receiver_text) {
            found = true;
        }
        true
    });
    found
}

/// `wg.Add(1); go func() {...}()`: the `Add` counts the next goroutine.
fn followed_by_go(add: Node<'_>) -> bool {
    let Some(statement) = add.parent().filter(|p| p.kind_name() == "expression_statement") else { return false };
    let mut next = statement.next_named_sibling();
    while let Some(n) = next {
        if n.kind_name() == "go_statement" {
            return true;
        }
        if n.kind_name() != "comment" {
            return false;
        }
        next = n.next_named_sibling();
    }
    false
}

fn report(cx: &mut RuleContext<'_>, spawn: &Spawn<'_>, add: Node<'_>, receiver: &str) {
    let fix = move_add_fix(cx, spawn, add);
    let message = format!(
        "{receiver}.Add inside the goroutine it counts: {receiver}.Wait() may run first, see a zero counter and return \
         while the goroutine still runs; call {receiver}.Add before the go statement"
    );
    let go_range = TextRange::of(spawn.launch.statement.child(0).unwrap_or(spawn.launch.statement));
    let diagnostic = cx.report(TextRange::of(add), message);
    diagnostic.add_related(go_range, "the goroutine starts here");
    if let Some(edits) = fix {
        diagnostic.set_fix(format!("Move {receiver}.Add before the go statement"), edits, Applicability::Safe);
    }
}

/// When the `Add` is the goroutine's first statement, a constant count, and the
/// `go` statement stands in a block on its own line: move it out.
fn move_add_fix(cx: &RuleContext<'_>, spawn: &Spawn<'_>, add: Node<'_>) -> Option<Vec<TextEdit>> {
    let source = cx.source();
    let body = spawn.body()?;
    let first = *block_statements(body).first()?;
    if first.kind_name() != "expression_statement" || unparen(named_children(first).next()?) != add {
        return None;
    }
    let args = super::spawn::call_arguments(add);
    if args.len() != 1 || args[0].kind_name() != "int_literal" {
        return None;
    }
    let go = spawn.launch.statement;
    go.parent().filter(|p| p.kind_name() == "block" || p.kind_name() == "statement_list")?;
    let line_start = source.get(..go.start_byte())?.rfind('\n').map_or(0, |i| i + 1);
    let indent = source.get(line_start..go.start_byte())?;
    if !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    // Only when the Add stands alone on its line: remove that line.
    let add_line_start = source.get(..first.start_byte())?.rfind('\n').map_or(0, |i| i + 1);
    if !source.get(add_line_start..first.start_byte())?.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    // The statement moves with a trailing comment on its line, if any.
    let rest = source.get(first.end_byte()..)?;
    let newline = rest.find('\n')?;
    let trailing = rest[..newline].trim();
    if !(trailing.is_empty() || trailing.starts_with("//")) {
        return None;
    }
    let moved = format!("{}{}", text(add, source), rest[..newline].trim_end());
    let removal = TextRange::new(add_line_start, first.end_byte() + newline + 1);
    let insert = TextRange::new(line_start, line_start);
    Some(vec![
        TextEdit { range: insert, new_text: format!("{indent}{moved}\n") },
        TextEdit { range: removal, new_text: String::new() },
    ])
}
