//! What a local variable certainly holds where it is used, when nothing can
//! have changed it since its declaration: its declared zero value or its
//! literal initializer. Used by PANIC003 (known lengths), PANIC007 (known
//! zero divisors) and PANIC008 (known nil channels).
//!
//! "Untouched" is judged in document order and is deliberately conservative:
//! any assignment before the use, any assignment inside a closure or inside a
//! loop that encloses the use, or a taken address, and we know nothing.

use crate::diagnostic::TextRange;
use crate::model::{Access, Binding, BindingId, BindingKind, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{ancestors, named_children, unparen};

/// The local variable or constant `ident` reads, when its value at `ident` is
/// still the one it was declared with.
pub fn untouched_local<'a>(ident: Node<'_>, cx: &RuleContext<'a>) -> Option<(BindingId, &'a Binding)> {
    if kind(ident) != "identifier" {
        return None;
    }
    let model = cx.model();
    let reference = model.reference_at(ident)?;
    let id = reference.binding;
    let binding = model.bindings.get(id)?;
    if binding.kind == BindingKind::LocalConst {
        return Some((id, binding));
    }
    if binding.kind != BindingKind::LocalVar
        || binding.address_taken
        || binding.init_index.is_some()
        || binding.function != reference.function
    {
        return None;
    }
    let use_at = ident.start_byte();
    let writes: Vec<TextRange> = model
        .references_of(id)
        .filter(|r| r.access != Access::Read)
        .map(|r| if r.function != binding.function { TextRange::new(0, 0) } else { r.range })
        .collect();
    if writes.iter().any(|w| w.start < use_at) {
        return None;
    }
    // A write later in a loop that encloses the use runs before the next
    // iteration's use.
    if !writes.is_empty() {
        let in_loop = ancestors(ident)
            .take_while(|a| !TextRange::of(*a).contains_range(binding.statement))
            .any(|a| kind(a) == "for_statement" && writes.iter().any(|w| TextRange::of(a).contains_range(*w)));
        if in_loop {
            return None;
        }
    }
    if assigned_by_select_receive(binding, cx) {
        return None;
    }
    Some((id, binding))
}

/// `case x = <-ch:` assigns `x`, but the model records no write for it.
fn assigned_by_select_receive(binding: &Binding, cx: &RuleContext<'_>) -> bool {
    let model = cx.model();
    let Some(body) = binding.function.and_then(|f| model.functions.get(f)).and_then(|f| f.body) else { return false };
    let Some(text) = cx.source().get(body.start..body.end) else { return false };
    // A receive statement stands only in a `select` case: without both
    // words in the text, the walk of the whole body cannot find one.
    if !text.contains("<-") || !text.contains("select") {
        return false;
    }
    let Some(node) = cx.file.tree.root_node().descendant_for_byte_range(body.start, body.end) else { return false };
    let mut found = false;
    crate::syntax::walk_named_preorder(node, |n| {
        if found {
            return false;
        }
        if kind(n) == "receive_statement" {
            found = field!(n, "left").is_some_and(|l| {
                crate::syntax::named_children(l).any(|t| cx.text(t) == binding.name) || cx.text(l) == binding.name
            });
        }
        true
    });
    found
}

/// The node of a binding's initializer, if it has exactly one.
pub fn init_node<'t>(binding: &Binding, cx: &RuleContext<'t>) -> Option<Node<'t>> {
    let range = binding.init?;
    let node = cx.file.tree.root_node().descendant_for_byte_range(range.start, range.end)?;
    // `descendant_for_byte_range` may return the deepest node of that range.
    let mut best = node;
    let mut cur = node.parent();
    while let Some(p) = cur {
        // Climb through wrappers of the same range, but not into the list of
        // `a := x` (`expression_list`) or the statement itself.
        if p.start_byte() != range.start || p.end_byte() != range.end || kind(p).ends_with("_list") {
            break;
        }
        best = p;
        cur = p.parent();
    }
    Some(unparen(best))
}

/// The integer value of a decimal, hex, octal or binary literal.
pub fn int_literal_value(node: Node<'_>, cx: &RuleContext<'_>) -> Option<u64> {
    let node = unparen(node);
    if kind(node) != "int_literal" {
        return None;
    }
    let text: String = cx.text(node).chars().filter(|c| *c != '_').collect();
    let lower = text.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        u64::from_str_radix(hex, 16).ok()
    } else if let Some(bin) = lower.strip_prefix("0b") {
        u64::from_str_radix(bin, 2).ok()
    } else if let Some(oct) = lower.strip_prefix("0o") {
        u64::from_str_radix(oct, 8).ok()
    } else if lower.len() > 1 && lower.starts_with('0') {
        u64::from_str_radix(&lower[1..], 8).ok()
    } else {
        lower.parse().ok()
    }
}

/// An integer constant: a literal, or an untouched local whose initializer is one.
pub fn known_int(node: Node<'_>, cx: &RuleContext<'_>) -> Option<u64> {
    let node = unparen(node);
    if let Some(v) = int_literal_value(node, cx) {
        return Some(v);
    }
    let (_, binding) = untouched_local(node, cx)?;
    // `var i int64 = 3` is fine; `var f float64 = 3` is not an index.
    if binding.declared_type.as_ref().is_some_and(|t| !is_integer_type(t)) {
        return None;
    }
    int_literal_value(init_node(binding, cx)?, cx)
}

/// The builtin integer types (a named type like `time.Duration` is unknown).
pub fn is_integer_type(ty: &TypeExpr) -> bool {
    const INTS: &[&str] = &[
        "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte",
        "rune",
    ];
    matches!(ty, TypeExpr::Named { package: None, name } if INTS.contains(&name.as_str()))
}

/// Length and capacity a value certainly has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownLen {
    pub len: u64,
    /// `None` when only the length is known (`make([]T, n, c)` with unknown `c`).
    pub cap: Option<u64>,
    pub what: &'static str,
}

/// The length of what an expression denotes: an untouched local slice,
/// array or string whose declaration fixes it.
pub fn known_len(node: Node<'_>, cx: &RuleContext<'_>) -> Option<(KnownLen, TextRange)> {
    let node = unparen(node);
    let (_, binding) = untouched_local(node, cx)?;
    if binding.kind != BindingKind::LocalVar {
        return None;
    }
    let decl = binding.statement;
    let known = match init_node(binding, cx) {
        None => match binding.declared_type.as_ref()? {
            TypeExpr::Slice(_) => KnownLen { len: 0, cap: Some(0), what: "a nil slice" },
            TypeExpr::Array(Some(n), _) => {
                let n = n.parse().ok()?;
                KnownLen { len: n, cap: Some(n), what: "an array" }
            }
            _ => return None,
        },
        Some(init) => len_of_expression(init, cx)?,
    };
    Some((known, decl))
}

fn len_of_expression(init: Node<'_>, cx: &RuleContext<'_>) -> Option<KnownLen> {
    match kind(init) {
        "composite_literal" => {
            let ty = field!(init, "type")?;
            let body = field!(init, "body")?;
            let elements: Vec<Node<'_>> = named_children(body).collect();
            // Keyed elements (`{5: x}`) set the length by their largest key: not counted here.
            if elements.iter().any(|e| kind(e) == "keyed_element") {
                return None;
            }
            let n = elements.len() as u64;
            match kind(ty) {
                "slice_type" => Some(KnownLen {
                    len: n,
                    cap: Some(n),
                    what: if n == 0 { "an empty slice" } else { "a slice literal" },
                }),
                "array_type" => {
                    let len = int_literal_value(field!(ty, "length")?, cx)?;
                    Some(KnownLen { len, cap: Some(len), what: "an array" })
                }
                "implicit_length_array_type" => Some(KnownLen { len: n, cap: Some(n), what: "an array literal" }),
                _ => None,
            }
        }
        "call_expression" => {
            let function = unparen(field!(init, "function")?);
            if kind(function) != "identifier"
                || cx.text(function) != "make"
                || !cx.model().is_builtin(function, cx.source())
            {
                return None;
            }
            let args: Vec<Node<'_>> = named_children(field!(init, "arguments")?).collect();
            if args.first()?.kind_name() != "slice_type" {
                return None;
            }
            let len = int_literal_value(*args.get(1)?, cx)?;
            let cap = match args.get(2) {
                None => Some(len),
                Some(c) => int_literal_value(*c, cx),
            };
            Some(KnownLen {
                len,
                cap,
                what: if len == 0 { "an empty slice" } else { "a slice made with a fixed length" },
            })
        }
        "interpreted_string_literal" | "raw_string_literal" => {
            let text = cx.text(init);
            if kind(init) == "interpreted_string_literal" && text.contains('\\') {
                return None;
            }
            let len = text.len().checked_sub(2)? as u64;
            Some(KnownLen { len, cap: None, what: "a string" })
        }
        _ => None,
    }
}
