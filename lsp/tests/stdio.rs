//! The real server binary over stdio: diagnostics arrive, and `exit` ends the
//! process with the right code whether or not the client closes stdin.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may unwrap

mod common;

use common::{codes, TestClient, RECOVER_IN_GOROUTINE};
use serde_json::{json, Value};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

fn spawn() -> (Child, TestClient) {
    // FAULTLINE_LSP_CMD="path/to/faultline lsp" tests another command (the CLI's).
    let command =
        std::env::var("FAULTLINE_LSP_CMD").unwrap_or_else(|_| env!("CARGO_BIN_EXE_faultline-lsp").to_string());
    let mut argv = command.split_whitespace();
    let mut child = Command::new(argv.next().unwrap())
        .args(argv)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    (child, TestClient::over(stdout, stdin))
}

async fn exit_code(child: &mut Child) -> i32 {
    let status =
        tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("server did not exit").unwrap();
    status.code().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_over_stdio_then_clean_exit_with_stdin_still_open() {
    let (mut child, mut c) = spawn();
    let init = c.initialize(json!({}), json!({"debounceMs": 0}), None).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    c.open("untitled:a.go", 1, RECOVER_IN_GOROUTINE).await;
    assert_eq!(codes(&c.diagnostics_for("untitled:a.go").await), vec!["PANIC001"]);
    c.shutdown_and_exit().await;
    // `c` (and with it the server's stdin) is still alive here.
    assert_eq!(exit_code(&mut child).await, 0);
    drop(c);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_an_error_exit() {
    let (mut child, mut c) = spawn();
    c.initialize(json!({}), json!({}), None).await;
    c.notify("exit", Value::Null).await;
    assert_eq!(exit_code(&mut child).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_stdin_ends_the_server() {
    let (mut child, c) = spawn();
    c.close_input().await;
    assert_eq!(exit_code(&mut child).await, 1);
}
