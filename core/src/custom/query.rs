//! Compiling a rule's tree-sitter queries, with errors that say what was
//! expected, at a byte offset of the query text.

use crate::syntax::go_language;
use tree_sitter::{Query, QueryErrorKind};

/// Predicates tree-sitter evaluates itself while matching.
const KNOWN_PREDICATES: &[&str] = &["eq?", "not-eq?", "match?", "not-match?", "any-of?", "not-any-of?"];

pub struct QueryError {
    pub offset: usize,
    pub message: String,
}

/// A compiled query and the capture that names the node it is about.
pub struct CompiledQuery {
    pub query: Query,
    /// `@match` when the query has it; otherwise each match's widest capture is the node.
    pub anchor: Option<u32>,
}

impl CompiledQuery {
    pub fn capture_index(&self, name: &str) -> Option<u32> {
        self.query.capture_index_for_name(name)
    }

    pub fn capture_names(&self) -> &[&str] {
        self.query.capture_names()
    }
}

pub fn compile(text: &str) -> Result<CompiledQuery, QueryError> {
    if text.trim().is_empty() {
        return Err(QueryError {
            offset: 0,
            message: "empty query: expected a tree-sitter pattern such as `(call_expression) @match`".into(),
        });
    }
    let query = Query::new(&go_language(), text)
        .map_err(|e| QueryError { offset: e.offset.min(text.len()), message: describe(&e.kind, &e.message) })?;
    for pattern in 0..query.pattern_count() {
        if let Some(predicate) = query.general_predicates(pattern).first() {
            let name = format!("#{}", predicate.operator);
            return Err(QueryError {
                offset: text.find(&name).unwrap_or(0),
                message: format!("unknown predicate `{name}`: expected one of {}", known_predicates()),
            });
        }
        if !query.property_predicates(pattern).is_empty() || !query.property_settings(pattern).is_empty() {
            let offset = ["#set!", "#is?", "#is-not?"].iter().filter_map(|p| text.find(p)).min().unwrap_or(0);
            return Err(QueryError {
                offset,
                message: format!("property predicates are not supported: expected one of {}", known_predicates()),
            });
        }
    }
    if query.capture_names().is_empty() {
        return Err(QueryError {
            offset: text.trim_end().len(),
            message: "the query captures nothing: expected `@match` after the node to report, e.g. `(call_expression) @match`".into(),
        });
    }
    let anchor = query.capture_index_for_name("match");
    Ok(CompiledQuery { query, anchor })
}

fn known_predicates() -> String {
    KNOWN_PREDICATES.iter().map(|p| format!("`#{p}`")).collect::<Vec<_>>().join(", ")
}

fn describe(kind: &QueryErrorKind, detail: &str) -> String {
    let detail = detail.lines().next().unwrap_or("").trim().trim_matches('"');
    match kind {
        QueryErrorKind::Syntax => {
            "invalid query syntax: expected a pattern like `(call_expression function: (identifier) @name)`".to_string()
        }
        QueryErrorKind::NodeType => format!("unknown node kind `{detail}`: expected a tree-sitter-go node kind such as `call_expression`, `selector_expression`, `identifier`"),
        QueryErrorKind::Field => format!("unknown field `{detail}`: expected a tree-sitter-go field such as `function:`, `arguments:`, `operand:`, `field:`"),
        QueryErrorKind::Capture => format!("unknown capture `@{detail}` in a predicate: expected a capture defined in the same pattern"),
        QueryErrorKind::Predicate => format!("bad predicate: {detail} (expected one of {})", known_predicates()),
        QueryErrorKind::Structure => "impossible pattern: these nodes never nest this way in tree-sitter-go".to_string(),
        QueryErrorKind::Language => format!("query does not fit the Go grammar: {detail}"),
    }
}
