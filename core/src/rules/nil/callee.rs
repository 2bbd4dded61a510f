//! Which function or method of the package a call reaches, by the summaries
//! of this file and its siblings.

use super::name_set::NameSet;
use crate::model::{BindingKind, FileSummary, FunctionSummary};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::unparen;
use crate::syntax::Node;

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

/// The names of the package's functions and of its methods (any receiver)
/// whose summaries pass a rule's test, collected once per package (a rule
/// asks for them with `RuleContext::package_fact`): a call whose name is in
/// neither set cannot reach such a function, so the rule drops it before
/// reading its arguments or resolving its receiver's type.
#[derive(Default)]
pub struct CalleeNames {
    funcs: NameSet,
    methods: NameSet,
}

impl CalleeNames {
    /// The names of the functions and methods of `files` that pass `keep`.
    pub fn of(files: &[&FileSummary], keep: impl Fn(&FunctionSummary) -> bool) -> Self {
        let mut names = Self::default();
        for f in files.iter().flat_map(|s| s.functions.iter()).filter(|f| keep(f)) {
            names.insert((f.receiver_type.is_some(), &f.name));
        }
        names
    }

    pub fn insert(&mut self, (is_method, name): (bool, &str)) {
        match is_method {
            true => self.methods.insert(name),
            false => self.funcs.insert(name),
        }
    }

    /// False when no method (`is_method`) or function with this name passed the test.
    pub fn may_contain(&self, (is_method, name): (bool, &str)) -> bool {
        match is_method {
            true => self.methods.may_contain(name),
            false => self.funcs.may_contain(name),
        }
    }

    /// Can a call of `function` (the call's `function` child without
    /// parentheses) reach one of the functions or methods kept? Only plain
    /// names (`f`) and selectors (`x.m`) reach the package's declarations.
    pub fn may_reach(&self, function: Node<'_>, cx: &RuleContext<'_>) -> bool {
        called_name(function, cx).is_some_and(|called| self.may_contain(called))
    }
}

/// The name a call's `function` child calls, and whether it is selected
/// (`x.m`: a method, or a function of another package); `None` for anything
/// but an identifier or a selector.
pub fn called_name<'a>(function: Node<'_>, cx: &RuleContext<'a>) -> Option<(bool, &'a str)> {
    match kind(function) {
        "identifier" => Some((false, cx.text(function))),
        "selector_expression" => {
            // The field is the selector's last token, an identifier: the run
            // of identifier bytes (any non-ASCII byte counted in) ending the
            // text is exactly its text, read without the field lookup (the
            // byte before it is `.`, a space or a comment's end, never part
            // of an identifier). An empty run (a missing field) asks the tree.
            let text = cx.text(function);
            let run = text.bytes().rev().take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80).count();
            match text.get(text.len() - run..).filter(|name| !name.is_empty()) {
                Some(name) => Some((true, name)),
                None => Some((true, cx.text(field!(function, "field")?))),
            }
        }
        _ => None,
    }
}
