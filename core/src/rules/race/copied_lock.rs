//! RACE005 copied-lock: a value that contains a `sync.Mutex`, `RWMutex`,
//! `WaitGroup`, `Once`, `Cond`, `Pool`, `Map` or a `sync/atomic` type is
//! copied. The copy has its own lock state: locking it does not exclude users
//! of the original, `Done` on a copied WaitGroup never reaches the original's
//! `Wait`, and a copy taken while locked stays locked forever.
//!
//! Like `go vet`'s copylocks, copies are: parameters and receivers declared by
//! value, `range` value variables, and existing values (variables, fields,
//! elements, `*p`) used as the right side of an assignment, a call argument, a
//! `return` value or a composite literal element. New values (composite
//! literals, call results, `&x`) are not copies. Types are known from the
//! declarations of this file and its package (nested and embedded fields, arrays,
//! aliases); anything else is unknown and stays quiet.

use super::file_facts::with_facts;
use super::sync_types::{SyncPath, TypeEnv};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::model::{BindingId, BindingKind, TypeExpr};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{kind, named_children, text, unparen};

pub struct CopiedLock;

static META: RuleMeta = RuleMeta {
    code: "RACE005",
    name: "copied-lock",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "a value containing a sync.Mutex, WaitGroup, Once, Cond or atomic type is copied",
    docs: include_str!("copied_lock.md"),
    fix: FixAvailability::Sometimes,
};

/// Calls whose arguments are not copied into a callee that could use them as locks.
const NON_COPYING_BUILTINS: &[&str] = &["len", "cap", "new", "make", "delete", "close", "panic", "print", "println"];

impl Rule for CopiedLock {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &[
            "function_declaration",
            "method_declaration",
            "func_literal",
            "range_clause",
            "assignment_statement",
            "short_var_declaration",
            "var_spec",
            "call_expression",
            "return_statement",
            "literal_value",
        ]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let env = TypeEnv::new(cx);
        // Every finding goes through `contained_sync`, which only ever finds a
        // type this file names through its own `sync` / `sync/atomic` import
        // (`SyncImports::kind_of`): without one there is nothing to find.
        if env.imports.is_empty() {
            return;
        }
        match kind(node) {
            "function_declaration" | "method_declaration" | "func_literal" => check_signature(node, &env, cx),
            "range_clause" => check_range(node, &env, cx),
            "assignment_statement" | "short_var_declaration" | "var_spec" => check_assignment(node, &env, cx),
            "call_expression" => check_call(node, &env, cx),
            "return_statement" => {
                for value in values(named_children(node).next()) {
                    report_copy(value, "return copies", &env, cx);
                }
            }
            "literal_value" => {
                for element in named_children(node) {
                    let value = match element.kind_name() {
                        "keyed_element" => named_children(element).last(),
                        _ => Some(element),
                    };
                    let value = value.map(|v| {
                        if v.kind_name() == "literal_element" {
                            named_children(v).next().unwrap_or(v)
                        } else {
                            v
                        }
                    });
                    if let Some(value) = value {
                        report_copy(value, "composite literal copies", &env, cx);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The expressions of an `expression_list` (or the single expression).
fn values(list: Option<Node<'_>>) -> impl Iterator<Item = Node<'_>> {
    let (items, single) = match list {
        Some(l) if l.kind_name() == "expression_list" => (Some(named_children(l)), None),
        other => (None, other),
    };
    items.into_iter().flatten().chain(single)
}

/// `values(list).count()`, without reading the children when no comment
/// can be among them (`named_children` leaves comments out).
fn value_count(list: Option<Node<'_>>, source: &str) -> usize {
    match list {
        Some(l) if l.kind_name() == "expression_list" && !text(l, source).contains('/') => l.named_child_count(),
        other => values(other).count(),
    }
}

/// An existing value (a variable, field, element or `*p`), not a new one:
/// only those are copies. `expr` is already unparenthesized.
fn is_existing(expr: Node<'_>, source: &str) -> bool {
    match kind(expr) {
        "identifier" | "selector_expression" | "index_expression" => true,
        "unary_expression" => field!(expr, "operator").is_some_and(|o| text(o, source) == "*"),
        _ => false,
    }
}

/// An existing value (not a new one) whose type holds a sync value.
fn copied_sync(expr: Node<'_>, env: &TypeEnv<'_>, cx: &RuleContext<'_>) -> Option<SyncPath> {
    let expr = unparen(expr);
    if !is_existing(expr, env.source) {
        return None;
    }
    let compute = || env.expr_type(expr).and_then(|ty| env.contained_sync(&ty));
    let Some(key) = memo_key(expr, env) else { return compute() };
    if let Some(known) = with_facts(cx, |facts| facts.copied.get(&key).cloned()) {
        return known;
    }
    // Computed outside `with_facts`: typing uses the memo too (binding types).
    let found = compute();
    with_facts(cx, |facts| facts.copied.insert(key, found.clone()));
    found
}

/// For `x` and `x.f.g` with `x` a binding of this file, `expr_type` depends on
/// nothing but the binding and the field names (see `TypeEnv::selector_type`),
/// so the answer of `copied_sync` can be kept per file under this key.
fn memo_key(expr: Node<'_>, env: &TypeEnv<'_>) -> Option<(BindingId, String)> {
    let mut path = String::new();
    let mut cur = expr;
    let mut fields = 0;
    while kind(cur) == "selector_expression" {
        let field = field!(cur, "field")?;
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(text(field, env.source));
        cur = unparen(field!(cur, "operand")?);
        fields += 1;
        if fields > 32 {
            return None;
        }
    }
    if kind(cur) != "identifier" {
        return None;
    }
    Some((env.model.binding_id_of(cur)?, path))
}

/// `env.contained_sync(ty)`, kept per file.
fn contained_sync(ty: &TypeExpr, env: &TypeEnv<'_>, cx: &RuleContext<'_>) -> Option<SyncPath> {
    with_facts(cx, |facts| match facts.contained.get(ty) {
        Some(found) => found.clone(),
        None => {
            let found = env.contained_sync(ty);
            facts.contained.insert(ty.clone(), found.clone());
            found
        }
    })
}

fn describe(path: &SyncPath) -> String {
    let dotted = path.dotted();
    let name = path.kind.type_name();
    let article = if name.starts_with("atomic") { "an" } else { "a" };
    if dotted.is_empty() {
        format!("{article} {name}")
    } else {
        format!("{article} {name} (field {dotted})")
    }
}

fn report_copy(expr: Node<'_>, what: &str, env: &TypeEnv<'_>, cx: &mut RuleContext<'_>) {
    let Some(path) = copied_sync(expr, env, cx) else { return };
    let message = format!(
        "{what} {}, which contains {}: the copy has its own lock state and no longer guards the original; use a pointer",
        cx.text(unparen(expr)),
        describe(&path)
    );
    cx.report(TextRange::of(expr), message);
}

/// Types written as a pointer, slice, map, channel, function or interface
/// hold no value by value: `contained_sync` finds nothing in them, and
/// reading them as a `TypeExpr` (and hashing it) is most of this rule's cost
/// on a signature.
fn holds_nothing_by_value(ty_node: Node<'_>) -> bool {
    matches!(
        ty_node.kind_name(),
        "pointer_type" | "slice_type" | "map_type" | "channel_type" | "function_type" | "interface_type"
    )
}

fn check_signature(function: Node<'_>, env: &TypeEnv<'_>, cx: &mut RuleContext<'_>) {
    if let Some(receiver) = field!(function, "receiver") {
        for decl in named_children(receiver).filter(|d| d.kind_name() == "parameter_declaration") {
            let Some(ty_node) = field!(decl, "type").filter(|t| !holds_nothing_by_value(*t)) else { continue };
            let ty = TypeExpr::from_node(ty_node, env.source);
            let Some(path) = contained_sync(&ty, env, cx) else { continue };
            let message = format!(
                "value receiver copies {} on every call, which contains {}: the method locks or counts a copy, not \
                 the caller's value; use a pointer receiver (*{})",
                cx.text(ty_node),
                describe(&path),
                cx.text(ty_node)
            );
            let title = format!("Use a pointer receiver (*{})", cx.text(ty_node));
            let fix_edit =
                TextEdit { range: TextRange::new(ty_node.start_byte(), ty_node.start_byte()), new_text: "*".into() };
            cx.report(TextRange::of(ty_node), message).set_fix(title, vec![fix_edit], Applicability::Unsafe);
        }
    }
    let Some(params) = field!(function, "parameters") else { return };
    for decl in named_children(params) {
        if !matches!(decl.kind_name(), "parameter_declaration" | "variadic_parameter_declaration") {
            continue;
        }
        if decl.kind_name() == "variadic_parameter_declaration" {
            continue; // `...T` is a slice: elements are not copied by the call itself.
        }
        let Some(ty_node) = field!(decl, "type").filter(|t| !holds_nothing_by_value(*t)) else { continue };
        let ty = TypeExpr::from_node(ty_node, env.source);
        let Some(path) = contained_sync(&ty, env, cx) else { continue };
        let message = format!(
            "parameter of type {} is passed by value, which copies {}: the function works on a copy of the lock; pass \
             a pointer (*{})",
            cx.text(ty_node),
            describe(&path),
            cx.text(ty_node)
        );
        cx.report(TextRange::of(ty_node), message);
    }
}

fn check_range(clause: Node<'_>, env: &TypeEnv<'_>, cx: &mut RuleContext<'_>) {
    let Some(left) = field!(clause, "left") else { return };
    let Some(value) = named_children(left).nth(1).filter(|v| v.kind_name() == "identifier") else { return };
    let Some(id) = cx.model().binding_id_of(value) else { return };
    if cx.model().bindings.get(id).map(|b| b.kind) != Some(BindingKind::RangeVar) {
        return;
    }
    let Some(ty) = env.binding_type(id) else { return };
    let Some(path) = env.contained_sync(&ty) else { return };
    let name = cx.text(value);
    let message = format!(
        "range value {name} is a copy of each element, which contains {}: locking or counting {name} does not \
         affect the element; range over indexes and use a pointer (&xs[i])",
        describe(&path)
    );
    cx.report(TextRange::of(value), message);
}

fn check_assignment(node: Node<'_>, env: &TypeEnv<'_>, cx: &mut RuleContext<'_>) {
    let source = env.source;
    let (left, right) = match node.kind_name() {
        "var_spec" => (None, field!(node, "value")),
        _ => (field!(node, "left"), field!(node, "right")),
    };
    let left_count = value_count(left, source);
    if left_count != 0 && left_count != value_count(right, source) {
        return; // `a, b := f()`: call results are new values.
    }
    for (i, value) in values(right).enumerate() {
        // The cheap test first: most values are new (calls, literals).
        if !is_existing(unparen(value), source) || values(left).nth(i).is_some_and(|l| cx.text(l) == "_") {
            continue;
        }
        report_copy(value, "assignment copies", env, cx);
    }
}

fn check_call(call: Node<'_>, env: &TypeEnv<'_>, cx: &mut RuleContext<'_>) {
    let Some(function) = cx.call_function(call).map(unparen) else { return };
    let Some(args) = field!(call, "arguments") else { return };
    // Which callees take no copy is asked only once an argument could be one
    // (most arguments are literals and calls): nothing is reported before.
    let mut callee_checked = false;
    for arg in named_children(args) {
        if arg.kind_name() == "variadic_argument" || !is_existing(unparen(arg), env.source) {
            continue;
        }
        if !callee_checked {
            callee_checked = true;
            if !copies_arguments(function, env, cx) {
                return;
            }
        }
        report_copy(arg, "call passes", env, cx);
    }
}

/// False for callees that do not copy what they are given into code that
/// could use it as a lock: `len(x)`, `unsafe.Sizeof(x)`, `reflect.TypeOf(x)`.
/// A conversion to a type with a lock inside is still a copy.
fn copies_arguments(function: Node<'_>, env: &TypeEnv<'_>, cx: &RuleContext<'_>) -> bool {
    if function.kind_name() == "identifier"
        && cx.model().is_builtin(function, env.source)
        && NON_COPYING_BUILTINS.contains(&cx.text(function))
    {
        return false;
    }
    !(function.kind_name() == "selector_expression"
        && field!(function, "operand").is_some_and(|o| {
            cx.model().import_named(cx.text(o)).is_some_and(|i| i.path == "unsafe" || i.path == "reflect")
        }))
}
