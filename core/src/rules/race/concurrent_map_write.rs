//! RACE003 concurrent-map-write: a map shared with goroutines and written in
//! them with no lock held. The Go runtime detects concurrent map writes and
//! stops the whole program with `fatal error: concurrent map writes`, which
//! `recover` cannot catch.
//!
//! Error when the goroutine is started in a loop whose iterations do not wait
//! for it (several goroutines write the map at once). Warning when a single
//! goroutine writes it while the starting function also reads or writes the map
//! after the `go` statement with nothing (wait, receive, lock) in between.
//! Quiet when the goroutine takes any lock before the write, when the map is
//! declared inside the goroutine or the loop body, or its type is not visibly a map.

use super::spawn::{base_identifier, call_arguments, locks_before, may_block_between, ordered_between, Spawn};
use super::sync_types::TypeEnv;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::TypeExpr;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{named_children, text, unparen, walk_preorder};

pub struct ConcurrentMapWrite;

static META: RuleMeta = RuleMeta {
    code: "RACE003",
    name: "concurrent-map-write",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "a map written by goroutines with no lock held: the runtime stops the program with a fatal error",
    docs: include_str!("concurrent_map_write.md"),
    fix: FixAvailability::None,
};

impl Rule for ConcurrentMapWrite {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["go_statement", "call_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(spawn) = Spawn::of(node, cx) else { return };
        let env = TypeEnv::new(cx);
        let source = cx.source();
        let mut writes: Vec<(Node<'_>, Node<'_>)> = Vec::new();
        spawn.visit_body(|n| {
            if let Some(map) = written_map(n, source) {
                writes.push((n, map));
            }
        });
        let mut reported: Vec<String> = Vec::new();
        for (write, map) in writes {
            let map_text = text(map, source).to_string();
            if reported.contains(&map_text) || !is_map(map, &env) {
                continue;
            }
            let Some(base) = base_identifier(map) else { continue };
            let Some(binding) = cx.model().binding_of(base) else { continue };
            // Shared: declared by the starting function or an enclosing one, not in the goroutine.
            if cx.model().function_within(binding.function, Some(spawn.closure)) || binding.kind.is_loop_var() {
                continue;
            }
            if locks_before(&spawn, write.start_byte(), source) {
                continue;
            }
            let in_loop = spawn.concurrent_loop.is_some_and(|body| !TextRange::of(body).contains_range(binding.range));
            if in_loop {
                reported.push(map_text.clone());
                let message = format!(
                    "map {map_text} is written by goroutines started in a loop with no lock held: concurrent map \
                     writes are a fatal error that stops the program, not a panic recover can catch; guard it with \
                     a sync.Mutex or collect results over a channel"
                );
                let stmt = spawn.launch.statement;
                cx.report_with_severity(Severity::Error, TextRange::of(write), message)
                    .add_related(TextRange::of(stmt.child(0).unwrap_or(stmt)), "started once per iteration here");
                continue;
            }
            if let Some(other) = spawner_access_after(&spawn, &map_text, &env) {
                reported.push(map_text.clone());
                let message = format!(
                    "map {map_text} is written by this goroutine while the starting function also uses it with no \
                     lock or wait in between: a concurrent map write is a fatal error that stops the program, not a \
                     panic recover can catch"
                );
                let unsure = may_block_between(
                    spawn.spawner_node,
                    spawn.launch.statement.end_byte(),
                    other.start_byte(),
                    source,
                );
                let severity = if unsure.is_some() { Severity::Hint } else { Severity::Warning };
                let d = cx.report_with_severity(severity, TextRange::of(write), message);
                d.add_related(TextRange::of(other), "used here by the starting function");
                if let Some(call) = unsure {
                    d.add_related(call, "unless this call waits for the goroutine");
                }
            }
        }
    }
}

/// The map expression of `m[k] = v`, `m[k] += v`, `m[k]++` or `delete(m, k)`.
fn written_map<'t>(node: Node<'t>, source: &str) -> Option<Node<'t>> {
    match node.kind_name() {
        "assignment_statement" => {
            let left = node.field_child("left")?;
            named_children(left).map(unparen).find(|l| l.kind_name() == "index_expression")?.field_child("operand")
        }
        "inc_statement" | "dec_statement" => {
            let target = unparen(named_children(node).next()?);
            (target.kind_name() == "index_expression").then(|| target.field_child("operand")).flatten()
        }
        "call_expression" => {
            let function = unparen(node.field_child("function")?);
            if function.kind_name() != "identifier" || text(function, source) != "delete" {
                return None;
            }
            call_arguments(node).first().copied()
        }
        _ => None,
    }
}

fn is_map(expr: Node<'_>, env: &TypeEnv<'_>) -> bool {
    env.expr_type(expr).is_some_and(|t| matches!(env.resolve_type(&t), TypeExpr::Map(..)))
}

/// A read or write of the map (same expression text) in the starting function
/// after the `go` statement, outside function literals, with nothing that
/// orders it after the goroutine in between and no lock anywhere in the function.
fn spawner_access_after<'t>(spawn: &Spawn<'t>, map_text: &str, env: &TypeEnv<'_>) -> Option<Node<'t>> {
    let source = env.source;
    let body = spawn.spawner_node.field_child("body")?;
    let after = spawn.launch.statement.end_byte();
    let mut found = None;
    let mut locks = false;
    walk_preorder(body, |n| {
        if found.is_some() || n.kind_name() == "func_literal" {
            return false;
        }
        locks |= super::spawn::method_receiver(n, &["Lock", "RLock"], source).is_some();
        if n.start_byte() >= after && n.kind_name() == "index_expression" {
            let operand = n.field_child("operand");
            if operand.is_some_and(|o| text(o, source) == map_text) {
                found = Some(n);
            }
        }
        true
    });
    let found = found?;
    if locks || ordered_between(spawn.spawner_node, after, found.start_byte(), env) {
        return None;
    }
    Some(found)
}
