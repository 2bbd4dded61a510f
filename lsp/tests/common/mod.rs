//! A small JSON-RPC client for driving the server in tests: in-process over
//! tokio duplex pipes, or over the stdio of a spawned binary. Requests from the
//! server (registerCapability, configuration, workDoneProgress/create) are
//! answered automatically and recorded.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, Mutex};

pub const TIMEOUT: Duration = Duration::from_secs(20);

type Writer = Arc<Mutex<Box<dyn AsyncWrite + Unpin + Send>>>;

pub struct TestClient {
    writer: Writer,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages received but not yet consumed by a `recv_*` call.
    pub backlog: VecDeque<Value>,
    next_id: i64,
    /// What `workspace/configuration` answers.
    pub configuration: Arc<std::sync::Mutex<Value>>,
    pub server: Option<tokio::task::JoinHandle<bool>>,
}

pub async fn write_message(writer: &Writer, msg: &Value) {
    let body = serde_json::to_vec(msg).unwrap();
    let mut w = writer.lock().await;
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    // Errors mean the server is gone; the test notices through timeouts or exit status.
    let _ = w.write_all(header.as_bytes()).await;
    let _ = w.write_all(&body).await;
    let _ = w.flush().await;
}

async fn read_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl TestClient {
    /// A server running in this process over in-memory pipes.
    pub fn in_process() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(faultline_lsp::serve(server_read, server_write));
        let (read, write) = tokio::io::split(client_end);
        let mut client = TestClient::over(read, write);
        client.server = Some(server);
        client
    }

    pub fn over<R, W>(read: R, write: W) -> TestClient
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let writer: Writer = Arc::new(Mutex::new(Box::new(write)));
        let (tx, rx) = mpsc::unbounded_channel();
        let configuration = Arc::new(std::sync::Mutex::new(Value::Null));
        let (w, conf) = (writer.clone(), configuration.clone());
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            while let Some(msg) = read_message(&mut reader).await {
                if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method").and_then(Value::as_str)) {
                    let result = match method {
                        "workspace/configuration" => json!([conf.lock().unwrap().clone()]),
                        _ => Value::Null,
                    };
                    write_message(&w, &json!({"jsonrpc": "2.0", "id": id, "result": result})).await;
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        TestClient { writer, incoming: rx, backlog: VecDeque::new(), next_id: 1, configuration, server: None }
    }

    pub async fn send(&self, msg: Value) {
        write_message(&self.writer, &msg).await;
    }

    pub async fn notify(&self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        self.recv(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none()).await
    }

    /// The first message (from the backlog, then the wire) that `pred` accepts.
    pub async fn recv(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        match self.try_recv(pred, TIMEOUT).await {
            Some(m) => m,
            None => panic!("timed out; unconsumed messages: {:#?}", self.backlog),
        }
    }

    pub async fn try_recv(&mut self, pred: impl Fn(&Value) -> bool, timeout: Duration) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let msg = tokio::time::timeout_at(deadline, self.incoming.recv()).await.ok()??;
            if pred(&msg) {
                return Some(msg);
            }
            self.backlog.push_back(msg);
        }
    }

    pub async fn recv_notification(&mut self, method: &str) -> Value {
        let method = method.to_string();
        self.recv(move |m| m.get("method") == Some(&json!(method)) && m.get("id").is_none()).await
    }

    /// The next `publishDiagnostics` for `uri`.
    pub async fn diagnostics_for(&mut self, uri: &str) -> Value {
        let uri = uri.to_string();
        let msg = self
            .recv(move |m| {
                m.get("method") == Some(&json!("textDocument/publishDiagnostics")) && m["params"]["uri"] == json!(uri)
            })
            .await;
        msg["params"].clone()
    }

    /// `initialize` + `initialized`; returns the initialize result.
    pub async fn initialize(&mut self, capabilities: Value, options: Value, root: Option<&str>) -> Value {
        let root_uri = root.map(|r| format!("file://{r}"));
        let folders = root_uri.as_ref().map(|u| json!([{"uri": u, "name": "root"}])).unwrap_or(Value::Null);
        let response = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": root_uri, "workspaceFolders": folders,
                       "capabilities": capabilities, "initializationOptions": options}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        response["result"].clone()
    }

    pub async fn open(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "go", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// Closes the server's input (drops our end of the pipe).
    pub async fn close_input(&self) {
        *self.writer.lock().await = Box::new(tokio::io::sink());
    }

    pub async fn shutdown_and_exit(&mut self) {
        let r = self.request("shutdown", Value::Null).await;
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null).await;
    }
}

/// A Go file with one PANIC001 finding on line 3 (0-based), column 13.
pub const RECOVER_IN_GOROUTINE: &str = "package p\n\nfunc f() {\n\tgo func() { recover() }()\n}\n";

pub fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
}
