//! ESC001 address-escapes: `&x` of a local variable, or `&T{...}`, whose
//! pointer the compiler must keep alive after the function returns, so the
//! value is allocated on the heap. Predicts the `-gcflags=-m` lines
//! "moved to heap: x" and "&T{...} escapes to heap" (identical with and
//! without `-l`: the function's own body is analysed either way). Each
//! message ends with the reason chain: what happened to the address, and on which line.

use super::heap_sink::{heap_sink_in, may_reach_heap_sink, HeapSink};
use super::reasons::line_of;
use super::value_shape::{binding_shape, is_address_of, ValueShape};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, Binding, BindingId, BindingKind};
use crate::rules::quick::{parent_unparen_at, path_to_node};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children, walk_preorder, PathFinder};

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
        let Some(found) = super::shared_findings::address_finding(node, cx) else { return };
        let diagnostic = cx.report(found.primary, found.message);
        if let Some((range, message)) = found.related {
            diagnostic.add_related(range, message);
        }
    }
}

/// An `&x` or `&T{...}` the compiler sends to the heap, with the words to say so.
#[derive(Clone)]
pub struct AddressFinding {
    /// The declaration of `x`, or the `&T{...}` literal.
    pub primary: TextRange,
    pub message: String,
    /// Where the pointer leaves, when that is not the primary range itself.
    pub related: Option<(TextRange, String)>,
    /// `&T{...}` (allocated where it is written) rather than a variable.
    pub is_literal: bool,
}

/// The ESC001 finding for a `unary_expression`, if it is an escaping `&...`.
pub fn analyse(node: Node<'_>, cx: &RuleContext<'_>) -> Option<AddressFinding> {
    if !is_address_of(node, cx) {
        return None;
    }
    let operand = field!(node, "operand").map(unparen)?;
    // Cheapest tests first: walking up the tree (`parent()`) starts from the root each time.
    let allocation = Allocation::of(operand, cx)?;
    // The `&` with its ancestors: the walk's when it is at `node` (it always is
    // for ESC001 and ESC007), else from one descent (`Node::parent` descends per call).
    let path = match cx.on_path(node) {
        Some((node, ancestors)) => ancestors.iter().copied().chain([node]).collect(),
        None => path_to_node(cx.file.tree.root_node(), node),
    };
    let escape = find_escape(&path, cx)?;
    if let Allocation::Literal { .. } = allocation {
        // Package-level initialisers are allocated statically.
        path.split_last()?.1.iter().rev().find(|a| crate::syntax::is_function(**a))?;
    }
    let address = crate::syntax::text(node, cx.source()).split_whitespace().collect::<Vec<_>>().join(" ");
    let site_line = line_of(cx, escape.site.start);
    let sink = escape.sink.describe();
    let chain = match &escape.through {
        None => format!("{sink} at line {site_line}"),
        Some(via) => {
            let stored_line = line_of(cx, node.start_byte());
            format!("stored in {via} at line {stored_line}, {via} {sink} at line {site_line}")
        }
    };
    let message = match &allocation {
        Allocation::Variable { name, .. } => {
            let shown = if address.chars().count() <= 40 { address } else { format!("&{name}") };
            format!("moved to heap: {name} ({shown} {chain})")
        }
        Allocation::Literal { display } => format!("{display} escapes to heap ({chain})"),
    };
    let primary = match &allocation {
        Allocation::Variable { declared, .. } => *declared,
        Allocation::Literal { .. } => TextRange::of(node),
    };
    let related_message = match &escape.through {
        Some(via) => format!("{via} is {sink} here"),
        None => format!("{sink} here"),
    };
    // `return &T{}` already points at the spot; a related span would repeat it.
    let related = (escape.site != primary).then_some((escape.site, related_message));
    let is_literal = matches!(allocation, Allocation::Literal { .. });
    Some(AddressFinding { primary, message, related, is_literal })
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
        match kind(operand) {
            "identifier" => Self::variable(operand, cx),
            // `&x.f` and `&a[i]` take the address inside `x` or `a` itself when it
            // is a struct or array held by value.
            "selector_expression" | "index_expression" => {
                let root = unparen(field!(operand, "operand")?);
                if kind(root) != "identifier" {
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
    let ty = field!(literal, "type").map(|t| text_without_comments(t, cx.source())).unwrap_or_default();
    let ty: String = ty.split_whitespace().collect::<Vec<_>>().join(" ");
    let empty = field!(literal, "body").is_none_or(|b| named_children(b).next().is_none());
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
        if kind(n) != "comment" {
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
fn find_escape(path: &[Node<'_>], cx: &RuleContext<'_>) -> Option<Escape> {
    let address = *path.last()?;
    if let Some((sink, _)) = heap_sink_in(path, cx) {
        return Some(Escape { sink, site: TextRange::of(address), through: None });
    }
    let (holder_id, holder) = initialised_variable(path, cx)?;
    // The holder is declared by the statement that takes the address, so it
    // belongs to the same function.
    if holder.function.is_none() || holder.address_taken || holder.kind != BindingKind::LocalVar {
        return None;
    }
    let references: Vec<_> = cx.model().references_of(holder_id).copied().collect();
    if references.iter().any(|r| r.access != Access::Read) {
        return None;
    }
    // The holder's references in its own function lie inside the function
    // around the `&`: their paths from there are enough for `heap_sink_in`
    // (which looks two levels up), and consecutive ones share most of theirs.
    let function = path.iter().rev().copied().find(|n| crate::syntax::is_function(*n));
    let mut paths = PathFinder::new(function.unwrap_or_else(|| cx.file.tree.root_node()));
    let source = cx.source();
    references.iter().filter(|r| r.function == holder.function && may_reach_heap_sink(source, r.range)).find_map(|r| {
        let (sink, _) = heap_sink_in(paths.path_to(r.range.start, r.range.end), cx)?;
        Some(Escape { sink, site: r.range, through: Some(holder.name.clone()) })
    })
}

/// `p := &x` or `var p = &x`: the variable the address initialises.
fn initialised_variable<'m>(path: &[Node<'_>], cx: &RuleContext<'m>) -> Option<(BindingId, &'m Binding)> {
    let address = *path.last()?;
    let list_at = parent_unparen_at(path)?;
    let list = path[list_at];
    if kind(list) != "expression_list" {
        return None;
    }
    let declaration = *path.get(list_at.checked_sub(1)?)?;
    let names: Vec<Node<'_>> = match kind(declaration) {
        "short_var_declaration" if field!(declaration, "right") == Some(list) => {
            named_children(field!(declaration, "left")?).collect()
        }
        "var_spec" if field!(declaration, "value") == Some(list) => {
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
    if kind(name) != "identifier" {
        return None;
    }
    let id = cx.model().binding_id_of(name)?;
    let binding = cx.model().bindings.get(id)?;
    // `p, err := &x, nil` in a scope that already has `p` reuses it: not a fresh variable.
    (binding.range == TextRange::of(name)).then_some((id, binding))
}
