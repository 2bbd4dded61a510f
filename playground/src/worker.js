// The analysis worker: owns a faultline Workspace (wasm) so that checking
// never blocks typing in the page. Requests carry every file's text; a file
// whose text changed is updated with one incremental edit (the changed middle
// between the common prefix and suffix). When requests pile up while a check
// runs, only the newest is checked: the older texts are already superseded.
import init, * as wasmExports from "faultline-wasm/web/faultline_wasm.js";
import wasmUrl from "faultline-wasm/web/faultline_wasm_bg.wasm?url";
import { EXAMPLES, satisfies } from "./examples.js";

// A plain object, so that exports a build may lack (ruleErrors, from the custom
// rules work) are looked up at run time rather than resolved by the bundler.
const faultline = { ...wasmExports };
let workspace = null;
/** path -> text the workspace holds */
const held = new Map();
let heldOptions = "";
/** The error setting `heldOptions` gave (the workspace then runs the rules that are fine). */
let heldOptionsError = null;
let lastRules = { text: null, errors: [] };
let pending = null;
let scheduled = false;

const customRulesSupported = () => typeof faultline.ruleErrors === "function";

async function start() {
  try {
    await init({ module_or_path: wasmUrl });
    workspace = new faultline.Workspace();
    const rules = faultline.rules();
    const docs = Object.fromEntries(rules.map((r) => [r.code, faultline.explain(r.code) ?? ""]));
    postMessage({
      type: "ready",
      version: faultline.version(),
      rules,
      docs,
      customRules: customRulesSupported(),
      detected: detectedExamples(),
    });
  } catch (err) {
    postMessage({ type: "fatal", message: String(err?.message ?? err) });
  }
}

/** Ids of the examples whose wanted diagnostics this build produces. */
function detectedExamples() {
  const detected = [];
  for (const example of EXAMPLES) {
    const ws = new faultline.Workspace({ goVersion: example.goVersion ?? "1.22" });
    try {
      for (const f of example.files) ws.setFile(f.path, f.text);
      const text = (path) => example.files.find((f) => f.path === path)?.text ?? "";
      const ok = example.want.every((w) => (ws.check(w.path) ?? []).some((d) => satisfies(d, w, text(w.path))));
      if (ok) detected.push(example.id);
    } finally {
      ws.free();
    }
  }
  return detected;
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg?.type !== "check") return;
  pending = msg; // a newer request replaces one not started yet
  if (!scheduled) {
    scheduled = true;
    setTimeout(runPending, 0);
  }
};

function runPending() {
  scheduled = false;
  const msg = pending;
  pending = null;
  if (!msg || !workspace) return;
  try {
    postMessage(check(msg));
  } catch (err) {
    postMessage({ type: "result", id: msg.id, error: String(err?.message ?? err), diagnostics: {}, ms: 0 });
  }
}

function check({ id, files, options, rules }) {
  const started = performance.now();
  const { optionsError, ruleErrors } = applyOptions(options, rules);
  const wanted = new Set(files.map((f) => f.path));
  for (const path of [...held.keys()]) {
    if (!wanted.has(path)) {
      workspace.removeFile(path);
      held.delete(path);
    }
  }
  for (const { path, text } of files) update(path, text);
  const diagnostics = {};
  for (const { path } of files) diagnostics[path] = workspace.check(path) ?? [];
  const ms = performance.now() - started;
  return { type: "result", id, diagnostics, ms, optionsError, ruleErrors };
}

/** Sets the workspace options; custom rules only when this build has them. */
function applyOptions(options, rules) {
  const wanted = { ...options };
  let ruleErrors = null;
  if (customRulesSupported() && rules.trim() !== "") {
    ruleErrors = errorsOf(rules);
    wanted.rules = rules;
  }
  const key = JSON.stringify(wanted);
  if (key === heldOptions) return { optionsError: heldOptionsError, ruleErrors };
  heldOptions = key;
  heldOptionsError = null;
  try {
    workspace.setOptions(wanted);
    return { optionsError: null, ruleErrors };
  } catch (err) {
    // Invalid custom rules must not switch the built-in rules off.
    const message = String(err?.message ?? err);
    if (wanted.rules === undefined) throw err;
    // Keep the rules that are fine: blank out the [[rule]] tables with errors.
    const good = withoutBrokenTables(rules, ruleErrors ?? []);
    for (const candidate of good === rules ? [undefined] : [good, undefined]) {
      const next = { ...wanted, rules: candidate };
      if (candidate === undefined) delete next.rules;
      try {
        workspace.setOptions(next);
        break;
      } catch {
        // try the next, smaller set of rules
      }
    }
    heldOptionsError = message;
    return { optionsError: message, ruleErrors };
  }
}

/** ruleErrors(text), computed once per rules text. */
function errorsOf(text) {
  if (lastRules.text !== text) lastRules = { text, errors: faultline.ruleErrors(text) };
  return lastRules.errors;
}

/**
 * The rules text with every `[[rule]]` table that holds a reported error
 * turned into blank lines (so line numbers stay put); `text` itself when no
 * error falls inside a table.
 */
function withoutBrokenTables(text, errors) {
  const lines = text.split("\n");
  const starts = lines.flatMap((l, i) => (/^\s*\[\[rule\]\]/.test(l) ? [i] : []));
  let changed = false;
  for (const [k, start] of starts.entries()) {
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    if (errors.some((e) => e.line - 1 >= start && e.line - 1 < end)) {
      for (let i = start; i < end; i++) lines[i] = "";
      changed = true;
    }
  }
  return changed ? lines.join("\n") : text;
}

function update(path, text) {
  const before = held.get(path);
  if (before === text) return;
  if (before === undefined) {
    workspace.setFile(path, text);
  } else {
    let start = 0;
    const max = Math.min(before.length, text.length);
    while (start < max && before.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && before.charCodeAt(before.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) {
      end++;
    }
    // Never split a surrogate pair: the workspace edits whole characters.
    if (start > 0 && isHighSurrogate(text.charCodeAt(start - 1))) start--;
    if (end > 0 && isLowSurrogate(text.charCodeAt(text.length - end))) end--;
    if (!workspace.editFile(path, start, before.length - end, text.slice(start, text.length - end))) {
      workspace.setFile(path, text);
    }
  }
  held.set(path, text);
}

const isHighSurrogate = (c) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff;

start();
