//! Small helpers over syntax nodes that every layer uses.

use crate::syntax::Node;
use std::sync::OnceLock;

/// The source text of a node; empty if the node's range is not valid UTF-8 boundaries.
pub fn text<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

/// The same string as `node.kind()`.
#[inline]
pub fn kind<'t>(node: Node<'t>) -> &'t str {
    node.kind()
}

/// Node accessors by name that hot paths use: `kind_name` (now the same
/// table read as `Node::kind`; tree-sitter's measured a C string on every
/// call) and `field_child`, the field name found by binary search
/// (tree-sitter's `Language::field_id_for_name` compares it with every field
/// name of the grammar).
pub trait FastNode<'t> {
    /// The same string as `node.kind()`.
    fn kind_name(&self) -> &'t str;
    /// The same node as `node.child_by_field_name(name)`.
    fn field_child(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> FastNode<'t> for Node<'t> {
    #[inline]
    fn kind_name(&self) -> &'t str {
        kind(*self)
    }

    #[inline]
    fn field_child(&self, name: &str) -> Option<Node<'t>> {
        match field_id_for_name(name) {
            0 => None,
            id => self.child_by_field_id(id),
        }
    }
}

/// The grammar's field id for `name` (0: no such field), by binary search in
/// the grammar's field names sorted once.
pub(crate) fn field_id_for_name(name: &str) -> u16 {
    static IDS: OnceLock<Vec<(String, u16)>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let language = crate::syntax::go_language();
        let mut ids: Vec<(String, u16)> = (1..=language.field_count() as u16)
            .filter_map(|id| Some((language.field_name_for_id(id)?.to_string(), id)))
            .collect();
        ids.sort_unstable();
        ids
    });
    match ids.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
        Ok(at) => ids.get(at).map_or(0, |(_, id)| *id),
        Err(_) => 0,
    }
}

/// True for `comment` nodes (compared by kind id: no string work).
#[inline]
pub fn is_comment(node: Node<'_>) -> bool {
    kind(node) == "comment"
}

/// Named children, skipping comments.
pub fn named_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> + 't {
    node.named_child_iter().filter(|c| !is_comment(*c))
}

/// Children of `node` stored under `field`.
pub fn field_children<'t>(node: Node<'t>, field: &str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children_by_field_name(field, &mut cursor).collect()
}

/// Strips any number of parentheses around an expression.
pub fn unparen(mut node: Node<'_>) -> Node<'_> {
    while node.kind_name() == "parenthesized_expression" {
        match named_children(node).next() {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The parent, skipping parentheses.
pub fn parent_unparen(node: Node<'_>) -> Option<Node<'_>> {
    let mut parent = node.parent()?;
    while parent.kind_name() == "parenthesized_expression" {
        parent = parent.parent()?;
    }
    Some(parent)
}

/// True for the three kinds of node that start a new function body.
pub fn is_function(node: Node<'_>) -> bool {
    matches!(node.kind_name(), "function_declaration" | "method_declaration" | "func_literal")
}

/// The innermost function (declaration, method or literal) that contains `node`, not `node` itself.
pub fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if is_function(n) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// Ancestors of `node` from its parent upwards.
pub fn ancestors(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    std::iter::successors(node.parent(), |n| n.parent())
}

/// The statements of a `block` (tree-sitter-go wraps them in a `statement_list`).
pub fn block_statements(block: Node<'_>) -> Vec<Node<'_>> {
    block_statements_iter(block).collect()
}

/// [`block_statements`] without the `Vec`: for callers that stop early.
pub fn block_statements_iter(block: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    named_children(block).flat_map(|child| as_statements(child, named_children))
}

/// A block's child as the statements it stands for: a `statement_list`'s
/// children (read by `children`), or the child itself.
fn as_statements<'t, I: Iterator<Item = Node<'t>>>(
    child: Node<'t>,
    children: impl FnMut(Node<'t>) -> I,
) -> impl Iterator<Item = Node<'t>> {
    let list = (child.kind_name() == "statement_list").then_some(child);
    let statement = list.is_none().then_some(child);
    list.into_iter().flat_map(children).chain(statement)
}

/// The last of [`block_statements`] that `keep` accepts, read from the end.
pub fn last_block_statement<'t>(block: Node<'t>, mut keep: impl FnMut(Node<'t>) -> bool) -> Option<Node<'t>> {
    named_children_rev(block).flat_map(|child| as_statements(child, named_children_rev)).find(|s| keep(*s))
}

/// Named children, skipping comments, last first.
fn named_children_rev(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    named_children(node).collect::<Vec<_>>().into_iter().rev()
}

/// Name of the called function for `f(...)`, `pkg.F(...)` or `x.m(...)`: the
/// last identifier, with the qualifier text if any.
pub fn callee_name<'s>(call: Node<'_>, source: &'s str) -> Option<(Option<&'s str>, &'s str)> {
    let function = unparen(crate::syntax::field!(call, "function")?);
    match function.kind_name() {
        "identifier" => Some((None, text(function, source))),
        "selector_expression" => {
            let operand = crate::syntax::field!(function, "operand")?;
            let field = crate::syntax::field!(function, "field")?;
            Some((Some(text(operand, source)), text(field, source)))
        }
        _ => None,
    }
}

/// How far below its start [`walk_preorder`] and [`crate::syntax::walk_with_ancestors`]
/// descend: as deep as the rules look from the root
/// ([`crate::analysis::MAX_RULE_DEPTH`]). Rules walk the subtree of the node
/// they are called on (a closure's body, a function's body), so without a cap
/// 10,000 nested closures would cost each of the outer ones a walk of
/// everything inside it: quadratic work (issue #13). Real Go nests a few dozen
/// levels; past the cap, nodes are not checked and `LIMIT001` says so.
pub const MAX_WALK_DEPTH: u32 = crate::analysis::MAX_RULE_DEPTH;

/// Visits every node under `root` (inclusive) in document order without
/// recursion, so arbitrarily deep trees cannot overflow the stack, down to
/// [`MAX_WALK_DEPTH`] levels below `root`. Return `false` from `visit` to skip
/// a node's children.
pub fn walk_preorder<'t>(root: Node<'t>, visit: impl FnMut(Node<'t>) -> bool) {
    walk_preorder_to_depth(root, MAX_WALK_DEPTH, visit)
}

/// [`walk_preorder`] over named nodes only (anonymous nodes, which are
/// leaves, are not visited): for visitors that look for named kinds, about
/// half the nodes to step through.
pub fn walk_named_preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut walk = crate::syntax::Preorder::named(root, Vec::new());
    while let Some(node) = walk.next() {
        if !visit(node) || walk.depth() >= MAX_WALK_DEPTH {
            walk.skip_children();
        }
    }
}

/// [`walk_preorder`] down to `max_depth` levels below `root` (`u32::MAX`: all
/// of it, for a single pass over a whole file).
pub fn walk_preorder_to_depth<'t>(root: Node<'t>, max_depth: u32, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut walk = crate::syntax::Preorder::new(root, Vec::new());
    while let Some(node) = walk.next() {
        if !visit(node) || walk.depth() >= max_depth {
            walk.skip_children();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `named_children` (by named index, or by cursor for wide nodes) yields
    /// exactly the named children that are not comments, in order, on every
    /// node: comments between arguments, wide lists, broken code.
    #[test]
    fn named_children_are_the_named_non_comment_children() {
        let wide: String = (0..40).map(|i| format!("a{i} /* c */, ")).collect();
        let sources = [
            "package p\n// c\nfunc f(a /* x */, b int) { g(a, /* y */ b); x := []int{1, 2 /* z */}; _ = x }\n"
                .to_string(),
            format!("package p\nfunc f() {{ g({wide}) }}\n"),
            "package p\nfunc broken( {\n\tx := [}\n\tif { go }\n".to_string(),
        ];
        for source in &sources {
            let tree = crate::syntax::FlatTree::parse(source).expect("parses");
            walk_preorder_to_depth(tree.root_node(), u32::MAX, |node| {
                let expected: Vec<Node<'_>> =
                    node.children(&mut node.walk()).filter(|c| c.is_named() && !is_comment(*c)).collect();
                assert_eq!(named_children(node).collect::<Vec<_>>(), expected, "{}", node.kind());
                true
            });
        }
    }

    /// The lazy and the reversed readings of a block's statements agree with
    /// `block_statements` on every block: comments beside statements, empty
    /// statements, bodies longer than `named_children`'s index mode, broken code.
    #[test]
    fn block_statement_readers_agree() {
        let long: String = (0..70).map(|i| format!("\tx{i}()\n\t// c{i}\n")).collect();
        let sources = [
            "package p\nfunc f() {\n\t// lead\n\ta()\n\t;\n\tb() // tail\n\t// last\n}\nfunc g() {}\nfunc h() { ; }\n"
                .to_string(),
            format!("package p\nfunc f() {{\n{long}}}\nfunc g() {{ if x {{ y() }} else {{ z(); ; }} }}\n"),
            "package p\nfunc broken( {\n\tx := [}\n\tif { go }\n\tfor {\n".to_string(),
        ];
        let mut blocks = 0;
        for source in &sources {
            let tree = crate::syntax::FlatTree::parse(source).expect("parses");
            walk_preorder_to_depth(tree.root_node(), u32::MAX, |node| {
                if node.kind() == "block" {
                    blocks += 1;
                    let statements = block_statements(node);
                    assert_eq!(block_statements_iter(node).collect::<Vec<_>>(), statements);
                    for keep in [|_: Node<'_>| true, |s: Node<'_>| s.kind() != "empty_statement", |_: Node<'_>| false] {
                        let expected = statements.iter().rev().copied().find(|s| keep(*s));
                        assert_eq!(last_block_statement(node, keep), expected, "{}", &source[node.byte_range()]);
                    }
                }
                true
            });
        }
        assert!(blocks >= 7, "{blocks}");
    }

    /// `kind_name` and `field_child` answer exactly what `Node::kind` and
    /// `Node::child_by_field_name` answer, on every node of a file with most of
    /// Go's syntax (and a syntax error), for every field name of the grammar.
    #[test]
    fn fast_accessors_match_tree_sitter() {
        let source =
            "package p\n\nimport (\n\t\"fmt\"\n\tx \"os\"\n)\n\ntype T struct{ a [4]int; m map[string]*T }\n\n\
                      func (t *T) F(a, b int, c ...string) (n int, err error) {\n\tdefer func() { recover() }()\n\t\
                      for i, v := range t.a { n += i * v }\n\tswitch y := a.(type) { case int: _ = y }\n\t\
                      select { case v := <-ch: _ = v; default: }\n\tgo fmt.Println(c[1:], x.Args, &T{a: [4]int{1}})\n\t\
                      if err != nil { return 0, err }\n\tvar z = 'q' + 1.5i\n\treturn n, nil\n}\n\nfunc broken( {\n";
        let tree = crate::syntax::FlatTree::parse(source).expect("parses");
        let language = crate::syntax::go_language();
        let mut names: Vec<&str> =
            (1..=language.field_count() as u16).filter_map(|id| language.field_name_for_id(id)).collect();
        names.extend(["no_such_field", ""]);
        let mut visited = 0;
        walk_preorder_to_depth(tree.root_node(), u32::MAX, |node| {
            visited += 1;
            assert_eq!(node.kind_name(), node.kind());
            for name in &names {
                assert_eq!(node.field_child(name), node.child_by_field_name(name), "field {name} of {}", node.kind());
            }
            true
        });
        assert!(visited > 200, "visited {visited} nodes");
    }
}
