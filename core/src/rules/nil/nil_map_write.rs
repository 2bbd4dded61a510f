//! NIL002 nil-map-write: writing into a map that was declared but never made.
//!
//! Deliberately narrow so that it is right when it speaks: the map is a local
//! `var m map[K]V` (or named result), or a map field of a local zero struct
//! (`var s S`, `S{}` without the field, `new(S)`) or of the zero elements of
//! `make([]S, n)` / `var a [N]S`, and between the declaration
//! and the write, in document order, nothing assigns it, takes its address,
//! or hands the struct to code that could fill the field in.

use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::model::{Access, Binding, BindingId, BindingKind, FieldDecl, TypeExpr};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::{ancestors, named_children, parent_unparen, unparen};
use tree_sitter::Node;

pub struct NilMapWrite;

static META: RuleMeta = RuleMeta {
    code: "NIL002",
    name: "nil-map-write",
    family: Family::NilContract,
    default_severity: Severity::Error,
    summary: "assignment into a map that was declared but never made (panics: assignment to entry in nil map)",
    docs: include_str!("nil_map_write.md"),
    fix: FixAvailability::Sometimes,
};

/// How many `type A B` hops to follow when resolving a named type.
const MAX_TYPE_HOPS: usize = 8;

impl Rule for NilMapWrite {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["assignment_statement", "inc_statement", "dec_statement"]
    }

    fn check(&self, stmt: Node<'_>, cx: &mut RuleContext<'_>) {
        let targets: Vec<Node<'_>> = match stmt.kind() {
            "assignment_statement" => match stmt.child_by_field_name("left") {
                Some(left) if left.kind() == "expression_list" => named_children(left).collect(),
                Some(left) => vec![left],
                None => Vec::new(),
            },
            _ => named_children(stmt).take(1).collect(),
        };
        for target in targets.into_iter().map(unparen).filter(|t| t.kind() == "index_expression") {
            let Some(map) = target.child_by_field_name("operand").map(unparen) else { continue };
            match map.kind() {
                "identifier" => check_map_var(stmt, target, map, cx),
                "selector_expression" => check_map_field(stmt, target, map, cx),
                _ => {}
            }
        }
    }
}

/// `var m map[K]V` ... `m[k] = v`.
fn check_map_var(stmt: Node<'_>, target: Node<'_>, ident: Node<'_>, cx: &mut RuleContext<'_>) {
    let model = cx.model();
    let Some(reference) = model.reference_at(ident) else { return };
    let id = reference.binding;
    let Some(binding) = model.bindings.get(id) else { return };
    let declared_nil = matches!(binding.kind, BindingKind::LocalVar | BindingKind::Result)
        && binding.init.is_none()
        && binding.declared_type.as_ref().is_some_and(|t| resolves_to_map(t, cx));
    if !declared_nil || binding.address_taken || reference.function != binding.function {
        return;
    }
    let root = cx.file.tree.root_node();
    // A write, a closure mention, or a nil comparison (`if m != nil { m[k] = v }`) before: not sure.
    let written_before = model.references_of(id).filter(|r| r.range.start < target.start_byte()).any(|r| {
        r.access != Access::Read
            || r.function != binding.function
            || root
                .descendant_for_byte_range(r.range.start, r.range.end)
                .and_then(parent_unparen)
                .is_some_and(|p| super::flow::nil_comparison(p, cx.source()).is_some())
    });
    if written_before || loop_may_write_first(stmt, binding, id, cx) {
        return;
    }
    let name = binding.name.clone();
    let how = if binding.kind == BindingKind::Result { "a named result" } else { "declared with `var`" };
    let message = format!(
        "assignment to entry in nil map: `{name}` is {how} and nothing makes it before this write (use make or a map literal)"
    );
    let declared_at = binding.range;
    let fix = var_fix(binding, id, cx);
    let diagnostic = cx.report(TextRange::of(target), message);
    diagnostic.add_related(declared_at, format!("{name} is declared here as a nil map"));
    if let Some((edit, applicability)) = fix {
        diagnostic.set_fix(format!("Initialise `{name}` with an empty map literal"), vec![edit], applicability);
    }
}

/// `var s S` (or `S{}` without the field, or `new(S)`) ... `s.m[k] = v`, and
/// `ss := make([]S, n)` (or `var ss [N]S`) ... `ss[i].m[k] = v`.
fn check_map_field(stmt: Node<'_>, target: Node<'_>, selector: Node<'_>, cx: &mut RuleContext<'_>) {
    let model = cx.model();
    let Some(field_node) = selector.child_by_field_name("field") else { return };
    let field = cx.text(field_node);
    let Some(holder) = selector.child_by_field_name("operand").map(unparen) else { return };
    let (base, element) = match holder.kind() {
        "identifier" => (holder, false),
        "index_expression" => match holder.child_by_field_name("operand").map(unparen) {
            Some(b) if b.kind() == "identifier" => (b, true),
            _ => return,
        },
        _ => return,
    };
    let Some(reference) = model.reference_at(base) else { return };
    let id = reference.binding;
    let Some(binding) = model.bindings.get(id) else { return };
    if binding.kind != BindingKind::LocalVar || binding.address_taken || reference.function != binding.function {
        return;
    }
    let origin = if element { zero_elements_origin(binding, cx) } else { zero_struct_origin(binding, field, cx) };
    let Some((struct_name, origin)) = origin else { return };
    let Some(fields) = struct_fields(&struct_name, cx) else { return };
    let is_map_field = fields.iter().any(|f| !f.embedded && f.name == field && resolves_to_map(&f.ty, cx));
    if !is_map_field {
        return;
    }
    // Before the write (and anywhere in a loop around it), the variable may only
    // be used in ways that cannot make the map: `s.other`, `s.m[k]`, `len(ss)`.
    let root = cx.file.tree.root_node();
    let loops: Vec<TextRange> = ancestors(stmt)
        .take_while(|a| !TextRange::of(*a).contains_range(binding.statement))
        .filter(|a| a.kind() == "for_statement")
        .map(TextRange::of)
        .collect();
    let may_initialise = model
        .references_of(id)
        .filter(|r| r.range.start != base.start_byte())
        .filter(|r| r.range.start < target.start_byte() || loops.iter().any(|l| l.contains_range(r.range)))
        .any(|r| {
            r.access != Access::Read
                || r.function != binding.function
                || root
                    .descendant_for_byte_range(r.range.start, r.range.end)
                    .is_none_or(|ident| may_make_field(ident, element, field, cx))
        });
    if may_initialise {
        return;
    }
    let name = binding.name.clone();
    let whose = if element { format!("an element of `{name}`") } else { format!("`{name}`") };
    let message = format!(
        "assignment to entry in nil map: field `{field}` of {whose} is nil ({origin}, and nothing makes it before this write)"
    );
    let declared_at = binding.range;
    cx.report(TextRange::of(target), message)
        .add_related(declared_at, format!("{name} is created here without making its map field {field}"));
}

/// Could this mention of the holder variable make (or replace) the map field?
/// Only a few uses are known not to: selecting another field (not calling or
/// addressing it), indexing the map field itself, and `len`/`cap`/`range` of a slice.
fn may_make_field(ident: Node<'_>, element: bool, field: &str, cx: &RuleContext<'_>) -> bool {
    let Some(mut parent) = parent_unparen(ident) else { return true };
    if element {
        match parent.kind() {
            "index_expression" if parent.child_by_field_name("operand").map(unparen) == Some(ident) => {
                let Some(up) = parent_unparen(parent) else { return true };
                parent = up;
            }
            "range_clause" => return false,
            "argument_list" => {
                let builtin = parent
                    .parent()
                    .and_then(|call| call.child_by_field_name("function"))
                    .is_some_and(|f| matches!(cx.text(f), "len" | "cap") && cx.model().is_builtin(f, cx.source()));
                return !builtin;
            }
            _ => return true,
        }
    }
    if parent.kind() != "selector_expression" {
        return true;
    }
    let selected = parent.child_by_field_name("field").map(|f| cx.text(f)).unwrap_or("");
    let up = parent_unparen(parent);
    let called = up.is_some_and(|g| {
        g.kind() == "call_expression" && g.child_by_field_name("function").map(unparen) == Some(parent)
    });
    let addressed = up.is_some_and(|g| {
        g.kind() == "unary_expression" && g.child_by_field_name("operator").is_some_and(|op| cx.text(op) == "&")
    });
    if selected == field {
        // `s.m[k]`: using the map, not making it.
        let indexed = up.is_some_and(|g| {
            g.kind() == "index_expression" && g.child_by_field_name("operand").map(unparen) == Some(parent)
        });
        return !indexed;
    }
    called || addressed
}

/// `ss := make([]S, n)` or `var ss [N]S`: every element is a zero `S`.
fn zero_elements_origin(binding: &Binding, cx: &RuleContext<'_>) -> Option<(String, String)> {
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
    let root = cx.file.tree.root_node();
    let value = unparen(root.descendant_for_byte_range(init.start, init.end)?);
    let value = if value.kind() == "expression_list" { unparen(named_children(value).next()?) } else { value };
    if value.kind() != "call_expression" {
        return None;
    }
    let function = value.child_by_field_name("function").map(unparen)?;
    if cx.text(function) != "make" || !cx.model().is_builtin(function, cx.source()) {
        return None;
    }
    let slice = named_children(value.child_by_field_name("arguments")?).next()?;
    let elem = slice.child_by_field_name("element").filter(|_| slice.kind() == "slice_type")?;
    if elem.kind() != "type_identifier" {
        return None;
    }
    let s = cx.text(elem).to_string();
    let origin = format!("make([]{s}, ...) fills `{name}` with zero {s} values");
    Some((s, origin))
}

/// The struct type name when `binding` starts as a struct whose `field` is zero,
/// with a phrase saying how it was created.
fn zero_struct_origin(binding: &Binding, field: &str, cx: &RuleContext<'_>) -> Option<(String, String)> {
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
    let root = cx.file.tree.root_node();
    let mut value = unparen(root.descendant_for_byte_range(init.start, init.end)?);
    // `descendant_for_byte_range` may return a wrapper of the same range.
    while TextRange::of(value) == init && value.kind() == "expression_list" {
        value = unparen(named_children(value).next()?);
    }
    if value.kind() == "unary_expression" && value.child_by_field_name("operator").is_some_and(|op| cx.text(op) == "&")
    {
        value = unparen(value.child_by_field_name("operand")?);
    }
    match value.kind() {
        "composite_literal" => {
            let ty = value.child_by_field_name("type").filter(|t| t.kind() == "type_identifier")?;
            let body = value.child_by_field_name("body")?;
            for element in named_children(body) {
                // A positional element sets every field; a keyed one may set ours.
                let key = (element.kind() == "keyed_element").then(|| named_children(element).next()).flatten()?;
                if cx.text(key) == field {
                    return None;
                }
            }
            let name = cx.text(ty).to_string();
            Some((name.clone(), format!("the {name}{{...}} literal does not set it")))
        }
        "call_expression" => {
            let function = value.child_by_field_name("function").map(unparen)?;
            if cx.text(function) != "new" || !cx.model().is_builtin(function, cx.source()) {
                return None;
            }
            let args: Vec<Node<'_>> = named_children(value.child_by_field_name("arguments")?).collect();
            let [ty] = args.as_slice() else { return None };
            let name = cx.text(*ty).to_string();
            (ty.kind() == "type_identifier").then(|| (name.clone(), format!("new({name}) leaves it zero")))
        }
        _ => None,
    }
}

/// The written map write sits in a loop (entered after the declaration) that
/// assigns the variable somewhere: an earlier iteration may have made it.
fn loop_may_write_first(stmt: Node<'_>, binding: &Binding, id: BindingId, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    ancestors(stmt).take_while(|a| !TextRange::of(*a).contains_range(binding.statement)).any(|a| {
        if a.kind() != "for_statement" {
            return false;
        }
        let range = TextRange::of(a);
        model.references_of(id).any(|r| range.contains_range(r.range) && r.access != Access::Read)
    })
}

fn resolves_to_map(ty: &TypeExpr, cx: &RuleContext<'_>) -> bool {
    matches!(resolve(ty, cx), Some(TypeExpr::Map(..)))
}

fn struct_fields(name: &str, cx: &RuleContext<'_>) -> Option<Vec<FieldDecl>> {
    match resolve(&TypeExpr::Named { package: None, name: name.to_string() }, cx)? {
        TypeExpr::Struct(fields) => Some(fields),
        _ => None,
    }
}

/// Follows named types declared in this file or its package to what they name.
fn resolve(ty: &TypeExpr, cx: &RuleContext<'_>) -> Option<TypeExpr> {
    let mut ty = ty.clone();
    for _ in 0..MAX_TYPE_HOPS {
        let TypeExpr::Named { package: None, name } = &ty else { return Some(ty) };
        let decl = cx.model().type_named(name).or_else(|| cx.package.type_named(name))?;
        ty = decl.ty.clone();
    }
    None
}

/// `var m map[K]V` -> `m := map[K]V{}` for a lone, untyped-value local spec.
/// Safe unless the code also compares the map with nil, where an empty map
/// behaves differently from the nil one.
fn var_fix(binding: &Binding, id: BindingId, cx: &RuleContext<'_>) -> Option<(TextEdit, Applicability)> {
    if binding.kind != BindingKind::LocalVar {
        return None;
    }
    let root = cx.file.tree.root_node();
    let spec = root.descendant_for_byte_range(binding.statement.start, binding.statement.end)?;
    let spec = std::iter::successors(Some(spec), |n| n.parent()).find(|n| n.kind() == "var_spec")?;
    let declaration = spec.parent().filter(|d| d.kind() == "var_declaration")?;
    let names = crate::syntax::field_children(spec, "name");
    if names.len() != 1 || spec.child_by_field_name("value").is_some() || named_children(declaration).count() != 1 {
        return None;
    }
    let ty = spec.child_by_field_name("type")?;
    let new_text = format!("{} := {}{{}}", binding.name, cx.text(ty));
    let compared_with_nil = cx.model().references_of(id).any(|r| {
        root.descendant_for_byte_range(r.range.start, r.range.end)
            .and_then(parent_unparen)
            .is_some_and(|p| super::flow::nil_comparison(p, cx.source()).is_some())
    });
    let applicability = if compared_with_nil { Applicability::Unsafe } else { Applicability::Safe };
    Some((TextEdit { range: TextRange::of(declaration), new_text }, applicability))
}
