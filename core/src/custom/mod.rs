//! Custom rules: `[[rule]]` tables users write in `faultline.toml` or
//! `.faultline/rules/*.toml`, each a tree-sitter query over tree-sitter-go with
//! structural conditions (`inside`, `has`, `precedes`, `follows` and their
//! `not-` forms), a message template, and examples.
//!
//! Pure like the rest of the core: the edges read rule files and hand over
//! their text ([`RuleSource`]); [`load`] turns it into [`CustomRules`] plus a
//! [`RuleError`] per bad rule (the good ones keep working). The check pipeline
//! runs them after the built-in rules ([`run::check_file`]); each run is
//! bounded by a work budget and says so when it stops early.

mod examples;
mod intern;
mod parse;
mod query;
mod run;
mod template;
mod toml_string;

pub use examples::{test_rule, ExampleFailure, ExampleKind};
pub use run::{check_file, FILE_STEP_BUDGET, MATCH_LIMIT, MAX_MATCHES_PER_RULE, RULE_STEP_BUDGET};

use crate::diagnostic::{Family, Severity};
use globset::GlobSet;
use std::fmt;
use std::sync::Arc;

/// Built-in code prefixes a custom id may not take.
const RESERVED_PREFIXES: [&str; 4] = ["NIL", "ESC", "RACE", "PANIC"];

/// The family every custom rule's diagnostics carry.
pub const FAMILY: Family = Family::Custom;

/// One rule file's text, named as errors should name it.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

/// A bad rule (or rule file): where and what was expected. Lines and columns
/// are 1-based, columns in bytes; `offset` is the byte offset in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for RuleError {}

impl From<RuleError> for crate::config::ConfigError {
    fn from(e: RuleError) -> Self {
        crate::config::ConfigError { file: e.file, line: e.line, column: e.column, message: e.message }
    }
}

/// A `follows`-style condition: how the node it finds relates to the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// An ancestor of the match.
    Inside,
    /// A descendant of the match.
    Has,
    /// In a later statement of the match's block.
    Precedes,
    /// In an earlier statement of the match's block.
    Follows,
}

impl Relation {
    pub const ALL: [Relation; 4] = [Relation::Inside, Relation::Has, Relation::Precedes, Relation::Follows];

    pub fn key(self) -> &'static str {
        match self {
            Relation::Inside => "inside",
            Relation::Has => "has",
            Relation::Precedes => "precedes",
            Relation::Follows => "follows",
        }
    }
}

pub(crate) struct Condition {
    pub relation: Relation,
    pub negated: bool,
    pub query: query::CompiledQuery,
    /// (capture of this condition, capture of the main query) with the same name:
    /// their texts must be equal for the condition's node to count.
    pub shared: Vec<(u32, u32)>,
}

pub(crate) struct FixTemplate {
    pub title: String,
    /// The capture whose node is replaced; `None`: the reported node.
    pub capture: Option<u32>,
    pub template: template::Template,
    pub safe: bool,
}

/// One example snippet and the 1-based line of the rule file it starts on.
#[derive(Debug, Clone)]
pub struct Example {
    pub code: String,
    pub line: usize,
}

/// A validated, compiled custom rule.
pub struct CustomRule {
    pub id: &'static str,
    pub severity: Severity,
    pub note: Option<String>,
    pub docs: Option<String>,
    pub valid: Vec<Example>,
    pub invalid: Vec<Example>,
    /// The file that defines it and the 1-based line of its `[[rule]]` table.
    pub file: String,
    pub line: usize,
    pub(crate) message: template::Template,
    pub(crate) query: query::CompiledQuery,
    pub(crate) conditions: Vec<Condition>,
    pub(crate) fix: Option<FixTemplate>,
    pub(crate) include: Option<GlobSet>,
    pub(crate) exclude: Option<GlobSet>,
}

impl fmt::Debug for CustomRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomRule").field("id", &self.id).field("file", &self.file).field("line", &self.line).finish()
    }
}

impl CustomRule {
    pub fn has_fix(&self) -> bool {
        self.fix.is_some()
    }

    /// Does the rule apply to `path` (its `include`/`exclude` globs)?
    pub fn applies_to(&self, path: &str) -> bool {
        let path = path.trim_start_matches('/');
        self.include.as_ref().is_none_or(|g| g.is_match(path))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(path))
    }
}

/// The rules in force for a file. Cheap to clone; equal when they hold the
/// same loaded rules (a reload makes new ones).
#[derive(Clone, Default)]
pub struct CustomRules(Arc<Vec<Arc<CustomRule>>>);

impl CustomRules {
    pub fn new(rules: Vec<Arc<CustomRule>>) -> Self {
        Self(Arc::new(rules))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<CustomRule>> {
        self.0.iter()
    }

    pub fn get(&self, id: &str) -> Option<&Arc<CustomRule>> {
        self.0.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }
}

impl PartialEq for CustomRules {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.0.len() == other.0.len() && self.0.iter().zip(other.0.iter()).all(|(a, b)| Arc::ptr_eq(a, b)))
    }
}

impl Eq for CustomRules {}

impl fmt::Debug for CustomRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().map(|r| r.id)).finish()
    }
}

/// Parses every source in order; a later rule with an id already taken is an
/// error at its `id`. Returns the good rules and every error.
pub fn load(sources: &[RuleSource]) -> (CustomRules, Vec<RuleError>) {
    let mut rules: Vec<Arc<CustomRule>> = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let (parsed, errs) = parse::parse_rules(&source.text, &source.name);
        errors.extend(errs);
        for (rule, id_offset) in parsed {
            if let Some(first) = rules.iter().find(|r| r.id.eq_ignore_ascii_case(rule.id)) {
                errors.push(parse::error_at(
                    &source.text,
                    &source.name,
                    id_offset,
                    format!("duplicate rule id `{}`: already defined at {}:{}", rule.id, first.file, first.line),
                ));
                continue;
            }
            rules.push(Arc::new(rule));
        }
    }
    (CustomRules::new(rules), errors)
}

/// Just the errors of one rule file's text (the playground's live check).
pub fn rule_errors(text: &str, file_name: &str) -> Vec<RuleError> {
    load(&[RuleSource { name: file_name.to_string(), text: text.to_string() }]).1
}

/// Could `id` be a custom rule id? Lowercase letters, digits, `-` and `_`,
/// starting with a letter, at most 64 bytes, and not in a built-in code's
/// namespace. Lowercase keeps them apart from built-in codes, so a mistyped
/// `NIL01` in a selector is still an error rather than a custom id.
pub fn is_custom_id(id: &str) -> bool {
    id_problem(id).is_none()
}

/// Why `id` cannot be a custom rule id.
pub(crate) fn id_problem(id: &str) -> Option<String> {
    // The namespace first: `NIL009` is better told it is taken than that it is upper case.
    let upper = id.to_ascii_uppercase();
    let builtin = RESERVED_PREFIXES.iter().find(|p| {
        upper.strip_prefix(*p).is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()))
    });
    if let Some(prefix) = builtin {
        return Some(format!(
            "rule id `{id}` is in the built-in `{prefix}` namespace: expected an id such as `team-{}`",
            id.to_ascii_lowercase()
        ));
    }
    let families = Family::ALL.map(Family::as_str);
    for word in ["ALL", "custom"].iter().chain(families.iter()) {
        if id.eq_ignore_ascii_case(word) {
            return Some(format!("rule id `{id}` is reserved (it selects a group of rules): expected another name"));
        }
    }
    let well_formed = id.len() <= 64
        && id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !well_formed {
        return Some(format!(
            "bad rule id `{id}`: expected lowercase letters, digits, `-` or `_`, starting with a letter (at most 64), e.g. `no-naked-http-get`"
        ));
    }
    None
}
