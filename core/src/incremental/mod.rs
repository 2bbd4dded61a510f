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
//!   where it reads another declaration's body (a function started or
//!   deferred by name, whether any `defer` names a function), what it reads is
//!   in the context too (the audit notes at [`DECL_LOCAL_RULES`] say what, rule
//!   by rule). A rule that reads more (`references_of` a package-level binding,
//!   a walk from the root) must put that in `CrossFacts` or stay off the list.
//!   The custom rules, and any built-in rule not listed, run over the whole
//!   file every time.
//! - The context of a check is compared part by part with the previous one
//!   (`context.rs`), and any difference drops every entry: the settings, the Go
//!   version, the file's path, the first 20 lines, the sibling summaries (by
//!   identity: a sibling's summary is replaced whenever it changes, and the cache
//!   holds the old one so its address cannot be reused), per top-level node its
//!   kind, the blank lines before it and its *outline* (its text with a function
//!   body left out: imports, types, package variables, constants, comments,
//!   signatures and the order of declarations), per method whether its receiver
//!   is used and compared with nil, this file's own summary without positions,
//!   every type declaration of the model (local ones too: `type_named` finds
//!   them), the package-level bindings with their `address_taken` flags, the
//!   constants of every function, and the cross-declaration facts of the rules
//!   that read other bodies (`CrossFacts`: whether the file has a `go`
//!   statement, the names deferred anywhere, the text of functions deferred or
//!   started with `go` by name). A cross fact that reads a declaration with
//!   syntax errors makes the context differ from every other.
//! - The per-node parts come from `units.rs`: computed from the node's own
//!   subtree, they are kept by the node's kind and exact text (error-free nodes
//!   only), so a keystroke recomputes them for the edited declaration alone.
//! - An entry is found by the declaration's node kind and exact text (compared,
//!   not only hashed). Declarations containing syntax errors are not cached:
//!   error recovery depends on the text around them.
//! - Findings are stored relative to the declaration's start and shifted to its
//!   new start. A declaration whose findings point outside it (a range, related
//!   span or fix edit) is not cached. Findings whose text holds a digit may
//!   quote a line number: they are dropped when the start line of any top-level
//!   node moved.
//! - Suppression comments are applied after reuse, on the whole file. The
//!   depth-limit note comes from the declarations' walks when no rule walks the
//!   whole file (a cached declaration has no node nested too deep).

mod context;
mod receiver;
mod units;

use crate::analysis::{finish, EnabledRules, SourceFile};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::model::{FileSummary, PackageContext};
use crate::rules::Rule;
use crate::syntax::Node;
use context::Context;
use std::collections::HashMap;
use std::sync::Arc;
use units::{unit_key, UnitCache};

/// Rules whose findings for a node depend only on its top-level declaration
/// and on the context described in the module docs (audited one by one; a
/// rule missing here is simply run on the whole file).
///
/// Audit notes (what each reads beyond its declaration, and why that is in the
/// context): ESC001-ESC007 read bindings of identifiers in the declaration
/// (locals, or package-level ones whose declarations are context text), type
/// declarations, package variables of siblings, constants by name (local
/// constants of every function are context), and line numbers (digits).
/// The NIL rules follow local variables only (they give up on package-level
/// ones), read function summaries of this file and its siblings (context), and
/// ask whether a method of this file accepts a nil receiver (`subject.rs`: the
/// receiver facts are context). NIL003's first filter looks at references of an
/// argument's variable anywhere before the call: it skips package-level
/// variables (no reason to call them nil would accept them), so only the
/// references of locals, all inside the declaration, are read.
/// RACE001/003/004/005/011 read the declaration's statements, imports, type
/// declarations and signatures; RACE006/RACE008 work on statement text of one
/// function (RACE006 reads `address_taken` of package-level mutexes: context);
/// RACE010 follows local variables only. RACE002 judges variables local to the
/// function holding the `go` statement (their references are inside the
/// declaration) and the statements of that function; the types it asks about
/// come from bindings, signatures and type declarations (context).
/// RACE007 judges local channels by their references (inside the declaration);
/// `select {}` in `main` asks whether the file has any `go` statement (context).
/// RACE009 reads the body of a function or method started with `go` by name:
/// the text of the only declaration of that name is context (when there is
/// more than one, the count is); the endless loop it points at is outside the
/// declaration unless the function starts itself, so such findings are not
/// cached. The PANIC rules read local variables, summaries (`recover_helpers`:
/// which functions call `recover()`), the package name, the doc comment above
/// a declaration (a top-level comment, with the blank lines between top-level
/// nodes: context) and whether the first 20 lines say the file is generated
/// (context). PANIC001 also asks whether a named function is deferred anywhere
/// in the file (the names every `defer` calls: context) and, for
/// `defer cleanup()`, reads `cleanup`'s body and which `defer cleanup()` comes
/// first (the text of the first declaration of `cleanup` and the index of the
/// first top-level node deferring it outside other defers: context; findings in
/// `cleanup`'s body point outside the deferring declaration and are not cached).
pub const DECL_LOCAL_RULES: &[&str] = &[
    "ESC001", "ESC002", "ESC003", "ESC004", "ESC005", "ESC006", "ESC007", "NIL001", "NIL002", "NIL003", "NIL004",
    "NIL005", "NIL006", "NIL007", "NIL008", "RACE001", "RACE002", "RACE003", "RACE004", "RACE005", "RACE006",
    "RACE007", "RACE008", "RACE009", "RACE010", "RACE011", "PANIC001", "PANIC002", "PANIC003", "PANIC004", "PANIC005",
    "PANIC006", "PANIC007", "PANIC008", "PANIC009", "PANIC010",
];

/// What one file's previous checks left for the next one.
#[derive(Default)]
pub struct CheckCache {
    settings: Option<Settings>,
    siblings: Vec<Arc<FileSummary>>,
    context: Context,
    units: UnitCache,
    /// Start row of every top-level node, in order.
    line_map: Vec<usize>,
    entries: HashMap<u64, Vec<Entry>>,
}

struct Entry {
    kind: u16,
    /// Shared with the node's facts (`units.rs`).
    text: Arc<str>,
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
    let units: Vec<Node<'_>> = children(root).collect();
    let keys: Vec<u64> = units
        .iter()
        .map(|u| unit_key(u.kind_id(), file.text.get(u.start_byte()..u.end_byte()).unwrap_or("")))
        .collect();
    let facts = cache.units.facts_of(&units, &keys, &file.text, &file.model);
    let context_changed = cache.context.update(file, go_version, &units, &facts);
    let same_siblings = cache.siblings.len() == package.siblings.len()
        && cache.siblings.iter().zip(&package.siblings).all(|(a, b)| Arc::ptr_eq(a, b));
    if !same_siblings || cache.settings.as_ref() != Some(settings) || context_changed {
        cache.entries.clear();
        cache.settings = Some(settings.clone());
        cache.siblings = package.siblings.clone();
    }
    let line_map: Vec<usize> = units.iter().map(|n| n.start_position().row).collect();
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
    // nested too deep for the rules (the depth-limit note); without it, the
    // declarations' walks do (a cached declaration has no such node).
    let mut too_deep = match global.is_empty() {
        true => None,
        false => global.walk(root, 0, file, package, go_version, &mut out),
    };
    local.check_node(root, file, package, go_version, &mut out);
    if !local.is_empty() {
        for entry in cache.entries.values_mut().flat_map(|l| l.iter_mut()) {
            entry.used = false;
        }
        for ((&unit, &key), facts) in units.iter().zip(&keys).zip(&facts) {
            let deep = check_unit(unit, key, &facts.text, file, package, go_version, &local, cache, &mut out);
            if global.is_empty() && too_deep.is_none() {
                too_deep = deep;
            }
        }
        for list in cache.entries.values_mut() {
            list.retain(|e| e.used);
        }
        cache.entries.retain(|_, l| !l.is_empty());
    } else if global.is_empty() {
        too_deep = crate::depth_limit::first_too_deep(root);
    }
    finish(file, settings, out, too_deep)
}

/// Checks one top-level node, or reuses its findings; returns the first node
/// in it nested too deep for the rules.
#[allow(clippy::too_many_arguments)]
fn check_unit<'t>(
    unit: Node<'t>,
    key: u64,
    unit_text: &Arc<str>,
    file: &SourceFile,
    package: &PackageContext,
    go_version: crate::model::GoVersion,
    local: &EnabledRules,
    cache: &mut CheckCache,
    out: &mut Vec<Diagnostic>,
) -> Option<Node<'t>> {
    let (start, end) = (unit.start_byte(), unit.end_byte());
    if unit.has_error() {
        return local.walk(unit, 1, file, package, go_version, out);
    }
    let text = file.text.get(start..end).unwrap_or("");
    let kind = unit.kind_id();
    let row = unit.start_position().row;
    if let Some(entry) = cache.lookup(key, kind, text, row) {
        entry.used = true;
        out.extend(entry.diagnostics.iter().map(|d| shifted(d, start as isize)));
        return None;
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
        return too_deep;
    }
    let line_sensitive = found.iter().any(mentions_digit);
    let diagnostics = found.iter().map(|d| shifted(d, -(start as isize))).collect();
    let entry = Entry { kind, text: unit_text.clone(), line_sensitive, row, diagnostics, used: true };
    cache.entries.entry(key).or_default().push(entry);
    None
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
