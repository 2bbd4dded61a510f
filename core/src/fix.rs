//! Applying fixes to a text: choosing a set of fixes whose edits cannot
//! interfere, and splicing their edits in. Shared by every edge (`--fix` in
//! the CLI, `source.fixAll` in the LSP, the wasm API), so that all of them
//! apply the same fixes the same way.
//!
//! Two fixes conflict when any of their edits overlap or touch (share an
//! end point, which includes two insertions at the same offset): applied
//! together, the result would depend on their order, or glue tokens together
//! that neither fix meant to join. A conflicting fix is left for a later pass:
//! re-check the fixed text, which reports it again with offsets into the new
//! text, and plan again. Repeating until a pass changes nothing reaches a
//! fixed point, so applying fixes twice changes nothing the second time.

use crate::diagnostic::{Applicability, Diagnostic, Fix, TextEdit, TextRange};
use std::collections::BTreeMap;
use std::fmt;

/// Which fixes a caller wants applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixSafety {
    /// Only fixes marked [`Applicability::Safe`].
    SafeOnly,
    /// Safe fixes and those marked [`Applicability::Unsafe`].
    IncludeUnsafe,
}

impl FixSafety {
    pub fn allows(self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self == FixSafety::IncludeUnsafe,
        }
    }
}

/// Why a set of edits cannot be applied to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// An edit reaches past the end of the text.
    OutOfBounds(TextRange),
    /// An edit starts or ends inside a UTF-8 character.
    NotCharBoundary(TextRange),
    /// Two edits overlap, so their order would decide the result.
    Overlapping(TextRange, TextRange),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::OutOfBounds(r) => write!(f, "edit {}..{} is outside the text", r.start, r.end),
            EditError::NotCharBoundary(r) => write!(f, "edit {}..{} splits a character", r.start, r.end),
            EditError::Overlapping(a, b) => {
                write!(f, "edits {}..{} and {}..{} overlap", a.start, a.end, b.start, b.end)
            }
        }
    }
}

impl std::error::Error for EditError {}

/// The fixes chosen for one text, and why the others were not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixPlan {
    /// Indices into the diagnostics given, of the fixes chosen, in text order.
    pub applied: Vec<usize>,
    /// Wanted fixes left out because they conflict with a chosen one; a later
    /// pass (after re-checking the fixed text) may apply them.
    pub conflicting: Vec<usize>,
    /// Fixes that cannot be applied to this text at all (edits outside it,
    /// inside a character, overlapping each other, or no edits).
    pub invalid: Vec<usize>,
    /// The chosen fixes' edits: sorted, never overlapping, with line breaks
    /// written the way the text writes them (CRLF files stay CRLF).
    pub edits: Vec<TextEdit>,
}

impl FixPlan {
    pub fn is_empty(&self) -> bool {
        self.applied.is_empty()
    }

    /// The text with the plan's edits applied.
    pub fn apply(&self, text: &str) -> String {
        // The plan's edits were validated against this text when it was made.
        apply_edits(text, &self.edits).unwrap_or_else(|_| text.to_string())
    }
}

/// Chooses the fixes of `diagnostics` to apply to `text` (the text they were
/// computed from): every fix `safety` allows whose edits are valid and do not
/// conflict with a fix chosen before it. Fixes are considered in text order
/// (then in the order given), so the choice is deterministic.
pub fn plan_fixes(text: &str, diagnostics: &[Diagnostic], safety: FixSafety) -> FixPlan {
    let mut plan = FixPlan::default();
    let mut candidates: Vec<(usize, usize, &Fix)> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(fix) = d.fix.as_ref().filter(|f| safety.allows(f.applicability)) else { continue };
        if fix.edits.is_empty() || validate_edits(text, &fix.edits).is_err() {
            plan.invalid.push(i);
            continue;
        }
        let first = fix.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
        candidates.push((first, i, fix));
    }
    candidates.sort_by_key(|&(first, i, _)| (first, i));

    // Chosen ranges by start. They never overlap (ranges of different fixes
    // do not even touch), so only the one starting last at or before a
    // candidate's end can conflict with it.
    let mut chosen: BTreeMap<usize, usize> = BTreeMap::new();
    let conflicts = |chosen: &BTreeMap<usize, usize>, r: TextRange| {
        chosen.range(..=r.end).next_back().is_some_and(|(_, &end)| end >= r.start)
    };
    for (_, i, fix) in candidates {
        if fix.edits.iter().any(|e| conflicts(&chosen, e.range)) {
            plan.conflicting.push(i);
            continue;
        }
        // A fix's own edits may touch (an insertion at a replacement's start):
        // keep the widest range per start so none is lost.
        for e in &fix.edits {
            let end = chosen.entry(e.range.start).or_insert(e.range.end);
            *end = (*end).max(e.range.end);
        }
        plan.applied.push(i);
    }
    plan.applied.sort_unstable();
    plan.conflicting.sort_unstable();

    let crlf = uses_crlf(text);
    let mut edits: Vec<TextEdit> = plan
        .applied
        .iter()
        .filter_map(|&i| diagnostics.get(i).and_then(|d| d.fix.as_ref()))
        .flat_map(|f| f.edits.iter())
        .map(|e| TextEdit { range: e.range, new_text: match_line_endings(&e.new_text, crlf) })
        .collect();
    // Stable: insertions at one offset keep the order their fix gave them.
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    plan.edits = edits;
    plan
}

/// Plans and applies in one step: the fixed text and the plan.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], safety: FixSafety) -> (String, FixPlan) {
    let plan = plan_fixes(text, diagnostics, safety);
    (plan.apply(text), plan)
}

/// Applies `edits` (in any order) to `text`. They must lie within it, on
/// character boundaries, and not overlap; insertions at the same offset are
/// applied in the order given.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Result<String, EditError> {
    validate_edits(text, edits)?;
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let grown: usize = sorted.iter().map(|e| e.new_text.len()).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut at = 0;
    for e in sorted {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// Checks that `edits` can be applied to `text` (see [`apply_edits`]).
pub fn validate_edits(text: &str, edits: &[TextEdit]) -> Result<(), EditError> {
    for e in edits {
        let r = e.range;
        if r.start > r.end || r.end > text.len() {
            return Err(EditError::OutOfBounds(r));
        }
        if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            return Err(EditError::NotCharBoundary(r));
        }
    }
    let mut ranges: Vec<TextRange> = edits.iter().map(|e| e.range).collect();
    ranges.sort();
    for w in ranges.windows(2) {
        // An insertion exactly at a replacement's start is fine (it goes first);
        // one strictly inside a replaced range is not.
        if w[0].intersects(w[1]) || (w[0].is_empty() && w[1].contains(w[0].start) && w[1].start != w[0].start) {
            return Err(EditError::Overlapping(w[0], w[1]));
        }
    }
    Ok(())
}

/// Whether the text breaks lines with CRLF (judged by its first line break).
pub fn uses_crlf(text: &str) -> bool {
    text.find('\n').is_some_and(|i| i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r'))
}

/// `new_text` with each bare `\n` written as `\r\n` when `crlf` is set.
pub fn match_line_endings(new_text: &str, crlf: bool) -> String {
    if !crlf || !new_text.contains('\n') {
        return new_text.to_string();
    }
    let mut out = String::with_capacity(new_text.len() + 8);
    let mut previous = '\0';
    for c in new_text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::diagnostic::{Family, Severity};

    fn edit(start: usize, end: usize, new_text: &str) -> TextEdit {
        TextEdit { range: TextRange::new(start, end), new_text: new_text.to_string() }
    }

    fn diag(edits: Vec<TextEdit>, applicability: Applicability) -> Diagnostic {
        Diagnostic {
            code: "TEST001",
            name: "test",
            family: Family::PanicPath,
            severity: Severity::Warning,
            message: String::new(),
            range: TextRange::default(),
            related: Vec::new(),
            fix: Some(Fix { title: "t".into(), edits, applicability }),
        }
    }

    #[test]
    fn applies_edits_in_any_order() {
        let text = "abcdef";
        let out = apply_edits(text, &[edit(4, 5, "E"), edit(0, 1, "AA"), edit(2, 2, "-")]).unwrap();
        assert_eq!(out, "AAb-cdEf");
        assert_eq!(apply_edits(text, &[]).unwrap(), text);
        // An insertion at a replacement's start goes before it.
        assert_eq!(apply_edits(text, &[edit(1, 3, "X"), edit(1, 1, "<")]).unwrap(), "a<Xdef");
    }

    #[test]
    fn rejects_bad_edits() {
        let text = "a日b";
        assert_eq!(apply_edits(text, &[edit(0, 9, "")]), Err(EditError::OutOfBounds(TextRange::new(0, 9))));
        assert_eq!(apply_edits(text, &[edit(2, 3, "")]), Err(EditError::NotCharBoundary(TextRange::new(2, 3))));
        assert!(matches!(apply_edits("abcdef", &[edit(0, 3, ""), edit(2, 4, "")]), Err(EditError::Overlapping(..))));
        assert!(matches!(apply_edits("abcdef", &[edit(0, 3, ""), edit(2, 2, "x")]), Err(EditError::Overlapping(..))));
        // Touching replacements are fine within one set of edits.
        assert_eq!(apply_edits("abcdef", &[edit(0, 3, "1"), edit(3, 6, "2")]).unwrap(), "12");
    }

    #[test]
    fn overlapping_and_touching_fixes_are_never_applied_together() {
        let text = "0123456789";
        let diags = vec![
            diag(vec![edit(2, 5, "x")], Applicability::Safe),
            diag(vec![edit(4, 6, "y")], Applicability::Safe), // overlaps the first
            diag(vec![edit(5, 5, "z")], Applicability::Safe), // touches the first's end
            diag(vec![edit(8, 9, "w")], Applicability::Safe),
            diag(vec![edit(0, 0, "a"), edit(7, 7, "b")], Applicability::Safe),
            diag(vec![edit(0, 0, "c")], Applicability::Safe), // same insertion point as the one before
        ];
        let plan = plan_fixes(text, &diags, FixSafety::SafeOnly);
        assert_eq!(plan.applied, vec![0, 3, 4]);
        assert_eq!(plan.conflicting, vec![1, 2, 5]);
        assert!(plan.invalid.is_empty());
        assert_eq!(plan.apply(text), "a01x56b7w9");
        for w in plan.edits.windows(2) {
            assert!(w[0].range.end <= w[1].range.start);
        }
    }

    #[test]
    fn unsafe_fixes_only_when_asked() {
        let text = "abc";
        let diags =
            vec![diag(vec![edit(0, 1, "A")], Applicability::Unsafe), diag(vec![edit(2, 3, "C")], Applicability::Safe)];
        assert_eq!(apply_fixes(text, &diags, FixSafety::SafeOnly).0, "abC");
        assert_eq!(apply_fixes(text, &diags, FixSafety::IncludeUnsafe).0, "AbC");
    }

    #[test]
    fn invalid_fixes_are_skipped_not_applied() {
        let text = "abc";
        let mut none = diag(vec![], Applicability::Safe);
        none.fix = None;
        let diags = vec![
            diag(vec![edit(1, 10, "")], Applicability::Safe),
            diag(vec![], Applicability::Safe),
            none,
            diag(vec![edit(0, 2, "x"), edit(1, 3, "y")], Applicability::Safe),
            diag(vec![edit(0, 1, "A")], Applicability::Safe),
        ];
        let (out, plan) = apply_fixes(text, &diags, FixSafety::SafeOnly);
        assert_eq!(out, "Abc");
        assert_eq!(plan.invalid, vec![0, 1, 3]);
        assert_eq!(plan.applied, vec![4]);
    }

    #[test]
    fn crlf_texts_get_crlf_line_breaks() {
        let text = "a\r\nb\r\n";
        assert!(uses_crlf(text));
        assert!(!uses_crlf("a\nb\r\n"));
        assert!(!uses_crlf("\nb"));
        let diags = vec![diag(vec![edit(3, 3, "x\ny\r\n")], Applicability::Safe)];
        assert_eq!(apply_fixes(text, &diags, FixSafety::SafeOnly).0, "a\r\nx\r\ny\r\nb\r\n");
        let diags = vec![diag(vec![edit(2, 2, "x\n")], Applicability::Safe)];
        assert_eq!(apply_fixes("a\nb\n", &diags, FixSafety::SafeOnly).0, "a\nx\nb\n");
    }

    #[test]
    fn an_empty_plan_changes_nothing() {
        let plan = plan_fixes("abc", &[], FixSafety::IncludeUnsafe);
        assert!(plan.is_empty());
        assert_eq!(plan.apply("abc"), "abc");
    }
}
