//! The four output formats of `faultline check`. Each takes the finished run
//! (reports sorted by path, diagnostics sorted by position) and writes it.

pub mod github;
pub mod json;
pub mod positions;
pub mod sarif;
pub mod text;

use crate::analyze::FileReport;
use crate::problems::Problem;

/// Everything a format may print.
pub struct RunResult<'a> {
    pub files_checked: usize,
    pub reports: &'a [FileReport],
    /// Problems of the run itself (also printed to stderr); SARIF records them.
    pub problems: &'a [Problem],
}
