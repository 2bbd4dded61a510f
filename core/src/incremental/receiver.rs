//! A method's receiver facts that other declarations' checks read:
//! `subject.rs` lets a method that uses its receiver and compares it with nil
//! accept a nil receiver. The receiver is declared by the method and every
//! reference to it lies inside the method, so these depend on its text alone.

use crate::diagnostic::TextRange;
use crate::model::FileModel;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{field, parent_unparen_index, path_to, text, unparen};

/// `[pointer receiver, named receiver, receiver used, receiver compared with nil]`.
pub(super) fn receiver_facts(method: Node<'_>, source: &str, model: &FileModel) -> Option<[bool; 4]> {
    let f = model.function_of(method)?;
    let receiver = f.receiver.as_ref()?;
    let (pointer, named) = (receiver.ty.is_pointer(), receiver.binding.is_some());
    let Some(binding) = receiver.binding else { return Some([pointer, named, false, false]) };
    let (mut used, mut checked) = (false, false);
    for r in model.references_of(binding) {
        used = true;
        if checked || !next_to_comparison(source, r.range) {
            continue;
        }
        let path = path_to(method, r.range.start, r.range.end);
        let ancestors = &path[..path.len().saturating_sub(1)];
        let parent = parent_unparen_index(ancestors).map(|i| ancestors[i]);
        checked |= parent.is_some_and(|p| is_nil_comparison(p, source));
    }
    Some([pointer, named, used, checked])
}

/// Could the reference at `range` be an operand of `==` / `!=`? A cheap look at
/// the text beside it (skipping blanks and parentheses); a comment there
/// means "maybe", so the tree decides.
fn next_to_comparison(source: &str, range: TextRange) -> bool {
    let bytes = source.as_bytes();
    let skip = |b: u8, paren: u8| b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || b == paren;
    let after = bytes.get(range.end..).unwrap_or(&[]);
    let rest: Vec<u8> = after.iter().copied().skip_while(|&b| skip(b, b')')).take(2).collect();
    let before = bytes.get(..range.start).unwrap_or(&[]);
    let mut head: Vec<u8> = before.iter().rev().copied().skip_while(|&b| skip(b, b'(')).take(2).collect();
    head.reverse();
    let operator_or_comment = |two: &[u8]| matches!(two, b"==" | b"!=") || two.contains(&b'/');
    operator_or_comment(&rest) || operator_or_comment(&head)
}

/// `x == nil` / `x != nil` (either side), as `rules::nil::flow::nil_comparison` sees it.
fn is_nil_comparison(node: Node<'_>, source: &str) -> bool {
    let node = unparen(node);
    if node.kind_name() != "binary_expression" {
        return false;
    }
    let op = field!(node, "operator").map(|o| text(o, source));
    if !matches!(op, Some("==" | "!=")) {
        return false;
    }
    let side = |operand: Option<Node<'_>>| operand.map(|n| unparen(n).kind_name() == "nil");
    matches!(
        (side(field!(node, "left")), side(field!(node, "right"))),
        (Some(false), Some(true)) | (Some(true), Some(false))
    )
}
