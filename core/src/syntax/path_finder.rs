//! [`path_to`] for many ranges in a row, reusing the path of the previous one.
//!
//! A rule that looks at every reference of a binding calls `path_to` once per
//! reference, and each call descends from the root: O(depth) per reference,
//! so O(references x depth) per binding, quadratic on deeply nested code
//! (20,000 nested `if p != nil` blocks; issue #13). Consecutive references
//! share most of their path, so this keeps the last path, climbs it only as
//! far as needed and descends from there.

use super::ancestry::descend;
use super::path_to;
use crate::syntax::Node;

/// Answers [`path_to`]`(root, start, end)` exactly, faster when the ranges
/// asked for are close to each other (in document order, say).
pub struct PathFinder<'t> {
    path: Vec<Node<'t>>,
    /// One cursor for every descent, reset to where each starts: a new cursor
    /// and a new path per range were a tenth of the cost.
    cursor: crate::syntax::TreeCursor<'t>,
}

impl<'t> PathFinder<'t> {
    pub fn new(root: Node<'t>) -> Self {
        Self { path: vec![root], cursor: root.walk() }
    }

    /// The path from the root down to the smallest node spanning `start..end`
    /// (root first), as [`path_to`] gives it.
    pub fn path_to(&mut self, start: usize, end: usize) -> &[Node<'t>] {
        let Some(&root) = self.path.first() else { return &[] };
        if start >= end {
            // An empty range may also be reached through an empty sibling that
            // precedes a kept node: no reuse (see `qualifies`).
            self.path = path_to(root, start, end);
            return &self.path;
        }
        // For a non-empty range, a node that spans it is the first child that
        // does (an earlier sibling ends at or before its start), and its
        // ancestors span it too: keep the longest prefix that spans it.
        while self.path.len() > 1 && !self.path.last().is_some_and(|n| qualifies(*n, start, end)) {
            self.path.pop();
        }
        let Some(&from) = self.path.last() else { return &[] };
        self.cursor.reset(from);
        descend(&mut self.cursor, start, end, &mut self.path);
        &self.path
    }
}

/// Would [`path_to`] step into `node` on its way to `start..end`?
fn qualifies(node: Node<'_>, start: usize, end: usize) -> bool {
    let reaches_start = match node.start_byte() == node.end_byte() {
        true => node.end_byte() >= start,
        false => node.end_byte() > start,
    };
    node.start_byte() <= start && node.end_byte() >= end && reaches_start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_paths_as_path_to_in_any_order() {
        let source = "package p\n\nfunc f(p *int) {\n\tif p != nil {\n\t\tif p != nil {\n\t\t\t_ = *(p)\n\t\t}\n\t}\n\tg(p, func() { _ = p })\n}\n\nvar x = ( 1 + (2) )\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let root = tree.root_node();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        crate::syntax::walk_preorder(root, |n| {
            ranges.push((n.start_byte(), n.end_byte()));
            ranges.push((n.start_byte(), n.start_byte()));
            true
        });
        let mut finder = PathFinder::new(root);
        let forward = ranges.clone();
        let backward = ranges.iter().rev().copied();
        let scattered = ranges.iter().step_by(7).chain(ranges.iter().step_by(3)).copied();
        for (start, end) in forward.into_iter().chain(backward).chain(scattered).chain([(0, source.len() + 5)]) {
            assert_eq!(finder.path_to(start, end), path_to(root, start, end).as_slice(), "{start}..{end}");
        }
    }

    #[test]
    fn nested_references_cost_little_each() {
        let depth = 20_000;
        let source = format!(
            "package p\n\nfunc f(p *int) {{\n{}_ = *p\n{}}}\n",
            "if p != nil {\n".repeat(depth),
            "}\n".repeat(depth)
        );
        let tree = crate::syntax::FlatTree::parse(&source).unwrap();
        let mut finder = PathFinder::new(tree.root_node());
        let mut deepest = 0;
        for (i, _) in
            source.match_indices('p').filter(|(i, _)| *i > 0 && matches!(source.as_bytes()[i - 1], b' ' | b'*'))
        {
            deepest = deepest.max(finder.path_to(i, i + 1).len());
        }
        assert!(deepest > 3 * depth, "{deepest}");
    }
}
