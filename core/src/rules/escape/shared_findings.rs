//! The ESC001, ESC004 and ESC005 answers for the node the walk is at, shared
//! with ESC007.
//!
//! ESC007 (escape in loop) reports the allocations those rules find when they
//! sit in a loop, so it asks their questions of the very nodes they are
//! asked of: the walk calls every rule of a node in turn. Whichever rule asks
//! first computes the answer and leaves it in the walk's memo; the other
//! reads it. Only the node the walk is at is kept: the answers depend on the
//! node and the file alone, and the next node replaces them.

use super::address_escapes::{analyse, AddressFinding};
use super::large_stack_object::findings;
use super::non_constant_make::finding;
use crate::diagnostic::TextRange;
use crate::rules::RuleContext;
use tree_sitter::Node;

/// The answers known for one node.
#[derive(Default)]
struct AtNode {
    /// Which node: its id (unique within the walk's tree) and kind.
    node: Option<(usize, u16)>,
    large: Option<Vec<(TextRange, String)>>,
    address: Option<Option<AddressFinding>>,
    make: Option<Option<(TextRange, String)>>,
}

fn key(node: Node<'_>) -> (usize, u16) {
    (node.id(), node.kind_id())
}

impl AtNode {
    /// The answers for `node`, emptied first when they are another node's.
    fn of(&mut self, node: Node<'_>) -> &mut Self {
        let key = key(node);
        if self.node != Some(key) {
            *self = AtNode { node: Some(key), ..AtNode::default() };
        }
        self
    }
}

/// Asks the memo for one answer about `node`, computing and keeping it when
/// missing. `slot` picks the answer out of the node's answers.
fn shared<T: Clone>(
    node: Node<'_>,
    cx: &RuleContext<'_>,
    slot: fn(&mut AtNode) -> &mut Option<T>,
    compute: impl FnOnce() -> T,
) -> T {
    if let Some(known) = cx.memo().with(|at: &mut AtNode| slot(at.of(node)).clone()) {
        return known;
    }
    let found = compute();
    cx.memo().with(|at: &mut AtNode| *slot(at.of(node)) = Some(found.clone()));
    found
}

/// [`findings`] (ESC005) of `node`.
pub fn large_stack_findings(node: Node<'_>, cx: &RuleContext<'_>) -> Vec<(TextRange, String)> {
    // ESC007 asks about expressions only: declarations need no sharing.
    if !matches!(crate::syntax::kind(node), "unary_expression" | "call_expression") {
        return findings(node, cx);
    }
    shared(node, cx, |at| &mut at.large, || findings(node, cx))
}

/// [`analyse`] (ESC001) of `node`.
pub fn address_finding(node: Node<'_>, cx: &RuleContext<'_>) -> Option<AddressFinding> {
    shared(node, cx, |at| &mut at.address, || analyse(node, cx))
}

/// [`finding`] (ESC004) of `node`.
pub fn non_constant_make_finding(node: Node<'_>, cx: &RuleContext<'_>) -> Option<(TextRange, String)> {
    shared(node, cx, |at| &mut at.make, || finding(node, cx))
}
