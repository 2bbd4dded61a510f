//! Facts about a function's body that the nil rules of other files need:
//! which results it returns as a literal `nil` (and whether alongside an
//! error), and which parameters it needs non-nil (it dereferences them before
//! anything could stop it, or its doc comment says so). Computed once per
//! file for the summary; every walk is iterative and cheap.

use super::{Access, FileModel, FunctionInfo, TypeExpr};
use crate::diagnostic::TextRange;
use crate::syntax::FastNode;
use crate::syntax::{block_statements, named_children, text, unparen, walk_preorder};
use crate::syntax::{FlatTree, Node};

/// Why a parameter must not be nil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonNilParam {
    /// Written as `//faultline:nonnil name` in the function's doc comment.
    pub explicit: bool,
    /// The dereference that panics when the parameter is nil (inferred contracts).
    pub deref: Option<TextRange>,
    /// 1-based line of `deref`, for messages in other files.
    pub line: u32,
    /// The dereferencing expression as written (shortened).
    pub snippet: String,
}

/// What the `return` statements of a function give as literal `nil`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NilReturns {
    /// Result indices some `return` gives as `nil`.
    pub any: Vec<usize>,
    /// Result indices some `return` gives as `nil` while its last value, of
    /// type `error`, is not the literal `nil`: "nil whenever err says failure".
    pub with_error: Vec<usize>,
    /// Result indices some `return` gives as `nil` with no error beside it
    /// (no error result, or the literal `nil` as the error).
    pub without_error: Vec<usize>,
    /// The first `return nil, nil` of a function returning `(pointer, error)`.
    pub nil_nil: Option<TextRange>,
}

fn is_error_type(ty: &TypeExpr) -> bool {
    ty.is_named(None, "error")
}

/// The literal-`nil` results of the function's `return` statements (closures left out).
pub fn nil_returns(info: &FunctionInfo, tree: &FlatTree, source: &str) -> NilReturns {
    let Some(body) = info.body else { return NilReturns::default() };
    if info.results.is_empty() || !source.get(body.start..body.end).is_some_and(|b| b.contains("nil")) {
        return NilReturns::default();
    }
    match tree.root_node().descendant_for_byte_range(body.start, body.end) {
        Some(block) => nil_returns_in(info, block, source),
        None => NilReturns::default(),
    }
}

/// [`nil_returns`] given the body `block` node (no lookup from the root).
pub fn nil_returns_in(info: &FunctionInfo, block: Node<'_>, source: &str) -> NilReturns {
    let mut out = NilReturns::default();
    let has_error = info.results.last().is_some_and(|r| is_error_type(&r.ty));
    if info.results.is_empty() || !text(block, source).contains("nil") {
        return out;
    }
    let pointer_first = info.results.first().is_some_and(|r| r.ty.is_pointer());
    // Named nodes only: the visitor looks for return statements.
    crate::syntax::walk_named_preorder(block, |n| {
        let kind = crate::syntax::kind(n);
        if kind == "func_literal" {
            return false;
        }
        if kind != "return_statement" {
            return may_hold_statements(n, kind);
        }
        let values: Vec<Node<'_>> = match named_children(n).next() {
            Some(list) if list.kind_name() == "expression_list" => named_children(list).collect(),
            Some(single) => vec![single],
            None => Vec::new(),
        };
        if values.len() != info.results.len() {
            return false;
        }
        let error_is_nil = values.last().is_some_and(|v| unparen(*v).kind_name() == "nil");
        for (i, v) in values.iter().enumerate() {
            if unparen(*v).kind_name() != "nil" {
                continue;
            }
            if !out.any.contains(&i) {
                out.any.push(i);
            }
            let is_error_slot = has_error && i + 1 == values.len();
            if has_error && !is_error_slot && !error_is_nil {
                if !out.with_error.contains(&i) {
                    out.with_error.push(i);
                }
            } else if !is_error_slot && !out.without_error.contains(&i) {
                out.without_error.push(i);
            }
        }
        let all_nil = values.iter().all(|v| unparen(*v).kind_name() == "nil");
        if has_error && pointer_first && values.len() == 2 && all_nil && out.nil_nil.is_none() {
            out.nil_nil = Some(TextRange::of(n));
        }
        false
    });
    out
}

/// Can a `return` statement be below this node? Statements only sit in
/// blocks, case clauses, `if`/`for`/`switch`/`select` and labels, so an
/// error-free expression, type or simple statement need not be walked. A
/// subtree with a syntax error is walked whole: recovery may put anything anywhere.
fn may_hold_statements(node: Node<'_>, kind: &str) -> bool {
    matches!(
        kind,
        "block"
            | "statement_list"
            | "if_statement"
            | "for_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "select_statement"
            | "expression_case"
            | "default_case"
            | "type_case"
            | "communication_case"
            | "labeled_statement"
    ) || node.has_error()
}

/// For each parameter: why it must be non-nil, if it must.
pub fn nonnil_params(model: &FileModel, tree: &FlatTree, source: &str, function: usize) -> Vec<Option<NonNilParam>> {
    let Some(info) = model.functions.get(function) else { return Vec::new() };
    match tree.root_node().descendant_for_byte_range(info.range.start, info.range.end) {
        Some(decl) => nonnil_params_in(model, decl, source, function),
        None => Vec::new(),
    }
}

/// [`nonnil_params`] given the function's declaration node: every lookup
/// starts there, and parents come from the path down, not `Node::parent()`.
pub fn nonnil_params_in(model: &FileModel, decl: Node<'_>, source: &str, function: usize) -> Vec<Option<NonNilParam>> {
    let Some(info) = model.functions.get(function) else { return Vec::new() };
    let explicit = explicit_contract(info, decl, source);
    let mut out = Vec::with_capacity(info.params.len());
    for param in &info.params {
        let stated = param.name.as_ref().is_some_and(|n| explicit.iter().any(|e| e == n));
        let inferred = match (param.binding, &param.ty) {
            (Some(b), TypeExpr::Pointer(_) | TypeExpr::Func) if !param.variadic => {
                first_unconditional_deref(model, decl, source, function, b)
            }
            _ => None,
        };
        out.push(match (stated, inferred) {
            (_, Some(mut found)) => {
                found.explicit = stated;
                Some(found)
            }
            (true, None) => Some(NonNilParam { explicit: true, deref: None, line: 0, snippet: String::new() }),
            (false, None) => None,
        });
    }
    out
}

/// Names listed by `//faultline:nonnil a b` lines of the doc comment right above the function.
fn explicit_contract(info: &FunctionInfo, decl: Node<'_>, source: &str) -> Vec<String> {
    let mut names = Vec::new();
    // Cheap test first: almost no function has one.
    let mut start = info.range.start.saturating_sub(2000);
    while start > 0 && !source.is_char_boundary(start) {
        start -= 1;
    }
    if !source.get(start..info.range.start).is_some_and(|w| w.contains("faultline:nonnil")) {
        return names;
    }
    let mut prev = decl.prev_sibling();
    let mut next_start_row = decl.start_position().row;
    while let Some(comment) = prev.filter(|p| p.kind_name() == "comment") {
        // Only a comment block that touches the declaration.
        if comment.end_position().row + 1 < next_start_row {
            break;
        }
        if let Some(rest) = text(comment, source).trim_start_matches('/').trim_start().strip_prefix("faultline:nonnil")
        {
            names.extend(
                rest.split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()).map(String::from),
            );
        }
        next_start_row = comment.start_position().row;
        prev = comment.prev_sibling();
    }
    names
}

/// The first use of pointer parameter `binding` when it is a field access or
/// `*p` that runs on every call: no nil check, write or `&p` comes first, it
/// is not under a condition, loop, closure or `defer`, and no `return` comes
/// before it in the body.
fn first_unconditional_deref(
    model: &FileModel,
    decl: Node<'_>,
    source: &str,
    function: usize,
    binding: usize,
) -> Option<NonNilParam> {
    let body_range = model.functions.get(function)?.body?;
    const MAX_USES: usize = 16;
    for r in model.references_of(binding).take(MAX_USES) {
        if r.access != Access::Read || r.function != Some(function) {
            return None;
        }
        // The path from the declaration down: parents without `Node::parent()`.
        let path = crate::syntax::path_to(decl, r.range.start, r.range.end);
        let (&ident, above) = path.split_last()?;
        let at = crate::syntax::parent_unparen_index(above)?;
        let parent = above[at];
        let deref = match parent.kind_name() {
            "selector_expression" if parent.field_child("operand").map(unparen) == Some(ident) => {
                let called = crate::syntax::parent_unparen_index(&above[..at]).is_some_and(|g| {
                    let g = above[g];
                    g.kind_name() == "call_expression" && g.field_child("function").map(unparen) == Some(parent)
                });
                // A method may accept a nil receiver: look further.
                (!called).then_some(at)
            }
            "unary_expression" => match parent.field_child("operator").map(|o| text(o, source)) {
                Some("*") => Some(at),
                Some("&") => return None,
                _ => None,
            },
            "binary_expression" if is_nil_comparison(parent, source) => return None,
            // `f(x)` where `f` is a func parameter.
            "call_expression" if parent.field_child("function").map(unparen) == Some(ident) => Some(at),
            _ => None,
        };
        let Some(at) = deref else {
            // Passed along or copied: the value is unchanged, keep looking, but
            // only where nothing before could have stopped the function.
            continue;
        };
        // `unsafe.Sizeof(*p)` never evaluates `*p`: not a use at all.
        if above[..at].iter().any(|n| super::builder::is_unsafe_layout_call(*n, source)) {
            continue;
        }
        let deref = above[at];
        if !runs_on_every_call(deref, &above[..at], body_range, source) {
            return None;
        }
        let snippet: String = text(deref, source).chars().take(40).collect();
        return Some(NonNilParam {
            explicit: false,
            deref: Some(TextRange::of(deref)),
            line: deref.start_position().row as u32 + 1,
            snippet,
        });
    }
    None
}

fn is_nil_comparison(node: Node<'_>, source: &str) -> bool {
    let op = node.field_child("operator").map(|o| text(o, source));
    matches!(op, Some("==" | "!="))
        && [node.field_child("left"), node.field_child("right")]
            .into_iter()
            .flatten()
            .any(|s| unparen(s).kind_name() == "nil")
}

/// Is `node` evaluated whenever the function body runs to it from the start:
/// every ancestor up to the body is unconditional, and no earlier statement of
/// the body holds a `return` (or `goto`)? `ancestors` are `node`'s, root first.
fn runs_on_every_call(node: Node<'_>, ancestors: &[Node<'_>], body: TextRange, source: &str) -> bool {
    const MAX_DEPTH: usize = 64;
    let mut child = node;
    let mut ancestors = ancestors.iter().rev();
    for _ in 0..MAX_DEPTH {
        let Some(&parent) = ancestors.next() else { return false };
        let is_body =
            parent.kind_name() == "block" && parent.start_byte() == body.start && parent.end_byte() == body.end;
        let ok = match parent.kind_name() {
            "if_statement" => {
                parent.field_child("condition") == Some(child) || parent.field_child("initializer") == Some(child)
            }
            "expression_switch_statement" | "type_switch_statement" => {
                parent.field_child("value") == Some(child) || parent.field_child("initializer") == Some(child)
            }
            "binary_expression" => {
                !(parent.field_child("right") == Some(child)
                    && parent.field_child("operator").is_some_and(|o| matches!(text(o, source), "&&" | "||")))
            }
            "for_statement" | "func_literal" | "defer_statement" | "go_statement" | "select_statement"
            | "expression_case" | "type_case" | "default_case" | "communication_case" | "labeled_statement" => false,
            _ => true,
        };
        if !ok {
            return false;
        }
        if is_body {
            let statements = block_statements(parent);
            let at = node.start_byte();
            let Some(index) = statements.iter().position(|s| s.start_byte() <= at && at < s.end_byte()) else {
                return false;
            };
            return !statements[..index].iter().any(|s| may_leave_early(*s));
        }
        if matches!(parent.kind_name(), "function_declaration" | "method_declaration") {
            return false;
        }
        child = parent;
    }
    false
}

/// Holds a `return`, `goto` or labeled statement outside closures.
fn may_leave_early(stmt: Node<'_>) -> bool {
    let mut found = false;
    walk_preorder(stmt, |n| {
        if found || n.kind_name() == "func_literal" {
            return false;
        }
        found = matches!(n.kind_name(), "return_statement" | "goto_statement" | "labeled_statement");
        !found
    });
    found
}
