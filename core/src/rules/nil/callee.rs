//! Which function or method of the package a call reaches, by the summaries
//! of this file and its siblings.

use crate::model::{BindingKind, FunctionSummary};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::unparen;
use tree_sitter::Node;

/// The summaries of the called function or method, with the path of the
/// sibling file each is in (`None`: this file). Empty when unknown.
pub fn callees<'a>(function: Node<'_>, cx: &RuleContext<'a>) -> Vec<(&'a FunctionSummary, Option<&'a str>)> {
    let model = cx.model();
    let (receiver, name): (Option<&str>, &str) = match kind(function) {
        "identifier" => {
            let is_func = model
                .reference_at(function)
                .map(|r| model.bindings.get(r.binding).is_some_and(|b| b.kind == BindingKind::PackageFunc));
            if is_func == Some(false) || model.is_builtin(function, cx.source()) {
                return Vec::new();
            }
            (None, cx.text(function))
        }
        "selector_expression" => {
            let Some(operand) = field!(function, "operand").map(unparen) else { return Vec::new() };
            let Some(field) = field!(function, "field") else { return Vec::new() };
            let ty = (kind(operand) == "identifier")
                .then(|| model.reference_at(operand))
                .flatten()
                .and_then(|r| model.bindings.get(r.binding))
                .and_then(|b| local_type_of(b, cx));
            match ty {
                Some(ty) => (Some(ty), cx.text(field)),
                None => return Vec::new(),
            }
        }
        _ => return Vec::new(),
    };
    let matches = |f: &&FunctionSummary| f.name == name && f.receiver_type.as_deref() == receiver;
    let (file, package) = (cx.file, cx.package);
    let own = file.summary.functions.iter().filter(matches).map(|f| (f, None));
    let siblings = package
        .siblings
        .iter()
        .flat_map(|s| s.functions.iter().filter(matches).map(move |f| (f, Some(s.path.as_str()))));
    own.chain(siblings).collect()
}

/// The package type a variable holds, by its written type (`var s *Server`,
/// a parameter `s *Server`) or its initial value (`&Server{...}`,
/// `Server{...}`, `new(Server)`).
pub fn local_type_of<'a>(binding: &'a crate::model::Binding, cx: &RuleContext<'a>) -> Option<&'a str> {
    if let Some(ty) = &binding.declared_type {
        return ty.local_name();
    }
    if binding.init_index.is_some() {
        return None;
    }
    let init = binding.init?;
    let node = cx.descendant_for_byte_range(init.start, init.end)?;
    let mut node = unparen(node);
    // `descendant_for_byte_range` may land on a child with the same range.
    while node.end_byte() - node.start_byte() < init.end - init.start {
        node = node.parent()?;
    }
    let literal = match kind(node) {
        "unary_expression" if field!(node, "operator").is_some_and(|o| cx.text(o) == "&") => {
            unparen(field!(node, "operand")?)
        }
        "call_expression" if crate::syntax::callee_name(node, cx.source()) == Some((None, "new")) => {
            let args = field!(node, "arguments")?;
            let ty = crate::syntax::named_children(args).next()?;
            return (kind(ty) == "type_identifier" || kind(ty) == "identifier").then(|| cx.text(ty));
        }
        _ => node,
    };
    if kind(literal) != "composite_literal" {
        return None;
    }
    let ty = field!(literal, "type")?;
    (kind(ty) == "type_identifier").then(|| cx.text(ty))
}
