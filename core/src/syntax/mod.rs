//! Parsing Go with tree-sitter, node helpers, and the line index used at the edges.

mod line_index;
mod nodes;
mod parse;

pub use line_index::{LineCol, LineIndex};
pub use nodes::*;
pub use parse::{go_language, parse, point_at, reparse, InputEdit};
