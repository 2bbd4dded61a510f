//! `--diff`: what `--fix` would change, as a unified diff per file (the
//! format `patch -p1` and `git apply` read), coloured on a terminal.

use crate::fixes::Change;
use similar::{ChangeTag, TextDiff};
use std::io::{self, Write};

const RED: &str = "\u{1b}[31m";
const GREEN: &str = "\u{1b}[32m";
const CYAN: &str = "\u{1b}[36m";
const BOLD: &str = "\u{1b}[1m";
const RESET: &str = "\u{1b}[0m";

/// Colour codes are always written; the caller's stream strips them when colour is off.
pub fn write(out: &mut dyn Write, changes: &[Change]) -> io::Result<()> {
    for change in changes {
        let diff = TextDiff::from_lines(&change.old, &change.new);
        writeln!(out, "{BOLD}--- a/{}{RESET}", change.shown)?;
        writeln!(out, "{BOLD}+++ b/{}{RESET}", change.shown)?;
        for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
            writeln!(out, "{CYAN}{}{RESET}", hunk.header())?;
            for line in hunk.iter_changes() {
                let (sign, colour) = match line.tag() {
                    ChangeTag::Delete => ('-', RED),
                    ChangeTag::Insert => ('+', GREEN),
                    ChangeTag::Equal => (' ', ""),
                };
                let text = line.as_str().unwrap_or_default();
                let body = text.strip_suffix('\n').unwrap_or(text);
                let reset = if colour.is_empty() { "" } else { RESET };
                writeln!(out, "{colour}{sign}{body}{reset}")?;
                if line.missing_newline() {
                    writeln!(out, "\\ No newline at end of file")?;
                }
            }
        }
    }
    Ok(())
}
