//! ESC005 large-stack-object: values too large for a goroutine's stack frame.
//! The compiler moves a local variable over 10 MB to the heap ("moved to heap"),
//! and never puts implicit allocations (`new(T)`, `&T{...}`, `make([]T, n)`)
//! over 64 KB on the stack ("escapes to heap"), whether or not they escape.

use super::make_call::{heap_make, MakeSize, MAX_IMPLICIT_STACK};
use super::type_facts::{type_node_size, type_size};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::BindingKind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children};

pub struct LargeStackObject;

static META: RuleMeta = RuleMeta {
    code: "ESC005",
    name: "large-stack-object",
    family: Family::EscapeHint,
    default_severity: Severity::Hint,
    summary: "a local over 10 MB, or a new/&T{}/make allocation over 64 KB, is too large for the stack",
    docs: include_str!("large_stack_object.md"),
    fix: FixAvailability::None,
};

/// Local variables larger than this are moved to the heap.
const MAX_STACK_VAR: u64 = 10 * 1024 * 1024;

impl Rule for LargeStackObject {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression", "unary_expression", "var_spec", "short_var_declaration"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        for (range, message) in super::shared_findings::large_stack_findings(node, cx) {
            cx.report(range, message);
        }
    }
}

/// The ESC005 findings of a node: implicit allocations over 64 KB, locals over 10 MB.
pub fn findings(node: Node<'_>, cx: &RuleContext<'_>) -> Vec<(TextRange, String)> {
    match kind(node) {
        "call_expression" => implicit_call(node, cx).into_iter().collect(),
        "unary_expression" => address_of_literal(node, cx).into_iter().collect(),
        "var_spec" | "short_var_declaration" => large_locals(node, cx),
        _ => Vec::new(),
    }
}

fn kb(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes / 1024)
    }
}

/// `make([]T, big)` and `new(T)` with T over 64 KB.
fn implicit_call(call: Node<'_>, cx: &RuleContext<'_>) -> Option<(TextRange, String)> {
    if let Some(MakeSize::TooLarge { bytes }) = heap_make(call, cx) {
        let shown = super::reasons::compact(cx.text(call));
        return Some((
            TextRange::of(call),
            format!("{shown} escapes to heap (its backing array is {}, over the 64 KB an implicit allocation may use on the stack)", kb(bytes)),
        ));
    }
    let function = unparen(cx.call_function(call)?);
    if kind(function) != "identifier" || cx.text(function) != "new" || !cx.model().is_builtin(function, cx.source()) {
        return None;
    }
    let ty = named_children(field!(call, "arguments")?).next()?;
    let bytes = type_node_size(ty, cx)?;
    let shown = super::reasons::compact(cx.text(call));
    (bytes > MAX_IMPLICIT_STACK).then(|| {
        (
            TextRange::of(call),
            format!(
                "{shown} escapes to heap (it is {}, over the 64 KB an implicit allocation may use on the stack)",
                kb(bytes)
            ),
        )
    })
}

/// `&T{...}` with T over 64 KB.
fn address_of_literal(node: Node<'_>, cx: &RuleContext<'_>) -> Option<(TextRange, String)> {
    if !super::value_shape::is_address_of(node, cx) {
        return None;
    }
    let literal = unparen(field!(node, "operand")?);
    if kind(literal) != "composite_literal" {
        return None;
    }
    let bytes = type_node_size(field!(literal, "type")?, cx)?;
    (bytes > MAX_IMPLICIT_STACK).then(|| {
        let shown = super::reasons::compact(cx.text(node));
        (
            TextRange::of(node),
            format!(
                "{shown} escapes to heap (it is {}, over the 64 KB an implicit allocation may use on the stack)",
                kb(bytes)
            ),
        )
    })
}

/// `var buf [20 << 20]byte` or `buf := [20 << 20]byte{}` inside a function.
fn large_locals(node: Node<'_>, cx: &RuleContext<'_>) -> Vec<(TextRange, String)> {
    let mut out = Vec::new();
    match kind(node) {
        "var_spec" => {
            let mut cursor = node.walk();
            for name in node.children_by_field_name("name", &mut cursor) {
                out.extend(large_local(node, name, cx));
            }
        }
        // `:=` writes no type: only a composite literal, whose text holds a
        // brace, can show a size (most declarations have none).
        _ if !cx.text(node).contains('{') => {}
        _ => {
            for name in field!(node, "left").into_iter().flat_map(named_children) {
                out.extend(large_local(node, name, cx));
            }
        }
    }
    out
}

/// The finding for the variable `name` that `declaration` declares, if it is over 10 MB.
fn large_local(declaration: Node<'_>, name: Node<'_>, cx: &RuleContext<'_>) -> Option<(TextRange, String)> {
    if kind(name) != "identifier" {
        return None;
    }
    let binding = cx.model().binding_of(name)?;
    if binding.kind != BindingKind::LocalVar || binding.range != TextRange::of(name) {
        return None;
    }
    let written = if kind(declaration) == "var_spec" { field!(declaration, "type") } else { None };
    let bytes = match (written, &binding.declared_type) {
        (Some(t), _) => type_node_size(t, cx),
        (None, Some(ty)) => type_size(ty, cx),
        (None, None) => {
            // `buf := [N]T{}`.
            let init = binding.init?;
            // A composite literal's text ends with its closing brace (or, in
            // parentheses, with theirs): anything else is not one.
            let text = cx.source().as_bytes().get(..init.end);
            let may_be_literal = text.is_none_or(|t| t.ends_with(b"}") || t.ends_with(b")"));
            if binding.init_index.is_some() || !may_be_literal {
                return None;
            }
            // The initializer lies inside `declaration`: descending from there
            // finds the same node as from the root, in a few steps.
            let from = match declaration.start_byte() <= init.start && init.end <= declaration.end_byte() {
                true => declaration,
                false => cx.file.tree.root_node(),
            };
            let value = unparen(from.descendant_for_byte_range(init.start, init.end)?);
            if kind(value) != "composite_literal" {
                return None;
            }
            type_node_size(field!(value, "type")?, cx)
        }
    }?;
    (bytes > MAX_STACK_VAR).then(|| {
        (
            binding.range,
            format!("moved to heap: {} (it is {}, over the 10 MB a stack variable may use)", binding.name, kb(bytes)),
        )
    })
}
