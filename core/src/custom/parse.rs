//! `[[rule]]` tables -> validated [`CustomRule`]s. Every error carries the
//! position of the bad part; a bad rule is dropped, the others are kept.

use super::query::{self, CompiledQuery};
use super::template::Template;
use super::toml_string::StringMap;
use super::{intern, Condition, CustomRule, Example, FixTemplate, Relation, RuleError};
use crate::diagnostic::Severity;
use crate::syntax::LineIndex;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

const RULE_KEYS: &[&str] = &[
    "id",
    "message",
    "severity",
    "note",
    "docs",
    "query",
    "inside",
    "not-inside",
    "has",
    "not-has",
    "precedes",
    "not-precedes",
    "follows",
    "not-follows",
    "fix",
    "include",
    "exclude",
    "valid",
    "invalid",
];

pub fn error_at(text: &str, file: &str, offset: usize, message: String) -> RuleError {
    let offset = offset.min(text.len());
    let lc = LineIndex::new(text).line_col(offset);
    RuleError { file: file.to_string(), line: lc.line as usize + 1, column: lc.col as usize + 1, offset, message }
}

/// Parses one file's rules. Each rule comes with the offset of its `id` (for
/// duplicate-id errors found later).
pub fn parse_rules(text: &str, file: &str) -> (Vec<(CustomRule, usize)>, Vec<RuleError>) {
    let cx = Cx { text, file };
    let mut errors = Vec::new();
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            let message = format!("invalid TOML: {}", e.message().trim());
            return (Vec::new(), vec![cx.error(offset, message)]);
        }
    };
    let is_config = file.rsplit(['/', '\\']).next() == Some(crate::config::CONFIG_FILE_NAME);
    let mut rules = Vec::new();
    for (key, value) in root.get_ref().iter() {
        if key.get_ref().as_ref() != "rule" {
            if !is_config {
                errors.push(cx.error(
                    key.span().start,
                    format!("unknown key `{}`: a rule file holds only `[[rule]]` tables", key.get_ref()),
                ));
            }
            continue;
        }
        let DeValue::Array(tables) = value.get_ref() else {
            errors.push(cx.error(value.span().start, "`rule`: expected `[[rule]]` tables".to_string()));
            continue;
        };
        for table in tables.iter() {
            let DeValue::Table(t) = table.get_ref() else {
                errors.push(cx.error(table.span().start, "`rule`: expected a table (`[[rule]]`)".to_string()));
                continue;
            };
            match cx.rule(t, table.span()) {
                Ok(rule) => rules.push(rule),
                Err(e) => errors.push(e),
            }
        }
    }
    (rules, errors)
}

struct Cx<'a> {
    text: &'a str,
    file: &'a str,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Cx<'_> {
    fn error(&self, offset: usize, message: String) -> RuleError {
        error_at(self.text, self.file, offset, message)
    }

    fn string<'v>(&self, key: &str, value: &'v Value<'_>) -> Result<&'v str, RuleError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s.as_ref()),
            _ => Err(self.error(value.span().start, format!("`{key}`: expected a string"))),
        }
    }

    /// Maps an offset inside a string value's decoded text to the file.
    fn inside_string(&self, value: &Value<'_>, decoded: &str, offset: usize) -> usize {
        StringMap::new(self.text, value.span(), decoded.len()).source_offset(offset)
    }

    fn strings<'v>(&self, key: &str, value: &'v Value<'_>) -> Result<Vec<(&'v str, &'v Value<'v>)>, RuleError>
    where
        'v: 'v,
    {
        match value.get_ref() {
            DeValue::String(s) => Ok(vec![(s.as_ref(), value)]),
            DeValue::Array(items) => {
                items.iter().map(|item| self.string(key, item).map(|s| (s, item))).collect::<Result<Vec<_>, _>>()
            }
            _ => Err(self.error(value.span().start, format!("`{key}`: expected a string or an array of strings"))),
        }
    }

    fn compile(&self, key: &str, value: &Value<'_>) -> Result<Vec<CompiledQuery>, RuleError> {
        let mut out = Vec::new();
        for (text, item) in self.strings(key, value)? {
            let compiled = query::compile(text)
                .map_err(|e| self.error(self.inside_string(item, text, e.offset), format!("`{key}`: {}", e.message)))?;
            out.push(compiled);
        }
        Ok(out)
    }

    fn rule(&self, table: &DeTable<'_>, span: Range<usize>) -> Result<(CustomRule, usize), RuleError> {
        let get = |name: &str| table.iter().find(|(k, _)| k.get_ref().as_ref() == name).map(|(_, v)| v);
        for (key, _) in table.iter() {
            if !RULE_KEYS.contains(&key.get_ref().as_ref()) {
                return Err(self.error(
                    key.span().start,
                    format!("unknown key `{}` in `[[rule]]`: expected one of {}", key.get_ref(), RULE_KEYS.join(", ")),
                ));
            }
        }
        let missing =
            |key: &str| self.error(span.start, format!("`[[rule]]` has no `{key}`: expected `{key} = \"...\"`"));
        let id_value = get("id").ok_or_else(|| missing("id"))?;
        let id = self.string("id", id_value)?;
        if let Some(problem) = super::id_problem(id) {
            return Err(self.error(id_value.span().start, problem));
        }
        let query_value = get("query").ok_or_else(|| missing("query"))?;
        let query_text = self.string("query", query_value)?;
        let main = query::compile(query_text).map_err(|e| {
            self.error(self.inside_string(query_value, query_text, e.offset), format!("`query`: {}", e.message))
        })?;

        let message_value = get("message").ok_or_else(|| missing("message"))?;
        let message_text = self.string("message", message_value)?;
        let message = self.template("message", message_value, message_text, &main)?;

        let severity = match get("severity") {
            None => Severity::Warning,
            Some(v) => {
                let s = self.string("severity", v)?;
                Severity::parse(s).ok_or_else(|| {
                    self.error(
                        v.span().start,
                        format!("`severity`: expected error, warning, info or hint, found `{s}`"),
                    )
                })?
            }
        };
        let note = get("note").map(|v| self.string("note", v).map(str::to_string)).transpose()?;
        let docs = get("docs").map(|v| self.string("docs", v).map(str::to_string)).transpose()?;

        let mut conditions = Vec::new();
        for relation in Relation::ALL {
            for negated in [false, true] {
                let key = if negated { format!("not-{}", relation.key()) } else { relation.key().to_string() };
                let Some(value) = get(&key) else { continue };
                for compiled in self.compile(&key, value)? {
                    let shared = shared_captures(&compiled, &main);
                    conditions.push(Condition { relation, negated, query: compiled, shared });
                }
            }
        }

        let fix = get("fix").map(|v| self.fix(v, &main)).transpose()?;
        let include = get("include").map(|v| self.globs("include", v)).transpose()?;
        let exclude = get("exclude").map(|v| self.globs("exclude", v)).transpose()?;
        let valid = get("valid").map(|v| self.examples("valid", v)).transpose()?.unwrap_or_default();
        let invalid = get("invalid").map(|v| self.examples("invalid", v)).transpose()?.unwrap_or_default();
        let line = LineIndex::new(self.text).line_col(span.start.min(self.text.len())).line as usize + 1;
        let rule = CustomRule {
            id: intern::intern(id),
            severity,
            note,
            docs,
            valid,
            invalid,
            file: self.file.to_string(),
            line,
            message,
            query: main,
            conditions,
            fix,
            include,
            exclude,
        };
        Ok((rule, id_value.span().start))
    }

    fn template(&self, key: &str, value: &Value<'_>, text: &str, main: &CompiledQuery) -> Result<Template, RuleError> {
        Template::parse(text, |name| main.capture_index(name))
            .map_err(|e| self.error(self.inside_string(value, text, e.offset), format!("`{key}`: {}", e.message)))
    }

    fn fix(&self, value: &Value<'_>, main: &CompiledQuery) -> Result<FixTemplate, RuleError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(FixTemplate {
                title: "Apply the rule's fix".to_string(),
                capture: None,
                template: self.template("fix", value, s.as_ref(), main)?,
                safe: false,
            }),
            DeValue::Table(t) => {
                let mut with = None;
                let mut fix = FixTemplate {
                    title: "Apply the rule's fix".to_string(),
                    capture: None,
                    template: Template::parse("", |_| None).map_err(|e| self.error(value.span().start, e.message))?,
                    safe: false,
                };
                for (k, v) in t.iter() {
                    match k.get_ref().as_ref() {
                        "with" => {
                            let s = self.string("fix.with", v)?;
                            with = Some(self.template("fix.with", v, s, main)?);
                        }
                        "title" => fix.title = self.string("fix.title", v)?.to_string(),
                        "replace" => {
                            let name = self.string("fix.replace", v)?;
                            let name = name.strip_prefix('@').unwrap_or(name);
                            fix.capture = Some(main.capture_index(name).ok_or_else(|| {
                                self.error(v.span().start, format!("`fix.replace`: the query has no capture `@{name}`"))
                            })?);
                        }
                        "safe" => match v.get_ref() {
                            DeValue::Boolean(b) => fix.safe = *b,
                            _ => return Err(self.error(v.span().start, "`fix.safe`: expected true or false".into())),
                        },
                        other => {
                            return Err(self.error(
                                k.span().start,
                                format!("unknown key `{other}` in `fix`: expected with, replace, title or safe"),
                            ))
                        }
                    }
                }
                fix.template = with.ok_or_else(|| {
                    self.error(value.span().start, "`fix` has no `with`: expected `with = \"replacement\"`".into())
                })?;
                Ok(fix)
            }
            _ => Err(self.error(value.span().start, "`fix`: expected a template string or a table".into())),
        }
    }

    fn globs(&self, key: &str, value: &Value<'_>) -> Result<GlobSet, RuleError> {
        let mut builder = GlobSetBuilder::new();
        for (pattern, item) in self.strings(key, value)? {
            let trimmed = pattern.trim_start_matches('/');
            let anchored = if trimmed.starts_with("**/") { trimmed.to_string() } else { format!("**/{trimmed}") };
            let glob = GlobBuilder::new(&anchored)
                .literal_separator(true)
                .build()
                .map_err(|e| self.error(item.span().start, format!("`{key}`: bad glob `{pattern}`: {}", e.kind())))?;
            builder.add(glob);
        }
        builder.build().map_err(|e| self.error(value.span().start, format!("`{key}`: {e}")))
    }

    fn examples(&self, key: &str, value: &Value<'_>) -> Result<Vec<Example>, RuleError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.error(value.span().start, format!("`{key}`: expected an array of Go snippets")));
        };
        let lines = LineIndex::new(self.text);
        items
            .iter()
            .map(|item| {
                let code = self.string(key, item)?;
                let line = lines.line_col(item.span().start.min(self.text.len())).line as usize + 1;
                Ok(Example { code: code.to_string(), line })
            })
            .collect()
    }
}

/// Captures a condition query shares by name with the main query (not `@match`
/// and not names starting with `_`): their texts must agree.
fn shared_captures(condition: &CompiledQuery, main: &CompiledQuery) -> Vec<(u32, u32)> {
    condition
        .capture_names()
        .iter()
        .enumerate()
        .filter(|(_, name)| **name != "match" && !name.starts_with('_'))
        .filter_map(|(i, name)| Some((i as u32, main.capture_index(name)?)))
        .collect()
}
