//! Which values are, point to, or contain `sync` and `sync/atomic` types,
//! told from the types written in the source and the package's own type
//! declarations (this file's and its siblings'), without a type checker.
//!
//! Stable API (shared by the RACE rules; keep it source-compatible):
//!
//! - [`SyncKind`]: `Mutex`, `RWMutex`, `WaitGroup`, `Once`, `Cond`, `Pool`, `Map`,
//!   `Atomic(name)` (`atomic.Int64`, `atomic.Value`, ...). `kind.type_name()` gives
//!   `"sync.Mutex"` etc. for messages; `kind.is_lock()` is true for Mutex/RWMutex.
//! - [`SyncImports::of(model)`]: the names this file uses for `"sync"` and `"sync/atomic"`
//!   (aliases and dot imports respected). [`SyncImports::kind_of(ty)`]: `ty` IS a sync type
//!   (not a pointer to one).
//! - [`TypeEnv::new(cx)`]: a cheap, `Copy` view of the file and package that borrows
//!   nothing from `cx` mutably, so a rule can keep it while it reports. Methods:
//!   - `env.underlying(ty)`: the declared type of a package-local named type (one step);
//!     `env.resolve_type(ty)`: followed until it is no local name.
//!   - `env.contained_sync(ty) -> Option<SyncPath>`: `ty` holds a sync value BY VALUE
//!     (directly, in struct fields, embedded fields, arrays, through local named types and
//!     aliases; not through pointers, slices, maps, channels or interfaces). `SyncPath`
//!     has the `kind` and the field `path` (`["inner", "mu"]`) for messages.
//!   - `env.expr_type(node) -> Option<TypeExpr>`: best-effort static type of an expression
//!     (identifiers, selectors through struct fields with auto-deref and embedded promotion,
//!     `&x`, `*x`, `<-ch`, index/slice expressions, composite literals, `new(T)`,
//!     `make(T)`, type assertions, calls of package functions/methods with known results).
//!   - `env.binding_type(id) -> Option<TypeExpr>`: same for a binding (declared type,
//!     initializer, range key/value, i-th result of a multi-value call).
//!   - `env.expr_sync_kind(node) -> Option<SyncKind>`: the expression is a sync value or a
//!     pointer to one (`wg` in `wg.Add(1)`, `s.mu` in `s.mu.Lock()`).
//!   - `env.field_type(ty, name) -> Option<TypeExpr>`: a field of a struct type (auto-deref,
//!     embedded promotion).
//!
//! Everything is bounded (depth limits, no recursion over syntax trees) and answers
//! `None` when unsure.

use crate::model::fast_hash::FastMap;
use crate::model::{BindingId, BindingKind, FileModel, PackageContext, TypeExpr};
use crate::rules::{CheckMemo, RuleContext, WalkPath};
use crate::syntax::FastNode;
use crate::syntax::{field, named_children, text, unparen};
use crate::syntax::{FlatTree, Node};

/// How far a chain of bindings, named types or embedded fields is followed.
const MAX_DEPTH: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncKind {
    Mutex,
    RWMutex,
    WaitGroup,
    Once,
    Cond,
    Pool,
    Map,
    /// A `sync/atomic` type, by its name (`Int64`, `Value`, `Pointer`, ...).
    Atomic(&'static str),
}

const ATOMIC_TYPES: &[&str] = &["Bool", "Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Pointer", "Value"];

impl SyncKind {
    /// `sync.Mutex`, `atomic.Int64`, ... as the standard library spells them.
    pub fn type_name(self) -> String {
        match self {
            SyncKind::Mutex => "sync.Mutex".into(),
            SyncKind::RWMutex => "sync.RWMutex".into(),
            SyncKind::WaitGroup => "sync.WaitGroup".into(),
            SyncKind::Once => "sync.Once".into(),
            SyncKind::Cond => "sync.Cond".into(),
            SyncKind::Pool => "sync.Pool".into(),
            SyncKind::Map => "sync.Map".into(),
            SyncKind::Atomic(name) => format!("atomic.{name}"),
        }
    }

    /// `sync.Mutex` or `sync.RWMutex`.
    pub fn is_lock(self) -> bool {
        matches!(self, SyncKind::Mutex | SyncKind::RWMutex)
    }

    fn of_sync_name(name: &str) -> Option<SyncKind> {
        Some(match name {
            "Mutex" => SyncKind::Mutex,
            "RWMutex" => SyncKind::RWMutex,
            "WaitGroup" => SyncKind::WaitGroup,
            "Once" => SyncKind::Once,
            "Cond" => SyncKind::Cond,
            "Pool" => SyncKind::Pool,
            "Map" => SyncKind::Map,
            _ => return None,
        })
    }

    fn of_atomic_name(name: &str) -> Option<SyncKind> {
        ATOMIC_TYPES.iter().find(|t| **t == name).map(|t| SyncKind::Atomic(t))
    }
}

/// The names a file imports `sync` and `sync/atomic` under.
#[derive(Debug, Clone, Copy, Default)]
pub struct SyncImports<'a> {
    pub sync: Option<&'a str>,
    pub atomic: Option<&'a str>,
    /// `import . "sync"`: `Mutex` unqualified means `sync.Mutex`.
    pub sync_dot: bool,
    pub atomic_dot: bool,
}

impl<'a> SyncImports<'a> {
    pub fn of(model: &'a FileModel) -> Self {
        let mut out = SyncImports::default();
        for import in &model.imports {
            let dot = import.name == ".";
            match import.path.as_str() {
                "sync" if dot => out.sync_dot = true,
                "sync" if import.name != "_" => out.sync = Some(&import.name),
                "sync/atomic" if dot => out.atomic_dot = true,
                "sync/atomic" if import.name != "_" => out.atomic = Some(&import.name),
                _ => {}
            }
        }
        out
    }

    /// True when the file imports neither package: no sync value can be written by name.
    pub fn is_empty(&self) -> bool {
        self.sync.is_none() && self.atomic.is_none() && !self.sync_dot && !self.atomic_dot
    }

    /// `ty` is itself a sync or atomic type (not a pointer to one).
    pub fn kind_of(&self, ty: &TypeExpr) -> Option<SyncKind> {
        let TypeExpr::Named { package, name } = ty else { return None };
        match package.as_deref() {
            Some(p) if Some(p) == self.sync => SyncKind::of_sync_name(name),
            Some(p) if Some(p) == self.atomic => SyncKind::of_atomic_name(name),
            None if self.sync_dot => SyncKind::of_sync_name(name),
            None if self.atomic_dot => SyncKind::of_atomic_name(name),
            _ => None,
        }
    }
}

/// Where a sync value sits inside a type held by value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPath {
    pub kind: SyncKind,
    /// Field names from the outer value to the sync value; empty when the value
    /// is the sync value itself; `"[i]"` for an array element.
    pub path: Vec<String>,
}

impl SyncPath {
    /// `"mu"`, `"inner.mu"`, or `""` for the value itself.
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for part in &self.path {
            if !out.is_empty() && !part.starts_with('[') {
                out.push('.');
            }
            out.push_str(part);
        }
        out
    }
}

/// The file and package as the type helpers need them.
#[derive(Clone, Copy)]
pub struct TypeEnv<'a> {
    pub model: &'a FileModel,
    pub source: &'a str,
    pub tree: &'a FlatTree,
    pub package: &'a PackageContext,
    pub imports: SyncImports<'a>,
    /// The walk's memo, where binding types are kept (`None`: not kept).
    memo: Option<&'a CheckMemo>,
    /// Where the rules walk is, to find initializers from there (`None`:
    /// from the root).
    walk: Option<WalkPath<'a>>,
}

/// What `TypeEnv::binding_type_at` answered for a binding, and at which
/// depths. Finding a binding's initializer (`descendant_for_byte_range`) and
/// typing it cost thousands of instructions, and the same bindings are asked
/// for again and again (RACE005 types every copied operand), at different
/// depths (`x` at 1, `x.f` at 2).
///
/// The answer depends on the depth only through the cut at `MAX_DEPTH`, and
/// every `None` found below a typing step makes that step `None` too (no
/// typing falls back to another answer). So a binding is typed the same at
/// every depth up to some limit and `None` beyond it: a type found at depth
/// `d` is the answer at every depth up to `d`, a `None` at `d` the answer at
/// every depth from `d` on, and a kept answer is exactly what computing it
/// again would give.
#[derive(Default)]
struct BindingTypes(FastMap<BindingId, KnownType>);

#[derive(Default)]
struct KnownType {
    /// The type, and the deepest depth it was found at.
    found: Option<(TypeExpr, usize)>,
    /// The shallowest depth that answered `None`.
    none_from: Option<usize>,
}

impl KnownType {
    fn at(&self, depth: usize) -> Option<Option<TypeExpr>> {
        match (&self.found, self.none_from) {
            (Some((ty, deepest)), _) if depth <= *deepest => Some(Some(ty.clone())),
            (_, Some(from)) if depth >= from => Some(None),
            _ => None,
        }
    }

    fn keep(&mut self, depth: usize, answer: &Option<TypeExpr>) {
        match answer {
            Some(ty) => match &mut self.found {
                Some((_, deepest)) => *deepest = (*deepest).max(depth),
                None => self.found = Some((ty.clone(), depth)),
            },
            None => self.none_from = Some(self.none_from.map_or(depth, |from| from.min(depth))),
        }
    }
}

/// `TypeEnv::call_results` of named callees: functions by name, methods by
/// receiver type and name.
#[derive(Default)]
struct ResultsByName {
    functions: FastMap<String, Option<Vec<TypeExpr>>>,
    methods: FastMap<String, FastMap<String, Option<Vec<TypeExpr>>>>,
}

/// Which of the file's imports `SyncImports::of` picks (indices into
/// `model.imports`), kept per walk: `TypeEnv::new` runs at tens of thousands
/// of nodes per file, and scanning the imports by path each time was a fair
/// part of RACE005's own cost.
#[derive(Default, Clone, Copy)]
struct SyncImportsAt {
    found: bool,
    sync: Option<usize>,
    atomic: Option<usize>,
    sync_dot: bool,
    atomic_dot: bool,
}

impl SyncImportsAt {
    /// The same choices as `SyncImports::of`: the last matching import wins.
    fn of(model: &FileModel) -> Self {
        let mut out = SyncImportsAt { found: true, ..Default::default() };
        for (i, import) in model.imports.iter().enumerate() {
            let dot = import.name == ".";
            match import.path.as_str() {
                "sync" if dot => out.sync_dot = true,
                "sync" if import.name != "_" => out.sync = Some(i),
                "sync/atomic" if dot => out.atomic_dot = true,
                "sync/atomic" if import.name != "_" => out.atomic = Some(i),
                _ => {}
            }
        }
        out
    }

    fn imports(self, model: &FileModel) -> SyncImports<'_> {
        let name = |i: Option<usize>| i.and_then(|i| model.imports.get(i)).map(|import| import.name.as_str());
        SyncImports {
            sync: name(self.sync),
            atomic: name(self.atomic),
            sync_dot: self.sync_dot,
            atomic_dot: self.atomic_dot,
        }
    }
}

impl<'a> TypeEnv<'a> {
    pub fn new(cx: &RuleContext<'a>) -> Self {
        let model = cx.model();
        let at = cx.memo().with(|kept: &mut SyncImportsAt| {
            if !kept.found {
                *kept = SyncImportsAt::of(model);
            }
            *kept
        });
        TypeEnv {
            model,
            source: cx.source(),
            tree: &cx.file.tree,
            package: cx.package,
            imports: at.imports(model),
            memo: Some(cx.memo()),
            walk: Some(cx.walk_path()),
        }
    }

    pub fn from_parts(model: &'a FileModel, source: &'a str, tree: &'a FlatTree, package: &'a PackageContext) -> Self {
        TypeEnv { model, source, tree, package, imports: SyncImports::of(model), memo: None, walk: None }
    }

    /// The declared type of a package-local named type (`type T struct{...}` -> the struct).
    pub fn underlying(&self, ty: &TypeExpr) -> Option<&'a TypeExpr> {
        let TypeExpr::Named { package: None, name } = ty else { return None };
        if self.imports.kind_of(ty).is_some() {
            return None;
        }
        self.model.type_named(name).or_else(|| self.package.type_named(name)).map(|d| &d.ty)
    }

    /// Follows local named types and aliases to a type that is not a local name.
    pub fn resolve_type(&self, ty: &TypeExpr) -> TypeExpr {
        self.resolve(ty)
    }

    fn resolve(&self, ty: &TypeExpr) -> TypeExpr {
        let mut cur = ty.clone();
        for _ in 0..MAX_DEPTH {
            match self.underlying(&cur) {
                Some(next) => cur = next.clone(),
                None => break,
            }
        }
        cur
    }

    /// What `resolve` returns, without cloning it.
    fn resolve_ref<'s>(&'s self, ty: &'s TypeExpr) -> &'s TypeExpr {
        let mut cur = ty;
        for _ in 0..MAX_DEPTH {
            match self.underlying(cur) {
                Some(next) => cur = next,
                None => break,
            }
        }
        cur
    }

    /// The sync value `ty` holds by value, if any (the first in field order).
    pub fn contained_sync(&self, ty: &TypeExpr) -> Option<SyncPath> {
        // Depth first with an explicit stack; fields pushed in reverse so the
        // first declared field is looked at first.
        let mut stack: Vec<(&TypeExpr, Vec<String>, usize)> = vec![(ty, Vec::new(), 0)];
        let mut seen_names: Vec<&str> = Vec::new();
        let mut budget = 256usize;
        while let Some((ty, path, depth)) = stack.pop() {
            budget = budget.checked_sub(1)?;
            if let Some(kind) = self.imports.kind_of(ty) {
                return Some(SyncPath { kind, path });
            }
            if depth >= MAX_DEPTH {
                continue;
            }
            match ty {
                TypeExpr::Named { package: None, name } => {
                    if seen_names.contains(&name.as_str()) {
                        continue;
                    }
                    seen_names.push(name);
                    if let Some(decl) = self.underlying(ty) {
                        stack.push((decl, path, depth + 1));
                    }
                }
                TypeExpr::Struct(fields) => {
                    for f in fields.iter().rev() {
                        let mut p = path.clone();
                        p.push(f.name.clone());
                        stack.push((&f.ty, p, depth + 1));
                    }
                }
                TypeExpr::Array(_, elem) => {
                    let mut p = path.clone();
                    p.push("[i]".into());
                    stack.push((elem, p, depth + 1));
                }
                _ => {}
            }
        }
        None
    }

    /// The expression is a sync value or a pointer to one.
    pub fn expr_sync_kind(&self, node: Node<'_>) -> Option<SyncKind> {
        let ty = self.expr_type(node)?;
        let ty = match ty {
            TypeExpr::Pointer(inner) => *inner,
            other => other,
        };
        self.imports.kind_of(&ty).or_else(|| self.imports.kind_of(self.resolve_ref(&ty)))
    }

    /// A field (or promoted field of an embedded struct) of `ty`, dereferencing pointers.
    pub fn field_type(&self, ty: &TypeExpr, field: &str) -> Option<TypeExpr> {
        let mut queue: std::collections::VecDeque<(TypeExpr, usize)> =
            std::collections::VecDeque::from([(ty.clone(), 0)]);
        while let Some((ty, depth)) = queue.pop_front() {
            if depth > MAX_DEPTH {
                return None;
            }
            // By reference: `resolve` would clone whole struct declarations.
            let resolved = match self.resolve_ref(&ty) {
                TypeExpr::Pointer(inner) => self.resolve_ref(inner),
                other => other,
            };
            let TypeExpr::Struct(fields) = resolved else { continue };
            if let Some(f) = fields.iter().find(|f| f.name == field) {
                return Some(f.ty.clone());
            }
            // Promotion: breadth first, like Go's shallowest-depth rule.
            for f in fields.iter().filter(|f| f.embedded) {
                queue.push_back((f.ty.clone(), depth + 1));
            }
        }
        None
    }

    /// Best-effort static type of a binding.
    pub fn binding_type(&self, id: BindingId) -> Option<TypeExpr> {
        self.binding_type_at(id, 0)
    }

    /// Best-effort static type of an expression.
    pub fn expr_type(&self, node: Node<'_>) -> Option<TypeExpr> {
        self.expr_type_at(node, 0)
    }

    fn binding_type_at(&self, id: BindingId, depth: usize) -> Option<TypeExpr> {
        if depth > MAX_DEPTH {
            return None;
        }
        let b = self.model.bindings.get(id)?;
        if let Some(ty) = &b.declared_type {
            return Some(ty.clone());
        }
        let Some(memo) = self.memo else { return self.initialized_binding_type(id, depth) };
        if let Some(known) = memo.with(|kept: &mut BindingTypes| kept.0.get(&id).and_then(|k| k.at(depth))) {
            return known;
        }
        let found = self.initialized_binding_type(id, depth);
        memo.with(|kept: &mut BindingTypes| kept.0.entry(id).or_default().keep(depth, &found));
        found
    }

    /// `binding_type_at` for a binding without a declared type: its initializer's type.
    fn initialized_binding_type(&self, id: BindingId, depth: usize) -> Option<TypeExpr> {
        let b = self.model.bindings.get(id)?;
        let init = b.init?;
        let root = self.tree.root_node();
        let node = match self.walk {
            Some(walk) => walk.descendant_for_byte_range(root, init.start, init.end),
            None => root.descendant_for_byte_range(init.start, init.end),
        }?;
        match (b.kind, b.init_index) {
            (BindingKind::RangeVar, Some(i)) => {
                let over = self.expr_type_at(node, depth + 1)?;
                range_element(self.resolve_ref(&over), i)
            }
            (_, Some(i)) => {
                let results = self.call_results(unparen(node), depth + 1)?;
                results.get(i).cloned()
            }
            _ => self.expr_type_at(node, depth + 1),
        }
    }

    fn expr_type_at(&self, node: Node<'_>, depth: usize) -> Option<TypeExpr> {
        if depth > MAX_DEPTH {
            return None;
        }
        let node = unparen(node);
        let source = self.source;
        match node.kind_name() {
            "identifier" => {
                let id = self.model.binding_id_of(node)?;
                self.binding_type_at(id, depth + 1)
            }
            "selector_expression" => self.selector_type(node, depth),
            "composite_literal" => Some(TypeExpr::from_node(field!(node, "type")?, source)),
            "unary_expression" => {
                let operand = field!(node, "operand")?;
                let op = field!(node, "operator").map(|o| text(o, source)).unwrap_or("");
                let inner = self.expr_type_at(operand, depth + 1)?;
                match op {
                    "&" => Some(TypeExpr::Pointer(Box::new(inner))),
                    "*" => match self.resolve_ref(&inner) {
                        TypeExpr::Pointer(t) => Some((**t).clone()),
                        _ => None,
                    },
                    "<-" => match self.resolve_ref(&inner) {
                        TypeExpr::Chan(_, t) => Some((**t).clone()),
                        _ => None,
                    },
                    _ => None,
                }
            }
            "index_expression" => {
                let operand = field!(node, "operand")?;
                let operand_type = self.expr_type_at(operand, depth + 1)?;
                match self.resolve_ref(&operand_type) {
                    TypeExpr::Slice(t) | TypeExpr::Array(_, t) | TypeExpr::Map(_, t) => Some((**t).clone()),
                    TypeExpr::Pointer(p) => match self.resolve_ref(p) {
                        TypeExpr::Array(_, t) => Some((**t).clone()),
                        _ => None,
                    },
                    _ => None,
                }
            }
            "slice_expression" => self.expr_type_at(field!(node, "operand")?, depth + 1),
            "type_assertion_expression" => Some(TypeExpr::from_node(field!(node, "type")?, source)),
            "call_expression" => self.call_results(node, depth + 1)?.into_iter().next(),
            _ => None,
        }
    }

    /// `x.f` with `x` a value of a local struct type (or pointer to one).
    fn selector_type(&self, node: Node<'_>, depth: usize) -> Option<TypeExpr> {
        // Collect the chain `a.b.c.d` iteratively, innermost operand last.
        let mut fields = Vec::new();
        let mut cur = node;
        while cur.kind_name() == "selector_expression" {
            fields.push(text(field!(cur, "field")?, self.source));
            cur = unparen(field!(cur, "operand")?);
            if fields.len() > 32 {
                return None;
            }
        }
        if cur.kind_name() == "identifier" && self.model.binding_of(cur).is_none() {
            // `pkg.Var`: another package's value; its type is unknown here.
            return None;
        }
        let mut ty = self.expr_type_at(cur, depth + 1)?;
        for field in fields.into_iter().rev() {
            ty = self.field_type(&ty, field)?;
        }
        Some(ty)
    }

    /// `find()`, kept per walk by the callee's names (`receiver` for a
    /// method): it scans this file's functions and every sibling's, and
    /// depends on nothing but the names.
    fn kept_results(
        &self,
        receiver: Option<&str>,
        name: &str,
        find: impl FnOnce() -> Option<Vec<TypeExpr>>,
    ) -> Option<Vec<TypeExpr>> {
        let Some(memo) = self.memo else { return find() };
        let kept = memo.with(|kept: &mut ResultsByName| match receiver {
            None => kept.functions.get(name).cloned(),
            Some(receiver) => kept.methods.get(receiver).and_then(|methods| methods.get(name)).cloned(),
        });
        if let Some(known) = kept {
            return known;
        }
        let found = find();
        memo.with(|kept: &mut ResultsByName| {
            let names = match receiver {
                None => &mut kept.functions,
                Some(receiver) => kept.methods.entry(receiver.to_string()).or_default(),
            };
            names.insert(name.to_string(), found.clone())
        });
        found
    }

    /// `name(...)`: a conversion to a local type, or a package function.
    fn function_results(&self, name: &str) -> Option<Vec<TypeExpr>> {
        if self.model.type_named(name).is_some() || self.package.type_named(name).is_some() {
            return Some(vec![TypeExpr::Named { package: None, name: name.to_string() }]);
        }
        if let Some(f) =
            self.model.functions.iter().find(|f| f.receiver_type.is_none() && f.name.as_deref() == Some(name))
        {
            return Some(f.results.iter().map(|r| r.ty.clone()).collect());
        }
        self.package.function_named(name).map(|f| f.results.clone())
    }

    /// `x.method(...)` with `x` of the local type `receiver` (or a pointer to it).
    fn method_results(&self, receiver: &str, method: &str) -> Option<Vec<TypeExpr>> {
        if let Some(f) = self
            .model
            .functions
            .iter()
            .find(|f| f.receiver_type.as_deref() == Some(receiver) && f.name.as_deref() == Some(method))
        {
            return Some(f.results.iter().map(|r| r.ty.clone()).collect());
        }
        self.package.method(receiver, method).map(|f| f.results.clone())
    }

    /// The result types of a call: `new(T)`, `make(T, ...)`, a conversion to a local
    /// type, a package function or a method of a local type.
    fn call_results(&self, call: Node<'_>, depth: usize) -> Option<Vec<TypeExpr>> {
        if call.kind_name() != "call_expression" || depth > MAX_DEPTH {
            return None;
        }
        let function = unparen(field!(call, "function")?);
        match function.kind_name() {
            "identifier" => {
                let name = text(function, self.source);
                if self.model.is_builtin(function, self.source) {
                    let arg = field!(call, "arguments").and_then(|a| named_children(a).next())?;
                    return match name {
                        "new" => Some(vec![TypeExpr::Pointer(Box::new(TypeExpr::from_node(arg, self.source)))]),
                        "make" => Some(vec![TypeExpr::from_node(arg, self.source)]),
                        _ => None,
                    };
                }
                self.kept_results(None, name, || self.function_results(name))
            }
            "selector_expression" => {
                // The receiver first: most are another package's name, typed as nothing.
                let recv = self.expr_type_at(field!(function, "operand")?, depth + 1)?;
                let method = text(field!(function, "field")?, self.source);
                let base = match recv {
                    TypeExpr::Pointer(inner) => *inner,
                    other => other,
                };
                let TypeExpr::Named { package: None, name } = base else { return None };
                self.kept_results(Some(&name), method, || self.method_results(&name, method))
            }
            // `(*T)(p)`, `[]T(x)`: a conversion whose type is written out.
            "parenthesized_type" | "pointer_type" | "slice_type" | "array_type" | "map_type" | "qualified_type" => {
                Some(vec![TypeExpr::from_node(function, self.source)])
            }
            _ => None,
        }
    }
}

/// The type of the `index`-th variable of `for k, v := range x` with `x` of type `over`.
fn range_element(over: &TypeExpr, index: usize) -> Option<TypeExpr> {
    let int = || TypeExpr::Named { package: None, name: "int".into() };
    match (over, index) {
        (TypeExpr::Slice(_) | TypeExpr::Array(..), 0) => Some(int()),
        (TypeExpr::Slice(t) | TypeExpr::Array(_, t), 1) => Some((**t).clone()),
        (TypeExpr::Pointer(p), _) => match p.as_ref() {
            TypeExpr::Array(_, t) if index == 1 => Some((**t).clone()),
            TypeExpr::Array(..) => Some(int()),
            _ => None,
        },
        (TypeExpr::Map(k, _), 0) => Some((**k).clone()),
        (TypeExpr::Map(_, v), 1) => Some((**v).clone()),
        (TypeExpr::Chan(_, t), 0) => Some((**t).clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileModel;

    fn imports_of(src: &str) -> (FileModel, String) {
        let tree = crate::syntax::FlatTree::parse(src).unwrap();
        (FileModel::build(&tree, src), src.to_string())
    }

    #[test]
    fn import_names_are_respected() {
        let (m, _) = imports_of("package p\nimport (\n s \"sync\"\n \"sync/atomic\"\n)\n");
        let imp = SyncImports::of(&m);
        assert_eq!(imp.sync, Some("s"));
        assert_eq!(imp.atomic, Some("atomic"));
        let mutex = TypeExpr::Named { package: Some("s".into()), name: "Mutex".into() };
        assert_eq!(imp.kind_of(&mutex), Some(SyncKind::Mutex));
        let wrong = TypeExpr::Named { package: Some("sync".into()), name: "Mutex".into() };
        assert_eq!(imp.kind_of(&wrong), None);
        let a = TypeExpr::Named { package: Some("atomic".into()), name: "Int64".into() };
        assert_eq!(imp.kind_of(&a), Some(SyncKind::Atomic("Int64")));
    }

    /// The kinds `expr_sync_kind` and the paths `contained_sync` give for every
    /// identifier named `probe*` in `src`.
    fn probes(src: &str) -> Vec<(String, Option<SyncKind>, Option<String>)> {
        let tree = crate::syntax::FlatTree::parse(src).unwrap();
        let model = FileModel::build(&tree, src);
        let package = PackageContext::default();
        let env = TypeEnv::from_parts(&model, src, &tree, &package);
        let mut out = Vec::new();
        crate::syntax::walk_preorder(tree.root_node(), |n| {
            if n.kind_name() == "call_expression" {
                let f = n.field_child("function").unwrap();
                if text(f, src) == "probe" {
                    let arg = named_children(n.field_child("arguments").unwrap()).next().unwrap();
                    let held = env.expr_type(arg).and_then(|t| env.contained_sync(&t)).map(|p| p.dotted());
                    out.push((text(arg, src).to_string(), env.expr_sync_kind(arg), held));
                }
            }
            true
        });
        out
    }

    #[test]
    fn expressions_through_structs_embedding_and_ranges() {
        let src = r#"package p
import "sync"
type inner struct{ mu sync.RWMutex }
type Outer struct {
    inner
    wg *sync.WaitGroup
    arr [2]sync.Once
}
type alias = Outer
type wrap struct{ *inner }
func mk() *Outer { return nil }
func f(o Outer, list []Outer, a alias, w wrap) {
    var wg sync.WaitGroup
    m := &sync.Mutex{}
    p := new(sync.Cond)
    x := mk()
    probe(wg)
    probe(m)
    probe(p)
    probe(o.mu)
    probe(o.inner.mu)
    probe(o.wg)
    probe(x.mu)
    probe(o)
    probe(a)
    probe(x)
    for _, v := range list {
        probe(v)
    }
    probe(o.arr[0])
    probe(w)
    probe(w.mu)
}
"#;
        let got = probes(src);
        let want: Vec<(String, Option<SyncKind>, Option<String>)> = vec![
            ("wg".into(), Some(SyncKind::WaitGroup), Some("".into())),
            ("m".into(), Some(SyncKind::Mutex), None),
            ("p".into(), Some(SyncKind::Cond), None),
            ("o.mu".into(), Some(SyncKind::RWMutex), Some("".into())),
            ("o.inner.mu".into(), Some(SyncKind::RWMutex), Some("".into())),
            ("o.wg".into(), Some(SyncKind::WaitGroup), None),
            ("x.mu".into(), Some(SyncKind::RWMutex), Some("".into())),
            ("o".into(), None, Some("inner.mu".into())),
            ("a".into(), None, Some("inner.mu".into())),
            ("x".into(), None, None),
            ("v".into(), None, Some("inner.mu".into())),
            ("o.arr[0]".into(), Some(SyncKind::Once), Some("".into())),
            ("w".into(), None, None),
            ("w.mu".into(), Some(SyncKind::RWMutex), Some("".into())),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn kept_import_choices_match_a_fresh_scan() {
        for src in [
            "package p\nimport (\n s \"sync\"\n \"sync/atomic\"\n)\n",
            "package p\nimport (\n \"sync\"\n t \"sync\"\n . \"sync/atomic\"\n _ \"sync\"\n)\n",
            "package p\nimport . \"sync\"\n",
            "package p\nimport \"fmt\"\n",
        ] {
            let (m, _) = imports_of(src);
            let fresh = SyncImports::of(&m);
            let kept = SyncImportsAt::of(&m).imports(&m);
            assert_eq!(
                (kept.sync, kept.atomic, kept.sync_dot, kept.atomic_dot),
                (fresh.sync, fresh.atomic, fresh.sync_dot, fresh.atomic_dot),
                "{src}"
            );
        }
    }

    #[test]
    fn recursive_types_terminate() {
        let src = "package p\nimport \"sync\"\ntype A struct{ B }\ntype B struct{ A }\nfunc f(a A) { probe(a.x) ; probe(a) }\n";
        let got = probes(src);
        assert_eq!(got[0].1, None);
        assert_eq!(got[1].2, None);
    }
}
