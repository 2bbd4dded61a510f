//! NIL006 typed-nil-interface: a nil pointer of a concrete type returned as
//! `error` (or another interface of the package): the interface holds a type,
//! so it is not nil, and callers' `err != nil` is true.

use super::always_nil::never_assigned_local;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, BindingKind, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{block_statements, named_children, unparen};

pub struct TypedNilInterface;

static META: RuleMeta = RuleMeta {
    code: "NIL006",
    name: "typed-nil-interface",
    family: Family::NilContract,
    default_severity: Severity::Warning,
    summary: "nil pointer of a concrete type returned as an interface, which is then non-nil",
    docs: include_str!("typed_nil_interface.md"),
    fix: FixAvailability::None,
};

impl Rule for TypedNilInterface {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["return_statement"]
    }

    fn check(&self, ret: Node<'_>, cx: &mut RuleContext<'_>) {
        let values: Vec<Node<'_>> = match named_children(ret).next() {
            Some(list) if kind(list) == "expression_list" => named_children(list).map(unparen).collect(),
            Some(single) => vec![unparen(single)],
            None => return,
        };
        for (index, &value) in values.iter().enumerate() {
            if kind(value) != "identifier" {
                continue;
            }
            let model = cx.model();
            let Some(reference) = model.reference_at(value) else { continue };
            let Some(function) = reference.function.and_then(|f| model.functions.get(f)) else { continue };
            if function.results.len() != values.len() {
                continue;
            }
            let Some(result) = function.results.get(index) else { continue };
            if !is_interface(&result.ty, cx) {
                continue;
            }
            let name = cx.text(value);
            let message = if never_assigned_local(value, TypeExpr::is_pointer, cx).is_some() {
                format!(
                    "typed nil: `{name}` is a nil pointer here, and returning it as `{}` makes a non-nil interface (`err != nil` is true for callers); return a literal `nil` instead",
                    type_text(&result.ty)
                )
            } else if set_only_by_one_if(ret, value, cx) {
                format!(
                    "typed nil: `{name}` is still a nil pointer when the `if` above does not run, and returning it as `{}` then makes a non-nil interface (`err != nil` is true for callers); return a literal `nil` on that path",
                    type_text(&result.ty)
                )
            } else {
                continue;
            };
            cx.report(TextRange::of(value), message);
        }
    }
}

fn is_interface(ty: &TypeExpr, cx: &RuleContext<'_>) -> bool {
    match ty {
        TypeExpr::Named { package: None, name } if name == "error" => true,
        TypeExpr::Named { package: None, name } => {
            let decl =
                cx.model().type_named(name).map(|t| &t.ty).or_else(|| cx.package.type_named(name).map(|t| &t.ty));
            matches!(decl, Some(TypeExpr::Interface { empty: false }))
        }
        _ => false,
    }
}

fn type_text(ty: &TypeExpr) -> &str {
    match ty {
        TypeExpr::Named { name, .. } => name,
        _ => "interface",
    }
}

/// `var e *T; if cond { e = ... }; return e`: the variable (declared with a
/// pointer type and no value) is assigned only in the single branch of one
/// `if` without `else`, and both that `if` and the `return` are statements of
/// the same block, the `if` first. Nothing checks it against nil.
fn set_only_by_one_if(ret: Node<'_>, value: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    let Some(reference) = model.reference_at(value) else { return false };
    let Some(binding) = model.bindings.get(reference.binding) else { return false };
    let pointer = binding.declared_type.as_ref().is_some_and(TypeExpr::is_pointer);
    if binding.kind != BindingKind::LocalVar || binding.init.is_some() || binding.address_taken || !pointer {
        return false;
    }
    if binding.function != reference.function {
        return false;
    }
    let Some(block) = ret.parent().and_then(|p| if kind(p) == "statement_list" { p.parent() } else { Some(p) }) else {
        return false;
    };
    if kind(block) != "block" {
        return false;
    }
    let statements = block_statements(block);
    let refs: Vec<_> = model.references_of(reference.binding).collect();
    let writes: Vec<_> = refs.iter().filter(|r| r.access != Access::Read).collect();
    let Some(first_write) = writes.first() else { return false };
    // The one `if` of this block holding every write.
    let Some(gate) =
        statements.iter().find(|s| s.start_byte() <= first_write.range.start && first_write.range.end <= s.end_byte())
    else {
        return false;
    };
    if kind(gate) != "if_statement" || field!(gate, "alternative").is_some() || gate.end_byte() > ret.start_byte() {
        return false;
    }
    let Some(then) = field!(gate, "consequence") else { return false };
    let inside = |r: &&crate::model::Reference| then.start_byte() <= r.range.start && r.range.end <= then.end_byte();
    if !writes.iter().all(|r| inside(r)) {
        return false;
    }
    // Any nil comparison of the variable: the author handles it.
    let root = cx.file.tree.root_node();
    !refs.iter().any(|r| {
        root.descendant_for_byte_range(r.range.start, r.range.end)
            .and_then(crate::syntax::parent_unparen)
            .is_some_and(|p| super::flow::nil_comparison(p, cx.source()).is_some())
    })
}
