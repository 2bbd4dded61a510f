//! ESC006 leaking-param: a parameter holding a pointer (a pointer, slice,
//! map, string, channel, function or interface) that the function returns or
//! stores where it outlives the call. The compiler prints "leaking param: p";
//! callers then have to put what they pass on the heap.

use super::closure_escape::closure_escape_in;
use super::heap_sink::heap_sink_in;
use super::interface_conversion::converted_values;
use super::leaking_calls::may_keep_first_argument;
use super::reasons::{innermost_function, line_of};
use super::reference_text::{first_argument_of, may_start_returned_value, next_token, NextToken};
use super::type_facts::has_pointers;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, TypeExpr};
use crate::rules::quick::parent_unparen_at;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children, PathFinder};

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
        // Each reference's identifier with its ancestors, from one descent (what
        // `descendant_for_byte_range` finds): `Node::parent` descends again per call.
        // One finder for the whole function: consecutive references, of one
        // parameter or the next, share most of their path (issue #13). It starts at
        // the function, not the root: every reference of a parameter lies inside it,
        // so the paths are the root's paths without the part above the function
        // (which nothing below looks at: the climbs stop at `node` or before), and
        // the descent from the root to each function is not paid again.
        let mut paths = PathFinder::new(node);
        // `return p.f` leaks part of `p` only through a result that holds pointers.
        let pointer_result = function.results.iter().any(|r| has_pointers(&r.ty, cx) == Some(true));
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
            let parts = parts_returnable(&param.ty, cx);
            let direct = references
                .iter()
                .filter(|r| r.function == Some(function_id) && may_leak_here(r.range, parts && pointer_result, cx))
                .find_map(|r| leak_of(paths.path_to(r.range.start, r.range.end), parts, cx));
            // A callback run by a goroutine (`go func() { handle() }()`) leaks too, but
            // the hint would sit on every such parameter and rarely helps: skip funcs.
            let leak = direct.or_else(|| {
                if matches!(param.ty, TypeExpr::Func) {
                    return None;
                }
                references
                    .iter()
                    .filter(|r| r.function != Some(function_id))
                    .find_map(|r| captured_by_escaping_closure(paths.path_to(r.range.start, r.range.end), node, cx))
            });
            if let Some((why, at)) = leak {
                let line = line_of(cx, at);
                let message = format!("leaking param: {} ({why} at line {line})", binding.name);
                cx.report(binding.range, message);
            }
        }
    }
}

/// Can the reference at `range` leak the parameter ([`leak_of`])? Most
/// references are `p.f`, `p != nil` or `f(p)`, which the text around them
/// shows cannot, without the descent to them (thousands of instructions each).
/// `part_returnable`: a part of the parameter can leak to a result (see [`returned_part`]).
fn may_leak_here(range: TextRange, part_returnable: bool, cx: &RuleContext<'_>) -> bool {
    let source = cx.source();
    match next_token(source, range.end) {
        // Only a part of the parameter leaks this way: `return p.f`.
        NextToken::Selector => part_returnable && may_start_returned_value(source, range.start),
        NextToken::Comparison => false,
        // A whole first argument leaks only to a call that keeps it.
        NextToken::Other => first_argument_of(source, range.start, range.end).is_none_or(may_keep_first_argument),
    }
}

/// A parameter read inside a function literal that escapes: the closure keeps
/// it. `path` is the reading identifier with its ancestors, root first.
fn captured_by_escaping_closure(
    path: &[Node<'_>],
    function: Node<'_>,
    cx: &RuleContext<'_>,
) -> Option<(String, usize)> {
    // The outermost literal inside `function` that holds the reference.
    let above = path.split_last()?.1;
    let mut literal = None;
    let mut next = above.len();
    for _ in 0..256 {
        next = next.checked_sub(1)?;
        let node = above[next];
        if node == function {
            break;
        }
        if kind(node) == "func_literal" {
            literal = Some(next);
        }
    }
    let (escape, at) = closure_escape_in(&above[..=literal?], cx)?;
    Some((format!("captured by {}", escape.describe()), at))
}

/// How the parameter read at the last node of `path` (an identifier, with its
/// ancestors) leaves the function, and where.
fn leak_of(path: &[Node<'_>], parts: bool, cx: &RuleContext<'_>) -> Option<(String, usize)> {
    let ident = *path.last()?;
    if let Some(found) = parts.then(|| returned_part(path, cx)).flatten() {
        return Some(found);
    }
    // `b[i:j]` points into the same memory as `b`.
    let mut value_len = path.len();
    if let Some(at) = parent_unparen_at(path) {
        let parent = path[at];
        if kind(parent) == "slice_expression" && field!(parent, "operand").is_some_and(|o| o == ident) {
            value_len = at + 1;
        }
    }
    let value_path = &path[..value_len];
    let value = path[value_len - 1];
    let parent_at = parent_unparen_at(value_path)?;
    let parent = path[parent_at];
    let statement = if kind(parent) == "expression_list" { *path.get(parent_at.checked_sub(1)?)? } else { parent };
    if kind(statement) == "return_statement" {
        return Some(("returned".to_string(), statement.start_byte()));
    }
    if let Some((sink, at)) = heap_sink_in(value_path, cx) {
        return Some((sink.describe(), at.start_byte()));
    }
    if kind(parent) == "argument_list" {
        let call = *path.get(parent_at.checked_sub(1)?)?;
        let (_, why) = converted_values(call, cx).into_iter().find(|(v, _)| *v == value)?;
        return Some((why, call.start_byte()));
    }
    None
}

/// Can a part of a parameter of this type be returned (`return p.f`, `return p[i]`)?
/// Pointers, slices and local structs: see [`returned_part`].
fn parts_returnable(param_type: &TypeExpr, cx: &RuleContext<'_>) -> bool {
    match param_type {
        TypeExpr::Pointer(_) | TypeExpr::Slice(_) => true,
        TypeExpr::Named { package: None, name } => {
            matches!(
                cx.model().type_named(name).or_else(|| cx.package.type_named(name)).map(|d| &d.ty),
                Some(TypeExpr::Struct(_))
            )
        }
        _ => false,
    }
}

/// `return p.f` or `return p[i]` of a pointer, slice or local struct
/// parameter ([`parts_returnable`]), where the result holds pointers: what it
/// points to leaks to the result (the compiler's "leaking param: p to result
/// ~r0 level=1").
fn returned_part(path: &[Node<'_>], cx: &RuleContext<'_>) -> Option<(String, usize)> {
    // `value` is `path[value_at]`.
    let mut value_at = path.len().checked_sub(1)?;
    let mut steps = 0;
    loop {
        let value = path[value_at];
        let parent_at = parent_unparen_at(&path[..=value_at])?;
        let parent = path[parent_at];
        let is_operand = field!(parent, "operand").is_some_and(|o| unparen(o) == value);
        let parent_kind = kind(parent);
        if !matches!(parent_kind, "selector_expression" | "index_expression") || !is_operand || steps > 16 {
            break;
        }
        // A method value `p.m` is not a field.
        if parent_kind == "selector_expression"
            && parent_unparen_at(&path[..=parent_at]).is_some_and(|c| kind(path[c]) == "call_expression")
        {
            return None;
        }
        value_at = parent_at;
        steps += 1;
    }
    if steps == 0 {
        return None;
    }
    let value = path[value_at];
    let list_at = parent_unparen_at(&path[..=value_at])?;
    let list = path[list_at];
    let (statement, values): (Node<'_>, Vec<Node<'_>>) = match kind(list) {
        "return_statement" => (list, vec![value]),
        "expression_list" => {
            let statement = *path.get(list_at.checked_sub(1)?)?;
            (statement, named_children(list).map(unparen).collect())
        }
        _ => return None,
    };
    if kind(statement) != "return_statement" {
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
