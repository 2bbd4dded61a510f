//! The optional background check of every `.go` file in the workspace
//! (`checkWorkspace`): reports `$/progress`, can be cancelled from the
//! client, and takes the session lock one small batch at a time so typing is
//! never blocked for long.

use crate::diagnostics::to_lsp;
use crate::disk;
use crate::server::{lock, Backend, RunningCheck};
use crate::session::file_uri;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, NumberOrString, Uri};

/// Files checked per lock: small enough that an edit waits at most a few ms.
const BATCH: usize = 8;

pub fn start(backend: Backend) {
    let id = backend.0.check_counter.fetch_add(1, Ordering::SeqCst);
    let token = NumberOrString::String(format!("faultline/workspaceCheck/{id}"));
    let cancel = Arc::new(AtomicBool::new(false));
    if let Some(previous) =
        lock(&backend.0.running_check).replace(RunningCheck { token: token.clone(), cancel: cancel.clone() })
    {
        previous.cancel.store(true, Ordering::SeqCst);
    }
    tokio::spawn(async move { run(backend, token, cancel).await });
}

/// Cancels a running check and clears what it published.
pub async fn stop(backend: &Backend) {
    if let Some(check) = lock(&backend.0.running_check).take() {
        check.cancel.store(true, Ordering::SeqCst);
    }
    let paths: Vec<String> = lock(&backend.0.disk_published).drain().collect();
    let _order = backend.0.publish_lock.lock().await;
    for path in paths {
        if let Some(uri) = file_uri(&path) {
            backend.0.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }
}

/// Checks files that are not open in the editor and publishes (or clears) their diagnostics.
pub async fn publish_disk(backend: &Backend, paths: Vec<String>) {
    let results = backend.with_session(move |s| check_disk_files(s, &paths)).await.unwrap_or_default();
    backend.flush_notices().await;
    publish(backend, results, true).await;
}

type Published = Vec<(String, Uri, Vec<Diagnostic>)>;

fn check_disk_files(s: &mut crate::session::Session, paths: &[String]) -> Published {
    let mut out = Vec::new();
    for path in paths {
        if s.open.contains_key(path) {
            continue;
        }
        let Some(uri) = file_uri(path) else { continue };
        match disk::read_text(path, disk::MAX_SIBLING_BYTES) {
            Some(text) => {
                if s.ws.file(path).is_none_or(|f| f.text != text) {
                    let _ = s.ws.set_file(path, text);
                    s.bump();
                }
            }
            None => {
                s.ws.remove_file(path);
                out.push((path.clone(), uri, Vec::new()));
                continue;
            }
        }
        s.ensure_context(path);
        let Some(diags) = s.diagnostics(path) else { continue };
        let Some(file) = s.ws.file(path) else { continue };
        let lsp = diags.iter().map(|d| to_lsp(file, &uri, d, s.encoding, None)).collect();
        out.push((path.clone(), uri, lsp));
    }
    out
}

/// Publishes unversioned results for files still not open; empty results only
/// when `clear` or when the file had findings before.
async fn publish(backend: &Backend, results: Published, clear: bool) {
    let _order = backend.0.publish_lock.lock().await;
    for (path, uri, diags) in results {
        if lock(&backend.0.session).open.contains_key(&path) {
            continue;
        }
        let had = match diags.is_empty() {
            true => lock(&backend.0.disk_published).remove(&path),
            false => !lock(&backend.0.disk_published).insert(path.clone()),
        };
        if !diags.is_empty() || had || clear {
            backend.0.client.publish_diagnostics(uri, diags, None).await;
        }
    }
}

async fn run(backend: Backend, token: NumberOrString, cancel: Arc<AtomicBool>) {
    let roots = lock(&backend.0.roots).clone();
    let files = tokio::task::spawn_blocking(move || {
        let mut files = Vec::new();
        for root in roots {
            files.extend(disk::walk_go_files(&root, disk::MAX_WORKSPACE_FILES.saturating_sub(files.len())));
        }
        files
    })
    .await
    .unwrap_or_default();
    let client = backend.0.client.clone();
    let progress =
        match backend.facts().work_done_progress && client.create_work_done_progress(token.clone()).await.is_ok() {
            true => Some(
                client
                    .progress(token, "faultline")
                    .with_message(format!("checking {} files", files.len()))
                    .with_percentage(0)
                    .with_cancel_button()
                    .begin()
                    .await,
            ),
            false => None,
        };
    let total = files.len().max(1);
    let mut done = 0;
    let mut findings = 0;
    for batch in files.chunks(BATCH) {
        if cancel.load(Ordering::SeqCst) {
            break;
        }
        let batch = batch.to_vec();
        let results = backend.with_session(move |s| check_disk_files(s, &batch)).await.unwrap_or_default();
        done += results.len();
        findings += results.iter().map(|(_, _, d)| d.len()).sum::<usize>();
        publish(&backend, results, false).await;
        if let Some(p) = &progress {
            let pct = (done * 100 / total) as u32;
            p.report_with_message(format!("{done}/{} files", files.len()), pct, Some(true)).await;
        }
    }
    backend.flush_notices().await;
    let cancelled = cancel.load(Ordering::SeqCst);
    let summary = match cancelled {
        true => format!("workspace check cancelled after {done} files"),
        false => format!("checked {done} files: {findings} findings"),
    };
    if let Some(p) = progress {
        p.finish_with_message(summary.clone()).await;
    }
    backend.log(MessageType::INFO, format!("faultline: {summary}")).await;
}
