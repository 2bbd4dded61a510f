//! Walks that know every node's ancestors without asking tree-sitter.
//!
//! Written when the core read tree-sitter 0.27's tree, whose `Node::parent()`
//! walks down from the root, scanning the children of every level on the
//! way (O(depth x siblings) a call). On the flat tree `parent()` is an index
//! read, but a path already recorded is still the cheapest answer.

use crate::syntax::Node;

/// Visits every node under `root` (inclusive) in document order, passing the
/// node's ancestors from `root` down to its parent (empty for `root`) and the
/// id of the field the node is stored under in its parent (0 for none; compare
/// with [`crate::syntax::field_id`]). Return
/// `false` from `visit` to skip the node's children. Iterative: deep trees
/// cannot overflow the stack. Goes down to [`crate::syntax::MAX_WALK_DEPTH`]
/// levels below `root` (see there why).
pub fn walk_with_ancestors<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>, &[Node<'t>], u16) -> bool) {
    let mut cursor = root.walk();
    let mut ancestors: Vec<Node<'t>> = Vec::new();
    loop {
        let node = cursor.node();
        let field = if ancestors.is_empty() { 0 } else { cursor.field_id().map_or(0, |id| id.get()) };
        if visit(node, &ancestors, field)
            && ancestors.len() < crate::syntax::MAX_WALK_DEPTH as usize
            && cursor.goto_first_child()
        {
            ancestors.push(node);
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            ancestors.pop();
        }
    }
}

/// The path from `root` down to the smallest node that spans `start..end`
/// (`root` first, that node last): what `root.descendant_for_byte_range(start,
/// end)` finds, with its ancestors, so no `Node::parent()` is needed after it.
/// Each level jumps to the first child that could hold the range with
/// `goto_first_child_for_byte`, which skips whole subtrees (the hidden repeat
/// nodes that hold long statement and declaration lists) instead of stepping
/// through the siblings before it one by one.
pub fn path_to<'t>(root: Node<'t>, start: usize, end: usize) -> Vec<Node<'t>> {
    let mut path = vec![root];
    let mut cursor: crate::syntax::TreeCursor<'t> = root.walk();
    descend(&mut cursor, start, end, &mut path);
    path
}

/// The descent of [`path_to`] from the cursor's node (already on `path`),
/// pushing every node it steps into onto `path`. Shared with
/// [`crate::syntax::PathFinder`], which keeps one cursor and one path.
pub(crate) fn descend<'t>(
    cursor: &mut crate::syntax::TreeCursor<'t>,
    start: usize,
    end: usize,
    path: &mut Vec<Node<'t>>,
) {
    'down: while goto_first_candidate(cursor, start, end) {
        loop {
            let child = cursor.node();
            if child.start_byte() > start {
                break 'down;
            }
            // As tree-sitter decides: the child reaches the end of the range
            // and passes its start (an empty child may end at the start).
            let reaches_start = match child.start_byte() == child.end_byte() {
                true => child.end_byte() >= start,
                false => child.end_byte() > start,
            };
            if child.end_byte() >= end && reaches_start {
                path.push(child);
                continue 'down;
            }
            if !cursor.goto_next_sibling() {
                break 'down;
            }
        }
    }
}

/// Moves `cursor` to the first child of its node that the scan in [`path_to`]
/// must look at: every child before it ends too early to hold `start..end`
/// (its end is before `start`, or at `start` for a non-empty range), so
/// skipping them changes nothing. Returns `false` when there is no such child.
fn goto_first_candidate(cursor: &mut crate::syntax::TreeCursor<'_>, start: usize, end: usize) -> bool {
    if start < end {
        // A non-empty range needs a child ending after `start`.
        return cursor.goto_first_child_for_byte(start).is_some();
    }
    // An empty range may sit in an empty child at `start` or at the end of a
    // child ending there: ask for the first child ending after `start - 1`.
    // When none does, fall back to the full scan rather than reason about
    // children tree-sitter's jump does not stop at.
    match start.checked_sub(1) {
        Some(before) => cursor.goto_first_child_for_byte(before).is_some() || cursor.goto_first_child(),
        None => cursor.goto_first_child(),
    }
}

/// The index in `ancestors` (root first, parent last) of the nearest one that
/// is not a `parenthesized_expression`: `parent_unparen` of the node below them.
pub fn parent_unparen_index(ancestors: &[Node<'_>]) -> Option<usize> {
    ancestors.iter().rposition(|a| a.kind_id() != paren_kind())
}

/// The nearest ancestor that is not a `parenthesized_expression`, with the
/// child of it on the path to the node (the node itself or the outermost
/// parentheses around it). `ancestors` is the slice [`walk_with_ancestors`]
/// passes, and `node` the node it was passed with.
pub fn parent_unparen_in<'t>(node: Node<'t>, ancestors: &[Node<'t>]) -> Option<(Node<'t>, Node<'t>)> {
    let mut child = node;
    for &ancestor in ancestors.iter().rev() {
        if ancestor.kind_id() != paren_kind() {
            return Some((ancestor, child));
        }
        child = ancestor;
    }
    None
}

fn paren_kind() -> u16 {
    static ID: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *ID.get_or_init(|| crate::syntax::go_language().id_for_node_kind("parenthesized_expression", true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_match_parent() {
        let source =
            "package p\n\nfunc f(p *T) int {\n\tif x := (p.a); x > 0 {\n\t\treturn ((*p).b)[0]\n\t}\n\treturn 0\n}\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let mut visited = 0;
        walk_with_ancestors(tree.root_node(), |node, ancestors, field| {
            visited += 1;
            assert_eq!(ancestors.last().copied(), node.parent());
            let expected = node.parent().and_then(|p| {
                let mut cursor = p.walk();
                let found = p.children(&mut cursor).position(|c| c == node);
                found.and_then(|i| p.field_name_for_child(i as u32))
            });
            let language = crate::syntax::go_language();
            assert_eq!(expected.and_then(|name| language.field_id_for_name(name)).map_or(0, |id| id.get()), field);
            assert_eq!(parent_unparen_in(node, ancestors).map(|(p, _)| p), crate::syntax::parent_unparen(node),);
            true
        });
        assert_eq!(visited, tree.root_node().descendant_count());
        // path_to finds what descendant_for_byte_range finds, with the parents above it.
        let root = tree.root_node();
        for start in 0..source.len() {
            for end in [start, start + 1, start + 3] {
                let path = path_to(root, start, end.min(source.len()));
                let expected = root.descendant_for_byte_range(start, end.min(source.len()));
                assert_eq!(path.last().copied(), expected, "{start}..{end}");
                for pair in path.windows(2) {
                    assert_eq!(pair[1].parent(), Some(pair[0]));
                }
                let (last, above) = path.split_last().unwrap();
                assert_eq!(parent_unparen_index(above).map(|i| above[i]), crate::syntax::parent_unparen(*last));
            }
        }
    }

    #[test]
    fn path_to_jumps_like_descendant_for_byte_range() {
        // Long lists (hidden repeat nodes), comments, empty and missing nodes
        // from error recovery: where `goto_first_child_for_byte` skips ahead.
        let mut source = String::from("package p\n\n");
        for i in 0..40 {
            source.push_str(&format!("// c{i}\nvar v{i} = {i}\n"));
        }
        source.push_str("func f() {\n");
        for i in 0..40 {
            source.push_str(&format!("\tx{i} := g({i}, \"\")\n"));
        }
        source.push_str("\tif x := ; {\n\t}\n\ty := []int{1,}\n\tz := (\n}\nfunc h( { return }\n");
        let tree = crate::syntax::FlatTree::parse(&source).unwrap();
        let root = tree.root_node();
        let len = source.len();
        for start in 0..=len {
            for end in [start, start + 1, start + 2, start + 7, start + 40] {
                let end = end.min(len);
                let path = path_to(root, start, end);
                assert_eq!(path.last().copied(), root.descendant_for_byte_range(start, end), "{start}..{end}");
                for pair in path.windows(2) {
                    assert_eq!(pair[1].parent(), Some(pair[0]), "{start}..{end}");
                }
            }
        }
    }

    #[test]
    fn skipped_children_and_leaf_root() {
        let source = "package p\nfunc f() { g(1, 2) }\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let mut kinds = Vec::new();
        walk_with_ancestors(tree.root_node(), |node, _, _| {
            kinds.push(node.kind());
            node.kind() != "function_declaration"
        });
        assert!(kinds.contains(&"function_declaration") && !kinds.contains(&"call_expression"));
        let leaf = tree.root_node().descendant_for_byte_range(21, 22).unwrap();
        let mut n = 0;
        walk_with_ancestors(leaf, |_, ancestors, _| {
            assert!(ancestors.is_empty());
            n += 1;
            true
        });
        assert_eq!(n, 1);
    }
}
