// The one-shot check(source, options): findings, UTF-16 positions, fixes, options.
import test from "node:test";
import assert from "node:assert/strict";
import { faultline, covered, assertSaneDiagnostics, applyFix } from "./load.mjs";

const goroutineRecover = `package main

func main() {
	go func() { recover() }()
}
`;

test("flags recover() in a goroutine (PANIC001)", () => {
  const found = faultline.check(goroutineRecover);
  const d = found.find((d) => d.code === "PANIC001");
  assert.ok(d, JSON.stringify(found));
  assert.equal(d.name, "ineffective-recover");
  assert.equal(d.family, "panic-path");
  assert.equal(d.severity, "warning");
  assert.match(d.message, /goroutine/);
  assert.equal(covered(goroutineRecover, d), "recover()");
  assert.deepEqual(d.start, { line: 4, column: 14, offset: goroutineRecover.indexOf("recover()") });
  assert.equal(d.related.length, 1);
  assert.equal(covered(goroutineRecover, d.related[0]), "func() { recover() }");
  assertSaneDiagnostics(assert, goroutineRecover, found);
});

const wide = `package main

// 日本語のコメント 😀😀 and 𝒢𝑜
func main() {
	s := "🎉中文🎉"; go func() { recover() }(); _ = s
}

func helper() {
	if r := recover(); r != nil { // 👀
		println("😀", r)
	}
}

func usesHelper() {
	defer func() { /* 🧨 */ helper() }()
}
`;

for (const [label, source] of [
  ["LF", wide],
  ["CRLF", wide.replaceAll("\n", "\r\n")],
  ["lone surrogates", wide.replace("// 日本", "// \uD800日本\uDFFF").replace("🎉中文🎉", "\uDBFF中文\uDC00")],
]) {
  test(`UTF-16 offsets and columns with CJK, emoji (${label}) slice exactly the flagged text`, () => {
    const found = faultline.check(source);
    assertSaneDiagnostics(assert, source, found);
    const panics = found.filter((d) => d.code === "PANIC001");
    assert.ok(panics.length >= 2, JSON.stringify(found, null, 1));
    const inGoroutine = panics.find((d) => /goroutine/.test(d.message));
    assert.equal(covered(source, inGoroutine), "recover()");
    const lines = source.split("\n");
    assert.equal(inGoroutine.start.line, 5);
    assert.ok(lines[4].slice(inGoroutine.start.column - 1).startsWith("recover()"), lines[4]);
    assert.equal(inGoroutine.end.column - inGoroutine.start.column, "recover()".length);

    // The fix for a helper called from a deferred closure: its edits are UTF-16 too.
    const helper = panics.find((d) => d.fix);
    assert.ok(helper, "a PANIC001 finding with a fix");
    const fixed = applyFix(source, helper.fix);
    assert.match(fixed, /defer helper\(\)/);
    assert.equal(fixed.replace("defer helper()", "defer func() { /* 🧨 */ helper() }()"), source, "only the edit changed");
  });
}

test("options: select, ignore, severity, path", () => {
  assert.equal(faultline.check(goroutineRecover, { select: ["NIL"] }).length, 0);
  assert.equal(faultline.check(goroutineRecover, { ignore: ["panic-path"] }).length, 0);
  assert.equal(faultline.check(goroutineRecover, { ignore: ["PANIC"], select: ["PANIC001"] }).length, 1);
  const [d] = faultline.check(goroutineRecover, { select: ["PANIC001"], severity: { panic001: "error" } });
  assert.equal(d.severity, "error");
  assert.equal(faultline.check(goroutineRecover, { path: "x_test.go", select: ["ALL"] }).length, 1);
  // undefined and null mean defaults; empty lists too.
  assert.deepEqual(faultline.check(goroutineRecover, undefined), faultline.check(goroutineRecover));
  assert.deepEqual(faultline.check(goroutineRecover, null), faultline.check(goroutineRecover));
  assert.deepEqual(faultline.check(goroutineRecover, { select: [], ignore: [] }), faultline.check(goroutineRecover));
});

test("invalid options throw an OptionsError naming the option", () => {
  const cases = [
    [{ select: ["NIL999"] }, "select", /NIL999/],
    [{ ignore: ["NIL999"] }, "ignore", /NIL999/],
    [{ goVersion: "latest" }, "goVersion", /latest/],
    [{ goVersion: 1.21 }, "goVersion", /`goVersion`: expected a string like "1.22", found the number 1.21/],
    [{ severity: { NIL001: "fatal" } }, "severity", /fatal/],
    [{ severity: { XYZ001: "error" } }, "severity", /XYZ001/],
    [{ colour: "red" }, "colour", /unknown option `colour`/],
    [{ goversion: "1.21" }, "goversion", /goVersion/],
    [{ select: "NIL" }, "select", /`select`: expected an array of rule codes or families, found the string "NIL"/],
    [{ ignore: ["NIL", 7] }, "ignore", /found the number 7/],
    [{ severity: ["NIL001"] }, "severity", /expected an object/],
    [{ severity: { NIL001: 2 } }, "severity", /found the number 2/],
    [{ path: {} }, "path", /expected a file name string/],
    ["NIL", "", /expected an options object, found the string "NIL"/],
    [[], "", /expected an options object, found an array/],
    [42, "", /found the number 42/],
  ];
  for (const [options, option, message] of cases) {
    assert.throws(
      () => faultline.check(goroutineRecover, options),
      (e) => {
        assert.ok(e instanceof Error);
        assert.equal(e.name, "OptionsError");
        assert.equal(e.option, option, JSON.stringify(options));
        assert.match(e.message, /^faultline: invalid options: /);
        assert.match(e.message, message);
        return true;
      },
      JSON.stringify(options),
    );
  }
  // The module is not poisoned by the errors.
  assert.equal(faultline.check(goroutineRecover).length, 1);
});
