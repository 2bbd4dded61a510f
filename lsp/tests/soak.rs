//! Soak (issue #13): the real server binary over stdio takes thousands of
//! random incremental edits across 20 documents (multi-byte and astral text,
//! deletions, whole-document replacements); its memory must stay flat and its
//! final diagnostics must equal a fresh check of the final texts.
//!
//! `cargo test` runs 2,000 edits; `FAULTLINE_SOAK_EDITS=20000 cargo test -p
//! faultline-lsp --test soak -- --nocapture` is the full run (RSS is printed).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may unwrap

mod common;

use common::TestClient;
use faultline_core::syntax::LineIndex;
use faultline_core::{Settings, Workspace};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::Command;

const DOCS: usize = 20;

/// What the edits insert: half-typed Go, multi-byte and astral characters.
const FRAGMENTS: &[&str] = &[
    "func f(p *int) int {\n",
    "}\n",
    "{",
    "}",
    "(",
    ")",
    "return *p\n",
    "if p == nil {\n",
    "go func() {\n",
    "}()\n",
    "defer func() { recover() }()\n",
    "var m map[string]int\n",
    "m[\"k\"] = 1\n",
    "x := 1\n",
    "nil",
    "*",
    "\"",
    "// 😀 é 日本\n",
    "\n",
    " ",
    "\t",
    "for i := range xs {\n",
    "err",
    ".",
    "é",
    "😀",
    "x",
    "_ = *q\n",
];

const SEED_FILE: &str = "package soak\n\nimport \"sync\"\n\nfunc f(p *int, mu *sync.Mutex) int {\n\tif p == nil {\n\t\treturn *p // 😀\n\t}\n\tvar m map[string]int\n\tm[\"é\"] = 1\n\tgo func() {\n\t\tdefer func() { recover() }()\n\t}()\n\treturn 0\n}\n";

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn floor(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// An LSP position (UTF-16) of a byte offset, computed by the client.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": before.matches('\n').count(), "character": before[line_start..].encode_utf16().count()})
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Reads every message that has arrived, keeping each document's latest
/// published (version, diagnostics).
async fn drain(c: &mut TestClient, latest: &mut HashMap<String, (i64, Value)>, wait: Duration) {
    while let Some(m) = c.try_recv(|_| true, wait).await {
        if m["method"] == "textDocument/publishDiagnostics" {
            let uri = m["params"]["uri"].as_str().unwrap().to_string();
            let version = m["params"]["version"].as_i64().unwrap_or(-1);
            latest.insert(uri, (version, m["params"]["diagnostics"].clone()));
        }
    }
}

fn published(diags: &Value) -> Vec<(String, u64, u64, String)> {
    let mut out: Vec<_> = diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_documents_take_random_edits_with_flat_memory_and_right_diagnostics() {
    let edits: usize = std::env::var("FAULTLINE_SOAK_EDITS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_faultline-lsp"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let pid = child.id().unwrap();
    let mut c = TestClient::over(child.stdout.take().unwrap(), child.stdin.take().unwrap());
    c.initialize(json!({}), json!({"debounceMs": 5}), None).await;

    let uris: Vec<String> = (0..DOCS).map(|i| format!("untitled:soak/d{i:02}.go")).collect();
    let mut texts: Vec<String> = (0..DOCS).map(|_| SEED_FILE.to_string()).collect();
    let mut versions = vec![1i64; DOCS];
    let mut latest = HashMap::new();
    for (uri, text) in uris.iter().zip(&texts) {
        c.open(uri, 1, text).await;
    }
    drain(&mut c, &mut latest, Duration::from_millis(500)).await;
    let rss_start = rss_kib(pid);
    let mut rss_peak = rss_start;
    // RSS every 200 edits: the curve shows whether memory plateaus.
    let mut rss_curve = Vec::new();

    let started = Instant::now();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for n in 0..edits {
        let doc = rng.below(DOCS);
        let text = &mut texts[doc];
        let start = floor(text, rng.below(text.len() + 1));
        let change = match rng.below(20) {
            // A whole-document change now and then.
            0 => {
                let cut = floor(text, start + rng.below(64));
                text.replace_range(start..cut, "");
                json!([{"text": text.clone()}])
            }
            k => {
                // Shrink when large, else mostly insert.
                let deleting = text.len() > 6_000 || k < 6;
                let end = if deleting { floor(text, start + rng.below(40)) } else { start };
                let insert = if deleting && k % 2 == 0 { "" } else { FRAGMENTS[rng.below(FRAGMENTS.len())] };
                let range = json!({"start": position(text, start), "end": position(text, end)});
                text.replace_range(start..end, insert);
                json!([{"range": range, "text": insert}])
            }
        };
        versions[doc] += 1;
        c.change(&uris[doc], versions[doc] as i32, change).await;
        if n % 200 == 199 {
            drain(&mut c, &mut latest, Duration::from_millis(1)).await;
            let rss = rss_kib(pid);
            rss_peak = rss_peak.max(rss);
            rss_curve.push(rss);
        }
    }
    // Every document's final version gets published.
    let deadline = Instant::now() + Duration::from_secs(120);
    while uris.iter().zip(&versions).any(|(u, v)| latest.get(u).map(|(p, _)| p) != Some(v)) {
        assert!(Instant::now() < deadline, "final versions were not all published");
        drain(&mut c, &mut latest, Duration::from_millis(200)).await;
    }
    let took = started.elapsed();
    let rss_end = rss_kib(pid);
    let at = |share: usize| rss_curve.get(rss_curve.len() * share / 4).copied().unwrap_or(rss_end);
    let sizes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "soak: {edits} edits over {DOCS} documents ({sizes} bytes at the end) in {took:?}; server RSS start \
         {rss_start} KiB, after 1/4 {} KiB, 1/2 {} KiB, 3/4 {} KiB, peak {rss_peak} KiB, end {rss_end} KiB",
        at(1),
        at(2),
        at(3)
    );

    // A fresh analysis of the final texts, converted the way the client counts.
    let mut fresh = Workspace::new(Settings::default());
    for (uri, text) in uris.iter().zip(&texts) {
        fresh.set_file(uri, text.clone()).unwrap();
    }
    for (uri, text) in uris.iter().zip(&texts) {
        let lines = LineIndex::new(text);
        let mut want: Vec<_> = fresh
            .check(uri)
            .unwrap()
            .iter()
            .map(|d| {
                let lc = lines.line_col_utf16(d.range.start);
                let message = if d.message.trim().is_empty() { d.name.to_string() } else { d.message.clone() };
                (d.code.to_string(), u64::from(lc.line), u64::from(lc.col), message)
            })
            .collect();
        want.sort();
        assert_eq!(published(&latest[uri].1), want, "{uri}: published diagnostics differ from a fresh check");
    }
    // Flat memory: the heap may grow to a working set, not with the edit count.
    // The documents grow to their size cap within the first quarter; after
    // that the working set is reached and the second half may not keep growing.
    if rss_start > 0 {
        assert!(rss_end < rss_start * 3 + 64 * 1024, "RSS grew from {rss_start} KiB to {rss_end} KiB");
        let half = at(2);
        assert!(
            rss_end <= half + half / 4 + 8 * 1024,
            "RSS kept growing: {half} KiB at half way, {rss_end} KiB at the end"
        );
    }
    c.shutdown_and_exit().await;
}
