//! NIL003 nil-contract-violation: a call passes `nil` (or a variable that is
//! nil there: never assigned, or inside the branch of a check that says so) for a parameter the callee needs non-nil: it dereferences
//! the parameter before anything could stop it, or its doc comment says
//! `//faultline:nonnil p`. Contracts come from the summaries of every file of
//! the package, so the callee may live in a sibling file.

use super::callee::{callees, CalleeNames};
use super::nil_on_path::nil_by_enclosing_check;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, BindingKind, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{named_children, unparen};

pub struct NilContractViolation;

static META: RuleMeta = RuleMeta {
    code: "NIL003",
    name: "nil-contract-violation",
    family: Family::NilContract,
    default_severity: Severity::Warning,
    summary: "nil passed for a parameter the callee dereferences unconditionally or declares non-nil",
    docs: include_str!("nil_contract_violation.md"),
    fix: FixAvailability::None,
};

impl Rule for NilContractViolation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        // Cheap filters first: this runs for every call on every keystroke.
        // Most calls reach no function with a contract: dropped by name
        // before their arguments are read.
        let Some(function) = cx.call_function(call).map(unparen) else { return };
        if !may_reach_contract(function, cx) {
            return;
        }
        let Some(arguments) = field!(call, "arguments") else { return };
        let args: Vec<Node<'_>> = named_children(arguments).collect();
        // An identifier argument may be nil by an enclosing check; that costs
        // a climb, so it is only asked once the callee is known to need non-nil.
        if !args.iter().any(|a| maybe_nil(*a, cx)) {
            return;
        }
        if args.iter().any(|a| kind(a) == "variadic_argument") {
            return;
        }
        let callees = callees(function, cx);
        let Some(&(first, first_path)) = callees.first() else { return };
        for (index, &arg) in args.iter().enumerate() {
            if !maybe_nil(arg, cx) {
                continue;
            }
            // Every declaration of the name (build-tagged variants) must agree.
            let agree = callees
                .iter()
                .all(|(f, _)| f.params.len() == args.len() && f.params.get(index).is_some_and(|p| p.nonnil.is_some()));
            if !agree {
                continue;
            }
            let Some(why_nil) = why_nil(arg, cx) else { continue };
            let Some(param) = first.params.get(index) else { continue };
            let Some(contract) = &param.nonnil else { continue };
            let param_name = param.name.as_deref().unwrap_or("_");
            let callee = cx.text(function);
            let verb = if contract.snippet.starts_with(&format!("{param_name}(")) { "calls" } else { "dereferences" };
            let reason = match (&contract.deref, first_path) {
                (Some(_), None) => format!("which {verb} it unconditionally (`{}`)", contract.snippet),
                (Some(_), Some(path)) => format!(
                    "which {verb} it unconditionally (`{}` at {}:{})",
                    contract.snippet,
                    base_name(path),
                    contract.line
                ),
                (None, _) => format!("whose doc comment requires it non-nil (`//faultline:nonnil {param_name}`)"),
            };
            let how = if contract.deref.is_some() { ", so this call panics" } else { "" };
            let message = format!("nil passed as `{param_name}` to `{callee}`{}, {reason}{how}", why_nil.phrase());
            let diagnostic = cx.report(TextRange::of(arg), message);
            if let WhyNil::Checked(check) = why_nil {
                diagnostic.add_related(check, "this check says it is nil here");
            }
            if let (Some(deref), None) = (contract.deref, first_path) {
                let done = if verb == "calls" { "called" } else { "dereferenced" };
                diagnostic.add_related(deref, format!("`{param_name}` is {done} here on every call"));
            }
        }
    }
}

/// The package's functions and methods with a parameter that must be
/// non-nil, by name (once per package).
struct ContractCallees(CalleeNames);

/// Can a call of `function` reach a function with a non-nil parameter?
/// Every callee [`callees`] finds must have one for a report.
fn may_reach_contract(function: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let names = cx
        .package_fact(|files| ContractCallees(CalleeNames::of(files, |f| f.params.iter().any(|p| p.nonnil.is_some()))));
    names.0.may_reach(function, cx)
}

/// Why an argument is nil at the call.
enum WhyNil {
    Literal,
    NeverAssigned,
    /// An enclosing `if` compared it with nil (the comparison's range).
    Checked(TextRange),
}

impl WhyNil {
    fn phrase(&self) -> &'static str {
        match self {
            WhyNil::Literal => "",
            WhyNil::NeverAssigned => " (it is declared without a value and never assigned)",
            WhyNil::Checked(_) => " (on this path the enclosing nil check says it is nil)",
        }
    }
}

/// A cheap first look: the literal `nil`, or a variable compared with nil
/// (`x == nil`, `x != nil`) somewhere before this use.
fn maybe_nil(arg: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let arg = unparen(arg);
    match kind(arg) {
        "nil" => true,
        "identifier" => {
            let model = cx.model();
            let Some(reference) = model.reference_at(arg) else { return false };
            // `why_nil` never accepts a package-level variable (anything may set
            // it), and its references lie in other declarations: skipping them
            // keeps this rule declaration-local (`incremental.rs`).
            if model.bindings.get(reference.binding).is_none_or(|b| b.kind.is_package_level()) {
                return false;
            }
            let source = cx.source();
            let compared = |end: usize| {
                let rest = source.get(end..).unwrap_or("").trim_start_matches([' ', '\t', ')']);
                rest.starts_with("== nil") || rest.starts_with("!= nil")
            };
            is_never_assigned_pointer(arg, cx)
                || model
                    .references_of(reference.binding)
                    .any(|r| r.range.end <= arg.start_byte() && compared(r.range.end))
        }
        _ => false,
    }
}

/// The literal `nil`, a local pointer declared without a value and never
/// assigned, or a variable an enclosing check says is nil here.
fn why_nil(arg: Node<'_>, cx: &RuleContext<'_>) -> Option<WhyNil> {
    let arg = unparen(arg);
    match kind(arg) {
        "nil" => Some(WhyNil::Literal),
        "identifier" if is_never_assigned_pointer(arg, cx) => Some(WhyNil::NeverAssigned),
        "identifier" => nil_by_enclosing_check(arg, cx).map(|check| WhyNil::Checked(TextRange::of(check))),
        _ => None,
    }
}

fn is_never_assigned_pointer(ident: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    let Some(reference) = model.reference_at(ident) else { return false };
    let Some(binding) = model.bindings.get(reference.binding) else { return false };
    binding.kind == BindingKind::LocalVar
        && binding.init.is_none()
        && !binding.address_taken
        && binding.function == reference.function
        && binding.declared_type.as_ref().is_some_and(TypeExpr::is_pointer)
        && model.references_of(reference.binding).all(|r| r.access == Access::Read)
}

fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
