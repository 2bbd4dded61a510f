//! The `LanguageServer` implementation: protocol plumbing only. Analysis goes
//! through [`Session`]; anything that may take more than a moment (reading
//! sibling files, checking) runs on tokio's blocking pool so the message loop
//! keeps reading, and results are published only if still current.

use crate::code_actions::{self, FIX_ALL_KIND};
use crate::diagnostics::{config_diagnostic, to_lsp};
use crate::hover;
use crate::inlay_hints;
use crate::position::Encoding;
use crate::session::{doc_key, file_uri, is_go_document, Notice, Session};
use crate::settings::{ClientSettings, DiagnosticMode};
use crate::workspace_check;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the client said it can do, fixed at `initialize`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct ClientFacts {
    /// Diagnostics are pulled (`textDocument/diagnostic`) rather than pushed.
    pub pull: bool,
    pub watch_dynamic: bool,
    pub work_done_progress: bool,
    pub configuration: bool,
    pub diagnostic_refresh: bool,
    pub inlay_hint_refresh: bool,
}

/// A running workspace check: its progress token and cancel flag.
pub(crate) struct RunningCheck {
    pub token: NumberOrString,
    pub cancel: Arc<AtomicBool>,
}

pub(crate) struct Inner {
    pub client: Client,
    pub session: Arc<Mutex<Session>>,
    /// Held from the "is this still current?" test to the end of the send, so
    /// an older result can never overtake a newer one on the wire.
    pub publish_lock: tokio::sync::Mutex<()>,
    shutdown: Arc<AtomicBool>,
    pub facts: Mutex<ClientFacts>,
    pub roots: Mutex<Vec<String>>,
    pub running_check: Mutex<Option<RunningCheck>>,
    pub check_counter: AtomicU64,
    /// Files not open in the editor with diagnostics published by the workspace check.
    pub disk_published: Mutex<HashSet<String>>,
    init_warnings: Mutex<Vec<String>>,
}

#[derive(Clone)]
pub struct Backend(pub(crate) Arc<Inner>);

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Self {
        let mut session = Session::default();
        // Siblings are those the go command builds for the editor's
        // environment, as gopls has it.
        session.ws.set_build_target(faultline_core::BuildTarget::from_env());
        Backend(Arc::new(Inner {
            client,
            session: Arc::new(Mutex::new(session)),
            publish_lock: tokio::sync::Mutex::new(()),
            shutdown,
            facts: Mutex::new(ClientFacts::default()),
            roots: Mutex::new(Vec::new()),
            running_check: Mutex::new(None),
            check_counter: AtomicU64::new(0),
            disk_published: Mutex::new(HashSet::new()),
            init_warnings: Mutex::new(Vec::new()),
        }))
    }

    pub(crate) fn facts(&self) -> ClientFacts {
        *lock(&self.0.facts)
    }

    /// Runs `f` on the session from the blocking pool. `None` if it panicked
    /// (reported to the client's log; the server carries on).
    pub(crate) async fn with_session<R, F>(&self, f: F) -> Option<R>
    where
        R: Send + 'static,
        F: FnOnce(&mut Session) -> R + Send + 'static,
    {
        let session = self.0.session.clone();
        match tokio::task::spawn_blocking(move || f(&mut lock(&session))).await {
            Ok(r) => Some(r),
            Err(e) => {
                self.log(MessageType::ERROR, format!("faultline: internal error: {e}")).await;
                None
            }
        }
    }

    pub(crate) async fn log(&self, typ: MessageType, message: String) {
        self.0.client.log_message(typ, message).await;
    }

    /// Tells the client what session changes it must know about: config files'
    /// diagnostics, config errors, and log lines.
    pub(crate) async fn flush_notices(&self) {
        let notices = lock(&self.0.session).take_notices();
        for notice in notices {
            match notice {
                Notice::Config { path, error } => {
                    let Some(uri) = file_uri(&path) else { continue };
                    let diags = error.iter().map(config_diagnostic).collect();
                    self.0.client.publish_diagnostics(uri, diags, None).await;
                    if let Some(error) = error {
                        let text = format!("faultline: {error} (keeping the last valid configuration)");
                        self.log(MessageType::ERROR, text.clone()).await;
                        self.0.client.show_message(MessageType::ERROR, text).await;
                    }
                }
                Notice::Log(text) => self.log(MessageType::WARNING, format!("faultline: {text}")).await,
                Notice::RuleFile { path, diagnostics } => {
                    let Some(uri) = file_uri(&path) else { continue };
                    self.0.client.publish_diagnostics(uri, diagnostics, None).await;
                }
            }
        }
    }

    /// Debounced, versioned push of diagnostics for open documents. Each call
    /// supersedes checks scheduled earlier for the same documents.
    pub(crate) fn schedule(&self, paths: Vec<String>) {
        if self.facts().pull {
            return;
        }
        for path in paths {
            let (generation, debounce) = {
                let mut s = lock(&self.0.session);
                let debounce = s.client.debounce;
                let Some(doc) = s.open.get_mut(&path) else { continue };
                doc.generation += 1;
                (doc.generation, debounce)
            };
            let this = self.clone();
            tokio::spawn(async move {
                if !debounce.is_zero() {
                    tokio::time::sleep(debounce).await;
                }
                let job_path = path.clone();
                let result = this
                    .with_session(move |s| {
                        let doc = s.open.get(&job_path).filter(|d| d.generation == generation)?;
                        let (uri, version) = (doc.uri.clone(), doc.version);
                        if s.too_large.contains_key(&job_path) {
                            return Some((uri, version, Vec::new()));
                        }
                        s.ensure_context(&job_path);
                        let diags = s.diagnostics(&job_path)?;
                        let file = s.ws.file(&job_path)?;
                        let lsp: Vec<Diagnostic> =
                            diags.iter().map(|d| to_lsp(file, &uri, d, s.encoding, Some(version))).collect();
                        Some((uri, version, lsp))
                    })
                    .await
                    .flatten();
                this.flush_notices().await;
                if let Some((uri, version, diags)) = result {
                    this.publish_if_current(&path, uri, version, diags).await;
                }
            });
        }
    }

    async fn publish_if_current(&self, path: &str, uri: Uri, version: i32, diags: Vec<Diagnostic>) {
        let _order = self.0.publish_lock.lock().await;
        let current = lock(&self.0.session).open.get(path).map(|d| d.version);
        if current == Some(version) {
            self.0.client.publish_diagnostics(uri, diags, Some(version)).await;
        }
    }

    /// After a change that can affect every file (settings, config files, go.mod).
    pub(crate) async fn recheck_all_open(&self) {
        if self.facts().pull {
            if self.facts().diagnostic_refresh {
                let _ = self.0.client.workspace_diagnostic_refresh().await;
            }
            return;
        }
        let paths: Vec<String> = lock(&self.0.session).open.keys().cloned().collect();
        self.schedule(paths);
    }

    async fn apply_settings(&self, value: Value) {
        let (settings, warnings) = ClientSettings::from_json(&value);
        self.warn_settings(warnings).await;
        let was_checking = {
            let mut s = lock(&self.0.session);
            let was = s.client.check_workspace;
            s.ws.set_build_target(settings.build_target());
            s.client = settings.clone();
            s.bump();
            was
        };
        match (was_checking, settings.check_workspace) {
            (false, true) => workspace_check::start(self.clone()),
            (true, false) => workspace_check::stop(self).await,
            _ => {}
        }
        self.recheck_all_open().await;
        // After the new settings are in place, so the client's re-request sees them.
        if self.facts().inlay_hint_refresh {
            let client = self.0.client.clone();
            tokio::spawn(async move { client.inlay_hint_refresh().await.ok() });
        }
    }

    async fn warn_settings(&self, warnings: Vec<String>) {
        if warnings.is_empty() {
            return;
        }
        let text = format!("faultline: ignored settings: {}", warnings.join("; "));
        self.log(MessageType::WARNING, text.clone()).await;
        self.0.client.show_message(MessageType::WARNING, text).await;
    }

    async fn register_watchers(&self) {
        let watchers = ["**/faultline.toml", "**/.faultline/rules/*.toml", "**/go.mod", "**/go.work", "**/*.go"]
            .into_iter()
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.to_string()), kind: None })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "faultline-watched-files".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.0.client.register_capability(vec![registration]).await {
            self.log(MessageType::WARNING, format!("faultline: could not watch config files: {e}")).await;
        }
    }

    /// `window/workDoneProgress/cancel` (not in the trait of tower-lsp-server 0.23).
    pub async fn work_done_progress_cancel(&self, params: WorkDoneProgressCancelParams) {
        if let Some(check) = lock(&self.0.running_check).as_ref() {
            if check.token == params.token {
                check.cancel.store(true, Ordering::SeqCst);
            }
        }
    }
}

fn initialize_facts(params: &InitializeParams, mode: DiagnosticMode) -> ClientFacts {
    let caps = &params.capabilities;
    let client_pulls = caps.text_document.as_ref().and_then(|t| t.diagnostic.as_ref()).is_some();
    let workspace = caps.workspace.as_ref();
    ClientFacts {
        pull: match mode {
            DiagnosticMode::Auto => client_pulls,
            DiagnosticMode::Push => false,
            DiagnosticMode::Pull => true,
        },
        watch_dynamic: workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false),
        work_done_progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
        diagnostic_refresh: workspace
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        inlay_hint_refresh: workspace
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|i| i.refresh_support)
            .unwrap_or(false),
    }
}

#[allow(deprecated)] // root_uri: still what many clients send
fn workspace_roots(params: &InitializeParams) -> Vec<String> {
    let roots: Vec<String> = match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| doc_key(&f.uri)).collect(),
        _ => params.root_uri.iter().map(doc_key).collect(),
    };
    roots.into_iter().filter(|p| p.starts_with('/')).collect()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = Encoding::negotiate(&params.capabilities);
        let options = params.initialization_options.clone().unwrap_or(Value::Null);
        let (settings, warnings) = ClientSettings::from_json(&options);
        let facts = initialize_facts(&params, settings.diagnostic_mode);
        *lock(&self.0.facts) = facts;
        *lock(&self.0.roots) = workspace_roots(&params);
        *lock(&self.0.init_warnings) = warnings;
        {
            let mut s = lock(&self.0.session);
            s.encoding = encoding;
            s.ws.set_build_target(settings.build_target());
            s.client = settings;
        }
        let capabilities = ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            // Always offered: the `inlayHints` setting decides whether any are returned,
            // so turning it on needs no restart.
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL_KIND]),
                ..Default::default()
            })),
            diagnostic_provider: facts.pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("faultline".to_string()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            ..Default::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "faultline".to_string(),
                version: Some(faultline_core::VERSION.to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let warnings = std::mem::take(&mut *lock(&self.0.init_warnings));
        self.warn_settings(warnings).await;
        if self.facts().watch_dynamic {
            self.register_watchers().await;
        }
        if lock(&self.0.session).client.check_workspace {
            workspace_check::start(self.clone());
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.0.shutdown.store(true, Ordering::SeqCst);
        if let Some(check) = lock(&self.0.running_check).as_ref() {
            check.cancel.store(true, Ordering::SeqCst);
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc_key(&doc.uri);
        if !is_go_document(&path, &doc.language_id) {
            return;
        }
        {
            let mut s = lock(&self.0.session);
            s.open_text(&path, doc.text);
            s.open.insert(path.clone(), crate::session::OpenDoc { uri: doc.uri, version: doc.version, generation: 0 });
        }
        self.flush_notices().await;
        lock(&self.0.disk_published).remove(&path);
        let mut paths = vec![path.clone()];
        paths.extend(lock(&self.0.session).open_siblings(&path));
        self.schedule(paths);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let path = doc_key(&params.text_document.uri);
        let known = {
            let mut s = lock(&self.0.session);
            match s.open.get_mut(&path) {
                Some(doc) => {
                    doc.version = params.text_document.version;
                    // Checks scheduled before this change are stale from now on, not
                    // only once `schedule` below runs: between the two, one of them
                    // would check (and publish) the new version, and the new check
                    // would publish that version a second time.
                    doc.generation += 1;
                    for change in &params.content_changes {
                        s.apply_change(&path, change.range, &change.text);
                    }
                    true
                }
                None => false,
            }
        };
        if !known {
            let uri = params.text_document.uri.as_str();
            self.log(MessageType::WARNING, format!("faultline: didChange for a document that is not open: {uri}"))
                .await;
            return;
        }
        self.flush_notices().await;
        let siblings = lock(&self.0.session).open_siblings(&path);
        let facts = self.facts();
        if facts.pull && facts.diagnostic_refresh && !siblings.is_empty() {
            // Other open files of the package may have changed: ask the client to pull again.
            let client = self.0.client.clone();
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await.ok() });
        }
        let mut paths = vec![path.clone()];
        paths.extend(siblings);
        self.schedule(paths);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let path = doc_key(&params.text_document.uri);
        let siblings = {
            let mut s = lock(&self.0.session);
            if !s.open.contains_key(&path) {
                return;
            }
            s.close(&path);
            s.open_siblings(&path)
        };
        if lock(&self.0.session).client.check_workspace {
            workspace_check::publish_disk(self, vec![path]).await;
        } else if !self.facts().pull {
            let _order = self.0.publish_lock.lock().await;
            self.0.client.publish_diagnostics(params.text_document.uri, Vec::new(), None).await;
        }
        self.schedule(siblings);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let mut value = params.settings;
        let empty = value.is_null() || value.as_object().is_some_and(|o| o.is_empty());
        if empty && self.facts().configuration {
            let item = ConfigurationItem { scope_uri: None, section: Some("faultline".to_string()) };
            if let Ok(mut items) = self.0.client.configuration(vec![item]).await {
                value = items.pop().unwrap_or(Value::Null);
            }
        }
        self.apply_settings(value).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changes: Vec<(String, bool)> =
            params.changes.iter().map(|c| (doc_key(&c.uri), c.typ == FileChangeType::DELETED)).collect();
        let go_files: Vec<String> =
            changes.iter().filter(|(p, _)| p.ends_with(".go")).map(|(p, _)| p.clone()).collect();
        let checking = self
            .with_session(move |s| {
                for (path, deleted) in &changes {
                    s.disk_file_changed(path, *deleted);
                }
                s.client.check_workspace
            })
            .await
            .unwrap_or(false);
        self.flush_notices().await;
        self.recheck_all_open().await;
        if checking {
            workspace_check::publish_disk(self, go_files).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let path = doc_key(&params.text_document_position_params.text_document.uri);
        let pos = params.text_document_position_params.position;
        Ok(self
            .with_session(move |s| {
                s.ensure_context(&path);
                hover::hover(s, &path, pos)
            })
            .await
            .flatten())
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let path = doc_key(&params.text_document.uri);
        let range = params.range;
        Ok(self
            .with_session(move |s| {
                s.ensure_context(&path);
                inlay_hints::inlay_hints(s, &path, range)
            })
            .await
            .filter(|h| !h.is_empty()))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let path = doc_key(&uri);
        let actions = self
            .with_session(move |s| {
                s.ensure_context(&path);
                code_actions::code_actions(s, &path, &uri, &params)
            })
            .await;
        Ok(actions.filter(|a| !a.is_empty()))
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let path = doc_key(&uri);
        let previous = params.previous_result_id;
        let report = self
            .with_session(move |s| {
                s.ws.file(&path)?;
                s.ensure_context(&path);
                let result_id = s.revision().to_string();
                if previous.as_deref() == Some(result_id.as_str()) {
                    return Some(DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
                    }));
                }
                let version = s.open.get(&path).map(|d| d.version);
                let diags = s.diagnostics(&path)?;
                let file = s.ws.file(&path)?;
                let items = diags.iter().map(|d| to_lsp(file, &uri, d, s.encoding, version)).collect();
                Some(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: Some(result_id), items },
                }))
            })
            .await
            .flatten();
        self.flush_notices().await;
        let report = report.unwrap_or_else(|| DocumentDiagnosticReport::Full(Default::default()));
        Ok(DocumentDiagnosticReportResult::Report(report))
    }
}
