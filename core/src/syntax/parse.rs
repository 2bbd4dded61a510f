//! tree-sitter-go parsing, full and incremental.

use tree_sitter::{Language, Parser, Point, Tree};

pub use tree_sitter::InputEdit;

pub fn go_language() -> Language {
    tree_sitter_go::LANGUAGE.into()
}

fn parser() -> Option<Parser> {
    let mut parser = Parser::new();
    // Fails only when the grammar's ABI does not match the library: a build error,
    // reported as "no tree" rather than a panic.
    parser.set_language(&go_language()).ok()?;
    Some(parser)
}

/// Parse `text` from scratch. `None` only if tree-sitter itself could not run.
pub fn parse(text: &str) -> Option<Tree> {
    parser()?.parse(text, None)
}

/// Reparse after `old` was edited with [`Tree::edit`], reusing unchanged subtrees.
pub fn reparse(text: &str, old: &Tree) -> Option<Tree> {
    parser()?.parse(text, Some(old))
}

/// The tree-sitter point (row, byte column) of a byte offset in `text`.
pub fn point_at(text: &str, offset: usize) -> Point {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
    Point { row, column }
}
