//! tree-sitter-go parsing, full and incremental.

use super::{blank_escapes, budget};
use std::cell::RefCell;
use std::ops::ControlFlow;
use tree_sitter::{Language, ParseOptions, ParseState, Parser, Point, Tree};

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

thread_local! {
    /// One parser per thread: creating one (and setting its language) costs
    /// about as much as parsing a small file.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

fn with_parser(parse: impl FnOnce(&mut Parser) -> Option<Tree>) -> Option<Tree> {
    PARSER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => {
            if slot.is_none() {
                *slot = parser();
            }
            let parser = slot.as_mut()?;
            parser.reset();
            parse(parser)
        }
        // Only reachable if a parse re-entered this function: use a fresh parser.
        Err(_) => parse(&mut parser()?),
    })
}

/// Parse `text` from scratch. `None` only if tree-sitter itself could not run
/// or a parse budget stopped it (see [`super::budget`]).
pub fn parse(text: &str) -> Option<Tree> {
    with_parser(|parser| budgeted(parser, text, None))
}

/// [`parse`] for a tree that is read once and then dropped: never edited,
/// reparsed or queried (the CLI's flat copy, `SourceFile::checked_once`).
/// Texts dense with escape sequences are parsed with them blanked out
/// ([`super::blank_escapes`]), which gives the same tree without the escape
/// nodes. If that tree has a syntax error, the lexer there may have read the
/// broken text differently from tree-sitter's error recovery, so the
/// original text is parsed instead and its errors are the ones reported.
pub fn parse_once(text: &str) -> Option<Tree> {
    let Some(blanked) = blank_escapes::blanked_if_dense(text) else {
        return parse(text);
    };
    match parse(&blanked) {
        Some(tree) if tree.root_node().has_error() => parse(text),
        tree => tree,
    }
}

/// Reparse after `old` was edited with [`Tree::edit`], reusing unchanged subtrees.
pub fn reparse(text: &str, old: &Tree) -> Option<Tree> {
    with_parser(|parser| budgeted(parser, text, Some(old)))
}

fn budgeted(parser: &mut Parser, text: &str, old: Option<&Tree>) -> Option<Tree> {
    let bytes = text.as_bytes();
    let mut stopped = false;
    let mut progress = |_: &ParseState| match budget::should_stop() {
        true => {
            stopped = true;
            ControlFlow::Break(())
        }
        false => ControlFlow::Continue(()),
    };
    let options = ParseOptions::new().progress_callback(&mut progress);
    let tree = parser.parse_with_options(&mut |i, _| bytes.get(i..).unwrap_or_default(), old, Some(options));
    budget::set_cut_short(stopped && tree.is_none());
    tree
}

/// The tree-sitter point (row, byte column) of a byte offset in `text`.
pub fn point_at(text: &str, offset: usize) -> Point {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
    Point { row, column }
}
