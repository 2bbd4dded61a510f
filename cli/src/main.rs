//! `faultline`: the command-line edge of faultline-core. See docs/cli.md for
//! the contract (formats and exit codes) that scripts rely on.

mod analyze;
mod args;
mod cache;
mod commands;
mod custom_rules;
mod discover;
mod fixes;
mod output;
mod paths;
mod problems;
mod progress;
mod settings;
mod source;
mod watch;

use args::{Cli, Command};
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

// mimalloc for Rust and for tree-sitter's C code: glibc malloc/free cost about
// 11% of the CPU of a check (issue #12; see faultline-alloc).
#[global_allocator]
static GLOBAL: faultline_alloc::MiMalloc = faultline_alloc::MiMalloc;

fn main() -> ExitCode {
    faultline_alloc::route_tree_sitter_to_mimalloc();
    // Usage errors exit with 2 inside clap, help and --version with 0.
    let cli = Cli::parse();
    let mut stdout = io::stdout().lock();
    let result = match &cli.command {
        Command::Check(args) => {
            drop(stdout);
            commands::check::run(args)
        }
        Command::Rules(args) => commands::rules::run(args, &mut stdout).and_then(|code| stdout.flush().map(|()| code)),
        Command::TestRules(args) => {
            commands::test_rules::run(args, &mut stdout).and_then(|code| stdout.flush().map(|()| code))
        }
        Command::Clean(args) => commands::clean::run(args, &mut stdout).and_then(|code| stdout.flush().map(|()| code)),
        Command::Explain { code } => {
            commands::explain::run(code, &mut stdout).and_then(|code| stdout.flush().map(|()| code))
        }
        // The server owns stdin/stdout from here on; it builds its own runtime.
        Command::Lsp => {
            drop(stdout);
            return faultline_lsp::run_stdio();
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // `faultline check | head`: the reader left; nothing more to say.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("faultline: error: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
