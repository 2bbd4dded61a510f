//! The command line, as clap sees it. Parsing only: what the flags mean lives
//! with the commands that use them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Files larger than this are skipped unless `--max-file-size` says otherwise:
/// Go files this large are generated tables, never hand-written code.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Seconds one file's parse may take before it is given up (with an error for
/// that file): tree-sitter's error recovery is superlinear on binary junk, and
/// one such file must not hang a run. Real Go parses in milliseconds.
pub const DEFAULT_PARSE_TIMEOUT_SECS: f64 = 10.0;

#[derive(Debug, Parser)]
#[command(
    name = "faultline",
    version,
    about = "Finds crash risks in Go code: nil dereferences, nil map writes, races, ineffective recovers."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Go files and directories (default: the current directory).
    #[command(after_help = "Exit status: 0 when nothing is at or above --fail-on, 1 when something is, \
                            2 on a usage, configuration or I/O error (messages on stderr).")]
    Check(Box<CheckArgs>),
    /// List every rule with its metadata.
    Rules(RulesArgs),
    /// Print a rule's documentation (markdown).
    Explain {
        /// Rule code, e.g. NIL001.
        code: String,
    },
    /// Check custom rules' `valid`/`invalid` examples (exit 1 when one fails, 2 when a rule file is bad).
    TestRules(TestRulesArgs),
    /// Delete the result cache `check` keeps (it is also trimmed on its own: results unused for two weeks go).
    Clean(CleanArgs),
    /// Run the language server on stdin/stdout.
    Lsp,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The cache to delete [default: the user's cache directory, ~/.cache/faultline on Linux].
    #[arg(long, value_name = "DIR", env = "FAULTLINE_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TestRulesArgs {
    /// Rule files (`*.toml`, including faultline.toml) or directories (their faultline.toml and
    /// .faultline/rules/*.toml, else every *.toml in them); default: the current directory's rules root.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads Go source from stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Only run these rules: codes, family prefixes (NIL) or family names (nil-contract); comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Do not run these rules (same forms as --select); added to the config's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Exit with 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "SEVERITY")]
    pub fail_on: FailOn,

    /// The path to report (and look up configuration and sibling files for) when reading stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Go language version to assume, overriding go.mod/go.work and config (a file's //go:build floor still wins).
    #[arg(long, value_name = "VERSION")]
    pub go: Option<String>,

    /// Build tags to consider satisfied, comma-separated, as `go build -tags`: they decide which sibling files a
    /// file sees as its package (replaces the `-tags` of GOFLAGS).
    #[arg(long, value_name = "TAG,...")]
    pub tags: Option<String>,

    /// Use this faultline.toml for every file instead of looking one up beside each file.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every faultline.toml.
    #[arg(long)]
    pub no_config: bool,

    /// Skip files larger than this many bytes (with a note on stderr).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// Give up parsing a file after this many seconds (reported as an error for that file); 0 means no limit.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_PARSE_TIMEOUT_SECS, value_parser = parse_seconds)]
    pub parse_timeout: f64,

    /// Bytes of source per directory above which trees are not all kept at once
    /// (testing hook for the memory-saving path).
    #[arg(long, hide = true, value_name = "BYTES", default_value_t = crate::analyze::KEEP_TREES_BUDGET)]
    pub keep_trees_budget: usize,

    /// When to colour text output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Apply every safe fix in place (atomically per file), check again, and report what was fixed and what remains.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, also apply fixes marked unsafe (they may change behaviour: review them).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the unified diff of what --fix would change instead of the findings; write nothing. Exit 1 when there is a diff.
    #[arg(long, conflicts_with = "statistics")]
    pub diff: bool,

    /// Keep running: check again whenever a .go file (or faultline.toml, go.mod, go.work) changes.
    #[arg(long, short = 'w')]
    pub watch: bool,

    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Write the output to this file instead of stdout (messages about the run still go to stderr).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Do not read or write the result cache (by default, a directory whose files, settings and faultline
    /// build are unchanged since an earlier run is answered from it without being checked again).
    #[arg(long, env = "FAULTLINE_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,

    /// Where to keep the result cache [default: the user's cache directory, ~/.cache/faultline on Linux].
    #[arg(long, value_name = "DIR", env = "FAULTLINE_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Milliseconds a run takes before a progress bar appears on a terminal (testing hook).
    #[arg(long, hide = true, value_name = "MS", default_value_t = 1000)]
    pub progress_delay_ms: u64,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
}

impl FailOn {
    pub fn severity(self) -> faultline_core::Severity {
        use faultline_core::Severity;
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// A non-negative, finite number of seconds.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs >= 0.0 => Ok(secs),
        _ => Err(format!("`{text}` is not a number of seconds (0 or more)")),
    }
}
