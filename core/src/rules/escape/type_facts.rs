//! What the escape rules need to know about types written in the source:
//! whether a value holds pointers, whether it is a plain value that must be
//! boxed to become an interface, and (a lower bound of) its size in bytes.
//! Sizes assume a 64-bit target, as `go build` on CI does.

use crate::model::{BindingKind, TypeExpr};
use crate::rules::RuleContext;
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children};

/// How deep named types and constant expressions are followed.
const MAX_DEPTH: u32 = 16;

/// A lower bound of the size of the type written at `node`; array lengths
/// may be constant expressions (`[1 << 20]byte`).
pub fn type_node_size(node: Node<'_>, cx: &RuleContext<'_>) -> Option<u64> {
    let mut node = node;
    let mut factor: u64 = 1;
    for _ in 0..MAX_DEPTH {
        if kind(node) != "array_type" {
            let size = type_size(&TypeExpr::from_node(node, cx.source()), cx)?;
            return factor.checked_mul(size);
        }
        let length = u64::try_from(const_int(field!(node, "length")?, cx)?).ok()?;
        factor = factor.checked_mul(length)?;
        node = field!(node, "element")?;
    }
    None
}

/// Size in bytes of a predeclared type, `None` when `name` is not one.
pub fn basic_size(name: &str) -> Option<u64> {
    Some(match name {
        "bool" | "byte" | "uint8" | "int8" => 1,
        "int16" | "uint16" => 2,
        "int32" | "uint32" | "rune" | "float32" => 4,
        "int" | "uint" | "int64" | "uint64" | "uintptr" | "float64" | "complex64" => 8,
        "complex128" | "string" => 16,
        "error" => 16,
        _ => return None,
    })
}

/// A lower bound of the size of a value of type `ty`; `None` when unknown.
/// Struct padding is ignored, so the real size is at least this.
pub fn type_size(ty: &TypeExpr, cx: &RuleContext<'_>) -> Option<u64> {
    type_size_at(ty, cx, 0)
}

fn type_size_at(ty: &TypeExpr, cx: &RuleContext<'_>, depth: u32) -> Option<u64> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        TypeExpr::Named { package: None, name } => match basic_size(name) {
            Some(size) => Some(size),
            None => type_size_at(local_type(name, cx)?, cx, depth + 1),
        },
        TypeExpr::Named { .. } | TypeExpr::Unknown => None,
        TypeExpr::Pointer(_) | TypeExpr::Map(..) | TypeExpr::Chan(..) | TypeExpr::Func => Some(8),
        TypeExpr::Slice(_) => Some(24),
        TypeExpr::Interface { .. } => Some(16),
        TypeExpr::Array(length, element) => {
            let length = const_int_text(length.as_deref()?, cx)?;
            let element = type_size_at(element, cx, depth + 1)?;
            u64::try_from(length).ok()?.checked_mul(element)
        }
        TypeExpr::Struct(fields) => {
            fields.iter().try_fold(0u64, |sum, f| sum.checked_add(type_size_at(&f.ty, cx, depth + 1)?))
        }
    }
}

/// The type a local named type (`type T ...` in this package) stands for.
fn local_type<'a>(name: &str, cx: &RuleContext<'a>) -> Option<&'a TypeExpr> {
    let decl = cx.model().type_named(name).or_else(|| cx.package.type_named(name))?;
    Some(&decl.ty)
}

/// Does a value of this type hold a pointer (so it can leak)? `None` when unknown.
pub fn has_pointers(ty: &TypeExpr, cx: &RuleContext<'_>) -> Option<bool> {
    has_pointers_at(ty, cx, 0)
}

fn has_pointers_at(ty: &TypeExpr, cx: &RuleContext<'_>, depth: u32) -> Option<bool> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        TypeExpr::Named { package: None, name } => match name.as_str() {
            "string" | "error" => Some(true),
            n if basic_size(n).is_some() => Some(false),
            _ => has_pointers_at(local_type(name, cx)?, cx, depth + 1),
        },
        TypeExpr::Named { .. } | TypeExpr::Unknown => None,
        TypeExpr::Pointer(_)
        | TypeExpr::Map(..)
        | TypeExpr::Chan(..)
        | TypeExpr::Func
        | TypeExpr::Slice(_)
        | TypeExpr::Interface { .. } => Some(true),
        TypeExpr::Array(_, element) => has_pointers_at(element, cx, depth + 1),
        TypeExpr::Struct(fields) => {
            let mut any = false;
            for field in fields {
                any |= has_pointers_at(&field.ty, cx, depth + 1)?;
            }
            Some(any)
        }
    }
}

/// Is a value of this type stored in an interface by copying it to the heap
/// (everything but pointer-shaped types)? `None` when unknown.
pub fn is_boxed_in_interface(ty: &TypeExpr, cx: &RuleContext<'_>) -> Option<bool> {
    let mut ty = ty;
    for _ in 0..MAX_DEPTH {
        match ty {
            TypeExpr::Named { package: None, name } => {
                if basic_size(name).is_some() {
                    return Some(name != "error");
                }
                ty = local_type(name, cx)?;
            }
            TypeExpr::Named { .. } | TypeExpr::Unknown => return None,
            TypeExpr::Pointer(_) | TypeExpr::Map(..) | TypeExpr::Chan(..) | TypeExpr::Func => return Some(false),
            // Already an interface: no conversion.
            TypeExpr::Interface { .. } => return Some(false),
            TypeExpr::Slice(_) | TypeExpr::Array(..) | TypeExpr::Struct(_) => return Some(true),
        }
    }
    None
}

/// Is the result type an interface (`any`, `interface{...}`, `error`)?
pub fn is_interface_type(ty: &TypeExpr) -> bool {
    matches!(ty, TypeExpr::Interface { .. }) || ty.is_named(None, "error")
}

/// The value of an integer constant expression, when every part of it is known.
pub fn const_int(expr: Node<'_>, cx: &RuleContext<'_>) -> Option<i128> {
    const_int_at(expr, cx, 0)
}

/// The value of a constant written as text (an array length from a `TypeExpr`).
fn const_int_text(text: &str, cx: &RuleContext<'_>) -> Option<i128> {
    if let Some(v) = parse_int_literal(text) {
        return Some(v);
    }
    // A lone name: a constant of this file.
    let binding = cx
        .model()
        .bindings
        .iter()
        .find(|b| b.name == text && matches!(b.kind, BindingKind::PackageConst | BindingKind::LocalConst))?;
    let init = binding.init?;
    let node = cx.file.tree.root_node().descendant_for_byte_range(init.start, init.end)?;
    const_int_at(node, cx, 1)
}

fn const_int_at(expr: Node<'_>, cx: &RuleContext<'_>, depth: u32) -> Option<i128> {
    if depth > MAX_DEPTH {
        return None;
    }
    let expr = unparen(expr);
    match kind(expr) {
        "int_literal" => parse_int_literal(cx.text(expr)),
        "identifier" => {
            let binding = cx.model().binding_of(expr)?;
            if !matches!(binding.kind, BindingKind::PackageConst | BindingKind::LocalConst) {
                return None;
            }
            // `const ( a = iota; b )` and typed constants without a value stay unknown.
            let init = binding.init?;
            let node = cx.file.tree.root_node().descendant_for_byte_range(init.start, init.end)?;
            if node.start_byte() != init.start || node.end_byte() != init.end {
                return None;
            }
            const_int_at(node, cx, depth + 1)
        }
        "binary_expression" => {
            let left = const_int_at(field!(expr, "left")?, cx, depth + 1)?;
            let right = const_int_at(field!(expr, "right")?, cx, depth + 1)?;
            match cx.text(field!(expr, "operator")?) {
                "+" => left.checked_add(right),
                "-" => left.checked_sub(right),
                "*" => left.checked_mul(right),
                "/" if right != 0 => left.checked_div(right),
                "<<" if (0..100).contains(&right) => left.checked_mul(1i128.checked_shl(right as u32)?),
                ">>" if (0..127).contains(&right) => Some(left >> right),
                _ => None,
            }
        }
        // `int64(n)`: a conversion of a constant is constant.
        "call_expression" => {
            let function = unparen(field!(expr, "function")?);
            let args: Vec<Node<'_>> = named_children(field!(expr, "arguments")?).collect();
            if kind(function) != "identifier" || basic_size(cx.text(function)).is_none() || args.len() != 1 {
                return None;
            }
            if cx.model().binding_of(function).is_some() {
                return None;
            }
            const_int_at(*args.first()?, cx, depth + 1)
        }
        _ => None,
    }
}

fn parse_int_literal(text: &str) -> Option<i128> {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()
    } else if let Some(bin) = lower.strip_prefix("0b") {
        i128::from_str_radix(bin, 2).ok()
    } else if let Some(oct) = lower.strip_prefix("0o") {
        i128::from_str_radix(oct, 8).ok()
    } else if lower.len() > 1 && lower.starts_with('0') {
        i128::from_str_radix(&lower[1..], 8).ok()
    } else {
        lower.parse().ok()
    }
}
