//! What kind of value a variable holds, as far as its declaration shows:
//! escape analysis treats a store through a pointer, into a map or into a
//! slice element as a store to the heap, and a store into a local struct or
//! array as a store to that variable.

use crate::model::{Binding, BindingKind, TypeExpr};
use crate::rules::RuleContext;
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueShape {
    Pointer,
    Map,
    Slice,
    /// A struct or array held by value: its address is the variable's own.
    Aggregate,
    Unknown,
}

/// The shape of the value a binding holds, from its written type or, failing
/// that, from the expression it was declared with.
pub fn binding_shape(binding: &Binding, cx: &RuleContext<'_>) -> ValueShape {
    if let Some(ty) = &binding.declared_type {
        return type_shape(ty, cx);
    }
    // `a, b := f()` tells nothing about `a`.
    if binding.init_index.is_some() || binding.kind == BindingKind::TypeSwitchVar {
        return ValueShape::Unknown;
    }
    let Some(init) = binding.init else { return ValueShape::Unknown };
    let root = cx.file.tree.root_node();
    match root.descendant_for_byte_range(init.start, init.end) {
        Some(node) if node.start_byte() == init.start && node.end_byte() == init.end => expression_shape(node, cx),
        _ => ValueShape::Unknown,
    }
}

/// The shape of a written type; named types of this package are resolved one level.
pub fn type_shape(ty: &TypeExpr, cx: &RuleContext<'_>) -> ValueShape {
    match ty {
        TypeExpr::Pointer(_) => ValueShape::Pointer,
        TypeExpr::Map(..) => ValueShape::Map,
        TypeExpr::Slice(_) => ValueShape::Slice,
        TypeExpr::Array(..) | TypeExpr::Struct(_) => ValueShape::Aggregate,
        TypeExpr::Named { package: None, name } => {
            let decl = cx.model().type_named(name).or_else(|| cx.package.type_named(name));
            match decl.map(|d| &d.ty) {
                Some(TypeExpr::Named { .. }) | None => ValueShape::Unknown,
                Some(inner) => type_shape(inner, cx),
            }
        }
        _ => ValueShape::Unknown,
    }
}

/// The shape of the value an expression produces, for the few expressions
/// whose type shows in the syntax.
pub fn expression_shape(expr: Node<'_>, cx: &RuleContext<'_>) -> ValueShape {
    let expr = unparen(expr);
    match kind(expr) {
        "unary_expression" if is_address_of(expr, cx) => ValueShape::Pointer,
        "composite_literal" => match field!(expr, "type").map(|t| kind(t)) {
            Some("map_type") => ValueShape::Map,
            Some("slice_type") => ValueShape::Slice,
            Some("array_type" | "implicit_length_array_type" | "struct_type") => ValueShape::Aggregate,
            Some("type_identifier") => match field!(expr, "type") {
                Some(t) => type_shape(&TypeExpr::from_node(t, cx.source()), cx),
                None => ValueShape::Unknown,
            },
            _ => ValueShape::Unknown,
        },
        "call_expression" => {
            let Some(function) = field!(expr, "function").map(unparen) else { return ValueShape::Unknown };
            if kind(function) != "identifier" || !cx.model().is_builtin(function, cx.source()) {
                return ValueShape::Unknown;
            }
            let first_arg = field!(expr, "arguments").and_then(|a| named_children(a).next());
            match (cx.text(function), first_arg.map(|a| kind(a))) {
                ("new", _) => ValueShape::Pointer,
                ("make", Some("map_type")) => ValueShape::Map,
                ("make", Some("slice_type")) => ValueShape::Slice,
                _ => ValueShape::Unknown,
            }
        }
        _ => ValueShape::Unknown,
    }
}

/// `&operand`.
pub fn is_address_of(node: Node<'_>, cx: &RuleContext<'_>) -> bool {
    // The operator is the expression's first token: its text tells `-x` or
    // `*p` apart before two field lookups do.
    kind(node) == "unary_expression"
        && cx.text(node).starts_with('&')
        && field!(node, "operator").is_some_and(|op| cx.text(op) == "&")
        && field!(node, "operand").is_some()
}
