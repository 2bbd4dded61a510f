//! RACE002 unsynchronized-shared-write: a local variable captured by a
//! goroutine and assigned in it, while the function that started the goroutine
//! reads or writes the same variable after the `go` statement with nothing in
//! between that orders the two: no `Wait()`, no channel receive or `select`,
//! no `Lock()`, no `Do()`.
//!
//! Quiet when unsure: the goroutine takes a lock before its write, the write is
//! inside a nested function literal (`once.Do(func() {...})`, a deferred
//! function), the variable's address is taken (it may be used through
//! `sync/atomic`), or the starting function's use is inside a function literal.

use super::spawn::{locks_before, may_block_between, ordered_between, Spawn};
use super::sync_types::TypeEnv;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, BindingId, BindingKind};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::Node;

pub struct UnsynchronizedSharedWrite;

static META: RuleMeta = RuleMeta {
    code: "RACE002",
    name: "unsynchronized-shared-write",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary:
        "a variable written by a goroutine and used by the starting function with no wait, lock or channel between",
    docs: include_str!("unsynchronized_shared_write.md"),
    fix: FixAvailability::None,
};

impl Rule for UnsynchronizedSharedWrite {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["go_statement", "call_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(spawn) = Spawn::of(node, cx) else { return };
        let model = cx.model();
        let closure_range = TextRange::of(spawn.launch.closure);
        let go_end = spawn.launch.statement.end_byte();
        // Writes in the goroutine's own body (not nested literals) to variables of the starting function.
        let mut written: Vec<(BindingId, TextRange)> = Vec::new();
        // References are in document order: start at the closure.
        let first = model.references.partition_point(|r| r.range.start < closure_range.start);
        for r in model.references[first..].iter().take_while(|r| r.range.start < closure_range.end) {
            if r.access == Access::Read || r.function != Some(spawn.closure) {
                continue;
            }
            let Some(b) = model.bindings.get(r.binding) else { continue };
            let local = matches!(b.kind, BindingKind::LocalVar | BindingKind::Param)
                && b.function == Some(spawn.spawner)
                && !b.address_taken;
            if local && !written.iter().any(|(id, _)| *id == r.binding) {
                written.push((r.binding, r.range));
            }
        }
        if written.is_empty() {
            return;
        }
        let env = TypeEnv::new(cx);
        let source = cx.source();
        for (binding, write) in written {
            if locks_before(&spawn, write.start, source) {
                continue;
            }
            let Some(b) = model.bindings.get(binding) else { continue };
            if let Some(body) = spawn.concurrent_loop.filter(|body| !TextRange::of(*body).contains_range(b.range)) {
                let name = b.name.clone();
                let message = format!(
                    "{} started in a loop writes {name}, which every iteration's goroutine shares, with no lock: \
                     a data race (guard {name} with a mutex, use sync/atomic, or send results over a channel)",
                    spawn.launch.describe()
                );
                let _ = body;
                let stmt = spawn.launch.statement;
                cx.report(write, message)
                    .add_related(TextRange::of(stmt.child(0).unwrap_or(stmt)), "started once per iteration here");
                continue;
            }
            // The first use by the starting function itself after the go statement.
            let Some(other) = model
                .references_of(binding)
                .find(|r| r.range.start >= go_end && r.function == Some(spawn.spawner))
                .map(|r| (r.range, r.access))
            else {
                continue;
            };
            if ordered_between(spawn.spawner_node, go_end, other.0.start, &env) {
                continue;
            }
            let Some(b) = model.bindings.get(binding) else { continue };
            let name = b.name.clone();
            let verb = if other.1 == Access::Read { "reads" } else { "writes" };
            // A call in between that might block could be what waits for the goroutine: say so quietly.
            let unsure = may_block_between(spawn.spawner_node, go_end, other.0.start, source);
            let message = format!(
                "{} writes {name} while the starting function {verb} it after the go statement with no wait, lock \
                 or channel receive in between: a data race (wait for the goroutine, or guard {name} with a mutex)",
                spawn.launch.describe()
            );
            let declared = b.range;
            let severity = if unsure.is_some() { Severity::Hint } else { Severity::Warning };
            let d = cx.report_with_severity(severity, write, message);
            if let Some(call) = unsure {
                d.add_related(call, "unless this call waits for the goroutine");
            }
            d.add_related(other.0, format!("{name} is {} here", if verb == "reads" { "read" } else { "written" }));
            d.add_related(declared, format!("{name} is declared here"));
        }
    }
}
