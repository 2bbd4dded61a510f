//! RACE007 channel-deadlock: channel operations that can never complete.
//!
//! Judged from a local channel variable's every use (see [`super::channel_uses`]):
//!
//! - a receive or `range` on a channel made here that nothing sends on or
//!   closes, and that is never passed anywhere else;
//! - a send or receive on an unbuffered channel that never leaves the
//!   function that made it (no goroutine or callee can ever see it), and a
//!   `range` over such a channel (buffered or not) that nobody closes;
//! - an operation on a `var ch chan T` that is never assigned: a nil channel;
//! - `select {}` in `main` of a one-file program that starts no goroutine.
//!
//! These are certain, so they are errors. A channel passed to a function,
//! stored, returned, or reassigned is never judged.

use super::channel_uses::{ChanOp, ChanUse, ChanUses};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{enclosing_function, field_children, kind, named_children, unparen, walk_preorder};

pub struct ChannelDeadlock;

static META: RuleMeta = RuleMeta {
    code: "RACE007",
    name: "channel-deadlock",
    family: Family::RaceRisk,
    default_severity: Severity::Error,
    summary: "channel operation that blocks forever: nothing can ever send, receive or close",
    docs: include_str!("channel_deadlock.md"),
    fix: FixAvailability::None,
};

impl Rule for ChannelDeadlock {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["short_var_declaration", "var_spec", "select_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        match node.kind_name() {
            "select_statement" => check_empty_select(node, cx),
            // A channel made or declared here is written `chan` (`make(chan T)`,
            // `var ch chan T`): one search of the declaration's text.
            _ if !cx.text(node).contains("chan") => {}
            // The common case, leaving at once: no `make(chan ...)` on the right.
            "short_var_declaration" if !makes_channel(node) => {}
            _ => {
                for (name, made) in declared_channels(node, cx) {
                    check_channel(name, made, cx);
                }
            }
        }
    }
}

/// How a channel variable starts out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    Nil,
    Unbuffered,
    Buffered,
}

/// `ch := make(chan T)`, `var ch = make(chan T, n)`, `var ch chan T`.
fn declared_channels<'t>(node: Node<'t>, cx: &RuleContext<'_>) -> Vec<(Node<'t>, Made)> {
    let mut out = Vec::new();
    let (names, values) = match node.kind_name() {
        "short_var_declaration" => {
            let left = node.field_child("left").map(|l| named_children(l).collect()).unwrap_or_default();
            let right = node.field_child("right").map(|r| named_children(r).collect()).unwrap_or_default();
            (left, right)
        }
        _ => {
            let names = field_children(node, "name");
            let values: Vec<Node<'t>> =
                node.field_child("value").map(|v| named_children(v).collect()).unwrap_or_default();
            if values.is_empty() {
                let is_chan = node.field_child("type").is_some_and(|t| t.kind_name() == "channel_type");
                if is_chan
                    && cx
                        .model()
                        .binding_of(names.first().copied().unwrap_or(node))
                        .is_some_and(|b| !b.kind.is_package_level())
                {
                    out.extend(names.into_iter().map(|n| (n, Made::Nil)));
                }
                return out;
            }
            (names, values)
        }
    };
    if names.len() != values.len() {
        return out;
    }
    for (name, value) in names.into_iter().zip(values) {
        if name.kind_name() != "identifier" {
            continue;
        }
        if let Some(made) = made_channel(unparen(value), cx) {
            out.push((name, made));
        }
    }
    out
}

/// Some value on the right of `node` is a call whose first argument is a
/// channel type (`make(chan T)`): what `made_channel` needs first.
fn makes_channel(node: Node<'_>) -> bool {
    let Some(right) = field!(node, "right") else { return false };
    named_children(right).any(|value| {
        let value = unparen(value);
        kind(value) == "call_expression"
            && field!(value, "arguments")
                .and_then(|args| named_children(args).next())
                .is_some_and(|first| kind(first) == "channel_type")
    })
}

fn made_channel(value: Node<'_>, cx: &RuleContext<'_>) -> Option<Made> {
    if value.kind_name() != "call_expression" {
        return None;
    }
    let function = unparen(value.field_child("function")?);
    if cx.text(function) != "make" || !cx.model().is_builtin(function, cx.source()) {
        return None;
    }
    let args: Vec<Node<'_>> = named_children(value.field_child("arguments")?).collect();
    if args.first()?.kind_name() != "channel_type" {
        return None;
    }
    match args.get(1).map(|n| cx.text(*n)) {
        None | Some("0") => Some(Made::Unbuffered),
        Some(_) => Some(Made::Buffered),
    }
}

fn check_channel(name: Node<'_>, made: Made, cx: &mut RuleContext<'_>) {
    let Some(binding_id) = cx.model().binding_id_of(name) else { return };
    let Some(binding) = cx.model().bindings.get(binding_id) else { return };
    if binding.kind.is_package_level() {
        return;
    }
    let home = binding.function;
    let uses = ChanUses::of(binding_id, cx);
    if uses.reassigned {
        return;
    }
    let ch = cx.text(name);
    let declared = TextRange::of(name);
    if made == Made::Nil {
        for u in uses.uses.iter().filter(|u| u.blocks()) {
            report(
                cx,
                u,
                format!("{ch} is a nil channel (declared, never assigned): {} it blocks forever", verb(u)),
                declared,
            );
        }
        return;
    }
    if uses.any(ChanOp::Other) {
        return;
    }
    let has_send = uses.any(ChanOp::Send);
    let has_close = uses.any(ChanOp::Close);
    if !has_send && !has_close {
        for u in uses.uses.iter().filter(|u| u.blocks()) {
            report(
                cx,
                u,
                format!(
                    "nothing ever sends on or closes {ch}, and it is never passed anywhere: {} it blocks forever",
                    verb(u)
                ),
                declared,
            );
        }
        return;
    }
    // From here on only the function that made the channel ever touches it:
    // no goroutine can be on the other side.
    if uses.uses.iter().any(|u| u.function != home) {
        return;
    }
    let first_close = uses.uses.iter().filter(|u| u.op == ChanOp::Close).map(|u| u.node.start_byte()).min();
    let first_blocking = uses.uses.iter().find(|u| match u.op {
        // After a close the send panics instead (RACE008 reports that).
        ChanOp::Send => made == Made::Unbuffered && first_close.is_none_or(|c| c > u.node.start_byte()) && !in_for_update(u),
        ChanOp::Receive => made == Made::Unbuffered && !has_close,
        ChanOp::Range => !has_close,
        _ => false,
    } && !u.in_select);
    if let Some(u) = first_blocking {
        let why = match (u.op, made) {
            (ChanOp::Range, Made::Buffered) => {
                format!("{ch} is never closed and no other goroutine can see it: this range blocks forever once the buffer is drained")
            }
            _ => format!("{ch} is unbuffered and no other goroutine can see it: {} it blocks forever", verb(u)),
        };
        report(cx, u, why, declared);
    }
}

/// `for ; ; ch <- v {`: the post statement runs only if an iteration completes.
fn in_for_update(send: &ChanUse<'_>) -> bool {
    send.parent.is_some_and(|p| p.kind_name() == "for_clause")
}

fn verb(u: &ChanUse<'_>) -> &'static str {
    match u.op {
        ChanOp::Send => "sending on",
        ChanOp::Range => "ranging over",
        _ => "receiving from",
    }
}

fn report(cx: &mut RuleContext<'_>, u: &ChanUse<'_>, message: String, declared: TextRange) {
    cx.report(TextRange::of(u.node), message).add_related(declared, "the channel is declared here");
}

/// `select {}` in `main` of a program that starts no goroutine: the runtime
/// stops it with "all goroutines are asleep - deadlock!". Only one-file
/// programs importing no package that may run goroutines or timers of its own
/// are judged.
fn check_empty_select(select: Node<'_>, cx: &mut RuleContext<'_>) {
    if named_children(select).next().is_some() || cx.model().package.as_deref() != Some("main") {
        return;
    }
    let Some(function) = enclosing_function(select).and_then(|f| cx.model().function_of(f)) else { return };
    if function.name.as_deref() != Some("main")
        || function.receiver_type.is_some()
        || function.kind != crate::model::FunctionKind::Func
    {
        return;
    }
    let path = cx.file.path.as_str();
    if cx.package.siblings.iter().any(|s| s.path != path) {
        return;
    }
    const QUIET_IMPORTS: &[&str] =
        &["net", "os/signal", "time", "context", "syscall", "runtime", "os/exec", "plugin", "C", "unsafe"];
    let imports_ok = cx.model().imports.iter().all(|i| {
        let first = i.path.split('/').next().unwrap_or("");
        !first.contains('.') && !QUIET_IMPORTS.iter().any(|q| i.path == *q || i.path.starts_with(&format!("{q}/")))
    });
    if !imports_ok {
        return;
    }
    let mut starts_goroutine = false;
    walk_preorder(cx.file.tree.root_node(), |n| {
        starts_goroutine |= n.kind_name() == "go_statement";
        !starts_goroutine
    });
    if starts_goroutine {
        return;
    }
    cx.report(
        TextRange::of(select),
        "select {} in main with no other goroutine running: the program dies with \"all goroutines are asleep - deadlock!\"",
    );
}
