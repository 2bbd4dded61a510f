//! RACE009 goroutine-leak: a goroutine whose loop can never end, and
//! `time.After` in a `for`-`select` loop.
//!
//! A goroutine leaks when its body is an endless `for` that waits on channels
//! (a `select` or a receive) with no `return`, no `break` out of the loop, no
//! `goto`, no `panic`/`Goexit`/`Exit`, and no `.Done()` case: nothing can ever
//! stop it. The goroutine is a function literal or a function or method
//! declared in the same file. Goroutines started by `main` or `init` live as
//! long as the program by design and are not reported.
//!
//! Before Go 1.23 the timer of `time.After` is only freed when it fires: in a
//! loop whose `select` keeps taking another case, every iteration leaves one
//! more live timer behind.

use super::file_facts::with_facts;
use super::stmt_flow::statements_of;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{Access, BindingKind, GoVersion};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{callee_name, enclosing_function, named_children, text, unparen, walk_preorder};
use std::collections::HashMap;

pub struct GoroutineLeak;

static META: RuleMeta = RuleMeta {
    code: "RACE009",
    name: "goroutine-leak",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "goroutine looping forever with no way to stop it, or time.After in a for-select loop",
    docs: include_str!("goroutine_leak.md"),
    fix: FixAvailability::None,
};

impl Rule for GoroutineLeak {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["go_statement", "select_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        match node.kind_name() {
            "go_statement" => check_goroutine(node, cx),
            _ => check_time_after(node, cx),
        }
    }
}

fn check_goroutine(statement: Node<'_>, cx: &mut RuleContext<'_>) {
    let Some(call) = named_children(statement).next().map(unparen).filter(|c| c.kind_name() == "call_expression")
    else {
        return;
    };
    let Some(function) = call.field_child("function").map(unparen) else { return };
    let Some(body) = started_body(function, cx) else { return };
    let Some(forever) = statements_of(body).into_iter().find(|s| is_endless_for(*s)) else { return };
    let Some(loop_body) = forever.field_child("body") else { return };
    if !waits_on_channels(loop_body, cx.source()) || has_way_out(loop_body, cx.source()) {
        return;
    }
    let launcher = enclosing_function(statement);
    let launcher_name = launcher
        .and_then(|f| cx.model().function_of(f))
        .and_then(|f| (f.receiver_type.is_none()).then_some(f.name.as_deref()).flatten());
    if matches!(launcher_name, Some("main" | "init")) {
        return;
    }
    // `if started != nil { return }; started = ...; go loop()`: a singleton
    // set up once per program, like a goroutine started by `init`.
    if launcher.is_some_and(|f| writes_package_var(f, cx)) {
        return;
    }
    // The head of the statement (`go func() {`, `go s.loop()`), not the whole body.
    let head_end = match function.kind_name() {
        "func_literal" => body.start_byte() + 1,
        _ => call.end_byte(),
    };
    let diagnostic = cx.report(
        TextRange::new(statement.start_byte(), head_end),
        "this goroutine loops forever with no way out (no return, no break, no ctx.Done() case): \
         it can never be stopped and leaks with everything it references",
    );
    diagnostic.add_related(TextRange::of(forever), "the endless loop");
}

/// The body of the function a `go` statement starts: a literal, or a
/// function or method declared in this file (by name; methods only when one
/// method of that name is declared here).
fn started_body<'t>(function: Node<'t>, cx: &RuleContext<'t>) -> Option<Node<'t>> {
    match function.kind_name() {
        "func_literal" => function.field_child("body"),
        "identifier" | "selector_expression" => {
            let (wanted_kind, name) = match function.kind_name() {
                "identifier" => ("function_declaration", cx.text(function)),
                _ => ("method_declaration", cx.text(function.field_child("field")?)),
            };
            let root = cx.file.tree.root_node();
            let is_method = wanted_kind == "method_declaration";
            let found = with_facts(cx, |facts| {
                facts.top_level.get_or_insert_with(|| TopLevelDecls::of(root, cx.source())).lookup(is_method, name)
            })?;
            // Not unique: no body to look into.
            let (start, end) = found?;
            let declaration = root
                .descendant_for_byte_range(start, end)
                .filter(|d| d.kind_name() == wanted_kind && d.start_byte() == start && d.end_byte() == end)
                .or_else(|| named_children(root).find(|d| d.start_byte() == start && d.end_byte() == end))?;
            declaration.field_child("body")
        }
        _ => None,
    }
}

/// The top-level `function_declaration`s and `method_declaration`s of a file
/// by name: the answer of `started_body`'s scan of the root's named children,
/// kept per file (one `go f()` per statement would otherwise rescan them all).
#[derive(Default)]
pub struct TopLevelDecls {
    /// (is a method, name) -> byte range of the first declaration, and whether
    /// another declaration of that kind has the same name.
    by_name: HashMap<(bool, String), ((usize, usize), bool)>,
}

impl TopLevelDecls {
    fn of(root: Node<'_>, source: &str) -> Self {
        let mut by_name: HashMap<(bool, String), ((usize, usize), bool)> = HashMap::new();
        for decl in named_children(root) {
            let is_method = match decl.kind_name() {
                "function_declaration" => false,
                "method_declaration" => true,
                _ => continue,
            };
            let Some(name) = decl.field_child("name") else { continue };
            by_name
                .entry((is_method, text(name, source).to_string()))
                .and_modify(|(_, repeated)| *repeated = true)
                .or_insert(((decl.start_byte(), decl.end_byte()), false));
        }
        Self { by_name }
    }

    /// `None`: no declaration of that name; `Some(None)`: more than one.
    fn lookup(&self, is_method: bool, name: &str) -> Option<Option<(usize, usize)>> {
        let (range, repeated) = self.by_name.get(&(is_method, name.to_string()))?;
        Some((!repeated).then_some(*range))
    }
}

/// `for { ... }` or `for ;; { ... }`.
fn is_endless_for(statement: Node<'_>) -> bool {
    if statement.kind_name() != "for_statement" {
        return false;
    }
    match named_children(statement).find(|c| c.kind_name() != "block") {
        None => true,
        Some(clause) => clause.kind_name() == "for_clause" && clause.field_child("condition").is_none(),
    }
}

/// A `select` or a receive in the loop (outside function literals).
fn waits_on_channels(loop_body: Node<'_>, source: &str) -> bool {
    let mut waits = false;
    walk_preorder(loop_body, |n| {
        if waits || n.kind_name() == "func_literal" {
            return false;
        }
        waits = n.kind_name() == "select_statement"
            || (n.kind_name() == "unary_expression"
                && n.field_child("operator").is_some_and(|o| text(o, source) == "<-"));
        !waits
    });
    waits
}

/// Any way the loop may end: `return`, `goto`, a `break` out of it (or any
/// labelled break), a call that never returns, or a `.Done()` / `Err()` check.
fn has_way_out(loop_body: Node<'_>, source: &str) -> bool {
    // (node, inside a nested for/switch/select where a plain break stays)
    let mut stack = vec![(loop_body, false)];
    while let Some((node, nested)) = stack.pop() {
        match node.kind_name() {
            "func_literal" => continue,
            "return_statement" | "goto_statement" => return true,
            "break_statement" if !nested || named_children(node).next().is_some() => return true,
            "call_expression" => {
                let stops = callee_name(node, source).is_some_and(|(_, name)| {
                    matches!(
                        name,
                        "panic"
                            | "Exit"
                            | "Goexit"
                            | "Fatal"
                            | "Fatalf"
                            | "Fatalln"
                            | "Panic"
                            | "Panicf"
                            | "Panicln"
                            | "Done"
                            | "Err"
                            | "FailNow"
                    )
                });
                if stops {
                    return true;
                }
            }
            _ => {}
        }
        let inner = nested
            || matches!(
                node.kind_name(),
                "for_statement" | "expression_switch_statement" | "type_switch_statement" | "select_statement"
            );
        for child in named_children(node) {
            stack.push((child, inner));
        }
    }
    false
}

/// `case <-time.After(d):` in a `select` that runs in a loop, with another
/// case that keeps the loop going.
fn check_time_after(select: Node<'_>, cx: &mut RuleContext<'_>) {
    if cx.go_version >= GoVersion::new(1, 23) {
        return;
    }
    let source = cx.source();
    let cases: Vec<Node<'_>> = named_children(select).filter(|c| c.kind_name().ends_with("_case")).collect();
    let Some((timer_case, after_call)) = cases.iter().find_map(|c| time_after_case(*c, cx).map(|call| (*c, call)))
    else {
        return;
    };
    let other_case_continues =
        cases.iter().any(|c| *c != timer_case && c.kind_name() == "communication_case" && !has_way_out(*c, source));
    // Tests end soon: their timers die with them.
    if !other_case_continues || !in_long_loop(select) || cx.file.path.ends_with("_test.go") {
        return;
    }
    cx.report(
        TextRange::of(after_call),
        "time.After in a select inside a loop: each iteration that takes another case leaves a timer that is \
         not freed until it fires (before Go 1.23); create one time.NewTimer outside the loop and Reset it",
    )
    .add_related(TextRange::of(timer_case), "the timer case");
}

/// The `time.After(...)` call of `case <-time.After(d):`.
fn time_after_case<'t>(case: Node<'t>, cx: &RuleContext<'_>) -> Option<Node<'t>> {
    let communication = case.field_child("communication")?;
    if communication.kind_name() != "receive_statement" {
        return None;
    }
    let receive = unparen(communication.field_child("right")?);
    if receive.kind_name() != "unary_expression" {
        return None;
    }
    let call = unparen(receive.field_child("operand")?);
    if call.kind_name() != "call_expression" {
        return None;
    }
    let (Some(package), "After") = callee_name(call, cx.source())? else { return None };
    cx.model().import_named(package).filter(|i| i.path == "time")?;
    Some(call)
}

/// Is the select inside an endless `for { }` of the same function? Counted,
/// `range` and `for cond` loops usually end after a few timers.
fn in_long_loop(select: Node<'_>) -> bool {
    let mut current = select.parent();
    while let Some(node) = current {
        match node.kind_name() {
            "for_statement" => return is_endless_for(node),
            "func_literal" | "function_declaration" | "method_declaration" => return false,
            _ => current = node.parent(),
        }
    }
    false
}

/// Does the function assign a package-level variable (declared in this file
/// or, by name, in a sibling file)?
fn writes_package_var(function: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    let range = TextRange::of(function);
    model
        .references
        .iter()
        .filter(|r| range.contains_range(r.range) && r.access != Access::Read)
        .any(|r| model.bindings.get(r.binding).is_some_and(|b| b.kind == BindingKind::PackageVar))
}

#[cfg(test)]
mod tests {
    use crate::analysis::{check_file, SourceFile};
    use crate::config::Settings;
    use crate::model::PackageContext;

    fn race009_lines(src: &str) -> Vec<usize> {
        let file = SourceFile::new("a.go", src.to_string()).unwrap();
        let found = check_file(&file, &PackageContext::default(), &Settings::default());
        found.iter().filter(|d| d.code == "RACE009").map(|d| file.lines.line_col(d.range.start).line as usize).collect()
    }

    const LOOP: &str = "{\n\tfor {\n\t\tselect {\n\t\tcase <-in:\n\t\t}\n\t}\n}\n";

    #[test]
    fn started_functions_are_found_by_name_once_per_file() {
        // `worker` is declared once: both `go` statements look into it. The
        // method `loop` is declared on two types: which one runs is not known.
        let src = format!(
            "package p\n\nvar in chan int\n\nfunc worker() {LOOP}\ntype a struct{{}}\ntype b struct{{}}\n\n\
             func (a) loop() {LOOP}\nfunc (b) loop() {LOOP}\n\
             func start(x a) {{\n\tgo worker()\n\tgo x.loop()\n\tgo worker()\n}}\n"
        );
        let lines = race009_lines(&src);
        let start = src.lines().position(|l| l.starts_with("func start")).unwrap();
        assert_eq!(lines, vec![start + 1, start + 3], "{src}");
    }
}
