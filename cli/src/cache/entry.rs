//! What a cache entry holds, on disk as JSON: the key it was made for, how
//! many files the directory checked, and the diagnostics of each file that
//! has some. Rule codes and names are `&'static str` in the core, so reading
//! an entry maps them back to the loaded rules; an entry naming a rule this
//! run does not know is no hit.

use faultline_core::depth_limit::{DEPTH_LIMIT_CODE, DEPTH_LIMIT_NAME};
use faultline_core::{Diagnostic, Family, Fix, Related, Settings, Severity, TextRange};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct EntryOut<'a> {
    pub key: String,
    pub checked: usize,
    pub files: Vec<FileOut<'a>>,
}

#[derive(Serialize)]
pub struct FileOut<'a> {
    pub shown: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Deserialize)]
pub struct EntryIn {
    pub key: String,
    pub checked: usize,
    pub files: Vec<FileIn>,
}

#[derive(Deserialize)]
pub struct FileIn {
    pub shown: String,
    pub diagnostics: Vec<StoredDiagnostic>,
}

/// [`Diagnostic`] with owned strings where the core has static ones.
#[derive(Deserialize)]
pub struct StoredDiagnostic {
    code: String,
    name: String,
    family: Family,
    severity: Severity,
    message: String,
    range: TextRange,
    related: Vec<Related>,
    fix: Option<Fix>,
}

impl StoredDiagnostic {
    /// The diagnostic, with its code and name those of a rule `settings`
    /// runs (built-in or custom) or of the depth-limit note; `None` otherwise.
    pub fn restore(self, settings: &Settings) -> Option<Diagnostic> {
        let (code, name) = static_names(&self.code, &self.name, settings)?;
        Some(Diagnostic {
            code,
            name,
            family: self.family,
            severity: self.severity,
            message: self.message,
            range: self.range,
            related: self.related,
            fix: self.fix,
        })
    }
}

fn static_names(code: &str, name: &str, settings: &Settings) -> Option<(&'static str, &'static str)> {
    if let Some(rule) = faultline_core::rule_by_code(code) {
        let meta = rule.meta();
        return (meta.code == code && meta.name == name).then_some((meta.code, meta.name));
    }
    if code == DEPTH_LIMIT_CODE && name == DEPTH_LIMIT_NAME {
        return Some((DEPTH_LIMIT_CODE, DEPTH_LIMIT_NAME));
    }
    // Custom diagnostics carry the rule's id as both code and name.
    let rule = settings.custom_rules.get(code)?;
    (rule.id == code && rule.id == name).then_some((rule.id, rule.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(diagnostic: &Diagnostic) -> Option<Diagnostic> {
        let json = serde_json::to_string(diagnostic).unwrap();
        serde_json::from_str::<StoredDiagnostic>(&json).unwrap().restore(&Settings::default())
    }

    #[test]
    fn built_in_diagnostics_come_back_equal() {
        let meta = faultline_core::rule_by_code("NIL002").unwrap().meta();
        let mut diagnostic = Diagnostic {
            code: meta.code,
            name: meta.name,
            family: meta.family,
            severity: Severity::Error,
            message: "写入 nil map 🙂".into(),
            range: TextRange::new(3, 9),
            related: vec![Related { range: TextRange::new(0, 2), message: "declared here".into() }],
            fix: None,
        };
        diagnostic.set_fix(
            "make the map",
            vec![faultline_core::TextEdit { range: TextRange::new(3, 3), new_text: "m = map[string]int{}\n".into() }],
            faultline_core::Applicability::Unsafe,
        );
        assert_eq!(round_trip(&diagnostic), Some(diagnostic));
    }

    #[test]
    fn unknown_codes_and_mismatched_names_are_no_hit() {
        let meta = faultline_core::rule_by_code("NIL002").unwrap().meta();
        let base = Diagnostic {
            code: meta.code,
            name: meta.name,
            family: meta.family,
            severity: Severity::Error,
            message: String::new(),
            range: TextRange::default(),
            related: Vec::new(),
            fix: None,
        };
        assert_eq!(round_trip(&Diagnostic { code: "NIL999", ..base.clone() }), None);
        assert_eq!(round_trip(&Diagnostic { name: "renamed-rule", ..base.clone() }), None);
        // A custom rule that this run does not load.
        assert_eq!(round_trip(&Diagnostic { code: "no-such-rule", name: "no-such-rule", ..base }), None);
    }
}
