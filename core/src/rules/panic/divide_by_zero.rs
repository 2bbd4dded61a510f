//! PANIC007 divide-by-zero: integer `/` or `%` (and `/=`, `%=`) by a local
//! variable that is certainly zero there: declared `var n int` or `n := 0` and
//! not assigned before the division (in document order, nor in an enclosing
//! loop or a closure), or `len(s)` of a slice the code left empty.
//!
//! Division by a constant zero is a compile error, not ours. Float division by
//! zero gives an infinity and does not panic, so only integer types count.

use super::identifiers::mentions;
use super::local_value::{init_node, int_literal_value, is_integer_type, known_len, untouched_local};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::BindingKind;
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{ancestors, is_function, named_children, unparen};

pub struct DivideByZero;

static META: RuleMeta = RuleMeta {
    code: "PANIC007",
    name: "divide-by-zero",
    family: Family::PanicPath,
    default_severity: Severity::Error,
    summary: "integer division or modulo by a value that is certainly zero on that path (panics)",
    docs: include_str!("divide_by_zero.md"),
    fix: FixAvailability::None,
};

impl Rule for DivideByZero {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["binary_expression", "assignment_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(operator) = field!(node, "operator") else { return };
        let op = cx.text(operator);
        let divisor = match (kind(node), op) {
            ("binary_expression", "/" | "%") => field!(node, "right"),
            ("assignment_statement", "/=" | "%=") => field!(node, "right"),
            _ => None,
        };
        // `x /= d` keeps its right side in an `expression_list`.
        let divisor =
            divisor.map(|d| if kind(d) == "expression_list" { named_children(d).next().unwrap_or(d) } else { d });
        let Some(divisor) = divisor.map(unparen) else { return };
        let Some((what, declared)) = zero_divisor(divisor, cx) else { return };
        let name = cx.text(divisor).to_string();
        if guarded(node, &name, cx) {
            return;
        }
        let verb = if op.starts_with('%') { "modulo" } else { "division" };
        cx.report(
            TextRange::of(node),
            format!("integer divide by zero: `{name}` is {what} here and nothing changes it before this {verb}"),
        )
        .add_related(declared, "the value is decided here");
    }
}

/// Why the divisor is zero, and where that was decided.
fn zero_divisor(divisor: Node<'_>, cx: &RuleContext<'_>) -> Option<(&'static str, TextRange)> {
    match kind(divisor) {
        "identifier" => {
            let (_, binding) = untouched_local(divisor, cx)?;
            if binding.kind != BindingKind::LocalVar {
                return None;
            }
            let integer = binding.declared_type.as_ref().map(is_integer_type);
            match init_node(binding, cx) {
                None if integer == Some(true) => Some(("the zero value of its integer type", binding.statement)),
                Some(init) if integer != Some(false) && int_literal_value(init, cx) == Some(0) => {
                    Some(("0", binding.statement))
                }
                _ => None,
            }
        }
        "call_expression" => {
            let function = unparen(field!(divisor, "function")?);
            if kind(function) != "identifier"
                || cx.text(function) != "len"
                || !cx.model().is_builtin(function, cx.source())
            {
                return None;
            }
            let args: Vec<Node<'_>> = named_children(field!(divisor, "arguments")?).collect();
            let [only] = args.as_slice() else { return None };
            let (known, declared) = known_len(*only, cx)?;
            (known.len == 0).then_some(("the length of an empty slice or string", declared))
        }
        _ => None,
    }
}

/// An enclosing condition (within the function) that mentions the divisor.
fn guarded(node: Node<'_>, name: &str, cx: &RuleContext<'_>) -> bool {
    for a in ancestors(node) {
        if is_function(a) {
            return false;
        }
        let condition = match kind(a) {
            "if_statement" | "for_statement" => field!(a, "condition"),
            // `n != 0 && x/n > 1`
            "binary_expression" if field!(a, "operator").is_some_and(|o| cx.text(o) == "&&") => {
                field!(a, "left").filter(|l| !TextRange::of(*l).contains_range(TextRange::of(node)))
            }
            _ => None,
        };
        if condition.is_some_and(|c| mentions(cx.text(c), name)) {
            return true;
        }
    }
    false
}
