//! The context of an incremental check: everything outside a declaration
//! that a declaration-local rule may read (see the module docs of
//! `incremental`). Kept in parts and compared part by part with the previous
//! check's, without formatting anything: unchanged top-level nodes share their
//! facts with the previous check (compared by address), the summary is
//! compared field by field, types structurally.

use super::units::UnitFacts;
use crate::analysis::SourceFile;
use crate::model::{BindingKind, FileSummary, FunctionSummary, GoVersion, ParamSummary, TypeExpr};
use crate::syntax::Node;
use std::sync::Arc;

#[derive(Default)]
pub(super) struct Context {
    path: String,
    go_version: Option<GoVersion>,
    /// The first 20 lines (PANIC002: "Code generated ... DO NOT EDIT").
    head: String,
    units: Vec<UnitPart>,
    summary: Option<Arc<FileSummary>>,
    types: Vec<(String, TypeExpr)>,
    bindings: Vec<BindingPart>,
    cross: CrossFacts,
}

/// One top-level node: the blank lines before it (they decide which comment
/// documents a declaration) and its facts (kind, outline, receiver).
struct UnitPart {
    gap: usize,
    facts: Arc<UnitFacts>,
}

impl UnitPart {
    fn same(&self, gap: usize, facts: &Arc<UnitFacts>) -> bool {
        self.gap == gap
            && (Arc::ptr_eq(&self.facts, facts)
                || (self.facts.same_outline(facts) && self.facts.receiver == facts.receiver))
    }
}

#[derive(PartialEq)]
enum BindingPart {
    /// A package-level name (ESC, RACE006 read `address_taken`).
    Package(String, BindingKind, bool),
    /// A function's constant: looked up by name in the whole file (array sizes).
    LocalConst(String, String),
}

/// Facts of other declarations' bodies that the non-obvious rules read.
#[derive(Default, PartialEq)]
struct CrossFacts {
    /// RACE007: some `go` statement in the file.
    has_go: bool,
    /// PANIC001 (`defer log.Println(recover())` in a named function): every
    /// name some `defer` calls, sorted.
    deferred: Vec<Box<str>>,
    /// PANIC001 (`defer cleanup()`): per name deferred as a plain identifier,
    /// the index of the first top-level node with such a `defer` outside other
    /// defers, and the text of the first function declaration of that name.
    deferred_functions: Vec<NamedFunction<Box<str>>>,
    /// RACE009: per function (false) or method (true) name started by `go`,
    /// how many declarations have that name and the text of the only one.
    started: Vec<NamedFunction<(bool, Box<str>)>>,
    /// A function above is declared with syntax errors: its tree may change
    /// with text elsewhere, so this context never equals the next one.
    volatile: bool,
}

/// A function other declarations read by name: for `deferred_functions`, the
/// first top-level node deferring it and its first declaration; for `started`,
/// the number of declarations and the only one.
#[derive(PartialEq)]
struct NamedFunction<K> {
    name: K,
    where_or_count: Option<usize>,
    text: Option<Arc<str>>,
}

impl Context {
    /// Brings the context up to date with `file`; true when it changed.
    pub fn update(
        &mut self,
        file: &SourceFile,
        go_version: GoVersion,
        units: &[Node<'_>],
        facts: &[Arc<UnitFacts>],
    ) -> bool {
        let mut same = true;
        if self.path != file.path {
            self.path = file.path.clone();
            same = false;
        }
        if self.go_version != Some(go_version) {
            self.go_version = Some(go_version);
            same = false;
        }
        let head_len: usize = file.text.split_inclusive('\n').take(20).map(str::len).sum();
        let head = file.text.get(..head_len).unwrap_or("");
        if self.head != head {
            self.head = head.to_string();
            same = false;
        }
        same &= self.update_units(units, facts);
        let summary_same = self.summary.as_ref().is_some_and(|s| same_summary(s, &file.summary));
        if !summary_same {
            self.summary = Some(file.summary.clone());
            same = false;
        }
        same &= self.update_types(file);
        same &= self.update_bindings(file);
        let cross = CrossFacts::of(facts);
        if cross != self.cross || cross.volatile {
            self.cross = cross;
            same = false;
        }
        !same
    }

    fn update_units(&mut self, units: &[Node<'_>], facts: &[Arc<UnitFacts>]) -> bool {
        let mut previous_end_row = 0;
        let gaps = units.iter().map(|u| {
            let gap = u.start_position().row.saturating_sub(previous_end_row);
            previous_end_row = u.end_position().row;
            gap
        });
        let parts: Vec<(usize, &Arc<UnitFacts>)> = gaps.zip(facts).collect();
        let same = self.units.len() == parts.len() && self.units.iter().zip(&parts).all(|(u, (g, f))| u.same(*g, f));
        // Unchanged nodes share facts with the previous check, so the new
        // ones are stored even when equal: the next comparison is by address.
        self.units = parts.into_iter().map(|(gap, facts)| UnitPart { gap, facts: facts.clone() }).collect();
        same
    }

    fn update_types(&mut self, file: &SourceFile) -> bool {
        let types = &file.model.types;
        let same = self.types.len() == types.len()
            && self.types.iter().zip(types).all(|((name, ty), t)| *name == t.name && *ty == t.ty);
        if !same {
            self.types = types.iter().map(|t| (t.name.clone(), t.ty.clone())).collect();
        }
        same
    }

    fn update_bindings(&mut self, file: &SourceFile) -> bool {
        let source = file.text.as_str();
        let part_eq = |part: &BindingPart, b: &crate::model::Binding| match part {
            BindingPart::Package(name, kind, address_taken) => {
                *name == b.name && *kind == b.kind && *address_taken == b.address_taken
            }
            BindingPart::LocalConst(name, init) => {
                *name == b.name && b.kind == BindingKind::LocalConst && init == const_init(b, source)
            }
        };
        let relevant = |b: &&crate::model::Binding| b.kind.is_package_level() || b.kind == BindingKind::LocalConst;
        let mut previous = self.bindings.iter();
        let mut same =
            file.model.bindings.iter().filter(relevant).all(|b| previous.next().is_some_and(|p| part_eq(p, b)));
        same &= previous.next().is_none();
        if !same {
            self.bindings = file
                .model
                .bindings
                .iter()
                .filter(relevant)
                .map(|b| match b.kind {
                    BindingKind::LocalConst => BindingPart::LocalConst(b.name.clone(), const_init(b, source).into()),
                    kind => BindingPart::Package(b.name.clone(), kind, b.address_taken),
                })
                .collect();
        }
        same
    }
}

fn const_init<'s>(b: &crate::model::Binding, source: &'s str) -> &'s str {
    b.init.and_then(|r| source.get(r.start..r.end)).unwrap_or("")
}

impl CrossFacts {
    fn of(facts: &[Arc<UnitFacts>]) -> Self {
        let mut cross = CrossFacts { has_go: facts.iter().any(|f| f.has_go), ..Default::default() };
        let mut deferred: Vec<&Box<str>> = facts.iter().flat_map(|f| &f.deferred).collect();
        deferred.sort_unstable();
        deferred.dedup();
        cross.deferred = deferred.into_iter().cloned().collect();

        let mut idents: Vec<&Box<str>> = facts.iter().flat_map(|f| &f.deferred_idents).collect();
        idents.sort_unstable();
        idents.dedup();
        for name in idents {
            let first_defer = facts.iter().position(|f| f.visible_deferred_idents.contains(name));
            let declaration = facts.iter().find(|f| f.name.as_ref().is_some_and(|(method, n)| !method && n == name));
            cross.volatile |= declaration.is_some_and(|d| d.has_error);
            let text = declaration.map(|d| d.text.clone());
            cross.deferred_functions.push(NamedFunction { name: name.clone(), where_or_count: first_defer, text });
        }

        let mut started: Vec<&(bool, Box<str>)> = facts.iter().flat_map(|f| &f.go_started).collect();
        started.sort_unstable();
        started.dedup();
        for key in started {
            let mut matching = facts.iter().filter(|f| f.name.as_ref() == Some(key));
            let first = matching.next();
            let count = usize::from(first.is_some()) + matching.count();
            let only = first.filter(|_| count == 1);
            cross.volatile |= only.is_some_and(|d| d.has_error);
            let text = only.map(|d| d.text.clone());
            cross.started.push(NamedFunction { name: key.clone(), where_or_count: Some(count), text });
        }
        cross
    }
}

/// The file's own summary without byte positions (they move with every edit
/// above them; rules that use them for spans produce findings pointing
/// outside the declaration, which are never cached).
fn same_summary(a: &FileSummary, b: &FileSummary) -> bool {
    a.package == b.package
        && a.functions.len() == b.functions.len()
        && a.functions.iter().zip(&b.functions).all(|(f, g)| same_function(f, g))
        && a.types.len() == b.types.len()
        && a.types.iter().zip(&b.types).all(|(s, t)| s.name == t.name && s.ty == t.ty)
        && a.package_vars == b.package_vars
}

fn same_function(f: &FunctionSummary, g: &FunctionSummary) -> bool {
    f.name == g.name
        && f.receiver_type == g.receiver_type
        && f.results == g.results
        && f.calls_recover == g.calls_recover
        && f.never_returns == g.never_returns
        && f.nil_predicate == g.nil_predicate
        && f.nil_returns.any == g.nil_returns.any
        && f.nil_returns.with_error == g.nil_returns.with_error
        && f.nil_returns.without_error == g.nil_returns.without_error
        && f.nil_returns.nil_nil.is_some() == g.nil_returns.nil_nil.is_some()
        && f.params.len() == g.params.len()
        && f.params.iter().zip(&g.params).all(|(p, q)| same_param(p, q))
}

fn same_param(p: &ParamSummary, q: &ParamSummary) -> bool {
    fn contract(n: &Option<crate::model::nil_facts::NonNilParam>) -> Option<(bool, bool, u32, &str)> {
        n.as_ref().map(|n| (n.explicit, n.deref.is_some(), n.line, n.snippet.as_str()))
    }
    p.name == q.name && p.ty == q.ty && p.dereferenced == q.dereferenced && contract(&p.nonnil) == contract(&q.nonnil)
}
