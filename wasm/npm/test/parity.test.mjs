// One rule set, one answer: for every core fixture and every example, the
// package reports exactly what `faultline check --format json` reports (code,
// severity, message, byte range, line, related spans, fix edits). Needs the
// CLI binary in $FAULTLINE_BIN (scripts/checks/30-wasm.sh builds and sets it).
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { faultline, repoRoot, assertSaneDiagnostics } from "./load.mjs";

const bin = process.env.FAULTLINE_BIN;
const roots = ["core/tests/fixtures", "examples"].filter((r) => fs.existsSync(path.join(repoRoot, r)));

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(rel, out);
    else if (/\.go$|(^|\/)go\.(mod|work)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function runCli(args) {
  try {
    return execFileSync(bin, args, { cwd: repoRoot, encoding: "utf8", maxBuffer: 1 << 28 });
  } catch (e) {
    if (e.status === 1) return e.stdout; // findings
    throw e;
  }
}

// JS reports UTF-16 offsets; the CLI bytes. Convert ours to bytes.
const bytes = (text, utf16) => Buffer.byteLength(text.slice(0, utf16), "utf8");

function normalizeCli(d) {
  return {
    path: d.path,
    code: d.code,
    severity: d.severity,
    message: d.message,
    start: d.start.offset,
    end: d.end.offset,
    line: d.start.line,
    endLine: d.end.line,
    related: d.related.map((r) => [r.message, r.start.offset, r.end.offset]),
    fix: d.fix ? { title: d.fix.title, edits: d.fix.edits.map((e) => [e.start, e.end, e.new_text]) } : null,
  };
}

function normalizeWasm(file, text, d) {
  return {
    path: file,
    code: d.code,
    severity: d.severity,
    message: d.message,
    start: bytes(text, d.start.offset),
    end: bytes(text, d.end.offset),
    line: d.start.line,
    endLine: d.end.line,
    related: d.related.map((r) => [r.message, bytes(text, r.start.offset), bytes(text, r.end.offset)]),
    fix: d.fix ? { title: d.fix.title, edits: d.fix.edits.map((e) => [bytes(text, e.start), bytes(text, e.end), e.newText]) } : null,
  };
}

const order = (a, b) => (a.path + "\0" + String(a.start).padStart(12) + a.code).localeCompare(b.path + "\0" + String(b.start).padStart(12) + b.code);

test("wasm diagnostics equal the CLI's for every fixture and example", { skip: !bin && "FAULTLINE_BIN is not set" }, () => {
  assert.ok(roots.length > 0);
  const files = roots.flatMap((r) => walk(r));
  const goFiles = files.filter((f) => f.endsWith(".go"));
  assert.ok(goFiles.length > 0);
  const cli = JSON.parse(runCli(["check", "--format", "json", "--select", "ALL", ...roots]));
  assert.equal(cli.files_checked, goFiles.length, "the CLI checked every .go file we did");

  const ws = new faultline.Workspace();
  const texts = new Map();
  for (const f of files) {
    const text = fs.readFileSync(path.join(repoRoot, f), "utf8");
    texts.set(f, text);
    ws.setFile(f, text);
  }
  const ours = [];
  for (const f of goFiles) {
    const found = ws.check(f);
    assertSaneDiagnostics(assert, texts.get(f), found);
    ours.push(...found.map((d) => normalizeWasm(f, texts.get(f), d)));
  }
  ws.free();
  const theirs = cli.diagnostics.map(normalizeCli);
  assert.ok(theirs.length > 0, "the fixtures have findings");
  // Per file, so a mismatch names its file.
  for (const f of goFiles) {
    assert.deepEqual(ours.filter((d) => d.path === f).sort(order), theirs.filter((d) => d.path === f).sort(order), f);
  }
  assert.equal(ours.length, theirs.length);
});
