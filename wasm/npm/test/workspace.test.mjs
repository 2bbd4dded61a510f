// The Workspace class: files by path, go.mod versions, incremental edits.
import test from "node:test";
import assert from "node:assert/strict";
import { faultline, covered, assertSaneDiagnostics } from "./load.mjs";

const recoverInGoroutine = `package app

func Start() {
	go func() { recover() }()
}
`;

const loopCapture = `package app

func Spawn(xs []int) {
	for _, x := range xs {
		go func() {
			println(x)
		}()
	}
}
`;

test("setFile, check, removeFile, paths, getFile", () => {
  const ws = new faultline.Workspace();
  try {
    ws.setFile("app/start.go", recoverInGoroutine);
    ws.setFile("app/other.go", "package app\n\nfunc Other() {}\n");
    ws.setFile("lib/start.go", "package lib\n");
    assert.deepEqual(ws.paths(), ["app/other.go", "app/start.go", "lib/start.go"]);
    const found = ws.check("app/start.go");
    assert.deepEqual(found.map((d) => d.code), ["PANIC001"]);
    assert.equal(covered(recoverInGoroutine, found[0]), "recover()");
    assert.deepEqual(ws.check("app/other.go"), []);
    assert.equal(ws.check("nope.go"), undefined);
    assert.equal(ws.getFile("app/other.go"), "package app\n\nfunc Other() {}\n");
    // Replacing a file replaces its findings.
    ws.setFile("app/start.go", "package app\n");
    assert.deepEqual(ws.check("app/start.go"), []);
    ws.removeFile("app/start.go");
    assert.equal(ws.check("app/start.go"), undefined);
    assert.deepEqual(ws.paths(), ["app/other.go", "lib/start.go"]);
    ws.removeFile("never/added.go"); // no-op, no throw
  } finally {
    ws.free();
  }
});

test("editFile applies UTF-16 edits incrementally", () => {
  const ws = new faultline.Workspace();
  const before = "package app\n\n// 😀 日本\nfunc Start() {\n\t\n}\n";
  ws.setFile("a.go", before);
  assert.deepEqual(ws.check("a.go"), []);
  const at = before.indexOf("\t\n") + 1;
  const insert = "go func() { recover() }()";
  assert.equal(ws.editFile("a.go", at, at, insert), true);
  const after = before.slice(0, at) + insert + before.slice(at);
  assert.equal(ws.getFile("a.go"), after);
  const found = ws.check("a.go");
  assertSaneDiagnostics(assert, after, found);
  assert.deepEqual(found.map((d) => [d.code, covered(after, d)]), [["PANIC001", "recover()"]]);
  // Out-of-range and reversed offsets are clamped, never thrown.
  assert.equal(ws.editFile("a.go", 1e9, 5, ""), true);
  assert.equal(ws.getFile("a.go"), after.slice(0, 5));
  assert.equal(ws.editFile("missing.go", 0, 0, "x"), false);
  ws.free();
});

// RACE001 (loop-variable-capture) applies only below Go 1.22, where a `for`
// loop has one variable for all iterations: the go.mod in the workspace decides.
test("a go.mod set with setFile decides the Go version (RACE001)", () => {
  const ws = new faultline.Workspace();
  const codes = () => ws.check("svc/app/spawn.go").map((d) => d.code);
  ws.setFile("svc/app/spawn.go", loopCapture);
  assert.ok(!codes().includes("RACE001"), "default Go version is 1.22: no capture bug");
  ws.setFile("svc/go.mod", "module example.com/svc\n\ngo 1.21\n");
  assert.ok(codes().includes("RACE001"), `go 1.21 module: ${JSON.stringify(ws.check("svc/app/spawn.go"))}`);
  const d = ws.check("svc/app/spawn.go").find((d) => d.code === "RACE001");
  assertSaneDiagnostics(assert, loopCapture, [d]);
  ws.setFile("svc/go.mod", "module example.com/svc\n\ngo 1.22.3\n");
  assert.ok(!codes().includes("RACE001"), "go 1.22 module");
  ws.setFile("svc/go.mod", "module example.com/svc\n\ngo 1.20\n");
  assert.ok(codes().includes("RACE001"));
  ws.removeFile("svc/go.mod");
  assert.ok(!codes().includes("RACE001"), "go.mod removed: default again");
  // The goVersion option overrides go.mod; a //go:build floor beats both.
  ws.setFile("svc/go.mod", "module example.com/svc\n\ngo 1.22\n");
  ws.setOptions({ goVersion: "1.21" });
  assert.ok(codes().includes("RACE001"), "goVersion option 1.21");
  ws.setFile("svc/app/spawn.go", "//go:build go1.22\n\n" + loopCapture);
  assert.ok(!codes().includes("RACE001"), "//go:build go1.22 floor");
  ws.free();
});

test("the one-shot check takes goVersion too (RACE001)", () => {
  assert.ok(faultline.check(loopCapture, { goVersion: "1.21" }).some((d) => d.code === "RACE001"));
  assert.ok(!faultline.check(loopCapture, { goVersion: "1.22" }).some((d) => d.code === "RACE001"));
});

test("Workspace options: set at construction, replaced by setOptions, validated", () => {
  const ws = new faultline.Workspace({ ignore: ["PANIC001"] });
  ws.setFile("a.go", recoverInGoroutine);
  assert.deepEqual(ws.check("a.go"), []);
  ws.setOptions({ severity: { PANIC001: "hint" } });
  assert.deepEqual(ws.check("a.go").map((d) => d.severity), ["hint"]);
  ws.setOptions();
  assert.deepEqual(ws.check("a.go").map((d) => d.severity), ["warning"]);
  assert.throws(() => ws.setOptions({ select: ["NOPE"] }), { name: "OptionsError", option: "select" });
  assert.throws(() => ws.setOptions({ path: "a.go" }), { name: "OptionsError", message: /path/ });
  assert.throws(() => new faultline.Workspace({ goVersion: "one" }), { name: "OptionsError", option: "goVersion" });
  // A failed setOptions keeps the previous options.
  assert.deepEqual(ws.check("a.go").map((d) => d.severity), ["warning"]);
  ws.free();
});
