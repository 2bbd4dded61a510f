//! Field ids of the Go grammar, looked up once.
//!
//! `Node::child_by_field_name` first turns the name into an id by comparing it
//! with every field name of the grammar, on every call; hot paths (the model
//! builder runs on every keystroke) use [`child`] with a [`Field`] instead.

use std::sync::OnceLock;
use tree_sitter::Node;

/// The fields the hot paths read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Alias,
    Body,
    Function,
    Initializer,
    Left,
    Name,
    Operand,
    Operator,
    Parameters,
    Path,
    Receiver,
    Result,
    Right,
    Type,
    Value,
}

const NAMES: [&str; 15] = [
    "alias",
    "body",
    "function",
    "initializer",
    "left",
    "name",
    "operand",
    "operator",
    "parameters",
    "path",
    "receiver",
    "result",
    "right",
    "type",
    "value",
];

fn ids() -> &'static [u16; 15] {
    static IDS: OnceLock<[u16; 15]> = OnceLock::new();
    IDS.get_or_init(|| {
        let language = crate::syntax::go_language();
        NAMES.map(|name| language.field_id_for_name(name).map_or(0, |id| id.get()))
    })
}

/// The grammar's id of `field` (0 if the grammar has no such field).
#[inline]
pub fn field_id(field: Field) -> u16 {
    ids()[field as usize]
}

/// The same node as `node.child_by_field_name(name of field)`.
#[inline]
pub fn child<'t>(node: Node<'t>, field: Field) -> Option<Node<'t>> {
    match field_id(field) {
        0 => None,
        id => node.child_by_field_id(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_exists_and_matches_by_name() {
        for (i, name) in NAMES.iter().enumerate() {
            assert_ne!(ids()[i], 0, "no field {name} in the Go grammar");
        }
        let source = "package p\nfunc (r *T) f(a int) (b int) { x := a + 1; return x }\n";
        let tree = crate::syntax::parse(source).unwrap();
        let all = [
            Field::Alias,
            Field::Body,
            Field::Function,
            Field::Initializer,
            Field::Left,
            Field::Name,
            Field::Operand,
            Field::Operator,
            Field::Parameters,
            Field::Path,
            Field::Receiver,
            Field::Result,
            Field::Right,
            Field::Type,
            Field::Value,
        ];
        crate::syntax::walk_preorder(tree.root_node(), |node| {
            for field in all {
                assert_eq!(child(node, field), node.child_by_field_name(NAMES[field as usize]));
            }
            true
        });
    }
}
