//! Cheap tree access for the NIL, ESC and PANIC rules' hot paths. Each helper
//! answers exactly what its slow counterpart answers; only the cost differs:
//!
//! - [`kind`] takes a node or a reference to one (closures over iterators);
//! - [`path_to_node`] gives a node's ancestors from one descent from the root,
//!   where each `Node::parent()` call (tree-sitter 0.27) walks down from the
//!   root again; [`parent_unparen_at`] then reads a parent off that path.
//!
//! Fields by literal name are read with `crate::syntax::field!`.

use crate::syntax::AsNode;
use crate::syntax::Node;

/// `node.kind()` (of a node or a reference to one), looked up by kind id:
/// no `strlen` and UTF-8 check per call.
#[inline]
pub fn kind<'t>(node: impl AsNode<'t>) -> &'t str {
    crate::syntax::kind(node.as_node())
}

/// `node` and its ancestors, the root of its tree first and `node` last: the
/// nodes `node.parent()` would climb through, found by one descent from
/// `root` (the root of `node`'s tree) into the children that hold `node`'s
/// range. Empty if `node` is not under `root`.
pub fn path_to_node<'r>(root: Node<'r>, node: Node<'_>) -> Vec<Node<'r>> {
    let (start, end, id) = (node.start_byte(), node.end_byte(), node.id());
    let mut path = Vec::new();
    let mut cursor = root.walk();
    loop {
        let current = cursor.node();
        if current.id() == id {
            path.push(current);
            return path;
        }
        // Only a node holding the range can be an ancestor; zero-width nodes may
        // sit on a boundary between two siblings, so both are tried.
        let holds = current.start_byte() <= start && end <= current.end_byte();
        // A non-empty range lies in the first child that ends after its start
        // (found without stepping through the siblings before it, which is
        // costly at the top of a big file); an empty one may also sit in an
        // empty child just before that one.
        let entered = holds
            && match start < end {
                true => cursor.goto_first_child_for_byte(start).is_some(),
                false => cursor.goto_first_child(),
            };
        if entered {
            path.push(current);
            continue;
        }
        loop {
            if path.is_empty() {
                return Vec::new();
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return Vec::new();
            }
            path.pop();
        }
    }
}

/// What `root.descendant_for_byte_range(start, end)` finds, with its
/// ancestors (root first, that node last), as [`path_to_node`] gives them.
pub fn path_to_range(root: Node<'_>, start: usize, end: usize) -> Vec<Node<'_>> {
    match root.descendant_for_byte_range(start, end) {
        Some(node) => path_to_node(root, node),
        None => Vec::new(),
    }
}

/// The nearest ancestor of `path`'s last node that is not a
/// `parenthesized_expression` (what `crate::syntax::parent_unparen` returns),
/// as an index into `path`.
#[inline]
pub fn parent_unparen_at(path: &[Node<'_>]) -> Option<usize> {
    let above = path.len().checked_sub(1)?;
    path[..above].iter().rposition(|a| kind(*a) != "parenthesized_expression")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_parent() {
        let source = "package p\n\nfunc f(p *T) int {\n\tif x := (p.a); x > 0 {\n\t\treturn ((*p).b)[0]\n\t}\n\tgo func() { g(&x, nil) }()\n\treturn 0\n}\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let root = tree.root_node();
        let mut visited = 0;
        crate::syntax::walk_preorder(root, |node| {
            visited += 1;
            let path = path_to_node(root, node);
            assert_eq!(path.last().copied(), Some(node));
            assert_eq!(path.first().copied(), Some(root));
            for pair in path.windows(2) {
                assert_eq!(pair[1].parent(), Some(pair[0]));
            }
            assert_eq!(parent_unparen_at(&path).map(|i| path[i]), crate::syntax::parent_unparen(node));
            let by_range = path_to_range(root, node.start_byte(), node.end_byte());
            assert_eq!(by_range, crate::syntax::path_to(root, node.start_byte(), node.end_byte()));
            true
        });
        assert!(visited > 50);
    }
}
