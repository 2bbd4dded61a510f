//! PANIC008 nil-channel-close: `close(ch)` where `ch` is a local channel that
//! is certainly nil: declared `var ch chan T` (or `= nil`) and never assigned
//! before the close (in document order, nor in an enclosing loop or a closure).
//!
//! Closing a receive-only channel is a compile error and not ours.

use super::local_value::{init_node, untouched_local};
use crate::diagnostic::{Applicability, Family, Severity, TextEdit, TextRange};
use crate::model::{BindingKind, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{named_children, unparen};

pub struct NilChannelClose;

static META: RuleMeta = RuleMeta {
    code: "PANIC008",
    name: "nil-channel-close",
    family: Family::PanicPath,
    default_severity: Severity::Error,
    summary: "close of a channel that is certainly nil on that path (panics: close of nil channel)",
    docs: include_str!("nil_channel_close.md"),
    fix: FixAvailability::Sometimes,
};

impl Rule for NilChannelClose {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check(&self, call: Node<'_>, cx: &mut RuleContext<'_>) {
        let Some(function) = cx.call_function(call).map(unparen) else { return };
        if kind(function) != "identifier"
            || cx.text(function) != "close"
            || !cx.model().is_builtin(function, cx.source())
        {
            return;
        }
        let Some(args) = field!(call, "arguments") else { return };
        let args: Vec<Node<'_>> = named_children(args).collect();
        let [channel] = args.as_slice() else { return };
        let channel = unparen(*channel);
        // The binding's kind and written type first: `untouched_local` (which
        // returns the same binding) reads every write of it and climbs the tree.
        let model = cx.model();
        let declared = model.reference_at(channel).and_then(|r| model.bindings.get(r.binding));
        if !declared
            .is_some_and(|b| b.kind == BindingKind::LocalVar && matches!(b.declared_type, Some(TypeExpr::Chan(..))))
        {
            return;
        }
        let Some((_, binding)) = untouched_local(channel, cx) else { return };
        let init = init_node(binding, cx);
        if init.is_some_and(|i| kind(i) != "nil") {
            return;
        }
        let name = cx.text(channel).to_string();
        let fix = make_fix(binding, init.is_none(), cx);
        let diagnostic = cx.report(
            TextRange::of(call),
            format!("close of nil channel: `{name}` is declared without make and nothing assigns it before this close"),
        );
        diagnostic.add_related(binding.statement, format!("`{name}` is declared nil here"));
        if let Some(edit) = fix {
            diagnostic.set_fix(format!("Make `{name}` with make"), vec![edit], Applicability::Unsafe);
        }
    }
}

/// `var ch chan T` -> `ch := make(chan T)`: unsafe, since a nil channel also
/// blocks sends and receives forever, which code may rely on in a select.
/// Only for a declaration with one spec of one name and no value.
fn make_fix(binding: &crate::model::Binding, no_init: bool, cx: &RuleContext<'_>) -> Option<TextEdit> {
    if !no_init {
        return None;
    }
    let root = cx.file.tree.root_node();
    let spec = root.descendant_for_byte_range(binding.range.start, binding.range.end)?.parent()?;
    if kind(spec) != "var_spec" {
        return None;
    }
    let declaration = spec.parent()?;
    if kind(declaration) != "var_declaration" || named_children(declaration).count() != 1 {
        return None;
    }
    let mut cursor = spec.walk();
    let names = spec.children_by_field_name("name", &mut cursor).count();
    let ty = field!(spec, "type")?;
    if names != 1 || field!(spec, "value").is_some() || kind(ty) != "channel_type" {
        return None;
    }
    Some(TextEdit { range: TextRange::of(declaration), new_text: format!("{} := make({})", binding.name, cx.text(ty)) })
}
