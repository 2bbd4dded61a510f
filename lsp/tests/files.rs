//! Tests that involve files on disk: faultline.toml reload (good, bad, fixed),
//! watcher registration, sibling files and go.mod, and the workspace check.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may unwrap

mod common;

use common::{codes, TestClient, RECOVER_IN_GOROUTINE};
use serde_json::{json, Value};
use std::path::Path;

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn watched(path: &Path, kind: u32) -> Value {
    json!({"changes": [{"uri": uri(path), "type": kind}]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faultline_toml_is_applied_reloaded_and_errors_keep_the_last_good_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let toml = root.join("faultline.toml");
    std::fs::write(&toml, "ignore = [\"PANIC001\"]\n").unwrap();
    let go = root.join("pkg/a.go");
    std::fs::create_dir_all(go.parent().unwrap()).unwrap();
    std::fs::write(&go, RECOVER_IN_GOROUTINE).unwrap();

    let mut c = TestClient::in_process();
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    c.initialize(caps, json!({"debounceMs": 0}), Some(root.to_str().unwrap())).await;
    // The watchers are registered dynamically.
    let reg = c.recv(|m| m["method"] == "client/registerCapability").await;
    let registration = &reg["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(globs, ["**/faultline.toml", "**/.faultline/rules/*.toml", "**/go.mod", "**/go.work", "**/*.go"]);

    c.open(&uri(&go), 1, RECOVER_IN_GOROUTINE).await;
    assert_eq!(codes(&c.diagnostics_for(&uri(&go)).await), Vec::<String>::new(), "ignored by faultline.toml");
    assert_eq!(c.diagnostics_for(&uri(&toml)).await["diagnostics"], json!([]));

    // A broken config: a diagnostic on the file, a message, and the old config stays in force.
    std::fs::write(&toml, "ignore = [\"PANIC001\"]\nselect = [\"NOPE42\"]\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", watched(&toml, 2)).await;
    let p = c.diagnostics_for(&uri(&toml)).await;
    let d = &p["diagnostics"][0];
    assert_eq!(d["range"]["start"], json!({"line": 1, "character": 10}));
    assert!(d["message"].as_str().unwrap().contains("NOPE42"), "{d}");
    let msg = c.recv_notification("window/showMessage").await;
    assert_eq!(msg["params"]["type"], 1);
    assert!(msg["params"]["message"].as_str().unwrap().contains("keeping the last valid configuration"));
    assert_eq!(codes(&c.diagnostics_for(&uri(&go)).await), Vec::<String>::new());

    // Fixed: the new config applies and the file's diagnostic is cleared.
    std::fs::write(&toml, "select = [\"PANIC\"]\n[severity]\nPANIC001 = \"error\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", watched(&toml, 2)).await;
    assert_eq!(c.diagnostics_for(&uri(&toml)).await["diagnostics"], json!([]));
    let p = c.diagnostics_for(&uri(&go)).await;
    assert_eq!(codes(&p), vec!["PANIC001"]);
    assert_eq!(p["diagnostics"][0]["severity"], 1);

    // Deleted: defaults again.
    std::fs::remove_file(&toml).unwrap();
    c.notify("workspace/didChangeWatchedFiles", watched(&toml, 3)).await;
    assert_eq!(c.diagnostics_for(&uri(&go)).await["diagnostics"][0]["severity"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_config_at_startup_falls_back_to_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("faultline.toml"), "colour = 1\n").unwrap();
    let go = root.join("a.go");
    std::fs::write(&go, RECOVER_IN_GOROUTINE).unwrap();
    let mut c = TestClient::in_process();
    c.initialize(json!({}), json!({"debounceMs": 0}), Some(root.to_str().unwrap())).await;
    c.open(&uri(&go), 1, RECOVER_IN_GOROUTINE).await;
    let p = c.diagnostics_for(&uri(&root.join("faultline.toml"))).await;
    assert!(p["diagnostics"][0]["message"].as_str().unwrap().contains("colour"), "{p}");
    assert_eq!(codes(&c.diagnostics_for(&uri(&go)).await), vec!["PANIC001"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_buffers_override_disk_and_edits_to_siblings_recheck_open_files() {
    // b.go's `handle` calls recover(); a.go defers a closure that calls handle()
    // (one call too deep, PANIC001): a cross-file fact from the package summary.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("go.mod"), "module example.com/m\n\ngo 1.21\n").unwrap();
    let a_text = "package p\n\nfunc serve() {\n\tdefer func() { handle() }()\n}\n";
    let b_text = "package p\n\nfunc handle() {\n\tif r := recover(); r != nil {\n\t}\n}\n";
    let (a, b) = (root.join("a.go"), root.join("b.go"));
    std::fs::write(&a, a_text).unwrap();
    std::fs::write(&b, b_text).unwrap();
    let mut c = TestClient::in_process();
    c.initialize(json!({}), json!({"debounceMs": 0}), Some(root.to_str().unwrap())).await;
    c.open(&uri(&a), 1, a_text).await;
    let from_disk = codes(&c.diagnostics_for(&uri(&a)).await);
    assert!(from_disk.contains(&"PANIC001".to_string()), "sibling from disk seen: {from_disk:?}");
    // Open b.go and make `handle` stop calling recover: a.go is rechecked against the buffer.
    c.open(&uri(&b), 1, b_text).await;
    c.change(&uri(&b), 2, json!([{"text": "package p\n\nfunc handle() {}\n"}])).await;
    // Publishes for a.go follow b.go's open (still calling recover) and then its change.
    loop {
        let p =
            c.recv(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri(&a))).await;
        if !codes(&p["params"]).contains(&"PANIC001".to_string()) {
            break;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn build_tags_setting_chooses_the_siblings_a_file_sees() {
    // handle() recovers only in its `safe` variant: a.go's deferred
    // `handle()` is flagged (PANIC001) when the tag is set, not otherwise.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let a_text = "package p\n\nfunc serve() {\n\tdefer func() { handle() }()\n}\n";
    std::fs::write(root.join("a.go"), a_text).unwrap();
    std::fs::write(
        root.join("h_safe.go"),
        "//go:build safe\n\npackage p\n\nfunc handle() {\n\tif r := recover(); r != nil {\n\t}\n}\n",
    )
    .unwrap();
    std::fs::write(root.join("h_plain.go"), "//go:build !safe\n\npackage p\n\nfunc handle() {}\n").unwrap();
    let a = uri(&root.join("a.go"));
    let mut c = TestClient::in_process();
    c.initialize(json!({}), json!({"debounceMs": 0, "buildTags": ["safe"]}), Some(root.to_str().unwrap())).await;
    c.open(&a, 1, a_text).await;
    assert_eq!(codes(&c.diagnostics_for(&a).await), ["PANIC001"]);
    // Changed live: the open file is checked again against the other variant.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"faultline": {"debounceMs": 0, "buildTags": ""}}}),
    )
    .await;
    assert_eq!(codes(&c.diagnostics_for(&a).await), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_check_reports_progress_and_publishes_unopened_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for i in 0..20 {
        let text = if i == 7 { RECOVER_IN_GOROUTINE.to_string() } else { format!("package p\n\nfunc f{i}() {{}}\n") };
        std::fs::write(root.join(format!("f{i}.go")), text).unwrap();
    }
    std::fs::create_dir_all(root.join("vendor/x")).unwrap();
    std::fs::write(root.join("vendor/x/x.go"), RECOVER_IN_GOROUTINE).unwrap();
    let mut c = TestClient::in_process();
    let caps = json!({"window": {"workDoneProgress": true}});
    c.initialize(caps, json!({"debounceMs": 0, "checkWorkspace": true}), Some(root.to_str().unwrap())).await;
    let create = c.recv(|m| m["method"] == "window/workDoneProgress/create").await;
    let token = create["params"]["token"].clone();
    let progress = |kind: &'static str| {
        let token = token.clone();
        move |m: &Value| {
            m["method"] == "$/progress" && m["params"]["token"] == token && m["params"]["value"]["kind"] == kind
        }
    };
    let begin = c.recv(progress("begin")).await;
    assert_eq!(begin["params"]["value"]["cancellable"], true);
    let p = c.diagnostics_for(&uri(&root.join("f7.go"))).await;
    assert_eq!(codes(&p), vec!["PANIC001"]);
    let end = c.recv(progress("end")).await;
    assert!(end["params"]["value"]["message"].as_str().unwrap().contains("checked 20 files"), "{end}");
    assert!(c.backlog.iter().all(|m| m["params"]["uri"] != json!(uri(&root.join("vendor/x/x.go")))), "vendor skipped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_check_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let body = "func g() {\n\tx := 1\n\t_ = x\n}\n".repeat(200);
    for i in 0..400 {
        std::fs::write(root.join(format!("f{i}.go")), format!("package p\n\n{body}")).unwrap();
    }
    let mut c = TestClient::in_process();
    let caps = json!({"window": {"workDoneProgress": true}});
    c.initialize(caps, json!({"checkWorkspace": true}), Some(root.to_str().unwrap())).await;
    let create = c.recv(|m| m["method"] == "window/workDoneProgress/create").await;
    let token = create["params"]["token"].clone();
    c.recv(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin").await;
    c.notify("window/workDoneProgress/cancel", json!({"token": token})).await;
    let end = c.recv(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
    let message = end["params"]["value"]["message"].as_str().unwrap();
    assert!(message.contains("cancelled"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn go_mod_sets_the_go_version_and_is_reloaded_when_it_changes() {
    // Loop-variable capture (RACE001) is only a bug before Go 1.22.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let go_mod = root.join("go.mod");
    std::fs::write(&go_mod, "module example.com/m\n\ngo 1.21\n").unwrap();
    let text = "package p\n\nfunc f(xs []int) {\n\tfor _, x := range xs {\n\t\tgo func() { println(x) }()\n\t}\n}\n";
    let go = root.join("sub/a.go");
    std::fs::create_dir_all(go.parent().unwrap()).unwrap();
    std::fs::write(&go, text).unwrap();
    let mut c = TestClient::in_process();
    c.initialize(json!({}), json!({"debounceMs": 0}), Some(root.to_str().unwrap())).await;
    c.open(&uri(&go), 1, text).await;
    assert_eq!(codes(&c.diagnostics_for(&uri(&go)).await), vec!["RACE001"]);
    std::fs::write(&go_mod, "module example.com/m\n\ngo 1.22\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", watched(&go_mod, 2)).await;
    assert_eq!(codes(&c.diagnostics_for(&uri(&go)).await), Vec::<String>::new());
    // A //go:build floor in the file wins over go.mod.
    let pinned = format!("//go:build go1.21\n\n{text}");
    c.change(&uri(&go), 2, json!([{"text": pinned}])).await;
    assert_eq!(codes(&c.diagnostics_for(&uri(&go)).await), vec!["RACE001"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_excluded_by_faultline_toml_get_no_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("faultline.toml"), "exclude = [\"gen/**\"]\n").unwrap();
    let (generated, own) = (root.join("gen/x/a.go"), root.join("b.go"));
    std::fs::create_dir_all(generated.parent().unwrap()).unwrap();
    let mut c = TestClient::in_process();
    c.initialize(json!({}), json!({"debounceMs": 0}), Some(root.to_str().unwrap())).await;
    c.open(&uri(&generated), 1, RECOVER_IN_GOROUTINE).await;
    assert_eq!(codes(&c.diagnostics_for(&uri(&generated)).await), Vec::<String>::new());
    c.open(&uri(&own), 1, RECOVER_IN_GOROUTINE).await;
    assert_eq!(codes(&c.diagnostics_for(&uri(&own)).await), vec!["PANIC001"]);
}
