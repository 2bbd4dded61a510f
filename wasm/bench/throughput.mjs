// Throughput, cold start and warm checks of the built package under Node,
// against the native CLI on one thread over the same files.
//
//   node wasm/bench/throughput.mjs [DIR] [--max-files N]
//   FAULTLINE_BIN=target/release/faultline node wasm/bench/throughput.mjs /usr/share/go-1.19/src
//
// DIR defaults to Debian's golang-1.19-src (/usr/share/go-1.19/src). Files
// under testdata/ and vendor/ are skipped, as the CLI skips them. Each
// directory is one Workspace (so sibling files count, as in the CLI).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(process.env.FAULTLINE_WASM_PKG ?? path.join(here, "..", "pkg"));
const args = process.argv.slice(2);
const maxFiles = args.includes("--max-files") ? Number(args[args.indexOf("--max-files") + 1]) : Infinity;
const root = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--max-files") ?? "/usr/share/go-1.19/src";

const cold = execFileSync(process.execPath, ["-e", `
  const t0 = performance.now();
  const f = require(${JSON.stringify(path.join(pkgDir, "node", "faultline_wasm.js"))});
  const t1 = performance.now();
  let src = "package p\\n\\nimport \\"fmt\\"\\n\\n";
  for (let i = 0; src.split("\\n").length < 100; i++) src += "func f" + i + "(m map[string]int, xs []int) {\\n\\tfor _, x := range xs {\\n\\t\\tgo func() { fmt.Println(x) }()\\n\\t}\\n\\tm[\\"k\\"] = 1\\n}\\n\\n";
  f.check(src);
  const t2 = performance.now();
  console.log(JSON.stringify({ instantiate: t1 - t0, firstCheck: t2 - t1 }));
`], { encoding: "utf8" });
const { instantiate, firstCheck } = JSON.parse(cold);

const faultline = createRequire(import.meta.url)(path.join(pkgDir, "node", "faultline_wasm.js"));

// Warm: a 1,000-line file already in a workspace, checked again; and after a one-character edit.
let big = "package p\n\nimport \"fmt\"\n\n";
for (let i = 0; big.split("\n").length < 1000; i++) {
  big += `func f${i}(m map[string]int, xs []int, p *T) {\n\tfor _, x := range xs {\n\t\tgo func() { fmt.Println(x, p.v) }()\n\t}\n\tif p == nil {\n\t\tfmt.Println(p.v)\n\t}\n\tm["k"] = 1\n}\n\n`;
}
const ws = new faultline.Workspace();
ws.setFile("w/big.go", big);
for (let i = 0; i < 10; i++) ws.check("w/big.go"); // let the engine optimise the module first
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const warmCheck = median(Array.from({ length: 30 }, () => { const t = performance.now(); ws.check("w/big.go"); return performance.now() - t; }));
const warmEdit = median(Array.from({ length: 30 }, (_, i) => {
  const at = big.indexOf("fmt.Println(x", 1000 + i * 300);
  const t = performance.now();
  ws.editFile("w/big.go", at, at, " ");
  ws.check("w/big.go");
  const ms = performance.now() - t;
  ws.editFile("w/big.go", at, at + 1, "");
  return ms;
}));
ws.free();

function collect(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (out.length >= maxFiles) return out;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "testdata" && e.name !== "vendor" && !e.name.startsWith(".")) collect(p, out);
    } else if (e.isFile() && e.name.endsWith(".go")) out.push(p);
  }
  return out;
}
const files = fs.existsSync(root) ? collect(root, []) : [];
const byDir = new Map();
for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
// go.mod / go.work files of a directory and its ancestors, as the CLI finds them.
const modCache = new Map();
function modFiles(dir) {
  if (modCache.has(dir)) return modCache.get(dir);
  const parent = path.dirname(dir);
  const found = parent === dir ? [] : [...modFiles(parent)];
  for (const name of ["go.mod", "go.work"]) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) found.push([p, fs.readFileSync(p, "utf8")]);
  }
  modCache.set(dir, found);
  return found;
}
let bytes = 0, findings = 0;
const t0 = performance.now();
for (const [dir, group] of byDir) {
  const w = new faultline.Workspace();
  for (const [p, text] of modFiles(dir)) w.setFile(p, text);
  for (const f of group) {
    const text = fs.readFileSync(f, "utf8");
    bytes += Buffer.byteLength(text);
    w.setFile(f, text);
  }
  for (const f of group) findings += w.check(f).length;
  w.free();
}
const wasmSeconds = (performance.now() - t0) / 1000;

let native = null;
if (process.env.FAULTLINE_BIN && files.length) {
  const t = performance.now();
  let out;
  try {
    // `--select ALL`: the package runs every rule by default, escape hints
    // included; the CLI leaves them off unless selected. `--no-cache`: a
    // rerun would otherwise be answered from the result cache.
    out = execFileSync(process.env.FAULTLINE_BIN, ["check", "--format", "json", "--no-config", "--no-cache", "--select", "ALL", "--max-file-size", "1000000000", ...files], {
      encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, RAYON_NUM_THREADS: "1" },
    });
  } catch (e) {
    out = e.stdout;
  }
  const json = JSON.parse(out);
  native = { seconds: (performance.now() - t) / 1000, files: json.files_checked, findings: json.diagnostics.length };
}

const mb = bytes / 1e6;
const report = {
  corpus: root,
  files: files.length,
  megabytes: +mb.toFixed(1),
  wasm: { seconds: +wasmSeconds.toFixed(2), mbPerSecond: +(mb / wasmSeconds).toFixed(2), findings },
  native: native && { ...native, seconds: +native.seconds.toFixed(2), mbPerSecond: +(mb / native.seconds).toFixed(2) },
  wasmVsNative: native ? +(native.seconds / wasmSeconds).toFixed(2) : null,
  coldStartMs: { instantiate: +instantiate.toFixed(1), firstCheck100Lines: +firstCheck.toFixed(1) },
  warm1000LinesMs: { check: +warmCheck.toFixed(2), editAndCheck: +warmEdit.toFixed(2) },
};
console.log(JSON.stringify(report, null, 2));
