//! Pre-order traversal of a [`FlatTree`](super::FlatTree): its records are
//! already in pre-order, so the walk is a run over indexes that hops over
//! the subtrees the caller skips, keeping the path to the current node.
//!
//! (With tree-sitter's own tree this was the costly part of a walk: its
//! cursor costs about 750 instructions a node, `Node::child(i)` about 450.)

use crate::syntax::Node;

/// The nodes under a root (inclusive) in document order, anonymous tokens and
/// comments included, as a `TreeCursor` walk visits them. After
/// [`Preorder::next`] returns a node, [`Preorder::ancestors`] and
/// [`Preorder::depth`] describe it, and [`Preorder::skip_children`] keeps the
/// walk out of its subtree. Iterative: deep trees cannot overflow the stack.
pub struct Preorder<'t> {
    /// The ancestors of the node returned last, outermost first: those the
    /// caller gave (above the root), then the walk's own.
    path: Vec<Node<'t>>,
    /// How many of `path` the caller gave.
    given: usize,
    /// The node returned last, whose children come next unless skipped.
    pending: Option<Node<'t>>,
    root: Node<'t>,
    /// True once the root was returned.
    started: bool,
    /// The index of the next node to consider.
    next: u32,
    /// The index past the root's subtree.
    end: u32,
    /// Only named nodes (see [`Preorder::named`]).
    named_only: bool,
}

impl<'t> Preorder<'t> {
    /// A walk of `root`'s subtree. `ancestors_of_root` (outermost first) start
    /// every [`Self::ancestors`] slice, so a walk of part of a tree can still
    /// hand out whole paths.
    pub fn new(root: Node<'t>, ancestors_of_root: Vec<Node<'t>>) -> Self {
        Self {
            given: ancestors_of_root.len(),
            path: ancestors_of_root,
            pending: None,
            root,
            started: false,
            next: root.index(),
            end: root.subtree_end(),
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
        (self.path.len() - self.given) as u32
    }

    /// Do not visit the children of the node [`Self::next`] returned last.
    pub fn skip_children(&mut self) {
        if let Some(node) = self.pending.take() {
            self.next = node.subtree_end();
        }
    }
}

impl<'t> Iterator for Preorder<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if !self.started {
            self.started = true;
            self.pending = Some(self.root);
            return Some(self.root);
        }
        if let Some(node) = self.pending.take() {
            self.next = node.index() + 1;
            if self.next < node.subtree_end() {
                self.path.push(node);
            }
        }
        loop {
            if self.next >= self.end {
                self.path.truncate(self.given);
                return None;
            }
            while self.path.len() > self.given && self.path.last().is_some_and(|p| p.subtree_end() <= self.next) {
                self.path.pop();
            }
            let node = self.root.at(self.next);
            if self.named_only && !node.is_named() {
                self.next = node.subtree_end();
                continue;
            }
            self.pending = Some(node);
            return Some(node);
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
            let tree = crate::syntax::FlatTree::parse(source).expect("parses");
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
        let tree = crate::syntax::FlatTree::parse(source).expect("parses");
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
