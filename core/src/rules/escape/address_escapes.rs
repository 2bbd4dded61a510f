//! ESC001 address-escapes: `&x` of a local variable, or `&T{...}`, whose
//! pointer the compiler must keep alive after the function returns, so the
//! value is allocated on the heap. Predicts the `-gcflags=-m` lines
//! "moved to heap: x" and "&T{...} escapes to heap" (identical with and
//! without `-l`: the function's own body is analysed either way).

use super::heap_sink::{heap_sink, HeapSink};
use super::value_shape::{binding_shape, is_address_of, ValueShape};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, Binding, BindingId, BindingKind};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::{enclosing_function, named_children, parent_unparen, unparen, walk_preorder};
use tree_sitter::Node;

pub struct AddressEscapes;

static META: RuleMeta = RuleMeta {
    code: "ESC001",
    name: "address-escapes",
    family: Family::EscapeHint,
    default_severity: Severity::Hint,
    summary:
        "a variable's or composite literal's address is returned, stored on the heap or sent, so it is heap-allocated",
    docs: include_str!("address_escapes.md"),
    fix: FixAvailability::None,
};

impl Rule for AddressEscapes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["unary_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        if !is_address_of(node, cx) {
            return;
        }
        let Some(operand) = node.child_by_field_name("operand").map(unparen) else { return };
        // Cheapest tests first: walking up the tree (`parent()`) starts from the root each time.
        let Some(allocation) = Allocation::of(operand, cx) else { return };
        let Some(escape) = find_escape(node, cx) else { return };
        if let Allocation::Literal { .. } = allocation {
            // Package-level initialisers are allocated statically.
            if enclosing_function(node).is_none() {
                return;
            }
        }
        let message = match (&allocation, &escape.through) {
            (Allocation::Variable { name, .. }, None) => {
                format!("moved to heap: {name} (its address is {})", escape.sink.describe())
            }
            (Allocation::Variable { name, .. }, Some(via)) => {
                format!("moved to heap: {name} (its address is stored in {via}, which is {})", escape.sink.describe())
            }
            (Allocation::Literal { display }, None) => {
                format!("{display} escapes to heap (it is {})", escape.sink.describe())
            }
            (Allocation::Literal { display }, Some(via)) => {
                format!("{display} escapes to heap (it is stored in {via}, which is {})", escape.sink.describe())
            }
        };
        let primary = match &allocation {
            Allocation::Variable { declared, .. } => *declared,
            Allocation::Literal { .. } => TextRange::of(node),
        };
        let related = match &escape.through {
            Some(via) => format!("{via} is {} here", escape.sink.describe()),
            None => format!("{} here", escape.sink.describe()),
        };
        let diagnostic = cx.report(primary, message);
        // `return &T{}` already points at the spot; a related span would repeat it.
        if escape.site != primary {
            diagnostic.add_related(escape.site, related);
        }
    }
}

/// What the compiler allocates for `&operand`.
enum Allocation {
    /// A local variable, parameter or result; the compiler reports at its declaration.
    Variable { name: String, declared: TextRange },
    /// `&T{...}`, reported at the `&`.
    Literal { display: String },
}

impl Allocation {
    fn of(operand: Node<'_>, cx: &RuleContext<'_>) -> Option<Self> {
        match operand.kind() {
            "identifier" => Self::variable(operand, cx),
            // `&x.f` and `&a[i]` take the address inside `x` or `a` itself when it
            // is a struct or array held by value.
            "selector_expression" | "index_expression" => {
                let root = unparen(operand.child_by_field_name("operand")?);
                if root.kind() != "identifier" {
                    return None;
                }
                let binding = cx.model().binding_of(root)?;
                if binding_shape(binding, cx) != ValueShape::Aggregate {
                    return None;
                }
                Self::variable(root, cx)
            }
            "composite_literal" => Some(Allocation::Literal { display: literal_display(operand, cx) }),
            _ => None,
        }
    }

    /// A local variable, parameter or result of the function that takes its address.
    fn variable(ident: Node<'_>, cx: &RuleContext<'_>) -> Option<Self> {
        let reference = cx.model().reference_at(ident)?;
        let binding = cx.model().bindings.get(reference.binding)?;
        let local = matches!(
            binding.kind,
            BindingKind::LocalVar
                | BindingKind::Param
                | BindingKind::Result
                | BindingKind::Receiver
                | BindingKind::ForClauseVar
                | BindingKind::RangeVar
        );
        // A variable captured from an enclosing function is ESC002's business.
        (local && reference.function.is_some() && binding.function == reference.function)
            .then(|| Allocation::Variable { name: binding.name.clone(), declared: binding.range })
    }
}

/// How the compiler prints a composite literal: `&T{...}` with elements, `&T{}` without.
fn literal_display(literal: Node<'_>, cx: &RuleContext<'_>) -> String {
    let ty = literal.child_by_field_name("type").map(|t| text_without_comments(t, cx.source())).unwrap_or_default();
    let ty: String = ty.split_whitespace().collect::<Vec<_>>().join(" ");
    let empty = literal.child_by_field_name("body").is_none_or(|b| named_children(b).next().is_none());
    if empty {
        format!("&{ty}{{}}")
    } else {
        format!("&{ty}{{...}}")
    }
}

fn text_without_comments(node: Node<'_>, source: &str) -> String {
    let mut out = String::new();
    let mut position = node.start_byte();
    walk_preorder(node, |n| {
        if n.kind() != "comment" {
            return true;
        }
        out.push_str(source.get(position..n.start_byte()).unwrap_or(""));
        out.push(' ');
        position = n.end_byte();
        false
    });
    out.push_str(source.get(position..node.end_byte()).unwrap_or(""));
    out
}

struct Escape {
    sink: HeapSink,
    /// Where the pointer leaves.
    site: TextRange,
    /// The local pointer variable it went through, if any.
    through: Option<String>,
}

/// Where the pointer `address` (an `&...` expression) escapes: directly, or
/// through one local variable it initialises and that is never reassigned.
fn find_escape(address: Node<'_>, cx: &RuleContext<'_>) -> Option<Escape> {
    if let Some((sink, _)) = heap_sink(address, cx) {
        return Some(Escape { sink, site: TextRange::of(address), through: None });
    }
    let (holder_id, holder) = initialised_variable(address, cx)?;
    // The holder is declared by the statement that takes the address, so it
    // belongs to the same function.
    if holder.function.is_none() || holder.address_taken || holder.kind != BindingKind::LocalVar {
        return None;
    }
    let references: Vec<_> = cx.model().references_of(holder_id).copied().collect();
    if references.iter().any(|r| r.access != Access::Read) {
        return None;
    }
    let root = cx.file.tree.root_node();
    references.iter().filter(|r| r.function == holder.function).find_map(|r| {
        let ident = root.descendant_for_byte_range(r.range.start, r.range.end)?;
        let (sink, _) = heap_sink(ident, cx)?;
        Some(Escape { sink, site: r.range, through: Some(holder.name.clone()) })
    })
}

/// `p := &x` or `var p = &x`: the variable the address initialises.
fn initialised_variable<'m>(address: Node<'_>, cx: &RuleContext<'m>) -> Option<(BindingId, &'m Binding)> {
    let list = parent_unparen(address)?;
    if list.kind() != "expression_list" {
        return None;
    }
    let declaration = list.parent()?;
    let names: Vec<Node<'_>> = match declaration.kind() {
        "short_var_declaration" if declaration.child_by_field_name("right") == Some(list) => {
            named_children(declaration.child_by_field_name("left")?).collect()
        }
        "var_spec" if declaration.child_by_field_name("value") == Some(list) => {
            let mut cursor = declaration.walk();
            declaration.children_by_field_name("name", &mut cursor).collect()
        }
        _ => return None,
    };
    let values: Vec<Node<'_>> = named_children(list).collect();
    if values.len() != names.len() {
        return None;
    }
    let index =
        values.iter().position(|v| v.start_byte() <= address.start_byte() && address.end_byte() <= v.end_byte())?;
    let name = *names.get(index)?;
    if name.kind() != "identifier" {
        return None;
    }
    let id = cx.model().binding_id_of(name)?;
    let binding = cx.model().bindings.get(id)?;
    // `p, err := &x, nil` in a scope that already has `p` reuses it: not a fresh variable.
    (binding.range == TextRange::of(name)).then_some((id, binding))
}
