//! RACE008 send-after-close: `close(ch)` and then, on the same path, a send on
//! `ch` or a second `close(ch)`; or `defer close(ch)` and an explicit
//! `close(ch)` before the function returns. Both panic at run time.
//!
//! The path is read from the statements after the close in the same block
//! (and the statements nested in them), not entering function literals and
//! stopping at a `return`/`break`/`continue`/`goto` or at an assignment to
//! the channel variable.

use super::stmt_flow::{
    assigns_name, builtin_call_argument, builtin_call_statement, contains, is_plain_path, root_identifier,
    statements_of, CONTAINERS,
};
use super::text_gate::{self, TextTest};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{kind, named_children, text, unparen};

pub struct SendAfterClose;

struct NamesClose;
impl TextTest for NamesClose {
    fn passes(text: &str) -> bool {
        text.contains("close")
    }
}

static META: RuleMeta = RuleMeta {
    code: "RACE008",
    name: "send-after-close",
    family: Family::RaceRisk,
    default_severity: Severity::Error,
    summary: "send on or second close of a channel already closed on the same path (panics)",
    docs: include_str!("send_after_close.md"),
    fix: FixAvailability::None,
};

impl Rule for SendAfterClose {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        CONTAINERS
    }

    fn check(&self, container: Node<'_>, cx: &mut RuleContext<'_>) {
        // Called on every block and case clause: leave at once unless one of its
        // statements is a `defer` or a call of something named `close`.
        let source = cx.source();
        // Every shape needs `close` in the container's text.
        if !text_gate::passes::<NamesClose>(container, cx) {
            return;
        }
        let candidate = |s: Node<'_>| match kind(s) {
            "defer_statement" => true,
            // A statement starts with its first token: `close(`, or `(` / a comment before it.
            "expression_statement" if !text(s, source).starts_with(['c', '(', '/']) => false,
            "expression_statement" => named_children(s).next().map(unparen).is_some_and(|call| {
                kind(call) == "call_expression"
                    && field!(call, "function")
                        .map(unparen)
                        .is_some_and(|f| kind(f) == "identifier" && text(f, source) == "close")
            }),
            _ => false,
        };
        if !super::stmt_flow::any_statement(container, candidate) {
            return;
        }
        let statements = statements_of(container);
        for (i, statement) in statements.iter().enumerate() {
            let (channel, deferred) = match statement.kind_name() {
                "defer_statement" => match named_children(*statement).next().map(unparen) {
                    Some(call) => (builtin_call_argument(call, "close", cx.source()), true),
                    None => continue,
                },
                _ => (builtin_call_statement(*statement, "close", cx.source()), false),
            };
            let Some(channel) = channel.filter(|c| is_plain_path(*c)) else { continue };
            if !is_builtin_close(*statement, cx) {
                continue;
            }
            check_after(*statement, channel, deferred, &statements[i + 1..], cx);
        }
    }
}

/// The `close` identifier in `close(ch)` or `defer close(ch)` names the builtin.
fn is_builtin_close(statement: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let call = named_children(statement).next().map(unparen);
    let function = call.and_then(|c| c.field_child("function")).map(unparen);
    function.is_some_and(|f| cx.model().is_builtin(f, cx.source()))
}

fn check_after(close: Node<'_>, channel: Node<'_>, deferred: bool, rest: &[Node<'_>], cx: &mut RuleContext<'_>) {
    let source = cx.source();
    let name = text(channel, source);
    let Some(root) = root_identifier(channel).map(|r| text(r, source)) else { return };
    for statement in rest {
        if assigns_name(*statement, root, source) || (name != root && assigns_name(*statement, name, source)) {
            return;
        }
        let mut found = None;
        // A send on the channel or a close of it names the channel.
        let named = text(*statement, source).contains(name);
        if named {
            contains(*statement, |n| {
                let hit = match n.kind_name() {
                    "send_statement" if !deferred => {
                        n.field_child("channel").is_some_and(|c| text(unparen(c), source) == name)
                    }
                    "call_expression" => {
                        builtin_call_argument(n, "close", source).is_some_and(|a| text(a, source) == name)
                    }
                    _ => false,
                };
                if hit {
                    found = Some(n);
                }
                hit
            });
        }
        if let Some(node) = found {
            let direct = node == unparen(named_children(*statement).next().unwrap_or(*statement)) || node == *statement;
            let severity = if direct { Severity::Error } else { Severity::Warning };
            let message = match (node.kind_name(), deferred) {
                ("send_statement", _) => format!("send on {name} after close({name}) on this path: send on closed channel panics"),
                (_, false) => format!("second close({name}) on this path: close of closed channel panics"),
                (_, true) => format!(
                    "close({name}) here, and the deferred close({name}) runs again at return: close of closed channel panics"
                ),
            };
            let related = if deferred { "deferred close" } else { "closed here" };
            cx.report_with_severity(severity, TextRange::of(node), message).add_related(TextRange::of(close), related);
            return;
        }
        let leaves = matches!(
            statement.kind_name(),
            "return_statement" | "break_statement" | "continue_statement" | "goto_statement"
        );
        if leaves {
            return;
        }
    }
}
