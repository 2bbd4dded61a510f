// `npm pack` gives a publishable tarball; installed into a fresh folder it
// works from require() and import, with README, licences and types inside.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { pkgDir } from "./load.mjs";

const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("npm pack, install the tarball into a temp project, use it from Node", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-wasm-pack-"));
  try {
    const [info] = JSON.parse(npm(["pack", "--json", "--pack-destination", tmp, pkgDir], tmp));
    const files = info.files.map((f) => f.path).sort();
    for (const f of ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY-NOTICES.md", "package.json"]) {
      assert.ok(files.includes(f), `${f} in ${files}`);
    }
    for (const dir of ["node", "web", "bundler"]) {
      assert.ok(files.includes(`${dir}/faultline_wasm.d.ts`), `${dir} types`);
      assert.ok(files.includes(`${dir}/faultline_wasm_bg.wasm`), `${dir} wasm`);
    }
    const project = path.join(tmp, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    npm(["install", "--no-audit", "--no-fund", "--offline", path.join(tmp, info.filename)], project);
    const source = "package p\nfunc f() { go func() { recover() }() }\n";
    const cjs = execFileSync(
      process.execPath,
      ["-e", `const f = require("faultline-wasm"); console.log(JSON.stringify([f.version(), f.check(${JSON.stringify(source)}).map(d => d.code)]))`],
      { cwd: project, encoding: "utf8" },
    );
    const esm = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", `import { check, Workspace } from "faultline-wasm"; const w = new Workspace(); w.setFile("a.go", ${JSON.stringify(source)}); console.log(JSON.stringify(w.check("a.go").map(d => d.code).concat(check("").length)))`],
      { cwd: project, encoding: "utf8" },
    );
    const web = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", `import init, { initSync, rules } from "faultline-wasm/web"; import { readFileSync } from "node:fs"; import { createRequire } from "node:module"; const bytes = readFileSync(createRequire(import.meta.url).resolve("faultline-wasm/faultline_wasm_bg.wasm")); initSync({ module: bytes }); console.log(rules().length > 0)`],
      { cwd: project, encoding: "utf8" },
    );
    const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
    assert.deepEqual(JSON.parse(cjs), [version, ["PANIC001"]]);
    assert.deepEqual(JSON.parse(esm), ["PANIC001", 0]);
    assert.equal(web.trim(), "true");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
