//! Small helpers the escape rules share to say *why* something escapes:
//! line numbers for the reason chain, the loop around an allocation, and the
//! innermost function around a node (from the model, without climbing the tree).

use crate::model::{FunctionId, FunctionInfo};
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::kind;
use crate::syntax::Node;

/// The 1-based line of a byte offset, as the messages print it.
pub fn line_of(cx: &RuleContext<'_>, offset: usize) -> u32 {
    cx.file.lines.line_col(offset).line + 1
}

/// The innermost function (declaration, method or literal) whose range holds `offset`.
pub fn innermost_function<'m>(cx: &RuleContext<'m>, offset: usize) -> Option<(FunctionId, &'m FunctionInfo)> {
    let functions = &cx.model().functions;
    // The model lists functions in document order (by start; a function before
    // the closures inside it) and functions nest or are disjoint, so the
    // innermost one holding `offset` is the last one starting at or before it
    // or one of the functions that one is written in.
    let mut id = functions.partition_point(|f| f.range.start <= offset).checked_sub(1)?;
    // Nesting is bounded by the model; the cap keeps hostile input cheap.
    for _ in 0..functions.len() {
        let function = functions.get(id)?;
        if function.range.start <= offset && offset < function.range.end {
            return Some((id, function));
        }
        id = function.parent?;
    }
    None
}

/// The innermost `for` statement whose body holds the last node of `path`
/// (that node's ancestors, root first), without leaving the function the
/// node is in (a closure called in a loop is not looping itself).
pub fn enclosing_loop_body_in<'t>(path: &[Node<'t>]) -> Option<Node<'t>> {
    let (&node, above) = path.split_last()?;
    let mut child = node;
    // Nesting is bounded by the tree; the cap keeps hostile input cheap.
    for &parent in above.iter().rev().take(256) {
        match kind(parent) {
            "function_declaration" | "method_declaration" | "func_literal" => return None,
            "for_statement" if field!(parent, "body") == Some(child) => return Some(parent),
            _ => {}
        }
        child = parent;
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

#[cfg(test)]
mod tests {
    use crate::model::FileModel;

    /// `innermost_function` relies on the model listing functions by start.
    #[test]
    fn model_lists_functions_by_start() {
        let source = "package p\nfunc a() { f := func() { g := func() {}; _ = g }; _ = f; h := func() {}; _ = h }\nfunc (t *T) b() { _ = func() {} }\nfunc c() {}\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let model = FileModel::build(&tree, source);
        assert_eq!(model.functions.len(), 7);
        assert!(model.functions.windows(2).all(|w| w[0].range.start < w[1].range.start));
    }
}
