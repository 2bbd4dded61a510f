//! How a local channel variable is used: each reference classified as a
//! send, a receive, a `range`, a `close`, a `len`/`cap`, or anything else
//! (passed, stored, returned: then someone else may use it).

use crate::model::{Access, BindingId, FunctionId};
use crate::rules::RuleContext;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{named_children, parent_unparen_index, text, unparen, PathFinder};

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
    /// The parent of `node` (`Node::parent` descends from the root on every call).
    pub parent: Option<Node<'t>>,
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
        // The references come in document order: each path starts from the last one.
        let mut paths = PathFinder::new(cx.file.tree.root_node());
        for reference in model.references_of(binding) {
            if reference.access != Access::Read {
                out.reassigned = true;
                continue;
            }
            // The identifier and its ancestors, root first.
            let path = paths.path_to(reference.range.start, reference.range.end);
            let Some((&ident, above)) = path.split_last() else {
                out.reassigned = true;
                continue;
            };
            if is_assigned_here(above) {
                out.reassigned = true;
                continue;
            }
            let (op, at) = classify(ident, above, cx.source());
            let (node, node_above) = match at {
                Some(at) => (above.get(at).copied().unwrap_or(ident), above.get(..at).unwrap_or_default()),
                None => (ident, above),
            };
            let in_select = matches!(op, ChanOp::Send | ChanOp::Receive) && in_multiway_select(node_above);
            let parent = node_above.last().copied();
            out.uses.push(ChanUse { op, node, in_select, function: reference.function, parent });
        }
        out
    }

    pub fn any(&self, op: ChanOp) -> bool {
        self.uses.iter().any(|u| u.op == op)
    }
}

/// `case ch = <-chans:`, `ch, ok = f()`, `for ch = range chans`: assignments
/// the model may not record as writes. `above`: the identifier's ancestors.
fn is_assigned_here(above: &[Node<'_>]) -> bool {
    let [.., statement, list] = above else { return false };
    list.kind_name() == "expression_list"
        && matches!(
            statement.kind_name(),
            "receive_statement" | "assignment_statement" | "short_var_declaration" | "range_clause"
        )
        && statement.field_child("left") == Some(*list)
}

/// What the use of `ident` does, and the node that does it: the identifier
/// itself (`None`) or one of its ancestors `above` (root first), by index.
fn classify(ident: Node<'_>, above: &[Node<'_>], source: &str) -> (ChanOp, Option<usize>) {
    let Some(at) = parent_unparen_index(above) else { return (ChanOp::Other, None) };
    let Some(&parent) = above.get(at) else { return (ChanOp::Other, None) };
    match parent.kind_name() {
        "unary_expression" if parent.field_child("operator").is_some_and(|o| text(o, source) == "<-") => {
            (ChanOp::Receive, Some(at))
        }
        "send_statement" if parent.field_child("channel").map(unparen) == Some(ident) => (ChanOp::Send, Some(at)),
        "range_clause" if parent.field_child("right").map(unparen) == Some(ident) => (ChanOp::Range, Some(at)),
        "argument_list" => {
            let Some(call_at) = at.checked_sub(1) else { return (ChanOp::Other, None) };
            let Some(&call) = above.get(call_at) else { return (ChanOp::Other, None) };
            let callee = call.field_child("function").map(unparen);
            let name = callee.filter(|c| c.kind_name() == "identifier").map(|c| text(c, source));
            let single = named_children(parent).count() == 1;
            match name {
                Some("close") if single => (ChanOp::Close, Some(call_at)),
                Some("len" | "cap") if single => (ChanOp::Len, Some(call_at)),
                _ => (ChanOp::Other, None),
            }
        }
        _ => (ChanOp::Other, None),
    }
}

/// Is this send statement or receive expression a case of a `select` that
/// has another case or a `default`? `above`: its ancestors, root first.
fn in_multiway_select(above: &[Node<'_>]) -> bool {
    // A receive sits in a `receive_statement` (`case v := <-ch:`) or directly (`case <-ch:`).
    for (i, parent) in above.iter().rev().enumerate().take(3) {
        match parent.kind_name() {
            "receive_statement" | "expression_list" => {}
            "communication_case" => {
                return above.iter().rev().nth(i + 1).is_some_and(|select| {
                    named_children(*select).filter(|c| c.kind_name().ends_with("_case")).count() > 1
                })
            }
            _ => return false,
        }
    }
    false
}
