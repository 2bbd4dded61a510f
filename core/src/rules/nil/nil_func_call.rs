//! NIL007 nil-func-call: calling a local func variable that is never given a
//! value (`var f func(); f()`), or a func field of a struct that is still its
//! zero value (`var s S; s.onDone()`, `S{}` without the field, `new(S)`).

use super::always_nil::never_assigned_local;
use super::callee::called_name;
use super::name_set::NameSet;
use super::zero_field::{resolve, zero_field_at, FieldUse, ZeroField};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{TypeDecl, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::unparen;
use crate::syntax::Node;

pub struct NilFuncCall;

static META: RuleMeta = RuleMeta {
    code: "NIL007",
    name: "nil-func-call",
    family: Family::NilContract,
    default_severity: Severity::Error,
    summary: "call of a func variable or func field that is always nil",
    docs: include_str!("nil_func_call.md"),
    fix: FixAvailability::None,
};

impl Rule for NilFuncCall {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(function) = cx.call_function(call).map(unparen) else { return };
        match kind(function) {
            "identifier" => check_func_var(call, function, cx),
            "selector_expression" => check_func_field(call, function, cx),
            _ => {}
        }
    }
}

/// `var f func(); f()`.
fn check_func_var(call: Node<'_>, function: Node<'_>, cx: &mut RuleContext<'_>) {
    // Inside a closure the variable may have been set by the time it runs: only same-function reads count.
    if never_assigned_local(function, |t| matches!(t, TypeExpr::Func), cx).is_none() {
        return;
    }
    let name = cx.text(function);
    let message =
        format!("nil func call: `{name}` is declared without a value and never assigned, so calling it panics");
    cx.report(TextRange::of(call), message);
}

/// `var s S; s.hook()` where `hook` is a func-typed field (not a method) of S.
fn check_func_field(call: Node<'_>, selector: Node<'_>, cx: &mut RuleContext<'_>) {
    if !may_name_func_field(selector, cx) {
        return;
    }
    let is_func = |ty: &TypeExpr, cx: &RuleContext<'_>| matches!(resolve(ty, cx), Some(TypeExpr::Func));
    let Some(zero) = zero_field_at(call, selector, FieldUse::CallFunc, is_func, cx) else { return };
    let ZeroField { holder, field, element, origin, declared_at } = zero;
    let whose = if element { format!("an element of `{holder}`") } else { format!("`{holder}`") };
    let message = format!(
        "nil func call: field `{field}` of {whose} is nil ({origin}, and nothing sets it before this call), so calling it panics"
    );
    cx.report(TextRange::of(call), message)
        .add_related(declared_at, format!("{holder} is created here without setting its func field {field}"));
}

/// The names of the fields of the package-level struct types of the
/// package that may hold a func (a func type, or a type of the package that
/// may name one), once per package.
struct PackageFuncFields(NameSet);

/// The same of every struct type of this file, local ones included (the
/// summaries hold the package-level ones only), once per file.
#[derive(Default)]
struct FileFuncFields(Option<NameSet>);

/// Can `selector` name a func field of a struct of this package?
/// `zero_field_at` only reports such a field: most calls are methods and
/// functions of other packages, dropped here by name.
fn may_name_func_field(selector: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some((_, name)) = called_name(selector, cx) else { return false };
    let in_file = cx
        .memo()
        .with(|m: &mut FileFuncFields| m.0.get_or_insert_with(|| func_fields(&cx.model().types)).may_contain(name));
    in_file || {
        let package =
            cx.package_fact(|files| PackageFuncFields(func_fields(files.iter().flat_map(|s| s.types.iter()))));
        package.0.may_contain(name)
    }
}

fn func_fields<'a>(types: impl IntoIterator<Item = &'a TypeDecl>) -> NameSet {
    let mut names = NameSet::default();
    for decl in types {
        let TypeExpr::Struct(fields) = &decl.ty else { continue };
        // A type of the package is not resolved here (that clones it): kept.
        let fields = fields.iter().filter(|f| !f.embedded);
        for f in fields.filter(|f| matches!(f.ty, TypeExpr::Func | TypeExpr::Named { package: None, .. })) {
            names.insert(&f.name);
        }
    }
    names
}
