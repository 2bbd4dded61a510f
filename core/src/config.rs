//! `faultline.toml` and the resolved settings every edge passes to the core.
//!
//! Selectors name rules: a code (`NIL001`), a family prefix (`NIL`), a family
//! name (`nil-contract`) or `ALL`. The most specific selector wins, so
//! `select = ["NIL"]`, `ignore = ["NIL002"]` runs every NIL rule but NIL002,
//! and `ignore = ["NIL"]`, `select = ["NIL001"]` runs just NIL001.

use crate::diagnostic::{Family, Severity};
use crate::model::GoVersion;
use crate::rules::{all_rules, RuleMeta};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

pub const CONFIG_FILE_NAME: &str = "faultline.toml";

/// Which rules run and at what severity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// Empty means every rule.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Code -> severity.
    pub severity: BTreeMap<String, Severity>,
    /// Selectors of rules that are off while `select` is empty: they run only
    /// when `select` names them (by code, family or `ALL`). The CLI puts `ESC`
    /// here: escape hints are performance facts, not bugs.
    pub opt_in: Vec<String>,
}

impl RuleSelection {
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let selected = if self.select.is_empty() {
            if self.opt_in.iter().any(|s| specificity(s, meta).is_some()) {
                return false;
            }
            Some(0)
        } else {
            self.select.iter().filter_map(|s| specificity(s, meta)).max()
        };
        let ignored = self.ignore.iter().filter_map(|s| specificity(s, meta)).max();
        match (selected, ignored) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    pub fn severity_override(&self, meta: &RuleMeta) -> Option<Severity> {
        self.severity.get(meta.code).copied()
    }

    /// Like [`Self::is_enabled`] for a custom rule: selectable by its id, by
    /// `custom` (the family) or `ALL`.
    pub fn is_custom_enabled(&self, id: &str) -> bool {
        let spec = |s: &String| specificity_of(s, id, Family::Custom);
        let selected = if self.select.is_empty() { Some(0) } else { self.select.iter().filter_map(spec).max() };
        let ignored = self.ignore.iter().filter_map(spec).max();
        match (selected, ignored) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    pub fn custom_severity(&self, id: &str) -> Option<Severity> {
        self.severity.iter().find(|(k, _)| k.eq_ignore_ascii_case(id)).map(|(_, v)| *v)
    }

    /// Adds the selection of a later layer (CLI flags over the config file).
    pub fn extend(&mut self, other: &RuleSelection) {
        if !other.select.is_empty() {
            self.select = other.select.clone();
        }
        self.ignore.extend(other.ignore.iter().cloned());
        self.opt_in.extend(other.opt_in.iter().filter(|s| !self.opt_in.contains(s)).cloned().collect::<Vec<_>>());
        self.severity.extend(other.severity.iter().map(|(k, v)| (k.clone(), *v)));
    }
}

/// How specifically `selector` names `meta`'s rule; `None` when it does not.
fn specificity(selector: &str, meta: &RuleMeta) -> Option<u8> {
    specificity_of(selector, meta.code, meta.family)
}

fn specificity_of(selector: &str, code: &str, family: Family) -> Option<u8> {
    let prefix = family.code_prefix();
    if selector.eq_ignore_ascii_case(code) {
        Some(3)
    } else if (!prefix.is_empty() && selector.eq_ignore_ascii_case(prefix)) || selector == family.as_str() {
        Some(2)
    } else if selector.eq_ignore_ascii_case("ALL") {
        Some(1)
    } else {
        None
    }
}

/// Is `selector` something that names at least one rule or family? Custom
/// rule ids are accepted by their shape (the rules may live in other files).
pub fn is_valid_selector(selector: &str) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || selector == Family::Custom.as_str()
        || crate::custom::is_custom_id(selector)
        || Family::ALL.iter().any(|f| selector.eq_ignore_ascii_case(f.code_prefix()) || selector == f.as_str())
        || all_rules().iter().any(|r| selector.eq_ignore_ascii_case(r.meta().code))
}

/// Everything the core needs to analyse a file, resolved from config files,
/// command-line flags or editor settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub rules: RuleSelection,
    /// User-defined rules (`[[rule]]` tables), loaded by the edge.
    pub custom_rules: crate::custom::CustomRules,
    /// Overrides the module's `go` line (a file's `//go:build` floor still wins).
    pub go_version: Option<GoVersion>,
    /// Used when neither the file nor its module says.
    pub default_go_version: GoVersion,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rules: RuleSelection::default(),
            custom_rules: crate::custom::CustomRules::default(),
            go_version: None,
            default_go_version: GoVersion::DEFAULT,
        }
    }
}

/// A parsed `faultline.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub rules: RuleSelection,
    pub go_version: Option<GoVersion>,
    /// Glob patterns, relative to the config file's directory.
    pub exclude: Vec<String>,
}

impl Config {
    pub fn to_settings(&self) -> Settings {
        Settings { rules: self.rules.clone(), go_version: self.go_version, ..Settings::default() }
    }

    /// Parses a config file's text. `file_name` only labels errors.
    pub fn parse(text: &str, file_name: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ConfigError { file: file_name.to_string(), line, column, message: e.message().to_string() }
        })?;
        let err = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = line_col(text, span.start);
            ConfigError { file: file_name.to_string(), line, column, message }
        };
        let mut config = Config::default();
        for (list, target, key) in
            [(&raw.select, &mut config.rules.select, "select"), (&raw.ignore, &mut config.rules.ignore, "ignore")]
        {
            for sel in list.iter().flatten() {
                if !is_valid_selector(sel.get_ref()) {
                    return Err(err(sel.span(), format!("`{key}`: unknown rule code or family `{}`", sel.get_ref())));
                }
                target.push(sel.get_ref().clone());
            }
        }
        for (code, severity) in raw.severity.iter().flatten() {
            let code_text = match crate::rules::rule_by_code(code.get_ref()) {
                Some(rule) => rule.meta().code.to_string(),
                // A custom rule's id: the rule may live in `.faultline/rules/`.
                None if crate::custom::is_custom_id(code.get_ref()) => code.get_ref().clone(),
                None => return Err(err(code.span(), format!("`severity`: unknown rule code `{}`", code.get_ref()))),
            };
            let Some(sev) = Severity::parse(severity.get_ref()) else {
                return Err(err(
                    severity.span(),
                    format!(
                        "`severity.{}`: expected error, warning, info or hint, found `{}`",
                        code.get_ref(),
                        severity.get_ref()
                    ),
                ));
            };
            config.rules.severity.insert(code_text, sev);
        }
        if let Some(go) = &raw.go {
            config.go_version = Some(GoVersion::parse(go.get_ref()).ok_or_else(|| {
                err(go.span(), format!("`go`: expected a version like \"1.22\", found `{}`", go.get_ref()))
            })?);
        }
        for pattern in raw.exclude.iter().flatten() {
            globset::Glob::new(pattern.get_ref())
                .map_err(|e| err(pattern.span(), format!("`exclude`: bad glob `{}`: {e}", pattern.get_ref())))?;
            config.exclude.push(pattern.get_ref().clone());
        }
        Ok(config)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    go: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    /// `[[rule]]` tables: custom rules, parsed by `crate::custom` from the same text.
    #[allow(dead_code)]
    rule: Option<toml::Value>,
}

/// A config error pointing at the file, 1-based line and column, and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let idx = crate::syntax::LineIndex::new(text);
    let lc = idx.line_col(offset);
    (lc.line as usize + 1, lc.col as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::rule_by_code;

    fn meta(code: &str) -> &'static RuleMeta {
        rule_by_code(code).map(|r| r.meta()).unwrap()
    }

    #[test]
    fn most_specific_selector_wins() {
        let sel = RuleSelection { select: vec!["NIL".into()], ignore: vec!["NIL002".into()], ..Default::default() };
        assert!(sel.is_enabled(meta("NIL001")));
        assert!(!sel.is_enabled(meta("NIL002")));
        assert!(!sel.is_enabled(meta("RACE001")));
        let sel =
            RuleSelection { select: vec!["NIL001".into()], ignore: vec!["nil-contract".into()], ..Default::default() };
        assert!(sel.is_enabled(meta("NIL001")));
        assert!(!sel.is_enabled(meta("NIL002")));
        let sel = RuleSelection { ignore: vec!["ESC".into()], ..Default::default() };
        assert!(!sel.is_enabled(meta("ESC001")));
        assert!(sel.is_enabled(meta("PANIC001")));
    }

    #[test]
    fn opt_in_rules_run_only_when_selected() {
        let opt_in = vec!["ESC".to_string()];
        let sel = RuleSelection { opt_in: opt_in.clone(), ..Default::default() };
        assert!(!sel.is_enabled(meta("ESC001")));
        assert!(sel.is_enabled(meta("NIL001")));
        for select in ["ESC", "ALL", "ESC002", "escape-hint"] {
            let sel = RuleSelection { select: vec![select.into()], opt_in: opt_in.clone(), ..Default::default() };
            assert!(sel.is_enabled(meta("ESC002")), "{select}");
        }
        let sel = RuleSelection { select: vec!["NIL".into()], opt_in: opt_in.clone(), ..Default::default() };
        assert!(!sel.is_enabled(meta("ESC001")));
        let mut layered = RuleSelection { select: vec!["ALL".into()], ..Default::default() };
        layered.extend(&RuleSelection { opt_in, ..Default::default() });
        assert!(layered.is_enabled(meta("ESC001")));
    }

    #[test]
    fn parses_a_full_config() {
        let text = "go = \"1.21\"\nselect = [\"NIL\", \"RACE001\"]\nignore = [\"NIL002\"]\nexclude = [\"gen/**\"]\n[severity]\nESC001 = \"info\"\n";
        let config = Config::parse(text, "faultline.toml").unwrap();
        assert_eq!(config.go_version, Some(GoVersion::new(1, 21)));
        assert_eq!(config.rules.select, vec!["NIL", "RACE001"]);
        assert_eq!(config.rules.severity.get("ESC001"), Some(&Severity::Info));
        assert_eq!(config.exclude, vec!["gen/**"]);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = Config::parse("select = [\"NIL\"]\ncolour = 1\n", "a/faultline.toml").unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (2, "a/faultline.toml"));
        assert!(e.message.contains("colour"), "{e}");
        let e = Config::parse("select = [\"NIL\", \"NOPE9\"]\n", "f.toml").unwrap_err();
        assert_eq!((e.line, e.column), (1, 18));
        assert!(e.to_string().contains("NOPE9"), "{e}");
        let e = Config::parse("[severity]\nNIL001 = \"fatal\"\n", "f.toml").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("fatal"));
        let e = Config::parse("go = \"one\"\n", "f.toml").unwrap_err();
        assert!(e.message.contains("`go`"));
        assert!(Config::parse("select = 3", "f.toml").is_err());
    }
}
