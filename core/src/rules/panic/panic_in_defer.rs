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
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::{ancestors, named_children, parent_unparen, unparen, walk_preorder};
use tree_sitter::Node;

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
        let Some(call) = named_children(defer).next().map(unparen).filter(|c| c.kind() == "call_expression") else {
            return;
        };
        let Some(literal) = call.child_by_field_name("function").map(unparen).filter(|f| f.kind() == "func_literal")
        else {
            return;
        };
        let Some(body) = literal.child_by_field_name("body") else { return };
        let mut recovered: Vec<String> = Vec::new();
        let mut panics = Vec::new();
        let mut assertions = Vec::new();
        walk_preorder(body, |node| {
            match node.kind() {
                // Nested literals run wherever they are run; deferred ones inside have their own check.
                "func_literal" => return false,
                "short_var_declaration" | "assignment_statement" => {
                    if let (Some(left), Some(right)) =
                        (node.child_by_field_name("left"), node.child_by_field_name("right"))
                    {
                        if is_recover_call(unparen(right), cx) {
                            recovered.push(cx.text(left).trim().to_string());
                        }
                    }
                }
                // `switch p := recover().(type)`
                "type_switch_statement" => {
                    let alias = node.child_by_field_name("alias").map(|a| cx.text(a).trim().to_string());
                    let value = node.child_by_field_name("value").map(unparen);
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
            let repanic = panic.child_by_field_name("arguments").is_some_and(&mentions_recovered)
                || ancestors(panic).take_while(|a| *a != body).any(|a| match a.kind() {
                    "if_statement" => {
                        a.child_by_field_name("condition").is_some_and(&mentions_recovered)
                            || a.child_by_field_name("initializer").is_some_and(&mentions_recovered)
                    }
                    "expression_switch_statement" | "type_switch_statement" => {
                        a.child_by_field_name("value").is_some_and(&mentions_recovered)
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
            let Some(operand) = assertion.child_by_field_name("operand").map(unparen) else { continue };
            let on_recovered = is_recover_call(operand, cx)
                || (operand.kind() == "identifier" && recovered.iter().any(|r| r == cx.text(operand)));
            if !on_recovered {
                continue;
            }
            let ty = assertion.child_by_field_name("type").map(|t| cx.text(t)).unwrap_or("T");
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
    let node = if node.kind() == "expression_list" {
        match named_children(node).collect::<Vec<_>>().as_slice() {
            [only] => unparen(*only),
            _ => return false,
        }
    } else {
        node
    };
    node.kind() == "call_expression"
        && node.child_by_field_name("function").map(unparen).is_some_and(|f| is_builtin_recover(f, cx))
}

fn is_builtin_call(call: Node<'_>, name: &str, cx: &RuleContext<'_>) -> bool {
    call.child_by_field_name("function")
        .map(unparen)
        .is_some_and(|f| f.kind() == "identifier" && cx.text(f) == name && cx.model().is_builtin(f, cx.source()))
}

/// `x.(T)` used as one value, not `v, ok := x.(T)`.
pub fn is_single_value(assertion: Node<'_>) -> bool {
    let Some(parent) = parent_unparen(assertion) else { return true };
    if parent.kind() != "expression_list" {
        return true;
    }
    let Some(statement) = parent.parent() else { return true };
    if !matches!(statement.kind(), "short_var_declaration" | "assignment_statement" | "var_spec") {
        return true;
    }
    let left = statement.child_by_field_name("left").or_else(|| statement.child_by_field_name("name"));
    let values = named_children(parent).count();
    let targets = match left {
        Some(l) if l.kind() == "expression_list" => named_children(l).count(),
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
        if n.kind() == "identifier" {
            found = cx.model().binding_of(n).is_some_and(|b| {
                b.init.and_then(|r| cx.source().get(r.start..r.end)).is_some_and(|init| init.trim() == "recover()")
            });
        }
        true
    });
    found
}
