//! "This variable is nil right here": an enclosing `if` says so
//! (`if p == nil { use(p) }`, or the `else` of `if p != nil`), and nothing
//! between the check and the use can have changed it.

use super::flow::facts_when;
use crate::diagnostic::TextRange;
use crate::model::Access;
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{ancestors, is_function};

/// How many ancestors to climb looking for the check; deeper checks are left alone.
const MAX_CLIMB: usize = 48;

/// The `== nil` / `!= nil` check that makes `ident` nil where it is read.
pub(super) fn nil_by_enclosing_check<'t>(ident: Node<'t>, cx: &RuleContext<'_>) -> Option<Node<'t>> {
    let model = cx.model();
    let reference = model.reference_at(ident)?;
    let id = reference.binding;
    let binding = model.bindings.get(id)?;
    if binding.address_taken || binding.kind.is_package_level() || reference.access != Access::Read {
        return None;
    }
    // A closure that writes the variable could run anywhere.
    if model.references_of(id).any(|r| r.access != Access::Read && r.function != binding.function) {
        return None;
    }
    let mut child = ident;
    for ancestor in ancestors(ident).take(MAX_CLIMB) {
        if is_function(ancestor) {
            return None;
        }
        if kind(ancestor) == "if_statement" {
            let outcome = if field!(ancestor, "consequence").is_some_and(|c| c.id() == child.id()) {
                Some(true)
            } else if field!(ancestor, "alternative").is_some_and(|a| a.id() == child.id()) {
                Some(false)
            } else {
                None
            };
            if let (Some(outcome), Some(condition)) = (outcome, field!(ancestor, "condition")) {
                let says_nil = facts_when(condition, outcome, cx).into_iter().find(|fact| {
                    fact.is_nil
                        && kind(fact.operand) == "identifier"
                        && model.reference_at(fact.operand).is_some_and(|r| r.binding == id)
                });
                if let Some(fact) = says_nil {
                    let between = TextRange::new(condition.end_byte(), ident.start_byte());
                    let changed =
                        model.references_of(id).any(|r| r.access != Access::Read && between.contains_range(r.range));
                    return (!changed).then_some(fact.check);
                }
            }
        }
        child = ancestor;
    }
    None
}
