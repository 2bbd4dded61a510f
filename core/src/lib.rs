//! faultline-core: finds Go crash risks from syntax while the code is typed.
//!
//! Pure: no I/O, no threads, builds for `wasm32-unknown-unknown`. Start at
//! [`Workspace`] (the API every edge uses) or [`analysis::check_file`].

pub mod analysis;
pub mod config;
pub mod custom;
pub mod depth_limit;
pub mod diagnostic;
pub mod fix;
pub mod incremental;
pub mod model;
pub mod rules;
pub mod suppress;
pub mod syntax;
pub mod workspace;

pub use analysis::{check_file, ParseError, SourceFile};
pub use config::{Config, ConfigError, RuleSelection, Settings};
pub use diagnostic::{Applicability, Diagnostic, Family, Fix, Related, Severity, TextEdit, TextRange};
pub use incremental::{check_file_incremental, CheckCache};
pub use model::{BuildTarget, GoEnv, GoVersion, PackageContext, PackageFacts};
pub use rules::{all_rules, rule_by_code, FixAvailability, Rule, RuleMeta};
pub use workspace::Workspace;

/// The crate version, shown by every edge.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
