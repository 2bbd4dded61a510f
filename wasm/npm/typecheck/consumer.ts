// Compiled with `tsc --noEmit --strict` against the built package's types
// (scripts/checks/30-wasm.sh): the shipped .d.ts files are valid and say what
// the API does. Each `@ts-expect-error` line must stay an error.
import { check, explain, rules, version, Workspace } from "faultline-wasm";
import type { CheckOptions, Diagnostic, OptionsError, Position, RuleInfo, Severity } from "faultline-wasm";
import init, { initSync } from "faultline-wasm/web";

const options: CheckOptions = { goVersion: "1.21", select: ["NIL", "RACE001"], ignore: ["ESC"], severity: { NIL001: "error" }, path: "a_test.go" };
const found: Diagnostic[] = check("package p\n", options);
check("package p\n");
for (const d of found) {
  const start: Position = d.start;
  const severity: Severity = d.severity;
  const text: string = "package p\n".slice(start.offset, d.end.offset);
  const newTexts: string[] = d.fix?.edits.map((e) => e.newText) ?? [];
  void [severity, text, newTexts, d.related[0]?.message, d.family === "nil-contract"];
}
const ws = new Workspace();
const ws2 = new Workspace({ goVersion: "1.22" });
ws.setFile("a/go.mod", "module a\n\ngo 1.21\n");
ws.setFile("a/b.go", "package b\n");
const maybe: Diagnostic[] | undefined = ws.check("a/b.go");
const edited: boolean = ws.editFile("a/b.go", 0, 0, "// x\n");
ws.setOptions({ ignore: ["ALL"] });
ws.setOptions();
ws.removeFile("a/b.go");
const paths: string[] = ws.paths();
const held: string | undefined = ws.getFile("a/b.go");
ws.free();
ws2.free();
const all: RuleInfo[] = rules();
const docs: string | undefined = explain("NIL001");
const v: string = version();
try {
  check("", { select: ["NOPE"] });
} catch (e) {
  const err = e as OptionsError;
  const which: string = err.option;
  void which;
}
void [maybe, edited, paths, held, all, docs, v, init, initSync];

// @ts-expect-error: severities are a closed set
check("", { severity: { NIL001: "fatal" } });
// @ts-expect-error: goVersion is a string
check("", { goVersion: 1.21 });
// @ts-expect-error: a Workspace takes no path
new Workspace({ path: "x.go" });
// @ts-expect-error: check(path) may be undefined
const definite: Diagnostic[] = ws.check("a/b.go");
void definite;
