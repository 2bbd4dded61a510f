//! ESC006 leaking-param: a parameter holding a pointer (a pointer, slice,
//! map, string, channel, function or interface) that the function returns or
//! stores where it outlives the call. The compiler prints "leaking param: p";
//! callers then have to put what they pass on the heap.

use super::closure_escape::closure_escape;
use super::heap_sink::heap_sink;
use super::interface_conversion::converted_values;
use super::reasons::{innermost_function, line_of};
use super::type_facts::has_pointers;
use crate::diagnostic::{Family, Severity};
use crate::model::{Access, TypeExpr};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::{named_children, parent_unparen, unparen};
use tree_sitter::Node;

pub struct LeakingParam;

static META: RuleMeta = RuleMeta {
    code: "ESC006",
    name: "leaking-param",
    family: Family::EscapeHint,
    default_severity: Severity::Hint,
    summary: "a pointer parameter flows to the result or to the heap, so what callers pass must be heap-allocated",
    docs: include_str!("leaking_param.md"),
    fix: FixAvailability::None,
};

impl Rule for LeakingParam {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["function_declaration", "method_declaration", "func_literal"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(function_id) = cx.model().function_id_of(node) else { return };
        let Some(function) = cx.model().functions.get(function_id) else { return };
        if function.body.is_none() {
            return;
        }
        let params: Vec<_> = function.receiver.iter().chain(function.params.iter()).collect();
        for param in params {
            if param.variadic || param.name.as_deref().is_none_or(|n| n == "_") {
                continue;
            }
            let Some(id) = param.binding else { continue };
            if has_pointers(&param.ty, cx) != Some(true) {
                continue;
            }
            let Some(binding) = cx.model().bindings.get(id) else { continue };
            let references: Vec<_> = cx.model().references_of(id).copied().collect();
            // A reassigned parameter may return something else: stay quiet.
            if binding.address_taken || references.iter().any(|r| r.access != Access::Read) {
                continue;
            }
            let root = cx.file.tree.root_node();
            let direct = references.iter().filter(|r| r.function == Some(function_id)).find_map(|r| {
                let ident = root.descendant_for_byte_range(r.range.start, r.range.end)?;
                leak_of(ident, &param.ty, cx)
            });
            // A callback run by a goroutine (`go func() { handle() }()`) leaks too, but
            // the hint would sit on every such parameter and rarely helps: skip funcs.
            let leak = direct.or_else(|| {
                if matches!(param.ty, TypeExpr::Func) {
                    return None;
                }
                references.iter().filter(|r| r.function != Some(function_id)).find_map(|r| {
                    let ident = root.descendant_for_byte_range(r.range.start, r.range.end)?;
                    captured_by_escaping_closure(ident, node, cx)
                })
            });
            if let Some((why, at)) = leak {
                let line = line_of(cx, at);
                let message = format!("leaking param: {} ({why} at line {line})", binding.name);
                cx.report(binding.range, message);
            }
        }
    }
}

/// A parameter read inside a function literal that escapes: the closure keeps it.
fn captured_by_escaping_closure(ident: Node<'_>, function: Node<'_>, cx: &RuleContext<'_>) -> Option<(String, usize)> {
    // The outermost literal inside `function` that holds the reference.
    let mut literal = None;
    let mut current = ident.parent();
    for _ in 0..256 {
        let node = current?;
        if node == function {
            break;
        }
        if node.kind() == "func_literal" {
            literal = Some(node);
        }
        current = node.parent();
    }
    let (escape, at) = closure_escape(literal?, cx)?;
    Some((format!("captured by {}", escape.describe()), at))
}

/// How the parameter read at `ident` leaves the function, and where.
fn leak_of(ident: Node<'_>, param_type: &TypeExpr, cx: &RuleContext<'_>) -> Option<(String, usize)> {
    if let Some(found) = returned_part(ident, param_type, cx) {
        return Some(found);
    }
    // `b[i:j]` points into the same memory as `b`.
    let mut value = ident;
    if let Some(parent) = parent_unparen(ident) {
        if parent.kind() == "slice_expression" && parent.child_by_field_name("operand").is_some_and(|o| o == ident) {
            value = parent;
        }
    }
    let parent = parent_unparen(value)?;
    let statement = if parent.kind() == "expression_list" { parent.parent()? } else { parent };
    if statement.kind() == "return_statement" {
        return Some(("returned".to_string(), statement.start_byte()));
    }
    if let Some((sink, at)) = heap_sink(value, cx) {
        return Some((sink.describe(), at.start_byte()));
    }
    if parent.kind() == "argument_list" {
        let call = parent.parent()?;
        let (_, why) = converted_values(call, cx).into_iter().find(|(v, _)| *v == value)?;
        return Some((why, call.start_byte()));
    }
    None
}

/// `return p.f` or `return p[i]` of a pointer, slice or local struct
/// parameter, where the result holds pointers: what it points to leaks to the
/// result (the compiler's "leaking param: p to result ~r0 level=1").
fn returned_part(ident: Node<'_>, param_type: &TypeExpr, cx: &RuleContext<'_>) -> Option<(String, usize)> {
    let root_ok = match param_type {
        TypeExpr::Pointer(_) | TypeExpr::Slice(_) => true,
        TypeExpr::Named { package: None, name } => {
            matches!(
                cx.model().type_named(name).or_else(|| cx.package.type_named(name)).map(|d| &d.ty),
                Some(TypeExpr::Struct(_))
            )
        }
        _ => false,
    };
    if !root_ok {
        return None;
    }
    let mut value = ident;
    let mut steps = 0;
    loop {
        let parent = parent_unparen(value)?;
        let is_operand = parent.child_by_field_name("operand").is_some_and(|o| unparen(o) == value);
        if !matches!(parent.kind(), "selector_expression" | "index_expression") || !is_operand || steps > 16 {
            break;
        }
        // A method value `p.m` is not a field.
        if parent.kind() == "selector_expression"
            && parent_unparen(parent).is_some_and(|c| c.kind() == "call_expression")
        {
            return None;
        }
        value = parent;
        steps += 1;
    }
    if steps == 0 {
        return None;
    }
    let list = parent_unparen(value)?;
    let (statement, values): (Node<'_>, Vec<Node<'_>>) = match list.kind() {
        "return_statement" => (list, vec![value]),
        "expression_list" => {
            let statement = list.parent()?;
            (statement, named_children(list).map(unparen).collect())
        }
        _ => return None,
    };
    if statement.kind() != "return_statement" {
        return None;
    }
    let index = values.iter().position(|v| *v == value)?;
    let (_, function) = innermost_function(cx, statement.start_byte())?;
    if function.results.len() != values.len() {
        return None;
    }
    let result = function.results.get(index)?;
    (has_pointers(&result.ty, cx) == Some(true)).then(|| ("part of it is returned".to_string(), statement.start_byte()))
}
