//! RACE011 fatal-in-goroutine: `t.Fatal`, `t.FailNow` or `t.Skip*` called
//! from a goroutine a test started, on a `t` declared outside that goroutine
//! (`*testing.T`, `*testing.B`, `*testing.F` or `testing.TB`).
//!
//! The goroutine is a function literal started with `go` or handed to an
//! errgroup-style `g.Go` (see [`super::launch`]). A subtest's own `t`
//! (`t.Run(name, func(t *testing.T) {...})` inside the goroutine) is a
//! different variable and is fine.

use super::launch::{Launch, LaunchKind};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::TypeExpr;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::unparen;
use crate::syntax::FastNode;
use crate::syntax::Node;

pub struct FatalInGoroutine;

static META: RuleMeta = RuleMeta {
    code: "RACE011",
    name: "fatal-in-goroutine",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "t.Fatal/t.FailNow/t.Skip called from a goroutine the test started",
    docs: include_str!("fatal_in_goroutine.md"),
    fix: FixAvailability::None,
};

const STOPPERS: &[&str] = &["Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"];

impl Rule for FatalInGoroutine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        // Called on every call of the file: first a test on the callee's text
        // (a selector's text ends with its field name) with one field lookup.
        let Some(function) = cx.call_function(call) else { return };
        let mut function_text = cx.text(function);
        // Parentheses around it end in `)`: only then is `unparen` needed.
        if function_text.ends_with(')') {
            function_text = cx.text(unparen(function));
        }
        if !STOPPERS.iter().any(|s| function_text.ends_with(s)) {
            return;
        }
        let Some((Some(receiver), method)) = crate::syntax::callee_name(call, cx.source()) else { return };
        if !STOPPERS.contains(&method) || receiver.contains('.') {
            return;
        }
        let Some(operand) = call
            .field_child("function")
            .map(unparen)
            .and_then(|f| f.field_child("operand"))
            .map(unparen)
            .filter(|o| o.kind_name() == "identifier")
        else {
            return;
        };
        let Some(binding) = cx.model().binding_of(operand) else { return };
        if !is_testing_type(binding.declared_type.as_ref(), cx) {
            return;
        }
        let owner = binding.function;
        // `t` used in the function that declares it: the climb below would
        // stop at once (no function literal can sit between `t` and its call).
        if cx.model().reference_at(operand).is_some_and(|r| r.function == owner) {
            return;
        }
        // Climb the function literals between the call and the function that declares `t`.
        let mut current = cx.enclosing_function(call);
        while let Some(function) = current {
            let id = cx.model().function_id_of(function);
            if id == owner || function.kind_name() != "func_literal" {
                return;
            }
            if let Some(launch) = Launch::of_closure(function, cx) {
                if matches!(launch.kind, LaunchKind::Go | LaunchKind::GroupGo) {
                    let describe = launch.describe();
                    let statement = launch.statement;
                    cx.report(
                        TextRange::of(call),
                        format!(
                            "{receiver}.{method} called from {describe}, not the test goroutine: it only ends this \
                             goroutine (runtime.Goexit) while the test goes on; use {receiver}.Error and return"
                        ),
                    )
                    .add_related(TextRange::of(statement), "goroutine started here");
                    return;
                }
            }
            current = cx.enclosing_function(function);
        }
    }
}

/// `*testing.T`, `*testing.B`, `*testing.F` or `testing.TB`.
fn is_testing_type(ty: Option<&TypeExpr>, cx: &RuleContext<'_>) -> bool {
    let (named, pointer) = match ty {
        Some(TypeExpr::Pointer(inner)) => (inner.as_ref(), true),
        Some(other) => (other, false),
        None => return false,
    };
    let TypeExpr::Named { package: Some(package), name } = named else { return false };
    let name_fits = match name.as_str() {
        "T" | "B" | "F" => pointer,
        "TB" => !pointer,
        _ => false,
    };
    name_fits && cx.model().import_named(package).is_some_and(|i| i.path == "testing")
}
