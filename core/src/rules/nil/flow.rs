//! Control-flow facts the nil rules share: what a condition says about which
//! values are nil, whether a branch always leaves (return, panic, continue,
//! ...), and which calls never return. All walks are iterative.

use crate::model::FileModel;
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{block_statements, named_children, text, unparen, walk_preorder};

/// "When the condition has this outcome, `operand` is (not) nil", learned from `check`.
#[derive(Debug, Clone, Copy)]
pub struct NilFact<'t> {
    /// The compared expression, without parentheses (`p`, `s.cfg`).
    pub operand: Node<'t>,
    pub is_nil: bool,
    /// The `x == nil` / `x != nil` comparison the fact comes from.
    pub check: Node<'t>,
}

/// For `x == nil` / `x != nil` (either side): the compared expression and whether the operator is `==`.
pub fn nil_comparison<'t>(node: Node<'t>, source: &str) -> Option<(Node<'t>, bool)> {
    let node = unparen(node);
    // The `nil` operand's text lies inside the comparison's: most binary
    // expressions are rejected here, before their three fields are read.
    if kind(node) != "binary_expression" || !mentions_nil(text(node, source)) {
        return None;
    }
    let (left, op, right) = operands(node, source)?;
    let is_eq = match op {
        "==" => true,
        "!=" => false,
        _ => return None,
    };
    let (left, right) = (unparen(left), unparen(right));
    match (kind(left) == "nil", kind(right) == "nil") {
        (false, true) => Some((left, is_eq)),
        (true, false) => Some((right, is_eq)),
        _ => None,
    }
}

/// A binary expression's left operand, operator text and right operand. An
/// error-free one whose only named children are its operands (no comment
/// inside) is read by named index, the operator being the text between
/// them: three field lookups cost about three times as much.
fn operands<'t, 's>(node: Node<'t>, source: &'s str) -> Option<(Node<'t>, &'s str, Node<'t>)> {
    if node.named_child_count() == 2 && !node.has_error() {
        let (left, right) = (node.named_child(0)?, node.named_child(1)?);
        let op = source.get(left.end_byte()..right.start_byte())?.trim();
        return Some((left, op, right));
    }
    Some((field!(node, "left")?, text(field!(node, "operator")?, source), field!(node, "right")?))
}

/// [`facts_when`] for both outcomes of `cond` (an `if` has two branches): a
/// lone comparison, the usual condition, is read once.
pub fn facts_both<'t>(cond: Node<'t>, cx: &RuleContext<'_>) -> [Vec<NilFact<'t>>; 2] {
    let source = cx.source();
    if !mentions_nil(text(cond, source)) {
        // What `facts_when` checks first, asked once for both.
        if !package_has_nil_predicate(cx) {
            return [Vec::new(), Vec::new()];
        }
    } else if let Some((operand, is_eq)) = nil_comparison(cond, source) {
        let check = unparen(cond);
        let fact = |outcome: bool| vec![NilFact { operand, is_nil: is_eq == outcome, check }];
        return [fact(true), fact(false)];
    }
    [facts_when(cond, true, cx), facts_when(cond, false, cx)]
}

/// The nil facts that hold whenever `cond` evaluates to `outcome`, seen
/// through parentheses, `!`, `&&` (when true) and `||` (when false).
/// Looks at most at this many operands, so that a machine-written chain of
/// thousands of `&&` costs nothing (fewer facts only make the rules quieter).
pub fn facts_when<'t>(cond: Node<'t>, outcome: bool, cx: &RuleContext<'_>) -> Vec<NilFact<'t>> {
    let source = cx.source();
    const MAX_NODES: usize = 64;
    let mut facts = Vec::new();
    // A fact comes from a `nil` in the condition's text or from a call of a
    // nil predicate: most conditions of most packages have neither.
    if !mentions_nil(text(cond, source)) && !package_has_nil_predicate(cx) {
        return facts;
    }
    let mut stack = vec![(cond, outcome)];
    let mut seen = 0;
    while let Some((node, outcome)) = stack.pop() {
        seen += 1;
        if seen > MAX_NODES {
            break;
        }
        let node = unparen(node);
        if let Some((operand, is_eq)) = nil_comparison(node, source).or_else(|| nil_predicate_call(node, cx)) {
            facts.push(NilFact { operand, is_nil: is_eq == outcome, check: node });
            continue;
        }
        match kind(node) {
            "unary_expression" => {
                let is_not = field!(node, "operator").is_some_and(|op| text(op, source) == "!");
                if let (true, Some(operand)) = (is_not, field!(node, "operand")) {
                    stack.push((operand, !outcome));
                }
            }
            "binary_expression" => {
                let op = field!(node, "operator").map(|op| text(op, source)).unwrap_or("");
                // `a && b` true: both true. `a || b` false: both false. Other outcomes say nothing.
                let both = (op == "&&" && outcome) || (op == "||" && !outcome);
                if both {
                    if let (Some(l), Some(r)) = (field!(node, "left"), field!(node, "right")) {
                        stack.push((r, outcome));
                        stack.push((l, outcome));
                    }
                }
            }
            _ => {}
        }
    }
    facts
}

/// Could this text hold the literal `nil`? (A byte scan: cheaper than a
/// substring search's setup on the short texts of conditions.)
pub fn mentions_nil(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w == b"nil")
}

/// Whether the package (this file or a sibling) declares a nil predicate,
/// worked out once per file.
#[derive(Default)]
struct AnyNilPredicate(Option<bool>);

fn package_has_nil_predicate(cx: &RuleContext<'_>) -> bool {
    if let Some(known) = cx.memo().with(|m: &mut AnyNilPredicate| m.0) {
        return known;
    }
    let any = cx.file.summary.functions.iter().chain(cx.package.functions()).any(|f| f.nil_predicate.is_some());
    cx.memo().with(|m: &mut AnyNilPredicate| m.0 = Some(any));
    any
}

/// `isNil(p)` where the package declares `func isNil(x *T) bool { return x == nil }`:
/// the argument, and whether the call means `== nil`.
pub fn nil_predicate_call<'t>(node: Node<'t>, cx: &RuleContext<'_>) -> Option<(Node<'t>, bool)> {
    if kind(node) != "call_expression" {
        return None;
    }
    let function = unparen(field!(node, "function")?);
    if kind(function) != "identifier" {
        return None;
    }
    let model = cx.model();
    if referenced_binding(model, function).is_some_and(|b| b.kind != crate::model::BindingKind::PackageFunc) {
        return None;
    }
    let name = cx.text(function);
    let summary = cx
        .file
        .summary
        .functions
        .iter()
        .chain(cx.package.functions())
        .find(|f| f.receiver_type.is_none() && f.name == name)?;
    let (index, is_eq) = summary.nil_predicate?;
    let args: Vec<Node<'t>> = named_children(field!(node, "arguments")?).collect();
    if args.len() != summary.params.len() {
        return None;
    }
    Some((unparen(*args.get(index)?), is_eq))
}

/// The statements of a `case`/`default` clause.
pub fn case_statements(case: Node<'_>) -> Vec<Node<'_>> {
    named_children(case).filter(|c| kind(c) == "statement_list").flat_map(named_children).collect()
}

/// Does control never fall off the end of these statements? `break_leaves`
/// says whether a `break` leaves the region that follows (true inside an `if`
/// branch; false for a switch case, where `break` lands after the switch).
/// Anything not recognised as leaving counts as falling through (a call to a
/// function faultline cannot see into that never returns is missed); the
/// callers' other conditions keep that from turning into noise.
pub fn always_leaves(statements: &[Node<'_>], break_leaves: bool, cx: &RuleContext<'_>) -> bool {
    let Some(&last) = statements.iter().rev().find(|s| kind(s) != "empty_statement") else { return false };
    let mut work = vec![(last, break_leaves)];
    // Walking a whole switch for `break`s is the expensive part: only done once all else says "leaves".
    let mut break_checks = Vec::new();
    while let Some((stmt, break_leaves)) = work.pop() {
        let ok = match kind(stmt) {
            "return_statement" | "goto_statement" | "continue_statement" | "fallthrough_statement" => true,
            "break_statement" => break_leaves,
            "labeled_statement" => match named_children(stmt).last() {
                Some(inner) if kind(inner) != "label_name" => {
                    work.push((inner, break_leaves));
                    true
                }
                _ => false,
            },
            "block" => match block_statements(stmt).into_iter().rev().find(|s| kind(s) != "empty_statement") {
                Some(inner) => {
                    work.push((inner, break_leaves));
                    true
                }
                None => false,
            },
            "expression_statement" => named_children(stmt)
                .next()
                .map(unparen)
                .is_some_and(|c| kind(c) == "call_expression" && is_noreturn_call(c, cx)),
            "if_statement" => match (field!(stmt, "consequence"), field!(stmt, "alternative")) {
                (Some(then), Some(alt)) => {
                    work.push((then, break_leaves));
                    work.push((alt, break_leaves));
                    true
                }
                _ => false,
            },
            "for_statement" => {
                let endless = named_children(stmt)
                    .all(|c| kind(c) == "block" || (kind(c) == "for_clause" && field!(c, "condition").is_none()));
                match field!(stmt, "body") {
                    Some(body) if endless => {
                        break_checks.push(body);
                        true
                    }
                    _ => false,
                }
            }
            "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
                let cases: Vec<Node<'_>> = named_children(stmt)
                    .filter(|c| {
                        matches!(kind(c), "expression_case" | "type_case" | "communication_case" | "default_case")
                    })
                    .collect();
                let is_select = kind(stmt) == "select_statement";
                let exhaustive = is_select || cases.iter().any(|c| kind(c) == "default_case");
                // `select {}` blocks forever.
                let mut ok = exhaustive && (!cases.is_empty() || is_select);
                for case in cases {
                    let body = case_statements(case);
                    if !ok {
                        break;
                    }
                    break_checks.push(case);
                    match body.iter().rev().find(|s| kind(s) != "empty_statement") {
                        Some(&inner) => work.push((inner, false)),
                        None => ok = false,
                    }
                }
                ok
            }
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    !break_checks.into_iter().any(has_break)
}

/// A `break` that would leave the statement `node` belongs to: unlabeled and
/// not inside a nested loop/switch/select, or labeled (assumed to reach out).
fn has_break(node: Node<'_>) -> bool {
    let mut found = false;
    walk_preorder(node, |n| {
        if found {
            return false;
        }
        if n != node
            && matches!(
                kind(n),
                "for_statement" | "expression_switch_statement" | "type_switch_statement" | "select_statement"
            )
        {
            // Only labeled breaks inside can reach us; look for those.
            let mut labeled = false;
            walk_preorder(n, |m| {
                if kind(m) == "func_literal" {
                    return false;
                }
                if kind(m) == "break_statement" && named_children(m).next().is_some() {
                    labeled = true;
                }
                !labeled
            });
            found |= labeled;
            return false;
        }
        if kind(n) == "func_literal" {
            return false;
        }
        if kind(n) == "break_statement" {
            found = true;
        }
        !found
    });
    found
}

/// Method and function names that end the goroutine or the process (`log.Fatal`,
/// `t.Fatalf`, `b.SkipNow`, `runtime.Goexit`, ...), whatever the receiver.
const NORETURN_SELECTORS: &[&str] = &[
    "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "FailNow", "SkipNow", "Skip", "Skipf", "Goexit",
    "Exitf", "Die", "Dief",
];

/// Unqualified helper names that by long convention never return (the runtime's
/// `throw`, command-line tools' `fatalf`/`usage`).
const NORETURN_HELPERS: &[&str] = &["throw", "fatal", "fatalf", "Fatal", "Fatalf", "die", "dief", "usage", "exit"];

/// A call that never returns normally: by its well-known name, or a function
/// or method of this package whose body ends in such a call (from the file
/// summaries: `func fatalf(...) { ...; os.Exit(2) }`, `func (s *state) errorf(...) { panic(...) }`).
pub fn is_noreturn_call(call: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    if noreturn_by_name(call, model, cx.source()) {
        return true;
    }
    let Some(function) = field!(call, "function").map(unparen) else { return false };
    let (name, is_method) = match kind(function) {
        "identifier" => {
            if referenced_binding(model, function).is_some_and(|b| b.kind != crate::model::BindingKind::PackageFunc) {
                return false;
            }
            (cx.text(function), false)
        }
        "selector_expression" => {
            let Some(operand) = field!(function, "operand") else { return false };
            let is_package = kind(operand) == "identifier"
                && model.reference_at(operand).is_none()
                && model.import_named(cx.text(operand)).is_some();
            let Some(field) = field!(function, "field") else { return false };
            if is_package {
                return false;
            }
            (cx.text(field), true)
        }
        _ => return false,
    };
    let own = cx.file.summary.functions.iter();
    own.chain(cx.package.functions())
        .any(|f| f.never_returns && f.name == name && f.receiver_type.is_some() == is_method)
}

fn noreturn_by_name(call: Node<'_>, model: &FileModel, source: &str) -> bool {
    let Some(function) = field!(call, "function").map(unparen) else { return false };
    match kind(function) {
        "identifier" => {
            let name = text(function, source);
            (name == "panic" && model.is_builtin(function, source))
                || (NORETURN_HELPERS.contains(&name)
                    && referenced_binding(model, function).is_none_or(|b| b.kind.is_package_level()))
        }
        "selector_expression" => {
            let Some(field) = field!(function, "field") else { return false };
            let name = text(field, source);
            if NORETURN_SELECTORS.contains(&name) || name.starts_with("Fatal") {
                return true;
            }
            let qualifier = field!(function, "operand").map(|o| text(o, source)).unwrap_or("");
            name == "Exit" && matches!(qualifier, "os" | "syscall" | "unix")
        }
        _ => false,
    }
}

/// The binding an identifier refers to, by its recorded reference only (never
/// a scan of every binding, which `FileModel::binding_of` falls back to).
fn referenced_binding<'m>(model: &'m FileModel, ident: Node<'_>) -> Option<&'m crate::model::Binding> {
    model.reference_at(ident).and_then(|r| model.bindings.get(r.binding))
}
