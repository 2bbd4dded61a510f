//! Struct fields that are still zero where they are used: `var s S`, `S{}`
//! without the field, `new(S)`, or the zero elements of `make([]S, n)` /
//! `var a [N]S`, with nothing between the creation and the use (in document
//! order, and anywhere in a loop around the use) that could set the field.
//! NIL002 asks this about map fields, NIL007 about func fields.

use crate::diagnostic::TextRange;
use crate::model::{Access, Binding, BindingKind, FieldDecl, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{ancestors, named_children, parent_unparen, unparen};

/// How many `type A B` hops to follow when resolving a named type.
const MAX_TYPE_HOPS: usize = 8;

/// How the flagged statement uses the field: that use does not set it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldUse {
    /// `s.m[k] = v`
    IndexMap,
    /// `s.f(...)`
    CallFunc,
}

/// A field that is zero where `selector` (`s.f` or `ss[i].f`) uses it.
pub(super) struct ZeroField {
    /// The holder variable's name.
    pub holder: String,
    pub field: String,
    /// The field belongs to an element of a slice or array variable.
    pub element: bool,
    /// How the holder was created, as a phrase for the message.
    pub origin: String,
    /// The holder's declaration.
    pub declared_at: TextRange,
}

/// The field `selector` names, when it is still zero at `use_node`, its
/// declared type satisfies `type_ok`, and it is used as `field_use`.
pub(super) fn zero_field_at(
    use_node: Node<'_>,
    selector: Node<'_>,
    field_use: FieldUse,
    type_ok: impl Fn(&TypeExpr, &RuleContext<'_>) -> bool,
    cx: &RuleContext<'_>,
) -> Option<ZeroField> {
    let model = cx.model();
    let field = cx.text(field!(selector, "field")?);
    let holder = field!(selector, "operand").map(unparen)?;
    let (base, element) = match kind(holder) {
        "identifier" => (holder, false),
        "index_expression" => match field!(holder, "operand").map(unparen) {
            Some(b) if kind(b) == "identifier" => (b, true),
            _ => return None,
        },
        _ => return None,
    };
    let reference = model.reference_at(base)?;
    let id = reference.binding;
    let binding = model.bindings.get(id)?;
    if binding.kind != BindingKind::LocalVar || binding.address_taken || reference.function != binding.function {
        return None;
    }
    let origin = if element { zero_elements_origin(binding, cx) } else { zero_struct_origin(binding, field, cx) };
    let (struct_name, origin) = origin?;
    let fields = struct_fields(&struct_name, cx)?;
    if !fields.iter().any(|f| !f.embedded && f.name == field && type_ok(&f.ty, cx)) {
        return None;
    }
    // Before the use (and anywhere in a loop around it), the variable may only
    // be used in ways that cannot set the field: `s.other`, `s.m[k]`, `len(ss)`.
    // Climbing is the costly part (tree-sitter finds a parent from the root): last.
    let loops: Vec<TextRange> = ancestors(use_node)
        .take_while(|a| !TextRange::of(*a).contains_range(binding.statement))
        .filter(|a| kind(a) == "for_statement")
        .map(TextRange::of)
        .collect();
    let may_initialise = model
        .references_of(id)
        .filter(|r| r.range.start != base.start_byte())
        .filter(|r| r.range.start < use_node.start_byte() || loops.iter().any(|l| l.contains_range(r.range)))
        .any(|r| {
            r.access != Access::Read
                || r.function != binding.function
                || cx
                    .descendant_for_byte_range(r.range.start, r.range.end)
                    .is_none_or(|ident| may_make_field(ident, element, field, field_use, cx))
        });
    if may_initialise {
        return None;
    }
    Some(ZeroField {
        holder: binding.name.clone(),
        field: field.to_string(),
        element,
        origin,
        declared_at: binding.range,
    })
}

/// Could this mention of the holder variable make (or replace) the field?
/// Only a few uses are known not to: selecting another field (not calling or
/// addressing it), using the field itself (indexing the map, calling the func),
/// and `len`/`cap`/`range` of a slice.
fn may_make_field(ident: Node<'_>, element: bool, field: &str, field_use: FieldUse, cx: &RuleContext<'_>) -> bool {
    let Some(mut parent) = parent_unparen(ident) else { return true };
    if element {
        match kind(parent) {
            "index_expression" if field!(parent, "operand").map(unparen) == Some(ident) => {
                let Some(up) = parent_unparen(parent) else { return true };
                parent = up;
            }
            "range_clause" => return false,
            "argument_list" => {
                let builtin = parent
                    .parent()
                    .and_then(|call| field!(call, "function"))
                    .is_some_and(|f| matches!(cx.text(f), "len" | "cap") && cx.model().is_builtin(f, cx.source()));
                return !builtin;
            }
            _ => return true,
        }
    }
    if kind(parent) != "selector_expression" {
        return true;
    }
    let selected = field!(parent, "field").map(|f| cx.text(f)).unwrap_or("");
    let up = parent_unparen(parent);
    let called = up.is_some_and(|g| kind(g) == "call_expression" && field!(g, "function").map(unparen) == Some(parent));
    let addressed =
        up.is_some_and(|g| kind(g) == "unary_expression" && field!(g, "operator").is_some_and(|op| cx.text(op) == "&"));
    if selected == field {
        // `s.m[k]` / `s.f()`: using the field, not making it.
        let used = match field_use {
            FieldUse::IndexMap => {
                up.is_some_and(|g| kind(g) == "index_expression" && field!(g, "operand").map(unparen) == Some(parent))
            }
            FieldUse::CallFunc => called,
        };
        return !used;
    }
    called || addressed
}

/// `ss := make([]S, n)` or `var ss [N]S`: every element is a zero `S`.
pub(super) fn zero_elements_origin(binding: &Binding, cx: &RuleContext<'_>) -> Option<(String, String)> {
    let name = &binding.name;
    let Some(init) = binding.init else {
        return match binding.declared_type.as_ref()? {
            TypeExpr::Array(_, elem) => match elem.as_ref() {
                TypeExpr::Named { package: None, name: s } => {
                    Some((s.clone(), format!("`{name}` is an array of zero {s} values")))
                }
                _ => None,
            },
            _ => None,
        };
    };
    if binding.init_index.is_some() {
        return None;
    }
    let value = unparen(cx.descendant_for_byte_range(init.start, init.end)?);
    let value = if kind(value) == "expression_list" { unparen(named_children(value).next()?) } else { value };
    if kind(value) != "call_expression" {
        return None;
    }
    let function = field!(value, "function").map(unparen)?;
    if cx.text(function) != "make" || !cx.model().is_builtin(function, cx.source()) {
        return None;
    }
    let slice = named_children(field!(value, "arguments")?).next()?;
    let elem = field!(slice, "element").filter(|_| kind(slice) == "slice_type")?;
    if kind(elem) != "type_identifier" {
        return None;
    }
    let s = cx.text(elem).to_string();
    let origin = format!("make([]{s}, ...) fills `{name}` with zero {s} values");
    Some((s, origin))
}

/// The struct type name when `binding` starts as a struct whose `field` is zero,
/// with a phrase saying how it was created.
pub(super) fn zero_struct_origin(binding: &Binding, field: &str, cx: &RuleContext<'_>) -> Option<(String, String)> {
    let Some(init) = binding.init else {
        let name = match binding.declared_type.as_ref()? {
            TypeExpr::Named { package: None, name } => name.clone(),
            _ => return None,
        };
        let origin = format!("`{}` starts as the zero value of {name}", binding.name);
        return Some((name, origin));
    };
    if binding.init_index.is_some() {
        return None;
    }
    let mut value = unparen(cx.descendant_for_byte_range(init.start, init.end)?);
    // `descendant_for_byte_range` may return a wrapper of the same range.
    while TextRange::of(value) == init && kind(value) == "expression_list" {
        value = unparen(named_children(value).next()?);
    }
    if kind(value) == "unary_expression" && field!(value, "operator").is_some_and(|op| cx.text(op) == "&") {
        value = unparen(field!(value, "operand")?);
    }
    match kind(value) {
        "composite_literal" => {
            let ty = field!(value, "type").filter(|t| kind(t) == "type_identifier")?;
            let body = field!(value, "body")?;
            for element in named_children(body) {
                // A positional element sets every field; a keyed one may set ours.
                let key = (kind(element) == "keyed_element").then(|| named_children(element).next()).flatten()?;
                if cx.text(key) == field {
                    return None;
                }
            }
            let name = cx.text(ty).to_string();
            Some((name.clone(), format!("the {name}{{...}} literal does not set it")))
        }
        "call_expression" => {
            let function = field!(value, "function").map(unparen)?;
            if cx.text(function) != "new" || !cx.model().is_builtin(function, cx.source()) {
                return None;
            }
            let args: Vec<Node<'_>> = named_children(field!(value, "arguments")?).collect();
            let [ty] = args.as_slice() else { return None };
            let name = cx.text(*ty).to_string();
            (kind(ty) == "type_identifier").then(|| (name.clone(), format!("new({name}) leaves it zero")))
        }
        _ => None,
    }
}

pub(super) fn resolves_to_map(ty: &TypeExpr, cx: &RuleContext<'_>) -> bool {
    matches!(resolve(ty, cx), Some(TypeExpr::Map(..)))
}

pub(super) fn struct_fields(name: &str, cx: &RuleContext<'_>) -> Option<Vec<FieldDecl>> {
    match resolve(&TypeExpr::Named { package: None, name: name.to_string() }, cx)? {
        TypeExpr::Struct(fields) => Some(fields),
        _ => None,
    }
}

/// Follows named types declared in this file or its package to what they name.
pub(super) fn resolve(ty: &TypeExpr, cx: &RuleContext<'_>) -> Option<TypeExpr> {
    let mut ty = ty.clone();
    for _ in 0..MAX_TYPE_HOPS {
        let TypeExpr::Named { package: None, name } = &ty else { return Some(ty) };
        let decl = cx.model().type_named(name).or_else(|| cx.package.type_named(name))?;
        ty = decl.ty.clone();
    }
    None
}
