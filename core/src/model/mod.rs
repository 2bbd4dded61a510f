//! The per-file semantic model: scopes and bindings (which identifier refers to
//! which declaration), functions and closures, declared types, imports, and the
//! summaries that sibling files of a package share.

mod builder;
mod fast_hash;
pub mod go_version;
pub mod nil_facts;
mod package;
mod reuse;
mod summary;
pub mod types;

pub use go_version::GoVersion;
pub use package::PackageContext;
pub use reuse::TextShift;
pub use summary::{FileSummary, FunctionSummary, ParamSummary};
pub use types::{ChanDir, FieldDecl, TypeExpr};

use crate::diagnostic::TextRange;
use crate::syntax::FastNode;
use tree_sitter::{Node, Tree};

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
    refs_of: Vec<Vec<usize>>,
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
    pub fn build(tree: &Tree, source: &str) -> Self {
        builder::build(tree, source, None)
    }

    /// The model of an edited file: what `build` returns, with the top-level
    /// declarations the edit did not touch copied from `previous` (the model
    /// of the text before the edit `shift`) instead of walked again.
    pub fn rebuild(tree: &Tree, source: &str, previous: &FileModel, shift: TextShift) -> Self {
        builder::build(tree, source, Some(reuse::Previous { model: previous, shift }))
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
        self.refs_of.get(binding).into_iter().flatten().map(|&r| &self.references[r])
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

pub const BUILTINS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new",
    "panic", "print", "println", "real", "recover",
];
