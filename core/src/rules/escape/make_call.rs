//! `make([]T, len[, cap])` as the compiler sizes it: the capacity (or the
//! length when there is no capacity) must be a small integer constant for the
//! backing array to be a stack candidate, and even then at most 64 KB.

use super::type_facts::{const_int, type_size};
use super::value_shape::{binding_shape, ValueShape};
use crate::model::{BindingKind, TypeExpr};
use crate::rules::RuleContext;
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children};

/// Implicit allocations (`make`, `new`, `&T{}`) larger than this always go to the heap.
pub const MAX_IMPLICIT_STACK: u64 = 64 * 1024;

/// What decides where a `make([]T, ...)` is allocated.
pub enum MakeSize<'t> {
    /// The size expression is not a constant: always on the heap.
    NonConstant(Node<'t>),
    /// A constant size whose backing array is over 64 KB.
    TooLarge { bytes: u64 },
}

/// `make([]T, ...)` calls whose size sends them to the heap, whatever happens to the slice.
pub fn heap_make<'t>(call: Node<'t>, cx: &RuleContext<'_>) -> Option<MakeSize<'t>> {
    let function = unparen(cx.call_function(call)?);
    if kind(function) != "identifier" || cx.text(function) != "make" || !cx.model().is_builtin(function, cx.source()) {
        return None;
    }
    let args: Vec<Node<'_>> = named_children(field!(call, "arguments")?).filter(|a| kind(*a) != "comment").collect();
    let ty = *args.first()?;
    if kind(ty) != "slice_type" {
        return None;
    }
    let size = match args.len() {
        2 => *args.get(1)?,
        3 => *args.get(2)?,
        _ => return None,
    };
    if let Some(count) = const_int(size, cx) {
        let element = TypeExpr::from_node(field!(ty, "element")?, cx.source());
        let element_size = type_size(&element, cx)?;
        let bytes = u64::try_from(count).ok()?.checked_mul(element_size)?;
        // The compiler's test: count > 64 KB / element size.
        return (element_size != 0 && u64::try_from(count).ok()? > MAX_IMPLICIT_STACK / element_size)
            .then_some(MakeSize::TooLarge { bytes });
    }
    is_non_constant(size, cx).then_some(MakeSize::NonConstant(size))
}

/// Is this size expression certainly not a constant? Unknown names (a
/// constant of a sibling file, say) are not.
fn is_non_constant(expr: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let expr = unparen(expr);
    match kind(expr) {
        "identifier" => {
            match cx.model().binding_of(expr) {
                Some(binding) => matches!(
                    binding.kind,
                    BindingKind::LocalVar
                        | BindingKind::Param
                        | BindingKind::Result
                        | BindingKind::Receiver
                        | BindingKind::ForClauseVar
                        | BindingKind::RangeVar
                        | BindingKind::PackageVar
                        | BindingKind::TypeSwitchVar
                ),
                // A package variable of a sibling file.
                None => cx.package.package_var(cx.text(expr)),
            }
        }
        "binary_expression" => {
            let left = field!(expr, "left");
            let right = field!(expr, "right");
            left.is_some_and(|l| is_non_constant(l, cx)) || right.is_some_and(|r| is_non_constant(r, cx))
        }
        "selector_expression" | "index_expression" => {
            // `x.n`, `a[i]`: fields and elements are variables, unless `pkg.Const`.
            let Some(operand) = field!(expr, "operand").map(unparen) else { return false };
            kind(operand) != "identifier"
                || cx.model().binding_of(operand).is_some_and(|b| b.kind != BindingKind::Import)
        }
        "call_expression" => {
            let Some(function) = field!(expr, "function").map(unparen) else { return false };
            let args: Vec<Node<'_>> =
                field!(expr, "arguments").map(|a| named_children(a).collect()).unwrap_or_default();
            if kind(function) == "identifier" && cx.model().binding_of(function).is_none() {
                return match cx.text(function) {
                    // len of an array is constant; of a slice, map or string variable it is not.
                    "len" | "cap" => args.first().is_some_and(|a| length_varies(*a, cx)),
                    name if super::type_facts::basic_size(name).is_some() => {
                        args.first().is_some_and(|a| is_non_constant(*a, cx))
                    }
                    _ => {
                        cx.package.function_named(cx.text(function)).is_some()
                            || cx
                                .model()
                                .bindings
                                .iter()
                                .any(|b| b.kind == BindingKind::PackageFunc && b.name == cx.text(function))
                    }
                };
            }
            // A call of a package's function (`strconv.Itoa(...)`, `r.Len()`) is never constant.
            kind(function) == "selector_expression"
        }
        _ => false,
    }
}

fn length_varies(arg: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let arg = unparen(arg);
    match kind(arg) {
        "identifier" => cx.model().binding_of(arg).is_some_and(|b| {
            b.kind != BindingKind::PackageConst
                && b.kind != BindingKind::LocalConst
                && (matches!(binding_shape(b, cx), ValueShape::Slice | ValueShape::Map)
                    || b.declared_type.as_ref().is_some_and(|t| t.is_named(None, "string")))
        }),
        _ => false,
    }
}
