// The playground page: CodeMirror editors (one state per tab, plus the custom
// rules tab), the options bar, the examples menu, share links, the problems
// panel and the status line. Analysis runs in a Web Worker (analysis.js).
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { go } from "@codemirror/lang-go";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { Analysis } from "./analysis.js";
import { EXAMPLES } from "./examples.js";
import { encodeState, decodeState } from "./share.js";
import { h, clear } from "./dom.js";
import { fixLabel, hoverCard, problemRow } from "./findings.js";
import { FAMILIES, SEVERITY_RANK, defaultOptions, normaliseOptions, renderOptions } from "./options.js";
import { DEFAULT_RULES, RULES_TAB } from "./custom-rules.js";
import "./style.css";

const DEBOUNCE_MS = 150;
const $ = (id) => document.getElementById(id);

const app = {
  /** Go files in tab order: { path, state } (the active one's state lives in the view). */
  files: [],
  active: "main.go",
  rulesState: null,
  options: defaultOptions(),
  /** Bumped on every change of text or options: results for older versions are stale. */
  version: 0,
  sentVersion: -1,
  /** { version, diagnostics: { path: Diagnostic[] }, ms, ruleErrors, optionsError } */
  result: null,
  info: null,
  timer: 0,
  busy: false,
  /** Results dropped because the text or options changed after the request. */
  dropped: 0,
};

// ---------------------------------------------------------------- editors

const changeListener = EditorView.updateListener.of((update) => {
  if (update.docChanged) changed();
});

function goState(text) {
  return EditorState.create({
    doc: text,
    extensions: [basicSetup, keymap.of([indentWithTab]), go(), lintGutter(), changeListener],
  });
}

function rulesState(text) {
  return EditorState.create({ doc: text, extensions: [basicSetup, lintGutter(), changeListener] });
}

const view = new EditorView({ parent: $("editor"), state: goState("") });

/** The live state of a tab: the view's for the active one. */
function currentState(path) {
  return path === app.active ? view.state : storedState(path);
}

function storedState(path) {
  if (path === RULES_TAB) return app.rulesState;
  return app.files.find((f) => f.path === path)?.state;
}

function saveActive() {
  if (app.active === RULES_TAB) app.rulesState = view.state;
  else {
    const file = app.files.find((f) => f.path === app.active);
    if (file) file.state = view.state;
  }
}

function activate(path) {
  saveActive();
  app.active = path;
  view.setState(storedState(path) ?? goState(""));
  renderTabs();
  renderDiagnostics();
}

function texts() {
  saveActive();
  return app.files.map((f) => ({ path: f.path, text: f.state.doc.toString() }));
}

function rulesText() {
  saveActive();
  return app.rulesState.doc.toString();
}

// ---------------------------------------------------------------- analysis

const analysis = new Analysis({
  onReady(info) {
    app.info = info;
    renderExamples();
    renderOptions($("options"), app.options, setOption, info.customRules);
    renderStatus();
    renderRulesBanner();
  },
  onResult(result) {
    if (app.sentVersion !== app.version) {
      app.dropped++; // the text changed since: a newer check is on its way
      return;
    }
    app.result = { ...result, version: app.sentVersion };
    renderDiagnostics();
  },
  onBusy(busy) {
    app.busy = busy;
    renderStatus();
  },
  onFatal(message) {
    $("status").textContent = `faultline failed to load: ${message}`;
    console.warn(message);
  },
});

function changed() {
  app.version++;
  clearTimeout(app.timer);
  app.timer = setTimeout(sendCheck, DEBOUNCE_MS);
}

function sendCheck() {
  clearTimeout(app.timer);
  app.sentVersion = app.version;
  analysis.check({ files: texts(), options: wasmOptions(), rules: rulesText() });
}

/** The Workspace options for the current settings (families off become `ignore`). */
function wasmOptions() {
  const ignore = FAMILIES.filter(([f]) => f !== "custom" && !app.options.families[f]).map(([f]) => f);
  if (!app.options.escape) ignore.push("escape-hint");
  return { goVersion: app.options.goVersion, ignore };
}

function visible(diagnostic) {
  if (diagnostic.family === "custom" && !app.options.families.custom) return false;
  return (SEVERITY_RANK[diagnostic.severity] ?? 3) <= SEVERITY_RANK[app.options.minSeverity];
}

// ---------------------------------------------------------------- diagnostics

function renderDiagnostics() {
  const result = app.result;
  const all = result?.diagnostics ?? {};
  if (app.active === RULES_TAB) {
    view.dispatch(setDiagnostics(view.state, ruleErrorDiagnostics(view.state)));
  } else {
    const shown = (all[app.active] ?? []).filter(visible);
    view.dispatch(
      setDiagnostics(
        view.state,
        shown.map((d) => toLint(d, app.active)),
      ),
    );
  }
  renderProblems(all);
  renderTabs();
  renderRulesBanner();
  renderStatus();
}

function clampTo(state, offset) {
  return Math.max(0, Math.min(offset, state.doc.length));
}

function toLint(d, path) {
  const state = view.state;
  const from = clampTo(state, d.start.offset);
  const to = Math.max(from, clampTo(state, d.end.offset));
  return {
    from,
    to,
    severity: d.severity,
    source: d.code,
    message: d.message,
    renderMessage: () => hoverCard(d, app.info),
    actions: d.fix ? [{ name: fixLabel(d.fix), apply: () => applyFix(path, d.fix) }] : [],
  };
}

function applyFix(path, fix) {
  if (!app.result || app.result.version !== app.version) return; // offsets belong to an older text
  const changes = fix.edits.map((e) => ({ from: e.start, to: e.end, insert: e.newText }));
  if (path !== app.active) activate(path);
  view.dispatch({ changes, userEvent: "input.fix" });
  view.focus();
}

function jumpTo(path, d) {
  if (app.active !== path) activate(path);
  const from = clampTo(view.state, d.start.offset);
  view.dispatch({
    selection: { anchor: from, head: Math.max(from, clampTo(view.state, d.end.offset)) },
    scrollIntoView: true,
  });
  view.focus();
}

function renderProblems(all) {
  const body = clear($("problems-body"));
  let hidden = 0;
  const rows = [];
  for (const file of app.files) {
    for (const d of all[file.path] ?? []) {
      if (!visible(d)) {
        hidden++;
        continue;
      }
      rows.push(problemRow(file.path, d, { jump: () => jumpTo(file.path, d), fix: () => applyFix(file.path, d.fix) }));
    }
  }
  body.append(...rows);
  $("problems-empty").hidden = rows.length > 0;
  $("problems-count").textContent = `${rows.length} problem${rows.length === 1 ? "" : "s"}${
    hidden ? ` (${hidden} hidden by filters)` : ""
  }`;
}

// ---------------------------------------------------------------- custom rules

function ruleErrorDiagnostics(state) {
  const errors = app.result?.ruleErrors ?? [];
  return errors.map((e) => {
    const line = state.doc.line(Math.max(1, Math.min(e.line || 1, state.doc.lines)));
    const from = Math.min(line.from + Math.max(0, (e.column || 1) - 1), line.to);
    return { from, to: Math.max(from, line.to), severity: "error", source: "rules", message: e.message };
  });
}

function renderRulesBanner() {
  const banner = clear($("rules-banner"));
  banner.hidden = app.active !== RULES_TAB;
  if (banner.hidden || !app.info) return;
  if (!app.info.customRules) {
    banner.dataset.state = "unavailable";
    banner.append(
      h("strong", {}, "custom rules unavailable"),
      " in this build of faultline: the text below is kept (and shared) but not applied.",
    );
    return;
  }
  const errors = app.result?.ruleErrors ?? [];
  const optionsError = app.result?.optionsError;
  banner.dataset.state = errors.length || optionsError ? "errors" : "ok";
  if (!errors.length && !optionsError) {
    banner.append("Custom rules ([[rule]] tables, the format of .faultline/rules/*.toml) apply as you type.");
    return;
  }
  const list = h("ul", { class: "rule-errors" });
  for (const e of errors) list.append(h("li", {}, `${e.line}:${e.column}: ${e.message}`));
  if (optionsError && !errors.length) list.append(h("li", {}, optionsError));
  banner.append(h("strong", {}, "rule errors"), list);
}

// ---------------------------------------------------------------- tabs

function renderTabs() {
  const tabs = clear($("tabs"));
  const counts = app.result?.diagnostics ?? {};
  for (const file of app.files) {
    const n = (counts[file.path] ?? []).filter(visible).length;
    const tab = h(
      "div",
      { class: `tab${file.path === app.active ? " active" : ""}`, dataset: { path: file.path }, role: "tab" },
      h(
        "button",
        { class: "tab-name", onclick: () => activate(file.path), ondblclick: () => rename(file.path) },
        file.path,
        n ? h("span", { class: "tab-count" }, String(n)) : null,
      ),
      app.files.length > 1
        ? h("button", { class: "tab-close", title: `close ${file.path}`, onclick: () => closeFile(file.path) }, "×")
        : null,
    );
    tabs.append(tab);
  }
  tabs.append(
    h("button", { class: "tab-add", title: "add a file to the package", onclick: addFile }, "+"),
    h(
      "div",
      { class: `tab rules-tab${app.active === RULES_TAB ? " active" : ""}`, dataset: { path: RULES_TAB } },
      h("button", { class: "tab-name", onclick: () => activate(RULES_TAB) }, "Rules"),
    ),
  );
}

function addFile() {
  let n = app.files.length + 1;
  while (app.files.some((f) => f.path === `file${n}.go`)) n++;
  const path = `file${n}.go`;
  saveActive();
  app.files.push({ path, state: goState("package main\n") });
  activate(path);
  changed();
}

function closeFile(path) {
  if (app.files.length <= 1) return;
  saveActive();
  app.files = app.files.filter((f) => f.path !== path);
  if (app.active === path) {
    app.active = app.files[0].path;
    view.setState(app.files[0].state);
  }
  renderTabs();
  changed();
}

function rename(path) {
  const tab = document.querySelector(`.tab[data-path="${CSS.escape(path)}"]`);
  if (!tab) return;
  const input = h("input", { class: "tab-rename", value: path, spellcheck: "false" });
  const done = (commit) => {
    const name = input.value.trim();
    if (commit && name !== path && validName(name) && !app.files.some((f) => f.path === name)) {
      saveActive();
      const file = app.files.find((f) => f.path === path);
      file.path = name;
      if (app.active === path) app.active = name;
      changed();
    }
    renderTabs();
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") done(true);
    if (e.key === "Escape") done(false);
  });
  input.addEventListener("blur", () => done(true));
  tab.replaceChildren(input);
  input.focus();
  input.select();
}

const validName = (name) => /^[A-Za-z0-9_][A-Za-z0-9_.\-]*\.go$/.test(name) && name.length <= 100;

// ---------------------------------------------------------------- options

function setOption(key, value) {
  app.options = { ...app.options, [key]: value };
  if (key === "minSeverity" || (key === "families" && onlyCustomChanged(value))) {
    renderDiagnostics(); // a display filter: no new check needed
    return;
  }
  app.version++;
  sendCheck();
}

let lastFamilies = app.options.families;
function onlyCustomChanged(families) {
  const same = FAMILIES.every(([f]) => f === "custom" || families[f] === lastFamilies[f]);
  lastFamilies = families;
  return same;
}

// ---------------------------------------------------------------- examples

function renderExamples() {
  const select = clear($("examples"));
  const detected = new Set(app.info?.detected ?? EXAMPLES.map((e) => e.id));
  select.append(h("option", { value: "" }, "Examples…"));
  const groups = new Map();
  for (const example of EXAMPLES) {
    if (!groups.has(example.family)) groups.set(example.family, h("optgroup", { label: example.family }));
    const label = detected.has(example.id) ? example.title : `${example.title} (not detected by this build)`;
    groups.get(example.family).append(h("option", { value: example.id }, label));
  }
  select.append(...groups.values());
}

function loadExample(id) {
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return;
  const options = { ...app.options, goVersion: example.goVersion ?? "1.22" };
  options.escape = Boolean(example.escape);
  load({ files: example.files, active: example.files[0].path, options, rules: rulesText() });
}

/** Replaces every tab, the options and the rules text. */
function load(state) {
  app.files = state.files.map((f) => ({ path: f.path, state: goState(f.text) }));
  app.rulesState = rulesState(state.rules ?? "");
  app.options = normaliseOptions(state.options ?? {});
  lastFamilies = app.options.families;
  app.active =
    state.active === RULES_TAB || app.files.some((f) => f.path === state.active) ? state.active : app.files[0].path;
  view.setState(storedState(app.active));
  app.result = null;
  renderOptions($("options"), app.options, setOption, app.info?.customRules ?? true);
  renderTabs();
  renderDiagnostics();
  app.version++;
  sendCheck();
}

// ---------------------------------------------------------------- share

async function share() {
  const hash = await encodeState({
    files: texts(),
    active: app.active,
    options: app.options,
    rules: rulesText(),
  });
  history.replaceState(null, "", hash);
  const link = $("share-link");
  link.value = location.href;
  link.hidden = false;
  link.select();
  try {
    await navigator.clipboard.writeText(location.href);
    $("share-note").textContent = "link copied";
  } catch {
    $("share-note").textContent = "copy the link above";
  }
}

async function restoreFromHash() {
  try {
    const state = await decodeState(location.hash);
    if (state) {
      load(state);
      return true;
    }
  } catch (err) {
    $("share-note").textContent = `could not read the share link (${err.message})`;
  }
  return false;
}

// ---------------------------------------------------------------- status

function renderStatus() {
  const status = clear($("status"));
  if (!app.info) {
    status.append("loading faultline…");
    return;
  }
  const parts = [`faultline ${app.info.version}`, `${app.info.rules.length} rules`];
  if (app.info.customRules) parts.push("custom rules on");
  status.append(parts.join(" · "), " · ");
  const timing = h("span", { id: "check-time" });
  if (app.busy) timing.append("checking…");
  else if (app.result) {
    timing.dataset.ms = app.result.ms.toFixed(2);
    timing.append(`checked in ${app.result.ms < 10 ? app.result.ms.toFixed(1) : Math.round(app.result.ms)} ms`);
  }
  status.append(timing);
  status.dataset.busy = String(app.busy);
}

// ---------------------------------------------------------------- start

$("examples").addEventListener("change", (event) => {
  loadExample(event.target.value);
  event.target.value = "";
});
$("share").addEventListener("click", share);
window.addEventListener("hashchange", restoreFromHash);

// A read-only handle for the end-to-end test (never used by the page itself).
window.faultlinePlayground = {
  text: (path = app.active) => currentState(path)?.doc.toString(),
  version: () => app.version,
  resultVersion: () => app.result?.version ?? -1,
  checkMs: () => app.result?.ms,
  dropped: () => app.dropped + analysis.dropped,
};

renderStatus();
if (!(await restoreFromHash())) {
  const first = EXAMPLES[0];
  load({ files: first.files, active: first.files[0].path, options: defaultOptions(), rules: DEFAULT_RULES });
}
