//! PANIC006 library-panic (info): an explicit `panic(...)` written directly in
//! an exported function or method of a non-`main` package. Callers of a
//! library expect errors, not crashes. Not reported: `Must*` functions
//! (panicking is their contract), `init`, tests, panics inside function
//! literals (they run elsewhere), `internal/` packages, functions whose doc
//! comment mentions the panic, and unreachable-code panics: the last
//! statement after an exhaustive `switch`/`for`/`select`, or a message that
//! says so (`panic("unreachable")`).

use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{block_statements, named_children, parent_unparen, unparen};

pub struct LibraryPanic;

static META: RuleMeta = RuleMeta {
    code: "PANIC006",
    name: "library-panic",
    family: Family::PanicPath,
    default_severity: Severity::Info,
    summary: "explicit panic in an exported function of a library package: callers expect an error",
    docs: include_str!("library_panic.md"),
    fix: FixAvailability::None,
};

const UNREACHABLE_WORDS: &[&str] =
    &["unreachable", "not reached", "impossible", "should not happen", "can't happen", "cannot happen", "never happen"];

impl Rule for LibraryPanic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(function) = cx.call_function(call).map(unparen) else { return };
        if kind(function) != "identifier"
            || cx.text(function) != "panic"
            || !cx.model().is_builtin(function, cx.source())
        {
            return;
        }
        // `internal/` packages are called only by their own module, whose authors know.
        let internal = cx.file.path.contains("/internal/") || cx.file.path.starts_with("internal/");
        let package = match cx.model().package.as_deref() {
            Some(p) if p != "main" && !cx.file.path.ends_with("_test.go") && !internal => p.to_string(),
            _ => return,
        };
        let Some(owner) = cx.enclosing_function(call) else { return };
        if !matches!(kind(owner), "function_declaration" | "method_declaration") {
            return;
        }
        let Some(name) = field!(owner, "name").map(|n| cx.text(n)) else { return };
        let exported = name.chars().next().is_some_and(char::is_uppercase);
        if !exported || name.starts_with("Must") || name == "init" {
            return;
        }
        let arguments = field!(call, "arguments").map(|a| cx.text(a).to_ascii_lowercase()).unwrap_or_default();
        if UNREACHABLE_WORDS.iter().any(|w| arguments.contains(w))
            || is_after_exhaustive_statement(call, owner)
            || documents_panic(owner, cx)
        {
            return;
        }
        let what = if kind(owner) == "method_declaration" { "method" } else { "function" };
        cx.report(
            TextRange::of(call),
            format!(
                "exported {what} {name} of package {package} panics here: callers of a library expect an error; \
                 return one, or document the panic and name the function Must{name}"
            ),
        );
    }
}

/// `switch ... { case ...: return }; panic("...")`: the panic is the body's
/// last statement, right after a statement that returns on every normal path.
fn is_after_exhaustive_statement(call: Node<'_>, owner: Node<'_>) -> bool {
    let Some(statement) = parent_unparen(call).filter(|s| kind(s) == "expression_statement") else { return false };
    let Some(body) = field!(owner, "body") else { return false };
    let statements = block_statements(body);
    let Some(position) = statements.iter().position(|s| *s == statement) else { return false };
    if position + 1 != statements.len() || position == 0 {
        return false;
    }
    let previous = statements[position - 1];
    match kind(previous) {
        "expression_switch_statement" | "type_switch_statement" | "select_statement" => true,
        // `for { ... }` with no condition only leaves by return or break.
        "for_statement" => named_children(previous).all(|c| kind(c) == "block"),
        _ => false,
    }
}

/// The doc comment above the function mentions that it panics: then the panic
/// is part of its documented contract, and callers were told.
fn documents_panic(owner: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let mut previous = owner.prev_sibling();
    let mut expected_row = owner.start_position().row;
    while let Some(comment) = previous.filter(|p| kind(p) == "comment") {
        // Only the comment block directly above the declaration.
        if comment.end_position().row + 1 < expected_row {
            return false;
        }
        if cx.text(comment).to_ascii_lowercase().contains("panic") {
            return true;
        }
        expected_row = comment.start_position().row;
        previous = comment.prev_sibling();
    }
    false
}
