//! Reading a child by field name, by the grammar's field id.
//!
//! `Node::child_by_field_name` turns the name into an id by comparing it with
//! every field name of the grammar, on every call. `field!(node, "name")`
//! looks the id up once per call site; [`crate::syntax::FastNode::field_child`]
//! (a binary search) serves names that are not literals.

/// `node.child_by_field_name(name)` for a literal field name, by field id.
macro_rules! field {
    ($node:expr, $name:literal) => {{
        static ID: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
        let id = *ID.get_or_init(|| crate::syntax::go_language().field_id_for_name($name).map_or(0, |id| id.get()));
        crate::syntax::child_by_id($node, id)
    }};
}
pub(crate) use field;

use crate::syntax::Node;

/// A node or a reference to one (closures over iterators see `&Node` or `&&Node`).
pub trait AsNode<'t> {
    fn as_node(&self) -> Node<'t>;
}

impl<'t> AsNode<'t> for Node<'t> {
    #[inline]
    fn as_node(&self) -> Node<'t> {
        *self
    }
}

impl<'t, T: AsNode<'t> + ?Sized> AsNode<'t> for &T {
    #[inline]
    fn as_node(&self) -> Node<'t> {
        (**self).as_node()
    }
}

/// The child under the field with this id (0: no such field in the grammar).
#[inline]
pub fn child_by_id<'t>(node: impl AsNode<'t>, id: u16) -> Option<Node<'t>> {
    match id {
        0 => None,
        id => node.as_node().child_by_field_id(id),
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::FastNode;

    #[test]
    fn field_macro_matches_by_name() {
        let source = "package p\nfunc (r *T) f(a int) (b int) { x := a + 1; if y := <-c; y { return x }; m[k] = v }\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        crate::syntax::walk_preorder(tree.root_node(), |node| {
            assert_eq!(field!(node, "name"), node.child_by_field_name("name"));
            assert_eq!(field!(node, "left"), node.child_by_field_name("left"));
            assert_eq!(field!(node, "right"), node.child_by_field_name("right"));
            assert_eq!(field!(node, "operand"), node.child_by_field_name("operand"));
            assert_eq!(field!(node, "function"), node.child_by_field_name("function"));
            assert_eq!(field!(node, "initializer"), node.child_by_field_name("initializer"));
            assert_eq!(field!(node, "no_such_field"), None);
            assert_eq!(node.field_child("receiver"), node.child_by_field_name("receiver"));
            true
        });
    }
}
