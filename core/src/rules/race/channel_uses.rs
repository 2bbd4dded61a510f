//! How a local channel variable is used: each reference classified as a
//! send, a receive, a `range`, a `close`, a `len`/`cap`, or anything else
//! (passed, stored, returned: then someone else may use it).

use crate::model::{Access, BindingId, FunctionId};
use crate::rules::RuleContext;
use crate::syntax::FastNode;
use crate::syntax::{named_children, parent_unparen, text, unparen};
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChanOp {
    Send,
    Receive,
    Range,
    Close,
    Len,
    /// Any other use: the channel escapes to code we do not follow.
    Other,
}

#[derive(Debug, Clone, Copy)]
pub struct ChanUse<'t> {
    pub op: ChanOp,
    /// The send statement, receive expression, range clause or call.
    pub node: Node<'t>,
    /// A case of a `select` with another case or a `default`: it does not block by itself.
    pub in_select: bool,
    pub function: Option<FunctionId>,
}

impl ChanUse<'_> {
    /// Sends, receives and ranges outside a multi-way select block until a partner comes.
    pub fn blocks(&self) -> bool {
        matches!(self.op, ChanOp::Send | ChanOp::Receive | ChanOp::Range) && !self.in_select
    }
}

pub struct ChanUses<'t> {
    pub uses: Vec<ChanUse<'t>>,
    /// Assigned after its declaration, or its address taken.
    pub reassigned: bool,
}

impl<'t> ChanUses<'t> {
    pub fn of(binding: BindingId, cx: &RuleContext<'t>) -> Self {
        let model = cx.model();
        let reassigned = model.bindings.get(binding).is_none_or(|b| b.address_taken);
        let mut out = ChanUses { uses: Vec::new(), reassigned };
        for reference in model.references_of(binding) {
            if reference.access != Access::Read {
                out.reassigned = true;
                continue;
            }
            let Some(ident) = cx.descendant_for_byte_range(reference.range.start, reference.range.end) else {
                out.reassigned = true;
                continue;
            };
            if is_assigned_here(ident) {
                out.reassigned = true;
                continue;
            }
            let (op, node) = classify(ident, cx.source());
            let in_select = matches!(op, ChanOp::Send | ChanOp::Receive) && in_multiway_select(node);
            out.uses.push(ChanUse { op, node, in_select, function: reference.function });
        }
        out
    }

    pub fn any(&self, op: ChanOp) -> bool {
        self.uses.iter().any(|u| u.op == op)
    }
}

/// `case ch = <-chans:`, `ch, ok = f()`, `for ch = range chans`: assignments
/// the model may not record as writes.
fn is_assigned_here(ident: Node<'_>) -> bool {
    let Some(list) = ident.parent().filter(|p| p.kind_name() == "expression_list") else { return false };
    let Some(statement) = list.parent() else { return false };
    matches!(
        statement.kind_name(),
        "receive_statement" | "assignment_statement" | "short_var_declaration" | "range_clause"
    ) && statement.field_child("left") == Some(list)
}

fn classify<'t>(ident: Node<'t>, source: &str) -> (ChanOp, Node<'t>) {
    let Some(parent) = parent_unparen(ident) else { return (ChanOp::Other, ident) };
    match parent.kind_name() {
        "unary_expression" if parent.field_child("operator").is_some_and(|o| text(o, source) == "<-") => {
            (ChanOp::Receive, parent)
        }
        "send_statement" if parent.field_child("channel").map(unparen) == Some(ident) => (ChanOp::Send, parent),
        "range_clause" if parent.field_child("right").map(unparen) == Some(ident) => (ChanOp::Range, parent),
        "argument_list" => {
            let Some(call) = parent.parent() else { return (ChanOp::Other, ident) };
            let callee = call.field_child("function").map(unparen);
            let name = callee.filter(|c| c.kind_name() == "identifier").map(|c| text(c, source));
            let single = named_children(parent).count() == 1;
            match name {
                Some("close") if single => (ChanOp::Close, call),
                Some("len" | "cap") if single => (ChanOp::Len, call),
                _ => (ChanOp::Other, ident),
            }
        }
        _ => (ChanOp::Other, ident),
    }
}

/// Is this send statement or receive expression a case of a `select` that
/// has another case or a `default`?
fn in_multiway_select(node: Node<'_>) -> bool {
    let mut current = node;
    // A receive sits in a `receive_statement` (`case v := <-ch:`) or directly (`case <-ch:`).
    for _ in 0..3 {
        let Some(parent) = current.parent() else { return false };
        match parent.kind_name() {
            "receive_statement" | "expression_list" => current = parent,
            "communication_case" => {
                return parent.parent().is_some_and(|select| {
                    named_children(select).filter(|c| c.kind_name().ends_with("_case")).count() > 1
                })
            }
            _ => return false,
        }
    }
    false
}
