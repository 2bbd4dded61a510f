//! Local variables that are nil wherever they are read: declared with
//! `var x T` (or `= nil`) and never assigned, their address never taken.

use crate::model::{Access, BindingKind, Reference, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::Node;

/// The reference at `ident` when it reads a local variable of this function
/// that is never assigned after `var x T` / `var x T = nil`, and whose written
/// type satisfies `type_ok`.
pub fn never_assigned_local<'a>(
    ident: Node<'_>,
    type_ok: impl Fn(&TypeExpr) -> bool,
    cx: &RuleContext<'a>,
) -> Option<&'a Reference> {
    let model = cx.model();
    if kind(ident) != "identifier" {
        return None;
    }
    let reference = model.reference_at(ident)?;
    let binding = model.bindings.get(reference.binding)?;
    let init_is_nil = match binding.init {
        None => true,
        Some(range) => cx.source().get(range.start..range.end) == Some("nil"),
    };
    let ok = binding.kind == BindingKind::LocalVar
        && init_is_nil
        && binding.init_index.is_none()
        && !binding.address_taken
        && binding.function == reference.function
        && binding.declared_type.as_ref().is_some_and(type_ok)
        && model.references_of(reference.binding).all(|r| r.access == Access::Read);
    ok.then_some(reference)
}
