//! Finding and reading custom rule files for the core to parse.
//!
//! The rules of a file come from its *rules root*: the nearest ancestor
//! directory with a `faultline.toml` or a `.faultline/rules/` directory. That
//! directory's `[[rule]]` tables in `faultline.toml` come first, then each
//! `.faultline/rules/*.toml` in name order. The language server applies the
//! same lookup.

use crate::paths::PathStyle;
use crate::source::io_message;
use faultline_core::config::CONFIG_FILE_NAME;
use faultline_core::custom::RuleSource;
use std::path::{Path, PathBuf};

/// The directory below a rules root that holds rule files.
pub const RULES_DIR: &str = ".faultline/rules";

/// Does `dir` hold custom rules (or a config that may)?
pub fn is_rules_root(dir: &Path) -> bool {
    dir.join(CONFIG_FILE_NAME).is_file() || dir.join(RULES_DIR).is_dir()
}

/// Is `path` a rule file (`.../.faultline/rules/NAME.toml`)?
pub fn is_rule_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml") && path.parent().is_some_and(|p| p.ends_with(RULES_DIR))
}

/// The rule files of a rules root, in load order (`faultline.toml` first).
pub fn rule_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let config = root.join(CONFIG_FILE_NAME);
    if config.is_file() {
        files.push(config);
    }
    let mut in_dir: Vec<PathBuf> = std::fs::read_dir(root.join(RULES_DIR))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| is_rule_file(p)).collect())
        .unwrap_or_default();
    in_dir.sort();
    files.extend(in_dir);
    files
}

/// Reads rule files; an unreadable one is an error message for stderr.
pub fn read_sources(files: &[PathBuf], style: &PathStyle) -> (Vec<RuleSource>, Vec<String>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let name = style.display(file);
        match std::fs::read_to_string(file) {
            Ok(text) => sources.push(RuleSource { name, text }),
            Err(e) => errors.push(format!("{name}: cannot read: {}", io_message(&e))),
        }
    }
    (sources, errors)
}

/// The custom rules of the current directory's rules root, for `faultline
/// rules` and `faultline explain`; problems with them go to stderr (the
/// built-in rules are listed regardless).
pub fn load_for_current_dir() -> faultline_core::custom::CustomRules {
    let style = PathStyle::from_env();
    let cwd = style.absolute(Path::new("."));
    let Some(root) = cwd.ancestors().find(|d| is_rules_root(d)) else {
        return Default::default();
    };
    let (sources, read_errors) = read_sources(&rule_files(root), &style);
    let (rules, errors) = faultline_core::custom::load(&sources);
    for message in &read_errors {
        eprintln!("faultline: warning: {message}");
    }
    for error in &errors {
        eprintln!("faultline: warning: {error} (this rule is not listed)");
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_file_names() {
        assert!(is_rule_file(Path::new("/r/.faultline/rules/a.toml")));
        assert!(!is_rule_file(Path::new("/r/.faultline/a.toml")));
        assert!(!is_rule_file(Path::new("/r/.faultline/rules/a.yaml")));
    }
}
