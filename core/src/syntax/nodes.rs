//! Small helpers over tree-sitter nodes that every layer uses.

use tree_sitter::Node;

/// The source text of a node; empty if the node's range is not valid UTF-8 boundaries.
pub fn text<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

/// Named children, skipping comments.
pub fn named_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let mut cursor = node.walk();
    let children: Vec<Node<'t>> = node.named_children(&mut cursor).filter(|c| c.kind() != "comment").collect();
    children.into_iter()
}

/// Children of `node` stored under `field`.
pub fn field_children<'t>(node: Node<'t>, field: &str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children_by_field_name(field, &mut cursor).collect()
}

/// Strips any number of parentheses around an expression.
pub fn unparen(mut node: Node<'_>) -> Node<'_> {
    while node.kind() == "parenthesized_expression" {
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
    while parent.kind() == "parenthesized_expression" {
        parent = parent.parent()?;
    }
    Some(parent)
}

/// True for the three kinds of node that start a new function body.
pub fn is_function(node: Node<'_>) -> bool {
    matches!(node.kind(), "function_declaration" | "method_declaration" | "func_literal")
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
    let mut out = Vec::new();
    for child in named_children(block) {
        if child.kind() == "statement_list" {
            out.extend(named_children(child));
        } else {
            out.push(child);
        }
    }
    out
}

/// Name of the called function for `f(...)`, `pkg.F(...)` or `x.m(...)`: the
/// last identifier, with the qualifier text if any.
pub fn callee_name<'s>(call: Node<'_>, source: &'s str) -> Option<(Option<&'s str>, &'s str)> {
    let function = unparen(call.child_by_field_name("function")?);
    match function.kind() {
        "identifier" => Some((None, text(function, source))),
        "selector_expression" => {
            let operand = function.child_by_field_name("operand")?;
            let field = function.child_by_field_name("field")?;
            Some((Some(text(operand, source)), text(field, source)))
        }
        _ => None,
    }
}

/// Visits every node under `root` (inclusive) in document order without
/// recursion, so arbitrarily deep trees cannot overflow the stack. Return
/// `false` from `visit` to skip a node's children.
pub fn walk_preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if visit(node) && cursor.goto_first_child() {
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
        }
    }
}
