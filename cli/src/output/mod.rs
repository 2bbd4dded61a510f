//! The four output formats of `faultline check`. Each takes the finished run
//! (reports sorted by path, diagnostics sorted by position) and writes it.

pub mod diff;
pub mod github;
pub mod json;
pub mod positions;
pub mod sarif;
pub mod statistics;
pub mod text;

use crate::analyze::FileReport;
use crate::fixes::FixedItem;
use crate::problems::Problem;

/// Everything a format may print.
pub struct RunResult<'a> {
    pub files_checked: usize,
    pub reports: &'a [FileReport],
    /// Problems of the run itself (also printed to stderr); SARIF records them.
    pub problems: &'a [Problem],
    /// With `--fix`: the fixes applied (the reports are what remains).
    pub fixed: Option<&'a [FixedItem]>,
}
