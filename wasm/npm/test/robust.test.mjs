// Never throws on source text: random bytes, lone surrogates, huge and deep inputs.
import test from "node:test";
import assert from "node:assert/strict";
import { faultline, assertSaneDiagnostics, covered } from "./load.mjs";

// A small deterministic PRNG so failures reproduce.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const goSnippets = [
  "package p\n", "func f() {", "}", "go func() { recover() }()", "defer func() {", "for _, x := range xs {",
  "var m map[string]int\n", "m[\"k\"] = 1\n", "if p == nil {", "p.x", "\"", "`", "/*", "//", "(", ")", "{", "\n",
  "😀", "日本", "\uD800", "\uDC00", "\r\n", "\0", "\u2028", "interface{", "chan<-", "...", ":=",
];

function randomSource(next, length) {
  let out = "";
  while (out.length < length) {
    const r = next();
    if (r < 0.5) out += goSnippets[Math.floor(next() * goSnippets.length)];
    else if (r < 0.8) out += String.fromCharCode(Math.floor(next() * 0x10000)); // any code unit, surrogates too
    else out += String.fromCharCode(32 + Math.floor(next() * 95));
  }
  return out;
}

test("random Go-ish text and random code units never throw", () => {
  const next = rng(42);
  const ws = new faultline.Workspace();
  for (let i = 0; i < 150; i++) {
    const source = randomSource(next, Math.floor(next() * 2000));
    const found = faultline.check(source);
    assertSaneDiagnostics(assert, source, found);
    ws.setFile(`f${i % 7}.go`, source);
    assertSaneDiagnostics(assert, source, ws.check(`f${i % 7}.go`));
    ws.editFile(`f${i % 7}.go`, Math.floor(next() * 3000), Math.floor(next() * 3000), randomSource(next, 20));
    assert.ok(Array.isArray(ws.check(`f${i % 7}.go`)));
  }
  ws.free();
});

test("random bytes decoded as Latin-1 and as UTF-8 never throw", () => {
  const next = rng(7);
  for (let i = 0; i < 40; i++) {
    const bytes = Buffer.from(Array.from({ length: Math.floor(next() * 4000) }, () => Math.floor(next() * 256)));
    for (const source of [bytes.toString("latin1"), bytes.toString("utf8")]) {
      assertSaneDiagnostics(assert, source, faultline.check(source));
    }
  }
});

test("lone surrogates keep UTF-16 offsets aligned with the JS string", () => {
  const source = "package p\n\nvar s = \"\uD83D\" // \uDE00\uD800\n\nfunc f() {\n\tgo func() { recover() }()\n}\n";
  const found = faultline.check(source);
  assert.deepEqual(found.map((d) => [d.code, covered(source, d)]), [["PANIC001", "recover()"]]);
  assertSaneDiagnostics(assert, source, found);
  const ws = new faultline.Workspace();
  ws.setFile("p.go", source);
  // What the workspace holds reads lone surrogates as U+FFFD, one unit each.
  assert.equal(ws.getFile("p.go"), source.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
  assert.equal(ws.getFile("p.go").length, source.length);
  ws.free();
});

test("1 MB of dense Go with a finding every few lines", () => {
  const unit = "func f%() {\n\tgo func() { recover() }() // 😀 日本\n\tx := []int{1, 2, 3}\n\t_ = x\n}\n\n";
  const count = Math.ceil((1024 * 1024) / unit.length);
  let source = "package big\n\n";
  for (let i = 0; i < count; i++) source += unit.replace("%", String(i));
  const found = faultline.check(source, { select: ["PANIC001"] });
  assert.equal(found.length, count);
  assert.ok(found.every((d) => covered(source, d) === "recover()"));
  assertSaneDiagnostics(assert, source, [found[0], found[found.length - 1]]);
});

// 10 MB, cheaply: tree-sitter's error recovery on dense junk is slow (about
// 2 s per 400 KB natively, superlinear), so the bulk sits in a comment and a
// raw string, with junk bytes, lone surrogates and real findings around them.
// NUL is left out of the comment: tree-sitter's lexer reads it as the end of
// input, which would turn the rest of the file into error recovery.
test("10 MB source with binary junk and lone surrogates: positions past 10 M stay exact", () => {
  const next = rng(5);
  const junk = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))).toString("latin1");
  const finding = "\nfunc g() { go func() { recover() }() }\n";
  const source =
    "package big\n" + finding +
    "/*" + junk(5 * 1024 * 1024).replaceAll("\0", " ").replaceAll("*/", "*_") + "\uD800*/\n" + finding +
    "var s = `" + "😀日本\uDC00".repeat(1024 * 1024).replaceAll("`", "'") + "`\n" + finding;
  assert.ok(source.length >= 10 * 1024 * 1024);
  const found = faultline.check(source);
  assertSaneDiagnostics(assert, source, found);
  assert.deepEqual(found.map((d) => [d.code, covered(source, d)]), Array(3).fill(["PANIC001", "recover()"]));
  assert.equal(found[2].start.offset, source.lastIndexOf("recover()"));
  assert.ok(found[2].start.offset > 10 * 1024 * 1024);
});

test("raw binary junk, deep nesting and huge lines never throw", () => {
  const next = rng(99);
  const junk = Buffer.from(Array.from({ length: 96 * 1024 }, () => Math.floor(next() * 256))).toString("latin1");
  assert.ok(Array.isArray(faultline.check(junk)));
  const deep = [
    "package p\nvar x = " + "(".repeat(200000),
    "package p\nfunc f() {" + "{".repeat(200000),
    "package p\nvar x = " + "[]".repeat(100000) + "int{}",
    "package p\nfunc f() {\n" + "if x {\n".repeat(20000) + "}\n".repeat(20000) + "}",
    "package p\nvar s = \"" + "a".repeat(5 * 1024 * 1024),
    "",
    "\uFEFF",
  ];
  for (const source of deep) assertSaneDiagnostics(assert, source, faultline.check(source));
  // Still healthy afterwards: nothing poisoned the module.
  assert.equal(faultline.check("package p\nfunc f() { go func() { recover() }() }\n").length, 1);
});
