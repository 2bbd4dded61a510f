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
use crate::syntax::Node;
use crate::syntax::{kind, unparen};

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

/// The name a call's function is written as when it is a plain identifier
/// (parentheses aside). ESC004 and ESC005 look at `make(...)` and `new(...)`
/// only: for every other call, this test is cheaper than asking the memo.
fn plain_callee<'s>(call: Node<'_>, cx: &RuleContext<'s>) -> Option<&'s str> {
    let function = cx.call_function(call)?;
    match kind(function) {
        "identifier" => Some(cx.text(function)),
        "parenthesized_expression" => Some(unparen(function)).filter(|f| kind(*f) == "identifier").map(|f| cx.text(f)),
        _ => None,
    }
}

/// Can the call `call` allocate (is it `make(...)` or `new(...)`)? ESC004
/// and ESC005 find nothing in any other call.
pub fn may_allocate(call: Node<'_>, cx: &RuleContext<'_>) -> bool {
    matches!(plain_callee(call, cx), Some("make" | "new"))
}

/// [`findings`] (ESC005) of `node`.
pub fn large_stack_findings(node: Node<'_>, cx: &RuleContext<'_>) -> Vec<(TextRange, String)> {
    match kind(node) {
        "call_expression" if !may_allocate(node, cx) => Vec::new(),
        "unary_expression" | "call_expression" => shared(node, cx, |at| &mut at.large, || findings(node, cx)),
        // ESC007 asks about expressions only: declarations need no sharing.
        _ => findings(node, cx),
    }
}

/// [`analyse`] (ESC001) of `node`.
pub fn address_finding(node: Node<'_>, cx: &RuleContext<'_>) -> Option<AddressFinding> {
    shared(node, cx, |at| &mut at.address, || analyse(node, cx))
}

/// [`finding`] (ESC004) of `node`.
pub fn non_constant_make_finding(node: Node<'_>, cx: &RuleContext<'_>) -> Option<(TextRange, String)> {
    if plain_callee(node, cx) != Some("make") {
        return None;
    }
    shared(node, cx, |at| &mut at.make, || finding(node, cx))
}
