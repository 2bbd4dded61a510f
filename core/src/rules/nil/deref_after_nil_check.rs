//! NIL001 deref-after-nil-check: a value is compared with nil and then
//! dereferenced on a path where the comparison said it can be nil.
//!
//! Three shapes, each local to one function and walked forward in document order:
//! - inside the branch where the check says nil (`if p == nil { p.X }`): always nil, an error;
//! - after an `if`/`switch` whose nil branch falls through without assigning the value
//!   (`if p == nil { log.Print(..) }; p.X`): a warning;
//! - the right side of `p == nil && p.X` / `p != nil || p.X`: always nil, an error.

use super::flow::{always_leaves, case_statements, facts_both, facts_when, NilFact};
use super::region::{branch_statements, first_deref, first_deref_after, may_set, written_bindings};
use super::subject::Subject;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{named_children, unparen};

pub struct DerefAfterNilCheck;

static META: RuleMeta = RuleMeta {
    code: "NIL001",
    name: "deref-after-nil-check",
    family: Family::NilContract,
    default_severity: Severity::Warning,
    summary: "value compared with nil, then dereferenced on a path where it can still be nil",
    docs: include_str!("deref_after_nil_check.md"),
    fix: FixAvailability::None,
};

impl Rule for DerefAfterNilCheck {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["if_statement", "expression_switch_statement", "binary_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        match kind(node) {
            "if_statement" => check_if(node, cx),
            "expression_switch_statement" => check_switch(node, cx),
            _ => check_short_circuit(node, cx),
        }
    }
}

/// A place where the check says the subject is nil, and what follows it.
struct NilBranch<'t> {
    fact: NilFact<'t>,
    /// The statements that run only when the subject is nil; `None` for a
    /// missing `else` (control goes straight on with the subject nil).
    body: Option<Vec<Node<'t>>>,
    /// Does a `break` at the end of the body leave what follows? (No for switch cases.)
    break_leaves: bool,
    /// The statement after which the nil path continues.
    statement: Node<'t>,
}

fn check_if(stmt: Node<'_>, cx: &mut RuleContext<'_>) {
    let Some(cond) = field!(stmt, "condition") else { return };
    let then = field!(stmt, "consequence");
    let alt = field!(stmt, "alternative");
    let mut branches = Vec::new();
    for ((outcome, branch), facts) in [(true, then), (false, alt)].into_iter().zip(facts_both(cond, cx)) {
        for fact in facts.into_iter().filter(|f| f.is_nil) {
            let body = branch.map(branch_statements);
            if outcome && body.is_none() {
                continue; // broken `if` without a body
            }
            branches.push(NilBranch { fact, body, break_leaves: true, statement: stmt });
        }
    }
    for branch in branches {
        check_branch(branch, cx);
    }
}

fn check_switch(switch: Node<'_>, cx: &mut RuleContext<'_>) {
    let tag = field!(switch, "value");
    let mut branches = Vec::new();
    for case in named_children(switch).filter(|c| kind(c) == "expression_case") {
        let values: Vec<Node<'_>> = field!(case, "value").map(|v| named_children(v).collect()).unwrap_or_default();
        let [value] = values.as_slice() else { continue };
        let facts = match tag {
            // `switch { case p == nil: ... }`
            None => facts_when(*value, true, cx),
            // `switch p { case nil: ... }`
            Some(tag) if kind(value) == "nil" => vec![NilFact { operand: unparen(tag), is_nil: true, check: *value }],
            Some(_) => Vec::new(),
        };
        for fact in facts.into_iter().filter(|f| f.is_nil) {
            branches.push(NilBranch {
                fact,
                body: Some(case_statements(case)),
                break_leaves: false,
                statement: switch,
            });
        }
    }
    for branch in branches {
        check_branch(branch, cx);
    }
}

/// `p == nil && p.X`, `p != nil || p.X`: the right side runs only when p is nil.
fn check_short_circuit(expr: Node<'_>, cx: &mut RuleContext<'_>) {
    let outcome = match field!(expr, "operator").map(|op| cx.text(op)) {
        Some("&&") => true,
        Some("||") => false,
        _ => return,
    };
    let (Some(left), Some(right)) = (field!(expr, "left"), field!(expr, "right")) else {
        return;
    };
    for fact in facts_when(left, outcome, cx).into_iter().filter(|f| f.is_nil) {
        let Some(subject) = Subject::of(fact.operand, cx) else { continue };
        if let Some(found) = first_deref(&[right], &subject, &[], cx) {
            let name = cx.text(fact.operand);
            let op = if outcome { "&&" } else { "||" };
            let message = format!(
                "nil dereference: `{name}` is always nil here, so this {} panics (the right side of `{op}` runs only when {name} is nil)",
                found.kind.describe()
            );
            report(cx, Severity::Error, found.node, message, fact);
        }
    }
}

fn check_branch(branch: NilBranch<'_>, cx: &mut RuleContext<'_>) {
    let fact = branch.fact;
    let Some(subject) = Subject::of(fact.operand, cx) else { return };
    let name = cx.text(fact.operand);
    // Inside the branch the subject is nil until something assigns it.
    if let Some(body) = &branch.body {
        if let Some(found) = first_deref(body, &subject, &[], cx) {
            if !found.in_loop_that_sets {
                let message = format!(
                    "nil dereference: `{name}` is always nil here, so this {} panics (this code runs only when {name} is nil)",
                    found.kind.describe()
                );
                report(cx, Severity::Error, found.node, message, fact);
                return;
            }
        }
    }
    // After the statement, the subject can be nil if the nil branch falls through without assigning it.
    let falls_through = match &branch.body {
        None => true,
        Some(body) => !always_leaves(body, branch.break_leaves, cx) && !body.iter().any(|s| may_set(*s, &subject, cx)),
    };
    if !falls_through {
        return;
    }
    let gates = match branch.body.as_deref() {
        Some(body) => match written_bindings(body, subject.root, cx) {
            Some(gates) => gates,
            None => return, // a huge nil branch: too costly to follow, stay quiet
        },
        None => Vec::new(),
    };
    let last_mention = cx.model().references_of(subject.root).map(|r| r.range.start).max().unwrap_or(0);
    let Some(found) = first_deref_after(branch.statement, last_mention, &subject, &gates, cx) else { return };
    if found.in_loop_that_sets || found.conditional {
        return;
    }
    let how = if branch.body.is_none() { "the check has no branch for nil" } else { "the nil branch does not return" };
    let message = format!(
        "possible nil dereference: `{name}` can still be nil here, so this {} may panic ({how}, and {name} is not assigned on the way)",
        found.kind.describe()
    );
    report(cx, Severity::Warning, found.node, message, fact);
}

fn report(cx: &mut RuleContext<'_>, severity: Severity, at: Node<'_>, message: String, fact: NilFact<'_>) {
    let name = cx.text(fact.operand).to_string();
    cx.report_with_severity(severity, TextRange::of(at), message)
        .add_related(TextRange::of(fact.check), format!("this check says {name} can be nil"));
}
