//! The rule registry and what a rule sees. Each rule lives in its own file
//! under a family folder, with its markdown docs beside it.

mod context;
pub mod escape;
mod memo;
pub mod nil;
pub mod panic;
pub(crate) mod quick;
pub mod race;
mod registry;

pub use context::{RuleContext, WalkPath};
pub use memo::CheckMemo;
pub use registry::{all_rules, rule_by_code};

use crate::diagnostic::{Family, Severity};
use crate::syntax::Node;
use serde::Serialize;

/// Whether a rule offers fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

/// Everything about a rule except its logic. Codes never change meaning.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    pub summary: &'static str,
    /// Markdown: what it finds, why it crashes, example, fixed example.
    pub docs: &'static str,
    pub fix: FixAvailability,
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// tree-sitter-go node kinds this rule is called for, from the one walk of the tree.
    fn node_kinds(&self) -> &'static [&'static str];

    fn check(&self, node: Node<'_>, cx: &mut RuleContext<'_>);
}
