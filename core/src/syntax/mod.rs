//! Parsing Go with tree-sitter, node helpers, and the line index used at the edges.

mod ancestry;
mod blank_escapes;
mod budget;
mod fields;
mod flat;
mod line_index;
mod nodes;
mod parse;
mod path_finder;
mod preorder;

pub use ancestry::{parent_unparen_in, parent_unparen_index, path_to, walk_with_ancestors};
pub use budget::{parse_failure_message, parse_was_cut_short, with_parse_budget};
pub(crate) use fields::field;
pub use fields::{child_by_id, AsNode};
pub use flat::{FlatTree, Node, TreeCursor};
pub use line_index::{LineCol, LineIndex};
pub use nodes::*;
pub use parse::{go_language, parse, parse_once, point_at, reparse, InputEdit};
pub use path_finder::PathFinder;
pub use preorder::Preorder;
