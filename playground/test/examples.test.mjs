// Every example of the menu, checked with the built wasm package under Node:
// it produces the diagnostic it is there to show, on the intended line, and
// nothing else. A want naming only a family prefix ("RACE") belongs to a rule
// still being written: it passes when absent, and must be exact when present.
import test from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXAMPLES, lineOf, satisfies } from "../src/examples.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(process.env.FAULTLINE_WASM_PKG ?? path.join(here, "..", "..", "wasm", "pkg"));
const faultline = createRequire(import.meta.url)(path.join(pkg, "node", "faultline_wasm.js"));

for (const example of EXAMPLES) {
  test(`example ${example.id}`, (t) => {
    const ignore = example.escape ? [] : ["escape-hint"];
    const ws = new faultline.Workspace({ goVersion: example.goVersion ?? "1.22", ignore });
    try {
      for (const f of example.files) ws.setFile(f.path, f.text);
      const found = example.files.flatMap((f) => ws.check(f.path).map((d) => ({ ...d, path: f.path })));
      const text = (p) => example.files.find((f) => f.path === p).text;
      for (const want of example.want) {
        assert.ok(lineOf(text(want.path), want.line) > 0, `"${want.line}" is in ${want.path}`);
        const hit = found.some((d) => d.path === want.path && satisfies(d, want, text(want.path)));
        const exact = /\d$/.test(want.code);
        if (exact) assert.ok(hit, `${want.code} on "${want.line}"; found ${describe(found)}`);
        else if (!hit) t.diagnostic(`${example.id}: ${want.code} not detected by this build (rule pending)`);
      }
      // Nothing else: an example shows its one pattern.
      const extra = found.filter((d) => !example.want.some((w) => w.path === d.path && satisfies(d, w, text(d.path))));
      assert.deepEqual(describe(extra), "", "unexpected diagnostics");
    } finally {
      ws.free();
    }
  });
}

test("examples name their family and have unique ids", () => {
  const families = new Set(faultline.rules().map((r) => r.family));
  assert.equal(new Set(EXAMPLES.map((e) => e.id)).size, EXAMPLES.length);
  for (const e of EXAMPLES) assert.ok(families.has(e.family), `${e.id}: family ${e.family}`);
  for (const family of families)
    assert.ok(
      EXAMPLES.some((e) => e.family === family),
      `an example of ${family}`,
    );
});

function describe(diagnostics) {
  return diagnostics.map((d) => `${d.path}:${d.start.line} ${d.code}`).join(", ");
}
