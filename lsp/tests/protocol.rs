//! In-process JSON-RPC tests: the server over tokio duplex pipes, driven the
//! way an editor drives it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may unwrap

mod common;

use common::{codes, TestClient, RECOVER_IN_GOROUTINE};
use serde_json::{json, Value};
use std::time::Duration;

const URI: &str = "untitled:Untitled-1.go";

async fn started(options: Value) -> TestClient {
    let mut c = TestClient::in_process();
    c.initialize(json!({}), options, None).await;
    c
}

fn is_publish(m: &Value) -> bool {
    m.get("method") == Some(&json!("textDocument/publishDiagnostics"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negotiates_position_encoding_and_advertises_features() {
    let mut c = TestClient::in_process();
    let init = c.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}), json!({}), None).await;
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["codeActionProvider"]["codeActionKinds"], json!(["quickfix", "source.fixAll.faultline"]));
    assert!(caps.get("diagnosticProvider").is_none(), "push-only client gets no pull provider");
    assert_eq!(init["serverInfo"]["name"], "faultline");

    let mut c = TestClient::in_process();
    let init = c.initialize(json!({"general": {"positionEncodings": ["utf-16"]}}), json!({}), None).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishes_complete_versioned_diagnostics_on_open() {
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 7, RECOVER_IN_GOROUTINE).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!(p["version"], 7);
    let d = &p["diagnostics"][0];
    assert_eq!(p["diagnostics"].as_array().unwrap().len(), 1, "{p}");
    assert_eq!(d["code"], "PANIC001");
    assert_eq!(d["source"], "faultline");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["range"], json!({"start": {"line": 3, "character": 13}, "end": {"line": 3, "character": 22}}));
    let href = d["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("/docs/rules/PANIC001.md"), "{href}");
    assert!(!d["message"].as_str().unwrap().is_empty());
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], URI);
    assert_eq!(related["location"]["range"]["start"], json!({"line": 3, "character": 4}));
    assert!(!related["message"].as_str().unwrap().is_empty());
    assert_eq!(d["data"]["version"], 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_edits_update_diagnostics() {
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 1, "package p\n\nfunc f() {\n}\n").await;
    assert_eq!(codes(&c.diagnostics_for(URI).await), Vec::<String>::new());
    // Type the goroutine into the empty body, in two pieces.
    let at = json!({"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 10}});
    c.change(URI, 2, json!([{"range": at, "text": "\n\tgo func() { recov"}])).await;
    let at = json!({"start": {"line": 3, "character": 18}, "end": {"line": 3, "character": 18}});
    c.change(URI, 3, json!([{"range": at, "text": "er() }()"}])).await;
    let p = loop {
        let p = c.diagnostics_for(URI).await;
        if p["version"] == 3 {
            break p;
        }
    };
    assert_eq!(codes(&p), vec!["PANIC001"]);
    assert_eq!(p["diagnostics"][0]["range"]["start"], json!({"line": 3, "character": 13}));
    // Delete the call: the finding goes away. Several changes in one notification.
    let call = json!({"start": {"line": 3, "character": 13}, "end": {"line": 3, "character": 22}});
    let brace = json!({"start": {"line": 3, "character": 12}, "end": {"line": 3, "character": 13}});
    c.change(URI, 4, json!([{"range": call, "text": ""}, {"range": brace, "text": "{"}])).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!((p["version"].clone(), codes(&p)), (json!(4), vec![]));
    // A full-text change (no range), as full-sync clients send.
    c.change(URI, 5, json!([{"text": RECOVER_IN_GOROUTINE}])).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!((p["version"].clone(), codes(&p)), (json!(5), vec!["PANIC001".to_string()]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf16_and_utf8_columns_count_the_right_units() {
    let text = "package p\n\nfunc f() {\n\tgo func() { /* 😀é */ recover() }()\n}\n";
    // UTF-16: tab and "go func() { /* " 16 + 😀 2 + é 1 + " */ " 4 = 23.
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 1, text).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!(p["diagnostics"][0]["range"]["start"], json!({"line": 3, "character": 23}));
    // UTF-8: 😀 is 4 bytes, é 2.
    let mut c = TestClient::in_process();
    c.initialize(json!({"general": {"positionEncodings": ["utf-8"]}}), json!({"debounceMs": 0}), None).await;
    c.open(URI, 1, text).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!(p["diagnostics"][0]["range"]["start"], json!({"line": 3, "character": 26}));
    // An edit addressed in UTF-8 units right after the emoji lands there.
    let after_emoji = json!({"start": {"line": 3, "character": 20}, "end": {"line": 3, "character": 20}});
    c.change(URI, 2, json!([{"range": after_emoji, "text": "x"}])).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!(p["diagnostics"][0]["range"]["start"], json!({"line": 3, "character": 27}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn superseded_versions_are_never_published() {
    let mut c = started(json!({"debounceMs": 400})).await;
    c.open(URI, 1, "package p\n").await;
    c.change(URI, 2, json!([{"text": RECOVER_IN_GOROUTINE}])).await;
    c.change(URI, 3, json!([{"text": "package p\n\nfunc g() {}\n"}])).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!(p["version"], 3, "only the newest version is published: {p}");
    assert_eq!(codes(&p), Vec::<String>::new());
    let late = c.try_recv(is_publish, Duration::from_millis(500)).await;
    assert!(late.is_none(), "a superseded version was published late: {late:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_edits_publishes_monotonic_versions_ending_at_the_last() {
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 0, RECOVER_IN_GOROUTINE).await;
    for v in 1..=1000 {
        // Type and delete a character on the last line.
        let text = if v % 2 == 1 { "x" } else { "" };
        let end = if v % 2 == 1 { 0 } else { 1 };
        let r = json!({"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": end}});
        c.change(URI, v, json!([{"range": r, "text": text}])).await;
    }
    let mut last = -1;
    loop {
        let p = c.diagnostics_for(URI).await;
        let v = p["version"].as_i64().unwrap();
        assert!(v > last, "version {v} published after {last}");
        last = v;
        if v == 1000 {
            assert_eq!(codes(&p), vec!["PANIC001"]);
            break;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_for_clients_that_support_them() {
    let mut c = TestClient::in_process();
    let init = c.initialize(json!({"textDocument": {"diagnostic": {}}}), json!({"debounceMs": 0}), None).await;
    assert_eq!(init["capabilities"]["diagnosticProvider"]["identifier"], "faultline");
    c.open(URI, 1, RECOVER_IN_GOROUTINE).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}})).await;
    let report = &r["result"];
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["code"], "PANIC001");
    let id = report["resultId"].clone();
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id})).await;
    assert_eq!(r["result"]["kind"], "unchanged");
    c.change(URI, 2, json!([{"text": "package p\n"}])).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id})).await;
    assert_eq!((r["result"]["kind"].clone(), r["result"]["items"].clone()), (json!("full"), json!([])));
    // Pulling clients are not also pushed to (they would show everything twice).
    assert!(c.try_recv(is_publish, Duration::from_millis(200)).await.is_none());
    // An unknown document gets an empty report, not an error.
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": "untitled:nope.go"}})).await;
    assert_eq!(r["result"]["items"], json!([]));
}

fn apply_edits(text: &str, edits: &Value) -> String {
    // Test helper for single-line ASCII edits, applied back to front.
    let mut edits: Vec<&Value> = edits.as_array().unwrap().iter().collect();
    edits.sort_by_key(|e| (e["range"]["start"]["line"].as_u64(), e["range"]["start"]["character"].as_u64()));
    let mut out = text.to_string();
    for e in edits.iter().rev() {
        let offset = |p: &Value| {
            let line = p["line"].as_u64().unwrap() as usize;
            let start: usize = out.split('\n').take(line).map(|l| l.len() + 1).sum();
            start + p["character"].as_u64().unwrap() as usize
        };
        let (s, t) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(s..t, e["newText"].as_str().unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suppress_action_silences_the_finding() {
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 1, RECOVER_IN_GOROUTINE).await;
    let p = c.diagnostics_for(URI).await;
    let d = p["diagnostics"][0].clone();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    let suppress = actions.iter().find(|a| a["title"] == "Suppress PANIC001 on this line").unwrap();
    assert_eq!(suppress["kind"], "quickfix");
    let edits = &suppress["edit"]["changes"][URI];
    let fixed = apply_edits(RECOVER_IN_GOROUTINE, edits);
    assert!(fixed.contains("}() //nolint:PANIC001\n"), "{fixed}");
    c.change(URI, 2, json!([{"text": fixed}])).await;
    assert_eq!(codes(&c.diagnostics_for(URI).await), Vec::<String>::new());
    // Only fix-all requested: nothing to fix here, so no actions at all.
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"],
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    assert_eq!(r["result"], Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fix_comes_from_diagnostic_data_without_reanalysis() {
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 4, RECOVER_IN_GOROUTINE).await;
    let mut d = c.diagnostics_for(URI).await["diagnostics"][0].clone();
    // The fix travels in `data`; whatever it says for the current version is offered as is.
    let edit = json!({"range": {"start": {"line": 3, "character": 1}, "end": {"line": 3, "character": 3}}, "newText": "defer"});
    d["data"] = json!({"version": 4, "fix": {"title": "Defer it", "safe": true, "edits": [edit]}});
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d.clone()], "only": ["quickfix"]}}),
        )
        .await;
    let fix = r["result"].as_array().unwrap().iter().find(|a| a["title"] == "Defer it").unwrap().clone();
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["edit"]["changes"][URI], json!([edit]));
    // Data from an older version is ignored (the current analysis has no fix here).
    d["data"]["version"] = json!(3);
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    assert!(r["result"].as_array().unwrap().iter().all(|a| a["title"] != "Defer it"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_finding_shows_the_rule_docs() {
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 1, RECOVER_IN_GOROUTINE).await;
    c.diagnostics_for(URI).await;
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
    let r = c.request("textDocument/hover", at(3, 16)).await;
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert_eq!(r["result"]["contents"]["kind"], "markdown");
    assert!(value.starts_with("**PANIC001** `ineffective-recover`"), "{value}");
    assert!(value.contains("## Why it crashes"), "{value}");
    assert!(value.contains("docs/rules/PANIC001.md"), "{value}");
    assert_eq!(r["result"]["range"]["start"], json!({"line": 3, "character": 13}));
    let r = c.request("textDocument/hover", at(0, 2)).await;
    assert_eq!(r["result"], Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_from_initialization_options_and_did_change_configuration() {
    let mut c = started(json!({"debounceMs": 0, "ignore": ["PANIC001"]})).await;
    c.open(URI, 1, RECOVER_IN_GOROUTINE).await;
    assert_eq!(codes(&c.diagnostics_for(URI).await), Vec::<String>::new());
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"faultline": {"debounceMs": 0, "severity": {"PANIC001": "hint"}}}}),
    )
    .await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!(codes(&p), vec!["PANIC001"]);
    assert_eq!(p["diagnostics"][0]["severity"], 4);
    // Bad entries are reported and skipped; the rest applies.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"faultline": {"select": ["NOPE"], "debounceMs": 0}}}),
    )
    .await;
    let msg = c.recv_notification("window/showMessage").await;
    assert!(msg["params"]["message"].as_str().unwrap().contains("NOPE"), "{msg}");
    assert_eq!(codes(&c.diagnostics_for(URI).await), vec!["PANIC001"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_are_fetched_when_the_client_sends_none() {
    let mut c = TestClient::in_process();
    c.initialize(json!({"workspace": {"configuration": true}}), json!({"debounceMs": 0}), None).await;
    c.open(URI, 1, RECOVER_IN_GOROUTINE).await;
    assert_eq!(codes(&c.diagnostics_for(URI).await), vec!["PANIC001"]);
    *c.configuration.lock().unwrap() = json!({"ignore": ["PANIC"], "debounceMs": 0});
    c.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    let req = c.recv(|m| m["method"] == "workspace/configuration").await;
    assert_eq!(req["params"]["items"][0]["section"], "faultline");
    assert_eq!(codes(&c.diagnostics_for(URI).await), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robust_against_bad_input() {
    let mut c = started(json!({"debounceMs": 0, "maxFileBytes": 16 << 20})).await;
    // A change for a document that was never opened: logged, nothing else.
    c.change("untitled:ghost.go", 2, json!([{"text": "package p"}])).await;
    let log = c.recv_notification("window/logMessage").await;
    assert!(log["params"]["message"].as_str().unwrap().contains("not open"), "{log}");
    c.open(URI, 1, "package p\n// 😀\n").await;
    c.diagnostics_for(URI).await;
    // Half a surrogate pair, ranges past the end of lines and of the file, reversed ranges.
    let changes = json!([
        {"range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 4}}, "text": "a"},
        {"range": {"start": {"line": 1, "character": 400}, "end": {"line": 90, "character": 9}}, "text": "b"},
        {"range": {"start": {"line": 4000000000u32, "character": 4000000000u32}, "end": {"line": 0, "character": 0}}, "text": "c"},
    ]);
    c.change(URI, 2, changes).await;
    assert_eq!(c.diagnostics_for(URI).await["version"], 2);
    // Malformed params for a request: an error response, and the server lives on.
    let r = c.request("textDocument/hover", json!({"nonsense": true})).await;
    assert!(r.get("error").is_some(), "{r}");
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": "untitled:none.go"},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})).await;
    assert_eq!(r["result"], Value::Null);
    // A 10 MB document (mostly comments: the point is the size, not the core's speed on dense code,
    // which the benchmarks measure), opened and then edited at its end.
    let mut big = String::from("package p\n\n");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str("// padding padding padding padding padding padding padding padding padding padding\n");
    }
    let lines = big.lines().count() as u32;
    big.push_str("func f() {\n\tgo func() { recover() }()\n}\n");
    c.open("untitled:big.go", 1, &big).await;
    let p = c.diagnostics_for("untitled:big.go").await;
    assert_eq!(p["diagnostics"][0]["range"]["start"]["line"], lines + 1);
    let at = json!({"start": {"line": lines, "character": 0}, "end": {"line": lines, "character": 0}});
    c.change("untitled:big.go", 2, json!([{"range": at, "text": "\n"}])).await;
    let p = c.diagnostics_for("untitled:big.go").await;
    assert_eq!(p["diagnostics"][0]["range"]["start"]["line"], lines + 2);
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_then_exit_ends_the_server_and_later_requests_fail() {
    let mut c = started(json!({})).await;
    let r = c.request("shutdown", Value::Null).await;
    assert_eq!(r["result"], Value::Null);
    let r = c
        .request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(r["error"]["code"], -32600, "requests after shutdown are invalid: {r}");
    c.notify("exit", Value::Null).await;
    // The pipe stays open on our side: the server must still end, and report a clean shutdown.
    let server = c.server.take().unwrap();
    let clean = tokio::time::timeout(Duration::from_secs(5), server).await.expect("server did not exit").unwrap();
    assert!(clean);
}

/// Two rules with safe fixes (NIL002 and RACE001) in one Go 1.21 file.
const FIXABLE: &str = "//go:build go1.21\n\npackage p\n\nfunc f(xs []int) {\n\tvar m map[int]int\n\tfor _, x := range xs {\n\t\tm[x] = 1\n\t\tgo func() { println(x) }()\n\t}\n}\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_quick_fixes_and_fix_all_remove_the_findings() {
    let mut c = started(json!({"debounceMs": 0})).await;
    c.open(URI, 1, FIXABLE).await;
    let p = c.diagnostics_for(URI).await;
    let mut found = codes(&p);
    found.sort();
    assert_eq!(found, vec!["NIL002", "RACE001"], "{p}");
    for d in p["diagnostics"].as_array().unwrap() {
        assert!(d["data"]["fix"]["edits"].as_array().is_some_and(|e| !e.is_empty()), "fix carried in data: {d}");
    }
    // The NIL002 quick fix alone removes NIL002 only.
    let nil = p["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "NIL002").unwrap().clone();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": nil["range"], "context": {"diagnostics": [nil.clone()]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    let fix =
        actions.iter().find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true).expect("preferred quick fix");
    assert_eq!(fix["title"], nil["data"]["fix"]["title"]);
    let fixed = apply_edits(FIXABLE, &fix["edit"]["changes"][URI]);
    c.change(URI, 2, json!([{"text": fixed}])).await;
    assert_eq!(codes(&c.diagnostics_for(URI).await), vec!["RACE001"]);
    // Back to the original; fix-all applies both safe fixes at once.
    c.change(URI, 3, json!([{"text": FIXABLE}])).await;
    c.diagnostics_for(URI).await;
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{r}");
    assert_eq!(actions[0]["kind"], "source.fixAll.faultline");
    let fixed = apply_edits(FIXABLE, &actions[0]["edit"]["changes"][URI]);
    c.change(URI, 4, json!([{"text": fixed}])).await;
    assert_eq!(codes(&c.diagnostics_for(URI).await), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulling_clients_are_asked_to_refresh_after_a_settings_change() {
    let mut c = TestClient::in_process();
    let caps = json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}});
    c.initialize(caps, json!({}), None).await;
    c.open(URI, 1, RECOVER_IN_GOROUTINE).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}})).await;
    assert_eq!(r["result"]["items"][0]["code"], "PANIC001");
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"ignore": ["PANIC001"]}})).await;
    c.recv(|m| m["method"] == "workspace/diagnostic/refresh").await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}})).await;
    assert_eq!(r["result"]["items"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_over_max_file_bytes_are_not_analysed_until_they_shrink() {
    let mut c = started(json!({"debounceMs": 0, "maxFileBytes": 1000})).await;
    let big = format!("{RECOVER_IN_GOROUTINE}{}", "// padding\n".repeat(100));
    c.open(URI, 1, &big).await;
    let log = c.recv_notification("window/logMessage").await;
    assert!(log["params"]["message"].as_str().unwrap().contains("maxFileBytes"), "{log}");
    let p = c.diagnostics_for(URI).await;
    assert_eq!((p["version"].clone(), codes(&p)), (json!(1), vec![]));
    // Edits still apply (as text): deleting the padding brings it under the limit.
    let padding = json!({"start": {"line": 5, "character": 0}, "end": {"line": 105, "character": 0}});
    c.change(URI, 2, json!([{"range": padding, "text": ""}])).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!((p["version"].clone(), codes(&p)), (json!(2), vec!["PANIC001".to_string()]));
    // And growing past it again stops the analysis.
    let end = json!({"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}});
    c.change(URI, 3, json!([{"range": end, "text": "// padding\n".repeat(100)}])).await;
    let p = c.diagnostics_for(URI).await;
    assert_eq!((p["version"].clone(), codes(&p)), (json!(3), vec![]));
}
