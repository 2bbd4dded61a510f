//! What applies to the files of one directory: the nearest `faultline.toml`
//! (or the one named by `--config`), the CLI flags layered on top, and the Go
//! version of the nearest `go.work`/`go.mod`. Lookups are cached per directory,
//! so each config and module file is read once per run.

use crate::cache::KeyHasher;
use crate::paths::PathStyle;
use crate::problems::Problems;
use crate::source::io_message;
use faultline_core::config::CONFIG_FILE_NAME;
use faultline_core::custom::CustomRules;
use faultline_core::{BuildTarget, Config, GoVersion, RuleSelection, Settings};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the command line says about settings.
#[derive(Clone)]
pub struct Overrides {
    pub selection: RuleSelection,
    pub go_version: Option<GoVersion>,
    pub config: ConfigSource,
    /// `--tags`: replaces the `-tags` of GOFLAGS.
    pub tags: Option<String>,
}

#[derive(Clone)]
pub enum ConfigSource {
    /// The nearest ancestor `faultline.toml` of each file.
    Nearest,
    /// One file for everything (`--config`), already loaded.
    Explicit(Arc<LoadedConfig>),
    /// `--no-config`.
    Disabled,
}

/// A parsed config file with its exclude globs compiled.
pub struct LoadedConfig {
    pub dir: PathBuf,
    pub config: Config,
    exclude: GlobSet,
}

impl LoadedConfig {
    /// Reads and parses a config file; the error is the message for stderr.
    pub fn load(path: &Path, style: &PathStyle) -> Result<Self, String> {
        let shown = style.display(path);
        let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {}", io_message(&e)))?;
        let config = Config::parse(&text, &shown).map_err(|e| e.to_string())?;
        let mut exclude = GlobSetBuilder::new();
        for pattern in &config.exclude {
            // Config::parse has already rejected bad globs; skip defensively.
            if let Ok(glob) = Glob::new(pattern) {
                exclude.add(glob);
            }
        }
        let exclude = exclude.build().map_err(|e| format!("{shown}: `exclude`: {e}"))?;
        let dir = style.absolute(path).parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Self { dir, config, exclude })
    }

    /// Is `abs_path` (absolute, normalised) matched by an `exclude` glob?
    pub fn excludes(&self, abs_path: &Path) -> bool {
        match abs_path.strip_prefix(&self.dir) {
            Ok(rel) => self.exclude.is_match(crate::paths::slash_string(rel)),
            Err(_) => false,
        }
    }
}

/// The digest of what `settings` make a check do, for result cache keys;
/// `rules_key`: that of the custom rules' files.
fn settings_key(settings: &Settings, rules_key: u128) -> u128 {
    let Settings { rules, custom_rules: _, go_version, default_go_version } = settings;
    // Debug output of these is deterministic: vectors and a BTreeMap.
    KeyHasher::new()
        .str(&format!("{rules:?}"))
        .str(&format!("{go_version:?} {default_go_version:?}"))
        .u128(rules_key)
        .finish()
}

/// The resolved settings of one directory.
#[derive(Clone)]
pub struct DirSettings {
    pub settings: Arc<Settings>,
    pub module_go_version: Option<GoVersion>,
    pub config: Option<Arc<LoadedConfig>>,
    /// The build configuration that decides which siblings a file sees.
    pub target: Arc<BuildTarget>,
    /// Stands for everything above in result cache keys (`crate::cache`).
    pub cache_key: u128,
}

/// Settings and the digest that stands for them in cache keys.
type KeyedSettings = (Arc<Settings>, u128);

pub struct Resolver<'a> {
    style: &'a PathStyle,
    problems: &'a Problems,
    overrides: Overrides,
    /// Directory -> nearest config (Err: it is broken and was reported).
    configs: HashMap<PathBuf, Option<Result<Arc<LoadedConfig>, ()>>>,
    go_versions: HashMap<PathBuf, Option<GoVersion>>,
    /// Keyed by (config file, rules root); with their digest for cache keys.
    settings: HashMap<(Option<PathBuf>, Option<PathBuf>), KeyedSettings>,
    /// Directory -> its rules root (nearest ancestor with faultline.toml or .faultline/rules).
    rules_roots: HashMap<PathBuf, Option<PathBuf>>,
    /// Rules root -> its loaded custom rules (errors reported once, when
    /// loaded) and the digest of their files' texts.
    custom_rules: HashMap<PathBuf, (CustomRules, u128)>,
    target: Arc<BuildTarget>,
}

impl<'a> Resolver<'a> {
    pub fn new(style: &'a PathStyle, problems: &'a Problems, overrides: Overrides) -> Self {
        Self {
            style,
            problems,
            configs: HashMap::new(),
            go_versions: HashMap::new(),
            settings: HashMap::new(),
            rules_roots: HashMap::new(),
            custom_rules: HashMap::new(),
            target: Arc::new(match &overrides.tags {
                Some(tags) => BuildTarget::from_env().with_tags(tags),
                None => BuildTarget::from_env(),
            }),
            overrides,
        }
    }

    /// Settings for the files of `dir` (absolute, normalised); `None` when the
    /// config that governs it is broken (already reported).
    pub fn for_dir(&mut self, dir: &Path) -> Option<DirSettings> {
        let config = match &self.overrides.config {
            ConfigSource::Nearest => self.nearest_config(dir)?,
            ConfigSource::Explicit(config) => Some(config.clone()),
            ConfigSource::Disabled => None,
        };
        let rules_root = match &self.overrides.config {
            ConfigSource::Nearest => self.rules_root(dir),
            ConfigSource::Explicit(config) => Some(config.dir.clone()),
            ConfigSource::Disabled => None,
        };
        let key = (config.as_ref().map(|c| c.dir.join(CONFIG_FILE_NAME)), rules_root.clone());
        let (settings, settings_key) = match self.settings.get(&key) {
            Some(s) => s.clone(),
            None => {
                let mut settings = config.as_ref().map(|c| c.config.to_settings()).unwrap_or_default();
                settings.rules.extend(&self.overrides.selection);
                if self.overrides.go_version.is_some() {
                    settings.go_version = self.overrides.go_version;
                }
                let mut rules_key = 0;
                if let Some(root) = &rules_root {
                    (settings.custom_rules, rules_key) = self.custom_rules(root);
                }
                let settings_key = settings_key(&settings, rules_key);
                let settings = Arc::new(settings);
                self.settings.insert(key, (settings.clone(), settings_key));
                (settings, settings_key)
            }
        };
        let module_go_version = self.module_go_version(dir);
        let target = Arc::clone(&self.target);
        let cache_key = KeyHasher::new().u128(settings_key).str(&format!("{module_go_version:?} {target:?}")).finish();
        Some(DirSettings { settings, module_go_version, config, target, cache_key })
    }

    /// Is `id` the id of a custom rule loaded so far (by `for_dir`)?
    pub fn has_custom_rule(&self, id: &str) -> bool {
        self.custom_rules.values().any(|(rules, _)| rules.get(id).is_some())
    }

    /// The nearest ancestor of `dir` with a faultline.toml or `.faultline/rules/`.
    fn rules_root(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut current = Some(dir);
        let found = loop {
            let Some(d) = current else { break None };
            if let Some(cached) = self.rules_roots.get(d) {
                break cached.clone();
            }
            visited.push(d.to_path_buf());
            if crate::custom_rules::is_rules_root(d) {
                break Some(d.to_path_buf());
            }
            current = d.parent();
        };
        for d in visited {
            self.rules_roots.insert(d, found.clone());
        }
        found
    }

    /// The custom rules of a rules root. A bad rule is an error on stderr
    /// (exit 2); the other rules still run.
    fn custom_rules(&mut self, root: &Path) -> (CustomRules, u128) {
        if let Some(rules) = self.custom_rules.get(root) {
            return rules.clone();
        }
        let files = crate::custom_rules::rule_files(root);
        let (sources, read_errors) = crate::custom_rules::read_sources(&files, self.style);
        let mut key = KeyHasher::new();
        for source in &sources {
            key.str(&source.name).str(&source.text);
        }
        let key = key.finish();
        let (rules, errors) = faultline_core::custom::load(&sources);
        for message in read_errors {
            self.problems.error(message);
        }
        for error in errors {
            self.problems.error(format!("{error} (this rule is skipped; the others run)"));
        }
        self.custom_rules.insert(root.to_path_buf(), (rules.clone(), key));
        (rules, key)
    }

    /// `Err(())` when the nearest config is broken.
    fn nearest_config(&mut self, dir: &Path) -> Option<Option<Arc<LoadedConfig>>> {
        let mut visited = Vec::new();
        let mut current = Some(dir);
        let found = loop {
            let Some(d) = current else { break None };
            if let Some(cached) = self.configs.get(d) {
                break cached.clone();
            }
            visited.push(d.to_path_buf());
            let candidate = d.join(CONFIG_FILE_NAME);
            if candidate.is_file() {
                let loaded = match LoadedConfig::load(&candidate, self.style) {
                    Ok(c) => Ok(Arc::new(c)),
                    Err(message) => {
                        self.problems.error(message);
                        self.problems
                            .note(format!("files governed by {} were not checked", self.style.display(&candidate)));
                        Err(())
                    }
                };
                break Some(loaded);
            }
            current = d.parent();
        };
        for d in visited {
            self.configs.insert(d, found.clone());
        }
        match found {
            None => Some(None),
            Some(Ok(c)) => Some(Some(c)),
            Some(Err(())) => None,
        }
    }

    /// The `go` line of the nearest directory with a `go.work` or `go.mod`
    /// that has one (`go.mod` wins within a directory: it sets the module's language
    /// version, as in the core's Workspace).
    fn module_go_version(&mut self, dir: &Path) -> Option<GoVersion> {
        let mut visited = Vec::new();
        let mut current = Some(dir);
        let found = loop {
            let Some(d) = current else { break None };
            if let Some(cached) = self.go_versions.get(d) {
                break *cached;
            }
            visited.push(d.to_path_buf());
            let read =
                |name: &str| std::fs::read_to_string(d.join(name)).ok().and_then(|t| GoVersion::from_go_directive(&t));
            if let Some(v) = read("go.mod").or_else(|| read("go.work")) {
                break Some(v);
            }
            current = d.parent();
        };
        for d in visited {
            self.go_versions.insert(d, found);
        }
        found
    }
}
