//! What each top-level node of a file contributes to the context of an
//! incremental check, computed from the node's own subtree and kept between
//! checks by the node's kind and exact text: a keystroke walks only the nodes
//! whose text changed (and those with syntax errors, whose tree may depend on
//! the text around them).

use crate::analysis::MAX_RULE_DEPTH;
use crate::model::FileModel;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{callee_name, field, named_children, text, unparen, walk_preorder_to_depth};
use std::collections::HashMap;
use std::sync::Arc;

/// Facts of one top-level node that other declarations' checks may read.
#[derive(Debug, Default)]
pub(super) struct UnitFacts {
    pub kind: u16,
    /// The node's whole text.
    pub text: Arc<str>,
    /// A function's body, relative to the node's start: the rest of the text
    /// is the node's *outline* (imports, types, package variables, constants,
    /// comments, signatures).
    pub body: Option<(usize, usize)>,
    /// Contains syntax errors: never reused.
    pub has_error: bool,
    /// The name of a function (false) or method (true) declaration.
    pub name: Option<(bool, Box<str>)>,
    /// A method's receiver (`subject.rs`): pointer type, named, used, compared with nil.
    pub receiver: Option<[bool; 4]>,
    /// Some `go` statement (RACE007: `select {}` in a `main` that starts no goroutine).
    pub has_go: bool,
    /// Functions started by `go f()` (false) or `go x.m()` (true), by name (RACE009).
    pub go_started: Vec<(bool, Box<str>)>,
    /// The called name of every `defer` (PANIC001: is this function deferred anywhere?).
    pub deferred: Vec<Box<str>>,
    /// `defer f(...)` with a plain identifier `f`, anywhere (PANIC001: `defer cleanup()`).
    pub deferred_idents: Vec<Box<str>>,
    /// The same, outside other `defer` statements (where PANIC001 looks for the first one).
    pub visible_deferred_idents: Vec<Box<str>>,
}

/// Facts of the top-level nodes of the last check, by a hash of kind and text.
#[derive(Default)]
pub(super) struct UnitCache {
    entries: HashMap<u64, Vec<(Arc<UnitFacts>, bool)>>,
}

/// The hash of a top-level node's kind and text (also the key of the findings cache).
pub(super) fn unit_key(kind: u16, text: &str) -> u64 {
    // FxHash-style over 8-byte words: texts are compared on a hit anyway,
    // and every top-level node is hashed on every keystroke.
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let add = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut h = add(0, u64::from(kind));
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = add(h, u64::from_le_bytes(word));
    }
    let mut word = [0u8; 8];
    let rest = chunks.remainder();
    word[..rest.len()].copy_from_slice(rest);
    add(add(h, u64::from_le_bytes(word)), text.len() as u64)
}

impl UnitCache {
    /// The facts of every node in `units` (with their keys), reusing those of
    /// unchanged error-free nodes; facts no node has any more are dropped.
    pub fn facts_of(
        &mut self,
        units: &[Node<'_>],
        keys: &[u64],
        source: &str,
        model: &FileModel,
    ) -> Vec<Arc<UnitFacts>> {
        for list in self.entries.values_mut() {
            list.iter_mut().for_each(|(_, used)| *used = false);
        }
        let mut out = Vec::with_capacity(units.len());
        for (&unit, &key) in units.iter().zip(keys) {
            let text = source.get(unit.start_byte()..unit.end_byte()).unwrap_or("");
            let kind = unit.kind_id();
            if unit.has_error() {
                out.push(Arc::new(UnitFacts::of(unit, text, source, model)));
                continue;
            }
            let list = self.entries.entry(key).or_default();
            if let Some((facts, used)) = list.iter_mut().find(|(f, _)| f.kind == kind && &*f.text == text) {
                *used = true;
                out.push(facts.clone());
                continue;
            }
            let facts = Arc::new(UnitFacts::of(unit, text, source, model));
            list.push((facts.clone(), true));
            out.push(facts);
        }
        for list in self.entries.values_mut() {
            list.retain(|(_, used)| *used);
        }
        self.entries.retain(|_, l| !l.is_empty());
        out
    }
}

impl UnitFacts {
    /// Same kind and outline: equal texts apart from function bodies.
    pub fn same_outline(&self, other: &UnitFacts) -> bool {
        fn parts(f: &UnitFacts) -> (Option<&str>, Option<&str>) {
            match f.body {
                Some((b0, b1)) => (f.text.get(..b0), f.text.get(b1..)),
                None => (Some(&*f.text), Some("")),
            }
        }
        self.kind == other.kind && self.body.is_some() == other.body.is_some() && parts(self) == parts(other)
    }

    fn of(unit: Node<'_>, unit_text: &str, source: &str, model: &FileModel) -> Self {
        let mut facts = UnitFacts {
            kind: unit.kind_id(),
            text: unit_text.into(),
            has_error: unit.has_error(),
            ..Default::default()
        };
        let declaration = matches!(unit.kind_name(), "function_declaration" | "method_declaration");
        let body = if declaration { field!(unit, "body") } else { None };
        let start = unit.start_byte();
        facts.body = body.map(|b| (b.start_byte().saturating_sub(start), b.end_byte().saturating_sub(start)));
        if declaration {
            let method = unit.kind_name() == "method_declaration";
            facts.name = field!(unit, "name").map(|n| (method, text(n, source).into()));
        }
        if unit.kind_name() == "method_declaration" {
            facts.receiver = super::receiver::receiver_facts(unit, source, model);
        }
        facts.collect_statements(unit, source);
        facts
    }

    /// `go` and `defer` statements down to the depth the rules' walks reach
    /// (the unit is at depth 1 of the file's tree).
    fn collect_statements(&mut self, unit: Node<'_>, source: &str) {
        // Defer statements whose subtree holds the nodes being visited: PANIC001
        // looks for the first `defer f()` without entering other defer statements.
        let mut open_defers: Vec<usize> = Vec::new();
        walk_preorder_to_depth(unit, MAX_RULE_DEPTH - 1, |node| {
            while open_defers.last().is_some_and(|&end| node.start_byte() >= end) {
                open_defers.pop();
            }
            match node.kind_name() {
                "go_statement" => {
                    self.has_go = true;
                    let function = started_call(node).and_then(|c| field!(c, "function")).map(unparen);
                    match function.map(|f| (f, f.kind_name())) {
                        Some((f, "identifier")) => self.go_started.push((false, text(f, source).into())),
                        Some((f, "selector_expression")) => {
                            if let Some(field) = f.field_child("field") {
                                self.go_started.push((true, text(field, source).into()));
                            }
                        }
                        _ => {}
                    }
                }
                "defer_statement" => {
                    if let Some(call) = started_call(node) {
                        if let Some((_, name)) = callee_name(call, source) {
                            self.deferred.push(name.into());
                        }
                        let function = field!(call, "function").map(unparen);
                        if let Some(f) = function.filter(|f| f.kind_name() == "identifier") {
                            self.deferred_idents.push(text(f, source).into());
                            if open_defers.is_empty() {
                                self.visible_deferred_idents.push(text(f, source).into());
                            }
                        }
                    }
                    open_defers.push(node.end_byte());
                }
                _ => {}
            }
            true
        });
    }
}

/// The call of a `go` / `defer` statement.
fn started_call(statement: Node<'_>) -> Option<Node<'_>> {
    named_children(statement).next().map(unparen).filter(|c| c.kind_name() == "call_expression")
}
