//! RACE001 loop-variable-capture: before Go 1.22 a `for` loop declares its
//! variables once for all iterations, so a closure started with `go`, deferred,
//! given to `g.Go` or run as a parallel subtest sees whatever value the
//! variable has when it runs, not the value of its own iteration.
//! From Go 1.22 on, an info-level hint points at `v := v` copies that the new
//! semantics made redundant.

use super::iteration_end::{iteration_leaves_loop, iteration_waits};
use super::launch::{Launch, LaunchKind};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::model::{Access, Binding, BindingId, FunctionId, GoVersion};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{ancestors, block_statements, enclosing_function, is_function, walk_preorder};

pub struct LoopVariableCapture;

static META: RuleMeta = RuleMeta {
    code: "RACE001",
    name: "loop-variable-capture",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "a goroutine, deferred or parallel closure in a loop uses the loop variable shared by all iterations (Go < 1.22)",
    docs: include_str!("loop_variable_capture.md"),
    fix: FixAvailability::Sometimes,
};

impl Rule for LoopVariableCapture {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["go_statement", "defer_statement", "call_expression", "short_var_declaration"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        if node.kind_name() == "short_var_declaration" {
            if cx.go_version >= GoVersion::LOOPVAR {
                super::redundant_copy::check(node, cx);
            }
            return;
        }
        if cx.go_version >= GoVersion::LOOPVAR {
            return;
        }
        let Some(launch) = Launch::of(node, cx) else { return };
        // The statement is `node` or its parent: its ancestors come from the
        // rules walk (each `Node::parent` would descend from the root).
        let above = cx.ancestors_of(launch.statement);
        // Only a variable of a loop around the launch is reported (`loop_body`).
        if above.is_some_and(|above| !above.iter().any(|n| n.kind_name() == "for_statement")) {
            return;
        }
        let function = match above {
            Some(above) => above.iter().rev().copied().find(|n| is_function(*n)),
            None => enclosing_function(launch.statement),
        };
        let Some(function) = function.and_then(|f| cx.model().function_id_of(f)) else { return };
        for (binding_id, first_use) in captured_loop_vars(&launch, function, cx) {
            let Some(binding) = cx.model().bindings.get(binding_id) else { continue };
            let loop_body = match above {
                Some(above) => loop_body(binding, launch.statement, above.iter().rev().copied()),
                None => loop_body(binding, launch.statement, ancestors(launch.statement)),
            };
            let Some(body) = loop_body else { continue };
            if !runs_after_iteration(&launch, body, cx.source()) {
                continue;
            }
            report(cx, &launch, binding_id, binding, body, first_use, function);
        }
    }
}

/// Loop variables of `function` the launched literal reads or writes after it
/// starts running later, each with its first use, in document order.
fn captured_loop_vars(launch: &Launch<'_>, function: FunctionId, cx: &RuleContext<'_>) -> Vec<(BindingId, TextRange)> {
    let mut found: Vec<(BindingId, TextRange)> = Vec::new();
    walk_preorder(launch.closure, |node| {
        if node.kind_name() == "identifier" && node.start_byte() >= launch.runs_later_from {
            if let Some(reference) = cx.model().reference_at(node) {
                let is_ours = cx
                    .model()
                    .bindings
                    .get(reference.binding)
                    .is_some_and(|b| b.kind.is_loop_var() && b.function == Some(function));
                if is_ours && !found.iter().any(|(b, _)| *b == reference.binding) {
                    found.push((reference.binding, reference.range));
                }
            }
        }
        true
    });
    found
}

/// The body of the loop that declares `binding`, when `statement` is inside
/// it. `above`: the statement's ancestors, nearest first.
fn loop_body<'t>(
    binding: &Binding,
    statement: Node<'_>,
    mut above: impl Iterator<Item = Node<'t>>,
) -> Option<Node<'t>> {
    let for_statement =
        above.find(|n| n.kind_name() == "for_statement" && TextRange::of(*n).contains_range(binding.range))?;
    let body = for_statement.field_child("body")?;
    TextRange::of(body).contains_range(TextRange::of(statement)).then_some(body)
}

/// Can the launched literal still run when the loop moves on to the next
/// iteration? Not when the iteration then leaves the loop, nor (for
/// goroutines) when it waits for something before going on.
fn runs_after_iteration(launch: &Launch<'_>, body: Node<'_>, source: &str) -> bool {
    if iteration_leaves_loop(launch.statement, body, source) {
        return false;
    }
    match launch.kind {
        LaunchKind::Go | LaunchKind::GroupGo => !iteration_waits(launch.statement, body, source),
        LaunchKind::Defer | LaunchKind::ParallelSubtest => true,
    }
}

fn report(
    cx: &mut RuleContext<'_>,
    launch: &Launch<'_>,
    binding_id: BindingId,
    binding: &Binding,
    body: Node<'_>,
    first_use: TextRange,
    function: FunctionId,
) {
    let name = binding.name.clone();
    let consequence = match launch.kind {
        LaunchKind::Go => "the goroutine may see a later iteration's value",
        LaunchKind::GroupGo => "the function may see a later iteration's value",
        LaunchKind::Defer => "every deferred call sees the last value",
        LaunchKind::ParallelSubtest => "parallel subtests, which run after the loop ends, all see the last value",
    };
    let message = format!(
        "{} captures loop variable {name}: under Go {} all iterations share one {name}, so {consequence}",
        launch.describe(),
        cx.go_version
    );
    let fix = copy_fix(cx, launch, binding_id, binding, body, function);
    let declared = binding.range;
    let diagnostic = cx.report(first_use, message);
    diagnostic.add_related(declared, format!("{name} is declared once for the whole loop before Go 1.22"));
    if let Some(edit) = fix {
        diagnostic.set_fix(
            format!("Copy {name} for each iteration ({name} := {name})"),
            vec![edit],
            Applicability::Safe,
        );
    }
}

/// `v := v` as the first statement of the loop body, indented like it. Only
/// offered on the first launch that captures `v` in the loop (so applying
/// every fix adds one copy), and only when the body never assigns `v`
/// (assignments would then change the copy, not the loop variable).
fn copy_fix(
    cx: &RuleContext<'_>,
    launch: &Launch<'_>,
    binding_id: BindingId,
    binding: &Binding,
    body: Node<'_>,
    function: FunctionId,
) -> Option<TextEdit> {
    let body_range = TextRange::of(body);
    let assigned_in_body =
        cx.model().references_of(binding_id).any(|r| r.access != Access::Read && body_range.contains_range(r.range));
    if assigned_in_body || binding.address_taken {
        return None;
    }
    if first_capturing_launch(cx, binding_id, body, function)? != launch.statement.start_byte() {
        return None;
    }
    let first = *block_statements(body).first()?;
    let source = cx.source();
    let line_start = source.get(..first.start_byte())?.rfind('\n').map_or(0, |i| i + 1);
    let indent = source.get(line_start..first.start_byte())?;
    let name = &binding.name;
    let new_text = if indent.chars().all(|c| c == ' ' || c == '\t') {
        format!("{name} := {name}\n{indent}")
    } else {
        format!("{name} := {name}; ")
    };
    Some(TextEdit { range: TextRange::new(first.start_byte(), first.start_byte()), new_text })
}

/// The statement offset of the first launch (in document order) in the loop
/// that this rule reports for the loop variable.
fn first_capturing_launch(
    cx: &RuleContext<'_>,
    binding_id: BindingId,
    body: Node<'_>,
    function: FunctionId,
) -> Option<usize> {
    let root = cx.file.tree.root_node();
    cx.model().references_of(binding_id).find_map(|r| {
        let ident = root.descendant_for_byte_range(r.range.start, r.range.end)?;
        ancestors(ident).take_while(|n| *n != body).filter(|n| n.kind_name() == "func_literal").find_map(|closure| {
            let launch = Launch::of_closure(closure, cx)?;
            let same_function = enclosing_function(launch.statement)
                .and_then(|f| cx.model().function_id_of(f))
                .is_some_and(|f| f == function);
            (same_function
                && r.range.start >= launch.runs_later_from
                && runs_after_iteration(&launch, body, cx.source()))
            .then(|| launch.statement.start_byte())
        })
    })
}
