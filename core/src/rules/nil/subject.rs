//! What a nil check is about: a local variable (`p`) or a field path rooted in
//! one (`s.cfg.db`), and how a later mention of it is used (dereferenced,
//! re-checked, written, its address taken).

use crate::model::{Access, BindingId, FileModel};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{parent_unparen, text, unparen};

/// Longest field path tracked (`a.b.c.d`); longer ones are ignored.
const MAX_PATH: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The local variable or parameter the expression starts from.
    pub root: BindingId,
    /// Field names after the root; empty for a plain variable.
    pub path: Vec<String>,
}

impl Subject {
    /// The subject an expression names, when it is one faultline can follow:
    /// rooted in a local variable of the function the expression is in, whose
    /// address is never taken and which no closure assigns.
    pub fn of(expr: Node<'_>, cx: &RuleContext<'_>) -> Option<Subject> {
        let model = cx.model();
        let mut path = Vec::new();
        let mut cur = unparen(expr);
        while kind(cur) == "selector_expression" {
            if path.len() >= MAX_PATH {
                return None;
            }
            path.push(cx.text(field!(cur, "field")?).to_string());
            cur = unparen(field!(cur, "operand")?);
        }
        if kind(cur) != "identifier" {
            return None;
        }
        path.reverse();
        let reference = model.reference_at(cur)?;
        let root = reference.binding;
        let binding = model.bindings.get(root)?;
        if binding.kind.is_package_level() || binding.address_taken || binding.function != reference.function {
            return None;
        }
        // A closure that assigns the variable can run at any call: give up on it.
        if model.references_of(root).any(|r| r.access != Access::Read && r.function != binding.function) {
            return None;
        }
        Some(Subject { root, path })
    }

    /// Does `node` (an identifier or selector expression) name exactly this subject?
    pub fn is_named_by(&self, node: Node<'_>, model: &FileModel, source: &str) -> bool {
        self.prefix_len_named_by(node, model, source) == Some(self.path.len())
    }

    /// When `node` names the root or a field path that is a prefix of this
    /// subject's path (`s`, `s.cfg` for `s.cfg.db`), how many fields it has.
    pub fn prefix_len_named_by(&self, node: Node<'_>, model: &FileModel, source: &str) -> Option<usize> {
        let mut fields = Vec::new();
        let mut cur = unparen(node);
        while kind(cur) == "selector_expression" {
            if fields.len() >= self.path.len() {
                return None;
            }
            fields.push(field!(cur, "field")?);
            cur = unparen(field!(cur, "operand")?);
        }
        if kind(cur) != "identifier" || model.reference_at(cur).map(|r| r.binding) != Some(self.root) {
            return None;
        }
        let n = fields.len();
        fields.iter().rev().zip(&self.path).all(|(f, name)| text(*f, source) == name).then_some(n)
    }
}

/// How an expression that names the subject is used by its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use<'t> {
    /// Panics when the subject is nil: the node is the dereferencing expression.
    Deref(Node<'t>, DerefKind),
    /// `x == nil` / `x != nil`: a later check takes over.
    NilCheck,
    /// `&x`: writes may follow through the pointer.
    AddressOf,
    /// Anything else (passed along, compared, copied).
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerefKind {
    Field,
    MethodCall,
    Star,
    Index,
}

impl DerefKind {
    pub fn describe(self) -> &'static str {
        match self {
            DerefKind::Field => "field access",
            DerefKind::MethodCall => "method call",
            DerefKind::Star => "dereference",
            DerefKind::Index => "index",
        }
    }
}

/// Classifies how `node`, which names the subject, is used. `ancestors` are
/// its ancestors, outermost first (from the walk that found it). `pointer_known` says the
/// subject's declared type is a pointer (only then is `x[i]` a dereference:
/// indexing a nil map or slice is not a nil dereference).
pub fn use_of<'t>(node: Node<'t>, ancestors: &[Node<'t>], pointer_known: bool, cx: &RuleContext<'_>) -> Use<'t> {
    // Without parentheses: `up[0]` is the parent, `up[1]` the grandparent.
    let up: Vec<Node<'t>> =
        ancestors.iter().rev().filter(|a| kind(a) != "parenthesized_expression").take(2).copied().collect();
    match direct_use(node, &up, pointer_known, cx) {
        Use::Deref(..) if in_unevaluated_operand(ancestors, cx) => Use::Other,
        other => other,
    }
}

/// `unsafe.Sizeof(*p)` and friends never evaluate their operand.
fn in_unevaluated_operand(ancestors: &[Node<'_>], cx: &RuleContext<'_>) -> bool {
    ancestors.iter().rev().take_while(|a| !kind(a).ends_with("_statement") && !crate::syntax::is_function(**a)).any(
        |a| {
            kind(a) == "call_expression"
                && crate::syntax::callee_name(*a, cx.source())
                    .is_some_and(|(q, n)| q == Some("unsafe") && matches!(n, "Sizeof" | "Alignof" | "Offsetof"))
        },
    )
}

fn direct_use<'t>(node: Node<'t>, up: &[Node<'t>], pointer_known: bool, cx: &RuleContext<'_>) -> Use<'t> {
    let Some(&parent) = up.first() else { return Use::Other };
    let grandparent = up.get(1).copied();
    let is_operand = |field: &str| parent.field_child(field).map(unparen) == Some(node);
    match kind(parent) {
        "selector_expression" if is_operand("operand") => {
            let call = grandparent
                .filter(|g| kind(g) == "call_expression" && field!(g, "function").map(unparen) == Some(parent));
            match call {
                Some(_) if method_may_accept_nil(parent, cx) => Use::Other,
                Some(_) => Use::Deref(parent, DerefKind::MethodCall),
                // `p.Method` as a value only copies the pointer (pointer receivers).
                None if is_package_method(parent, cx) => Use::Other,
                None => Use::Deref(parent, DerefKind::Field),
            }
        }
        "unary_expression" if is_operand("operand") => match field!(parent, "operator").map(|op| cx.text(op)) {
            Some("*") => Use::Deref(parent, DerefKind::Star),
            Some("&") => Use::AddressOf,
            _ => Use::Other,
        },
        "index_expression" if pointer_known && is_operand("operand") => Use::Deref(parent, DerefKind::Index),
        "binary_expression" if crate::rules::nil::flow::nil_comparison(parent, cx.source()).is_some() => Use::NilCheck,
        "argument_list"
            if grandparent.and_then(|call| crate::rules::nil::flow::nil_predicate_call(call, cx)).map(|(a, _)| a)
                == Some(node) =>
        {
            Use::NilCheck
        }
        _ => Use::Other,
    }
}

/// Is the selected name a method declared in this package (file or siblings)?
fn is_package_method(selector: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(name) = field!(selector, "field").map(|f| cx.text(f)) else { return true };
    cx.model().functions.iter().any(|f| f.receiver.is_some() && f.name.as_deref() == Some(name))
        || cx.package.functions().any(|f| f.receiver_type.is_some() && f.name == name)
}

/// Methods with pointer receivers may be written to accept a nil receiver, so
/// a method call counts as a dereference only when faultline can tell it is
/// not one of those: the method is not declared in this package at all (an
/// interface or another package's type), or every method of this file with
/// that name uses its receiver without checking it for nil. Generated
/// protobuf getters (`GetName`) are nil-safe by design.
fn method_may_accept_nil(selector: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(name) = field!(selector, "field").map(|f| cx.text(f)) else { return true };
    if name.strip_prefix("Get").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())) {
        return true;
    }
    let model = cx.model();
    let root = cx.file.tree.root_node();
    let mut in_file = model.functions.iter().filter(|f| f.name.as_deref() == Some(name) && f.receiver.is_some());
    let mut any_in_file = false;
    let nil_safe_in_file = in_file.any(|f| {
        any_in_file = true;
        let Some(receiver) = &f.receiver else { return false };
        if !receiver.ty.is_pointer() {
            return false;
        }
        let Some(binding) = receiver.binding else { return true };
        let mut used = false;
        let checked = model.references_of(binding).any(|r| {
            used = true;
            root.descendant_for_byte_range(r.range.start, r.range.end)
                .and_then(parent_unparen)
                .is_some_and(|p| crate::rules::nil::flow::nil_comparison(p, cx.source()).is_some())
        });
        checked || !used
    });
    if any_in_file {
        return nil_safe_in_file;
    }
    // Declared in a sibling file: its body is not known here.
    cx.package.functions().any(|f| f.receiver_type.is_some() && f.name == name)
}
