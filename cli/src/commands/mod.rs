//! One file per subcommand. Each returns the process exit code.

pub mod check;
pub mod clean;
pub mod explain;
pub mod rules;
pub mod test_rules;
