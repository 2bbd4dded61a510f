//! What one file tells the other files of its package: function signatures and
//! facts about their bodies, struct and type declarations, package variables.

use super::{FileModel, FunctionKind, TypeDecl, TypeExpr};
use crate::syntax::{parent_unparen, text};
use tree_sitter::Tree;

#[derive(Debug, Clone)]
pub struct ParamSummary {
    pub name: Option<String>,
    pub ty: TypeExpr,
    /// The body dereferences this parameter (`p.f`, `*p`, `p[i]`) somewhere.
    pub dereferenced: bool,
}

#[derive(Debug, Clone)]
pub struct FunctionSummary {
    pub name: String,
    /// Base type name of a method's receiver.
    pub receiver_type: Option<String>,
    pub params: Vec<ParamSummary>,
    pub results: Vec<TypeExpr>,
    /// `recover()` is called directly in the body (not in a nested closure).
    pub calls_recover: bool,
}

#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    pub path: String,
    pub package: Option<String>,
    pub functions: Vec<FunctionSummary>,
    pub types: Vec<TypeDecl>,
    /// Package-level variables with their written types, when written.
    pub package_vars: Vec<(String, Option<TypeExpr>)>,
}

impl FileSummary {
    pub fn new(path: &str, model: &FileModel, tree: &Tree, source: &str) -> Self {
        let mut functions = Vec::new();
        for (id, f) in model.functions.iter().enumerate() {
            if f.kind == FunctionKind::Closure {
                continue;
            }
            let Some(name) = f.name.clone() else { continue };
            let params = f
                .params
                .iter()
                .map(|p| ParamSummary {
                    name: p.name.clone(),
                    ty: p.ty.clone(),
                    dereferenced: p.binding.is_some_and(|b| is_dereferenced(model, tree, source, b)),
                })
                .collect();
            let calls_recover = calls_recover_directly(model, tree, source, id);
            functions.push(FunctionSummary {
                name,
                receiver_type: f.receiver_type.clone(),
                params,
                results: f.results.iter().map(|r| r.ty.clone()).collect(),
                calls_recover,
            });
        }
        let package_vars = model
            .bindings
            .iter()
            .filter(|b| b.kind == super::BindingKind::PackageVar)
            .map(|b| (b.name.clone(), b.declared_type.clone()))
            .collect();
        FileSummary {
            path: path.to_string(),
            package: model.package.clone(),
            functions,
            types: model.types.iter().filter(|t| is_package_level_type(model, t)).cloned().collect(),
            package_vars,
        }
    }
}

fn is_package_level_type(model: &FileModel, decl: &TypeDecl) -> bool {
    model.bindings.iter().any(|b| {
        b.range.start >= decl.range.start && b.range.end <= decl.range.end && b.kind == super::BindingKind::PackageType
    })
}

/// A parameter is dereferenced when some reference to it is the operand of a
/// field selection, `*`, or an index expression.
fn is_dereferenced(model: &FileModel, tree: &Tree, source: &str, binding: usize) -> bool {
    let root = tree.root_node();
    model.references_of(binding).any(|r| {
        let Some(ident) = root.descendant_for_byte_range(r.range.start, r.range.end) else { return false };
        let Some(parent) = parent_unparen(ident) else { return false };
        match parent.kind() {
            "selector_expression" => {
                let is_method_call = parent_unparen(parent).is_some_and(|g| {
                    g.kind() == "call_expression" && g.child_by_field_name("function") == Some(parent)
                });
                !is_method_call
            }
            "unary_expression" => parent.child_by_field_name("operator").is_some_and(|op| text(op, source) == "*"),
            "index_expression" => {
                parent.child_by_field_name("operand").is_some_and(|o| o.start_byte() == r.range.start)
            }
            _ => false,
        }
    })
}

fn calls_recover_directly(model: &FileModel, tree: &Tree, source: &str, function: usize) -> bool {
    let Some(body) = model.functions.get(function).and_then(|f| f.body) else { return false };
    let Some(body_node) = tree.root_node().descendant_for_byte_range(body.start, body.end) else { return false };
    let mut found = false;
    crate::syntax::walk_preorder(body_node, |node| {
        if found || node.kind() == "func_literal" {
            return false;
        }
        if node.kind() == "call_expression" {
            if let Some(f) = node.child_by_field_name("function") {
                if f.kind() == "identifier" && text(f, source) == "recover" && model.is_builtin(f, source) {
                    found = true;
                }
            }
        }
        true
    });
    found
}
