// The web and bundler builds load too (from Node, which is what CI has), and
// the package's `exports` conditions resolve to the right build.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { pkgDir } from "./load.mjs";

const source = "package p\n\n// 😀\nfunc f() { go func() { recover() }() }\n";
const expectCovered = (found) =>
  assert.deepEqual(found.map((d) => [d.code, source.slice(d.start.offset, d.end.offset)]), [["PANIC001", "recover()"]]);

test("web build: initSync with the module's bytes, then the same API", async () => {
  const web = await import(pathToFileURL(path.join(pkgDir, "web", "faultline_wasm.js")).href);
  const bytes = fs.readFileSync(path.join(pkgDir, "web", "faultline_wasm_bg.wasm"));
  web.initSync({ module: bytes });
  expectCovered(web.check(source));
  const ws = new web.Workspace();
  ws.setFile("p/f.go", source);
  expectCovered(ws.check("p/f.go"));
  ws.free();
  assert.ok(web.rules().length >= 5);
});

test("bundler build: ES module importing the .wasm (Node's wasm ESM integration stands in for a bundler)", () => {
  const script = `
    import * as f from ${JSON.stringify(pathToFileURL(path.join(pkgDir, "bundler", "faultline_wasm.js")).href)};
    const found = f.check(${JSON.stringify(source)});
    process.stdout.write(JSON.stringify(found.map((d) => [d.code, d.start.offset, d.end.offset])));
  `;
  const out = execFileSync(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  const start = source.indexOf("recover()");
  assert.deepEqual(JSON.parse(out), [["PANIC001", start, start + "recover()".length]]);
});

test("package.json exports: node condition -> node build, default -> bundler, subpaths for each target", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkg.name, "faultline-wasm");
  const dot = pkg.exports["."];
  assert.deepEqual(Object.keys(dot), ["node", "default"]);
  assert.equal(dot.node.default, "./node/faultline_wasm.js");
  assert.equal(dot.default.default, "./bundler/faultline_wasm.js");
  for (const [sub, dir] of [["./node", "node"], ["./web", "web"], ["./bundler", "bundler"]]) {
    for (const key of ["types", "default"]) {
      assert.ok(pkg.exports[sub][key].startsWith(`./${dir}/`));
      assert.ok(fs.existsSync(path.join(pkgDir, pkg.exports[sub][key])), pkg.exports[sub][key]);
    }
  }
  // Every build ships the hand-written types.
  for (const dir of ["node", "web", "bundler"]) {
    const dts = fs.readFileSync(path.join(pkgDir, dir, "faultline_wasm.d.ts"), "utf8");
    for (const name of ["interface Diagnostic", "interface CheckOptions", "interface OptionsError", "class Workspace"]) {
      assert.ok(dts.includes(name), `${dir}: ${name}`);
    }
    assert.match(dts, /export function check\(source: string, options\?: CheckOptions \| null\): Diagnostic\[\];/);
  }
});
