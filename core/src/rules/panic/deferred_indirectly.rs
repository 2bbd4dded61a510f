//! PANIC001's indirect shapes, where the `recover()` is one call deeper than
//! the deferred function:
//!
//! - `report := func() { recover() }` then `defer func() { report() }()`: a
//!   local closure called by the deferred literal;
//! - `defer cleanup()` where `cleanup`, declared in this file and not calling
//!   `recover()` itself, calls a package helper that does.

use super::recover_helpers::{is_builtin_recover, recovering_callee};
use crate::model::{Access, BindingKind};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{named_children, parent_unparen, unparen, walk_preorder};

/// For a call inside a deferred literal: the name of the local closure it
/// calls, when that closure (never reassigned) calls `recover()` directly.
pub fn recovering_local_closure(call: Node<'_>, cx: &RuleContext<'_>) -> Option<String> {
    let function = unparen(field!(call, "function")?);
    if kind(function) != "identifier" {
        return None;
    }
    let model = cx.model();
    let id = model.binding_id_of(function)?;
    let binding = model.bindings.get(id)?;
    if binding.kind != BindingKind::LocalVar || model.references_of(id).any(|r| r.access != Access::Read) {
        return None;
    }
    let init = binding.init?;
    let literal = cx.file.tree.root_node().descendant_for_byte_range(init.start, init.end)?;
    let literal = std::iter::successors(Some(literal), |n| n.parent())
        .take_while(|n| n.start_byte() == init.start && n.end_byte() == init.end)
        .find(|n| kind(n) == "func_literal")?;
    calls_recover_directly(literal, cx).then(|| binding.name.clone())
}

fn calls_recover_directly(function: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(body) = field!(function, "body") else { return false };
    let mut found = false;
    walk_preorder(body, |node| {
        if found || kind(node) == "func_literal" {
            return false;
        }
        found = kind(node) == "call_expression"
            && field!(node, "function").map(unparen).is_some_and(|f| is_builtin_recover(f, cx));
        true
    });
    found
}

/// `defer cleanup()`: calls in `cleanup`'s body (a function of this file that
/// does not recover itself) to package helpers that call `recover()`. Only
/// the file's first `defer cleanup()` reports, so each call is reported once.
pub fn helper_calls_in_deferred_function<'t>(defer: Node<'t>, cx: &RuleContext<'t>) -> Vec<(Node<'t>, String, String)> {
    let mut out = Vec::new();
    let Some(call) = named_children(defer).next().map(unparen).filter(|c| kind(c) == "call_expression") else {
        return out;
    };
    let Some(function) = field!(call, "function").map(unparen).filter(|f| kind(f) == "identifier") else {
        return out;
    };
    let name = cx.text(function);
    if !cx.model().binding_of(function).is_some_and(|b| b.kind == BindingKind::PackageFunc) {
        return out;
    }
    let Some(declaration) = function_declaration(name, cx) else { return out };
    if calls_recover_directly(declaration, cx) {
        return out;
    }
    let Some(body) = field!(declaration, "body") else { return out };
    let mut calls = Vec::new();
    walk_preorder(body, |node| {
        if kind(node) == "func_literal" {
            return false;
        }
        if kind(node) == "call_expression"
            && !parent_unparen(node).is_some_and(|p| matches!(kind(p), "defer_statement" | "go_statement"))
        {
            calls.push(node);
        }
        true
    });
    for inner in calls {
        if let Some(helper) = recovering_callee(inner, cx) {
            out.push((inner, helper.name.clone(), name.to_string()));
        }
    }
    // Walking the file for the first defer costs a pass: only when there is something to report.
    if !out.is_empty() && first_defer_of(name, cx) != Some(defer) {
        out.clear();
    }
    out
}

fn function_declaration<'t>(name: &str, cx: &RuleContext<'t>) -> Option<Node<'t>> {
    let root = cx.file.tree.root_node();
    named_children(root)
        .find(|n| kind(n) == "function_declaration" && field!(n, "name").is_some_and(|id| cx.text(id) == name))
}

fn first_defer_of<'t>(name: &str, cx: &RuleContext<'t>) -> Option<Node<'t>> {
    let mut first = None;
    walk_preorder(cx.file.tree.root_node(), |node| {
        if first.is_some() {
            return false;
        }
        if kind(node) == "defer_statement" {
            let callee = named_children(node)
                .next()
                .map(unparen)
                .filter(|c| kind(c) == "call_expression")
                .and_then(|c| field!(c, "function"))
                .map(unparen);
            if callee.is_some_and(|f| kind(f) == "identifier" && cx.text(f) == name) {
                first = Some(node);
            }
            return false;
        }
        true
    });
    first
}
