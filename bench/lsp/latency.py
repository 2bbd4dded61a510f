#!/usr/bin/env python3
"""LSP benchmarks over a real stdio connection (figures, not pass/fail tests).

1. Keystroke latency: a one-character edit (alternately typing and deleting a
   space) in a 5,000-line Go file, timed from sending `didChange` to receiving
   the `publishDiagnostics` for that version, with the debounce set to 0.
   Measured for incremental sync (the edit as a range) and for full-document
   sync (the whole text in every change, as full-sync clients send it).
2. Peak memory (VmHWM) of the server with 50 open documents of 2,000 lines.

The Go text comes from the Go standard library installed on the machine
(Debian golang-1.19-src: /usr/lib/go/src) so it is real, dense code.

Usage: bench/lsp/latency.py [--server CMD] [--edits N] [--file PATH]
Without --server it builds and runs the release faultline-lsp binary.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GO_SRC = "/usr/lib/go/src"
DEFAULT_FILE = os.path.join(GO_SRC, "net/http/h2_bundle.go")
MEMORY_SOURCES = ["net/http/h2_bundle.go", "runtime/proc.go", "net/http/server.go", "net/http/transport.go",
                  "reflect/value.go", "runtime/mgc.go", "go/types/expr.go", "database/sql/sql.go",
                  "crypto/tls/conn.go", "syscall/zerrors_linux_amd64.go", "text/template/exec.go",
                  "encoding/json/decode.go", "math/big/nat.go", "os/file.go", "fmt/print.go"]


def server_command(args):
    if args.server:
        return shlex.split(args.server)
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "faultline-lsp", "--bin", "faultline-lsp"],
                   cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=ROOT, check=True,
        capture_output=True, text=True).stdout)["target_directory"]
    return [os.path.join(target, "release", "faultline-lsp")]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


def keystrokes(cmd, text, edits, full_sync):
    c = Client(cmd)
    c.initialize({"debounceMs": 0, "diagnosticMode": "push"})
    uri = "untitled:bench.go"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": text}})
    c.wait_publish(uri, 1)
    lines = text.split("\n")
    line = len(lines) // 2
    latencies = []
    cpu0 = cpu_seconds(c.proc.pid)
    for i in range(edits):
        version = i + 2
        typing = i % 2 == 0
        if full_sync:
            lines[line] = (" " + lines[line]) if typing else lines[line][1:]
            change = {"text": "\n".join(lines)}
        else:
            change = {"range": {"start": {"line": line, "character": 0},
                                "end": {"line": line, "character": 0 if typing else 1}},
                      "text": " " if typing else ""}
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        received, _ = c.wait_publish(uri, version)
        latencies.append((received - t0) * 1000)
    cpu = (cpu_seconds(c.proc.pid) - cpu0) * 1000 / edits
    c.close()
    latencies.sort()
    return {"p50": percentile(latencies, 0.50), "p99": percentile(latencies, 0.99), "max": latencies[-1],
            "server_cpu_ms_per_edit": cpu}


def memory(cmd, docs, lines_per_doc):
    pool = []
    for rel in MEMORY_SOURCES:
        path = os.path.join(GO_SRC, rel)
        if os.path.exists(path):
            pool.extend(open(path, encoding="utf-8").read().split("\n"))
    c = Client(cmd)
    c.initialize({"debounceMs": 0, "diagnosticMode": "push"})
    baseline = c.peak_rss_kib()
    total_bytes = 0
    for i in range(docs):
        start = (i * lines_per_doc) % max(1, len(pool) - lines_per_doc)
        text = "\n".join(pool[start:start + lines_per_doc])
        total_bytes += len(text)
        uri = f"untitled:doc{i}.go"
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": text}})
        c.wait_publish(uri, 1)
    peak = c.peak_rss_kib()
    c.close()
    return {"docs": docs, "lines": lines_per_doc, "source_mib": total_bytes / 2**20,
            "idle_peak_mib": baseline / 1024, "peak_mib": peak / 1024}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", help="server command (default: build and run release faultline-lsp)")
    ap.add_argument("--file", default=DEFAULT_FILE, help="Go file whose first --lines lines are edited")
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--full-check", action="store_true",
                    help="server checks the whole file on every change (FAULTLINE_LSP_FULL_CHECK=1): the figure "
                         "without the per-declaration cache, for comparison")
    ap.add_argument("--markdown", help="also write the figures as a markdown table to this file")
    args = ap.parse_args()
    if args.full_check:
        os.environ["FAULTLINE_LSP_FULL_CHECK"] = "1"
    if not os.path.exists(args.file):
        sys.exit(f"{args.file} not found: install Debian's golang-src or pass --file")
    cmd = server_command(args)
    text = "\n".join(open(args.file, encoding="utf-8").read().split("\n")[:args.lines]) + "\n"
    print(f"server: {' '.join(cmd)}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    print(f"file: first {args.lines} lines of {args.file} ({len(text) / 1024:.0f} KiB); {args.edits} one-character edits")
    load_start = os.getloadavg()[0]
    rows = []
    for name, full in [("incremental sync", False), ("full sync", True)]:
        r = keystrokes(cmd, text, args.edits, full)
        rows.append((name, r))
        print(f"{name:17} didChange -> publishDiagnostics: p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, "
              f"max {r['max']:.2f} ms; server CPU {r['server_cpu_ms_per_edit']:.2f} ms per edit")
    m = memory(cmd, 50, 2000)
    print(f"memory: {m['docs']} open documents x {m['lines']} lines ({m['source_mib']:.1f} MiB of Go): "
          f"peak RSS {m['peak_mib']:.1f} MiB (idle server {m['idle_peak_mib']:.1f} MiB)")
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    if args.markdown:
        with open(args.markdown, "w") as out:
            out.write(f"One-character edit in the first {args.lines} lines of `{os.path.relpath(args.file, GO_SRC)}` "
                      f"({len(text) / 1024:.0f} KiB), {args.edits} edits, `debounceMs: 0`, from `didChange` written "
                      f"to `publishDiagnostics` read over stdio (target: p50 <= 5 ms, p99 <= 20 ms). Load average "
                      f"{load_start:.1f} at start, {os.getloadavg()[0]:.1f} at end.\n\n")
            out.write("| sync | p50 | p99 | max | server CPU per edit |\n|---|---:|---:|---:|---:|\n")
            for name, r in rows:
                out.write(f"| {name} | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {r['max']:.1f} ms | "
                          f"{r['server_cpu_ms_per_edit']:.1f} ms |\n")
            out.write(f"\nPeak RSS with {m['docs']} open documents of {m['lines']} lines ({m['source_mib']:.1f} MiB "
                      f"of Go): **{m['peak_mib']:.1f} MiB** (idle server {m['idle_peak_mib']:.1f} MiB).\n")


if __name__ == "__main__":
    main()
