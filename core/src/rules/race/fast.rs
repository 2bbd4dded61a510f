//! Cheap tree access for the RACE rules' hot paths: field lookups by id
//! (`child_by_field_name` compares the name with every field name of the
//! grammar on each call) and early name tests that let a rule called on every
//! `call_expression` or every block say "not mine" before any real work.
//!
//! Every helper here answers exactly what its slow counterpart in
//! `crate::syntax` answers; only the cost differs.

use crate::syntax::{kind, named_children, text};
use std::sync::OnceLock;
use tree_sitter::Node;

/// The grammar fields the RACE hot paths read.
#[derive(Debug, Clone, Copy)]
pub enum F {
    Function,
    Arguments,
    Operand,
    Field,
    Right,
}

const NAMES: [&str; 5] = ["function", "arguments", "operand", "field", "right"];

fn ids() -> &'static [u16; 5] {
    static IDS: OnceLock<[u16; 5]> = OnceLock::new();
    IDS.get_or_init(|| {
        let language = crate::syntax::go_language();
        NAMES.map(|name| language.field_id_for_name(name).map_or(0, |id| id.get()))
    })
}

/// The same node as `node.child_by_field_name(<name of field>)`.
#[inline]
pub fn field<'t>(node: Node<'t>, f: F) -> Option<Node<'t>> {
    match ids()[f as usize] {
        0 => None,
        id => node.child_by_field_id(id),
    }
}

/// `crate::syntax::unparen` without `Node::kind`'s string conversion.
#[inline]
pub fn unparen(mut node: Node<'_>) -> Node<'_> {
    while kind(node) == "parenthesized_expression" {
        match named_children(node).next() {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The same answer as `crate::syntax::callee_name`.
pub fn callee_name<'s>(call: Node<'_>, source: &'s str) -> Option<(Option<&'s str>, &'s str)> {
    let function = unparen(field(call, F::Function)?);
    match kind(function) {
        "identifier" => Some((None, text(function, source))),
        "selector_expression" => {
            let operand = field(function, F::Operand)?;
            let name = field(function, F::Field)?;
            Some((Some(text(operand, source)), text(name, source)))
        }
        _ => None,
    }
}

/// The first statement-list member (or direct statement of a block) for
/// which `hit` holds: the same nodes `stmt_flow::statements_of` lists, in
/// order, without collecting them.
pub fn any_statement(container: Node<'_>, mut hit: impl FnMut(Node<'_>) -> bool) -> bool {
    let is_block = kind(container) == "block";
    for child in named_children(container) {
        if kind(child) == "statement_list" {
            if named_children(child).any(&mut hit) {
                return true;
            }
        } else if is_block && hit(child) {
            return true;
        }
    }
    false
}
