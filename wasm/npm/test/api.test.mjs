// rules(), explain(), version(): the metadata side of the API.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { faultline, pkgDir, repoRoot } from "./load.mjs";

test("version() is the crate version and the package version", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  const cargo = fs.readFileSync(path.join(repoRoot, "Cargo.toml"), "utf8");
  const crate = /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/.exec(cargo)[1];
  assert.equal(faultline.version(), crate);
  assert.equal(pkg.version, crate);
});

test("rules() lists every rule with its metadata", () => {
  const rules = faultline.rules();
  assert.ok(rules.length >= 5);
  const families = new Set(["nil-contract", "escape-hint", "race-risk", "panic-path"]);
  const prefix = { "nil-contract": "NIL", "escape-hint": "ESC", "race-risk": "RACE", "panic-path": "PANIC" };
  for (const r of rules) {
    assert.match(r.code, /^(NIL|ESC|RACE|PANIC)\d{3}$/);
    assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(families.has(r.family), r.family);
    assert.ok(r.code.startsWith(prefix[r.family]), `${r.code} in ${r.family}`);
    assert.ok(["error", "warning", "info", "hint"].includes(r.defaultSeverity));
    assert.ok(["none", "sometimes", "always"].includes(r.fix));
    assert.equal(typeof r.summary, "string");
  }
  assert.equal(new Set(rules.map((r) => r.code)).size, rules.length, "codes are unique");
  const panic = rules.find((r) => r.code === "PANIC001");
  assert.equal(panic.name, "ineffective-recover");
  assert.equal(panic.family, "panic-path");
});

test("explain() returns each rule's markdown docs, undefined for unknown codes", () => {
  for (const r of faultline.rules()) {
    const docs = faultline.explain(r.code);
    assert.equal(typeof docs, "string");
    assert.ok(docs.length > 0, r.code);
  }
  assert.match(faultline.explain("PANIC001"), /recover/);
  assert.equal(faultline.explain("panic001"), faultline.explain("PANIC001"));
  assert.equal(faultline.explain("NOPE999"), undefined);
  assert.equal(faultline.explain(""), undefined);
});
