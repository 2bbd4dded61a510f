//! PANIC004 goroutine-without-recover (info): `go func() { ... }()` in a
//! non-`main` package whose body runs code that may panic for reasons the
//! library does not control (an explicit `panic`, an unchecked type
//! assertion, a call of a function parameter the caller passed in) and defers
//! no recover. Indexing and dereferences are left out: they are everywhere,
//! and a bug there is a bug with or without a goroutine. A panic in any goroutine ends the whole process, and the caller
//! that started it cannot catch it.
//!
//! A deferred call counts as a recover when it is a literal that calls
//! `recover()`, a package function that does, or a helper whose name says it
//! handles panics (`defer runtime.HandleCrash()`, `defer recoverPanic()`).

use super::panic_in_defer::is_single_value;
use super::recover_helpers::{is_builtin_recover, recovering_callee};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{BindingKind, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{callee_name, named_children, unparen, walk_preorder};

pub struct GoroutineWithoutRecover;

static META: RuleMeta = RuleMeta {
    code: "PANIC004",
    name: "goroutine-without-recover",
    family: Family::PanicPath,
    default_severity: Severity::Info,
    summary: "goroutine in a library whose body can panic and defers no recover: a panic there kills the process",
    docs: include_str!("goroutine_without_recover.md"),
    fix: FixAvailability::None,
};

impl Rule for GoroutineWithoutRecover {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["go_statement"]
    }

    fn check(&self, statement: Node<'_>, cx: &mut RuleContext<'_>) {
        let library = cx.model().package.as_deref().is_some_and(|p| p != "main") && !cx.file.path.ends_with("_test.go");
        if !library {
            return;
        }
        let Some(call) = named_children(statement).next().map(unparen).filter(|c| kind(c) == "call_expression") else {
            return;
        };
        let Some(literal) = field!(call, "function").map(unparen).filter(|f| kind(f) == "func_literal") else {
            return;
        };
        let Some(body) = field!(literal, "body") else { return };
        let mut risky: Option<(Node<'_>, &'static str)> = None;
        let mut recovers = false;
        walk_preorder(body, |node| {
            match kind(node) {
                "func_literal" => return false,
                "defer_statement" => {
                    recovers |= defers_recover(node, cx);
                    return false;
                }
                _ => {}
            }
            if risky.is_none() {
                risky = panicking_operation(node, cx).map(|what| (node, what));
            }
            true
        });
        let (Some((at, what)), false) = (risky, recovers) else { return };
        let header_end = body.start_byte();
        let line = cx.file.lines.line_col(at.start_byte()).line + 1;
        cx.report(
            TextRange::new(statement.start_byte(), header_end.max(statement.start_byte())),
            format!(
                "this goroutine can panic ({what}, line {line}) and defers no recover: \
                 a panic here ends the whole process, and no caller can catch it"
            ),
        )
        .add_related(TextRange::of(at), format!("{what} can panic here"));
    }
}

fn panicking_operation(node: Node<'_>, cx: &RuleContext<'_>) -> Option<&'static str> {
    match kind(node) {
        "call_expression" => {
            let function = unparen(field!(node, "function")?);
            if kind(function) != "identifier" {
                return None;
            }
            if cx.text(function) == "panic" && cx.model().is_builtin(function, cx.source()) {
                return Some("an explicit panic");
            }
            // A function handed in by the caller: code the library does not control.
            let binding = cx.model().binding_of(function)?;
            let is_callback =
                binding.kind == BindingKind::Param && matches!(binding.declared_type, Some(TypeExpr::Func));
            is_callback.then_some("a call of a function the caller passed in")
        }
        "type_assertion_expression" if is_single_value(node) => Some("a type assertion"),
        _ => None,
    }
}

/// A `defer` that stops panics: a literal calling `recover()`, a package
/// function that calls it, or a helper named for the job.
fn defers_recover(defer: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(call) = named_children(defer).next().map(unparen).filter(|c| kind(c) == "call_expression") else {
        return false;
    };
    let Some(function) = field!(call, "function").map(unparen) else { return false };
    if kind(function) == "func_literal" {
        let mut found = false;
        if let Some(body) = field!(function, "body") {
            walk_preorder(body, |n| {
                if found || kind(n) == "func_literal" {
                    return false;
                }
                found = kind(n) == "call_expression"
                    && field!(n, "function").map(unparen).is_some_and(|f| is_builtin_recover(f, cx));
                true
            });
        }
        return found;
    }
    if recovering_callee(call, cx).is_some() {
        return true;
    }
    let name = callee_name(call, cx.source()).map(|(_, n)| n.to_ascii_lowercase()).unwrap_or_default();
    ["recover", "crash", "panic"].iter().any(|w| name.contains(w))
}
