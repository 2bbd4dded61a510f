//! When a function literal itself escapes, so that the variables it captures
//! by reference must live on the heap: started with `go`, deferred inside a
//! loop, returned, or stored in a heap location.

use super::heap_sink::heap_sink;
use super::reasons::enclosing_loop_body;
use crate::rules::RuleContext;
use crate::syntax::{named_children, parent_unparen};
use tree_sitter::Node;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosureEscape {
    Go,
    DeferInLoop,
    Returned,
    /// Stored in a package variable, a map, through a pointer, ...
    Stored(String),
}

impl ClosureEscape {
    pub fn describe(&self) -> String {
        match self {
            ClosureEscape::Go => "the closure started with `go`".to_string(),
            ClosureEscape::DeferInLoop => "the closure deferred inside a loop".to_string(),
            ClosureEscape::Returned => "the returned closure".to_string(),
            ClosureEscape::Stored(how) => format!("the closure {how}"),
        }
    }
}

/// How the `func_literal` escapes, with the byte offset of the statement that shows it.
pub fn closure_escape(literal: Node<'_>, cx: &RuleContext<'_>) -> Option<(ClosureEscape, usize)> {
    let parent = parent_unparen(literal)?;
    match parent.kind() {
        // `go func() {...}()` / `defer func() {...}()`: the literal is the called function.
        "call_expression" if parent.child_by_field_name("function").is_some_and(|f| contains(f, literal)) => {
            let statement = parent_unparen(parent)?;
            match statement.kind() {
                "go_statement" => Some((ClosureEscape::Go, statement.start_byte())),
                "defer_statement" => enclosing_loop_body(statement)
                    .is_some()
                    .then_some((ClosureEscape::DeferInLoop, statement.start_byte())),
                _ => None,
            }
        }
        "return_statement" => Some((ClosureEscape::Returned, parent.start_byte())),
        "expression_list" => {
            let statement = parent.parent()?;
            if statement.kind() == "return_statement" {
                return Some((ClosureEscape::Returned, statement.start_byte()));
            }
            let (sink, at) = heap_sink(literal, cx)?;
            Some((ClosureEscape::Stored(sink.describe()), at.start_byte()))
        }
        _ => {
            let (sink, at) = heap_sink(literal, cx)?;
            Some((ClosureEscape::Stored(sink.describe()), at.start_byte()))
        }
    }
}

fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// `func_literal` nodes under `root`, outermost first (never recursing).
pub fn func_literals(root: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.kind() == "func_literal" {
            out.push(node);
        }
        let children: Vec<Node<'_>> = named_children(node).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}
