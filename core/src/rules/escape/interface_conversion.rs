//! ESC003 interface-conversion-escapes: a plain (non-pointer) value converted
//! to an interface that escapes is copied to the heap. Covers the arguments of
//! standard-library functions known to keep their `...any` arguments
//! (`fmt.Println`, `log.Printf`, `fmt.Errorf`, ...; see leaking_calls.rs),
//! `panic(v)`, and values returned as an interface. Unknown callees and values
//! whose type the syntax does not show stay quiet.

use super::leaking_calls::{is_leaking_name, leaking_from};
use super::reasons::{innermost_function, line_of};
use super::reference_text::trailing_name;
use super::type_facts::{basic_size, is_boxed_in_interface, is_interface_type};
use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::{BindingKind, TypeExpr};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::Node;
use crate::syntax::{field, unparen};
use crate::syntax::{kind, named_children};

pub struct InterfaceConversionEscapes;

static META: RuleMeta = RuleMeta {
    code: "ESC003",
    name: "interface-conversion-escapes",
    family: Family::EscapeHint,
    default_severity: Severity::Hint,
    summary: "a value converted to an interface that escapes (fmt/log arguments, panic, returned as any or error) is copied to the heap",
    docs: include_str!("interface_conversion.md"),
    fix: FixAvailability::None,
};

impl Rule for InterfaceConversionEscapes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression", "return_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        for (value, why) in converted_values(node, cx) {
            if !is_boxed_value(value, cx) {
                continue;
            }
            let shown = shown_expression(value, cx);
            let line = line_of(cx, value.start_byte());
            cx.report(TextRange::of(value), format!("{shown} escapes to heap ({why} at line {line})"));
        }
    }
}

/// The values `node` converts to an escaping interface, with the reason.
pub fn converted_values<'t>(node: Node<'t>, cx: &RuleContext<'_>) -> Vec<(Node<'t>, String)> {
    match kind(node) {
        "call_expression" => leaked_arguments(node, cx),
        "return_statement" => returned_as_interface(node, cx),
        _ => Vec::new(),
    }
}

/// Arguments of `fmt.Println(...)`-like calls and of `panic(v)`.
fn leaked_arguments<'t>(call: Node<'t>, cx: &RuleContext<'_>) -> Vec<(Node<'t>, String)> {
    let Some(function) = cx.call_function(call).map(unparen) else { return Vec::new() };
    let (from, callee) = match kind(function) {
        "identifier" if cx.text(function) == "panic" && cx.model().is_builtin(function, cx.source()) => {
            (0, "panic".to_string())
        }
        "selector_expression" if !may_name_leaking_function(cx.text(function), cx) => return Vec::new(),
        "selector_expression" => {
            let (Some(operand), Some(field)) = (field!(function, "operand").map(unparen), field!(function, "field"))
            else {
                return Vec::new();
            };
            if kind(operand) != "identifier" {
                return Vec::new();
            }
            // The package name must be an import, not a local variable named `fmt`.
            if cx.model().binding_of(operand).is_some_and(|b| b.kind != BindingKind::Import) {
                return Vec::new();
            }
            let Some(import) = cx.model().import_named(cx.text(operand)) else { return Vec::new() };
            let Some(from) = leaking_from(&import.path, cx.text(field)) else { return Vec::new() };
            (from, cx.text(function).to_string())
        }
        _ => return Vec::new(),
    };
    // Read after the callee: most calls are neither `panic` nor a leaking function.
    let Some(args) = field!(call, "arguments") else { return Vec::new() };
    // `fmt.Println(args...)` passes an existing slice: nothing is converted here.
    if args.children(&mut args.walk()).any(|c| kind(c) == "...") {
        return Vec::new();
    }
    named_children(args)
        .filter(|a| kind(*a) != "comment")
        .skip(from)
        .map(|a| (unparen(a), format!("passed to {callee}, which keeps its arguments")))
        .collect()
}

/// Can the selector written `text` name a listed function? Read off the text
/// before two field lookups: the field is its last token, so a name no
/// listed function has rules it out, and so does a plain `x.Name` (`t.Errorf`)
/// whose `x` names no import.
fn may_name_leaking_function(text: &str, cx: &RuleContext<'_>) -> bool {
    let name = trailing_name(text);
    if !is_leaking_name(name) {
        return false;
    }
    match text.strip_suffix(name).and_then(|t| t.strip_suffix('.')) {
        Some(operand) if !operand.is_empty() && trailing_name(operand) == operand => {
            cx.model().import_named(operand).is_some()
        }
        _ => true,
    }
}

/// `return v` in a function whose result at that position is an interface.
fn returned_as_interface<'t>(ret: Node<'t>, cx: &RuleContext<'_>) -> Vec<(Node<'t>, String)> {
    // The function first: most return no interface, and then the values need no reading.
    let Some((_, function)) = innermost_function(cx, ret.start_byte()) else { return Vec::new() };
    if !function.results.iter().any(|r| is_interface_type(&r.ty)) {
        return Vec::new();
    }
    let Some(list) = named_children(ret).find(|c| kind(*c) != "comment") else { return Vec::new() };
    let values: Vec<Node<'t>> =
        if kind(list) == "expression_list" { named_children(list).collect() } else { vec![list] };
    if function.results.len() != values.len() {
        return Vec::new();
    }
    values
        .into_iter()
        .zip(function.results.iter())
        .filter(|(_, result)| is_interface_type(&result.ty))
        .map(|(v, result)| (unparen(v), format!("returned as {}", type_display(&result.ty))))
        .collect()
}

fn type_display(ty: &TypeExpr) -> &'static str {
    match ty {
        TypeExpr::Interface { empty: true } => "an empty interface",
        TypeExpr::Named { .. } => "an error",
        _ => "an interface",
    }
}

/// Is `value` a non-pointer value whose conversion to an interface copies it to the heap?
pub fn is_boxed_value(value: Node<'_>, cx: &RuleContext<'_>) -> bool {
    match kind(value) {
        "int_literal"
        | "float_literal"
        | "imaginary_literal"
        | "rune_literal"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "true"
        | "false" => true,
        "composite_literal" => match field!(value, "type") {
            Some(t) => is_boxed_in_interface(&TypeExpr::from_node(t, cx.source()), cx) == Some(true),
            None => false,
        },
        // Arithmetic, concatenation and comparisons produce numbers, strings and booleans.
        "binary_expression" => true,
        "unary_expression" => field!(value, "operator").is_some_and(|op| matches!(cx.text(op), "-" | "+" | "!" | "^")),
        "call_expression" => {
            let Some(function) = field!(value, "function").map(unparen) else { return false };
            if kind(function) != "identifier" || cx.model().binding_of(function).is_some() {
                return false;
            }
            let name = cx.text(function);
            // `len(x)`, `int64(n)`, `string(b)`: builtins and conversions to basic types.
            matches!(name, "len" | "cap") || (basic_size(name).is_some() && name != "error")
        }
        "identifier" => identifier_is_boxed(value, cx),
        _ => false,
    }
}

fn identifier_is_boxed(ident: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(binding) = cx.model().binding_of(ident) else { return false };
    match binding.kind {
        BindingKind::PackageConst | BindingKind::LocalConst => binding.init.is_some(),
        BindingKind::LocalVar
        | BindingKind::Param
        | BindingKind::Result
        | BindingKind::Receiver
        | BindingKind::ForClauseVar
        | BindingKind::PackageVar => {
            if let Some(ty) = &binding.declared_type {
                return is_boxed_in_interface(ty, cx) == Some(true);
            }
            if binding.init_index.is_some() {
                return false;
            }
            let Some(init) = binding.init else { return false };
            let root = cx.file.tree.root_node();
            match root.descendant_for_byte_range(init.start, init.end) {
                Some(node) if node.start_byte() == init.start && node.end_byte() == init.end => {
                    // One level only: `x := y` says nothing without following y.
                    kind(node) != "identifier" && is_boxed_value(unparen(node), cx)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// The expression as the compiler prints it, shortened for long ones.
fn shown_expression(value: Node<'_>, cx: &RuleContext<'_>) -> String {
    let text: String = cx.text(value).split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 40 {
        text
    } else {
        let short: String = text.chars().take(37).collect();
        format!("{short}...")
    }
}
