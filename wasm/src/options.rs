//! Options from JavaScript (`{ goVersion, select, ignore, severity, path }`)
//! to core settings. Every problem becomes an [`OptionsProblem`] naming the
//! option, which the JS layer throws as an `OptionsError`.

use faultline_core::config::is_valid_selector;
use faultline_core::custom::RuleSource;
use faultline_core::{rule_by_code, GoVersion, RuleSelection, Settings, Severity};
use std::collections::BTreeMap;

/// The file name rule errors carry for the `rules` option's text.
pub const RULES_NAME: &str = "rules.toml";

/// The keys of [`RawOptions`] as JavaScript spells them.
pub const OPTION_NAMES: [&str; 6] = ["goVersion", "select", "ignore", "severity", "path", "rules"];

/// What JavaScript may pass; unknown keys are errors (typos must not be ignored).
#[derive(Debug, Default)]
pub struct RawOptions {
    pub go_version: Option<String>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub severity: Option<BTreeMap<String, String>>,
    /// One-shot `check` only: the file's name (e.g. `x_test.go`).
    pub path: Option<String>,
    /// Custom rules: TOML text with `[[rule]]` tables. Bad rules are skipped
    /// (`ruleErrors` reports them); the good ones run.
    pub rules: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsProblem {
    /// The option at fault (`goVersion`, `select`, ...), or "" when the value
    /// as a whole is malformed.
    pub option: String,
    pub message: String,
}

impl OptionsProblem {
    pub fn new(option: &str, message: String) -> Self {
        Self { option: option.to_string(), message: format!("faultline: invalid options: {message}") }
    }

    /// A key that names no option (a typo must not be silently ignored).
    pub fn unknown(key: &str) -> Self {
        Self::new(key, format!("unknown option `{key}` (expected one of {})", OPTION_NAMES.join(", ")))
    }

    /// An option whose value has the wrong type.
    pub fn wrong_type(option: &str, expected: &str, found: &str) -> Self {
        Self::new(option, format!("`{option}`: expected {expected}, found {found}"))
    }

    /// A value that is not an options object at all.
    pub fn malformed(detail: impl std::fmt::Display) -> Self {
        Self::new("", detail.to_string())
    }
}

pub struct Options {
    pub settings: Settings,
    pub path: Option<String>,
}

pub fn resolve(raw: RawOptions) -> Result<Options, OptionsProblem> {
    let mut rules = RuleSelection::default();
    for (key, list, target) in [("select", raw.select, &mut rules.select), ("ignore", raw.ignore, &mut rules.ignore)] {
        for selector in list.into_iter().flatten() {
            if !is_valid_selector(&selector) {
                return Err(OptionsProblem::new(
                    key,
                    format!(
                        "`{key}`: unknown rule code or family `{selector}` (expected a code like \"NIL001\", a prefix \
                         like \"NIL\", a family like \"nil-contract\", or \"ALL\")"
                    ),
                ));
            }
            target.push(selector);
        }
    }
    for (code, severity) in raw.severity.into_iter().flatten() {
        let code = match rule_by_code(&code) {
            Some(rule) => rule.meta().code.to_string(),
            // A custom rule's id (from `rules`).
            None if faultline_core::custom::is_custom_id(&code) => code,
            None => return Err(OptionsProblem::new("severity", format!("`severity`: unknown rule code `{code}`"))),
        };
        let Some(severity) = Severity::parse(&severity) else {
            return Err(OptionsProblem::new(
                "severity",
                format!("`severity.{code}`: expected \"error\", \"warning\", \"info\" or \"hint\", found `{severity}`"),
            ));
        };
        rules.severity.insert(code, severity);
    }
    let go_version = match raw.go_version {
        None => None,
        Some(text) => Some(GoVersion::parse(&text).ok_or_else(|| {
            OptionsProblem::new("goVersion", format!("`goVersion`: expected a version like \"1.22\", found `{text}`"))
        })?),
    };
    let custom_rules = match raw.rules {
        Some(text) => faultline_core::custom::load(&[RuleSource { name: RULES_NAME.to_string(), text }]).0,
        None => Default::default(),
    };
    Ok(Options { settings: Settings { rules, custom_rules, go_version, ..Settings::default() }, path: raw.path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_every_option() {
        let mut severity = BTreeMap::new();
        severity.insert("panic001".to_string(), "error".to_string());
        let raw = RawOptions {
            go_version: Some("1.21".into()),
            select: Some(vec!["PANIC".into(), "race-risk".into()]),
            ignore: Some(vec!["RACE001".into()]),
            severity: Some(severity),
            path: Some("a_test.go".into()),
            rules: Some("[[rule]]\nid = \"no-println\"\nmessage = \"m\"\nquery = '(identifier) @match'\n".into()),
        };
        let options = resolve(raw).unwrap();
        assert_eq!(options.settings.go_version, Some(GoVersion::new(1, 21)));
        assert_eq!(options.settings.rules.select, vec!["PANIC", "race-risk"]);
        assert_eq!(options.settings.rules.severity.get("PANIC001"), Some(&Severity::Error));
        assert_eq!(options.path.as_deref(), Some("a_test.go"));
        assert_eq!(options.settings.custom_rules.iter().map(|r| r.id).collect::<Vec<_>>(), ["no-println"]);
    }

    #[test]
    fn names_the_bad_option() {
        let bad = |raw: RawOptions| resolve(raw).err().unwrap();
        let e = bad(RawOptions { select: Some(vec!["NOPE1".into()]), ..Default::default() });
        assert_eq!(e.option, "select");
        assert!(e.message.contains("NOPE1"), "{}", e.message);
        let e = bad(RawOptions { go_version: Some("latest".into()), ..Default::default() });
        assert_eq!(e.option, "goVersion");
        let mut severity = BTreeMap::new();
        severity.insert("NIL001".to_string(), "fatal".to_string());
        let e = bad(RawOptions { severity: Some(severity), ..Default::default() });
        assert!(e.message.contains("fatal") && e.option == "severity", "{}", e.message);
    }
}
