//! faultline's language server: diagnostics while typing, quick fixes, hover
//! and configuration reload over the Language Server Protocol (stdio).
//!
//! `faultline lsp` calls [`run_stdio`]; tests drive [`serve`] over in-memory
//! pipes. Where to start reading: `server.rs` (protocol), `session.rs` (state
//! and analysis), `position.rs` (the only place positions are converted).

mod code_actions;
mod custom_rules;
mod diagnostics;
mod disk;
mod hover;
mod inlay_hints;
mod position;
pub mod rule_docs;
mod server;
mod session;
mod settings;
mod workspace_check;

pub use server::Backend;
pub use settings::DEFAULT_DEBOUNCE;

/// The document state without the protocol, for the fuzzers (`fuzz/`) and the
/// property tests: not a stable API.
#[doc(hidden)]
pub mod testing {
    pub use crate::position::{floor_char_boundary, minimal_edit, offset_in, Encoding};
    pub use crate::session::Session;
    pub use tower_lsp_server::ls_types::{Position, Range};
}

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves one client over `input`/`output` until `exit` or end of input.
/// Returns whether `shutdown` was received first (a clean exit).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) = LspService::build(move |client| Backend::new(client, flag))
        .custom_method("window/workDoneProgress/cancel", Backend::work_done_progress_cancel)
        .finish();
    Server::new(input, output, socket).serve(service).await;
    shutdown.load(Ordering::SeqCst)
}

/// Runs the server on stdin/stdout. Exit code 0 after `shutdown` + `exit`,
/// 1 when the client went away without `shutdown` (as the protocol asks).
pub fn run_stdio() -> ExitCode {
    // Session work runs on blocking threads behind one lock, so more than a few
    // only wait; an unbounded pool (tokio's default is 512) grows a thread, and
    // its allocator arena, for every queued edit in a burst of typing.
    let runtime = match tokio::runtime::Builder::new_multi_thread().max_blocking_threads(8).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("faultline lsp: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The stdin reader may be parked in a blocking read when the client keeps
    // stdin open after `exit`: do not wait for it.
    runtime.shutdown_background();
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
