//! The per-file semantic model: scopes and bindings (which identifier refers to
//! which declaration), functions and closures, declared types, imports, and the
//! summaries that sibling files of a package share.

pub mod build_constraint;
mod builder;
pub(crate) mod fast_hash;
pub mod go_version;
pub mod nil_facts;
mod package;
mod reuse;
mod summary;
pub mod types;

pub use build_constraint::{BuildTarget, GoEnv};
pub use go_version::GoVersion;
pub use package::{PackageContext, PackageFacts};
pub use reuse::TextShift;
pub use summary::{FileSummary, FunctionSummary, ParamSummary};
pub use types::{ChanDir, FieldDecl, TypeExpr};

use crate::diagnostic::TextRange;
use crate::syntax::FastNode;
use crate::syntax::{FlatTree, Node};

pub type ScopeId = usize;
pub type BindingId = usize;
pub type FunctionId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// Package-level declarations of this file (imports live here too).
    Package,
    /// Parameters and results of a function, method or closure.
    Function,
    /// A block, or the implicit block of an `if`, `for`, `switch` or case clause.
    Block,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    pub range: TextRange,
    /// The function whose body this scope is in; `None` at package level.
    pub function: Option<FunctionId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingKind {
    Import,
    PackageVar,
    PackageConst,
    PackageType,
    PackageFunc,
    Param,
    Result,
    Receiver,
    LocalVar,
    LocalConst,
    LocalType,
    /// Declared by the initializer of a three-clause `for`.
    ForClauseVar,
    /// Declared by `for k, v := range`.
    RangeVar,
    /// `switch v := x.(type)`.
    TypeSwitchVar,
}

impl BindingKind {
    pub fn is_package_level(self) -> bool {
        matches!(
            self,
            BindingKind::Import
                | BindingKind::PackageVar
                | BindingKind::PackageConst
                | BindingKind::PackageType
                | BindingKind::PackageFunc
        )
    }

    /// Loop variables: shared across iterations before Go 1.22.
    pub fn is_loop_var(self) -> bool {
        matches!(self, BindingKind::ForClauseVar | BindingKind::RangeVar)
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub name: String,
    pub kind: BindingKind,
    /// The declaring identifier.
    pub range: TextRange,
    /// The whole declaring statement or spec.
    pub statement: TextRange,
    pub scope: ScopeId,
    /// The function the binding is declared in (for parameters: that function).
    pub function: Option<FunctionId>,
    /// The type as written in the declaration, when written.
    pub declared_type: Option<TypeExpr>,
    /// The expression assigned at declaration, when there is exactly one for it.
    pub init: Option<TextRange>,
    /// For `a, b := f()`: `Some(i)` when the value is the i-th result of `init`.
    pub init_index: Option<usize>,
    /// `&name` appears somewhere: writes may happen through the pointer.
    pub address_taken: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    /// `x = ...` (also the reuse of an existing name in `x, err := ...`).
    Write,
    /// `x += ...`, `x++`.
    ReadWrite,
}

#[derive(Debug, Clone, Copy)]
pub struct Reference {
    pub range: TextRange,
    pub binding: BindingId,
    pub access: Access,
    /// The innermost function containing the reference.
    pub function: Option<FunctionId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    Func,
    Method,
    Closure,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Option<String>,
    pub ty: TypeExpr,
    pub binding: Option<BindingId>,
    pub variadic: bool,
}

#[derive(Debug, Clone)]
pub struct FunctionInfo {
    pub kind: FunctionKind,
    /// Name of a function or method; `None` for closures.
    pub name: Option<String>,
    /// The receiver's base type name for methods (`T` for `func (t *T)`).
    pub receiver_type: Option<String>,
    pub receiver: Option<Param>,
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    pub range: TextRange,
    pub body: Option<TextRange>,
    pub scope: ScopeId,
    /// The function a closure is written in.
    pub parent: Option<FunctionId>,
}

#[derive(Debug, Clone)]
pub struct Import {
    pub path: String,
    /// The name the file uses for the package (alias, or the path's last element).
    pub name: String,
    pub explicit_alias: bool,
    pub range: TextRange,
}

#[derive(Debug, Clone)]
pub struct TypeDecl {
    pub name: String,
    pub ty: TypeExpr,
    pub range: TextRange,
}

/// The root's named children, comments left out (what
/// `syntax::named_children(root)` yields), read once per tree and shared by
/// the model builder and the summary: stepping through the top level is
/// slow in tree-sitter (the declarations hang under hidden repeat nodes; about
/// 800 instructions a step), and each reader walking it again was an eighth
/// of a keystroke.
pub fn top_level_nodes(tree: &FlatTree) -> Vec<Node<'_>> {
    crate::syntax::named_children(tree.root_node()).collect()
}

/// What [`FileModel::rebuild`] returns.
pub struct Rebuilt {
    pub model: FileModel,
    /// The previous model declared the same package-level names in the same
    /// order, so package-level binding ids did not move: the previous
    /// summary's facts can be copied too.
    pub same_package_names: bool,
}

/// Everything faultline knows about one file without a type checker.
#[derive(Debug, Default)]
pub struct FileModel {
    pub package: Option<String>,
    pub imports: Vec<Import>,
    pub types: Vec<TypeDecl>,
    pub scopes: Vec<Scope>,
    pub bindings: Vec<Binding>,
    /// In document order.
    pub references: Vec<Reference>,
    pub functions: Vec<FunctionInfo>,
    ref_at: fast_hash::FastMap<usize, usize>,
    /// Declaring identifier start -> binding, so lookups of declarations need no scan.
    binding_at: fast_hash::FastMap<usize, BindingId>,
    function_at: fast_hash::FastMap<usize, FunctionId>,
    /// The indices of binding `b`'s references are
    /// `refs_of[refs_of_start[b]..refs_of_start[b + 1]]`, in document order:
    /// two vectors for the whole file rather than one per binding (a `Vec`
    /// each was thousands of allocations per keystroke).
    refs_of_start: Vec<usize>,
    refs_of: Vec<usize>,
    /// The indices into `references` ordered by start offset, for
    /// [`Self::references_within`]; empty when `references` is in that order
    /// already (the builder records them in document order, with rare
    /// exceptions such as `a, err := f(err)` recording the read before the write).
    /// Sorted on first use: only ESC002 asks, and a keystroke should not pay for it.
    refs_by_start: std::sync::OnceLock<Vec<usize>>,
    /// By reference index: the reference is dereferenced where it stands
    /// (`x.f` but not a method call `x.m()`, `*x`, `x[i]`), recorded by the
    /// builder so the summary needs no lookup per reference.
    dereferenced: Vec<bool>,
    /// What each top-level node (after the package clause and imports) added,
    /// in document order, so the next model of an edited file can copy it.
    units: Vec<reuse::UnitSpan>,
    /// What the package-level phase declared for each top-level `var`,
    /// `const` and `type` declaration, in document order.
    package_units: Vec<reuse::PackageSpan>,
    /// Bindings `0..package_bindings` are the package-level names.
    package_bindings: usize,
}

impl FileModel {
    pub fn build(tree: &FlatTree, source: &str) -> Self {
        Self::build_with(tree, &top_level_nodes(tree), source)
    }

    /// [`Self::build`] given the tree's [`top_level_nodes`].
    pub(crate) fn build_with(tree: &FlatTree, top_level: &[Node<'_>], source: &str) -> Self {
        builder::build(tree, top_level, source, None).0
    }

    /// The model of an edited file: what `build` returns, with the top-level
    /// declarations the edit did not touch copied from `previous` (the model
    /// of the text before the edit `shift`) instead of walked again.
    /// `previous` is consumed: what is copied is moved out of it.
    /// `top_level` is the tree's [`top_level_nodes`].
    pub fn rebuild(
        tree: &FlatTree,
        top_level: &[Node<'_>],
        source: &str,
        previous: FileModel,
        shift: TextShift,
    ) -> Rebuilt {
        let previous = Some(reuse::Previous { model: previous, shift });
        let (model, same_package_names) = builder::build(tree, top_level, source, previous);
        Rebuilt { model, same_package_names }
    }

    /// Fills the per-binding reference lists from `references` (a counting sort).
    fn index_references(&mut self) {
        let mut start = vec![0usize; self.bindings.len() + 1];
        for r in &self.references {
            if let Some(count) = start.get_mut(r.binding + 1) {
                *count += 1;
            }
        }
        for b in 1..start.len() {
            start[b] += start[b - 1];
        }
        let mut next = start.clone();
        let mut refs_of = vec![0usize; self.references.len()];
        for (i, r) in self.references.iter().enumerate() {
            if let Some(slot) = next.get_mut(r.binding) {
                refs_of[*slot] = i;
                *slot += 1;
            }
        }
        self.refs_of_start = start;
        self.refs_of = refs_of;
        self.refs_by_start = std::sync::OnceLock::new();
    }

    /// The indices into `references` by start offset; empty when that is their order.
    fn references_by_start(&self) -> &[usize] {
        self.refs_by_start.get_or_init(|| {
            let starts = || self.references.iter().map(|r| r.range.start);
            match starts().zip(starts().skip(1)).all(|(a, b)| a <= b) {
                true => Vec::new(),
                false => {
                    // Keys inline (no lookup per comparison); `(start, index)`
                    // pairs are distinct, so an unstable sort gives document order.
                    let mut keyed: Vec<(usize, usize)> =
                        self.references.iter().enumerate().map(|(i, r)| (r.range.start, i)).collect();
                    keyed.sort_unstable();
                    keyed.into_iter().map(|(_, i)| i).collect()
                }
            }
        })
    }

    /// The references recorded at identifiers inside `range`, in document
    /// order: what asking [`Self::reference_at`] of every identifier node under
    /// a node with that range finds, by binary search instead of a walk.
    pub fn references_within(&self, range: TextRange) -> impl Iterator<Item = &Reference> {
        let by_start = self.references_by_start();
        let order = |k: usize| match by_start.is_empty() {
            true => k,
            false => by_start.get(k).copied().unwrap_or(k),
        };
        let start_of = |k: usize| self.references.get(order(k)).map_or(usize::MAX, |r| r.range.start);
        let first = partition_point(self.references.len(), |k| start_of(k) < range.start);
        (first..self.references.len())
            .map(order)
            .filter_map(|i| Some((i, self.references.get(i)?)))
            .take_while(move |(_, r)| r.range.start < range.end)
            // Of several references recorded at one identifier, `reference_at` gives the last.
            .filter(move |(i, r)| r.range.end <= range.end && self.ref_at.get(&r.range.start) == Some(i))
            .map(|(_, r)| r)
    }

    /// The indices into `references` of `binding`'s references, in document order.
    pub(crate) fn reference_indices(&self, binding: BindingId) -> &[usize] {
        match (self.refs_of_start.get(binding), self.refs_of_start.get(binding + 1)) {
            (Some(&start), Some(&end)) => self.refs_of.get(start..end).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Makes sure the next [`Self::rebuild`] from this model copies nothing
    /// (the text it was built from is gone).
    pub(crate) fn forget_units(&mut self) {
        self.units.clear();
        self.package_units.clear();
    }

    /// The binding an `identifier` node refers to (or declares).
    pub fn binding_of(&self, ident: Node<'_>) -> Option<&Binding> {
        self.binding_id_of(ident).map(|id| &self.bindings[id])
    }

    pub fn binding_id_of(&self, ident: Node<'_>) -> Option<BindingId> {
        if let Some(&r) = self.ref_at.get(&ident.start_byte()) {
            return Some(self.references[r].binding);
        }
        let range = TextRange::of(ident);
        self.binding_at
            .get(&ident.start_byte())
            .copied()
            .filter(|&id| self.bindings.get(id).is_some_and(|b| b.range == range))
    }

    /// The reference recorded at an identifier node, if it is one.
    pub fn reference_at(&self, ident: Node<'_>) -> Option<&Reference> {
        self.ref_at.get(&ident.start_byte()).map(|&r| &self.references[r])
    }

    /// Every reference to a binding, in document order.
    pub fn references_of(&self, binding: BindingId) -> impl Iterator<Item = &Reference> {
        self.reference_indices(binding).iter().map(|&r| &self.references[r])
    }

    /// The function info of a `function_declaration`, `method_declaration` or `func_literal` node.
    pub fn function_of(&self, node: Node<'_>) -> Option<&FunctionInfo> {
        self.function_at.get(&node.start_byte()).map(|&id| &self.functions[id])
    }

    pub fn function_id_of(&self, node: Node<'_>) -> Option<FunctionId> {
        self.function_at.get(&node.start_byte()).copied()
    }

    /// True when `ident` names a builtin (`recover`, `panic`, `make`, ...) that
    /// no declaration of this file shadows.
    pub fn is_builtin(&self, ident: Node<'_>, source: &str) -> bool {
        ident.kind_name() == "identifier"
            && !self.ref_at.contains_key(&ident.start_byte())
            && BUILTINS.contains(&crate::syntax::text(ident, source))
    }

    pub fn import_named(&self, name: &str) -> Option<&Import> {
        self.imports.iter().find(|i| i.name == name)
    }

    pub fn type_named(&self, name: &str) -> Option<&TypeDecl> {
        self.types.iter().find(|t| t.name == name)
    }

    /// Is `inner` the same function as `outer` or nested inside it?
    pub fn function_within(&self, inner: Option<FunctionId>, outer: Option<FunctionId>) -> bool {
        let mut cur = inner;
        loop {
            if cur == outer {
                return true;
            }
            match cur {
                Some(id) => cur = self.functions.get(id).and_then(|f| f.parent),
                None => return false,
            }
        }
    }
}

/// The first `k` in `0..len` for which `before(k)` is false (`before` is
/// true on a prefix of the range and false after it).
fn partition_point(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        match before(mid) {
            true => low = mid + 1,
            false => high = mid,
        }
    }
    low
}

pub const BUILTINS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new",
    "panic", "print", "println", "real", "recover",
];
