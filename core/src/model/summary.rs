//! What one file tells the other files of its package: function signatures and
//! facts about their bodies, struct and type declarations, package variables.

use super::fast_hash::FastMap;
use super::{FileModel, FunctionKind, TextShift, TypeDecl, TypeExpr};
use crate::diagnostic::TextRange;
use crate::syntax::text;
use crate::syntax::FastNode;
use crate::syntax::{FlatTree, Node};

#[derive(Debug, Clone)]
pub struct ParamSummary {
    pub name: Option<String>,
    pub ty: TypeExpr,
    /// The body dereferences this parameter (`p.f`, `*p`, `p[i]`) somewhere.
    pub dereferenced: bool,
    /// The function needs this parameter non-nil (see [`super::nil_facts`]).
    pub nonnil: Option<super::nil_facts::NonNilParam>,
}

#[derive(Debug, Clone, Default)]
pub struct FunctionSummary {
    pub name: String,
    /// Base type name of a method's receiver.
    pub receiver_type: Option<String>,
    pub params: Vec<ParamSummary>,
    pub results: Vec<TypeExpr>,
    /// `recover()` is called directly in the body (not in a nested closure).
    pub calls_recover: bool,
    /// The body ends in a call that never returns (`panic`, `os.Exit`, `log.Fatal*`):
    /// a helper like `func fatalf(...) { ...; os.Exit(1) }`.
    pub never_returns: bool,
    /// `func isNil(p *T) bool { return p == nil }`: the index of the parameter
    /// and whether the result is true when it is nil (false for `!= nil`).
    pub nil_predicate: Option<(usize, bool)>,
    /// Results its `return` statements give as literal `nil` (NIL rules).
    pub nil_returns: super::nil_facts::NilReturns,
}

#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    pub path: String,
    pub package: Option<String>,
    pub functions: Vec<FunctionSummary>,
    pub types: Vec<TypeDecl>,
    /// Package-level variables with their written types, when written.
    pub package_vars: Vec<(String, Option<TypeExpr>)>,
    /// Per entry of `functions`: where it was declared and how its body ends,
    /// so the summary of an edited file can copy unchanged functions.
    records: Vec<FunctionRecord>,
}

#[derive(Debug, Clone)]
struct FunctionRecord {
    range: TextRange,
    row: usize,
    /// Its facts may be copied when neither it nor the 2,000 bytes above it
    /// (where a `//faultline:nonnil` comment is looked for) changed.
    reusable: bool,
    last_call: Option<LastCall>,
}

/// The call a function body ends with (for `never_returns`, which follows
/// calls into other functions of the file and so is worked out every time).
#[derive(Debug, Clone)]
struct LastCall {
    qualifier: Option<String>,
    name: String,
    /// `panic(...)` naming the builtin.
    builtin_panic: bool,
}

/// The previous summary of an edited file, for [`FileSummary::rebuild`].
/// Owned: the facts copied are moved out of it (cloning them, then dropping
/// the previous summary, allocated and freed every function's names and types
/// on every keystroke).
struct PreviousSummary {
    summary: FileSummary,
    shift: TextShift,
    /// The new text holds `faultline:nonnil` somewhere (one search of the
    /// whole text instead of one per function window; most files hold none).
    any_nonnil_comment: bool,
}

/// How far above a function its `//faultline:nonnil` doc comment is looked for (`nil_facts`).
const DOC_WINDOW: usize = 2000;

impl FileSummary {
    pub fn new(path: &str, model: &FileModel, tree: &FlatTree, source: &str) -> Self {
        Self::new_with(path, model, tree, &super::top_level_nodes(tree), source)
    }

    /// [`Self::new`] given the tree's [`top_level_nodes`](super::top_level_nodes).
    pub(crate) fn new_with(
        path: &str,
        model: &FileModel,
        tree: &FlatTree,
        top_level: &[Node<'_>],
        source: &str,
    ) -> Self {
        Self::build(path, model, tree, top_level, source, None)
    }

    /// The summary of an edited file: what `new` returns, with the facts of
    /// functions the edit `shift` did not touch copied from `previous` when
    /// `model` resolves package-level names like the previous model did
    /// (the facts depend on the function's text, its model, and those names).
    /// The facts are moved out of `previous` when nothing else holds it.
    /// `top_level` is the tree's [`top_level_nodes`](super::top_level_nodes).
    pub(crate) fn rebuild(
        path: &str,
        model: &FileModel,
        tree: &FlatTree,
        top_level: &[Node<'_>],
        source: &str,
        previous: std::sync::Arc<FileSummary>,
        shift: TextShift,
    ) -> Self {
        let summary = std::sync::Arc::unwrap_or_clone(previous);
        let any_nonnil_comment = source.contains("faultline:nonnil");
        let previous = PreviousSummary { summary, shift, any_nonnil_comment };
        Self::build(path, model, tree, top_level, source, Some(previous))
    }

    fn build(
        path: &str,
        model: &FileModel,
        tree: &FlatTree,
        top_level: &[Node<'_>],
        source: &str,
        mut previous: Option<PreviousSummary>,
    ) -> Self {
        let decls = Declarations::new(model, tree, top_level);
        let mut functions = Vec::new();
        let mut records = Vec::new();
        let mut ids = Vec::new();
        for (id, f) in model.functions.iter().enumerate() {
            if f.kind == FunctionKind::Closure {
                continue;
            }
            let Some(name) = f.name.clone() else { continue };
            let decl = decls.node(id);
            let window = TextRange { start: f.range.start.saturating_sub(DOC_WINDOW), end: f.range.end };
            let reusable = decl.is_some_and(|d| !d.has_error());
            let row = decl.map_or(0, |d| d.start_position().row);
            let copied =
                previous.as_mut().filter(|_| reusable).and_then(|p| p.take_function(f.range, window, row, source));
            let (summary, last_call) = match copied {
                Some(found) => found,
                None => {
                    (summarize(model, decl, source, id, f, name), decl.and_then(|d| last_call_of(model, d, source)))
                }
            };
            functions.push(summary);
            records.push(FunctionRecord { range: f.range, row, reusable, last_call });
            ids.push(id);
        }
        for (i, function) in functions.iter_mut().enumerate() {
            function.never_returns = ends_in_noreturn_call(model, &records, &ids, i);
        }
        let package_vars = model
            .bindings
            .iter()
            .take(model.package_bindings)
            .filter(|b| b.kind == super::BindingKind::PackageVar)
            .map(|b| (b.name.clone(), b.declared_type.clone()))
            .collect();
        FileSummary {
            path: path.to_string(),
            package: model.package.clone(),
            functions,
            types: model.types.iter().filter(|t| is_package_level_type(model, t)).cloned().collect(),
            package_vars,
            records,
        }
    }
}

impl FileSummary {
    /// The summary of the named function or method declared at `range`
    /// (`FunctionInfo::range`); closures have none. Records are in document
    /// order, so this is a binary search.
    pub fn function_at(&self, range: TextRange) -> Option<&FunctionSummary> {
        let i = self.records.partition_point(|r| r.range.start < range.start);
        self.records.get(i).filter(|r| r.range == range).and_then(|_| self.functions.get(i))
    }
}

impl PreviousSummary {
    /// The facts of the function now at `range` (row `row`), moved out and
    /// shifted, when the edit touched neither it nor the `window` above it.
    /// Marks the function taken so that it cannot be moved out twice.
    fn take_function(
        &mut self,
        range: TextRange,
        window: TextRange,
        row: usize,
        source: &str,
    ) -> Option<(FunctionSummary, Option<LastCall>)> {
        self.shift.old_range(window)?;
        let old = self.shift.old_range(range)?;
        // A `//faultline:nonnil` comment above may reach further up than the window.
        let above = source.get(window.start..range.start)?;
        if self.any_nonnil_comment && above.contains("faultline:nonnil") {
            return None;
        }
        let records = &mut self.summary.records;
        let i = records.partition_point(|r| r.range.start < old.start);
        let record = records.get_mut(i).filter(|r| r.range == old && r.reusable)?;
        let mut summary = std::mem::take(self.summary.functions.get_mut(i)?);
        record.reusable = false;
        let delta = range.start as isize - old.start as isize;
        let rows = row as i64 - record.row as i64;
        for p in summary.params.iter_mut() {
            if let Some(n) = p.nonnil.as_mut() {
                n.deref = n.deref.map(|d| d.moved(delta));
                if n.deref.is_some() {
                    n.line = u32::try_from(i64::from(n.line) + rows).unwrap_or(n.line);
                }
            }
        }
        summary.nil_returns.nil_nil = summary.nil_returns.nil_nil.map(|r| r.moved(delta));
        Some((summary, record.last_call.take()))
    }
}

/// Everything known about function `id` from its own declaration.
fn summarize(
    model: &FileModel,
    decl: Option<Node<'_>>,
    source: &str,
    id: usize,
    f: &super::FunctionInfo,
    name: String,
) -> FunctionSummary {
    let body = decl.and_then(|d| d.field_child("body"));
    let mut nonnil = match decl {
        Some(decl) => super::nil_facts::nonnil_params_in(model, decl, source, id).into_iter(),
        None => Vec::new().into_iter(),
    };
    let params = f
        .params
        .iter()
        .map(|p| ParamSummary {
            name: p.name.clone(),
            ty: p.ty.clone(),
            dereferenced: p.binding.is_some_and(|b| is_dereferenced(model, b)),
            nonnil: nonnil.next().flatten(),
        })
        .collect();
    FunctionSummary {
        name,
        receiver_type: f.receiver_type.clone(),
        params,
        results: f.results.iter().map(|r| r.ty.clone()).collect(),
        calls_recover: body.is_some_and(|body| calls_recover_directly(model, body, source)),
        never_returns: false, // set once every function is summarized
        nil_predicate: body.and_then(|body| nil_predicate(model, body, source, id)),
        nil_returns: match body {
            Some(body) => super::nil_facts::nil_returns_in(f, body, source),
            None => Default::default(),
        },
    }
}

/// The declaration nodes of the file's named functions and methods, found in
/// one pass over the top level (they cannot nest), so that no fact needs a
/// lookup from the root: `descendant_for_byte_range` from the root scans every
/// top-level declaration before the one it wants.
struct Declarations<'t, 'm> {
    model: &'m FileModel,
    tree: &'t FlatTree,
    by_start: FastMap<usize, Node<'t>>,
}

impl<'t, 'm> Declarations<'t, 'm> {
    fn new(model: &'m FileModel, tree: &'t FlatTree, top_level: &[Node<'t>]) -> Self {
        let mut by_start = FastMap::default();
        for &decl in top_level {
            if matches!(crate::syntax::kind(decl), "function_declaration" | "method_declaration") {
                by_start.insert(decl.start_byte(), decl);
            }
        }
        Self { model, tree, by_start }
    }

    /// The declaration of function `id`; from the root for one that error
    /// recovery put below the top level.
    fn node(&self, id: usize) -> Option<Node<'t>> {
        let range = self.model.functions.get(id)?.range;
        match self.by_start.get(&range.start) {
            Some(&decl) if decl.end_byte() == range.end => Some(decl),
            _ => self.tree.root_node().descendant_for_byte_range(range.start, range.end),
        }
    }
}

fn is_package_level_type(model: &FileModel, decl: &TypeDecl) -> bool {
    model.bindings.iter().any(|b| {
        b.range.start >= decl.range.start && b.range.end <= decl.range.end && b.kind == super::BindingKind::PackageType
    })
}

/// A parameter is dereferenced when some reference to it is the operand of a
/// field selection (not a method call), `*`, or an index expression: the
/// builder records which references are.
fn is_dereferenced(model: &FileModel, binding: usize) -> bool {
    model.reference_indices(binding).iter().any(|&r| model.dereferenced.get(r).copied().unwrap_or(false))
}

fn calls_recover_directly(model: &FileModel, body_node: Node<'_>, source: &str) -> bool {
    // Cheap text test first: this runs for every function on every keystroke in the editor.
    if !text(body_node, source).contains("recover") {
        return false;
    }
    let mut found = false;
    crate::syntax::walk_preorder(body_node, |node| {
        if found || node.kind_name() == "func_literal" {
            return false;
        }
        if node.kind_name() == "call_expression" {
            if let Some(f) = node.field_child("function") {
                if f.kind_name() == "identifier" && text(f, source) == "recover" && model.is_builtin(f, source) {
                    found = true;
                }
            }
        }
        true
    });
    found
}

/// The function body's last statement is a call to `panic`, `os.Exit`,
/// `runtime.Goexit` or a `Fatal*`/`Panic*` logging function, directly or
/// through a few helpers of the same file (`errorf` -> `error_` -> `panic`).
/// `records[i]` and `ids[i]` are the record and function id of summary `i`.
fn ends_in_noreturn_call(model: &FileModel, records: &[FunctionRecord], ids: &[usize], function: usize) -> bool {
    const MAX_HOPS: usize = 4;
    let mut current = function;
    for _ in 0..MAX_HOPS {
        let Some(call) = records.get(current).and_then(|r| r.last_call.as_ref()) else { return false };
        let next_name = match (&call.qualifier, call.name.as_str()) {
            (None, "panic") => return call.builtin_panic,
            (Some(qualifier), name) => {
                if matches!(
                    name,
                    "Fatal" | "Fatalf" | "Fatalln" | "Panic" | "Panicf" | "Panicln" | "Goexit" | "FailNow" | "SkipNow"
                ) || (name == "Exit" && matches!(qualifier.as_str(), "os" | "syscall"))
                {
                    return true;
                }
                if model.import_named(qualifier).is_some() {
                    return false;
                }
                (name, true)
            }
            (None, name) => (name, false),
        };
        let (name, is_method) = next_name;
        // The first function or method of that name, as summaries list them (closures have none).
        let next = ids.iter().position(|&id| {
            model
                .functions
                .get(id)
                .is_some_and(|f| f.name.as_deref() == Some(name) && f.receiver.is_some() == is_method)
        });
        match next {
            Some(i) if i != current => current = i,
            _ => return false,
        }
    }
    false
}

/// The call a function's body ends with.
fn last_call_of(model: &FileModel, decl: Node<'_>, source: &str) -> Option<LastCall> {
    let call = last_call(decl)?;
    let (qualifier, name) = crate::syntax::callee_name(call, source)?;
    let builtin_panic = qualifier.is_none()
        && name == "panic"
        && call.field_child("function").is_some_and(|f| model.is_builtin(f, source));
    Some(LastCall { qualifier: qualifier.map(str::to_string), name: name.to_string(), builtin_panic })
}

fn last_call(decl: Node<'_>) -> Option<Node<'_>> {
    let block = decl.field_child("body")?;
    let last = crate::syntax::last_block_statement(block, |s| s.kind_name() != "empty_statement")?;
    crate::syntax::named_children(last)
        .next()
        .filter(|_| last.kind_name() == "expression_statement")
        .map(crate::syntax::unparen)
        .filter(|c| c.kind_name() == "call_expression")
}

/// A one-statement body `return p == nil` (or `!= nil`) over parameter `p`.
fn nil_predicate(model: &FileModel, block: Node<'_>, source: &str, function: usize) -> Option<(usize, bool)> {
    let info = model.functions.get(function)?;
    let mut statements = crate::syntax::block_statements_iter(block);
    let (Some(statement), None) = (statements.next(), statements.next()) else { return None };
    if statement.kind_name() != "return_statement" {
        return None;
    }
    let values: Vec<_> = crate::syntax::named_children(statement).collect();
    let [list] = values[..] else { return None };
    let expr = if list.kind_name() == "expression_list" {
        let inner: Vec<_> = crate::syntax::named_children(list).collect();
        let [only] = inner[..] else { return None };
        only
    } else {
        list
    };
    let expr = crate::syntax::unparen(expr);
    if expr.kind_name() != "binary_expression" {
        return None;
    }
    let is_eq = match text(expr.field_child("operator")?, source) {
        "==" => true,
        "!=" => false,
        _ => return None,
    };
    let left = crate::syntax::unparen(expr.field_child("left")?);
    let right = crate::syntax::unparen(expr.field_child("right")?);
    let operand = match (left.kind_name(), right.kind_name()) {
        ("identifier", "nil") => left,
        ("nil", "identifier") => right,
        _ => return None,
    };
    let binding = model.binding_id_of(operand)?;
    let index = info.params.iter().position(|p| p.binding == Some(binding))?;
    Some((index, is_eq))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parent_unparen_index, path_to};

    /// The path-based definition the builder's flags replace, to compare with.
    fn is_dereferenced_by_path(model: &FileModel, decl: Node<'_>, source: &str, binding: usize) -> bool {
        model.references_of(binding).any(|r| {
            let path = path_to(decl, r.range.start, r.range.end);
            let Some((_, above)) = path.split_last() else { return false };
            if above.iter().any(|n| crate::model::builder::is_unsafe_layout_call(*n, source)) {
                return false;
            }
            let Some(at) = parent_unparen_index(above) else { return false };
            let parent = above[at];
            match parent.kind_name() {
                "selector_expression" => {
                    let is_method_call = parent_unparen_index(&above[..at]).is_some_and(|g| {
                        let g = above[g];
                        g.kind_name() == "call_expression" && g.field_child("function") == Some(parent)
                    });
                    !is_method_call
                }
                "unary_expression" => parent.field_child("operator").is_some_and(|op| text(op, source) == "*"),
                "index_expression" => parent.field_child("operand").is_some_and(|o| o.start_byte() == r.range.start),
                _ => false,
            }
        })
    }

    fn assert_same(source: &str) -> usize {
        let Some(tree) = crate::syntax::FlatTree::parse(source) else { return 0 };
        let model = FileModel::build(&tree, source);
        let decls = Declarations::new(&model, &tree, &crate::model::top_level_nodes(&tree));
        let mut compared = 0;
        for (id, f) in model.functions.iter().enumerate() {
            let Some(decl) = decls.node(id).filter(|_| f.kind != FunctionKind::Closure) else { continue };
            for b in f.params.iter().filter_map(|p| p.binding) {
                let expected = is_dereferenced_by_path(&model, decl, source, b);
                assert_eq!(is_dereferenced(&model, b), expected, "{}", model.bindings[b].name);
                compared += 1;
            }
        }
        compared
    }

    #[test]
    fn dereferenced_params_match_the_path_definition() {
        let source = "package p\nfunc f(a *T, b *T, c []int, d *T, e *T, g *T, h *T) int {\n\ta.m()\n\t_ = (b).x\n\t_ = (c)[0]\n\t*d = 1\n\t(e.m)()\n\t_ = &g\n\treturn h[0] + (*(e)).y\n}\n";
        assert_eq!(assert_same(source), 7);
        // unsafe.Sizeof and its kin never evaluate their argument (runtime's
        // `sigprocmask(how, new, old)` takes `unsafe.Sizeof(*new)` with `new` nil).
        let source = "package p\nfunc f(a, b, c, d *T) uintptr {\n\t_ = unsafe.Sizeof(*a) + unsafe.Alignof(b.x) + unsafe.Offsetof(c.f)\n\treturn unsafe.Sizeof(d) + uintptr(d.n)\n}\n";
        assert_eq!(assert_same(source), 4);
        let tree = crate::syntax::FlatTree::parse(source).unwrap();
        let model = FileModel::build(&tree, source);
        let params = &model.functions[0].params;
        let derefs: Vec<bool> = params.iter().map(|p| is_dereferenced(&model, p.binding.unwrap())).collect();
        assert_eq!(derefs, [false, false, false, true]);
        // FAULTLINE_DEREF_CORPUS=/usr/lib/go-1.19/src compares on every file of a tree.
        if let Ok(root) = std::env::var("FAULTLINE_DEREF_CORPUS") {
            let mut dirs = vec![std::path::PathBuf::from(root)];
            let mut total = 0;
            while let Some(dir) = dirs.pop() {
                for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        dirs.push(path);
                    } else if path.extension().is_some_and(|e| e == "go") {
                        if let Ok(text) = std::fs::read_to_string(&path) {
                            total += assert_same(&text);
                        }
                    }
                }
            }
            eprintln!("compared {total} parameters");
        }
    }
}
