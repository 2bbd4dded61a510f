//! Editor settings, from `initializationOptions` and
//! `workspace/didChangeConfiguration`, layered over `faultline.toml`.
//!
//! Shape (camelCase; may also be nested under a `"faultline"` key):
//! `{ "select": ["NIL"], "ignore": ["ESC"], "severity": {"NIL001": "error"},
//!    "goVersion": "1.21", "debounceMs": 50, "checkWorkspace": false,
//!    "diagnosticMode": "auto" | "push" | "pull", "maxFileBytes": 2097152,
//!    "escapeHints": true, "inlayHints": false, "buildTags": "integration,e2e" }`.
//! Bad entries are skipped with a warning rather than rejecting the lot.

use faultline_core::config::is_valid_selector;
use faultline_core::{rule_by_code, BuildTarget, GoVersion, RuleSelection, Severity};
use serde_json::Value;
use std::time::Duration;

/// Why 50 ms: a burst of edits from one editor action (paste, format, multi-cursor,
/// undo of many changes) arrives within a few milliseconds and is analysed once,
/// while a single keystroke still shows its result well under the ~100 ms at
/// which a delay becomes noticeable. A check of a 5,000-line file takes a few ms.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// Documents larger than this are not analysed (every keystroke would rebuild
/// the model of the whole file); like Biome's `files.maxSize`. About 50,000
/// lines of Go: such files are generated.
pub const DEFAULT_MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Longest accepted debounce; larger values are clamped.
const MAX_DEBOUNCE_MS: u64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiagnosticMode {
    /// Pull when the client supports `textDocument/diagnostic`, else push.
    #[default]
    Auto,
    Push,
    Pull,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    /// Applied over the nearest `faultline.toml` (editor settings win).
    pub rules: RuleSelection,
    pub go_version: Option<GoVersion>,
    pub debounce: Duration,
    pub check_workspace: bool,
    pub diagnostic_mode: DiagnosticMode,
    pub max_file_bytes: usize,
    /// `false` ignores the ESC family (a toggle editors show as "escape hints on/off").
    pub escape_hints: bool,
    /// ESC findings also as inlay hints (`textDocument/inlayHint`).
    pub inlay_hints: bool,
    /// Build tags, as `go build -tags` (comma-separated); `None`: the `-tags`
    /// of the server's `GOFLAGS`.
    pub build_tags: Option<String>,
}

impl Default for ClientSettings {
    fn default() -> Self {
        Self {
            rules: RuleSelection::default(),
            go_version: None,
            debounce: DEFAULT_DEBOUNCE,
            check_workspace: false,
            diagnostic_mode: DiagnosticMode::Auto,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            escape_hints: true,
            inlay_hints: false,
            build_tags: None,
        }
    }
}

impl ClientSettings {
    /// Parses `value` (absent keys keep their defaults). Returns the settings and
    /// one warning per entry that was skipped.
    pub fn from_json(value: &Value) -> (ClientSettings, Vec<String>) {
        let mut warnings = Vec::new();
        let mut out = ClientSettings::default();
        let value = value.get("faultline").unwrap_or(value);
        let Some(map) = value.as_object() else {
            // Lua clients (Neovim) encode an empty table as `[]`: the same as no settings.
            let empty_list = value.as_array().is_some_and(|a| a.is_empty());
            if !value.is_null() && !empty_list {
                warnings.push(format!("faultline settings: expected an object, found {value}"));
            }
            return (out, warnings);
        };
        for (key, v) in map {
            match key.as_str() {
                "select" => out.rules.select = selectors(key, v, &mut warnings),
                "ignore" => out.rules.ignore = selectors(key, v, &mut warnings),
                "severity" => {
                    let Some(obj) = v.as_object() else {
                        warnings.push(format!("faultline.severity: expected an object, found {v}"));
                        continue;
                    };
                    for (code, sev) in obj {
                        let rule = rule_by_code(code);
                        let severity = sev.as_str().and_then(Severity::parse);
                        match (rule, severity) {
                            (Some(rule), Some(severity)) => {
                                out.rules.severity.insert(rule.meta().code.to_string(), severity);
                            }
                            (None, _) => warnings.push(format!("faultline.severity: unknown rule code `{code}`")),
                            (_, None) => warnings.push(format!(
                                "faultline.severity.{code}: expected error, warning, info or hint, found {sev}"
                            )),
                        }
                    }
                }
                "goVersion" => match v {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    Value::String(s) => match GoVersion::parse(s) {
                        Some(version) => out.go_version = Some(version),
                        None => {
                            warnings.push(format!("faultline.goVersion: expected a version like \"1.22\", found {v}"))
                        }
                    },
                    _ => warnings.push(format!("faultline.goVersion: expected a string, found {v}")),
                },
                "debounceMs" => match v.as_u64() {
                    Some(ms) => out.debounce = Duration::from_millis(ms.min(MAX_DEBOUNCE_MS)),
                    None => {
                        warnings.push(format!("faultline.debounceMs: expected a number of milliseconds, found {v}"))
                    }
                },
                "checkWorkspace" => match v.as_bool() {
                    Some(b) => out.check_workspace = b,
                    None => warnings.push(format!("faultline.checkWorkspace: expected true or false, found {v}")),
                },
                "maxFileBytes" => match v.as_u64() {
                    Some(n) => out.max_file_bytes = usize::try_from(n).unwrap_or(usize::MAX),
                    None => warnings.push(format!("faultline.maxFileBytes: expected a number of bytes, found {v}")),
                },
                "diagnosticMode" => match v.as_str() {
                    Some("auto") => out.diagnostic_mode = DiagnosticMode::Auto,
                    Some("push") => out.diagnostic_mode = DiagnosticMode::Push,
                    Some("pull") => out.diagnostic_mode = DiagnosticMode::Pull,
                    _ => warnings.push(format!("faultline.diagnosticMode: expected auto, push or pull, found {v}")),
                },
                "escapeHints" => match v.as_bool() {
                    Some(b) => out.escape_hints = b,
                    None => warnings.push(format!("faultline.escapeHints: expected true or false, found {v}")),
                },
                "inlayHints" => match v.as_bool() {
                    Some(b) => out.inlay_hints = b,
                    None => warnings.push(format!("faultline.inlayHints: expected true or false, found {v}")),
                },
                "buildTags" => match v {
                    Value::Null => {}
                    Value::String(tags) => out.build_tags = Some(tags.clone()).filter(|t| !t.trim().is_empty()),
                    Value::Array(items) if items.iter().all(Value::is_string) => {
                        let tags: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                        out.build_tags = Some(tags.join(",")).filter(|t| !t.trim().is_empty());
                    }
                    _ => {
                        warnings.push(format!("faultline.buildTags: expected \"tag,tag\" or a list of tags, found {v}"))
                    }
                },
                _ => warnings.push(format!("faultline settings: unknown key `{key}`")),
            }
        }
        if !out.escape_hints {
            // Added to `ignore`, so a `select` naming an ESC code still wins (most specific selector).
            out.rules.ignore.push("ESC".to_string());
        }
        (out, warnings)
    }
}

impl ClientSettings {
    /// The target siblings are chosen for: the server's environment, as the
    /// go command reads it (`GOOS`, `GOARCH`, `CGO_ENABLED`, `GOEXPERIMENT`,
    /// the `-tags` of `GOFLAGS`), with `buildTags` in place of those tags.
    pub fn build_target(&self) -> BuildTarget {
        let target = BuildTarget::from_env();
        match &self.build_tags {
            Some(tags) => target.with_tags(tags),
            None => target,
        }
    }
}

fn selectors(key: &str, v: &Value, warnings: &mut Vec<String>) -> Vec<String> {
    let Some(list) = v.as_array() else {
        if !v.is_null() {
            warnings.push(format!("faultline.{key}: expected a list of rule codes or families, found {v}"));
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in list {
        match item.as_str() {
            Some(s) if is_valid_selector(s) => out.push(s.to_string()),
            _ => warnings.push(format!("faultline.{key}: unknown rule code or family {item}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_nested_settings_and_skips_bad_entries() {
        let (s, warnings) = ClientSettings::from_json(&json!({"faultline": {
            "select": ["NIL", "NOPE1"], "severity": {"NIL001": "hint", "X": "error", "NIL002": "loud"},
            "goVersion": "1.21", "debounceMs": 0, "checkWorkspace": true, "colour": 1
        }}));
        assert_eq!(s.rules.select, vec!["NIL"]);
        assert_eq!(s.rules.severity.get("NIL001"), Some(&Severity::Hint));
        assert_eq!(s.go_version, Some(GoVersion::new(1, 21)));
        assert_eq!(s.debounce, Duration::ZERO);
        assert!(s.check_workspace);
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        let (s, warnings) = ClientSettings::from_json(&Value::Null);
        assert_eq!((s, warnings.len()), (ClientSettings::default(), 0));
    }

    #[test]
    fn escape_hints_off_ignores_the_esc_family() {
        let (s, warnings) = ClientSettings::from_json(&json!({"escapeHints": false, "inlayHints": true}));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(s.rules.ignore, vec!["ESC"]);
        assert!(s.inlay_hints && !s.escape_hints);
        let (s, warnings) = ClientSettings::from_json(&json!({"escapeHints": "no"}));
        assert_eq!((s.rules.ignore.len(), warnings.len()), (0, 1));
        let (_, warnings) = ClientSettings::from_json(&json!({"faultline": []}));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn build_tags_as_a_string_or_a_list() {
        let tags = |v: Value| {
            let (s, warnings) = ClientSettings::from_json(&json!({ "buildTags": v }));
            (s.build_tags, warnings.len())
        };
        assert_eq!(tags(json!("integration,e2e")), (Some("integration,e2e".to_string()), 0));
        assert_eq!(tags(json!(["integration", "e2e"])), (Some("integration,e2e".to_string()), 0));
        // Empty: GOFLAGS' tags, as VS Code's default "" must mean.
        assert_eq!(tags(json!(" ")), (None, 0));
        assert_eq!(tags(json!([])), (None, 0));
        assert_eq!(tags(json!(3)), (None, 1));
        assert_eq!(tags(json!(["a", 1])), (None, 1));
        let (s, _) = ClientSettings::from_json(&json!({ "buildTags": ["integration", "e2e"] }));
        assert_eq!(s.build_target().tags, ["integration", "e2e"]);
    }
}
