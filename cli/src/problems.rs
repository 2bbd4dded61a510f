//! Messages about the run itself (unreadable files, bad config, skipped files),
//! as opposed to findings. Collected from every worker thread and printed to
//! stderr in a stable order once the run is over; any error makes the exit code 2.

use std::fmt;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemLevel {
    /// The run is incomplete or the input is wrong: exit code 2.
    Error,
    /// Something was checked in a degraded way (e.g. invalid UTF-8 bytes).
    Warning,
    /// Something was skipped on purpose (e.g. a file over the size cap).
    Note,
}

impl ProblemLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemLevel::Error => "error",
            ProblemLevel::Warning => "warning",
            ProblemLevel::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub level: ProblemLevel,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "faultline: {}: {}", self.level.as_str(), self.message)
    }
}

#[derive(Default)]
pub struct Problems {
    list: Mutex<Vec<Problem>>,
}

impl Problems {
    pub fn error(&self, message: impl Into<String>) {
        self.push(ProblemLevel::Error, message.into());
    }

    pub fn warning(&self, message: impl Into<String>) {
        self.push(ProblemLevel::Warning, message.into());
    }

    pub fn note(&self, message: impl Into<String>) {
        self.push(ProblemLevel::Note, message.into());
    }

    fn push(&self, level: ProblemLevel, message: String) {
        // A poisoned lock only means another worker panicked mid-push; the list is still usable.
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        list.push(Problem { level, message });
    }

    /// Every problem, sorted by message (file paths lead most messages) and deduplicated.
    pub fn into_sorted(self) -> Vec<Problem> {
        let mut list = self.list.into_inner().unwrap_or_else(|e| e.into_inner());
        list.sort_by(|a, b| (&a.message, a.level).cmp(&(&b.message, b.level)));
        list.dedup();
        list
    }
}
