//! Runs the pipelines on one corpus and renders the figures as text (for the
//! terminal) or as a markdown fragment (for BENCHMARKS.md).

use crate::corpus::Corpus;
use crate::pipeline::{self, Counts};
use crate::timing::{ms, paired_ratios, Timing};
use faultline_core::Settings;
use std::fmt::Write;

/// One measured pipeline.
pub struct Row {
    pub name: String,
    pub timing: Timing,
    work: Work,
}

enum Work {
    Parse,
    Model,
    Check(Settings),
}

pub struct Report {
    pub files: usize,
    pub bytes: usize,
    pub unreadable: usize,
    pub threads: usize,
    pub runs: usize,
    /// Parse only, parse + model, full check, then the optional extra rows.
    pub rows: Vec<Row>,
    pub nodes: usize,
    /// Findings of the full check (every rule).
    pub findings: Counts,
}

const PARSE: usize = 0;
const CHECK: usize = 2;

/// The rule families, by code prefix, for the per-family rows.
const FAMILIES: [(&str, &str); 4] =
    [("NIL", "nil-contract"), ("ESC", "escape-hint"), ("RACE", "race-risk"), ("PANIC", "panic-path")];

fn selecting(select: &str) -> Settings {
    let mut settings = Settings::default();
    settings.rules.select = vec![select.to_string()];
    settings
}

impl Report {
    /// `per_family` adds rows for the check with no rule enabled (the
    /// pipeline's own cost) and with one family at a time.
    pub fn run(corpus: &Corpus, runs: usize, per_family: bool) -> Report {
        let row = |name: &str, work| Row { name: name.to_string(), timing: Timing::default(), work };
        let mut rows = vec![
            row("tree-sitter parse only (floor)", Work::Parse),
            row("parse + semantic model", Work::Model),
            row("full check (all rules)", Work::Check(Settings::default())),
        ];
        if per_family {
            // No code starts with "-": selecting it enables no rule.
            rows.push(row("check, no rule enabled", Work::Check(selecting("-"))));
            for (prefix, family) in FAMILIES {
                rows.push(row(&format!("check, {family} rules only ({prefix})"), Work::Check(selecting(prefix))));
            }
        }
        let mut nodes = 0;
        let mut findings = Counts::new();
        // Round 0 is an untimed warm-up (page cache, allocator, thread pool).
        // Each round runs every pipeline back to back, so a burst of load from
        // elsewhere on the machine hits them alike.
        for round in 0..=runs.max(1) {
            for (i, r) in rows.iter_mut().enumerate() {
                let work = || match &r.work {
                    Work::Parse => (pipeline::parse_only(corpus), Counts::new()),
                    Work::Model => (pipeline::parse_and_model(corpus), Counts::new()),
                    Work::Check(settings) => (0, pipeline::full_check(corpus, settings)),
                };
                let (n, counts) = if round == 0 { work() } else { r.timing.record(work) };
                match i {
                    PARSE => nodes = n,
                    CHECK => findings = counts,
                    _ => {}
                }
            }
        }
        Report {
            files: corpus.files.len(),
            bytes: corpus.bytes(),
            unreadable: corpus.unreadable.len(),
            threads: rayon::current_num_threads(),
            runs,
            rows,
            nodes,
            findings,
        }
    }

    fn parse(&self) -> &Timing {
        &self.rows[PARSE].timing
    }

    /// Full analysis time over parse-only time (wall-clock medians).
    pub fn ratio(&self) -> f64 {
        self.ratio_to_parse(&self.rows[CHECK].timing)
    }

    /// The same ratio in process CPU time, steadier on a busy machine.
    pub fn cpu_ratio(&self) -> Option<f64> {
        self.cpu_ratio_to_parse(&self.rows[CHECK].timing)
    }

    /// Check CPU over parse CPU round by round: median, smallest, largest.
    pub fn cpu_ratio_by_round(&self) -> Option<(f64, f64, f64)> {
        paired_ratios(&self.rows[CHECK].timing.cpu_by_round, &self.parse().cpu_by_round)
    }

    fn mb_per_s(&self, t: &Timing) -> f64 {
        self.bytes as f64 / 1e6 / t.median().as_secs_f64().max(f64::MIN_POSITIVE)
    }

    fn ratio_to_parse(&self, t: &Timing) -> f64 {
        t.median().as_secs_f64() / self.parse().median().as_secs_f64().max(f64::MIN_POSITIVE)
    }

    /// `None` also when the parse took no measurable CPU time (a tiny corpus:
    /// the clock counts 10 ms ticks), rather than a ratio over zero.
    fn cpu_ratio_to_parse(&self, t: &Timing) -> Option<f64> {
        let parse = self.parse().cpu_median().filter(|d| !d.is_zero())?;
        Some(t.cpu_median()?.as_secs_f64() / parse.as_secs_f64())
    }

    fn cpu_cells(&self, t: &Timing) -> (String, String) {
        let cpu = t.cpu_median().map_or("n/a".to_string(), |cpu| format!("{:.0} ms", ms(cpu)));
        let ratio = self.cpu_ratio_to_parse(t).map_or("n/a".to_string(), |ratio| format!("{ratio:.2}"));
        (cpu, ratio)
    }

    fn findings_line(&self) -> String {
        if self.findings.is_empty() {
            return "none".to_string();
        }
        self.findings.iter().map(|(code, n)| format!("{code} {n}")).collect::<Vec<_>>().join(", ")
    }

    fn summary_line(&self) -> String {
        format!(
            "{} files, {:.1} MB read into memory before timing ({} unreadable, skipped); rayon on {} threads; \
             median of {} rounds after one warm-up round, every pipeline back to back in each round, one process",
            self.files,
            self.bytes as f64 / 1e6,
            self.unreadable,
            self.threads,
            self.runs
        )
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.summary_line());
        let _ = writeln!(
            out,
            "{:<44} {:>10} {:>10} {:>10} {:>7} {:>8} {:>10} {:>8}",
            "pipeline", "median ms", "min ms", "max ms", "MB/s", "x parse", "CPU", "CPU x"
        );
        for row in &self.rows {
            let t = &row.timing;
            let (cpu, cpu_ratio) = self.cpu_cells(t);
            let _ = writeln!(
                out,
                "{:<44} {:>10.1} {:>10.1} {:>10.1} {:>7.1} {:>7.2}x {:>10} {:>7}x",
                row.name,
                ms(t.median()),
                ms(t.min()),
                ms(t.max()),
                self.mb_per_s(t),
                self.ratio_to_parse(t),
                cpu,
                cpu_ratio
            );
        }
        let _ = writeln!(out, "ratio check / parse (wall): {:.2}x", self.ratio());
        if let Some(r) = self.cpu_ratio() {
            let _ = writeln!(out, "ratio check / parse (CPU):  {r:.2}x");
        }
        if let Some((median, min, max)) = self.cpu_ratio_by_round() {
            let _ =
                writeln!(out, "ratio check / parse (CPU), round by round: median {median:.2}x, {min:.2}x to {max:.2}x");
        }
        let _ = writeln!(out, "syntax nodes: {}; findings (all severities): {}", self.nodes, self.findings_line());
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}.\n", self.summary_line());
        let _ = writeln!(out, "| pipeline | median wall | min | max | MB/s | × parse | median CPU | CPU × parse |");
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
        for row in &self.rows {
            let t = &row.timing;
            let (cpu, cpu_ratio) = self.cpu_cells(t);
            let _ = writeln!(
                out,
                "| {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} | {:.2}× | {} | {}× |",
                row.name,
                ms(t.median()),
                ms(t.min()),
                ms(t.max()),
                self.mb_per_s(t),
                self.ratio_to_parse(t),
                cpu,
                cpu_ratio
            );
        }
        let _ = write!(out, "\n**Ratio full check / parse only: {:.2}× wall-clock", self.ratio());
        if let Some(r) = self.cpu_ratio() {
            let _ = write!(out, ", {r:.2}× CPU time");
        }
        let _ = writeln!(out, "** (target: at most 2×, issue 2; 1.5×, issue 12).\n");
        match self.cpu_ratio_by_round() {
            Some((median, min, max)) => {
                let _ = writeln!(
                    out,
                    "The same CPU ratio round by round (each round's check over the parse timed in the same round): \
                     median {median:.2}×, from {min:.2}× to {max:.2}×: the spread is the machine's noise.\n"
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "The same CPU ratio round by round: n/a (no round's parse took measurable CPU time).\n"
                );
            }
        }
        let _ = writeln!(out, "Findings in this corpus (all severities, every rule): {}.", self.findings_line());
        out
    }
}
