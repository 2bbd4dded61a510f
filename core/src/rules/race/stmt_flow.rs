//! Statement-level paths inside one function body, for the rules that pair an
//! acquire with its release: a `Lock` and its `Unlock` (RACE006), a context
//! and its `cancel` (RACE010), a `close` and a later send (RACE008).
//!
//! Everything here works on the statements of one container (a block or a
//! case clause) and looks into nested statements with explicit stacks, never
//! entering function literals: their code runs elsewhere.

use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{callee_name, named_children, text, unparen, walk_preorder};

/// Node kinds whose direct statements the rules scan.
pub const CONTAINERS: &[&str] = &["block", "expression_case", "type_case", "communication_case", "default_case"];

/// The statements directly inside a block or case clause, in order
/// (tree-sitter-go wraps them in a `statement_list`).
pub fn statements_of(container: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    for child in named_children(container) {
        if child.kind_name() == "statement_list" {
            out.extend(named_children(child));
        } else if container.kind_name() == "block" {
            out.push(child);
        }
    }
    out
}

/// `X.Method()` as a statement: the receiver text and the method name.
pub fn method_call_statement<'s>(statement: Node<'_>, source: &'s str) -> Option<(&'s str, &'s str)> {
    if statement.kind_name() != "expression_statement" {
        return None;
    }
    let call = unparen(named_children(statement).next()?);
    method_call(call, source)
}

/// `X.Method()` with no arguments: the receiver text and the method name.
pub fn method_call<'s>(call: Node<'_>, source: &'s str) -> Option<(&'s str, &'s str)> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let args = call.field_child("arguments")?;
    if named_children(args).next().is_some() {
        return None;
    }
    match callee_name(call, source)? {
        (Some(receiver), method) => Some((receiver, method)),
        (None, _) => None,
    }
}

/// `builtin(arg)` as a statement (`close(ch)`): the argument node.
pub fn builtin_call_statement<'t>(statement: Node<'t>, name: &str, source: &str) -> Option<Node<'t>> {
    if statement.kind_name() != "expression_statement" {
        return None;
    }
    builtin_call_argument(unparen(named_children(statement).next()?), name, source)
}

/// The only argument of `name(arg)` when the callee is the plain identifier `name`.
pub fn builtin_call_argument<'t>(call: Node<'t>, name: &str, source: &str) -> Option<Node<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let function = unparen(call.field_child("function")?);
    if function.kind_name() != "identifier" || text(function, source) != name {
        return None;
    }
    let mut args = named_children(call.field_child("arguments")?);
    let arg = args.next()?;
    args.next().is_none().then(|| unparen(arg))
}

/// Does `node` contain (or is it) a node for which `found` holds, outside function literals?
pub fn contains<'t>(node: Node<'t>, mut found: impl FnMut(Node<'t>) -> bool) -> bool {
    let mut hit = false;
    walk_preorder(node, |n| {
        if hit || (n.kind_name() == "func_literal" && n != node) {
            return false;
        }
        hit = found(n);
        !hit
    });
    hit
}

/// Which jumps leave the region that starts after an acquire.
#[derive(Debug, Clone, Copy)]
pub struct ExitKinds {
    pub returns: bool,
    /// Unlabelled `break`/`continue` that leave the container the region is in
    /// (the acquire is inside a loop, switch or select).
    pub loop_jumps: bool,
}

#[derive(Debug, Clone, Copy)]
struct Nesting {
    /// Inside a loop that is itself inside the region: `continue` stays inside.
    in_loop: bool,
    /// Inside a loop, switch or select inside the region: `break` stays inside.
    in_breakable: bool,
}

/// The jump statements in `statements` (the code after an acquire, in order)
/// reached before anything `released` says undoes it. A compound statement
/// that releases on some branch is entered branch by branch; code after it is
/// only followed when it is an `if` without `else` whose body always jumps
/// away (`if err != nil { mu.Unlock(); return err }`), since otherwise the
/// release may or may not have happened and the rules stay quiet.
pub fn leaking_exits<'t>(
    statements: Vec<Node<'t>>,
    kinds: ExitKinds,
    released: &dyn Fn(Node<'t>) -> bool,
) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut work = vec![(statements, Nesting { in_loop: false, in_breakable: false })];
    while let Some((statements, nesting)) = work.pop() {
        for statement in statements {
            let statement = strip_labels(statement);
            if is_exit(statement, kinds, nesting) {
                if !released(statement) {
                    out.push(statement);
                }
                break;
            }
            if !released(statement) {
                collect_exits(statement, kinds, nesting, &mut out);
                continue;
            }
            let branches = branches_of(statement, nesting);
            if branches.is_empty() {
                break;
            }
            let continues = is_guard_if(statement);
            work.extend(branches);
            if !continues {
                break;
            }
        }
    }
    out.sort_by_key(|n| n.start_byte());
    out
}

fn strip_labels(mut statement: Node<'_>) -> Node<'_> {
    while statement.kind_name() == "labeled_statement" {
        match named_children(statement).nth(1) {
            Some(inner) => statement = inner,
            None => break,
        }
    }
    statement
}

fn is_exit(statement: Node<'_>, kinds: ExitKinds, nesting: Nesting) -> bool {
    let unlabelled = || named_children(statement).next().is_none();
    match statement.kind_name() {
        "return_statement" => kinds.returns,
        "continue_statement" => kinds.loop_jumps && !nesting.in_loop && unlabelled(),
        "break_statement" => kinds.loop_jumps && !nesting.in_breakable && unlabelled(),
        _ => false,
    }
}

/// Every exit inside `statement` (which releases nothing), outside function literals.
fn collect_exits<'t>(statement: Node<'t>, kinds: ExitKinds, nesting: Nesting, out: &mut Vec<Node<'t>>) {
    let mut stack = vec![(statement, nesting)];
    while let Some((node, nesting)) = stack.pop() {
        if node.kind_name() == "func_literal" {
            continue;
        }
        if is_exit(node, kinds, nesting) {
            out.push(node);
            continue;
        }
        let inner = nested(node, nesting);
        for child in named_children(node) {
            stack.push((child, inner));
        }
    }
}

/// The nesting for the children of `node`.
fn nested(node: Node<'_>, nesting: Nesting) -> Nesting {
    match node.kind_name() {
        "for_statement" => Nesting { in_loop: true, in_breakable: true },
        "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
            Nesting { in_breakable: true, ..nesting }
        }
        _ => nesting,
    }
}

/// The statement lists a compound statement may run, with their nesting.
fn branches_of(statement: Node<'_>, nesting: Nesting) -> Vec<(Vec<Node<'_>>, Nesting)> {
    let inner = nested(statement, nesting);
    let mut out = Vec::new();
    let mut stack = vec![statement];
    while let Some(node) = stack.pop() {
        match node.kind_name() {
            "block" | "expression_case" | "type_case" | "communication_case" | "default_case" => {
                out.push((statements_of(node), inner))
            }
            "if_statement" => {
                stack.extend(node.field_child("consequence"));
                stack.extend(node.field_child("alternative"));
            }
            "for_statement" => stack.extend(node.field_child("body")),
            "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
                stack.extend(named_children(node).filter(|c| c.kind_name().ends_with("_case")));
            }
            _ => {}
        }
    }
    out
}

/// `if cond { ...; return }` with no `else`: code after it runs only when the body did not.
fn is_guard_if(statement: Node<'_>) -> bool {
    if statement.kind_name() != "if_statement" || statement.field_child("alternative").is_some() {
        return false;
    }
    let Some(body) = statement.field_child("consequence") else { return false };
    statements_of(body).last().is_some_and(|last| {
        matches!(last.kind_name(), "return_statement" | "continue_statement" | "break_statement" | "goto_statement")
    })
}

/// The root identifier of `a.b.c` (`a`), or `a` itself.
pub fn root_identifier(mut node: Node<'_>) -> Option<Node<'_>> {
    loop {
        node = unparen(node);
        match node.kind_name() {
            "identifier" => return Some(node),
            "selector_expression" => node = node.field_child("operand")?,
            _ => return None,
        }
    }
}

/// Is `expression` a plain path like `mu`, `s.mu` or `s.inner.mu` (no calls, no indexing)?
pub fn is_plain_path(expression: Node<'_>) -> bool {
    let mut node = unparen(expression);
    loop {
        match node.kind_name() {
            "identifier" => return true,
            "selector_expression" => match node.field_child("operand") {
                Some(operand) => node = unparen(operand),
                None => return false,
            },
            _ => return false,
        }
    }
}

/// Does `statement` assign to the variable `name` (`name = ...`, `name, x := ...`)?
pub fn assigns_name(statement: Node<'_>, name: &str, source: &str) -> bool {
    // The assigned name is part of the statement's text.
    if !text(statement, source).contains(name) {
        return false;
    }
    contains(statement, |n| {
        matches!(n.kind_name(), "assignment_statement" | "short_var_declaration")
            && n.field_child("left").is_some_and(|left| {
                named_children(left).any(|l| {
                    let l = unparen(l);
                    text(l, source) == name
                })
            })
    })
}

/// The first statement-list member (or direct statement of a block) for
/// which `hit` holds: the same nodes `stmt_flow::statements_of` lists, in
/// order, without collecting them.
pub fn any_statement(container: Node<'_>, mut hit: impl FnMut(Node<'_>) -> bool) -> bool {
    let is_block = container.kind_name() == "block";
    for child in named_children(container) {
        if child.kind_name() == "statement_list" {
            if named_children(child).any(&mut hit) {
                return true;
            }
        } else if is_block && hit(child) {
            return true;
        }
    }
    false
}
