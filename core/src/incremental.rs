//! Keystroke-sized checks: the findings of each top-level declaration are
//! kept between checks of the same file and reused while neither the
//! declaration's text nor anything outside it that a rule may read changed.
//!
//! [`check_file_incremental`] returns exactly what [`check_file`] returns
//! (`core/tests/incremental.rs` compares them after thousands of edits).
//! Why reuse is sound:
//!
//! - Only the rules in [`DECL_LOCAL_RULES`] are cached. Called on a node inside a
//!   top-level declaration, such a rule reads the declaration's own subtree and
//!   text, the model's facts about it (scopes, bindings, references of bindings
//!   declared inside it), and file-wide facts that the *context* below captures;
//!   it never reads another function's body (no `references_of` of package-level
//!   bindings, no walks from the root, no lookups of other declarations' nodes).
//!   Every other rule, and the custom rules, run over the whole file every time.
//! - The context of a check is compared byte for byte with the previous one, and
//!   any difference drops every entry: the settings, the Go version, the file's
//!   path, the sibling summaries (by identity: a sibling's summary is replaced
//!   whenever it changes, and the cache holds the old one so its address cannot
//!   be reused), the text of every top-level node except function bodies (so
//!   imports, types, package variables, constants, comments, signatures and the
//!   order of declarations), this file's own summary without positions, every
//!   type declaration of the model (local ones too: `type_named` finds them),
//!   and the package-level bindings with their `address_taken` flags.
//! - An entry is found by the declaration's node kind and exact text (compared,
//!   not only hashed). Declarations containing syntax errors are not cached:
//!   error recovery depends on the text around them.
//! - Findings are stored relative to the declaration's start and shifted to its
//!   new start. A declaration whose findings point outside it (a range, related
//!   span or fix edit) is not cached. Findings whose text holds a digit may
//!   quote a line number: they are dropped when the start line of any top-level
//!   node moved.
//! - Suppression comments are applied after reuse, on the whole file.

use crate::analysis::{finish, EnabledRules, SourceFile};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::model::{BindingKind, FileSummary, PackageContext};
use crate::rules::Rule;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use tree_sitter::Node;

/// Rules whose findings for a node depend only on its top-level declaration
/// and on the context described in the module docs (audited one by one; a
/// rule missing here is simply run on the whole file).
///
/// Audit notes (what each reads beyond its declaration, and why that is in the
/// context): ESC001-ESC007 read bindings of identifiers in the declaration
/// (locals, or package-level ones whose declarations are context text), type
/// declarations, package variables of siblings, constants by name (local
/// constants of every function are context), and line numbers (digits).
/// The NIL rules listed follow local variables only (they give up on
/// package-level ones), read function summaries of this file and its siblings
/// (context), and ask whether a method of this file accepts a nil receiver
/// (`subject.rs`: the receiver facts below are context).
/// RACE001/003/004/005/011 read the declaration's statements, imports, type
/// declarations and signatures; RACE006/RACE008 work on statement text of one
/// function (RACE006 reads `address_taken` of package-level mutexes: context);
/// RACE010 follows local variables only. The PANIC rules listed read local
/// variables, summaries (`recover_helpers`), the package name, the doc comment
/// above a declaration (a top-level comment, with the blank lines between
/// top-level nodes: context) and whether the first 20 lines say the file is
/// generated (context).
/// Not cached, because they read other declarations' bodies: NIL003
/// (references of package variables anywhere in the file), RACE002, RACE007
/// (walks the file), RACE009 (the body of a function started by `go`, by
/// name), PANIC001 (looks for a `defer` of the function anywhere in the file).
pub const DECL_LOCAL_RULES: &[&str] = &[
    "ESC001", "ESC002", "ESC003", "ESC004", "ESC005", "ESC006", "ESC007", "NIL001", "NIL002", "NIL004", "NIL005",
    "NIL006", "NIL007", "NIL008", "RACE001", "RACE003", "RACE004", "RACE005", "RACE006", "RACE008", "RACE010",
    "RACE011", "PANIC002", "PANIC003", "PANIC004", "PANIC005", "PANIC006", "PANIC007", "PANIC008", "PANIC009",
    "PANIC010",
];

/// What one file's previous checks left for the next one.
#[derive(Default)]
pub struct CheckCache {
    settings: Option<Settings>,
    siblings: Vec<Arc<FileSummary>>,
    context: String,
    /// Start row of every top-level node, in order.
    line_map: Vec<usize>,
    entries: HashMap<u64, Vec<Entry>>,
}

struct Entry {
    kind: u16,
    text: Box<str>,
    /// A finding's text holds a digit (maybe a line number).
    line_sensitive: bool,
    /// The declaration's first row when it was checked.
    row: usize,
    /// Positions relative to the declaration's start.
    diagnostics: Vec<Diagnostic>,
    used: bool,
}

impl CheckCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of cached declarations (for tests and benchmarks).
    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An entry for this text; a line-sensitive one only at the same row.
    fn lookup(&mut self, key: u64, kind: u16, text: &str, row: usize) -> Option<&mut Entry> {
        let list = self.entries.get_mut(&key)?;
        list.iter_mut().find(|e| e.kind == kind && &*e.text == text && (!e.line_sensitive || e.row == row))
    }
}

/// Is this built-in rule's output cacheable per declaration?
pub fn is_decl_local(rule: &dyn Rule) -> bool {
    DECL_LOCAL_RULES.contains(&rule.meta().code)
}

/// [`check_file`](crate::analysis::check_file), reusing the findings of
/// declarations that did not change since the last call with the same `cache`.
pub fn check_file_incremental(
    file: &SourceFile,
    package: &PackageContext,
    settings: &Settings,
    cache: &mut CheckCache,
) -> Vec<Diagnostic> {
    let go_version = file.go_version(package, settings);
    let root = file.tree.root_node();
    let context = context_of(file, go_version);
    let same_siblings = cache.siblings.len() == package.siblings.len()
        && cache.siblings.iter().zip(&package.siblings).all(|(a, b)| Arc::ptr_eq(a, b));
    if !same_siblings || cache.settings.as_ref() != Some(settings) || cache.context != context {
        cache.entries.clear();
        cache.settings = Some(settings.clone());
        cache.siblings = package.siblings.clone();
        cache.context = context;
    }
    let line_map: Vec<usize> = children(root).map(|n| n.start_position().row).collect();
    if line_map != cache.line_map {
        for list in cache.entries.values_mut() {
            list.retain(|e| !e.line_sensitive);
        }
        cache.line_map = line_map;
    }

    let global = EnabledRules::new(settings, |r| !is_decl_local(r));
    let local = EnabledRules::new(settings, is_decl_local);
    let mut out = Vec::new();
    // The walk of the whole tree for the other rules also finds the first node
    // nested too deep for the rules (the depth-limit note).
    let too_deep = match global.is_empty() {
        true => crate::depth_limit::first_too_deep(root),
        false => global.walk(root, 0, file, package, go_version, &mut out),
    };
    local.check_node(root, file, package, go_version, &mut out);
    if !local.is_empty() {
        for entry in cache.entries.values_mut().flat_map(|l| l.iter_mut()) {
            entry.used = false;
        }
        for unit in children(root) {
            check_unit(unit, file, package, go_version, &local, cache, &mut out);
        }
        for list in cache.entries.values_mut() {
            list.retain(|e| e.used);
        }
        cache.entries.retain(|_, l| !l.is_empty());
    }
    finish(file, settings, out, too_deep)
}

fn check_unit(
    unit: Node<'_>,
    file: &SourceFile,
    package: &PackageContext,
    go_version: crate::model::GoVersion,
    local: &EnabledRules,
    cache: &mut CheckCache,
    out: &mut Vec<Diagnostic>,
) {
    let (start, end) = (unit.start_byte(), unit.end_byte());
    if unit.has_error() {
        local.walk(unit, 1, file, package, go_version, out);
        return;
    }
    let text = file.text.get(start..end).unwrap_or("");
    let kind = unit.kind_id();
    let key = {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        kind.hash(&mut h);
        text.hash(&mut h);
        h.finish()
    };
    let row = unit.start_position().row;
    if let Some(entry) = cache.lookup(key, kind, text, row) {
        entry.used = true;
        out.extend(entry.diagnostics.iter().map(|d| shifted(d, start as isize)));
        return;
    }
    let first = out.len();
    let too_deep = local.walk(unit, 1, file, package, go_version, out);
    let found = &out[first..];
    let inside = |r: TextRange| start <= r.start && r.end <= end;
    let contained = found.iter().all(|d| {
        inside(d.range)
            && d.related.iter().all(|r| inside(r.range))
            && d.fix.as_ref().is_none_or(|f| f.edits.iter().all(|e| inside(e.range)))
    });
    // Depth-limited declarations are rare and pathological: not cached.
    if !contained || too_deep.is_some() {
        return;
    }
    let line_sensitive = found.iter().any(mentions_digit);
    let diagnostics = found.iter().map(|d| shifted(d, -(start as isize))).collect();
    let entry = Entry { kind, text: text.into(), line_sensitive, row, diagnostics, used: true };
    cache.entries.entry(key).or_default().push(entry);
}

fn mentions_digit(d: &Diagnostic) -> bool {
    let digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
    digit(&d.message)
        || d.related.iter().any(|r| digit(&r.message))
        || d.fix.as_ref().is_some_and(|f| digit(&f.title) || f.edits.iter().any(|e| digit(&e.new_text)))
}

fn shifted(d: &Diagnostic, by: isize) -> Diagnostic {
    let shift =
        |r: TextRange| TextRange { start: r.start.saturating_add_signed(by), end: r.end.saturating_add_signed(by) };
    let mut d = d.clone();
    d.range = shift(d.range);
    d.related.iter_mut().for_each(|r| r.range = shift(r.range));
    if let Some(fix) = &mut d.fix {
        fix.edits.iter_mut().for_each(|e| e.range = shift(e.range));
    }
    d
}

/// Every child of the root, named or not. By cursor: `Node::child(i)` steps
/// through the `i` children before it, so indexing would be quadratic in the
/// number of top-level nodes (a 10 MB file of comments has 120,000).
fn children(root: Node<'_>) -> std::vec::IntoIter<Node<'_>> {
    let mut cursor = root.walk();
    let units: Vec<Node<'_>> = root.children(&mut cursor).collect();
    units.into_iter()
}

/// Everything outside function bodies that a declaration-local rule may read,
/// as text: equal contexts mean equal inputs for every unchanged declaration.
fn context_of(file: &SourceFile, go_version: crate::model::GoVersion) -> String {
    let mut s = String::with_capacity(file.text.len() / 4);
    let _ = write!(s, "{}\u{0}{:?}\u{0}", file.path, go_version);
    let source = file.text.as_str();
    // PANIC002 asks whether the first 20 lines say "Code generated".
    s.extend(source.split_inclusive('\n').take(20));
    let mut previous_end_row = 0;
    for unit in children(file.tree.root_node()) {
        let (start, end) = (unit.start_byte(), unit.end_byte());
        // Blank lines between top-level nodes decide which comment documents a declaration.
        let _ = write!(s, "\u{1}{}", unit.start_position().row.saturating_sub(previous_end_row));
        previous_end_row = unit.end_position().row;
        let body = match unit.kind() {
            "function_declaration" | "method_declaration" => {
                crate::syntax::child(unit, crate::syntax::Field::Body).map(|b| (b.start_byte(), b.end_byte()))
            }
            _ => None,
        };
        let _ = write!(s, "\u{1}{}\u{1}", unit.kind_id());
        match body {
            Some((b0, b1)) => {
                s.push_str(source.get(start..b0).unwrap_or(""));
                s.push('\u{2}');
                s.push_str(source.get(b1..end).unwrap_or(""));
            }
            None => s.push_str(source.get(start..end).unwrap_or("")),
        }
    }
    summary_context(&mut s, &file.summary);
    let model = &file.model;
    let source = file.text.as_str();
    for t in &model.types {
        let _ = write!(s, "\u{3}{}:{:?}", t.name, t.ty);
    }
    for b in &model.bindings {
        if b.kind.is_package_level() {
            let _ = write!(s, "\u{4}{}:{:?}:{}", b.name, b.kind, b.address_taken);
        } else if b.kind == BindingKind::LocalConst {
            // Constants are looked up by name in the whole file (array sizes).
            let init = b.init.and_then(|r| source.get(r.start..r.end)).unwrap_or("");
            let _ = write!(s, "\u{4}{}={}", b.name, init);
        }
    }
    receiver_context(&mut s, file);
    s
}

/// Per method of this file: whether it uses its receiver and compares it with
/// nil (`subject.rs` lets a method that does accept a nil receiver).
fn receiver_context(s: &mut String, file: &SourceFile) {
    let (model, source) = (&file.model, file.text.as_str());
    let root = file.tree.root_node();
    let units: Vec<Node<'_>> = children(root).collect();
    for f in &model.functions {
        let Some(receiver) = &f.receiver else { continue };
        let _ = write!(s, "\u{9}{:?}:{}:{}", f.name, receiver.ty.is_pointer(), receiver.binding.is_some());
        let Some(binding) = receiver.binding else { continue };
        let (mut used, mut checked) = (false, false);
        for r in model.references_of(binding) {
            used = true;
            if checked || !next_to_comparison(source, r.range) {
                continue;
            }
            // The top-level node holding the reference, then the path down to it.
            let i = units.partition_point(|u| u.end_byte() <= r.range.start);
            let Some(&unit) = units.get(i) else { continue };
            let path = crate::syntax::path_to(unit, r.range.start, r.range.end);
            let mut ancestors: Vec<Node<'_>> = vec![root];
            ancestors.extend(path.iter().take(path.len().saturating_sub(1)));
            let parent = crate::syntax::parent_unparen_index(&ancestors).map(|i| ancestors[i]);
            checked |= parent.is_some_and(|p| is_nil_comparison(p, source));
        }
        let _ = write!(s, ":{used}:{checked}");
    }
}

/// Could the reference at `range` be an operand of `==` / `!=`? A cheap look at
/// the text beside it (skipping blanks and parentheses); a comment there
/// means "maybe", so the tree decides.
fn next_to_comparison(source: &str, range: TextRange) -> bool {
    let bytes = source.as_bytes();
    let skip = |b: u8, paren: u8| b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || b == paren;
    let after = bytes.get(range.end..).unwrap_or(&[]);
    let rest: Vec<u8> = after.iter().copied().skip_while(|&b| skip(b, b')')).take(2).collect();
    let before = bytes.get(..range.start).unwrap_or(&[]);
    let mut head: Vec<u8> = before.iter().rev().copied().skip_while(|&b| skip(b, b'(')).take(2).collect();
    head.reverse();
    let operator_or_comment = |two: &[u8]| matches!(two, b"==" | b"!=") || two.contains(&b'/');
    operator_or_comment(&rest) || operator_or_comment(&head)
}

/// `x == nil` / `x != nil` (either side), as `rules::nil::flow::nil_comparison` sees it.
fn is_nil_comparison(node: Node<'_>, source: &str) -> bool {
    let node = crate::syntax::unparen(node);
    if node.kind() != "binary_expression" {
        return false;
    }
    let op = crate::syntax::child(node, crate::syntax::Field::Operator).map(|o| crate::syntax::text(o, source));
    if !matches!(op, Some("==" | "!=")) {
        return false;
    }
    let side = |field| crate::syntax::child(node, field).map(|n| crate::syntax::unparen(n).kind() == "nil");
    matches!(
        (side(crate::syntax::Field::Left), side(crate::syntax::Field::Right)),
        (Some(false), Some(true)) | (Some(true), Some(false))
    )
}

/// The file's own summary without byte positions (they move with every edit
/// above them; rules that use them for spans produce findings pointing
/// outside the declaration, which are never cached).
fn summary_context(s: &mut String, summary: &FileSummary) {
    let _ = write!(s, "\u{5}{:?}", summary.package);
    for f in &summary.functions {
        let _ = write!(
            s,
            "\u{5}{}:{:?}:{:?}:{}:{}:{:?}:{:?}:{:?}:{:?}:{}",
            f.name,
            f.receiver_type,
            f.results,
            f.calls_recover,
            f.never_returns,
            f.nil_predicate,
            f.nil_returns.any,
            f.nil_returns.with_error,
            f.nil_returns.without_error,
            f.nil_returns.nil_nil.is_some()
        );
        for p in &f.params {
            let _ = write!(s, "\u{6}{:?}:{:?}:{}", p.name, p.ty, p.dereferenced);
            if let Some(n) = &p.nonnil {
                let _ = write!(s, ":{}:{}:{}:{}", n.explicit, n.deref.is_some(), n.line, n.snippet);
            }
        }
    }
    for t in &summary.types {
        let _ = write!(s, "\u{7}{}:{:?}", t.name, t.ty);
    }
    for (name, ty) in &summary.package_vars {
        let _ = write!(s, "\u{8}{}:{:?}", name, ty);
    }
}
