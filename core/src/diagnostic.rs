//! The diagnostic model every edge converts from. Ranges are byte offsets into
//! the analysed source; line/column conversion happens at the edges.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start: start.min(end), end: end.max(start) }
    }

    pub fn of(node: crate::syntax::Node<'_>) -> Self {
        Self::new(node.start_byte(), node.end_byte())
    }

    /// [`Self::of`] for a node of tree-sitter's own tree (custom queries run on it).
    pub fn of_ts(node: tree_sitter::Node<'_>) -> Self {
        Self::new(node.start_byte(), node.end_byte())
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// The range `delta` bytes further on (back for a negative `delta`).
    pub fn moved(self, delta: isize) -> Self {
        Self { start: self.start.saturating_add_signed(delta), end: self.end.saturating_add_signed(delta) }
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn contains_range(&self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn intersects(&self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// How sure a finding is and how bad it is when it is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational performance facts (escape hints default here).
    Hint,
    /// Worth knowing; possibly intended.
    Info,
    /// A likely bug.
    Warning,
    /// Crashes when reached.
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The four rule families; the code prefix names the family. `Custom` holds
/// every user-defined rule (`crate::custom`): its code is the rule's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Family {
    #[serde(rename = "nil-contract")]
    NilContract,
    #[serde(rename = "escape-hint")]
    EscapeHint,
    #[serde(rename = "race-risk")]
    RaceRisk,
    #[serde(rename = "panic-path")]
    PanicPath,
    #[serde(rename = "custom")]
    Custom,
}

impl Family {
    /// The built-in families (not `Custom`, which has no code prefix).
    pub const ALL: [Family; 4] = [Family::NilContract, Family::EscapeHint, Family::RaceRisk, Family::PanicPath];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::NilContract => "nil-contract",
            Family::EscapeHint => "escape-hint",
            Family::RaceRisk => "race-risk",
            Family::PanicPath => "panic-path",
            Family::Custom => "custom",
        }
    }

    /// The code prefix shared by every rule of the family (`NIL`, `ESC`, ...).
    pub fn code_prefix(self) -> &'static str {
        match self {
            Family::NilContract => "NIL",
            Family::EscapeHint => "ESC",
            Family::RaceRisk => "RACE",
            Family::PanicPath => "PANIC",
            // Custom codes are the rules' own ids: there is no shared prefix.
            Family::Custom => "",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location that explains the primary one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

/// Replace `range` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// Whether applying a fix can change what the program does beyond removing the bug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the program's meaning apart from the crash it removes.
    Safe,
    /// Changes behaviour in a way the user should review.
    Unsafe,
}

/// A titled set of non-overlapping edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    pub applicability: Applicability,
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn add_related(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.related.push(Related { range, message: message.into() });
        self
    }

    pub fn set_fix(
        &mut self,
        title: impl Into<String>,
        edits: Vec<TextEdit>,
        applicability: Applicability,
    ) -> &mut Self {
        self.fix = Some(Fix { title: title.into(), edits, applicability });
        self
    }
}
