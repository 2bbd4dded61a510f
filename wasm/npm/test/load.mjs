// Loads the built package (wasm/pkg, or $FAULTLINE_WASM_PKG) the way Node users do.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
export const pkgDir = path.resolve(process.env.FAULTLINE_WASM_PKG ?? path.join(here, "..", "..", "pkg"));
export const repoRoot = path.resolve(here, "..", "..", "..");
export const faultline = createRequire(import.meta.url)(path.join(pkgDir, "node", "faultline_wasm.js"));

/** The text a diagnostic (or related span) covers in `source`. */
export const covered = (source, span) => source.slice(span.start.offset, span.end.offset);

/** Asserts a position is a sane UTF-16 position of `source`. */
export function assertSanePosition(assert, source, pos) {
  assert.ok(Number.isInteger(pos.offset) && pos.offset >= 0 && pos.offset <= source.length, `offset ${pos.offset}`);
  assert.ok(Number.isInteger(pos.line) && pos.line >= 1, `line ${pos.line}`);
  assert.ok(Number.isInteger(pos.column) && pos.column >= 1, `column ${pos.column}`);
  const before = source.slice(0, pos.offset);
  const line = before.split("\n").length;
  const column = pos.offset - (before.lastIndexOf("\n") + 1) + 1;
  assert.deepEqual({ line: pos.line, column: pos.column }, { line, column }, `position of offset ${pos.offset}`);
}

export function assertSaneDiagnostics(assert, source, diagnostics) {
  assert.ok(Array.isArray(diagnostics));
  for (const d of diagnostics) {
    assertSanePosition(assert, source, d.start);
    assertSanePosition(assert, source, d.end);
    assert.ok(d.start.offset <= d.end.offset);
    for (const r of d.related) {
      assertSanePosition(assert, source, r.start);
      assertSanePosition(assert, source, r.end);
    }
    for (const e of d.fix?.edits ?? []) {
      assert.ok(0 <= e.start && e.start <= e.end && e.end <= source.length, `edit ${e.start}..${e.end}`);
    }
  }
}

/** Applies a fix's edits (UTF-16 offsets, non-overlapping) to a source. */
export function applyFix(source, fix) {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  for (const e of edits) source = source.slice(0, e.start) + e.newText + source.slice(e.end);
  return source;
}
