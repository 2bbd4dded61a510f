//! The statements of a block that come after one of them, reached by a jump
//! instead of a walk over the statements before it.
//!
//! `region::for_each_after` climbs out of nested blocks and, at each block,
//! needs the statements after the one it climbed from. Stepping through the
//! statements before it (tree-sitter 0.27's sibling step re-reads the hidden
//! list nodes each time) was most of NIL001's cost in long function bodies.
//! `TreeCursor::goto_first_child_for_byte` jumps over whole hidden subtrees.

use crate::rules::quick::kind;
use crate::syntax::{is_comment, named_children};
use crate::syntax::{Node, TreeCursor};

/// The statements of `block` as `region::statements_of` yields them (its named
/// children, a `statement_list` child read as its own named children) that come
/// after `cur`; `None` when `cur` is not one of them.
pub fn statements_after<'t>(block: Node<'t>, cur: Node<'t>) -> Option<Box<dyn Iterator<Item = Node<'t>> + 't>> {
    if let Some(found) = jump_after(block, cur) {
        return Some(found);
    }
    // Empty or unusual nodes (error recovery): the plain scan decides.
    let mut statements = statements_of(block);
    if !statements.by_ref().any(|s| s == cur) {
        return None;
    }
    Some(Box::new(statements))
}

/// What [`crate::syntax::block_statements`] returns, one at a time.
pub fn statements_of<'t>(block: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    named_children(block).flat_map(flatten_list)
}

/// A `statement_list` stands for its named children; any other node for itself.
fn flatten_list<'t>(child: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let (list, single) = match kind(child) == "statement_list" {
        true => (Some(named_children(child)), None),
        false => (None, Some(child)),
    };
    list.into_iter().flatten().chain(single)
}

/// The fast path: `cur` found by jumping to the child of `block` (or of its
/// `statement_list`) that holds `cur`'s first byte. `None` when the jump does
/// not land on `cur` itself; the caller then scans.
fn jump_after<'t>(block: Node<'t>, cur: Node<'t>) -> Option<Box<dyn Iterator<Item = Node<'t>> + 't>> {
    // Only a statement the scan would yield can be jumped to: a named,
    // non-comment node with text (an empty one may share its byte with a
    // neighbour), and not a `statement_list` (the scan reads the block's list
    // as its statements and never yields the list itself).
    if !cur.is_named() || is_comment(cur) || cur.start_byte() >= cur.end_byte() || kind(cur) == "statement_list" {
        return None;
    }
    let start = cur.start_byte();
    let mut outer = block.walk();
    // The first child ending after `start`: every child before it ends at or
    // before `start`, so none of them is `cur` or holds it.
    outer.goto_first_child_for_byte(start)?;
    let child = outer.node();
    if child == cur {
        return Some(Box::new(NamedSiblingsAfter::at(outer).flat_map(flatten_list)));
    }
    if kind(child) != "statement_list" || !child.is_named() {
        return None;
    }
    let mut inner = child.walk();
    inner.goto_first_child_for_byte(start)?;
    if inner.node() != cur {
        return None;
    }
    let rest_of_list = NamedSiblingsAfter::at(inner);
    let rest_of_block = NamedSiblingsAfter::at(outer).flat_map(flatten_list);
    Some(Box::new(rest_of_list.chain(rest_of_block)))
}

/// The named, non-comment siblings after the cursor's node, in order (what
/// `named_children` of the parent yields after that node).
struct NamedSiblingsAfter<'t> {
    cursor: Option<TreeCursor<'t>>,
}

impl<'t> NamedSiblingsAfter<'t> {
    fn at(cursor: TreeCursor<'t>) -> Self {
        Self { cursor: Some(cursor) }
    }
}

impl<'t> Iterator for NamedSiblingsAfter<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        let cursor = self.cursor.as_mut()?;
        while cursor.goto_next_sibling() {
            let node = cursor.node();
            if node.is_named() && !is_comment(node) {
                return Some(node);
            }
        }
        self.cursor = None;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// For every statement of every block, the jump gives what the scan gives.
    #[test]
    fn jump_matches_scan() {
        let source = "package p\n\nfunc f() {\n\ta := 1 // c\n\t// d\n\tif a > 0 {\n\t\tg()\n\t} else if b {\n\t}\n\
                      \tfor {\n\t\tbreak\n\t}\n\t;\n\tgo h()\n\t{\n\t\tx()\n\t}\n\treturn\n}\n\nfunc e() {}\n\
                      func broken() {\n\tx := \n\tif {\n}\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let mut checked = 0;
        crate::syntax::walk_preorder(tree.root_node(), |block| {
            if kind(block) == "block" {
                let mut candidates = vec![];
                crate::syntax::walk_preorder(block, |n| {
                    candidates.push(n);
                    true
                });
                for cur in candidates {
                    let scan: Option<Vec<Node<'_>>> = {
                        let mut s = statements_of(block);
                        s.by_ref().any(|x| x == cur).then(|| s.collect())
                    };
                    let jump: Option<Vec<Node<'_>>> = statements_after(block, cur).map(|s| s.collect());
                    assert_eq!(jump, scan, "{:?} in {:?}", cur, block);
                    checked += scan.is_some() as usize;
                }
            }
            true
        });
        assert!(checked > 10, "{checked}");
    }
}
