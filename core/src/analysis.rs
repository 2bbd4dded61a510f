//! One file through the pipeline: parse -> model -> rules (one walk) ->
//! suppression -> sorted diagnostics.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::model::{top_level_nodes, FileModel, FileSummary, GoVersion, PackageContext, TextShift};
use crate::rules::{all_rules, CheckMemo, Rule, RuleContext};
use crate::suppress::Suppressions;
use crate::syntax::{self, FlatTree, LineIndex};
use std::sync::Arc;
use tree_sitter::{InputEdit, Point, Tree};

/// A parsed and modelled Go file.
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// The tree every rule and the model read (see `syntax::FlatTree`).
    pub tree: FlatTree,
    /// tree-sitter's tree of the same text: the parser reuses it on an edit,
    /// and custom queries run on it. `None` once released
    /// ([`Self::release_parse_tree`]).
    pub ts_tree: Option<Tree>,
    pub lines: LineIndex,
    pub model: FileModel,
    pub summary: Arc<FileSummary>,
    /// The minimum Go version the file's `//go:build` line requires.
    pub build_go_version: Option<GoVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot parse: {}", self.0)
    }
}

impl std::error::Error for ParseError {}

impl SourceFile {
    pub fn new(path: &str, text: String) -> Result<Self, ParseError> {
        let tree = syntax::parse(&text).ok_or_else(|| ParseError(syntax::parse_failure_message(path)))?;
        Ok(Self::from_tree(path, text, tree))
    }

    /// [`Self::new`] for a file an editor will [`edit`](Self::edit): its flat
    /// tree keeps the keys by which an edit copies the subtrees the reparse
    /// reused ([`FlatTree::reparsed`]), so the first keystroke after opening a
    /// file costs what the next ones do, not a copy of the whole tree (7.4M
    /// instructions in net/http's 348 KB h2_bundle.go). The keys take about
    /// 16 bytes per node with 32 or more descendants.
    pub fn new_editable(path: &str, text: String) -> Result<Self, ParseError> {
        let ts_tree = syntax::parse(&text).ok_or_else(|| ParseError(syntax::parse_failure_message(path)))?;
        let tree = FlatTree::reparsed(&ts_tree, &text, None);
        Ok(Self::from_flat_tree(path, text, Some(ts_tree), tree, None))
    }

    /// [`Self::new`] for a text whose summary is already known (the CLI parses
    /// a file again after dropping its first tree): the summary is not
    /// computed twice. `summary` must be the summary of this same text.
    pub fn with_summary(path: &str, text: String, summary: Arc<FileSummary>) -> Result<Self, ParseError> {
        let tree = syntax::parse(&text).ok_or_else(|| ParseError(syntax::parse_failure_message(path)))?;
        Ok(Self::from_tree_and_summary(path, text, tree, Some(summary)))
    }

    /// [`Self::new`] for a file checked once and never edited (the CLI
    /// without custom rules): tree-sitter's tree is freed while its flat copy
    /// is made ([`FlatTree::consume`]), before the model is built. `summary`,
    /// when given, must be the summary of this same text (as for
    /// [`Self::with_summary`]).
    pub fn checked_once(path: &str, text: String, summary: Option<Arc<FileSummary>>) -> Result<Self, ParseError> {
        let ts_tree = syntax::parse_once(&text).ok_or_else(|| ParseError(syntax::parse_failure_message(path)))?;
        let tree = FlatTree::consume(ts_tree, &text);
        Ok(Self::from_flat_tree(path, text, None, tree, summary))
    }

    fn from_tree(path: &str, text: String, tree: Tree) -> Self {
        Self::from_tree_and_summary(path, text, tree, None)
    }

    fn from_tree_and_summary(path: &str, text: String, ts_tree: Tree, summary: Option<Arc<FileSummary>>) -> Self {
        let tree = FlatTree::new(&ts_tree, &text);
        Self::from_flat_tree(path, text, Some(ts_tree), tree, summary)
    }

    fn from_flat_tree(
        path: &str,
        text: String,
        ts_tree: Option<Tree>,
        tree: FlatTree,
        summary: Option<Arc<FileSummary>>,
    ) -> Self {
        let top_level = top_level_nodes(&tree);
        let model = FileModel::build_with(&tree, &top_level, &text);
        let summary =
            summary.unwrap_or_else(|| Arc::new(FileSummary::new_with(path, &model, &tree, &top_level, &text)));
        drop(top_level);
        Self::from_parts(path, text, ts_tree, tree, model, summary)
    }

    fn from_parts(
        path: &str,
        text: String,
        ts_tree: Option<Tree>,
        tree: FlatTree,
        model: FileModel,
        summary: Arc<FileSummary>,
    ) -> Self {
        Self {
            path: path.to_string(),
            lines: LineIndex::new(&text),
            build_go_version: GoVersion::from_build_constraint(&text),
            text,
            tree,
            ts_tree,
            model,
            summary,
        }
    }

    /// Replaces `range` with `new_text`, reparsing incrementally. The range is
    /// clamped to the text and moved to character boundaries, so any input is safe.
    pub fn edit(&mut self, range: TextRange, new_text: &str) -> Result<(), ParseError> {
        let start = floor_char_boundary(&self.text, range.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, range.end.clamp(start, self.text.len()));
        // From the line index, not `syntax::point_at`: counting the lines of
        // the text before the edit was a tenth of a keystroke's instructions.
        let start_position = self.point_at(start);
        let old_end_position = self.point_at(end);
        let new_end_position = match new_text.rfind('\n') {
            Some(last) => Point {
                row: start_position.row + new_text.bytes().filter(|&b| b == b'\n').count(),
                column: new_text.len() - last - 1,
            },
            None => Point { row: start_position.row, column: start_position.column + new_text.len() },
        };
        let mut text = std::mem::take(&mut self.text);
        text.replace_range(start..end, new_text);
        let new_end = start + new_text.len();
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position,
        };
        let parsed = match &self.ts_tree {
            Some(old) => {
                let mut old = old.clone();
                old.edit(&edit);
                syntax::reparse(&text, &old)
            }
            None => syntax::parse(&text),
        };
        let ts_tree = match parsed {
            Some(tree) => tree,
            None => {
                // The line index must follow the text: the next edit reads positions from it.
                self.lines = LineIndex::new(&text);
                self.text = text;
                // The model no longer matches the text: the next one is built from scratch.
                self.model.forget_units();
                return Err(ParseError(syntax::parse_failure_message(&self.path)));
            }
        };
        let shift = TextShift { start, old_end: end, new_end };
        // Reused subtrees are copied from the previous flat tree, whose keys
        // are addresses in `self.ts_tree`: only when the reparse started
        // from that tree (still alive here).
        let previous = self.ts_tree.is_some().then_some(&self.tree);
        let tree = FlatTree::reparsed(&ts_tree, &text, previous);
        let top_level = top_level_nodes(&tree);
        let rebuilt = FileModel::rebuild(&tree, &top_level, &text, std::mem::take(&mut self.model), shift);
        let model = rebuilt.model;
        let summary = match rebuilt.same_package_names {
            true => {
                let previous = std::mem::take(&mut self.summary);
                FileSummary::rebuild(&self.path, &model, &tree, &top_level, &text, previous, shift)
            }
            false => FileSummary::new_with(&self.path, &model, &tree, &top_level, &text),
        };
        drop(top_level);
        *self = Self::from_parts(&self.path.clone(), text, Some(ts_tree), tree, model, Arc::new(summary));
        Ok(())
    }

    /// tree-sitter's tree of the text: the one kept, or (once released) a new parse.
    pub fn parse_tree(&self) -> Option<Tree> {
        match &self.ts_tree {
            Some(tree) => Some(tree.clone()),
            None => syntax::parse(&self.text),
        }
    }

    /// Frees tree-sitter's tree, which takes 28 to 35 bytes per byte of
    /// source, several times the flat tree the model and rules read. For a
    /// file kept only to be checked once (the CLI): a custom query or an edit
    /// afterwards parses the text again.
    pub fn release_parse_tree(&mut self) {
        self.ts_tree = None;
    }

    /// The tree-sitter point (0-based row, byte column) of a character boundary.
    fn point_at(&self, offset: usize) -> Point {
        let at = self.lines.line_col(offset);
        Point { row: at.line as usize, column: at.col as usize }
    }

    /// The Go version this file is compiled with.
    pub fn go_version(&self, package: &PackageContext, settings: &Settings) -> GoVersion {
        self.build_go_version
            .or(settings.go_version)
            .or(package.module_go_version)
            .unwrap_or(settings.default_go_version)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Syntax-tree depth below which rules run (a Go file nests a few dozen levels).
pub const MAX_RULE_DEPTH: u32 = 1_000;

/// Runs every enabled rule over `file` in one walk of its tree and returns the
/// findings that no suppression comment silences, sorted by position.
pub fn check_file(file: &SourceFile, package: &PackageContext, settings: &Settings) -> Vec<Diagnostic> {
    let rules = EnabledRules::new(settings, |_| true);
    let go_version = file.go_version(package, settings);
    let mut out = Vec::new();
    let too_deep = match rules.is_empty() {
        true => None,
        false => rules.walk(file.tree.root_node(), 0, file, package, go_version, &mut out),
    };
    finish(file, settings, out, too_deep)
}

/// The enabled built-in rules with their severity overrides, indexed by the
/// node kinds they are called for.
pub(crate) struct EnabledRules {
    enabled: Vec<(&'static dyn Rule, Option<crate::diagnostic::Severity>)>,
    by_kind: Vec<Vec<usize>>,
}

impl EnabledRules {
    /// The rules `settings` enables and `keep` accepts.
    pub(crate) fn new(settings: &Settings, keep: impl Fn(&'static dyn Rule) -> bool) -> Self {
        let language = syntax::go_language();
        let enabled: Vec<(&'static dyn Rule, Option<crate::diagnostic::Severity>)> = all_rules()
            .iter()
            .copied()
            .filter(|r| settings.rules.is_enabled(r.meta()) && keep(*r))
            .map(|r| (r, settings.rules.severity_override(r.meta())))
            .collect();
        let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); language.node_kind_count()];
        for (i, (rule, _)) in enabled.iter().enumerate() {
            for &id in rule_kind_ids(*rule).iter() {
                if let Some(slot) = by_kind.get_mut(id as usize) {
                    slot.push(i);
                }
            }
        }
        Self { enabled, by_kind }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.enabled.is_empty()
    }

    /// Calls the rules on `node` alone (not its children).
    pub(crate) fn check_node(
        &self,
        node: crate::syntax::Node<'_>,
        file: &SourceFile,
        package: &PackageContext,
        go_version: GoVersion,
        out: &mut Vec<Diagnostic>,
    ) {
        // Outside a walk: the node's ancestors by climbing (root first), once.
        let mut ancestors: Vec<crate::syntax::Node<'_>> =
            std::iter::successors(node.parent(), |n| n.parent()).collect();
        ancestors.reverse();
        self.check_node_with(node, &ancestors, file, package, go_version, &CheckMemo::default(), out);
    }

    /// [`Self::check_node`] sharing `memo` with the other nodes of a walk.
    /// `ancestors`: those of `node`, the root first.
    #[allow(clippy::too_many_arguments)]
    fn check_node_with<'t>(
        &self,
        node: crate::syntax::Node<'t>,
        ancestors: &[crate::syntax::Node<'t>],
        file: &SourceFile,
        package: &PackageContext,
        go_version: GoVersion,
        memo: &CheckMemo,
        out: &mut Vec<Diagnostic>,
    ) {
        let rules = self.by_kind.get(node.kind_id() as usize).map(Vec::as_slice).unwrap_or(&[]);
        if rules.is_empty() {
            return;
        }
        let path = crate::rules::WalkPath::new(node, ancestors);
        for &i in rules {
            let (rule, severity_override) = self.enabled[i];
            let meta = rule.meta();
            let mut cx = RuleContext { file, package, go_version, meta, severity_override, out, memo, path };
            rule.check(node, &mut cx);
        }
    }

    /// Calls the rules on `top` and every node below it; `depth` is the depth
    /// of `top` in the file's tree (the root is 0). Returns the first node, in
    /// pre-order, nested too deep to be checked (what `depth_limit` reports).
    pub(crate) fn walk<'t>(
        &self,
        top: crate::syntax::Node<'t>,
        depth: u32,
        file: &SourceFile,
        package: &PackageContext,
        go_version: GoVersion,
        out: &mut Vec<Diagnostic>,
    ) -> Option<crate::syntax::Node<'t>> {
        let mut too_deep = None;
        // One memo per walk: it lives no longer than this file and package.
        let memo = CheckMemo::default();
        // The walk keeps the ancestors of each node (root first) so rules read
        // them without `Node::parent`; those of `top` (the root for a top-level
        // node) are climbed once here.
        let mut above_top: Vec<crate::syntax::Node<'t>> = std::iter::successors(top.parent(), |n| n.parent()).collect();
        above_top.reverse();
        // Named nodes only: rules are called on named kinds, and anonymous
        // nodes (close to half of a tree) are leaves.
        let mut walk = syntax::Preorder::named(top, above_top);
        while let Some(node) = walk.next() {
            // Rules look at ancestors and at the text of enclosing functions, so
            // absurd nesting would cost O(depth^2): nodes nested deeper than this
            // are not checked (issue #13; real Go stays far below).
            let level = depth + walk.depth();
            if level > MAX_RULE_DEPTH {
                too_deep.get_or_insert(node);
                walk.skip_children();
                continue;
            }
            self.check_node_with(node, walk.ancestors(), file, package, go_version, &memo, out);
            if level == MAX_RULE_DEPTH {
                // The first node too deep, in pre-order, is the first child (named
                // or not) of the first node at the limit that has children.
                if too_deep.is_none() {
                    too_deep = node.child(0);
                }
                walk.skip_children();
            }
        }
        too_deep
    }
}

/// Custom rules, suppression, clamping, order: what every check does after
/// the built-in rules ran. `too_deep`: the first node the walk of the whole
/// tree skipped for its depth (found by that walk, so no second walk is needed).
pub(crate) fn finish(
    file: &SourceFile,
    settings: &Settings,
    mut out: Vec<Diagnostic>,
    too_deep: Option<crate::syntax::Node<'_>>,
) -> Vec<Diagnostic> {
    // User-defined rules (faultline.toml / .faultline/rules): their own bounded queries.
    crate::custom::check_file(&settings.custom_rules, file, &settings.rules, &mut out);
    // Nodes nested deeper than MAX_RULE_DEPTH were skipped: say so (LIMIT001).
    crate::depth_limit::note_depth_limit_at(too_deep, file, settings, &mut out);

    let suppressions = Suppressions::new(file);
    out.retain(|d| !suppressions.is_suppressed(file, d));
    for d in &mut out {
        clamp_to_text(d, file.text.len());
    }
    out.sort_by(|a, b| (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code)));
    out.dedup_by(|a, b| a.range == b.range && a.code == b.code);
    out
}

/// The node kind ids of a built-in rule's `node_kinds`, looked up once per
/// process (each lookup by name scans the grammar's symbol names).
fn rule_kind_ids(rule: &'static dyn Rule) -> std::borrow::Cow<'static, [u16]> {
    static IDS: std::sync::OnceLock<Vec<(&'static str, Vec<u16>)>> = std::sync::OnceLock::new();
    let table = IDS.get_or_init(|| all_rules().iter().map(|r| (r.meta().code, kind_ids(r.node_kinds()))).collect());
    match table.iter().find(|(code, _)| *code == rule.meta().code) {
        Some((_, ids)) => std::borrow::Cow::Borrowed(ids.as_slice()),
        // A rule outside the registry: look its kinds up on every call.
        None => std::borrow::Cow::Owned(kind_ids(rule.node_kinds())),
    }
}

fn kind_ids(kinds: &[&str]) -> Vec<u16> {
    let language = syntax::go_language();
    kinds.iter().map(|kind| language.id_for_node_kind(kind, true)).filter(|&id| id != 0).collect()
}

fn clamp_to_text(d: &mut Diagnostic, len: usize) {
    let clamp = |r: &mut TextRange| {
        r.start = r.start.min(len);
        r.end = r.end.clamp(r.start, len);
    };
    clamp(&mut d.range);
    d.related.iter_mut().for_each(|r| clamp(&mut r.range));
}
