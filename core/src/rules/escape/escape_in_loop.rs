//! ESC007 escape-in-loop (info): an allocation inside a loop body that goes to
//! the heap, so it costs an allocation on every iteration. Built on the
//! findings of ESC001 (`&T{...}`, and `&x` of a variable declared in the
//! body), ESC004 (non-constant `make`) and ESC005 (allocations over 64 KB).

use super::reasons::{enclosing_loop_body_in, line_of};
use super::shared_findings::{address_finding, large_stack_findings, may_allocate, non_constant_make_finding};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;

pub struct EscapeInLoop;

static META: RuleMeta = RuleMeta {
    code: "ESC007",
    name: "escape-in-loop",
    family: Family::EscapeHint,
    default_severity: Severity::Info,
    summary: "an allocation inside a loop body escapes to the heap on every iteration",
    docs: include_str!("escape_in_loop.md"),
    fix: FixAvailability::None,
};

impl Rule for EscapeInLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["unary_expression", "call_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some((range, what)) = allocation(node, cx) else { return };
        // The node `root.descendant_for_byte_range(range)` finds, with its
        // ancestors: the walk's node when the range is its own (no child of a
        // call or a unary expression spans all of it), else from a descent.
        let path = match cx.on_path(node) {
            Some((at, ancestors)) if range == TextRange::of(node) => ancestors.iter().copied().chain([at]).collect(),
            _ => crate::rules::quick::path_to_range(cx.file.tree.root_node(), range.start, range.end),
        };
        let Some(for_statement) = enclosing_loop_body_in(&path) else { return };
        let header_end = field!(for_statement, "body").map_or(for_statement.end_byte(), |b| b.start_byte());
        let header = TextRange { start: for_statement.start_byte(), end: header_end.max(for_statement.start_byte()) };
        let line = line_of(cx, for_statement.start_byte());
        cx.report(range, format!("{what} on every iteration of the loop at line {line}"))
            .add_related(header, "the loop");
    }
}

/// The heap allocation `node` causes (its range and "x escapes to heap (...)" words), if any.
fn allocation(node: Node<'_>, cx: &RuleContext<'_>) -> Option<(TextRange, String)> {
    match crate::syntax::kind(node) {
        "unary_expression" => {
            if let Some((range, message)) = large_stack_findings(node, cx).into_iter().next() {
                return Some((range, message));
            }
            let found = address_finding(node, cx)?;
            Some((found.primary, found.message))
        }
        "call_expression" if !may_allocate(node, cx) => None,
        "call_expression" => {
            non_constant_make_finding(node, cx).or_else(|| large_stack_findings(node, cx).into_iter().next())
        }
        _ => None,
    }
}
