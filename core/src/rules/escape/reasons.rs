//! Small helpers the escape rules share to say *why* something escapes:
//! line numbers for the reason chain, the loop around an allocation, and the
//! innermost function around a node (from the model, without climbing the tree).

use crate::model::{FunctionId, FunctionInfo};
use crate::rules::RuleContext;
use tree_sitter::Node;

/// The 1-based line of a byte offset, as the messages print it.
pub fn line_of(cx: &RuleContext<'_>, offset: usize) -> u32 {
    cx.file.lines.line_col(offset).line + 1
}

/// The innermost function (declaration, method or literal) whose range holds `offset`.
pub fn innermost_function<'m>(cx: &RuleContext<'m>, offset: usize) -> Option<(FunctionId, &'m FunctionInfo)> {
    cx.model()
        .functions
        .iter()
        .enumerate()
        .filter(|(_, f)| f.range.start <= offset && offset < f.range.end)
        .min_by_key(|(_, f)| f.range.end - f.range.start)
}

/// The innermost `for` statement whose body holds `node`, without leaving the
/// function `node` is in (a closure called in a loop is not looping itself).
pub fn enclosing_loop_body<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut child = node;
    let mut current = node.parent();
    // Nesting is bounded by the tree; the cap keeps hostile input cheap.
    for _ in 0..256 {
        let parent = current?;
        match parent.kind() {
            "function_declaration" | "method_declaration" | "func_literal" => return None,
            "for_statement" if parent.child_by_field_name("body") == Some(child) => return Some(parent),
            _ => {}
        }
        child = parent;
        current = parent.parent();
    }
    None
}

/// Source text on one line, shortened the way messages show expressions.
pub fn compact(text: &str) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 40 {
        text
    } else {
        let short: String = text.chars().take(37).collect();
        format!("{short}...")
    }
}
