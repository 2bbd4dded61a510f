//! When a function literal itself escapes, so that the variables it captures
//! by reference must live on the heap: started with `go`, deferred inside a
//! loop, returned, or stored in a heap location.

use super::heap_sink::heap_sink_in;
use super::reasons::enclosing_loop_body_in;
use super::reference_text::{first_argument_of, follows_define};
use crate::diagnostic::TextRange;
use crate::rules::quick::{parent_unparen_at, path_to_node};
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::kind;
use crate::syntax::Node;

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
    closure_escape_in(&path_to_node(cx.file.tree.root_node(), literal), cx)
}

/// [`closure_escape`] of the last node of `path` (that literal's ancestors,
/// root first, from [`path_to_node`]).
pub fn closure_escape_in(path: &[Node<'_>], cx: &RuleContext<'_>) -> Option<(ClosureEscape, usize)> {
    let literal = *path.last()?;
    let at = parent_unparen_at(path)?;
    let parent = path[at];
    match kind(parent) {
        // `go func() {...}()` / `defer func() {...}()`: the literal is the called function.
        "call_expression" if field!(parent, "function").is_some_and(|f| contains(f, literal)) => {
            let statement_at = parent_unparen_at(&path[..=at])?;
            let statement = path[statement_at];
            match kind(statement) {
                "go_statement" => Some((ClosureEscape::Go, statement.start_byte())),
                "defer_statement" => enclosing_loop_body_in(&path[..=statement_at])
                    .is_some()
                    .then_some((ClosureEscape::DeferInLoop, statement.start_byte())),
                _ => None,
            }
        }
        "return_statement" => Some((ClosureEscape::Returned, parent.start_byte())),
        "expression_list" => {
            let statement = *path.get(at.checked_sub(1)?)?;
            if kind(statement) == "return_statement" {
                return Some((ClosureEscape::Returned, statement.start_byte()));
            }
            let (sink, at) = heap_sink_in(path, cx)?;
            Some((ClosureEscape::Stored(sink.describe()), at.start_byte()))
        }
        _ => {
            let (sink, at) = heap_sink_in(path, cx)?;
            Some((ClosureEscape::Stored(sink.describe()), at.start_byte()))
        }
    }
}

/// Can the `func_literal` at `range` escape ([`closure_escape_in`])? Not as
/// the first argument of a call (`HandlerFunc(func...)`: only `append` stores
/// its arguments, and not the first) nor as the value of a `:=` (`f := func...`,
/// called or compared there too), which the text around it shows without the
/// descent to it.
pub fn may_escape_here(source: &str, range: TextRange) -> bool {
    first_argument_of(source, range.start, range.end).is_none() && !follows_define(source, range.start)
}

fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}
