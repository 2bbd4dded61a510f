//! A tree-sitter tree copied, in one pass, into a flat array of its visible
//! nodes (c/flat.c), for `faultline_core::syntax::FlatTree`.
//!
//! tree-sitter 0.27 recomputes most answers from its compressed subtrees on
//! every call: `Node::parent` descends from the root, `child(i)` and
//! `child_by_field_id` scan the children from the first, and a cursor
//! rebuilds its child iterator at every step. Reading the tree that way was
//! the largest cost of a check beyond the parse (issue #12; numbers in
//! ARCHITECTURE.md). The C side runs tree-sitter's own child iteration over
//! the whole tree once and writes each visible node's kind, field, flags,
//! byte range, parent and subtree end.

mod flat;
pub use flat::{
    flat_tree, flat_tree_consuming, FlatKey, FlatRecord, Previous, EXTRA, HAS_ERROR, MISSING, NAMED, NO_PARENT,
};
