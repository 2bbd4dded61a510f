//! Rebuilding the model of an edited file without walking what the edit did
//! not touch. A keystroke changes one top-level declaration; the model of
//! every other one is copied from the previous model, its byte offsets shifted
//! and its ids renumbered, instead of being built again from the tree (the
//! walk of a 5,000-line file is most of a keystroke's cost).
//!
//! Why a copy equals a rebuild: the builder declares the package-level names
//! first, then walks the top-level nodes one after another, and each walk
//! starts and ends in the same state (the package scope, no function), so
//! what a node adds depends only on its own subtree and on the package-level
//! names visible to it, in declaration order (a reference records the id of
//! the binding its name resolves to). A node's additions are copied when:
//!
//! - the edit did not touch its text (it lies wholly before or after the
//!   edit) and the new tree has a node of the same kind and extent there;
//! - it holds no syntax error, in the old tree and in the new one (error
//!   recovery depends on the text around it);
//! - the package-level names are the same, in the same order, in both models;
//! - no node before it, in either build, declared a name at package level
//!   outside the package-level phase (only broken code does: a top-level
//!   `x := 1` inside an error node leaks `x` to every later node).
//!
//! What a node adds that is not its own (the `address_taken` flag it sets on
//! package-level bindings) is recorded with it and replayed.
//!
//! The previous model is consumed: names and type expressions are moved out
//! of it, not cloned. Cloning them allocated a `String` per binding and a tree
//! of boxes per type on every keystroke, and dropping the previous model freed
//! them all again (together about a third of a keystroke's instructions).
//! `core/tests/incremental.rs` compares the copied model with a fresh build
//! after thousands of edits.

use super::*;
use std::ops::Range;

/// What building one top-level node added to the model: ranges of the
/// model's vectors, and the package-level bindings it marked address-taken.
#[derive(Debug, Clone)]
pub(crate) struct UnitSpan {
    pub kind: u16,
    pub range: TextRange,
    /// No syntax error inside and no package-level leak before it.
    pub reusable: bool,
    pub scopes: Range<usize>,
    pub bindings: Range<usize>,
    pub functions: Range<usize>,
    pub references: Range<usize>,
    pub types: Range<usize>,
    pub package_addresses: Vec<BindingId>,
}

/// What the package-level phase declared for one top-level `var`, `const` or
/// `type` declaration (bindings and type declarations; they depend only on its text).
#[derive(Debug, Clone)]
pub(crate) struct PackageSpan {
    pub kind: u16,
    pub range: TextRange,
    /// No syntax error inside.
    pub reusable: bool,
    pub bindings: Range<usize>,
    pub types: Range<usize>,
}

/// Where one edit moved the text: offsets before `start` are unchanged, text
/// from `old_end` on now starts at `new_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextShift {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl TextShift {
    /// Where the text now at `range` was before the edit, when the edit did not touch it.
    pub(crate) fn old_range(&self, range: TextRange) -> Option<TextRange> {
        if range.end <= self.start {
            return Some(range);
        }
        if range.start >= self.new_end {
            let start = range.start - self.new_end + self.old_end;
            return Some(TextRange { start, end: start + range.len() });
        }
        None
    }
}

/// The previous model of a file and the edit made since, for [`FileModel::rebuild`].
/// Owned: what is copied is moved out of it.
pub(crate) struct Previous {
    pub model: FileModel,
    pub shift: TextShift,
}

impl Previous {
    /// The previous model's node now at `range` with kind `kind`, if its
    /// additions can be copied (the caller checks the new node has no error).
    /// The unit is marked taken: its names and types are about to be moved
    /// out, so it must not be copied a second time.
    pub fn take_unit(&mut self, kind: u16, range: TextRange) -> Option<UnitSpan> {
        let old = self.shift.old_range(range)?;
        let units = &mut self.model.units;
        let i = units.partition_point(|u| u.range.start < old.start);
        let unit = units.get_mut(i).filter(|u| u.range == old && u.kind == kind && u.reusable)?;
        unit.reusable = false;
        Some(UnitSpan { package_addresses: std::mem::take(&mut unit.package_addresses), ..unit.clone() })
    }

    /// The previous model's package-level declaration now at `range`, if it
    /// can be copied; marked taken like [`Self::take_unit`].
    pub fn take_package_unit(&mut self, kind: u16, range: TextRange) -> Option<PackageSpan> {
        let old = self.shift.old_range(range)?;
        let units = &mut self.model.package_units;
        let i = units.partition_point(|u| u.range.start < old.start);
        let unit = units.get_mut(i).filter(|u| u.range == old && u.kind == kind && u.reusable)?;
        unit.reusable = false;
        Some(unit.clone())
    }

    pub fn same_package_names(&self, model: &FileModel) -> bool {
        self.model.same_package_names(model)
    }
}

impl FileModel {
    /// Room for as much as `previous` holds: a rebuild copies most of it,
    /// and growing the vectors and maps step by step would copy it again.
    pub(crate) fn reserve_like(&mut self, previous: &FileModel) {
        self.scopes.reserve(previous.scopes.len());
        self.bindings.reserve(previous.bindings.len());
        self.references.reserve(previous.references.len());
        self.dereferenced.reserve(previous.dereferenced.len());
        self.functions.reserve(previous.functions.len());
        self.types.reserve(previous.types.len());
        self.ref_at.reserve(previous.ref_at.len());
        self.binding_at.reserve(previous.binding_at.len());
        self.function_at.reserve(previous.function_at.len());
        self.units.reserve(previous.units.len());
    }

    /// Do both models resolve package-level names to the same binding ids
    /// (the same names declared in the same order)?
    pub(crate) fn same_package_names(&self, other: &FileModel) -> bool {
        let n = self.package_bindings;
        n == other.package_bindings
            && self
                .bindings
                .get(..n)
                .zip(other.bindings.get(..n))
                .is_some_and(|(a, b)| a.iter().zip(b).all(|(x, y)| x.name == y.name))
    }
}

impl FileModel {
    /// Appends the additions of `unit` of the `old` model, moved to start at
    /// `new_start`, and returns the span they now occupy. Names and types are
    /// moved out of `old` (see the module docs), so `unit` must come from
    /// [`Previous::take_unit`].
    pub(crate) fn copy_unit(&mut self, old: &mut FileModel, unit: &UnitSpan, new_start: usize) -> UnitSpan {
        let delta = new_start as isize - unit.range.start as isize;
        let moved = |r: TextRange| r.moved(delta);
        // Ids below a span's start belong to the package level (the package
        // scope, package-level bindings, no function) and stay as they are.
        let renumber = |id: usize, old_span: &Range<usize>, new_base: usize| match id >= old_span.start {
            true => id - old_span.start + new_base,
            false => id,
        };
        let (scope_base, binding_base, function_base, reference_base, type_base) =
            (self.scopes.len(), self.bindings.len(), self.functions.len(), self.references.len(), self.types.len());
        let scope_id = |id: ScopeId| renumber(id, &unit.scopes, scope_base);
        let binding_id = |id: BindingId| renumber(id, &unit.bindings, binding_base);
        let function_id = |id: FunctionId| renumber(id, &unit.functions, function_base);

        for s in old.scopes.get(unit.scopes.clone()).unwrap_or_default() {
            self.scopes.push(Scope {
                kind: s.kind,
                parent: s.parent.map(scope_id),
                range: moved(s.range),
                function: s.function.map(function_id),
            });
        }
        for b in old.bindings.get_mut(unit.bindings.clone()).unwrap_or_default() {
            let id = self.bindings.len();
            let range = moved(b.range);
            self.binding_at.entry(range.start).or_insert(id);
            self.bindings.push(Binding {
                name: std::mem::take(&mut b.name),
                kind: b.kind,
                range,
                statement: moved(b.statement),
                scope: scope_id(b.scope),
                function: b.function.map(function_id),
                declared_type: b.declared_type.take(),
                init: b.init.map(moved),
                init_index: b.init_index,
                address_taken: b.address_taken,
            });
        }
        let param = |mut p: Param| {
            p.binding = p.binding.map(binding_id);
            p
        };
        // The lists are moved whole, their binding ids renumbered in place.
        let params = |list: &mut Vec<Param>| {
            let mut list = std::mem::take(list);
            for p in &mut list {
                p.binding = p.binding.map(binding_id);
            }
            list
        };
        for f in old.functions.get_mut(unit.functions.clone()).unwrap_or_default() {
            let range = moved(f.range);
            self.function_at.insert(range.start, self.functions.len());
            self.functions.push(FunctionInfo {
                kind: f.kind,
                name: f.name.take(),
                receiver_type: f.receiver_type.take(),
                receiver: f.receiver.take().map(param),
                params: params(&mut f.params),
                results: params(&mut f.results),
                range,
                body: f.body.map(moved),
                scope: scope_id(f.scope),
                parent: f.parent.map(function_id),
            });
        }
        let references = unit.references.clone();
        for (r, &dereferenced) in old
            .references
            .get(references.clone())
            .unwrap_or_default()
            .iter()
            .zip(old.dereferenced.get(references).unwrap_or_default())
        {
            let range = moved(r.range);
            self.ref_at.insert(range.start, self.references.len());
            self.references.push(Reference {
                range,
                binding: binding_id(r.binding),
                access: r.access,
                function: r.function.map(function_id),
            });
            self.dereferenced.push(dereferenced);
        }
        for t in old.types.get_mut(unit.types.clone()).unwrap_or_default() {
            let (name, ty) = (std::mem::take(&mut t.name), std::mem::replace(&mut t.ty, TypeExpr::Unknown));
            self.types.push(TypeDecl { name, ty, range: moved(t.range) });
        }
        for &id in &unit.package_addresses {
            if let Some(b) = self.bindings.get_mut(id) {
                b.address_taken = true;
            }
        }
        UnitSpan {
            kind: unit.kind,
            range: moved(unit.range),
            reusable: true,
            scopes: scope_base..self.scopes.len(),
            bindings: binding_base..self.bindings.len(),
            functions: function_base..self.functions.len(),
            references: reference_base..self.references.len(),
            types: type_base..self.types.len(),
            package_addresses: unit.package_addresses.clone(),
        }
    }
}

impl FileModel {
    /// Everything the model says, as text, for tests comparing a rebuilt model
    /// with a fresh one (the lookup maps sorted; the unit spans left out: they
    /// are bookkeeping, not facts).
    #[doc(hidden)]
    pub fn fingerprint(&self) -> String {
        let sorted = |map: &super::fast_hash::FastMap<usize, usize>| {
            let mut pairs: Vec<(usize, usize)> = map.iter().map(|(&k, &v)| (k, v)).collect();
            pairs.sort_unstable();
            pairs
        };
        format!(
            "package {:?}\nimports {:#?}\ntypes {:#?}\nscopes {:#?}\nbindings {:#?}\nreferences {:#?}\nfunctions {:#?}\nref_at {:?}\nbinding_at {:?}\nfunction_at {:?}\nrefs_of {:?} {:?}\ndereferenced {:?}\npackage_bindings {}",
            self.package,
            self.imports,
            self.types,
            self.scopes,
            self.bindings,
            self.references,
            self.functions,
            sorted(&self.ref_at),
            sorted(&self.binding_at),
            sorted(&self.function_at),
            self.refs_of_start,
            self.refs_of,
            self.dereferenced,
            self.package_bindings,
        )
    }
}
