//! End-to-end tests of the `faultline` binary on temporary trees. Findings
//! come from PANIC001 (stable); other rules are only checked for shape.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod budget;
mod cache;
mod commands;
mod config;
mod custom_rules;
mod daily;
mod exit_codes;
mod fix;
mod formats;
mod sarif;
mod stdin;
mod support;
mod walk;
mod watch;
