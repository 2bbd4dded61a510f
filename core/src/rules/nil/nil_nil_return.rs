//! NIL008 nil-nil-return (info): `return nil, nil` from a function returning
//! `(*T, error)`. Callers that check only the error then dereference nil.

use crate::diagnostic::{Family, Severity, TextRange};
use crate::model::nil_facts::nil_returns;
use crate::model::{FileModel, FunctionId, FunctionKind};
use crate::rules::{FixAvailability, Rule, RuleContext, RuleMeta};
use crate::syntax::Node;

pub struct NilNilReturn;

static META: RuleMeta = RuleMeta {
    code: "NIL008",
    name: "nil-nil-return",
    family: Family::NilContract,
    default_severity: Severity::Info,
    summary: "`return nil, nil` from a function returning a pointer and an error",
    docs: include_str!("nil_nil_return.md"),
    fix: FixAvailability::None,
};

impl Rule for NilNilReturn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn node_kinds(&self) -> &'static [&'static str] {
        &["function_declaration", "method_declaration"]
    }

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>) {
        let model = cx.model();
        let Some(id) = model.function_id_of(node) else { return };
        let Some(info) = model.functions.get(id) else { return };
        let nil_nil = match summarized_nil_nil(model, id, cx) {
            Some(known) => known,
            None => nil_returns(info, &cx.file.tree, cx.source()).nil_nil,
        };
        let Some(at) = nil_nil else { return };
        let name = info.name.as_deref().unwrap_or("this function");
        let message = format!(
            "`{name}` returns nil, nil: callers that check only the error will dereference a nil pointer; return an error (or a sentinel such as ErrNotFound) instead"
        );
        cx.report(at, message);
    }
}

/// The first `return nil, nil` of function `id` as the file's summary has it
/// (worked out once per file, with the rest of the body's `return`s); `None`
/// when the summary does not hold the function.
fn summarized_nil_nil(model: &FileModel, id: FunctionId, cx: &RuleContext<'_>) -> Option<Option<TextRange>> {
    let info = model.functions.get(id).filter(|f| f.kind != FunctionKind::Closure)?;
    let summary = cx.file.summary.function_at(info.range)?;
    (info.name.as_deref() == Some(summary.name.as_str())).then_some(summary.nil_returns.nil_nil)
}
