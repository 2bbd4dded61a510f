//! ESC002 closure-capture-escapes: a variable captured by reference by a
//! closure that escapes (started with `go`, returned, stored, deferred in a
//! loop) lives on the heap. The compiler captures a variable by reference when
//! it is reassigned or its address is taken (or it is over 128 bytes);
//! otherwise the closure holds a copy and the variable stays on the stack.

use super::closure_escape::{closure_escape, closure_escape_in, may_escape_here};
use super::reasons::line_of;
use super::type_facts::type_size;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::fast_hash::FastHasher;
use crate::model::{Access, BindingId, BindingKind, FunctionKind, TypeExpr};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{kind, parent_unparen, PathFinder};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

pub struct ClosureCaptureEscapes;

static META: RuleMeta = RuleMeta {
    code: "ESC002",
    name: "closure-capture-escapes",
    family: Family::EscapeHint,
    default_severity: Severity::Hint,
    summary: "a variable captured by reference by an escaping closure (go, returned, stored) is heap-allocated",
    docs: include_str!("closure_capture.md"),
    fix: FixAvailability::None,
};

/// Sets of binding ids, hashed the model's way: SipHash cost more than the
/// rest of the rule's bookkeeping.
type BindingSet = HashSet<BindingId, BuildHasherDefault<FastHasher>>;

/// The compiler copies captured variables up to this size when they are never reassigned.
const MAX_BY_VALUE_CAPTURE: u64 = 128;

impl Rule for ClosureCaptureEscapes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    // Whole top-level functions, so a variable captured by several escaping
    // closures is reported once, as the compiler does.
    fn node_kinds(&self) -> &'static [&'static str] {
        &["function_declaration", "method_declaration"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let mut reported = BindingSet::default();
        // The literals' paths from `node`, which holds them all: in document
        // order they share most of their descent (from the root, one cost as
        // much as the rest of the rule).
        let mut paths = PathFinder::new(node);
        for literal in closures_of(node, cx) {
            let Some(closure_id) = cx.model().function_id_of(literal) else { continue };
            let (captured, names) = captured_bindings(closure_id, literal, cx);
            // A literal that captures nothing is a plain function: nothing is allocated.
            if names.is_empty() || !may_escape_here(cx.source(), TextRange::of(literal)) {
                continue;
            }
            let path = paths.path_to(literal.start_byte(), literal.end_byte());
            let found = match path.last() == Some(&literal) {
                true => closure_escape_in(path, cx),
                false => closure_escape(literal, cx),
            };
            let Some((escape, at)) = found else { continue };
            let escape_line = line_of(cx, at);
            // The compiler also prints "func literal escapes to heap" at `func`; that
            // line is not reported (editors would show a hint on every `go func`).
            let func_keyword = TextRange { start: literal.start_byte(), end: literal.start_byte() + 4 };
            for (id, why) in captured {
                if !reported.insert(id) {
                    continue;
                }
                let Some(binding) = cx.model().bindings.get(id) else { continue };
                let message = format!(
                    "moved to heap: {} (captured by reference by {} at line {escape_line}: {why})",
                    binding.name,
                    escape.describe()
                );
                let range = binding.range;
                cx.report(range, message).add_related(func_keyword, format!("captured by {} here", escape.describe()));
            }
        }
    }
}

/// The `func_literal` nodes inside a top-level function, outermost first (in
/// document order), read off the model rather than found by visiting every
/// node of the body: the builder records a declaration's closures, nested
/// ones included, right after the declaration itself. Closures nested more
/// than [`MAX_CLOSURE_NESTING`] deep are left out, so that absurd nesting
/// (issue #13) costs linear time, not a walk per closure.
fn closures_of<'t>(node: Node<'t>, cx: &RuleContext<'t>) -> Vec<Node<'t>> {
    let model = cx.model();
    let Some(id) = model.function_id_of(node) else { return Vec::new() };
    let (start, end) = (node.start_byte(), node.end_byte());
    let inside = model.functions.iter().skip(id + 1).take_while(|f| start <= f.range.start && f.range.end <= end);
    // Nesting level of each function after `id` (the declaration is level 0;
    // `None`: not below it); a parent always comes before its closures.
    let mut levels: Vec<Option<usize>> = Vec::new();
    let mut literals: Vec<Node<'t>> = Vec::new();
    for f in inside {
        let parent_level = match f.parent {
            Some(p) if p == id => Some(0),
            Some(p) => p.checked_sub(id + 1).and_then(|at| levels.get(at)).copied().flatten(),
            None => None,
        };
        let level = parent_level.map(|l| l + 1);
        levels.push(level);
        if f.kind != FunctionKind::Closure || level.is_none_or(|l| l > MAX_CLOSURE_NESTING) {
            continue;
        }
        let found = node.descendant_for_byte_range(f.range.start, f.range.end);
        literals.extend(found.filter(|n| kind(*n) == "func_literal"));
    }
    literals.sort_by_key(|n| n.start_byte());
    literals
}

/// Closures nested deeper than this in one function are not looked at (no Go
/// program nests a hundred).
const MAX_CLOSURE_NESTING: usize = 100;

/// Variables of enclosing functions that the closure mentions and that the
/// compiler captures by reference, with the reason, in order of first use;
/// and the names of every captured variable.
fn captured_bindings(
    closure_id: crate::model::FunctionId,
    literal: Node<'_>,
    cx: &RuleContext<'_>,
) -> (Vec<(BindingId, String)>, Vec<String>) {
    let model = cx.model();
    let start = literal.start_byte();
    let mut seen = BindingSet::default();
    let mut out = Vec::new();
    let mut names = Vec::new();
    // The references inside the literal, found by binary search in the model
    // (a walk of the literal's nodes cost more than the rest of the rule).
    for reference in model.references_within(TextRange::of(literal)) {
        if !model.function_within(reference.function, Some(closure_id)) || !seen.insert(reference.binding) {
            continue;
        }
        let Some(binding) = model.bindings.get(reference.binding) else { continue };
        let local = matches!(
            binding.kind,
            BindingKind::LocalVar
                | BindingKind::Param
                | BindingKind::Result
                | BindingKind::Receiver
                | BindingKind::ForClauseVar
                | BindingKind::RangeVar
        );
        // Declared inside the closure (or not in a function at all): not captured.
        if !local || binding.function.is_none() || model.function_within(binding.function, Some(closure_id)) {
            continue;
        }
        names.push(binding.name.clone());
        if let Some(why) = by_reference_reason(reference.binding, start, cx) {
            out.push((reference.binding, why));
        }
    }
    (out, names)
}

/// Why the compiler captures this variable by reference, or `None` if it copies it.
fn by_reference_reason(id: BindingId, closure_start: usize, cx: &RuleContext<'_>) -> Option<String> {
    let binding = cx.model().bindings.get(id)?;
    let name = &binding.name;
    // Loop variables captured by a goroutine are RACE001's finding (before Go
    // 1.22); from 1.22 each iteration has its own variable. Either way: quiet.
    if binding.kind.is_loop_var() {
        return None;
    }
    // Go 1.19 still copies a variable whose assignments all come before the
    // closure (`ch = make(...)` then `go func() { ch <- v }()`); later ones,
    // or ones inside the closure, share it.
    let later_write = cx.model().references_of(id).find(|r| r.access != Access::Read && r.range.start >= closure_start);
    if let Some(write) = later_write {
        return Some(format!("{name} is assigned at line {}", line_of(cx, write.range.start)));
    }
    if binding.address_taken {
        return Some(format!("its address is taken (&{name})"));
    }
    if let Some(method) = pointer_method_call(id, cx) {
        return Some(format!("{name}.{method}() takes its address"));
    }
    let size = binding.declared_type.as_ref().and_then(|ty| type_size(ty, cx))?;
    (size > MAX_BY_VALUE_CAPTURE).then(|| format!("{name} is {size} bytes, over the 128 copied by value"))
}

/// Standard-library types whose methods have pointer receivers: calling one
/// on a variable takes the variable's address.
const POINTER_METHOD_TYPES: &[(&str, &str)] = &[
    ("sync", "Mutex"),
    ("sync", "RWMutex"),
    ("sync", "WaitGroup"),
    ("sync", "Once"),
    ("bytes", "Buffer"),
    ("strings", "Builder"),
];

/// `wg.Add(1)` on a variable declared as one of those types: the method called.
fn pointer_method_call(id: BindingId, cx: &RuleContext<'_>) -> Option<String> {
    let binding = cx.model().bindings.get(id)?;
    let TypeExpr::Named { package: Some(package), name } = binding.declared_type.as_ref()? else { return None };
    if !POINTER_METHOD_TYPES.iter().any(|(p, n)| p == package && n == name) {
        return None;
    }
    cx.model().references_of(id).find_map(|r| {
        let ident = cx.descendant_for_byte_range(r.range.start, r.range.end)?;
        let selector = parent_unparen(ident).filter(|s| kind(*s) == "selector_expression")?;
        parent_unparen(selector).filter(|c| kind(*c) == "call_expression")?;
        Some(cx.text(field!(selector, "field")?).to_string())
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::TextRange;
    use crate::model::FileModel;
    use crate::syntax::kind;

    /// `references_within` finds what the walk it replaced found: the
    /// reference at every identifier inside each closure, in document order,
    /// also where the builder records references out of order (`a, err := f(err)`).
    #[test]
    fn references_within_matches_a_walk_of_the_identifiers() {
        let src = "package p\nfunc g() {\n\tvar err error\n\tx, y := 1, 2\n\tfunc() {\n\t\ta, err := f(err, x)\n\t\t\
                   _ = func() { y = a; err = nil }\n\t\tx, y = y, x\n\t}()\n}\n";
        let tree = crate::syntax::FlatTree::parse(src).unwrap();
        let model = FileModel::build(&tree, src);
        let mut literals = Vec::new();
        crate::syntax::walk_preorder(tree.root_node(), |n| {
            if kind(n) == "func_literal" {
                literals.push(n);
            }
            true
        });
        assert_eq!(literals.len(), 2);
        for literal in literals {
            let mut walked = Vec::new();
            crate::syntax::walk_preorder(literal, |n| {
                if kind(n) == "identifier" {
                    walked.extend(model.reference_at(n).map(|r| (r.range, r.binding, r.access)));
                }
                true
            });
            let found: Vec<_> =
                model.references_within(TextRange::of(literal)).map(|r| (r.range, r.binding, r.access)).collect();
            assert!(!found.is_empty());
            assert_eq!(found, walked);
        }
    }
}
