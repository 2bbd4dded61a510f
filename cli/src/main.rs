//! `faultline`: the command-line edge of faultline-core. See docs/cli.md for
//! the contract (formats and exit codes) that scripts rely on.

mod analyze;
mod args;
mod commands;
mod discover;
mod output;
mod paths;
mod problems;
mod settings;
mod source;

use args::{Cli, Command};
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Usage errors exit with 2 inside clap, help and --version with 0.
    let cli = Cli::parse();
    let mut stdout = io::stdout().lock();
    let result = match &cli.command {
        Command::Check(args) => {
            drop(stdout);
            commands::check::run(args)
        }
        Command::Rules(args) => commands::rules::run(args, &mut stdout).and_then(|code| stdout.flush().map(|()| code)),
        Command::Explain { code } => {
            commands::explain::run(code, &mut stdout).and_then(|code| stdout.flush().map(|()| code))
        }
        // LSP: the lead wires `faultline_lsp::run_stdio()` here (add faultline-lsp to cli/Cargo.toml).
        Command::Lsp => {
            eprintln!("faultline: error: `faultline lsp` is not wired yet; run the `faultline-lsp` binary");
            Ok(2)
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
