//! Regions of code where a nil check still holds, and the first dereference
//! of the checked value inside them. Everything here walks forward in
//! document order and gives up (stays quiet) at the first event that could
//! make the value non-nil or that it cannot follow.

use super::flow::always_leaves;
use super::statements_after::statements_after;
use super::subject::{use_of, DerefKind, Subject, Use};
use crate::diagnostic::TextRange;
use crate::model::{Access, BindingId};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{block_statements, named_children, unparen, walk_preorder, walk_with_ancestors};

/// How far the "after the check" region may climb out of nested blocks.
const MAX_CLIMB: usize = 8;

/// How many statements after a check are followed.
const MAX_REGION: usize = 256;

/// Calls `visit` on the statements that run after `stmt` completes normally,
/// in order, until it returns false: the rest of its block, then (when the
/// block is an `if` branch or a bare block) the statements after the
/// enclosing statement, and so on. Stops after a statement that always
/// leaves, and at loop bodies, case clauses and function bodies.
/// Statements starting after byte `until` are left out (nothing to find there),
/// and at most `MAX_REGION` statements are visited.
fn for_each_after<'c>(stmt: Node<'_>, until: usize, cx: &RuleContext<'c>, mut visit: impl FnMut(Node<'c>) -> bool) {
    // Every statement after `stmt` starts at or past its end.
    if until < stmt.end_byte() {
        return;
    }
    let mut visited = 0;
    // Ancestors come from the rules walk when `stmt` is on its path, else from
    // one descent from the root: asking tree-sitter for each parent would walk
    // down from the root every time.
    let mut chain = match cx.on_path(stmt) {
        Some((stmt, above)) => above.iter().copied().chain([stmt]).collect(),
        None => ancestor_chain(cx.file.tree.root_node(), stmt),
    };
    let Some(mut cur) = chain.pop() else { return };
    let mut level = chain.len(); // `chain[level - 1]` is `cur`'s parent
    let parent_at = |level: usize| level.checked_sub(1).and_then(|l| chain.get(l)).copied();
    for _ in 0..MAX_CLIMB {
        // The end of an `else if` is the end of the whole chain.
        while let Some(parent) = parent_at(level).filter(|p| kind(p) == "if_statement") {
            if field!(parent, "alternative") != Some(cur) {
                break;
            }
            cur = parent;
            level -= 1;
        }
        let Some(mut block) = parent_at(level) else { break };
        level -= 1;
        if kind(block) == "statement_list" {
            match parent_at(level) {
                Some(b) => {
                    block = b;
                    level -= 1;
                }
                None => break,
            }
        }
        if kind(block) != "block" {
            break;
        }
        // Read lazily: the statements before `cur` are jumped over, and
        // those after `until` are never read (collecting whole blocks was most
        // of this function's cost).
        let Some(statements) = statements_after(block, cur) else { break };
        for s in statements {
            if s.start_byte() > until || visited >= MAX_REGION {
                return;
            }
            visited += 1;
            // Asked first: the visitor usually stops before a leaving statement matters.
            if !visit(s) || always_leaves(&[s], true, cx) {
                return;
            }
        }
        match parent_at(level).map(kind) {
            Some("if_statement") | Some("statement_list") | Some("block") => cur = block,
            _ => break,
        }
        // An `if` branch: continue after the `if` statement itself.
        if let Some(parent) = parent_at(level).filter(|p| kind(p) == "if_statement") {
            cur = parent;
            level -= 1;
        }
    }
}

/// `target` and its ancestors from `root` down, as nodes of `root`'s tree,
/// found by one cursor descent. Empty when `target` is not under `root`.
fn ancestor_chain<'c>(root: Node<'c>, target: Node<'_>) -> Vec<Node<'c>> {
    let mut chain = Vec::new();
    let mut cursor = root.walk();
    let (start, end) = (target.start_byte(), target.end_byte());
    loop {
        chain.push(cursor.node());
        if cursor.node().id() == target.id() {
            return chain;
        }
        if cursor.goto_first_child_for_byte(start).is_none() {
            return Vec::new();
        }
        loop {
            let n = cursor.node();
            if n.id() == target.id()
                || (n.start_byte() <= start && end <= n.end_byte() && n.end_byte() > n.start_byte())
            {
                break;
            }
            if !cursor.goto_next_sibling() {
                return Vec::new();
            }
        }
    }
}

/// Statements of an `if` branch (a block, or the `if` of an `else if`).
pub fn branch_statements(branch: Node<'_>) -> Vec<Node<'_>> {
    if kind(branch) == "block" {
        block_statements(branch)
    } else {
        vec![branch]
    }
}

/// A dereference found in a region.
pub struct Found<'t> {
    pub node: Node<'t>,
    pub kind: DerefKind,
    /// It sits in a loop, entered inside the region, that may set the subject
    /// on an earlier iteration.
    pub in_loop_that_sets: bool,
    /// It sits under a condition of its own inside the region (an `if` branch,
    /// a `case`, the right side of `&&`/`||`); loop bodies do not count.
    pub conditional: bool,
}

/// Statements that are, or may contain, an `if` statement.
fn may_hold_gate(node: Node<'_>) -> bool {
    matches!(
        kind(node),
        "if_statement"
            | "block"
            | "statement_list"
            | "for_statement"
            | "labeled_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "select_statement"
            | "expression_case"
            | "type_case"
            | "default_case"
            | "communication_case"
    )
}

/// Does `child`, under `parent`, run only on some evaluations of `parent`?
fn is_conditional_child(parent: Node<'_>, child: Node<'_>) -> bool {
    match kind(parent) {
        "if_statement" => field!(parent, "condition") != Some(child) && field!(parent, "initializer") != Some(child),
        "expression_case" | "type_case" | "default_case" | "communication_case" => true,
        "binary_expression" => {
            field!(parent, "right") == Some(child)
                && field!(parent, "operator").is_some_and(|op| matches!(kind(op), "&&" | "||"))
        }
        _ => false,
    }
}

/// Finds the first dereference of `subject` in `region`, or `None` when the
/// region first writes it, re-checks it, takes its address, captures it in a
/// closure, calls something that may set a field path, or (when `gates` is
/// non-empty) passes an `if` that leaves depending on a variable the nil branch
/// assigned (`if p == nil { err = ... }; if err != nil { return }`).
pub fn first_deref<'t>(
    region: &[Node<'t>],
    subject: &Subject,
    gates: &[BindingId],
    cx: &RuleContext<'_>,
) -> Option<Found<'t>> {
    let region_end = region.iter().map(|n| n.end_byte()).max().unwrap_or(0);
    search(subject, gates, region_end, cx, |walk| {
        for &segment in region {
            if !walk(segment) {
                break;
            }
        }
    })
}

/// [`first_deref`] in the statements that run after `stmt` (as far as
/// `for_each_after` goes), read only while the search goes on: it usually
/// ends at the subject's next assignment, long before `until`. The region's
/// end is not known up front: the subject's last mention of all bounds the
/// search instead (a later bound only stops the walk later; a dereference is
/// only ever found at a mention).
pub fn first_deref_after<'c>(
    stmt: Node<'_>,
    until: usize,
    subject: &Subject,
    gates: &[BindingId],
    cx: &RuleContext<'c>,
) -> Option<Found<'c>> {
    search(subject, gates, usize::MAX, cx, |walk| for_each_after(stmt, until, cx, walk))
}

/// The search of [`first_deref`]: `drive` hands it the region's segments in
/// order (`walk` says whether to go on). Nothing is found at or past
/// `region_end`.
fn search<'t>(
    subject: &Subject,
    gates: &[BindingId],
    region_end: usize,
    cx: &RuleContext<'_>,
    drive: impl FnOnce(&mut dyn FnMut(Node<'t>) -> bool),
) -> Option<Found<'t>> {
    let model = cx.model();
    let source = cx.source();
    let pointer_known = subject.path.is_empty()
        && model.bindings.get(subject.root).and_then(|b| b.declared_type.as_ref()).is_some_and(|t| t.is_pointer());
    // The model records a statement's right side before its left: sort by position.
    let mut refs: Vec<usize> = model.references_of(subject.root).map(|r| r.range.start).collect();
    refs.sort_unstable();
    let has_ref_in = |range: TextRange| {
        let i = refs.partition_point(|&s| s < range.start);
        refs.get(i).is_some_and(|&s| s < range.end)
    };
    // Past the subject's last mention in the region nothing can be found.
    let last_ref = refs.iter().rev().find(|&&s| s < region_end).copied().unwrap_or(0);
    let function = model.bindings.get(subject.root).and_then(|b| b.function);
    let mut result: Option<Found<'t>> = None;
    let mut stop = false;
    drive(&mut |segment| {
        walk_with_ancestors(segment, |n, ancestors, _| {
            // Anonymous nodes are leaves that no rule below can match; past
            // the last mention, the next named node stops the walk.
            if stop || !n.is_named() {
                return false;
            }
            let range = TextRange::of(n);
            if range.start > last_ref {
                stop = true;
                return false;
            }
            // Plain variables: nothing to see in a subtree that never mentions them,
            // except statements that may hold a gate (`if err != nil { return }`).
            if subject.path.is_empty() && !has_ref_in(range) && (gates.is_empty() || !may_hold_gate(n)) {
                return false;
            }
            match kind(n) {
                "func_literal" => {
                    // Uncertain when a closure runs: stay quiet if it mentions the subject.
                    if has_ref_in(range) {
                        stop = true;
                    }
                    return false;
                }
                "if_statement" if !gates.is_empty() && is_gate(n, gates, cx) => {
                    stop = true;
                    return false;
                }
                "call_expression"
                    if !subject.path.is_empty()
                        && !is_method_of_subject(n, subject, cx)
                        && !is_harmless_call(n, subject.root, cx) =>
                {
                    stop = true;
                    return false;
                }
                "assignment_statement" | "inc_statement" | "dec_statement"
                    if !subject.path.is_empty() && assigns_prefix(n, subject, cx) =>
                {
                    stop = true;
                    return false;
                }
                "identifier" => {
                    let Some(r) = model.reference_at(n).filter(|r| r.binding == subject.root) else { return false };
                    if r.access != Access::Read || r.function != function {
                        stop = true;
                        return false;
                    }
                    if subject.path.is_empty() {
                        return classify(n, ancestors, pointer_known, subject, cx, &mut result, &mut stop);
                    }
                }
                "selector_expression" if !subject.path.is_empty() => {
                    if subject.is_named_by(n, model, source) {
                        return classify(n, ancestors, false, subject, cx, &mut result, &mut stop);
                    }
                    let under_address = n.parent().is_some_and(|p| {
                        kind(p) == "unary_expression" && field!(p, "operator").is_some_and(|op| cx.text(op) == "&")
                    });
                    if under_address && subject.prefix_len_named_by(n, model, source).is_some() {
                        stop = true;
                        return false;
                    }
                }
                _ => {}
            }
            true
        });
        !stop
    });
    result
}

fn classify<'t>(
    node: Node<'t>,
    ancestors: &[Node<'t>],
    pointer_known: bool,
    subject: &Subject,
    cx: &RuleContext<'_>,
    result: &mut Option<Found<'t>>,
    stop: &mut bool,
) -> bool {
    match use_of(node, ancestors, pointer_known, cx) {
        Use::Deref(deref, deref_kind) => {
            let in_loop_that_sets = ancestors.iter().any(|a| kind(a) == "for_statement" && may_set(*a, subject, cx));
            let mut path = ancestors.to_vec();
            path.push(node);
            let conditional = path.windows(2).any(|w| is_conditional_child(w[0], w[1]));
            *result = Some(Found { node: deref, kind: deref_kind, in_loop_that_sets, conditional });
            *stop = true;
            false
        }
        Use::NilCheck | Use::AddressOf => {
            *stop = true;
            false
        }
        Use::Other => false,
    }
}

/// May `node` set the subject to something non-nil anywhere inside it?
pub fn may_set(node: Node<'_>, subject: &Subject, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    let range = TextRange::of(node);
    let written = model.references_of(subject.root).any(|r| r.access != Access::Read && range.contains_range(r.range));
    if written || subject.path.is_empty() {
        return written;
    }
    let mut found = false;
    walk_preorder(node, |n| {
        if found {
            return false;
        }
        found = match kind(n) {
            "call_expression" => !is_harmless_call(n, subject.root, cx),
            "assignment_statement" | "inc_statement" | "dec_statement" => assigns_prefix(n, subject, cx),
            "unary_expression" => {
                field!(n, "operator").is_some_and(|op| cx.text(op) == "&")
                    && field!(n, "operand")
                        .is_some_and(|o| subject.prefix_len_named_by(o, model, cx.source()).is_some())
            }
            _ => false,
        };
        !found
    });
    found
}

/// Variables written anywhere inside `nodes` (other than `except`); `None`
/// when the nodes are too big to look through cheaply.
pub fn written_bindings(nodes: &[Node<'_>], except: BindingId, cx: &RuleContext<'_>) -> Option<Vec<BindingId>> {
    const MAX_NODES: usize = 4000;
    let mut out = Vec::new();
    let mut budget = MAX_NODES;
    for node in nodes {
        let complete = for_each_reference(*node, &mut budget, cx, |r| {
            if r.access != Access::Read && r.binding != except && !out.contains(&r.binding) {
                out.push(r.binding);
            }
        });
        if !complete {
            return None;
        }
    }
    Some(out)
}

/// Calls `f` for each reference under `node`, visiting at most `budget` nodes;
/// false when the budget ran out first.
fn for_each_reference(
    node: Node<'_>,
    budget: &mut usize,
    cx: &RuleContext<'_>,
    mut f: impl FnMut(&crate::model::Reference),
) -> bool {
    let mut complete = true;
    walk_preorder(node, |n| {
        if *budget == 0 {
            complete = false;
            return false;
        }
        *budget -= 1;
        if kind(n) == "identifier" {
            if let Some(r) = cx.model().reference_at(n) {
                f(r);
            }
        }
        true
    });
    complete
}

/// `if <mentions a gate variable> { ...leaves }` (either branch leaving).
fn is_gate(stmt: Node<'_>, gates: &[BindingId], cx: &RuleContext<'_>) -> bool {
    let Some(cond) = field!(stmt, "condition") else { return false };
    let mut mentions = false;
    let mut budget = usize::MAX;
    for_each_reference(cond, &mut budget, cx, |r| mentions |= gates.contains(&r.binding));
    if !mentions {
        return false;
    }
    [field!(stmt, "consequence"), field!(stmt, "alternative")]
        .into_iter()
        .flatten()
        .any(|b| always_leaves(&branch_statements(b), true, cx))
}

/// `s.m.Close()` where `s.m` is the subject: a dereference, not a call to fear.
fn is_method_of_subject(call: Node<'_>, subject: &Subject, cx: &RuleContext<'_>) -> bool {
    field!(call, "function")
        .map(unparen)
        .filter(|f| kind(f) == "selector_expression")
        .and_then(|f| field!(f, "operand"))
        .is_some_and(|o| subject.is_named_by(o, cx.model(), cx.source()))
}

/// A call that cannot assign a field path rooted in `root`: a function of an
/// imported package (or a pure builtin) whose arguments never mention `root`.
fn is_harmless_call(call: Node<'_>, root: BindingId, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    let Some(function) = field!(call, "function").map(unparen) else { return false };
    let callee_ok = match kind(function) {
        "identifier" => {
            model.is_builtin(function, cx.source())
                && matches!(cx.text(function), "len" | "cap" | "append" | "print" | "println" | "min" | "max")
        }
        "selector_expression" => field!(function, "operand").is_some_and(|o| {
            kind(o) == "identifier" && model.reference_at(o).is_none() && model.import_named(cx.text(o)).is_some()
        }),
        _ => false,
    };
    if !callee_ok {
        return false;
    }
    let Some(args) = field!(call, "arguments") else { return true };
    let range = TextRange::of(args);
    !model.references_of(root).any(|r| range.contains_range(r.range))
}

/// Does the statement assign the subject's root or a field path leading to the subject?
fn assigns_prefix(stmt: Node<'_>, subject: &Subject, cx: &RuleContext<'_>) -> bool {
    let targets: Vec<Node<'_>> = match kind(stmt) {
        "assignment_statement" => match field!(stmt, "left") {
            Some(left) if kind(left) == "expression_list" => named_children(left).collect(),
            Some(left) => vec![left],
            None => Vec::new(),
        },
        _ => named_children(stmt).take(1).collect(),
    };
    targets.into_iter().any(|t| subject.prefix_len_named_by(t, cx.model(), cx.source()).is_some())
}
