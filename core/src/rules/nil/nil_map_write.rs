//! NIL002 nil-map-write: writing into a map that was declared but never made.
//!
//! Deliberately narrow so that it is right when it speaks: the map is a local
//! `var m map[K]V` (or named result), or a map field of a local zero struct
//! (`var s S`, `S{}` without the field, `new(S)`) or of the zero elements of
//! `make([]S, n)` / `var a [N]S`, and between the declaration
//! and the write, in document order, nothing assigns it, takes its address,
//! or hands the struct to code that could fill the field in.

use super::zero_field::{resolves_to_map, zero_field_at, FieldUse, ZeroField};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::model::{Access, Binding, BindingId, BindingKind};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{ancestors, named_children, parent_unparen, unparen};

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

impl Rule for NilMapWrite {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["assignment_statement", "inc_statement", "dec_statement"]
    }

    fn check(&self, stmt: Node<'_>, cx: &mut RuleContext<'_>) {
        let targets: Vec<Node<'_>> = match kind(stmt) {
            "assignment_statement" => match field!(stmt, "left") {
                Some(left) if kind(left) == "expression_list" => named_children(left).collect(),
                Some(left) => vec![left],
                None => Vec::new(),
            },
            _ => named_children(stmt).take(1).collect(),
        };
        for target in targets.into_iter().map(unparen).filter(|t| kind(t) == "index_expression") {
            let Some(map) = field!(target, "operand").map(unparen) else { continue };
            match kind(map) {
                "identifier" => check_map_var(stmt, target, map, cx),
                "selector_expression" => check_map_field(target, map, cx),
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
fn check_map_field(target: Node<'_>, selector: Node<'_>, cx: &mut RuleContext<'_>) {
    let Some(zero) = zero_field_at(target, selector, FieldUse::IndexMap, resolves_to_map, cx) else { return };
    let ZeroField { holder, field, element, origin, declared_at } = zero;
    let whose = if element { format!("an element of `{holder}`") } else { format!("`{holder}`") };
    let message = format!(
        "assignment to entry in nil map: field `{field}` of {whose} is nil ({origin}, and nothing makes it before this write)"
    );
    cx.report(TextRange::of(target), message)
        .add_related(declared_at, format!("{holder} is created here without making its map field {field}"));
}

/// The written map write sits in a loop (entered after the declaration) that
/// assigns the variable somewhere: an earlier iteration may have made it.
fn loop_may_write_first(stmt: Node<'_>, binding: &Binding, id: BindingId, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    ancestors(stmt).take_while(|a| !TextRange::of(*a).contains_range(binding.statement)).any(|a| {
        if kind(a) != "for_statement" {
            return false;
        }
        let range = TextRange::of(a);
        model.references_of(id).any(|r| range.contains_range(r.range) && r.access != Access::Read)
    })
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
    let spec = std::iter::successors(Some(spec), |n| n.parent()).find(|n| kind(n) == "var_spec")?;
    let declaration = spec.parent().filter(|d| kind(d) == "var_declaration")?;
    let names = crate::syntax::field_children(spec, "name");
    if names.len() != 1 || field!(spec, "value").is_some() || named_children(declaration).count() != 1 {
        return None;
    }
    let ty = field!(spec, "type")?;
    let new_text = format!("{} := {}{{}}", binding.name, cx.text(ty));
    let compared_with_nil = cx.model().references_of(id).any(|r| {
        root.descendant_for_byte_range(r.range.start, r.range.end)
            .and_then(parent_unparen)
            .is_some_and(|p| super::flow::nil_comparison(p, cx.source()).is_some())
    });
    let applicability = if compared_with_nil { Applicability::Unsafe } else { Applicability::Safe };
    Some((TextEdit { range: TextRange::of(declaration), new_text }, applicability))
}
