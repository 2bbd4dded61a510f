//! PANIC010 exit-skips-defers: `os.Exit` or `log.Fatal*` ends the process
//! without running deferred calls. Reported when the calling function has a
//! `defer` before the exit (in document order, in that same function), or
//! when the exit sits in a goroutine started by a library (non-`main`)
//! package, where it ends a program that is not the library's to end.

use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::BindingKind;
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{enclosing_function, parent_unparen, unparen, walk_preorder};

pub struct ExitSkipsDefers;

static META: RuleMeta = RuleMeta {
    code: "PANIC010",
    name: "exit-skips-defers",
    family: Family::PanicPath,
    default_severity: Severity::Warning,
    summary: "os.Exit or log.Fatal with deferred calls pending, or in a library's goroutine: defers never run",
    docs: include_str!("exit_skips_defers.md"),
    fix: FixAvailability::None,
};

impl Rule for ExitSkipsDefers {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(exit) = exit_call_name(call, cx) else { return };
        let Some(function) = enclosing_function(call) else { return };
        if let Some(defer) = pending_defer(function, call, cx) {
            let deferred = cx.text(defer).trim_start_matches("defer").trim().lines().next().unwrap_or("").to_string();
            cx.report(
                TextRange::of(call),
                format!(
                    "{exit} exits without running deferred calls: `{deferred}` (and any other pending defer) is skipped"
                ),
            )
            .add_related(TextRange::of(defer), "this deferred call never runs");
            return;
        }
        let library = cx.model().package.as_deref().is_some_and(|p| p != "main") && !cx.file.path.ends_with("_test.go");
        if library && is_goroutine_literal(function) {
            let package = cx.model().package.clone().unwrap_or_default();
            cx.report(
                TextRange::of(call),
                format!(
                    "{exit} in a goroutine of library package `{package}` ends the whole program, \
                     skipping every deferred call of every goroutine; return or send the error instead"
                ),
            );
        }
    }
}

/// `os.Exit` or `log.Fatal`/`Fatalf`/`Fatalln` of the standard packages.
fn exit_call_name(call: Node<'_>, cx: &RuleContext<'_>) -> Option<&'static str> {
    let function = unparen(cx.call_function(call)?);
    if kind(function) != "selector_expression" {
        return None;
    }
    // The field ends the selector's text: every other call is dropped here,
    // before the selector's fields and the import are looked up.
    let text = cx.text(function);
    if !["Exit", "Fatal", "Fatalf", "Fatalln"].iter().any(|name| text.ends_with(name)) {
        return None;
    }
    let operand = unparen(field!(function, "operand")?);
    if kind(operand) != "identifier" {
        return None;
    }
    // A plain import declares no binding; an aliased one declares an Import binding.
    if cx.model().binding_of(operand).is_some_and(|b| b.kind != BindingKind::Import) {
        return None;
    }
    let import = cx.model().import_named(cx.text(operand))?;
    match (import.path.as_str(), cx.text(field!(function, "field")?)) {
        ("os", "Exit") => Some("os.Exit"),
        ("log", "Fatal") => Some("log.Fatal"),
        ("log", "Fatalf") => Some("log.Fatalf"),
        ("log", "Fatalln") => Some("log.Fatalln"),
        _ => None,
    }
}

/// The first `defer` statement of `function` itself (not of nested literals)
/// that comes before `call`.
fn pending_defer<'t>(function: Node<'t>, call: Node<'_>, cx: &RuleContext<'_>) -> Option<Node<'t>> {
    let body = field!(function, "body")?;
    let mut found = None;
    walk_preorder(body, |node| {
        if found.is_some() || node.start_byte() >= call.start_byte() || kind(node) == "func_literal" {
            return false;
        }
        if kind(node) == "defer_statement" && node.end_byte() <= call.start_byte() && matters_after_exit(node, cx) {
            found = Some(node);
            return false;
        }
        true
    });
    found
}

/// `go func() { ... }()`.
fn is_goroutine_literal(function: Node<'_>) -> bool {
    if kind(function) != "func_literal" {
        return false;
    }
    let Some(call) = parent_unparen(function) else { return false };
    kind(call) == "call_expression"
        && field!(call, "function").map(unparen) == Some(function)
        && parent_unparen(call).is_some_and(|p| kind(p) == "go_statement")
}

/// Deferred calls whose effect ends with the process anyway (unlocking,
/// `wg.Done()`, cancelling a context, recovering, exiting) are not worth a
/// finding; closing, flushing, removing and the like are.
fn matters_after_exit(defer: Node<'_>, cx: &RuleContext<'_>) -> bool {
    const MOOT: &[&str] = &["Unlock", "RUnlock", "Done", "cancel", "Cancel", "Exit", "Stop"];
    let Some(call) = crate::syntax::named_children(defer).next().map(unparen) else { return true };
    if kind(call) != "call_expression" {
        return true;
    }
    match crate::syntax::callee_name(call, cx.source()) {
        Some((_, name)) => {
            let lower = name.to_ascii_lowercase();
            !(MOOT.contains(&name) || lower.contains("recover") || lower.contains("panic"))
        }
        // A deferred literal: moot only when all it does is recover.
        None => !cx.text(call).contains("recover()"),
    }
}
