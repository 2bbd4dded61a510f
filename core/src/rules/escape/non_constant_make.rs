//! ESC004 non-constant-make: `make([]T, n)` or `make([]T, 0, n)` whose size is
//! not a constant is allocated on the heap, whether or not the slice escapes:
//! the compiler can only put backing arrays of a known, small size on the stack.

use super::make_call::{heap_make, MakeSize};
use super::reasons::line_of;
use crate::diagnostic::{Family, Severity, TextRange};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::Node;

pub struct NonConstantMake;

static META: RuleMeta = RuleMeta {
    code: "ESC004",
    name: "non-constant-make",
    family: Family::EscapeHint,
    default_severity: Severity::Hint,
    summary: "make([]T, n) with a size that is not a constant always allocates on the heap",
    docs: include_str!("non_constant_make.md"),
    fix: FixAvailability::None,
};

impl Rule for NonConstantMake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        if let Some((range, message)) = super::shared_findings::non_constant_make_finding(node, cx) {
            cx.report(range, message);
        }
    }
}

/// The ESC004 range and message for a `make` call, if its size is not constant.
pub fn finding(call: Node<'_>, cx: &RuleContext<'_>) -> Option<(TextRange, String)> {
    let Some(MakeSize::NonConstant(size)) = heap_make(call, cx) else { return None };
    let shown = super::reasons::compact(cx.text(call));
    let size_text = super::reasons::compact(cx.text(size));
    let line = line_of(cx, size.start_byte());
    Some((
        TextRange::of(call),
        format!("{shown} escapes to heap (its size {size_text} at line {line} is not a constant)"),
    ))
}
