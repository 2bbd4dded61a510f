//! Running custom rules over one file, within a work budget.
//!
//! Each query runs once per file (the main query and every condition query);
//! conditions then relate the nodes they found to each main match by byte
//! ranges, so no query runs per match. Work is counted, not timed (wasm32 has
//! no clock): tree-sitter calls the progress callback about every 1000 units
//! of matching work, and a rule that uses up its share stops early and says so
//! with an `info` diagnostic on the file.

use super::template::short;
use super::{Condition, CustomRule, CustomRules, Relation};
use crate::analysis::SourceFile;
use crate::config::RuleSelection;
use crate::diagnostic::{Applicability, Diagnostic, Family, Fix, Related, Severity, TextEdit, TextRange};
use std::cell::Cell;
use std::ops::ControlFlow;
use tree_sitter::{Node, QueryCursor, QueryCursorOptions, StreamingIterator, Tree};

/// In-progress matches a query cursor may hold at once (tree-sitter's match
/// limit). Its cost per node grows with the square of this (state splitting
/// and pruning are not charged as work): at 512 a pathological query took 20 s
/// for its step budget, at 32 0.3 s. Ordinary queries stay far below it.
pub const MATCH_LIMIT: u32 = 32;
/// Finished matches one query may yield per file.
pub const MAX_MATCHES_PER_RULE: usize = 5_000;
/// Progress callbacks (~1000 units of matching work each) one query run may
/// take: a simple query needs ~60 on a 3 600-line file, ~900 on a 38 000-line
/// one (about 0.3 ms per step in release builds).
pub const RULE_STEP_BUDGET: u32 = 1_000;
/// Progress callbacks all custom rules together may take on one file.
pub const FILE_STEP_BUDGET: u32 = 4_000;
/// Match-to-condition comparisons one rule may make per file.
const MAX_COMPARISONS: usize = 2_000_000;

/// One match: the node it is about and the first node of each capture.
struct Found<'t> {
    node: Node<'t>,
    captures: Vec<(u32, Node<'t>)>,
}

impl<'t> Found<'t> {
    fn capture(&self, index: u32) -> Option<Node<'t>> {
        self.captures.iter().find(|(i, _)| *i == index).map(|(_, n)| *n)
    }
}

/// Why a rule stopped before the end of a file.
enum Stop {
    Budget,
    MatchLimit,
    TooManyMatches,
    Comparisons,
}

impl Stop {
    fn describe(&self) -> String {
        match self {
            Stop::Budget => format!(
                "its query used up the work budget ({RULE_STEP_BUDGET} steps per rule, {FILE_STEP_BUDGET} per file)"
            ),
            Stop::MatchLimit => format!("its query had more than {MATCH_LIMIT} matches in progress at once"),
            Stop::TooManyMatches => format!("its query matched more than {MAX_MATCHES_PER_RULE} times"),
            Stop::Comparisons => "its conditions needed too many comparisons".to_string(),
        }
    }
}

/// Adds the findings of every enabled custom rule that applies to `file`.
pub fn check_file(rules: &CustomRules, file: &SourceFile, selection: &RuleSelection, out: &mut Vec<Diagnostic>) {
    let mut file_budget = FILE_STEP_BUDGET;
    let mut tree = None;
    for rule in rules.iter() {
        if !selection.is_custom_enabled(rule.id) || !rule.applies_to(&file.path) {
            continue;
        }
        // Queries run on tree-sitter's tree, parsed again if it was released.
        if tree.is_none() {
            tree = file.parse_tree();
        }
        let Some(tree) = tree.as_ref() else { return };
        let severity = selection.custom_severity(rule.id).unwrap_or(rule.severity);
        run_rule(rule, file, tree, severity, &mut file_budget, out);
    }
}

/// One rule over one file (also what `test-rules` runs on examples). Returns
/// true when it stopped early (the `info` note saying so is the last one added).
pub(crate) fn run_rule(
    rule: &CustomRule,
    file: &SourceFile,
    tree: &Tree,
    severity: Severity,
    file_budget: &mut u32,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let mut stop = None;
    let mut condition_found = Vec::with_capacity(rule.conditions.len());
    for condition in &rule.conditions {
        let (found, s) = collect(&condition.query, file, tree, file_budget);
        stop = stop.or(s);
        condition_found.push(found);
    }
    let (matches, s) = collect(&rule.query, file, tree, file_budget);
    stop = stop.or(s);

    let root = tree.root_node();
    let mut comparisons = 0usize;
    'matches: for m in &matches {
        let ordered = rule.conditions.iter().any(|c| matches!(c.relation, Relation::Precedes | Relation::Follows));
        let statements = if ordered { enclosing_statements(root, m.node) } else { Vec::new() };
        for (condition, found) in rule.conditions.iter().zip(&condition_found) {
            comparisons += found.len();
            if comparisons > MAX_COMPARISONS {
                stop = stop.or(Some(Stop::Comparisons));
                break 'matches;
            }
            let holds = found.iter().any(|c| related(condition, m, &statements, c, &file.text));
            if holds == condition.negated {
                continue 'matches;
            }
        }
        out.push(diagnostic(rule, severity, m, &file.text));
    }
    let Some(stop) = stop else { return false };
    out.push(Diagnostic {
        code: rule.id,
        name: rule.id,
        family: Family::Custom,
        severity: Severity::Info,
        message: format!(
            "custom rule `{}` stopped early on this file: {}; its findings here may be incomplete",
            rule.id,
            stop.describe()
        ),
        range: TextRange::new(0, 0),
        related: Vec::new(),
        fix: None,
    });
    true
}

/// Runs `query` over the whole file, charging `file_budget`.
fn collect<'t>(
    query: &super::query::CompiledQuery,
    file: &'t SourceFile,
    tree: &'t Tree,
    file_budget: &mut u32,
) -> (Vec<Found<'t>>, Option<Stop>) {
    let allowed = RULE_STEP_BUDGET.min(*file_budget);
    let steps = Cell::new(0u32);
    let mut progress = |_: &tree_sitter::QueryCursorState| {
        steps.set(steps.get() + 1);
        if steps.get() > allowed {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let mut cursor = QueryCursor::new();
    cursor.set_match_limit(MATCH_LIMIT);
    let options = QueryCursorOptions::new().progress_callback(&mut progress);
    let mut out = Vec::new();
    let mut stop = None;
    if allowed == 0 {
        return (out, Some(Stop::Budget));
    }
    {
        let mut matches = cursor.matches_with_options(&query.query, tree.root_node(), file.text.as_bytes(), options);
        while let Some(m) = matches.next() {
            if out.len() >= MAX_MATCHES_PER_RULE {
                stop = Some(Stop::TooManyMatches);
                break;
            }
            let mut captures: Vec<(u32, Node<'t>)> = Vec::with_capacity(m.captures().len());
            for c in m.captures() {
                if !captures.iter().any(|(i, _)| *i == c.index) {
                    captures.push((c.index, c.node));
                }
            }
            let node = match query.anchor {
                Some(anchor) => captures.iter().find(|(i, _)| *i == anchor).map(|(_, n)| *n),
                None => captures
                    .iter()
                    .map(|(_, n)| *n)
                    .max_by_key(|n| (n.byte_range().len(), std::cmp::Reverse(n.start_byte()))),
            };
            if let Some(node) = node {
                out.push(Found { node, captures });
            }
        }
    }
    *file_budget = file_budget.saturating_sub(steps.get().min(allowed));
    if steps.get() > allowed {
        stop = stop.or(Some(Stop::Budget));
    } else if cursor.did_exceed_match_limit() {
        stop = stop.or(Some(Stop::MatchLimit));
    }
    (out, stop)
}

/// The statements holding `node` within its function, innermost last, each
/// with the statement list around it. Found from the root down
/// (`Node::parent` costs O(depth) per call in tree-sitter 0.27).
fn enclosing_statements(root: Node<'_>, node: Node<'_>) -> Vec<(TextRange, TextRange)> {
    let mut current = root;
    let mut found = Vec::new();
    while current.id() != node.id() {
        let Some(child) = current.child_with_descendant(node) else { break };
        match current.kind() {
            "statement_list" => found.push((TextRange::of_ts(current), TextRange::of_ts(child))),
            // Blocks of an enclosing function run at another time: not "before" or "after".
            "func_literal" | "function_declaration" | "method_declaration" => found.clear(),
            _ => {}
        }
        current = child;
    }
    found
}

fn related(
    condition: &Condition,
    m: &Found<'_>,
    statements: &[(TextRange, TextRange)],
    c: &Found<'_>,
    text: &str,
) -> bool {
    let target = TextRange::of_ts(m.node);
    let other = TextRange::of_ts(c.node);
    let placed = match condition.relation {
        Relation::Inside => c.node.id() != m.node.id() && other.contains_range(target),
        Relation::Has => c.node.id() != m.node.id() && target.contains_range(other),
        Relation::Precedes => statements.iter().any(|(list, stmt)| other.start >= stmt.end && other.end <= list.end),
        Relation::Follows => statements.iter().any(|(list, stmt)| other.end <= stmt.start && other.start >= list.start),
    };
    placed
        && condition.shared.iter().all(|(ci, mi)| match (c.capture(*ci), m.capture(*mi)) {
            (Some(a), Some(b)) => text.get(a.byte_range()) == text.get(b.byte_range()),
            _ => false,
        })
}

fn diagnostic(rule: &CustomRule, severity: Severity, m: &Found<'_>, text: &str) -> Diagnostic {
    let capture_text = |i: u32| m.capture(i).and_then(|n| text.get(n.byte_range()));
    let short_texts: Vec<(u32, String)> =
        m.captures.iter().map(|(i, n)| (*i, short(text.get(n.byte_range()).unwrap_or("")))).collect();
    let message = rule.message.render(|i| short_texts.iter().find(|(j, _)| *j == i).map(|(_, s)| s.as_str()));
    let range = TextRange::of_ts(m.node);
    let related = rule.note.iter().map(|note| Related { range, message: note.clone() }).collect();
    let fix = rule.fix.as_ref().and_then(|f| {
        let node = match f.capture {
            Some(i) => m.capture(i)?,
            None => m.node,
        };
        let new_text = f.template.render(capture_text);
        Some(Fix {
            title: f.title.clone(),
            edits: vec![TextEdit { range: TextRange::of_ts(node), new_text }],
            applicability: if f.safe { Applicability::Safe } else { Applicability::Unsafe },
        })
    });
    Diagnostic { code: rule.id, name: rule.id, family: Family::Custom, severity, message, range, related, fix }
}
