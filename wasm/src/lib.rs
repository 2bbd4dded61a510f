//! faultline for JavaScript: the core's rules behind a wasm-bindgen API.
//!
//! Exports `Workspace` (files by path, so sibling files and `go.mod` count),
//! a one-shot `check(source, options)`, `rules()`, `explain(code)` and
//! `version()`. Positions are UTF-16 (what JS strings index). Nothing here
//! throws on source text; bad options throw an `OptionsError`. The TypeScript
//! types live in `types.d.ts`, the one place they are written.

mod convert;
mod js;
mod options;
mod positions;
mod workspace;

pub use positions::{Position, PositionMap};
pub use workspace::JsWorkspace;

use faultline_core::{all_rules, check_file, rule_by_code, PackageContext, SourceFile};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Checks one Go source text. Throws only for invalid options.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(source: String, options: Option<js::CheckOptions>) -> Result<JsValue, JsValue> {
    let options = js::options(options.map(JsValue::from))?;
    let path = options.path.as_deref().unwrap_or("main.go");
    // Checked once and dropped: tree-sitter's tree is freed while the flat
    // copy is made, unless custom queries will run on it.
    let parsed = match options.settings.custom_rules.is_empty() {
        true => SourceFile::checked_once(path, source, None),
        false => SourceFile::new(path, source),
    };
    let diagnostics = match parsed {
        Ok(file) => {
            let found = check_file(&file, &PackageContext::default(), &options.settings);
            convert::diagnostics(&file.text, found)
        }
        // tree-sitter only refuses to run when misconfigured: nothing to report.
        Err(_) => Vec::new(),
    };
    Ok(js::to_js(&diagnostics))
}

/// Metadata of every rule, in code order within each family.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> JsValue {
    let rules: Vec<convert::JsRule> = all_rules().iter().map(|r| r.meta().into()).collect();
    js::to_js(&rules)
}

/// A rule's documentation (markdown), or `undefined` for an unknown code.
/// Codes match case-insensitively.
#[wasm_bindgen]
pub fn explain(code: &str) -> Option<String> {
    rule_by_code(code).map(|r| r.meta().docs.to_string())
}

/// One problem of a custom rules text: 1-based line, 1-based UTF-16 column.
#[derive(serde::Serialize)]
struct JsRuleError {
    message: String,
    line: usize,
    column: usize,
}

/// The problems of a custom rules text (`[[rule]]` tables), each with the
/// position of the bad part; empty when every rule is valid. Never throws.
#[wasm_bindgen(js_name = ruleErrors, unchecked_return_type = "RuleError[]")]
pub fn rule_errors(text: String) -> JsValue {
    let lines = faultline_core::syntax::LineIndex::new(&text);
    let errors: Vec<JsRuleError> = faultline_core::custom::rule_errors(&text, options::RULES_NAME)
        .into_iter()
        .map(|e| {
            let lc = lines.line_col_utf16(e.offset.min(text.len()));
            JsRuleError { message: e.message, line: lc.line as usize + 1, column: lc.col as usize + 1 }
        })
        .collect();
    js::to_js(&errors)
}

/// The faultline version this package was built from.
#[wasm_bindgen]
pub fn version() -> String {
    faultline_core::VERSION.to_string()
}
