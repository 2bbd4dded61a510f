//! A goroutine as RACE002-RACE004 see it: the function literal started with
//! `go` (or an errgroup-style `g.Go`), the function that starts it, whether it
//! is started once per loop iteration, and what the code between two points of
//! the starting function does to order memory accesses (waits, receives, locks).

use super::iteration_end::iteration_waits;
use super::launch::{Launch, LaunchKind};
use super::sync_types::TypeEnv;
use crate::diagnostic::TextRange;
use crate::model::{FunctionId, TypeExpr};
use crate::rules::RuleContext;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{callee_name, named_children, text, unparen, walk_preorder};

pub struct Spawn<'t> {
    pub launch: Launch<'t>,
    /// The function containing the `go` statement.
    pub spawner: FunctionId,
    pub spawner_node: Node<'t>,
    /// The goroutine's function literal.
    pub closure: FunctionId,
    /// The body of the innermost loop (of the spawner) around the `go`
    /// statement, when every iteration starts another goroutine that may still
    /// run while the next one starts (the iteration does not wait for it).
    pub concurrent_loop: Option<Node<'t>>,
}

impl<'t> Spawn<'t> {
    /// A `go_statement`, or a `g.Go(func...)` call, starting a function literal.
    pub fn of(node: Node<'t>, cx: &RuleContext<'t>) -> Option<Self> {
        let launch = Launch::of(node, cx)?;
        if !matches!(launch.kind, LaunchKind::Go | LaunchKind::GroupGo) {
            return None;
        }
        // The statement is `node` or its parent: its ancestors come from the
        // rules walk (each `Node::parent` would descend from the root).
        let (spawner_node, innermost_loop) = match cx.ancestors_of(launch.statement) {
            Some(above) => function_and_loop(above.iter().rev().copied()),
            None => function_and_loop(crate::syntax::ancestors(launch.statement)),
        }?;
        let spawner = cx.model().function_id_of(spawner_node)?;
        let closure = cx.model().function_id_of(launch.closure)?;
        let loop_body = innermost_loop.and_then(|f| f.field_child("body"));
        let concurrent_loop = loop_body.filter(|body| !iteration_waits(launch.statement, *body, cx.source()));
        Some(Spawn { launch, spawner, spawner_node, closure, concurrent_loop })
    }

    /// The goroutine's body.
    pub fn body(&self) -> Option<Node<'t>> {
        self.launch.closure.field_child("body")
    }

    /// Visits the goroutine body's nodes in order, not entering nested
    /// function literals (other goroutines, deferred or stored functions).
    pub fn visit_body(&self, mut visit: impl FnMut(Node<'t>)) {
        let Some(body) = self.body() else { return };
        walk_preorder(body, |n| {
            if n.kind_name() == "func_literal" {
                return false;
            }
            visit(n);
            true
        });
    }
}

/// Among `ancestors` (nearest first): the innermost function
/// (`enclosing_function`), and the innermost `for` statement inside it.
fn function_and_loop<'t>(ancestors: impl Iterator<Item = Node<'t>>) -> Option<(Node<'t>, Option<Node<'t>>)> {
    let mut innermost_loop = None;
    for ancestor in ancestors {
        if crate::syntax::is_function(ancestor) {
            return Some((ancestor, innermost_loop));
        }
        if innermost_loop.is_none() && ancestor.kind_name() == "for_statement" {
            innermost_loop = Some(ancestor);
        }
    }
    None
}

/// `X.Name(...)` for one of `names`: the receiver expression.
pub fn method_receiver<'t>(call: Node<'t>, names: &[&str], source: &str) -> Option<Node<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let function = unparen(call.field_child("function")?);
    if function.kind_name() != "selector_expression" {
        return None;
    }
    let field = function.field_child("field")?;
    names.contains(&text(field, source)).then(|| function.field_child("operand")).flatten()
}

/// Any `X.Lock()` / `X.RLock()` call among the nodes `visit_body` would see, before `before`.
pub fn locks_before(spawn: &Spawn<'_>, before: usize, source: &str) -> bool {
    let mut found = false;
    spawn.visit_body(|n| {
        if n.start_byte() < before && method_receiver(n, &["Lock", "RLock"], source).is_some() {
            found = true;
        }
    });
    found
}

/// Something between byte offsets `from` and `to` in `function` (not in nested
/// function literals) that may order a goroutine's accesses before what follows:
/// a `Wait()` (WaitGroup, errgroup, cond), a `Lock()`, a channel receive, a
/// `select`, a `range` over something that is not visibly a slice or map, or a
/// `Do()`.
pub fn ordered_between(function: Node<'_>, from: usize, to: usize, env: &TypeEnv<'_>) -> bool {
    let source = env.source;
    let Some(body) = function.field_child("body") else { return true };
    let mut ordered = false;
    walk_preorder(body, |n| {
        if ordered || n.end_byte() <= from || n.start_byte() >= to {
            return false;
        }
        if n.kind_name() == "func_literal" {
            return false;
        }
        if n.start_byte() >= from {
            ordered = match n.kind_name() {
                "select_statement" => true,
                "unary_expression" => n.field_child("operator").is_some_and(|op| text(op, source) == "<-"),
                "range_clause" => ranges_over_channel_or_unknown(n, env),
                "call_expression" => {
                    method_receiver(n, &["Wait", "Lock", "RLock", "Do"], source).is_some()
                        || callee_name(n, source).is_some_and(|(_, name)| name == "Wait")
                }
                _ => false,
            };
        }
        !ordered
    });
    ordered
}

/// A call between `from` and `to` in `function` (outside function literals and
/// `go`/`defer` statements) that might block and so order the goroutine's work
/// before what follows: anything but builtins, conversions, well-known
/// non-blocking packages (`time.Sleep` included: sleeping orders nothing) and
/// logging/counting methods. Findings with such a call in between are uncertain.
pub fn may_block_between(function: Node<'_>, from: usize, to: usize, source: &str) -> Option<TextRange> {
    const QUIET_PACKAGES: &[&str] = &[
        "fmt", "log", "strconv", "strings", "bytes", "errors", "sort", "math", "time", "unicode", "utf8", "filepath",
        "path", "os", "rand", "atomic",
    ];
    const QUIET_METHODS: &[&str] = &[
        "Add", "Done", "Inc", "Store", "Load", "Swap", "Unlock", "RUnlock", "Logf", "Log", "Errorf", "Error", "Helper",
        "Len", "String", "Fatalf", "Fatal", "Skip", "Skipf", "Printf", "Println", "Print", "Sprintf",
    ];
    let body = function.field_child("body")?;
    let mut found = None;
    walk_preorder(body, |n| {
        if found.is_some() || n.end_byte() <= from || n.start_byte() >= to {
            return false;
        }
        if matches!(n.kind_name(), "func_literal" | "go_statement" | "defer_statement") {
            return false;
        }
        if n.start_byte() >= from && n.kind_name() == "call_expression" {
            let quiet = match callee_name(n, source) {
                Some((None, name)) => {
                    crate::model::BUILTINS.contains(&name)
                        || name.chars().next().is_some_and(|c| c.is_lowercase()) && is_conversion_name(name)
                }
                Some((Some(q), name)) => QUIET_PACKAGES.contains(&q) || QUIET_METHODS.contains(&name),
                None => false,
            };
            if !quiet {
                found = Some(TextRange::of(n));
            }
        }
        found.is_none()
    });
    found
}

/// Conversions to predeclared types look like calls.
fn is_conversion_name(name: &str) -> bool {
    matches!(
        name,
        "string"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "float32"
            | "float64"
            | "byte"
            | "rune"
            | "bool"
            | "uintptr"
    )
}

/// `range x` where `x` is a channel or of a type faultline cannot see.
fn ranges_over_channel_or_unknown(clause: Node<'_>, env: &TypeEnv<'_>) -> bool {
    let Some(right) = clause.field_child("right") else { return true };
    match env.expr_type(right).map(|t| env.resolve_type(&t)) {
        Some(TypeExpr::Slice(_) | TypeExpr::Array(..) | TypeExpr::Map(..)) => false,
        Some(TypeExpr::Named { package: None, name }) if matches!(name.as_str(), "string" | "int") => false,
        _ => true,
    }
}

/// The identifier a chain of selectors starts at (`s.a.b` -> `s`), if the
/// expression is only identifiers and selectors.
pub fn base_identifier(expr: Node<'_>) -> Option<Node<'_>> {
    let mut cur = unparen(expr);
    for _ in 0..64 {
        match cur.kind_name() {
            "identifier" => return Some(cur),
            "selector_expression" => cur = unparen(cur.field_child("operand")?),
            _ => return None,
        }
    }
    None
}

/// The arguments of a call.
pub fn call_arguments(call: Node<'_>) -> Vec<Node<'_>> {
    call.field_child("arguments").map(|a| named_children(a).collect()).unwrap_or_default()
}
