//! Where a pointer value goes when the compiler's escape analysis sends it to
//! the heap without needing to know anything about other functions: returned,
//! stored in a package variable, sent on a channel, stored in a map or slice
//! element or through a pointer, or appended to a slice. Passing a pointer to
//! a function is not here: whether it escapes depends on the callee.

use super::reference_text::{first_argument_of, next_token, NextToken};
use super::value_shape::{binding_shape, ValueShape};
use crate::diagnostic::TextRange;
use crate::model::BindingKind;
use crate::rules::quick::parent_unparen_at;
use crate::rules::RuleContext;
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeapSink {
    Returned,
    PackageVar(String),
    Channel,
    MapEntry,
    SliceElement,
    Appended,
    ThroughPointer(String),
}

impl HeapSink {
    /// How the value got there, to follow "its address is" or "it is".
    pub fn describe(&self) -> String {
        match self {
            HeapSink::Returned => "returned".to_string(),
            HeapSink::PackageVar(name) => format!("stored in package variable {name}"),
            HeapSink::Channel => "sent on a channel".to_string(),
            HeapSink::MapEntry => "stored in a map".to_string(),
            HeapSink::SliceElement => "stored in a slice element".to_string(),
            HeapSink::Appended => "appended to a slice".to_string(),
            HeapSink::ThroughPointer(name) => format!("stored through the pointer {name}"),
        }
    }
}

/// The heap sink the last node of `path` flows into directly, with the node
/// that shows it (the statement or call), or `None` when its context keeps it
/// local or is unknown. `path` is the node's ancestors, root first, and the node
/// (from `crate::rules::quick::path_to_node` or `crate::syntax::path_to`).
pub fn heap_sink_in<'t>(path: &[Node<'t>], cx: &RuleContext<'_>) -> Option<(HeapSink, Node<'t>)> {
    let expr = *path.last()?;
    let at = parent_unparen_at(path)?;
    let parent = path[at];
    match kind(parent) {
        "return_statement" => Some((HeapSink::Returned, parent)),
        "send_statement" => {
            let value = field!(parent, "value")?;
            contains(value, expr).then_some((HeapSink::Channel, parent))
        }
        "expression_list" => {
            let statement = *path.get(at.checked_sub(1)?)?;
            match kind(statement) {
                "return_statement" => Some((HeapSink::Returned, statement)),
                "assignment_statement" => assigned_sink(statement, parent, expr, cx).map(|s| (s, statement)),
                _ => None,
            }
        }
        "argument_list" => {
            let call = *path.get(at.checked_sub(1)?)?;
            appended(call, parent, expr, cx).then_some((HeapSink::Appended, call))
        }
        _ => None,
    }
}

/// Can the identifier at `range` flow into a heap sink directly
/// ([`heap_sink_in`] of its path)? Not as `x.f`, in `x == y` or as a call's
/// first argument (`append` stores only the ones after it), which the text
/// around it shows without the descent to it.
pub fn may_reach_heap_sink(source: &str, range: TextRange) -> bool {
    match next_token(source, range.end) {
        NextToken::Selector | NextToken::Comparison => false,
        NextToken::Other => first_argument_of(source, range.start, range.end).is_none(),
    }
}

fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// `a, b = x, y`: the target paired with `expr`, if it is a heap location.
fn assigned_sink(statement: Node<'_>, right: Node<'_>, expr: Node<'_>, cx: &RuleContext<'_>) -> Option<HeapSink> {
    let operator = field!(statement, "operator")?;
    if cx.text(operator) != "=" || field!(statement, "right") != Some(right) {
        return None;
    }
    let left = field!(statement, "left")?;
    let values: Vec<Node<'_>> = named_children(right).collect();
    let targets: Vec<Node<'_>> = named_children(left).collect();
    if values.len() != targets.len() {
        return None;
    }
    let index = values.iter().position(|v| contains(*v, expr))?;
    target_sink(unparen(*targets.get(index)?), cx)
}

/// Is the location written by an assignment target on the heap?
fn target_sink(target: Node<'_>, cx: &RuleContext<'_>) -> Option<HeapSink> {
    match kind(target) {
        "identifier" => package_var(target, cx).map(HeapSink::PackageVar),
        // `*p = &x`: a store through any pointer goes to the heap.
        "unary_expression" => {
            let operand = field!(target, "operand")?;
            (cx.text(field!(target, "operator")?) == "*")
                .then(|| HeapSink::ThroughPointer(cx.text(operand).to_string()))
        }
        "selector_expression" => {
            let operand = unparen(field!(target, "operand")?);
            if kind(operand) == "identifier" && is_import(operand, cx) {
                return Some(HeapSink::PackageVar(cx.text(target).to_string()));
            }
            chain_root_sink(operand, cx)
        }
        "index_expression" => {
            let operand = unparen(field!(target, "operand")?);
            if kind(operand) == "identifier" {
                if let Some(binding) = cx.model().binding_of(operand) {
                    match binding_shape(binding, cx) {
                        ValueShape::Map => return Some(HeapSink::MapEntry),
                        ValueShape::Slice => return Some(HeapSink::SliceElement),
                        _ => {}
                    }
                }
            }
            chain_root_sink(operand, cx)
        }
        _ => None,
    }
}

/// `root.a.b` or `root[i].c`: the location is on the heap when the chain
/// starts by dereferencing a pointer variable or inside a package variable.
fn chain_root_sink(mut node: Node<'_>, cx: &RuleContext<'_>) -> Option<HeapSink> {
    // Chains are short; the bound keeps hostile input cheap.
    for _ in 0..64 {
        node = unparen(node);
        match kind(node) {
            "selector_expression" | "index_expression" => node = field!(node, "operand")?,
            "identifier" => {
                if let Some(name) = package_var(node, cx) {
                    return Some(HeapSink::PackageVar(name));
                }
                let binding = cx.model().binding_of(node)?;
                return (binding_shape(binding, cx) == ValueShape::Pointer)
                    .then(|| HeapSink::ThroughPointer(binding.name.clone()));
            }
            _ => return None,
        }
    }
    None
}

/// The name of the package variable `ident` refers to, in this file or a sibling file.
fn package_var(ident: Node<'_>, cx: &RuleContext<'_>) -> Option<String> {
    let name = cx.text(ident);
    if name == "_" {
        return None;
    }
    match cx.model().binding_of(ident) {
        Some(binding) => (binding.kind == BindingKind::PackageVar).then(|| name.to_string()),
        None => cx.package.package_var(name).then(|| name.to_string()),
    }
}

/// An identifier naming an imported package (not shadowed by a local).
fn is_import(ident: Node<'_>, cx: &RuleContext<'_>) -> bool {
    match cx.model().binding_of(ident) {
        Some(binding) => binding.kind == BindingKind::Import,
        None => cx.model().import_named(cx.text(ident)).is_some(),
    }
}

/// `append(s, a, expr)`: every appended element is stored in the heap.
fn appended(call: Node<'_>, args: Node<'_>, expr: Node<'_>, cx: &RuleContext<'_>) -> bool {
    if kind(call) != "call_expression" {
        return false;
    }
    let Some(function) = field!(call, "function").map(unparen) else { return false };
    if kind(function) != "identifier" || cx.text(function) != "append" || !cx.model().is_builtin(function, cx.source())
    {
        return false;
    }
    // `append(s, more...)` copies elements of a slice, not `expr` itself.
    let spread = args.children(&mut args.walk()).any(|c| kind(c) == "...");
    let position = named_children(args).position(|a| contains(a, expr));
    !spread && position.is_some_and(|p| p >= 1)
}
