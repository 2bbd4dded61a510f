//! PANIC002 unchecked-type-assertion: a single-value `x.(T)` where the code
//! gives a reason to expect another type (or nil) at run time. Only values
//! whose dynamic type nothing in the program pins down are reported:
//!
//! - `ctx.Value(key).(T)`: nil when the key was never set (warning);
//! - `v, _ := m.Load(key)` then `v.(T)`: nil when the key is absent (info: the
//!   key often comes from the map's own key list);
//! - `m[k].(T)` on a `map[K]any` / `map[K]interface{}` (decoded JSON, mostly):
//!   nil for a missing key, any type for foreign data (warning);
//! - a local `var v any` whose address is taken (`json.Unmarshal(b, &v)`) (warning);
//! - a parameter of type `any`/`interface{}` of an exported function (info),
//!   except in generated code and in the methods that implement a container's
//!   interface (`Push`, ...), where the framework or container guarantees the type;
//! - `av.Load().(T)` on an `atomic.Value`-style `Load()`: nil before the first
//!   `Store` (info).
//!
//! Assertions inside a type switch or under an `if _, ok := x.(T); ok` are
//! checked already and are never reported.

use super::identifiers::mentions;
use super::panic_in_defer::is_single_value;
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::model::{BindingKind, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{ancestors, enclosing_function, is_function, named_children, parent_unparen, unparen};

pub struct UncheckedTypeAssertion;

static META: RuleMeta = RuleMeta {
    code: "PANIC002",
    name: "unchecked-type-assertion",
    family: Family::PanicPath,
    default_severity: Severity::Warning,
    summary: "single-value type assertion on a value whose type the program does not pin down (panics on a mismatch)",
    docs: include_str!("unchecked_type_assertion.md"),
    fix: FixAvailability::Sometimes,
};

/// Methods whose `any` parameter a container fills with the caller's own values.
const CONTAINER_METHODS: &[&str] = &["Push", "Less", "Swap", "Compare", "Equal", "Put", "Set", "Store"];

impl Rule for UncheckedTypeAssertion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["type_assertion_expression"]
    }

    fn check(&self, assertion: Node<'_>, cx: &mut RuleContext<'_>) {
        // Tests assert on data they wrote themselves; a failed assertion there fails the test.
        if cx.file.path.ends_with("_test.go") || !is_single_value(assertion) {
            return;
        }
        let Some(operand) = field!(assertion, "operand").map(unparen) else { return };
        let Some((severity, why)) = evidence(operand, cx) else { return };
        if already_checked(assertion, operand, cx) {
            return;
        }
        let ty = field!(assertion, "type").map(|t| cx.text(t)).unwrap_or("T");
        let message = format!(
            "unchecked type assertion to {ty}: {why}, so a wrong type or nil panics here; use the `v, ok := x.({ty})` form"
        );
        let fix = comma_ok_fix(assertion, cx);
        let diagnostic = cx.report_with_severity(severity, TextRange::of(assertion), message);
        if let Some((title, edit)) = fix {
            // Unsafe: the code then returns instead of crashing, a change of behaviour to review.
            diagnostic.set_fix(title, vec![edit], Applicability::Unsafe);
        }
    }
}

fn evidence(operand: Node<'_>, cx: &RuleContext<'_>) -> Option<(Severity, String)> {
    let model = cx.model();
    match kind(operand) {
        "call_expression" => {
            let function = unparen(field!(operand, "function")?);
            if kind(function) != "selector_expression" {
                return None;
            }
            let method = cx.text(field!(function, "field")?);
            let args = named_children(field!(operand, "arguments")?).count();
            let receiver = cx.text(field!(function, "operand")?);
            let source = cx.source();
            match (method, args) {
                ("Value", 1) => {
                    // `context.WithValue(ctx, key, v)` in this file pins what the key holds.
                    let key = named_children(field!(operand, "arguments")?).next()?;
                    let key = cx.text(key);
                    let stored_here = source.match_indices("WithValue(").any(|(i, _)| {
                        source[i..].split_once(')').is_some_and(|(args, _)| args.contains(key))
                            || source[i..].lines().next().is_some_and(|l| l.contains(key))
                    });
                    (!stored_here)
                        .then(|| (Severity::Warning, "Context.Value returns nil when the key was never set".into()))
                }
                // Stored in this file (`v.Store(x)`): the type is the file's own choice.
                ("Load", 0) if !source.contains(&format!("{receiver}.Store(")) => {
                    Some((Severity::Info, "an atomic.Value's Load returns nil until the first Store".into()))
                }
                _ => None,
            }
        }
        "index_expression" => {
            let map = unparen(field!(operand, "operand")?);
            map_of_interfaces(map, cx).then(|| {
                (
                    Severity::Warning,
                    "a map of interface values gives nil for a missing key and holds whatever was decoded into it"
                        .into(),
                )
            })
        }
        "identifier" => {
            let binding = model.binding_of(operand)?;
            match binding.kind {
                BindingKind::Param if binding.declared_type.as_ref().is_some_and(TypeExpr::is_empty_interface) => {
                    let function = model.functions.get(binding.function?)?;
                    let name = function.name.as_deref()?;
                    // Unexported functions have callers the package controls, and generated
                    // code (gRPC handlers' `srv.(Server)`) gets its types from the framework.
                    let exported = name.chars().next().is_some_and(char::is_uppercase);
                    if CONTAINER_METHODS.contains(&name) || !exported || is_generated(cx.source()) {
                        return None;
                    }
                    Some((Severity::Info, format!("parameter `{}` of {name} accepts any type", binding.name)))
                }
                BindingKind::LocalVar => {
                    if binding.declared_type.as_ref().is_some_and(TypeExpr::is_empty_interface) && binding.address_taken
                    {
                        return Some((
                            Severity::Warning,
                            format!(
                                "`{}` is filled through a pointer (decoding, mostly) with whatever the data holds",
                                binding.name
                            ),
                        ));
                    }
                    // `v, _ := m.Load(key)` (sync.Map): the `ok` result is thrown away.
                    let init = binding.init?;
                    let statement = cx.source().get(binding.statement.start..binding.statement.end)?;
                    let call = cx.source().get(init.start..init.end)?;
                    let blank_ok = statement.split(":=").next().is_some_and(|l| l.trim().ends_with(", _"));
                    (binding.init_index == Some(0) && blank_ok && call.contains(".Load(") && !call.ends_with(".Load()"))
                        .then(|| {
                            (
                                Severity::Info,
                                "sync.Map's Load gives nil for a missing key and its ok result is discarded".into(),
                            )
                        })
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A map whose values are `any`/`interface{}`: by its declared type, or the
/// result of asserting to such a map (`v.(map[string]any)["k"]`).
fn map_of_interfaces(map: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let is_any_map = |t: &TypeExpr| matches!(t, TypeExpr::Map(_, value) if value.is_empty_interface());
    match kind(map) {
        "identifier" => cx.model().binding_of(map).is_some_and(|b| {
            b.declared_type.as_ref().is_some_and(is_any_map)
                || b.init.and_then(|r| cx.source().get(r.start..r.end)).is_some_and(|init| {
                    let init = init.replace(' ', "");
                    init.starts_with("map[string]interface{}{") || init.starts_with("map[string]any{")
                })
        }),
        "type_assertion_expression" => {
            field!(map, "type").is_some_and(|t| is_any_map(&TypeExpr::from_node(t, cx.source())))
        }
        _ => false,
    }
}

/// Inside a type switch on the same operand, or under `if _, ok := x.(T); ok`
/// (or `if v, ok := ...; !ok { return }` earlier is not tracked: only nesting).
fn already_checked(assertion: Node<'_>, operand: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let operand_text = cx.text(operand);
    for a in ancestors(assertion) {
        if is_function(a) {
            return false;
        }
        let checked = match kind(a) {
            "type_switch_statement" => field!(a, "value").is_some_and(|v| cx.text(v) == operand_text),
            "if_statement" => {
                let head = [field!(a, "initializer"), field!(a, "condition")];
                head.iter().flatten().any(|h| {
                    let text = cx.text(*h);
                    text.contains(&format!("{operand_text}.(")) || text.contains("reflect.") || mentions(text, "ok")
                })
            }
            _ => false,
        };
        if checked {
            return true;
        }
    }
    false
}

/// `x := e.(T)` -> `x, ok := e.(T)` + `if !ok { return ... }`, when the
/// function's results allow a plain `return` (none, or all named) or end in
/// `error` with zero values we can write for the others and `fmt` is imported.
fn comma_ok_fix(assertion: Node<'_>, cx: &RuleContext<'_>) -> Option<(String, TextEdit)> {
    let right = parent_unparen(assertion)?;
    let statement = if kind(right) == "expression_list" { right.parent()? } else { right };
    if kind(statement) != "short_var_declaration" || named_children(right).count() != 1 && right != statement {
        return None;
    }
    let left = field!(statement, "left")?;
    let name = cx.text(left).trim();
    if name.contains(',') || name == "_" || name == "ok" || mentions(cx.text(statement), "ok") {
        return None;
    }
    let function = enclosing_function(statement)?;
    let info = cx.model().function_of(function)?;
    let returned = if info.results.is_empty() || info.results.iter().all(|r| r.name.is_some()) {
        "return".to_string()
    } else {
        let (last, others) = info.results.split_last()?;
        if !last.ty.is_named(None, "error") || cx.model().import_named("fmt").is_none_or(|i| i.path != "fmt") {
            return None;
        }
        let mut values: Vec<String> = others.iter().map(|r| zero_value(&r.ty)).collect::<Option<_>>()?;
        values.push(format!("fmt.Errorf(\"unexpected type for {name}\")"));
        format!("return {}", values.join(", "))
    };
    let before = cx.source().get(..statement.start_byte())?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let indent: String = before.get(line_start..)?.chars().take_while(|c| c.is_whitespace()).collect();
    // Keep the file's line endings.
    let newline = if cx.source().get(statement.end_byte()..).is_some_and(|rest| rest.starts_with("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    let new_text = format!(
        "{name}, ok := {assertion}{newline}{indent}if !ok {{{newline}{indent}\t{returned}{newline}{indent}}}",
        assertion = cx.text(assertion)
    );
    Some((format!("Check the assertion with `{name}, ok :=`"), TextEdit { range: TextRange::of(statement), new_text }))
}

fn zero_value(ty: &TypeExpr) -> Option<String> {
    Some(match ty {
        TypeExpr::Pointer(_) | TypeExpr::Slice(_) | TypeExpr::Map(..) | TypeExpr::Chan(..) | TypeExpr::Func => {
            "nil".into()
        }
        TypeExpr::Interface { .. } => "nil".into(),
        TypeExpr::Named { package: None, name } => match name.as_str() {
            "string" => "\"\"".into(),
            "bool" => "false".into(),
            "error" => "nil".into(),
            n if super::local_value::is_integer_type(ty) || n.starts_with("float") => "0".into(),
            _ => return None,
        },
        _ => return None,
    })
}

/// `// Code generated ... DO NOT EDIT.` near the top, as `go generate` tools write it.
fn is_generated(source: &str) -> bool {
    source.lines().take(20).any(|l| l.starts_with("// Code generated") && l.contains("DO NOT EDIT"))
}
