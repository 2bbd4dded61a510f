//! PANIC003 index-out-of-range: indexing or slicing past a length the code
//! itself fixed. Two shapes:
//!
//! - a local slice, array or string whose declaration fixes its length (`var s
//!   []T`, `[]T{}`, `make([]T, 0)`, a literal of n elements, `[N]T`), with
//!   nothing assigned to it before the use, indexed or sliced with a constant
//!   (or an untouched local holding one) at or past that length;
//! - `s[len(s)]` on a slice, array or string: always one past the end.
//!
//! Uses under an `if` that tests `len(s)` are left alone: with the length
//! fixed such code is dead, not a crash.

use super::local_value::{known_int, known_len, untouched_local, KnownLen};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::TypeExpr;
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{ancestors, is_function, named_children, unparen};

pub struct IndexOutOfRange;

static META: RuleMeta = RuleMeta {
    code: "PANIC003",
    name: "index-out-of-range",
    family: Family::PanicPath,
    default_severity: Severity::Error,
    summary: "index or slice bound past a length the code itself fixed (panics: index out of range)",
    docs: include_str!("index_out_of_range.md"),
    fix: FixAvailability::None,
};

impl Rule for IndexOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["index_expression", "slice_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(operand) = field!(node, "operand").map(unparen) else { return };
        if kind(operand) != "identifier" {
            return;
        }
        match kind(node) {
            "index_expression" => check_index(node, operand, cx),
            _ => check_slice(node, operand, cx),
        }
    }
}

fn check_index(node: Node<'_>, operand: Node<'_>, cx: &mut RuleContext<'_>) {
    let Some(index) = field!(node, "index").map(unparen) else { return };
    let name = cx.text(operand);
    if is_len_of(index, name, cx) && is_sequence(operand, cx) {
        cx.report(
            TextRange::of(node),
            format!("index out of range: `{name}[len({name})]` is always one past the last element"),
        );
        return;
    }
    let Some(value) = known_int(index, cx) else { return };
    let Some((known, declared)) = known_len(operand, cx) else { return };
    if value < known.len || guarded_by_len(node, name, cx) {
        return;
    }
    report_known(cx, node, name, known, declared, format!("index {value}"));
}

fn check_slice(node: Node<'_>, operand: Node<'_>, cx: &mut RuleContext<'_>) {
    let Some((known, declared)) = known_len(operand, cx) else { return };
    let name = cx.text(operand);
    // Slicing may go up to the capacity (strings: the length).
    let limit = match known.cap {
        Some(cap) => cap,
        None if known.what == "a string" => known.len,
        None => return,
    };
    for field in ["start", "end", "capacity"] {
        let Some(bound) = node.field_child(field) else { continue };
        let Some(value) = known_int(bound, cx) else { continue };
        if value > limit && !guarded_by_len(node, name, cx) {
            let room = if known.what == "a string" { "length" } else { "capacity" };
            cx.report(
                TextRange::of(node),
                format!(
                    "slice bounds out of range: bound {value} of `{name}` is past its {room} {limit} \
                     ({} here; nothing changes it before this use)",
                    known.what
                ),
            )
            .add_related(declared, format!("`{name}` gets its {room} here"));
            return;
        }
    }
}

fn report_known(
    cx: &mut RuleContext<'_>,
    node: Node<'_>,
    name: &str,
    known: KnownLen,
    declared: TextRange,
    at: String,
) {
    let KnownLen { len, what, .. } = known;
    let size = if what == "a string" { format!("{len} bytes") } else { format!("length {len}") };
    cx.report(
        TextRange::of(node),
        format!(
            "index out of range: {at} of `{name}`, which is {what} of {size} here (nothing changes it before this use)"
        ),
    )
    .add_related(declared, format!("`{name}` gets its length here"));
}

/// `len(name)` with the builtin `len`.
fn is_len_of(index: Node<'_>, name: &str, cx: &RuleContext<'_>) -> bool {
    if kind(index) != "call_expression" {
        return false;
    }
    let Some(function) = field!(index, "function").map(unparen) else { return false };
    if kind(function) != "identifier" || cx.text(function) != "len" || !cx.model().is_builtin(function, cx.source()) {
        return false;
    }
    let Some(args) = field!(index, "arguments") else { return false };
    let args: Vec<Node<'_>> = named_children(args).collect();
    matches!(args.as_slice(), [only] if unparen(*only).kind_name() == "identifier" && cx.text(unparen(*only)) == name)
}

/// The operand is certainly a slice, array or string (a map of integers may
/// well be indexed with `len(m)`).
fn is_sequence(operand: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(binding) = cx.model().binding_of(operand) else { return false };
    match &binding.declared_type {
        Some(TypeExpr::Slice(_)) | Some(TypeExpr::Array(..)) => true,
        Some(TypeExpr::Named { package: None, name }) if name == "string" => true,
        Some(_) => false,
        None => untouched_local(operand, cx).is_some() && known_len(operand, cx).is_some(),
    }
}

/// An enclosing `if` (within the function) whose condition tests `len(name)`.
fn guarded_by_len(node: Node<'_>, name: &str, cx: &RuleContext<'_>) -> bool {
    let needle = format!("len({name})");
    for a in ancestors(node) {
        if is_function(a) {
            return false;
        }
        if matches!(kind(a), "if_statement" | "for_statement" | "expression_switch_statement")
            && cx.text(a).get(..cx.text(a).find('{').unwrap_or(0)).is_some_and(|head| head.contains(&needle))
        {
            return true;
        }
        // `len(s) > 3 && s[3] == x`
        let left = field!(a, "left").filter(|l| !TextRange::of(*l).contains_range(TextRange::of(node)));
        if kind(a) == "binary_expression" && left.is_some_and(|l| cx.text(l).contains(&needle)) {
            return true;
        }
    }
    false
}
