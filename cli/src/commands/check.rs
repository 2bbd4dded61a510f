//! `faultline check`: validate flags, find the files, resolve settings per
//! directory, analyse in parallel, print, and pick the exit code:
//! 0 nothing at or above `--fail-on`, 1 findings, 2 usage/config/I-O errors
//! (2 wins when both happen; every file that can be checked still is).

use crate::analyze::{self, Analyzer, CheckInput, DirJob, DirOutcome, Input, Overlay};
use crate::args::{CheckArgs, ColorWhen, Format};
use crate::cache::ResultCache;
use crate::discover::{discover, GoFile};
use crate::fixes;
use crate::output::{self, RunResult};
use crate::paths::PathStyle;
use crate::problems::{ProblemLevel, Problems};
use crate::progress::Progress;
use crate::settings::{ConfigSource, LoadedConfig, Overrides, Resolver};
use crate::source::{io_message, read_stdin};
use faultline_core::config::is_valid_selector;
use faultline_core::fix::FixSafety;
use faultline_core::{GoVersion, RuleSelection};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Shown for stdin when `--stdin-filename` does not name it.
const STDIN_NAME: &str = "<stdin>";

pub fn run(args: &CheckArgs) -> io::Result<u8> {
    let style = PathStyle::from_env();
    let overrides = match modes(args).and_then(|()| overrides(args, &style)) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("faultline: error: {message}");
            return Ok(2);
        }
    };
    if args.fix && !args.diff {
        fixes::exit_between_writes_on_interrupt();
    }
    let cache = if args.no_cache { None } else { ResultCache::open(args.cache_dir.as_deref()) };
    if let Some(cache) = &cache {
        cache.trim_if_due();
    }
    let checker = Checker { args, style, overrides, cache };
    if args.watch {
        return crate::watch::run(&checker);
    }
    let mut out = match checker.open_output() {
        Ok(out) => out,
        Err(message) => {
            eprintln!("faultline: error: {message}");
            return Ok(2);
        }
    };
    checker.run_once(&mut out)
}

/// Combinations of flags that cannot work, as usage errors.
fn modes(args: &CheckArgs) -> Result<(), String> {
    let stdin = args.stdin_filename.is_some() || args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.diff && args.format != Format::Text {
        return Err(format!("--diff prints a unified diff; it cannot be combined with --format {}", format_name(args)));
    }
    if args.statistics && matches!(args.format, Format::Sarif | Format::Github) {
        return Err(format!("--statistics prints text or json, not --format {}", format_name(args)));
    }
    if args.fix && !args.diff && stdin {
        return Err("--fix cannot write to stdin; use --diff to see what it would change".into());
    }
    if args.watch && stdin {
        return Err("--watch cannot watch stdin".into());
    }
    Ok(())
}

fn format_name(args: &CheckArgs) -> &'static str {
    match args.format {
        Format::Text => "text",
        Format::Json => "json",
        Format::Sarif => "sarif",
        Format::Github => "github",
    }
}

/// Where a run's output goes, and whether it is coloured.
pub struct Output {
    pub writer: anstream::AutoStream<Box<dyn Write>>,
    /// Output goes to a terminal (watch mode clears it between runs).
    pub terminal: bool,
}

/// One `faultline check` invocation: its flags, resolved once, and the runs
/// they ask for (one, or one per change with `--watch`).
pub struct Checker<'a> {
    pub args: &'a CheckArgs,
    pub style: PathStyle,
    overrides: Overrides,
    cache: Option<ResultCache>,
}

impl Checker<'_> {
    /// The PATH arguments, with the defaults filled in.
    pub fn paths(&self) -> Vec<PathBuf> {
        match (self.args.paths.is_empty(), self.args.stdin_filename.is_some()) {
            (false, _) => self.args.paths.clone(),
            // `--stdin-filename x.go` alone means stdin, as editors call it.
            (true, true) => vec![PathBuf::from("-")],
            (true, false) => vec![PathBuf::from(".")],
        }
    }

    /// Stdout, or the `--output-file` (created or truncated now). The error is the message.
    pub fn open_output(&self) -> Result<Output, String> {
        match &self.args.output_file {
            None => {
                let buffered: Box<dyn Write> = Box::new(io::BufWriter::new(io::stdout()));
                let choice = self.color(anstream::AutoStream::choice(&io::stdout()));
                Ok(Output { writer: anstream::AutoStream::new(buffered, choice), terminal: io::stdout().is_terminal() })
            }
            Some(path) => {
                let file = std::fs::File::create(path)
                    .map_err(|e| format!("{}: cannot write: {}", self.style.display(path), io_message(&e)))?;
                let buffered: Box<dyn Write> = Box::new(io::BufWriter::new(file));
                // A file is no terminal: colour only when asked for.
                let choice = self.color(anstream::ColorChoice::Never);
                Ok(Output { writer: anstream::AutoStream::new(buffered, choice), terminal: false })
            }
        }
    }

    /// How the output stream treats colour. `auto`: what the stream supports.
    fn color(&self, auto: anstream::ColorChoice) -> anstream::ColorChoice {
        match self.args.format {
            Format::Text | Format::Github => color_choice(self.args.color, auto),
            // JSON and SARIF escape every control character, so they hold no
            // escape codes to strip: written through as they are (stripping
            // scans every byte of the output).
            Format::Json | Format::Sarif => anstream::ColorChoice::AlwaysAnsi,
        }
    }

    fn safety(&self) -> FixSafety {
        if self.args.unsafe_fixes {
            FixSafety::IncludeUnsafe
        } else {
            FixSafety::SafeOnly
        }
    }

    /// Finds the files, resolves their settings and analyses them.
    pub fn analyze(&self, problems: &Problems) -> DirOutcome {
        self.analyze_with(problems, None)
    }

    /// Like [`Self::analyze`], with `overlay` texts in place of those files.
    fn analyze_with(&self, problems: &Problems, overlay: Option<&Overlay>) -> DirOutcome {
        analyze::merge(self.analyze_per_dir(problems, None, overlay).into_iter().map(|(_, outcome)| outcome))
    }

    /// Like [`Self::analyze`], per directory; with `only`, directories not in
    /// it are not analysed (watch mode keeps their earlier outcome).
    pub fn analyze_per_dir(
        &self,
        problems: &Problems,
        only: Option<&HashSet<PathBuf>>,
        overlay: Option<&Overlay>,
    ) -> Vec<(Option<PathBuf>, DirOutcome)> {
        let args = self.args;
        let style = &self.style;
        let discovered = discover(&self.paths(), style, problems);
        if args.stdin_filename.is_some() && !discovered.stdin {
            problems.error("--stdin-filename is given but `-` (stdin) is not among the paths");
        }

        let stdin_abs = args.stdin_filename.as_deref().map(|p| style.absolute(p));
        let mut resolver = Resolver::new(style, problems, self.overrides.clone());
        let mut jobs = directory_jobs(discovered.files, stdin_abs.as_deref(), style, &mut resolver);
        if let Some(stdin) = discovered.stdin.then(|| stdin_job(args, style, problems, &mut resolver)).flatten() {
            // Into its directory's job when there is one, so the disk files of that
            // directory see the stdin text, not the file it replaces, as their sibling.
            match jobs.iter_mut().find(|j| j.dir.is_some() && j.dir == stdin.dir) {
                Some(job) => {
                    job.files.extend(stdin.files);
                    job.replaced_name = stdin.replaced_name;
                }
                None => jobs.push(stdin),
            }
        }
        warn_unmatched_custom_ids(&self.overrides.selection, &resolver, problems);
        if let Some(only) = only {
            jobs.retain(|j| j.dir.as_ref().is_some_and(|d| only.contains(d)));
        }

        let total = jobs.iter().map(|j| j.files.len()).sum();
        let progress = Progress::for_terminal(total, Duration::from_millis(args.progress_delay_ms));
        let analyzer = Analyzer {
            style,
            problems,
            max_file_size: args.max_file_size,
            keep_trees_budget: args.keep_trees_budget,
            // 0 (and a value too large for a Duration) means no limit.
            parse_timeout: Duration::try_from_secs_f64(args.parse_timeout).ok().filter(|d| !d.is_zero()),
            progress: progress.as_ref(),
            overlay,
            keep_text: keeps_report_text(args),
            cache: self.cache.as_ref(),
        };
        let outcomes = analyzer.run_per_dir(jobs);
        if let Some(progress) = &progress {
            progress.finish();
        }
        outcomes
    }

    /// One run: analyse, apply or show fixes if asked, print, and return the exit code.
    pub fn run_once(&self, out: &mut Output) -> io::Result<u8> {
        let problems = Problems::default();
        let outcome = self.analyze(&problems);
        self.finish_run(outcome, problems, out)
    }

    /// Everything after the analysis: fixes, output, exit code.
    pub fn finish_run(&self, mut outcome: DirOutcome, problems: Problems, out: &mut Output) -> io::Result<u8> {
        let args = self.args;
        let mut diff = None;
        let mut fixed = None;
        if args.diff || args.fix {
            let changes = self.plan_until_settled(&outcome, &problems);
            if args.diff {
                diff = Some(changes);
            } else {
                let written = !changes.is_empty();
                fixed = Some(fixes::write_changes(changes, &problems));
                if written {
                    // Report what is on disk now.
                    outcome = self.analyze(&problems);
                }
            }
        }
        let problems = problems.into_sorted();
        let run = RunResult {
            files_checked: outcome.checked,
            reports: &outcome.reports,
            problems: &problems,
            fixed: fixed.as_deref(),
        };

        let fail_on = args.fail_on.severity();
        let has_findings = match &diff {
            Some(changes) => !changes.is_empty(),
            None => outcome.reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= fail_on),
        };
        let has_errors = problems.iter().any(|p| p.level == ProblemLevel::Error);

        let code = if has_errors {
            2
        } else if has_findings {
            1
        } else {
            0
        };
        let printed = match &diff {
            Some(changes) => print_diff(changes, &run, out),
            None => self.print(&run, out),
        };
        match printed {
            // `faultline check | head`: the reader left, but the exit code still tells the truth.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
            Err(e) => Err(e),
            Ok(()) => Ok(code),
        }
    }

    /// What the fixes change in each file: fix in memory, check again with
    /// the new texts, and repeat while fixes that waited for a conflicting one
    /// remain. Sorted by path. Stdin cannot be read twice: one pass for it.
    fn plan_until_settled(&self, outcome: &DirOutcome, problems: &Problems) -> Vec<fixes::Change> {
        let single_pass = outcome.reports.iter().any(|r| r.disk.is_none());
        let mut overlay = Overlay::new();
        let mut changes: BTreeMap<String, fixes::Change> = BTreeMap::new();
        let mut rechecked;
        let mut reports = &outcome.reports;
        for pass in 0..=fixes::MAX_FIX_PASSES {
            let planned = fixes::plan_changes(reports, self.safety(), problems, &overlay);
            if planned.is_empty() {
                break;
            }
            if pass == fixes::MAX_FIX_PASSES {
                problems.warning(format!(
                    "fixes were still changing files after {pass} passes; stopped there (please report it: \
                     a fix does not remove its finding)"
                ));
                break;
            }
            for change in planned {
                if let Some(disk) = &change.disk {
                    overlay.insert(disk.clone(), change.new.clone());
                }
                match changes.entry(change.shown.clone()) {
                    Entry::Vacant(slot) => {
                        slot.insert(change);
                    }
                    Entry::Occupied(mut slot) => {
                        let earlier = slot.get_mut();
                        earlier.new = change.new;
                        earlier.fixed.extend(change.fixed);
                    }
                }
            }
            if single_pass {
                break;
            }
            rechecked = self.analyze_with(problems, Some(&overlay));
            reports = &rechecked.reports;
        }
        changes.into_values().collect()
    }

    /// Output, then the run's problems on stderr, then (text) the summary line.
    fn print(&self, run: &RunResult<'_>, out: &mut Output) -> io::Result<()> {
        let args = self.args;
        let stdout = &mut out.writer;
        let safety = self.safety();
        match (args.format, args.statistics) {
            (Format::Text, true) => output::statistics::write_text(stdout, run, safety)?,
            (Format::Json, true) => output::statistics::write_json(stdout, run, safety)?,
            (Format::Text, false) => {
                output::text::write(stdout, run, true)?;
                output::text::write_fixed(stdout, run)?;
            }
            (Format::Json, false) => output::json::write(stdout, run)?,
            (Format::Sarif, _) => output::sarif::write(stdout, run, Some(&self.style.absolute(Path::new("."))))?,
            (Format::Github, _) => output::github::write(stdout, run)?,
        }
        stdout.flush()?;
        let mut stderr = io::stderr().lock();
        for problem in run.problems {
            writeln!(stderr, "{problem}")?;
        }
        if args.format == Format::Text {
            writeln!(stdout, "{}", output::text::summary(run))?;
        } else if let Some(fixed) = run.fixed.filter(|_| args.format != Format::Json) {
            // JSON lists them; SARIF and GitHub output have no place for them.
            writeln!(stderr, "faultline: note: fixed {}", plural(fixed.len(), "problem", "problems"))?;
        }
        stdout.flush()
    }
}

/// Whether reports keep their files' texts: text output prints snippets and
/// fixes rewrite the text; the other formats need only positions.
fn keeps_report_text(args: &CheckArgs) -> bool {
    args.format == Format::Text || args.fix || args.diff
}

/// `--diff`: the patch on stdout, then problems and a count on stderr.
fn print_diff(changes: &[fixes::Change], run: &RunResult<'_>, out: &mut Output) -> io::Result<()> {
    output::diff::write(&mut out.writer, changes)?;
    out.writer.flush()?;
    let mut stderr = io::stderr().lock();
    for problem in run.problems {
        writeln!(stderr, "{problem}")?;
    }
    let fixes: usize = changes.iter().map(|c| c.fixed.len()).sum();
    if fixes == 0 {
        writeln!(stderr, "No fixes to apply.")
    } else {
        writeln!(
            stderr,
            "Would fix {} in {}.",
            plural(fixes, "problem", "problems"),
            plural(changes.len(), "file", "files")
        )
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A `--select`/`--ignore` value shaped like a custom rule id is accepted up
/// front (the rules live in the checked trees); once every directory's rules
/// are loaded, one that names no rule is most likely a typo: say so.
fn warn_unmatched_custom_ids(selection: &RuleSelection, resolver: &Resolver<'_>, problems: &Problems) {
    let flags = [("--select", &selection.select), ("--ignore", &selection.ignore)];
    for (flag, values) in flags {
        for id in values.iter().filter(|v| faultline_core::custom::is_custom_id(v)) {
            if !resolver.has_custom_rule(id) {
                problems.warning(format!(
                    "{flag} {id}: no built-in or custom rule has this id (`faultline rules` lists them)"
                ));
            }
        }
    }
}

/// The settings the flags ask for; `Err` is a usage error, reported before any work.
fn overrides(args: &CheckArgs, style: &PathStyle) -> Result<Overrides, String> {
    let list = |values: &[String], flag: &str| -> Result<Vec<String>, String> {
        let values: Vec<String> = values.iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        match values.iter().find(|v| !is_valid_selector(v)) {
            Some(bad) => Err(format!("{flag}: unknown rule code or family `{bad}` (`faultline rules` lists them)")),
            None => Ok(values),
        }
    };
    let selection = RuleSelection {
        select: list(&args.select, "--select")?,
        ignore: list(&args.ignore, "--ignore")?,
        // Escape hints are performance facts, not bugs: `--select ESC`, `--select ALL` or a config `select` turns them on.
        opt_in: vec!["ESC".to_string()],
        ..RuleSelection::default()
    };
    let go_version = match &args.go {
        Some(text) => {
            Some(GoVersion::parse(text).ok_or_else(|| format!("--go: expected a version like 1.22, found `{text}`"))?)
        }
        None => None,
    };
    let config = match (&args.config, args.no_config) {
        (_, true) => ConfigSource::Disabled,
        (Some(path), false) => ConfigSource::Explicit(Arc::new(LoadedConfig::load(path, style)?)),
        (None, false) => ConfigSource::Nearest,
    };
    Ok(Overrides { selection, go_version, config, tags: args.tags.clone() })
}

/// Groups files by directory, resolves each directory's settings and drops
/// walked files that a config `exclude` matches.
fn directory_jobs(
    files: Vec<GoFile>,
    stdin_abs: Option<&Path>,
    style: &PathStyle,
    resolver: &mut Resolver<'_>,
) -> Vec<DirJob> {
    let mut by_dir: BTreeMap<PathBuf, Vec<GoFile>> = BTreeMap::new();
    for file in files {
        // Stdin stands in for the file it is named after.
        if Some(file.abs.as_path()) == stdin_abs {
            continue;
        }
        let dir = file.abs.parent().map(Path::to_path_buf).unwrap_or_default();
        by_dir.entry(dir).or_default().push(file);
    }
    let mut jobs = Vec::new();
    for (dir, files) in by_dir {
        let Some(settings) = resolver.for_dir(&dir) else { continue };
        let files: Vec<CheckInput> = files
            .into_iter()
            .filter(|f| f.explicit || !settings.config.as_ref().is_some_and(|c| c.excludes(&f.abs)))
            .map(|f| CheckInput {
                shown: style.display(&f.path),
                input: Input::Disk { path: f.path, abs: f.abs, size: f.size },
            })
            .collect();
        if !files.is_empty() {
            jobs.push(DirJob { dir: Some(dir), files, settings, replaced_name: None });
        }
    }
    jobs
}

/// Stdin as a file of the directory `--stdin-filename` names (its config, Go
/// version and on-disk siblings apply), or of the current directory's config
/// without siblings when it is unnamed.
fn stdin_job(args: &CheckArgs, style: &PathStyle, problems: &Problems, resolver: &mut Resolver<'_>) -> Option<DirJob> {
    let shown = args.stdin_filename.as_deref().map_or_else(|| STDIN_NAME.to_string(), |p| style.display(p));
    let text = read_stdin(&shown, args.max_file_size, problems)?;
    let named = args.stdin_filename.as_deref().map(|p| style.absolute(p));
    let dir = match &named {
        Some(abs) => abs.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => style.absolute(Path::new(".")),
    };
    let settings = resolver.for_dir(&dir)?;
    Some(DirJob {
        replaced_name: named.as_ref().and_then(|p| p.file_name()).map(|n| n.to_os_string()),
        dir: named.is_some().then_some(dir),
        files: vec![CheckInput { shown, input: Input::Text(text) }],
        settings,
    })
}

/// `auto` is what the stream itself supports (a terminal without NO_COLOR, or CLICOLOR_FORCE).
fn color_choice(when: ColorWhen, auto: anstream::ColorChoice) -> anstream::ColorChoice {
    match when {
        ColorWhen::Auto => auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}
