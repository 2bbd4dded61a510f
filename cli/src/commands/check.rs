//! `faultline check`: validate flags, find the files, resolve settings per
//! directory, analyse in parallel, print, and pick the exit code:
//! 0 nothing at or above `--fail-on`, 1 findings, 2 usage/config/I-O errors
//! (2 wins when both happen; every file that can be checked still is).

use crate::analyze::{Analyzer, CheckInput, DirJob, Input};
use crate::args::{CheckArgs, ColorWhen, Format};
use crate::discover::{discover, GoFile};
use crate::output::{self, RunResult};
use crate::paths::PathStyle;
use crate::problems::{ProblemLevel, Problems};
use crate::settings::{ConfigSource, LoadedConfig, Overrides, Resolver};
use crate::source::read_stdin;
use faultline_core::config::is_valid_selector;
use faultline_core::{GoVersion, RuleSelection};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Shown for stdin when `--stdin-filename` does not name it.
const STDIN_NAME: &str = "<stdin>";

pub fn run(args: &CheckArgs) -> io::Result<u8> {
    let style = PathStyle::from_env();
    let overrides = match overrides(args, &style) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("faultline: error: {message}");
            return Ok(2);
        }
    };
    let problems = Problems::default();
    let paths = match (args.paths.is_empty(), args.stdin_filename.is_some()) {
        (false, _) => args.paths.clone(),
        // `--stdin-filename x.go` alone means stdin, as editors call it.
        (true, true) => vec![PathBuf::from("-")],
        (true, false) => vec![PathBuf::from(".")],
    };
    let discovered = discover(&paths, &style, &problems);
    if args.stdin_filename.is_some() && !discovered.stdin {
        problems.error("--stdin-filename is given but `-` (stdin) is not among the paths");
    }

    let stdin_abs = args.stdin_filename.as_deref().map(|p| style.absolute(p));
    let mut resolver = Resolver::new(&style, &problems, overrides);
    let mut jobs = directory_jobs(discovered.files, stdin_abs.as_deref(), &style, &mut resolver);
    if let Some(stdin) = discovered.stdin.then(|| stdin_job(args, &style, &problems, &mut resolver)).flatten() {
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

    let analyzer = Analyzer {
        style: &style,
        problems: &problems,
        max_file_size: args.max_file_size,
        keep_trees_budget: args.keep_trees_budget,
    };
    let outcome = analyzer.run(jobs);
    let problems = problems.into_sorted();
    let run = RunResult { files_checked: outcome.checked, reports: &outcome.reports, problems: &problems };

    let fail_on = args.fail_on.severity();
    let has_findings = outcome.reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= fail_on);
    let has_errors = problems.iter().any(|p| p.level == ProblemLevel::Error);

    let code = if has_errors {
        2
    } else if has_findings {
        1
    } else {
        0
    };
    match print(args, &run, &style) {
        // `faultline check | head`: the reader left, but the exit code still tells the truth.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(e),
        Ok(()) => Ok(code),
    }
}

/// Output on stdout, then the run's problems on stderr, then (text) the summary line.
fn print(args: &CheckArgs, run: &RunResult<'_>, style: &PathStyle) -> io::Result<()> {
    // Buffered: thousands of findings would otherwise cost a write per line.
    let buffered: Box<dyn Write> = Box::new(io::BufWriter::new(io::stdout().lock()));
    let mut stdout = anstream::AutoStream::new(buffered, color_choice(args.color));
    match args.format {
        Format::Text => output::text::write(&mut stdout, run, true)?,
        Format::Json => output::json::write(&mut stdout, run)?,
        Format::Sarif => output::sarif::write(&mut stdout, run, Some(&style.absolute(Path::new("."))))?,
        Format::Github => output::github::write(&mut stdout, run)?,
    }
    stdout.flush()?;
    let mut stderr = io::stderr().lock();
    for problem in run.problems {
        writeln!(stderr, "{problem}")?;
    }
    if args.format == Format::Text {
        writeln!(stdout, "{}", output::text::summary(run))?;
    }
    stdout.flush()
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
    Ok(Overrides { selection, go_version, config })
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
            .map(|f| CheckInput { shown: style.display(&f.path), input: Input::Disk { path: f.path, abs: f.abs } })
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

fn color_choice(when: ColorWhen) -> anstream::ColorChoice {
    match when {
        ColorWhen::Auto => anstream::AutoStream::choice(&io::stdout()),
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}
