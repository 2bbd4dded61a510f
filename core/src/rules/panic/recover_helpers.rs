//! Named functions and methods of the package that call `recover()` directly
//! in their own body (facts from this file's and sibling files' summaries).

use crate::model::FunctionSummary;
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::unparen;
use crate::syntax::Node;

/// Whether this file mentions `recover` or a function of the package calls
/// it, worked out once per file.
#[derive(Default)]
struct MayRecover(Option<bool>);

/// Can anything in this file reach a `recover()`: a call of it written in
/// this file, or a function of the package ([`recovering_callee`]) that
/// calls it? Most files can do neither, and their defers need no look.
pub fn may_recover(cx: &RuleContext<'_>) -> bool {
    if let Some(known) = cx.memo().with(|m: &mut MayRecover| m.0) {
        return known;
    }
    let any = cx.source().contains("recover")
        || cx.file.summary.functions.iter().chain(cx.package.functions()).any(|f| f.calls_recover);
    cx.memo().with(|m: &mut MayRecover| m.0 = Some(any));
    any
}

/// The function or method a call invokes, when it is declared in this package
/// and calls `recover()` directly. Unknown callees give `None`.
pub fn recovering_callee<'c>(call: Node<'_>, cx: &RuleContext<'c>) -> Option<&'c FunctionSummary> {
    let function = unparen(field!(call, "function")?);
    let model = cx.model();
    let found = match kind(function) {
        "identifier" => {
            let name = cx.text(function);
            match model.binding_of(function) {
                Some(b) if b.kind == crate::model::BindingKind::PackageFunc => {
                    own_functions(cx).find(|f| f.receiver_type.is_none() && f.name == name)
                }
                // A local closure or variable: its body is not known here.
                Some(_) => None,
                None if model.is_builtin(function, cx.source()) => None,
                None => cx.package.function_named(name),
            }
        }
        "selector_expression" => {
            let operand = unparen(field!(function, "operand")?);
            let method = cx.text(field!(function, "field")?);
            if kind(operand) != "identifier" {
                return None;
            }
            match model.binding_of(operand) {
                Some(b) if b.kind == crate::model::BindingKind::Import => None,
                Some(b) => match &b.declared_type {
                    Some(ty) => method_named(cx, ty.local_name()?, method),
                    None => unique_method(cx, method),
                },
                // `pkg.F()` of another package, or a name we cannot see.
                None => None,
            }
        }
        _ => None,
    };
    found.filter(|f| f.calls_recover)
}

fn own_functions<'c>(cx: &RuleContext<'c>) -> impl Iterator<Item = &'c FunctionSummary> {
    cx.file.summary.functions.iter()
}

fn method_named<'c>(cx: &RuleContext<'c>, receiver_type: &str, name: &str) -> Option<&'c FunctionSummary> {
    own_functions(cx)
        .find(|f| f.receiver_type.as_deref() == Some(receiver_type) && f.name == name)
        .or_else(|| cx.package.method(receiver_type, name))
}

/// The only method of that name in the package, when the receiver's type is
/// not written anywhere we can see.
fn unique_method<'c>(cx: &RuleContext<'c>, name: &str) -> Option<&'c FunctionSummary> {
    let mut methods =
        own_functions(cx).chain(cx.package.functions()).filter(|f| f.receiver_type.is_some() && f.name == name);
    let first = methods.next()?;
    methods.next().is_none().then_some(first)
}

/// `recover` here is the builtin: not shadowed in this file nor by a
/// package-level `func recover()` of a sibling file.
pub fn is_builtin_recover(function: Node<'_>, cx: &RuleContext<'_>) -> bool {
    kind(function) == "identifier"
        && cx.text(function) == "recover"
        && cx.model().is_builtin(function, cx.source())
        && cx.package.function_named("recover").is_none()
}

/// `defer func() {...}()`: is this literal the deferred function itself?
pub fn is_deferred_literal(func: Node<'_>) -> bool {
    use crate::syntax::parent_unparen;
    let Some(call) = parent_unparen(func) else { return false };
    kind(call) == "call_expression"
        && field!(call, "function").map(unparen) == Some(func)
        && parent_unparen(call).is_some_and(|p| kind(p) == "defer_statement")
}
