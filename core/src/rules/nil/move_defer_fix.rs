//! The quick fix for NIL005's most common shape:
//!
//! ```go
//! resp, err := http.Get(url)
//! defer resp.Body.Close()   // runs resp.Body on a nil resp when Get fails
//! if err != nil {
//!     return err
//! }
//! ```
//!
//! moves the `defer` line below the error check. Offered only when the check
//! is the very next statement, its body leaves the function (so the moved
//! `defer` is never reached with a nil value), and both statements stand on
//! lines of their own, so moving whole lines keeps the formatting intact.

use crate::diagnostic::{TextEdit, TextRange};
use crate::model::BindingId;
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{block_statements, named_children};

/// Edits moving the `defer` that holds `deref` to just after the check of `err`.
pub(super) fn move_defer_below_check(
    assignment: Node<'_>,
    deref: Node<'_>,
    err: BindingId,
    cx: &RuleContext<'_>,
) -> Option<Vec<TextEdit>> {
    let block = assignment.parent()?;
    let defer = statement_in(block, deref)?;
    if kind(defer) != "defer_statement" {
        return None;
    }
    let statements = block_statements(block);
    let position = statements.iter().position(|s| s.id() == defer.id())?;
    let check = *statements.get(position + 1)?;
    if kind(check) != "if_statement" || !condition_mentions(check, err, cx) || !body_leaves(check, cx) {
        return None;
    }
    let source = cx.source();
    let defer_line = whole_line(source, defer)?;
    let after_check = whole_line(source, check)?.end;
    let moved = source.get(defer_line.start..defer_line.end)?.to_string();
    Some(vec![
        TextEdit { range: defer_line, new_text: String::new() },
        TextEdit { range: TextRange::new(after_check, after_check), new_text: moved },
    ])
}

/// The statement of `block` that contains `node`.
fn statement_in<'t>(block: Node<'t>, node: Node<'t>) -> Option<Node<'t>> {
    let mut current = node;
    loop {
        let parent = current.parent()?;
        if parent.id() == block.id() || (kind(parent) == "statement_list" && parent.parent()?.id() == block.id()) {
            return Some(current);
        }
        current = parent;
    }
}

fn condition_mentions(check: Node<'_>, err: BindingId, cx: &RuleContext<'_>) -> bool {
    let Some(condition) = field!(check, "condition") else { return false };
    let range = TextRange::of(condition);
    cx.model().references_of(err).any(|r| range.contains_range(r.range))
}

/// Whether the `if` body ends by leaving the function: `return` or `panic(...)`.
fn body_leaves(check: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(body) = field!(check, "consequence") else { return false };
    let Some(last) = block_statements(body).last().copied() else { return false };
    match kind(last) {
        "return_statement" => true,
        "expression_statement" => named_children(last).next().is_some_and(|call| {
            kind(call) == "call_expression" && field!(call, "function").is_some_and(|f| cx.text(f) == "panic")
        }),
        _ => false,
    }
}

/// The lines `node` occupies, newline included, when nothing but indentation
/// precedes it and nothing but a line comment follows it.
fn whole_line(source: &str, node: Node<'_>) -> Option<TextRange> {
    let (start, end) = (node.start_byte(), node.end_byte());
    let line_start = source.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    if !source.get(line_start..start)?.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let line_end = end + source.get(end..)?.find('\n')? + 1;
    let tail = source.get(end..line_end)?.trim();
    if !(tail.is_empty() || tail.starts_with("//")) {
        return None;
    }
    Some(TextRange::new(line_start, line_end))
}
