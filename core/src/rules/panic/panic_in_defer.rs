//! PANIC005 panic-in-defer: a deferred function literal that can itself
//! panic, which replaces the panic being unwound (or starts one while
//! returning normally) and defeats any recovery around it:
//!
//! - an explicit `panic(...)` that is not a re-panic of the recovered value
//!   (neither its argument nor an enclosing condition mentions a variable
//!   that holds `recover()`'s result);
//! - a single-value type assertion on the recovered value (`r.(error)`),
//!   which panics whenever the panic value has another type, as with
//!   `panic("message")`.

use super::identifiers::mentions;
use super::recover_helpers::is_builtin_recover;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{ancestors, named_children, parent_unparen, unparen, walk_preorder};

pub struct PanicInDefer;

static META: RuleMeta = RuleMeta {
    code: "PANIC005",
    name: "panic-in-defer",
    family: Family::PanicPath,
    default_severity: Severity::Warning,
    summary: "a deferred function that can itself panic, replacing the panic being recovered or killing the process",
    docs: include_str!("panic_in_defer.md"),
    fix: FixAvailability::None,
};

impl Rule for PanicInDefer {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["defer_statement"]
    }

    fn check(&self, defer: Node<'_>, cx: &mut RuleContext<'_>) {
        // Tests panic in deferred calls on purpose, to test panics.
        if cx.file.path.ends_with("_test.go") {
            return;
        }
        let Some(call) = named_children(defer).next().map(unparen).filter(|c| kind(c) == "call_expression") else {
            return;
        };
        let Some(literal) = field!(call, "function").map(unparen).filter(|f| kind(f) == "func_literal") else {
            return;
        };
        let Some(body) = field!(literal, "body") else { return };
        let mut recovered: Vec<String> = Vec::new();
        let mut panics = Vec::new();
        let mut assertions = Vec::new();
        walk_preorder(body, |node| {
            match kind(node) {
                // Nested literals run wherever they are run; deferred ones inside have their own check.
                "func_literal" => return false,
                "short_var_declaration" | "assignment_statement" => {
                    if let (Some(left), Some(right)) = (field!(node, "left"), field!(node, "right")) {
                        if is_recover_call(unparen(right), cx) {
                            recovered.push(cx.text(left).trim().to_string());
                        }
                    }
                }
                // `switch p := recover().(type)`
                "type_switch_statement" => {
                    let alias = field!(node, "alias").map(|a| cx.text(a).trim().to_string());
                    let value = field!(node, "value").map(unparen);
                    if let (Some(alias), Some(value)) = (alias, value) {
                        if is_recover_call(value, cx) || recovered.iter().any(|r| cx.text(value) == r) {
                            recovered.push(alias);
                        }
                    }
                }
                "call_expression" if is_builtin_call(node, "panic", cx) => panics.push(node),
                "type_assertion_expression" => assertions.push(node),
                _ => {}
            }
            true
        });
        for panic in panics {
            // A condition or argument that calls recover() or reads its result
            // (here, or in an enclosing deferred function: `err := recover()`).
            let mentions_recovered = |n: Node<'_>| {
                let text = cx.text(n);
                text.contains("recover()")
                    || recovered.iter().any(|r| mentions(text, r))
                    || reads_recovered_binding(n, cx)
            };
            let repanic = field!(panic, "arguments").is_some_and(&mentions_recovered)
                || ancestors(panic).take_while(|a| *a != body).any(|a| match kind(a) {
                    "if_statement" => {
                        field!(a, "condition").is_some_and(&mentions_recovered)
                            || field!(a, "initializer").is_some_and(&mentions_recovered)
                    }
                    "expression_switch_statement" | "type_switch_statement" => {
                        field!(a, "value").is_some_and(&mentions_recovered)
                    }
                    _ => false,
                });
            if repanic {
                continue;
            }
            cx.report(
                TextRange::of(panic),
                "panic inside a deferred function: it replaces any panic being unwound and defeats recovery \
                 further up; handle the failure without panicking here",
            )
            .add_related(TextRange::of(defer), "deferred here");
        }
        for assertion in assertions {
            if !is_single_value(assertion) {
                continue;
            }
            let Some(operand) = field!(assertion, "operand").map(unparen) else { continue };
            let on_recovered = is_recover_call(operand, cx)
                || (kind(operand) == "identifier" && recovered.iter().any(|r| r == cx.text(operand)));
            if !on_recovered {
                continue;
            }
            let ty = field!(assertion, "type").map(|t| cx.text(t)).unwrap_or("T");
            // `e.(localError)`: the package's own panic type, the documented
            // idiom of packages that panic internally and recover at the API.
            if cx.model().type_named(ty).is_some() || cx.package.type_named(ty).is_some() {
                continue;
            }
            cx.report(
                TextRange::of(assertion),
                format!(
                    "type assertion on the recovered value panics inside the deferred function when the panic \
                     value has another type than {ty} (panic(\"message\") gives a string); use `v, ok := r.({ty})`"
                ),
            )
            .add_related(TextRange::of(defer), "deferred here");
        }
    }
}

fn is_recover_call(node: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let node = if kind(node) == "expression_list" {
        match named_children(node).collect::<Vec<_>>().as_slice() {
            [only] => unparen(*only),
            _ => return false,
        }
    } else {
        node
    };
    kind(node) == "call_expression" && field!(node, "function").map(unparen).is_some_and(|f| is_builtin_recover(f, cx))
}

fn is_builtin_call(call: Node<'_>, name: &str, cx: &RuleContext<'_>) -> bool {
    field!(call, "function")
        .map(unparen)
        .is_some_and(|f| kind(f) == "identifier" && cx.text(f) == name && cx.model().is_builtin(f, cx.source()))
}

/// `x.(T)` used as one value, not `v, ok := x.(T)`.
pub fn is_single_value(assertion: Node<'_>) -> bool {
    let Some(parent) = parent_unparen(assertion) else { return true };
    if kind(parent) != "expression_list" {
        return true;
    }
    let Some(statement) = parent.parent() else { return true };
    if !matches!(kind(statement), "short_var_declaration" | "assignment_statement" | "var_spec") {
        return true;
    }
    let left = field!(statement, "left").or_else(|| field!(statement, "name"));
    let values = named_children(parent).count();
    let targets = match left {
        Some(l) if kind(l) == "expression_list" => named_children(l).count(),
        Some(_) => {
            let mut cursor = statement.walk();
            statement.children_by_field_name("name", &mut cursor).count().max(1)
        }
        None => 1,
    };
    !(values == 1 && targets == 2)
}

/// An identifier in `node` whose variable was declared as `x := recover()`.
fn reads_recovered_binding(node: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let mut found = false;
    walk_preorder(node, |n| {
        if found {
            return false;
        }
        if kind(n) == "identifier" {
            found = cx.model().binding_of(n).is_some_and(|b| {
                b.init.and_then(|r| cx.source().get(r.start..r.end)).is_some_and(|init| init.trim() == "recover()")
            });
        }
        true
    });
    found
}
