//! RACE006 lock-leak: a mutex left locked on some path, locked twice, locked
//! by a `defer`, or locked and unlocked with nothing in between.
//!
//! Every shape is read from the statements of one block or case clause: a
//! statement `X.Lock()` (or `RLock`) and what follows it at the same level.
//! The receiver is compared as text (`s.mu`), so only plain paths count and a
//! write to the path's root in between ends the search (`n = n.next`).

use super::stmt_flow::{
    assigns_name, contains, is_plain_path, leaking_exits, method_call, method_call_statement, root_identifier,
    statements_of, ExitKinds, CONTAINERS,
};
use super::text_gate::{self, TextTest};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{callee_name, kind, named_children, text, unparen, PathFinder};

pub struct LockLeak;

struct NamesLock;
impl TextTest for NamesLock {
    fn passes(text: &str) -> bool {
        text.contains("Lock")
    }
}

static META: RuleMeta = RuleMeta {
    code: "RACE006",
    name: "lock-leak",
    family: Family::RaceRisk,
    default_severity: Severity::Warning,
    summary: "mutex left locked on a return path, locked twice, locked by defer, or an empty critical section",
    docs: include_str!("lock_leak.md"),
    fix: FixAvailability::Sometimes,
};

impl Rule for LockLeak {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        CONTAINERS
    }

    fn check(&self, container: Node<'_>, cx: &mut RuleContext<'_>) {
        // Called on every block and case clause: leave at once unless one of its
        // statements is a `defer` or an `X.Lock()` / `X.RLock()` call.
        let source = cx.source();
        // Every shape needs `Lock` in the container's text: one substring
        // search (of text that is already in cache) beats walking children.
        if !text_gate::passes::<NamesLock>(container, cx) {
            return;
        }
        let candidate = |s: Node<'_>| match kind(s) {
            "defer_statement" => true,
            // `X.Lock()`: a selector's text ends with its field name.
            "expression_statement" => named_children(s).next().map(unparen).is_some_and(|call| {
                kind(call) == "call_expression"
                    && field!(call, "function").map(unparen).is_some_and(|f| text(f, source).ends_with("Lock"))
            }),
            _ => false,
        };
        if !super::stmt_flow::any_statement(container, candidate) {
            return;
        }
        let statements = statements_of(container);
        for (i, statement) in statements.iter().enumerate() {
            if let Some(lock) = Acquire::of(*statement, cx) {
                check_acquire(&lock, &statements, i, container, cx);
            } else if statement.kind_name() == "defer_statement" {
                check_deferred_lock(*statement, &statements[..i], cx);
            }
        }
    }
}

/// A statement `X.Lock()` or `X.RLock()`.
struct Acquire<'t, 's> {
    statement: Node<'t>,
    receiver: &'s str,
    method: &'s str,
    root: &'s str,
}

impl<'t, 's> Acquire<'t, 's> {
    fn of(statement: Node<'t>, cx: &RuleContext<'s>) -> Option<Self> {
        let (receiver, method) = method_call_statement(statement, cx.source())?;
        if method != "Lock" && method != "RLock" {
            return None;
        }
        let call = unparen(named_children(statement).next()?);
        let operand = call.field_child("function")?.field_child("operand")?;
        if !is_plain_path(operand) {
            return None;
        }
        let root = cx.text(root_identifier(operand)?);
        Some(Acquire { statement, receiver, method, root })
    }

    fn release(&self) -> &'static str {
        if self.method == "RLock" {
            "RUnlock"
        } else {
            "Unlock"
        }
    }

    /// `X.Unlock()` (or `defer X.Unlock()`) as a statement of the same list.
    fn is_release_statement(&self, statement: Node<'_>, source: &str) -> bool {
        let statement = match statement.kind_name() {
            "defer_statement" => match named_children(statement).next() {
                Some(call) => return method_call(unparen(call), source) == Some((self.receiver, self.release())),
                None => return false,
            },
            _ => statement,
        };
        method_call_statement(statement, source) == Some((self.receiver, self.release()))
    }

    /// Does `node` release this lock somewhere: `X.Unlock()`, or any call
    /// whose name says it unlocks (`s.unlockAndNotify()`, `unlock()`)?
    fn released_in(&self, node: Node<'_>, source: &str) -> bool {
        // Both kinds of call name `unlock` in some case (`Unlock`, `RUnlock`).
        if !contains_ignoring_case(text(node, source), "unlock") {
            return false;
        }
        contains(node, |n| {
            n.kind_name() == "call_expression"
                && (method_call(n, source) == Some((self.receiver, self.release()))
                    || callee_name(n, source).is_some_and(|(_, name)| name.to_ascii_lowercase().contains("unlock")))
        })
    }

    /// `return s.finishLocked()`: a call on the lock's owner may unlock it.
    fn owner_called_in(&self, node: Node<'_>, source: &str) -> bool {
        contains(node, |n| {
            n.kind_name() == "call_expression"
                && callee_name(n, source)
                    .is_some_and(|(q, _)| q.is_some_and(|q| q.split('.').next() == Some(self.root)))
        })
    }
}

fn check_acquire(
    lock: &Acquire<'_, '_>,
    statements: &[Node<'_>],
    i: usize,
    container: Node<'_>,
    cx: &mut RuleContext<'_>,
) {
    let source = cx.source();
    // `mu.Lock(); go func() { ...; mu.Unlock() }(); mu.Lock()`: a lock handed
    // to another goroutine to release is a signal, not a leak.
    // The lock statement sits in `container` (or its statement list), the
    // node this rule was called on: its ancestors come from the rules walk.
    let unlocked = match cx.on_path(container) {
        Some((container, above)) => {
            unlocked_in_another_function(lock, std::iter::once(container).chain(above.iter().rev().copied()), source)
        }
        None => unlocked_in_another_function(lock, crate::syntax::ancestors(lock.statement), source),
    };
    if unlocked {
        return;
    }
    let rest = &statements[i + 1..];
    if let Some(next) = rest.first() {
        if next.kind_name() != "defer_statement" && lock.is_release_statement(*next, source) {
            cx.report_with_severity(
                Severity::Info,
                TextRange::new(lock.statement.start_byte(), next.end_byte()),
                format!(
                    "empty critical section: {} is locked and unlocked with nothing in between \
                     (fine only as a deliberate wait for other holders)",
                    lock.receiver
                ),
            );
            return;
        }
    }
    if check_double_lock(lock, rest, cx) {
        return;
    }
    match rest.iter().position(|s| lock.is_release_statement(*s, source)) {
        Some(k) => check_early_exits(lock, &rest[..k], rest[k], cx),
        None => check_loop_lock(lock, statements, container, cx),
    }
}

/// `return` (or `continue`/`break`) between `X.Lock()` and the `X.Unlock()`
/// that the straight path runs: that path leaves the mutex locked.
fn check_early_exits(lock: &Acquire<'_, '_>, between: &[Node<'_>], release: Node<'_>, cx: &mut RuleContext<'_>) {
    let source = cx.source();
    let kinds = ExitKinds { returns: true, loop_jumps: true };
    let released = |n: Node<'_>| lock.released_in(n, source);
    for exit in leaking_exits(between.to_vec(), kinds, &released) {
        if exit.kind_name() == "return_statement" && lock.owner_called_in(exit, source) {
            continue;
        }
        let word = text(exit, source).split_whitespace().next().unwrap_or("return");
        cx.report(
            TextRange::of(exit),
            format!(
                "{word} leaves {} locked: the {}() below is skipped and the next {}() blocks forever",
                lock.receiver,
                lock.release(),
                lock.method
            ),
        )
        .add_related(TextRange::of(lock.statement), "locked here")
        .add_related(TextRange::of(release), "unlocked only on the straight path");
    }
}

/// A second `X.Lock()` after the first with no unlock in between: Go's
/// mutexes are not reentrant, so the goroutine waits for itself. Error when
/// it follows at the same level, warning when it sits in a branch.
fn check_double_lock(lock: &Acquire<'_, '_>, rest: &[Node<'_>], cx: &mut RuleContext<'_>) -> bool {
    let source = cx.source();
    for statement in rest {
        if assigns_name(*statement, lock.root, source) {
            return false;
        }
        if statement.kind_name() == "defer_statement" {
            if lock.released_in(*statement, source) {
                return false;
            }
            continue;
        }
        // The first lock, unlock or jump in document order decides.
        let mut first = None;
        contains(*statement, |n| {
            let decisive = match n.kind_name() {
                "return_statement" | "goto_statement" => true,
                "call_expression" => match method_call(n, source) {
                    Some((receiver, "Lock" | "RLock")) if receiver == lock.receiver => true,
                    _ => callee_name(n, source).is_some_and(|(_, name)| name.to_ascii_lowercase().contains("unlock")),
                },
                _ => false,
            };
            if decisive {
                first = Some(n);
            }
            decisive
        });
        let Some(first) = first else { continue };
        let Some((_, method)) =
            method_call(first, source).filter(|(r, m)| *r == lock.receiver && matches!(*m, "Lock" | "RLock"))
        else {
            return false;
        };
        // RLock twice works unless a writer queues in between: too subtle to call.
        if lock.method == "RLock" && method == "RLock" {
            return false;
        }
        let direct = named_children(*statement).next().map(unparen) == Some(first);
        let severity = if direct { Severity::Error } else { Severity::Warning };
        let place = if direct { "" } else { " on this path" };
        cx.report_with_severity(
            severity,
            TextRange::of(first),
            format!(
                "{}.{method}() while this goroutine already holds it{place}: sync mutexes are not reentrant, \
                 this deadlocks",
                lock.receiver
            ),
        )
        .add_related(TextRange::of(lock.statement), "first locked here");
        return true;
    }
    false
}

/// `for ... { X.Lock(); work() }` with no unlock and no way out of the loop:
/// the second iteration waits for the lock the first one kept.
fn check_loop_lock(lock: &Acquire<'_, '_>, statements: &[Node<'_>], body: Node<'_>, cx: &mut RuleContext<'_>) {
    let source = cx.source();
    if body.kind_name() != "block" {
        return;
    }
    // `body` is the node this rule was called on: its parent comes from the walk.
    let parent = match cx.ancestors_of(body) {
        Some(above) => above.last().copied(),
        None => body.parent(),
    };
    let Some(for_statement) = parent.filter(|p| p.kind_name() == "for_statement") else { return };
    let leaves = |n: Node<'_>| {
        matches!(n.kind_name(), "return_statement" | "break_statement" | "goto_statement")
            || (n.kind_name() == "call_expression"
                && callee_name(n, source).is_some_and(|(_, name)| {
                    matches!(name, "panic" | "Exit" | "Goexit" | "Fatal" | "Fatalf" | "Fatalln" | "FailNow")
                }))
    };
    let quiet = statements
        .iter()
        .any(|s| lock.released_in(*s, source) || assigns_name(*s, lock.root, source) || contains(*s, leaves));
    if quiet {
        return;
    }
    // `for _, m := range mus { m.Lock() }` locks a different mutex each time.
    let Some(root) = root_identifier_of(lock.statement) else { return };
    let Some(binding) = cx.model().binding_of(root) else { return };
    if TextRange::of(for_statement).contains_range(binding.range) || binding.address_taken {
        return;
    }
    cx.report(
        TextRange::of(lock.statement),
        format!(
            "{} is locked on every iteration and never unlocked in the loop: the second iteration blocks forever",
            lock.receiver
        ),
    )
    .add_related(TextRange::of(for_statement), "the loop");
}

/// Does a different function (a goroutine or callback literal, or the
/// function around the literal the lock is in) of the same top-level
/// declaration unlock this receiver?
/// `above`: the ancestors of the lock statement, nearest first (functions
/// are all that is read of them, so its block and statement list may be left out).
fn unlocked_in_another_function<'t>(
    lock: &Acquire<'t, '_>,
    above: impl Iterator<Item = Node<'t>>,
    source: &str,
) -> bool {
    let mut top = lock.statement;
    let mut own = None;
    for node in above {
        if matches!(node.kind_name(), "func_literal" | "function_declaration" | "method_declaration") {
            own = own.or(Some(node.start_byte()));
            top = node;
        }
    }
    // A call that counts holds its method's name, which ends in `nlock`, so
    // it lies on the path from `top` down to such a mark: only those paths
    // are read, not the whole declaration.
    let top_start = top.start_byte();
    let mut paths = PathFinder::new(top);
    for (at, mark) in text(top, source).match_indices("nlock") {
        let (start, end) = (top_start + at, top_start + at + mark.len());
        // (The innermost function literal on the path so far, else `top`.)
        let mut function = top_start;
        for node in paths.path_to(start, end) {
            if node.kind_name() == "func_literal" {
                function = node.start_byte();
            }
            if node.kind_name() == "call_expression" && Some(function) != own {
                if let Some((receiver, method)) = method_call(*node, source) {
                    if receiver == lock.receiver && method.ends_with("nlock") {
                        return true;
                    }
                }
            }
        }
    }
    false
}

fn root_identifier_of(statement: Node<'_>) -> Option<Node<'_>> {
    let call = unparen(named_children(statement).next()?);
    root_identifier(call.field_child("function")?.field_child("operand")?)
}

/// `defer X.Lock()`: locks when the function returns instead of unlocking.
/// Quiet after an `X.Unlock()` earlier in the block: that is the
/// "unlock for a while, relock before returning to a caller that holds it" idiom.
fn check_deferred_lock(defer: Node<'_>, before: &[Node<'_>], cx: &mut RuleContext<'_>) {
    let source = cx.source();
    let Some(call) = named_children(defer).next().map(unparen) else { return };
    let Some((receiver, method)) = method_call(call, source) else { return };
    let release = match method {
        "Lock" => "Unlock",
        "RLock" => "RUnlock",
        _ => return,
    };
    let unlocked_before = before.iter().any(|s| {
        contains(*s, |n| n.kind_name() == "call_expression" && method_call(n, source) == Some((receiver, release)))
    });
    if unlocked_before {
        return;
    }
    let Some(field) = call.field_child("function").and_then(|f| f.field_child("field")) else {
        return;
    };
    let locked_before = before.iter().any(|s| method_call_statement(*s, source) == Some((receiver, method)));
    let applicability = if locked_before { Applicability::Safe } else { Applicability::Unsafe };
    cx.report(
        TextRange::of(call),
        format!(
            "defer {receiver}.{method}() locks the mutex when the function returns instead of unlocking it; \
             the next {method}() blocks forever"
        ),
    )
    .set_fix(
        format!("Defer {receiver}.{release}()"),
        vec![TextEdit { range: TextRange::of(field), new_text: release.to_string() }],
        applicability,
    );
}

/// `haystack.to_ascii_lowercase().contains(needle)` for a lowercase ASCII
/// `needle`, without the copy.
fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    let (bytes, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    bytes.iter().enumerate().any(|(i, b)| {
        b.to_ascii_lowercase() == first
            && bytes.get(i..i + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}
