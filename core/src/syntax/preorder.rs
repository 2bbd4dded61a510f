//! Pre-order traversal that reads each node's children in one pass
//! (`faultline_tree_children`) instead of moving a `TreeCursor`.
//!
//! tree-sitter 0.27's cursor is the expensive way through a tree: its sibling
//! step pops its stack, rebuilds the parent's child iterator (alias sequence,
//! positions, descendant counts) and climbs out of hidden repeat nodes one at
//! a time. `faultline-tree-walk` on net/http (91 files, 539,232 nodes,
//! `valgrind --tool=callgrind`) measured 756 instructions a node for a cursor
//! walk and 445 for the same walk with `Node::child(i)`, which scans the
//! node's children from the first at every call. Reading them all in one
//! pass avoids both.

use tree_sitter::Node;

/// The nodes under a root (inclusive) in document order, anonymous tokens and
/// comments included, as a `TreeCursor` walk visits them. After
/// [`Preorder::next`] returns a node, [`Preorder::ancestors`] and
/// [`Preorder::depth`] describe it, and [`Preorder::skip_children`] keeps the
/// walk out of its subtree. Iterative: deep trees cannot overflow the stack.
pub struct Preorder<'t> {
    /// The ancestors of the node returned last, outermost first: those the
    /// caller gave (above the root), then one per open frame.
    path: Vec<Node<'t>>,
    /// Where the walk is in the children of each open node (the end of `path`).
    frames: Vec<Frame>,
    /// The children of the open nodes, each node's after its parent's.
    children: Vec<Node<'t>>,
    /// The node returned last, whose children come next unless skipped.
    pending: Option<Node<'t>>,
    /// The root, until it is returned.
    start: Option<Node<'t>>,
    /// Only named nodes (see [`Preorder::named`]).
    named_only: bool,
}

struct Frame {
    /// Where this node's children start in `children`.
    from: usize,
    /// The index in `children` of the next child to return.
    next: usize,
}

impl<'t> Preorder<'t> {
    /// A walk of `root`'s subtree. `ancestors_of_root` (outermost first) start
    /// every [`Self::ancestors`] slice, so a walk of part of a tree can still
    /// hand out whole paths.
    pub fn new(root: Node<'t>, ancestors_of_root: Vec<Node<'t>>) -> Self {
        Self {
            path: ancestors_of_root,
            frames: Vec::new(),
            children: Vec::new(),
            pending: None,
            start: Some(root),
            named_only: false,
        }
    }

    /// [`Self::new`] without anonymous nodes (punctuation, keywords,
    /// operators): in tree-sitter-go they are all leaves (`node-types.json`
    /// gives none of them children), so skipping them loses no named node and
    /// changes no node's ancestors. The rules walk uses it: no rule is called
    /// on an anonymous node, and they are close to half of all nodes.
    pub fn named(root: Node<'t>, ancestors_of_root: Vec<Node<'t>>) -> Self {
        Self { named_only: true, ..Self::new(root, ancestors_of_root) }
    }

    /// The ancestors of the node [`Self::next`] returned last, outermost
    /// first, its parent last.
    pub fn ancestors(&self) -> &[Node<'t>] {
        &self.path
    }

    /// How far below the root the node returned last is (the root is 0).
    pub fn depth(&self) -> u32 {
        self.frames.len() as u32
    }

    /// Do not visit the children of the node [`Self::next`] returned last.
    pub fn skip_children(&mut self) {
        self.pending = None;
    }

    /// Opens `node` so that its children come next.
    fn open(&mut self, node: Node<'t>) {
        let from = self.children.len();
        faultline_tree_children::children_into(node, self.named_only, &mut self.children);
        if self.children.len() == from {
            return;
        }
        self.path.push(node);
        self.frames.push(Frame { from, next: from });
    }

    /// Closes the innermost open node.
    fn close(&mut self) {
        if let Some(frame) = self.frames.pop() {
            self.children.truncate(frame.from);
            self.path.pop();
        }
    }
}

impl<'t> Iterator for Preorder<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if let Some(root) = self.start.take() {
            self.pending = Some(root);
            return Some(root);
        }
        if let Some(node) = self.pending.take() {
            self.open(node);
        }
        loop {
            let frame = self.frames.last_mut()?;
            // The innermost open node's children are the end of `children`.
            let Some(child) = self.children.get(frame.next).copied() else {
                self.close();
                continue;
            };
            frame.next += 1;
            self.pending = Some(child);
            return Some(child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every node with its ancestors, by cursor (the reference).
    fn by_cursor<'t>(root: Node<'t>) -> Vec<(Node<'t>, Vec<Node<'t>>)> {
        let mut out = Vec::new();
        let mut cursor = root.walk();
        let mut ancestors = Vec::new();
        loop {
            out.push((cursor.node(), ancestors.clone()));
            if cursor.goto_first_child() {
                ancestors.push(out.last().map(|(n, _)| *n).expect("pushed"));
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return out;
                }
                ancestors.pop();
            }
        }
    }

    fn by_index<'t>(root: Node<'t>, named: bool) -> Vec<(Node<'t>, Vec<Node<'t>>)> {
        let mut walk = match named {
            true => Preorder::named(root, Vec::new()),
            false => Preorder::new(root, Vec::new()),
        };
        let mut out = Vec::new();
        while let Some(node) = walk.next() {
            assert_eq!(walk.depth() as usize, walk.ancestors().len());
            out.push((node, walk.ancestors().to_vec()));
        }
        out
    }

    /// The same nodes, in the same order, with the same ancestors as a cursor
    /// walk: on Go with most of its syntax, broken code (ERROR and MISSING
    /// nodes), comments, and wide nodes (hundreds of children).
    #[test]
    fn visits_what_a_cursor_visits() {
        let wide_literal: String = (0..300).map(|i| format!("{i}, ")).collect();
        let wide_call: String = (0..80).map(|i| format!("a{i} /* c */, ")).collect();
        let sources = [
            "package p\n\nimport (\n\t\"fmt\"\n\tx \"os\"\n)\n\n// doc 中文 😀\ntype T struct{ a [4]int; m map[string]*T }\n\n\
             func (t *T) F(a, b int, c ...string) (n int, err error) {\n\tdefer func() { recover() }()\n\t\
             for i, v := range t.a { n += i * v }\n\tswitch y := a.(type) { case int: _ = y }\n\t\
             select { case v := <-ch: _ = v; default: }\n\tgo fmt.Println(c[1:], x.Args, &T{a: [4]int{1}})\n\t\
             if err != nil { return 0, err }\n\treturn n, nil\n}\n"
                .to_string(),
            "package p\nfunc broken( {\n\tx := [}\n\tif { go }\n".to_string(),
            format!("package p\nvar v = []int{{{wide_literal}}}\nfunc f() {{ g({wide_call}) }}\n"),
            String::new(),
        ];
        for source in &sources {
            let tree = crate::syntax::parse(source).expect("parses");
            let expected = by_cursor(tree.root_node());
            assert_eq!(by_index(tree.root_node(), false), expected, "{source}");
            // Named only: the named nodes of the cursor walk, each with the
            // same ancestors (anonymous nodes are leaves).
            let named: Vec<_> = expected.iter().filter(|(n, _)| n.is_named()).cloned().collect();
            assert_eq!(by_index(tree.root_node(), true), named, "{source}");
            assert!(expected.iter().all(|(n, _)| n.is_named() || n.child_count() == 0));
            // A walk of a part of the tree, with the ancestors above it given.
            if let Some((node, ancestors)) = expected.get(expected.len() / 2) {
                let mut walk = Preorder::new(*node, ancestors.clone());
                let mut got = Vec::new();
                while let Some(n) = walk.next() {
                    got.push((n, walk.ancestors().to_vec()));
                }
                let inside: Vec<_> = expected.iter().filter(|(n, a)| n == node || a.contains(node)).cloned().collect();
                assert_eq!(got, inside);
            }
        }
    }

    #[test]
    fn skip_children_leaves_the_subtree_out() {
        let source = "package p\nfunc f() { a := 1; b := []int{1, 2} }\nfunc g() { h() }\n";
        let tree = crate::syntax::parse(source).expect("parses");
        let mut walk = Preorder::new(tree.root_node(), Vec::new());
        let mut kinds = Vec::new();
        while let Some(node) = walk.next() {
            kinds.push(node.kind());
            if node.kind() == "function_declaration" {
                walk.skip_children();
            }
        }
        assert_eq!(
            kinds,
            [
                "source_file",
                "package_clause",
                "package",
                "package_identifier",
                "function_declaration",
                "function_declaration"
            ]
        );
    }
}
