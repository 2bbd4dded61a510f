//! What a rule sees while it runs, and how it reports.

use super::{CheckMemo, RuleMeta};
use crate::analysis::SourceFile;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::model::{FileModel, FileSummary, GoVersion, PackageContext};
use crate::syntax::Node;
use std::any::Any;
use std::sync::Arc;

pub struct RuleContext<'a> {
    pub file: &'a SourceFile,
    pub package: &'a PackageContext,
    /// The Go language version this file is compiled with.
    pub go_version: GoVersion,
    pub(crate) meta: &'static RuleMeta,
    /// A severity set in configuration; it beats the rule's own choice.
    pub(crate) severity_override: Option<Severity>,
    pub(crate) out: &'a mut Vec<Diagnostic>,
    /// Facts shared by the rule calls of this walk (see `CheckMemo`).
    pub(crate) memo: &'a CheckMemo,
    /// The node the rule was called on, with its ancestors.
    pub(crate) path: WalkPath<'a>,
}

/// The node a rule was called on and its ancestors, the root first: kept by
/// the rules walk, so no `Node::parent` (which descends from the root on every
/// call) is needed to read them.
#[derive(Clone, Copy)]
pub struct WalkPath<'a> {
    pub(crate) node: Node<'a>,
    pub(crate) ancestors: &'a [Node<'a>],
    /// The `function` child of `node` when it is a `call_expression`, read
    /// once for every rule called there (a dozen each read it, and
    /// `child_by_field_id` costs about 400 instructions a call).
    call_function: Option<Node<'a>>,
}

impl<'a> WalkPath<'a> {
    pub(crate) fn new(node: Node<'a>, ancestors: &'a [Node<'a>]) -> Self {
        static CALL: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
        let call = *CALL.get_or_init(|| crate::syntax::go_language().id_for_node_kind("call_expression", true));
        let call_function = match node.kind_id() == call {
            true => crate::syntax::field!(node, "function"),
            false => None,
        };
        Self { node, ancestors, call_function }
    }

    /// `field!(call, "function")`, read once for the node the walk is at.
    pub fn call_function<'n>(&self, call: Node<'n>) -> Option<Node<'n>>
    where
        'a: 'n,
    {
        match self.call_function {
            Some(function) if call.id() == self.node.id() => Some(function),
            _ => crate::syntax::field!(call, "function"),
        }
    }

    /// See [`RuleContext::on_path`].
    pub fn on_path(&self, node: Node<'_>) -> Option<(Node<'a>, &'a [Node<'a>])> {
        if self.node.id() == node.id() {
            return Some((self.node, self.ancestors));
        }
        let at = self.ancestors.iter().rposition(|n| n.id() == node.id())?;
        Some((*self.ancestors.get(at)?, self.ancestors.get(..at)?))
    }

    /// `root.descendant_for_byte_range(start, end)` for the root of this
    /// path's tree, descending from the innermost node of the path that spans
    /// the range instead of the root. For a non-empty range exactly one child
    /// of a node can hold it (siblings do not overlap and an empty child
    /// cannot), so tree-sitter's descent from the root passes through every
    /// node of the path spanning it and ends at the same node. An empty range
    /// may be held by two siblings: that descent starts at the root.
    pub fn descendant_for_byte_range(&self, root: Node<'a>, start: usize, end: usize) -> Option<Node<'a>> {
        if start < end {
            let spans = |n: &Node<'_>| n.start_byte() <= start && end <= n.end_byte();
            let nearest = std::iter::once(self.node).chain(self.ancestors.iter().rev().copied()).find(spans);
            if let Some(from) = nearest {
                return from.descendant_for_byte_range(start, end);
            }
        }
        root.descendant_for_byte_range(start, end)
    }
}

impl<'a> RuleContext<'a> {
    pub fn source(&self) -> &'a str {
        &self.file.text
    }

    pub fn model(&self) -> &'a FileModel {
        &self.file.model
    }

    /// Facts computed once per walk of the rules over this file.
    pub fn memo(&self) -> &'a CheckMemo {
        self.memo
    }

    /// A fact of the package computed from its files' summaries, once per
    /// package when the caller shares them (see `PackageContext::fact`, and
    /// what such a fact may be), and kept in this walk's memo. `T` names the
    /// fact: each is its own type.
    pub fn package_fact<T: Any + Send + Sync>(&self, compute: impl FnOnce(&[&FileSummary]) -> T) -> Arc<T> {
        if let Some(kept) = self.memo.with(|k: &mut KeptFact<T>| k.0.clone()) {
            return kept;
        }
        let fact = self.package.fact(&self.file.summary, compute);
        self.memo.with(|k: &mut KeptFact<T>| k.0 = Some(Arc::clone(&fact)));
        fact
    }

    /// The ancestors of `node` (the root first, its parent last) when `node`
    /// is the node this rule was called on or one of its ancestors, read off
    /// the walk (`Node::parent` descends from the root on every call);
    /// `None` for any other node: ask the tree then.
    pub fn ancestors_of(&self, node: Node<'_>) -> Option<&'a [Node<'a>]> {
        self.on_path(node).map(|(_, above)| above)
    }

    /// [`Self::ancestors_of`], with `node` itself as a node of this walk.
    pub fn on_path(&self, node: Node<'_>) -> Option<(Node<'a>, &'a [Node<'a>])> {
        self.path.on_path(node)
    }

    /// The `function` child of `call` (`field!(call, "function")`), read
    /// once per call expression when `call` is the node the walk is at.
    pub fn call_function<'n>(&self, call: Node<'n>) -> Option<Node<'n>>
    where
        'a: 'n,
    {
        self.path.call_function(call)
    }

    /// The node this rule was called on and its ancestors.
    pub fn walk_path(&self) -> WalkPath<'a> {
        self.path
    }

    /// `root.descendant_for_byte_range(start, end)` for this file's tree,
    /// descending from the walk's path where it spans the range (see
    /// [`WalkPath::descendant_for_byte_range`]).
    pub fn descendant_for_byte_range(&self, start: usize, end: usize) -> Option<Node<'a>> {
        self.path.descendant_for_byte_range(self.file.tree.root_node(), start, end)
    }

    /// [`crate::syntax::enclosing_function`], read off the walk when `node` is
    /// on its path (see [`Self::ancestors_of`]).
    pub fn enclosing_function<'n>(&self, node: Node<'n>) -> Option<Node<'n>>
    where
        'a: 'n,
    {
        match self.ancestors_of(node) {
            Some(above) => above.iter().rev().copied().find(|n| crate::syntax::is_function(*n)),
            None => crate::syntax::enclosing_function(node),
        }
    }

    pub fn text(&self, node: Node<'_>) -> &'a str {
        crate::syntax::text(node, &self.file.text)
    }

    /// Reports at the rule's default severity.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.report_with_severity(self.meta.default_severity, range, message)
    }

    /// Reports at a severity the rule chose by its evidence; configuration still wins.
    pub fn report_with_severity(
        &mut self,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let meta = self.meta;
        self.out.push(Diagnostic {
            code: meta.code,
            name: meta.name,
            family: meta.family,
            severity: self.severity_override.unwrap_or(severity),
            message: message.into(),
            range,
            related: Vec::new(),
            fix: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// A package fact in the walk's memo ([`RuleContext::package_fact`]).
struct KeptFact<T>(Option<Arc<T>>);

impl<T> Default for KeptFact<T> {
    fn default() -> Self {
        Self(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_paths_answer_like_the_tree() {
        let source = "package p\n\nvar g = ( 1 + (2) )\n\nfunc f(p *T) int {\n\tif x := (p.a); x > 0 {\n\t\treturn ((*p).b)[0]\n\t}\n\ty := []int{1,}\n\tgo func() { _ = y }()\n\treturn 0\n}\n";
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let root = tree.root_node();
        let mut checked = 0;
        crate::syntax::walk_with_ancestors(root, |node, ancestors, _| {
            let path = WalkPath::new(node, ancestors);
            // The node and every ancestor are found with their own ancestors.
            let expected: Vec<Node<'_>> = std::iter::successors(node.parent(), |n| n.parent()).collect();
            assert_eq!(
                path.on_path(node).map(|(n, a)| (n, a.iter().rev().copied().collect::<Vec<_>>())),
                Some((node, expected))
            );
            for (i, &a) in ancestors.iter().enumerate() {
                assert_eq!(path.on_path(a), Some((a, &ancestors[..i])));
            }
            // Any range, from anywhere on the path: what the root finds.
            for start in (0..source.len()).step_by(3) {
                for end in [start, start + 1, start + 4, start + 30] {
                    let end = end.min(source.len());
                    assert_eq!(
                        path.descendant_for_byte_range(root, start, end),
                        root.descendant_for_byte_range(start, end)
                    );
                }
            }
            checked += 1;
            true
        });
        assert_eq!(checked, root.descendant_count());
    }
}
