//! The Go language version that applies to a file: its `//go:build go1.N`
//! floor, else the nearest `go.mod`/`go.work` `go` line, else a default.

use super::build_constraint::{go_build_expr, header_lines, parse_go_build, Constraint};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoVersion {
    pub major: u32,
    pub minor: u32,
}

impl GoVersion {
    /// Loop variables are per-iteration from this version on.
    pub const LOOPVAR: GoVersion = GoVersion { major: 1, minor: 22 };
    /// Assumed when nothing says otherwise: the newest release whose
    /// semantics faultline knows.
    pub const DEFAULT: GoVersion = GoVersion { major: 1, minor: 22 };

    pub const fn new(major: u32, minor: u32) -> Self {
        Self { major, minor }
    }

    /// Accepts `1.21`, `1.21.3`, `go1.22`, `go1.22rc1`, `1.23.0`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.strip_prefix("go").unwrap_or(text);
        let mut parts = text.splitn(3, '.');
        let major: u32 = parts.next()?.parse().ok()?;
        let minor_text = parts.next()?;
        let digits: String = minor_text.chars().take_while(|c| c.is_ascii_digit()).collect();
        let minor = digits.parse().ok()?;
        Some(Self { major, minor })
    }

    /// The `go` directive of a `go.mod` or `go.work` file.
    pub fn from_go_directive(file_text: &str) -> Option<Self> {
        file_text.lines().find_map(|line| {
            let line = line.split("//").next().unwrap_or("").trim();
            let rest = line.strip_prefix("go")?;
            if !rest.starts_with(char::is_whitespace) {
                return None;
            }
            Self::parse(rest)
        })
    }

    /// The minimum Go version a file's `//go:build` constraint requires, if it
    /// requires one (`go1.21 && linux` -> 1.21; `go1.21 || go1.20` -> 1.20;
    /// `!go1.22` -> none). Only the header before `package` counts, as for the go command.
    pub fn from_build_constraint(source: &str) -> Option<Self> {
        let expr = header_lines(source).find_map(go_build_expr)?;
        floor(&parse_go_build(expr)?)
    }
}

/// The minimum version an expression requires: `&&` takes the higher of its
/// sides', `||` the lower (and none when one side requires none), `!` none.
fn floor(constraint: &Constraint) -> Option<GoVersion> {
    match constraint {
        Constraint::Tag(tag) if tag.starts_with("go1.") => GoVersion::parse(tag),
        Constraint::Tag(_) | Constraint::Not(_) => None,
        Constraint::And(a, b) => floor(a).max(floor(b)),
        Constraint::Or(a, b) => Some(floor(a)?.min(floor(b)?)),
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        assert_eq!(GoVersion::parse("1.21"), Some(GoVersion::new(1, 21)));
        assert_eq!(GoVersion::parse("go1.22rc1"), Some(GoVersion::new(1, 22)));
        assert_eq!(GoVersion::parse("1.23.4"), Some(GoVersion::new(1, 23)));
        assert_eq!(GoVersion::parse("x"), None);
    }

    #[test]
    fn reads_go_directive() {
        let gomod = "module example.com/m\n\ngo 1.21 // comment\n\ntoolchain go1.22.1\n";
        assert_eq!(GoVersion::from_go_directive(gomod), Some(GoVersion::new(1, 21)));
        assert_eq!(GoVersion::from_go_directive("module m\n"), None);
        assert_eq!(GoVersion::from_go_directive("gofoo 1.2\n"), None);
    }

    #[test]
    fn build_constraint_floors() {
        let floor = |s: &str| GoVersion::from_build_constraint(s);
        assert_eq!(floor("//go:build go1.21\n\npackage p"), Some(GoVersion::new(1, 21)));
        assert_eq!(floor("// Copyright\n\n//go:build linux && go1.22\npackage p"), Some(GoVersion::new(1, 22)));
        assert_eq!(floor("//go:build go1.21 || go1.20\npackage p"), Some(GoVersion::new(1, 20)));
        assert_eq!(floor("//go:build go1.21 || linux\npackage p"), None);
        assert_eq!(floor("//go:build !go1.22\npackage p"), None);
        assert_eq!(floor("//go:build (go1.18 && amd64) && go1.21\npackage p"), Some(GoVersion::new(1, 21)));
        assert_eq!(floor("package p\n//go:build go1.21\n"), None);
        assert_eq!(floor(&format!("//go:build {}go1.21\npackage p", "(".repeat(5000))), None);
    }
}
