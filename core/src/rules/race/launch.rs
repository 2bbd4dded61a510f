//! Function literals that run later than the statement that mentions them:
//! started with `go`, deferred, handed to an errgroup-style `g.Go`, or run as
//! a parallel subtest by `t.Run(name, func(t *testing.T) { t.Parallel(); ... })`.

use crate::model::TypeExpr;
use crate::rules::RuleContext;
use crate::syntax::kind;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{block_statements, callee_name, named_children, parent_unparen, parent_unparen_in, unparen};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchKind {
    Go,
    Defer,
    /// `g.Go(func() error {...})` on an errgroup or conc pool.
    GroupGo,
    /// `t.Run(name, func(t *testing.T) { t.Parallel(); ... })`.
    ParallelSubtest,
}

#[derive(Debug, Clone, Copy)]
pub struct Launch<'t> {
    pub kind: LaunchKind,
    /// The `func_literal` that runs later.
    pub closure: Node<'t>,
    /// The statement that starts it.
    pub statement: Node<'t>,
    /// Code of the literal from this offset on runs after the statement; a
    /// subtest runs synchronously until it calls `t.Parallel()`.
    pub runs_later_from: usize,
}

impl<'t> Launch<'t> {
    /// A `go_statement`, `defer_statement` or `call_expression` that launches a function literal.
    pub fn of(node: Node<'t>, cx: &RuleContext<'t>) -> Option<Self> {
        let source = cx.source();
        match kind(node) {
            "go_statement" | "defer_statement" => {
                let call = unparen(named_children(node).next()?);
                if call.kind_name() != "call_expression" {
                    return None;
                }
                let closure = unparen(call.field_child("function")?);
                if closure.kind_name() != "func_literal" {
                    return None;
                }
                let kind = if node.kind_name() == "go_statement" { LaunchKind::Go } else { LaunchKind::Defer };
                Some(Launch { kind, closure, statement: node, runs_later_from: closure.start_byte() })
            }
            "call_expression" => {
                // Names first, the parent last.
                // (This runs on every call of the file: field lookups by id.)
                // A selector's text ends with its field name: one field lookup rejects most calls.
                // Parentheses around it end in `)`: only then is `unparen` needed.
                let function = cx.call_function(node)?;
                let mut function_text = crate::syntax::text(function, source);
                if function_text.ends_with(')') {
                    function_text = crate::syntax::text(unparen(function), source);
                }
                if !function_text.ends_with("Go") && !function_text.ends_with("Run") {
                    return None;
                }
                let (Some(receiver), method) = crate::syntax::callee_name(node, source)? else { return None };
                if method != "Go" && method != "Run" {
                    return None;
                }
                // `node` is where the rules walk is (or on its path): its parent comes from there.
                let parent = match cx.ancestors_of(node) {
                    Some(above) => parent_unparen_in(node, above).map(|(parent, _)| parent),
                    None => parent_unparen(node),
                };
                let statement = parent.filter(|p| p.kind_name() == "expression_statement")?;
                let args: Vec<Node<'t>> = named_children(node.field_child("arguments")?).collect();
                let closure = args.last().map(|a| unparen(*a)).filter(|a| a.kind_name() == "func_literal")?;
                let (kind, runs_later_from) = match (method, args.len()) {
                    ("Go", 1) if is_group(node, receiver, cx) => (LaunchKind::GroupGo, closure.start_byte()),
                    ("Run", 2) if is_testing_t(node, receiver, cx) => {
                        (LaunchKind::ParallelSubtest, parallel_call_end(closure, source)?)
                    }
                    _ => return None,
                };
                Some(Launch { kind, closure, statement, runs_later_from })
            }
            _ => None,
        }
    }

    /// The launch whose function literal is `closure`, if any.
    pub fn of_closure(closure: Node<'t>, cx: &RuleContext<'t>) -> Option<Self> {
        let parent = parent_unparen(closure)?;
        let candidate = match parent.kind_name() {
            // go/defer: the literal is the called function.
            "call_expression" => {
                parent_unparen(parent).filter(|s| matches!(s.kind_name(), "go_statement" | "defer_statement"))?
            }
            "argument_list" => parent.parent()?,
            _ => return None,
        };
        Self::of(candidate, cx).filter(|l| l.closure == closure)
    }

    /// The launched function in the words of a message.
    pub fn describe(&self) -> &'static str {
        match self.kind {
            LaunchKind::Go => "the goroutine",
            LaunchKind::Defer => "the deferred function",
            LaunchKind::GroupGo => "the function passed to Go",
            LaunchKind::ParallelSubtest => "the parallel subtest",
        }
    }
}

/// `g.Go(f)` starts `f` concurrently for errgroup and the conc pools; other
/// types with a `Go` method may run `f` in place, so the receiver must be a
/// variable whose declaration names one of those packages
/// (`var g errgroup.Group`, `g, ctx := errgroup.WithContext(ctx)`, `p := pool.New()`).
fn is_group(call: Node<'_>, receiver: &str, cx: &RuleContext<'_>) -> bool {
    let Some(operand) = selector_operand(call, receiver, cx) else { return false };
    let Some(binding) = cx.model().binding_of(operand) else { return false };
    let is_group_package = |alias: &str| {
        cx.model()
            .import_named(alias)
            .is_some_and(|i| i.path.ends_with("/errgroup") || i.path.contains("sourcegraph/conc"))
    };
    if let Some(ty) = &binding.declared_type {
        let named = match ty {
            TypeExpr::Pointer(inner) => inner.as_ref(),
            other => other,
        };
        return matches!(named, TypeExpr::Named { package: Some(p), .. } if is_group_package(p));
    }
    let Some(init) = binding.init else { return false };
    let init_text = cx.source().get(init.start..init.end).unwrap_or("");
    let init_text = init_text.trim_start_matches(['&', '(']).trim_start_matches("new(");
    init_text.split_once('.').is_some_and(|(alias, _)| is_group_package(alias.trim()))
}

/// The identifier `x` of `x.Method(...)` when it is a plain variable named `receiver`.
fn selector_operand<'t>(call: Node<'t>, receiver: &str, cx: &RuleContext<'_>) -> Option<Node<'t>> {
    call.field_child("function")
        .map(unparen)
        .and_then(|f| f.field_child("operand"))
        .map(unparen)
        .filter(|o| o.kind_name() == "identifier" && cx.text(*o) == receiver)
}

/// Is the receiver of `x.Run(...)` a variable declared as `*testing.T`?
fn is_testing_t(call: Node<'_>, receiver: &str, cx: &RuleContext<'_>) -> bool {
    let Some(operand) = selector_operand(call, receiver, cx) else { return false };
    let Some(TypeExpr::Pointer(inner)) = cx.model().binding_of(operand).and_then(|b| b.declared_type.as_ref()) else {
        return false;
    };
    let TypeExpr::Named { package: Some(package), name } = inner.as_ref() else { return false };
    name == "T" && cx.model().import_named(package).is_some_and(|i| i.path == "testing")
}

/// `func(t *testing.T) { ...; t.Parallel(); ... }`: a subtest that `t.Run`
/// pauses at `t.Parallel()` and resumes after the parent test function
/// returns. Returns the end of that call.
fn parallel_call_end(closure: Node<'_>, source: &str) -> Option<usize> {
    let params = closure.field_child("parameters")?;
    let names: Vec<Node<'_>> = named_children(params)
        .filter(|d| d.kind_name() == "parameter_declaration")
        .flat_map(|d| {
            let mut cursor = d.walk();
            d.children_by_field_name("name", &mut cursor).collect::<Vec<_>>()
        })
        .collect();
    let [param] = names.as_slice() else { return None };
    let param = crate::syntax::text(*param, source);
    let body = closure.field_child("body")?;
    // Most closures call no `Parallel`: skip the walk below.
    if !crate::syntax::text(body, source).contains("Parallel") {
        return None;
    }
    // A `goto` may jump over `t.Parallel()`: too subtle to judge.
    let mut has_label = false;
    crate::syntax::walk_preorder(body, |n| {
        has_label |= n.kind_name() == "labeled_statement";
        !has_label && n.kind_name() != "func_literal"
    });
    if has_label {
        return None;
    }
    block_statements(body).into_iter().find_map(|statement| {
        let call = named_children(statement).next().filter(|_| statement.kind_name() == "expression_statement")?;
        let is_parallel = call.kind_name() == "call_expression"
            && callee_name(call, source) == Some((Some(param), "Parallel"))
            && call.field_child("arguments").is_some_and(|a| named_children(a).next().is_none());
        is_parallel.then(|| call.end_byte())
    })
}
