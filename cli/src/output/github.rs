//! `--format github`: GitHub Actions workflow commands, one line per finding,
//! which GitHub turns into annotations on the changed lines:
//! `::warning file=a.go,line=3,col=5,endLine=3,endColumn=9,title=NIL001 deref-after-nil-check::message`.
//! Columns are 1-based bytes like every other CLI format; `endColumn` is exclusive.

use super::positions::Located;
use super::RunResult;
use faultline_core::Severity;
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, run: &RunResult<'_>) -> io::Result<()> {
    for report in run.reports {
        let at = Located::of(&report.source);
        for d in &report.diagnostics {
            let start = at.position(d.range.start);
            let end = at.position(d.range.end);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.shown),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", d.code, d.name)),
                escape_data(&d.message),
            )?;
        }
    }
    Ok(())
}

/// As `escapeData` in GitHub's actions/toolkit.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// As `escapeProperty` in GitHub's actions/toolkit.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("C:\\x,y%"), "C%3A\\x%2Cy%25");
    }
}
