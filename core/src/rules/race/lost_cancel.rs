//! RACE010 lost-cancel: the cancel function of `context.WithCancel`,
//! `WithTimeout`, `WithDeadline` (and their `Cause` forms) assigned to `_`, or
//! a `return` reached after the call without any use of the cancel variable
//! (the usual shape: an error check between the call and `defer cancel()`).
//!
//! Any mention of the variable counts as a use, as in go vet's lostcancel:
//! calling it, deferring it, passing it, returning it or capturing it in a
//! closure all hand the duty on.

use super::stmt_flow::{leaking_exits, statements_of, ExitKinds, CONTAINERS};
use super::text_gate::{self, TextTest};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::model::{BindingId, BindingKind};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{callee_name, named_children, unparen, walk_preorder};

pub struct LostCancel;

static META: RuleMeta = RuleMeta {
    code: "RACE010",
    name: "lost-cancel",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "cancel function of context.WithCancel/WithTimeout/WithDeadline discarded or not called on every path",
    docs: include_str!("lost_cancel.md"),
    fix: FixAvailability::Sometimes,
};

const CONSTRUCTORS: &[&str] =
    &["WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause"];

struct NamesConstructor;
impl TextTest for NamesConstructor {
    /// Every name starts with `With`: one search finds where each could be.
    fn passes(text: &str) -> bool {
        text.match_indices("With").any(|(at, _)| CONSTRUCTORS.iter().any(|c| text[at..].starts_with(c)))
    }
}

impl Rule for LostCancel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        CONTAINERS
    }

    fn check(&self, container: Node<'_>, cx: &mut RuleContext<'_>) {
        // Called on every block and case clause: a constructor is only found
        // through an import of "context".
        if !cx.model().imports.iter().any(|i| i.path == "context") {
            return;
        }
        // ... and is named in the container's text.
        if !text_gate::passes::<NamesConstructor>(container, cx) {
            return;
        }
        let statements = statements_of(container);
        for (i, statement) in statements.iter().enumerate() {
            let Some((cancel, constructor)) = context_constructor(*statement, cx) else { continue };
            if cx.text(cancel) == "_" {
                report_discarded(*statement, cancel, constructor, cx);
                continue;
            }
            check_paths(*statement, cancel, constructor, &statements[i + 1..], cx);
        }
    }
}

/// `ctx, cancel := context.WithTimeout(...)`: the cancel target and the constructor name.
fn context_constructor<'t>(statement: Node<'t>, cx: &RuleContext<'_>) -> Option<(Node<'t>, &'static str)> {
    if !matches!(statement.kind_name(), "short_var_declaration" | "assignment_statement") {
        return None;
    }
    let left: Vec<Node<'t>> = named_children(statement.field_child("left")?).collect();
    let right: Vec<Node<'t>> = named_children(statement.field_child("right")?).collect();
    let ([_, cancel], [call]) = (left.as_slice(), right.as_slice()) else { return None };
    let call = unparen(*call);
    if call.kind_name() != "call_expression" {
        return None;
    }
    let (Some(package), name) = callee_name(call, cx.source())? else { return None };
    let constructor = CONSTRUCTORS.iter().copied().find(|c| *c == name)?;
    cx.model().import_named(package).filter(|i| i.path == "context")?;
    (cancel.kind_name() == "identifier").then_some((*cancel, constructor))
}

fn report_discarded(statement: Node<'_>, blank: Node<'_>, constructor: &str, cx: &mut RuleContext<'_>) {
    // Offer `cancel` + `defer cancel()` only where the name is free in the function.
    let fix =
        (statement.kind_name() == "short_var_declaration" && !function_mentions(statement, "cancel", cx)).then(|| {
            let indent = line_indent(statement, cx.source());
            vec![
                TextEdit { range: TextRange::of(blank), new_text: "cancel".to_string() },
                TextEdit {
                    range: insertion_point(statement, cx.source()),
                    new_text: format!("\n{indent}defer cancel()"),
                },
            ]
        });
    let diagnostic = cx.report(
        TextRange::of(blank),
        format!(
            "the cancel function of context.{constructor} is discarded: the context and its resources \
             (timer, parent link) stay alive until the parent is cancelled"
        ),
    );
    if let Some(edits) = fix {
        diagnostic.set_fix("Keep cancel and defer cancel()", edits, Applicability::Safe);
    }
}

fn check_paths(statement: Node<'_>, cancel: Node<'_>, constructor: &str, rest: &[Node<'_>], cx: &mut RuleContext<'_>) {
    let model = cx.model();
    let Some(id) = model.binding_id_of(cancel) else { return };
    let Some(binding) = model.bindings.get(id) else { return };
    // A result or an outer variable: someone else may call it.
    let home = crate::syntax::enclosing_function(statement).and_then(|f| model.function_id_of(f));
    if !matches!(binding.kind, BindingKind::LocalVar) || binding.function != home || binding.address_taken {
        return;
    }
    let released = |n: Node<'_>| mentions(n, id, cx);
    let exits = leaking_exits(rest.to_vec(), ExitKinds { returns: true, loop_jumps: false }, &released);
    if exits.is_empty() {
        return;
    }
    let name = cx.text(cancel).to_string();
    let fix = move_defer_up(statement, &name, rest, cx);
    for (n, exit) in exits.into_iter().enumerate() {
        let diagnostic = cx.report(
            TextRange::of(exit),
            format!(
                "this return leaks the context: {name} from context.{constructor} is not called on this path \
                 (defer {name}() right after the call)"
            ),
        );
        diagnostic.add_related(TextRange::of(statement), "context created here");
        if let (0, Some(edits)) = (n, fix.clone()) {
            diagnostic.set_fix(format!("Defer {name}() right after the call"), edits, Applicability::Safe);
        }
    }
}

/// `defer cancel()` written later in the same block: move it right after the call.
fn move_defer_up(statement: Node<'_>, name: &str, rest: &[Node<'_>], cx: &RuleContext<'_>) -> Option<Vec<TextEdit>> {
    let wanted = format!("defer {name}()");
    let later = rest.iter().find(|s| s.kind_name() == "defer_statement" && cx.text(**s) == wanted)?;
    let source = cx.source();
    // Remove the whole line of the later defer, including its newline.
    let line_start = source[..later.start_byte()].rfind('\n').map_or(0, |p| p + 1);
    let line_end = source[later.end_byte()..].find('\n').map_or(source.len(), |p| later.end_byte() + p + 1);
    if !source[line_start..later.start_byte()].trim().is_empty()
        || !source[later.end_byte()..line_end].trim().is_empty()
    {
        return None;
    }
    let indent = line_indent(statement, source);
    Some(vec![
        TextEdit { range: insertion_point(statement, cx.source()), new_text: format!("\n{indent}{wanted}") },
        TextEdit { range: TextRange::new(line_start, line_end), new_text: String::new() },
    ])
}

/// Where a new line goes after `statement`: the end of its line, after any
/// trailing comment, unless other code follows on that line.
fn insertion_point(statement: Node<'_>, source: &str) -> TextRange {
    let end = statement.end_byte();
    let mut line_end = source[end..].find('\n').map_or(source.len(), |p| end + p);
    // Insert before a CRLF line break, not between its two bytes.
    if line_end > end && source.as_bytes().get(line_end - 1) == Some(&b'\r') {
        line_end -= 1;
    }
    let trailing = source[end..line_end].trim();
    let at = if trailing.is_empty() || trailing.starts_with("//") { line_end } else { end };
    TextRange::new(at, at)
}

fn line_indent<'s>(statement: Node<'_>, source: &'s str) -> &'s str {
    let line_start = source[..statement.start_byte()].rfind('\n').map_or(0, |p| p + 1);
    let prefix = &source[line_start..statement.start_byte()];
    let end = prefix.len() - prefix.trim_start().len();
    &prefix[..end]
}

/// Does `node` mention the binding anywhere, function literals included?
fn mentions(node: Node<'_>, id: BindingId, cx: &RuleContext<'_>) -> bool {
    let mut hit = false;
    walk_preorder(node, |n| {
        if hit {
            return false;
        }
        hit = n.kind_name() == "identifier" && cx.model().binding_id_of(n) == Some(id);
        !hit
    });
    hit
}

/// Does the function around `statement` use the identifier `name` anywhere?
fn function_mentions(statement: Node<'_>, name: &str, cx: &RuleContext<'_>) -> bool {
    let Some(function) = crate::syntax::enclosing_function(statement) else { return true };
    let mut hit = false;
    walk_preorder(function, |n| {
        hit |= n.kind_name() == "identifier" && cx.text(n) == name;
        !hit
    });
    hit
}
