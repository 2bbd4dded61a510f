// Custom rules in JavaScript: the `rules` option (TOML text with [[rule]]
// tables), `ruleErrors(text)` with 1-based line and UTF-16 column, bad rules
// skipped while good ones run, and parity with `faultline check` (CLI) on the
// documented rules and the core's fixture rules. The CLI part needs
// $FAULTLINE_BIN (scripts/checks/30-wasm.sh sets it).
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { faultline, repoRoot, assertSaneDiagnostics } from "./load.mjs";

const RULE = `[[rule]]
id = "no-println"
message = "println of {{arg}}"
severity = "info"
query = '((call_expression function: (identifier) @fn arguments: (argument_list . (_) @arg)) @match (#eq? @fn "println"))'
`;
const SRC = 'package p\n\nfunc f() {\n\ts := "😀"; println(s)\n}\n';

test("the rules option runs custom rules in check() and in a Workspace", () => {
  const found = faultline.check(SRC, { rules: RULE });
  assertSaneDiagnostics(assert, SRC, found);
  assert.equal(found.length, 1);
  const [d] = found;
  assert.equal(d.code, "no-println");
  assert.equal(d.family, "custom");
  assert.equal(d.severity, "info");
  assert.equal(d.message, "println of s");
  assert.equal(SRC.slice(d.start.offset, d.end.offset), "println(s)");
  assert.equal(d.start.column, 13); // UTF-16: the emoji counts 2

  const ws = new faultline.Workspace({ rules: RULE, severity: { "no-println": "error" } });
  ws.setFile("a.go", SRC);
  assert.deepEqual(ws.check("a.go").map((x) => [x.code, x.severity]), [["no-println", "error"]]);
  ws.setOptions({ rules: RULE, ignore: ["custom"] });
  assert.deepEqual(ws.check("a.go"), []);
  ws.free();
  assert.deepEqual(faultline.check(SRC, { rules: RULE, select: ["NIL"] }), []);
  assert.deepEqual(faultline.check(SRC), []);
});

test("ruleErrors points at the bad part; bad rules are skipped, good ones run", () => {
  assert.deepEqual(faultline.ruleErrors(RULE), []);
  const bad = RULE + `
[[rule]]
id = "broken"
message = "m"
query = '''
(call_expression
  function: (no_such_kind) @f) @match
'''
`;
  const errors = faultline.ruleErrors(bad);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, 12);
  assert.equal(errors[0].column, 14);
  assert.match(errors[0].message, /unknown node kind `no_such_kind`/);
  const lines = bad.split("\n");
  assert.ok(lines[errors[0].line - 1].slice(errors[0].column - 1).startsWith("no_such_kind"));
  // UTF-16 columns: a placeholder after an emoji.
  const tpl = `[[rule]]\nid = "x"\nmessage = "😀 {{nope}}"\nquery = '(identifier) @match'\n`;
  const [e] = faultline.ruleErrors(tpl);
  assert.deepEqual([e.line, e.column], [3, 15]);
  assert.ok(tpl.split("\n")[2].slice(e.column - 1).startsWith("{{nope}}"));
  assert.equal(faultline.ruleErrors("not [toml").length, 1);
  // The good rule still runs; check() never throws on a bad rules text.
  assert.deepEqual(faultline.check(SRC, { rules: bad }).map((d) => d.code), ["no-println"]);
  assert.deepEqual(faultline.check(SRC, { rules: "][" }), []);
  assert.throws(() => faultline.check(SRC, { rules: 3 }), (err) => err.name === "OptionsError" && err.option === "rules");
});

// JS reports UTF-16 offsets; the CLI bytes.
const bytes = (text, utf16) => Buffer.byteLength(text.slice(0, utf16), "utf8");

test("custom rule results equal the CLI's", { skip: !process.env.FAULTLINE_BIN && "FAULTLINE_BIN is not set" }, () => {
  const ruleFiles = [
    ...fs.readdirSync(path.join(repoRoot, "docs/custom-rules")).filter((f) => f.endsWith(".toml")).sort().map((f) => `docs/custom-rules/${f}`),
    "core/tests/custom_rules/combinators/rules.toml",
  ];
  const goFiles = ["core/tests/custom_rules/combinators/main.go", "wasm/npm/test/data/custom-rules.go"];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-custom-"));
  fs.mkdirSync(path.join(tmp, ".faultline/rules"), { recursive: true });
  const texts = ruleFiles.map((f) => fs.readFileSync(path.join(repoRoot, f), "utf8"));
  ruleFiles.forEach((f, i) => fs.writeFileSync(path.join(tmp, ".faultline/rules", `${String(i).padStart(2, "0")}.toml`), texts[i]));
  const sources = new Map();
  for (const f of goFiles) {
    const name = path.basename(f);
    sources.set(name, fs.readFileSync(path.join(repoRoot, f), "utf8"));
    fs.writeFileSync(path.join(tmp, name), sources.get(name));
  }
  let out;
  try {
    out = execFileSync(process.env.FAULTLINE_BIN, ["check", "--format", "json", "--select", "custom", "."], { cwd: tmp, encoding: "utf8" });
  } catch (e) {
    assert.equal(e.status, 1, e.stderr);
    out = e.stdout;
  }
  const cli = JSON.parse(out).diagnostics.map((d) => [d.path, d.code, d.message, d.start.offset, d.end.offset, d.severity]);
  const rules = texts.join("\n");
  assert.deepEqual(faultline.ruleErrors(rules), []);
  const ws = new faultline.Workspace({ rules, select: ["custom"] });
  for (const [name, text] of sources) ws.setFile(name, text);
  const ours = [];
  for (const [name, text] of [...sources].sort()) {
    const found = ws.check(name);
    assertSaneDiagnostics(assert, text, found);
    ours.push(...found.map((d) => [name, d.code, d.message, bytes(text, d.start.offset), bytes(text, d.end.offset), d.severity]));
  }
  ws.free();
  fs.rmSync(tmp, { recursive: true, force: true });
  assert.ok(cli.length >= 12, `findings: ${cli.length}`);
  assert.deepEqual(ours, cli);
});
