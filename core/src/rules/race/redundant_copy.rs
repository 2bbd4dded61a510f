//! The Go 1.22 side of RACE001: `v := v` inside a loop body copies a loop
//! variable that is already per-iteration, so the copy can go.

use crate::diagnostic::{Applicability, Severity, TextEdit, TextRange};
use crate::model::Access;
use crate::rules::RuleContext;
use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{enclosing_function, named_children, unparen};

/// Reports `v := v` (a single name copied from the loop variable of an
/// enclosing loop of the same function) at info severity.
pub fn check(declaration: Node<'_>, cx: &mut RuleContext<'_>) {
    let (Some(left), Some(right)) = (declaration.field_child("left"), declaration.field_child("right")) else {
        return;
    };
    let names: Vec<Node<'_>> = named_children(left).collect();
    let values: Vec<Node<'_>> = named_children(right).map(unparen).collect();
    let ([name], [value]) = (names.as_slice(), values.as_slice()) else { return };
    if name.kind_name() != "identifier" || value.kind_name() != "identifier" || cx.text(*name) != cx.text(*value) {
        return;
    }
    let model = cx.model();
    let Some(loop_var) = model.binding_of(*value) else { return };
    let function = enclosing_function(declaration).and_then(|f| model.function_id_of(f));
    if !loop_var.kind.is_loop_var() || function.is_none() || loop_var.function != function {
        return;
    }
    // The copy must be a new variable (not `v, err := v, f()` reusing one).
    let Some(copy_id) = model.binding_id_of(*name) else { return };
    let Some(copy) = model.bindings.get(copy_id) else { return };
    if copy.range != TextRange::of(*name) {
        return;
    }
    // A copy that is assigned or whose address is taken may be there on purpose
    // (for a three-clause loop, changing the loop variable changes the loop).
    let removable = !copy.address_taken && model.references_of(copy_id).all(|r| r.access == Access::Read);
    if !removable {
        return;
    }
    let loop_var_range = loop_var.range;
    let fix = statement_removal(cx.source(), declaration);
    let label = loop_var.name.clone();
    let version = cx.go_version;
    let diagnostic = cx.report_with_severity(
        Severity::Info,
        TextRange::of(declaration),
        format!(
            "redundant copy of loop variable {label}: under Go {version} each iteration already has its own {label}"
        ),
    );
    diagnostic.add_related(loop_var_range, format!("{label} is declared per iteration since Go 1.22"));
    if let Some(edit) = fix {
        diagnostic.set_fix(format!("Remove {label} := {label}"), vec![edit], Applicability::Safe);
    }
}

/// Deletes the statement and, when it stands alone on its line, the whole line.
fn statement_removal(source: &str, statement: Node<'_>) -> Option<TextEdit> {
    let start = statement.start_byte();
    let end = statement.end_byte();
    let line_start = source.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let rest = source.get(end..)?;
    let line_end = rest.find('\n').map(|i| end + i + 1);
    let before_blank = source.get(line_start..start)?.chars().all(|c| c == ' ' || c == '\t');
    match line_end {
        Some(line_end)
            if before_blank && source.get(end..line_end - 1)?.chars().all(|c| c == ' ' || c == '\t' || c == '\r') =>
        {
            Some(TextEdit { range: TextRange::new(line_start, line_end), new_text: String::new() })
        }
        _ => Some(TextEdit { range: TextRange::new(start, end), new_text: String::new() }),
    }
}
