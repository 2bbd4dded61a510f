//! NIL003 nil-contract-violation: a call passes `nil` (or a variable that is
//! always nil there) for a parameter the callee needs non-nil: it dereferences
//! the parameter before anything could stop it, or its doc comment says
//! `//faultline:nonnil p`. Contracts come from the summaries of every file of
//! the package, so the callee may live in a sibling file.

use super::callee::callees;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, BindingKind, TypeExpr};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::{named_children, unparen};
use tree_sitter::Node;

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
        let Some(arguments) = call.child_by_field_name("arguments") else { return };
        let args: Vec<Node<'_>> = named_children(arguments).collect();
        // Cheap filter first: this runs for every call on every keystroke.
        let Some(candidates) = nil_arguments(&args, cx) else { return };
        if args.iter().any(|a| a.kind() == "variadic_argument") {
            return;
        }
        let Some(function) = call.child_by_field_name("function").map(unparen) else { return };
        let callees = callees(function, cx);
        let Some(&(first, first_path)) = callees.first() else { return };
        for (index, why_nil) in candidates {
            // Every declaration of the name (build-tagged variants) must agree.
            let agree = callees
                .iter()
                .all(|(f, _)| f.params.len() == args.len() && f.params.get(index).is_some_and(|p| p.nonnil.is_some()));
            if !agree {
                continue;
            }
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
            let message = format!("nil passed as `{param_name}` to `{callee}`{why_nil}, {reason}{how}");
            let Some(&arg) = args.get(index) else { continue };
            let diagnostic = cx.report(TextRange::of(arg), message);
            if let (Some(deref), None) = (contract.deref, first_path) {
                let done = if verb == "calls" { "called" } else { "dereferenced" };
                diagnostic.add_related(deref, format!("`{param_name}` is {done} here on every call"));
            }
        }
    }
}

/// Arguments that are nil: the literal, or a local pointer variable declared
/// without a value and never assigned. With the wording for the message.
/// `None` when there are none.
fn nil_arguments(args: &[Node<'_>], cx: &RuleContext<'_>) -> Option<Vec<(usize, &'static str)>> {
    let mut out = Vec::new();
    for (i, arg) in args.iter().enumerate() {
        let arg = unparen(*arg);
        if arg.kind() == "nil" {
            out.push((i, ""));
        } else if arg.kind() == "identifier" && is_never_assigned_pointer(arg, cx) {
            out.push((i, " (it is declared without a value and never assigned)"));
        }
    }
    (!out.is_empty()).then_some(out)
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
