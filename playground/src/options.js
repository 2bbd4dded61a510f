// The options bar: Go version, rule families, escape hints, severity filter.
// Families and escape hints select rules in the worker; the severity filter
// and the custom family only filter what is shown.
import { h, clear } from "./dom.js";

export const GO_VERSIONS = ["1.20", "1.21", "1.22", "1.23", "1.24", "1.25"];
export const FAMILIES = [
  ["nil-contract", "nil"],
  ["race-risk", "race"],
  ["panic-path", "panic"],
  ["custom", "custom"],
];
export const SEVERITY_RANK = { error: 0, warning: 1, info: 2, hint: 3 };

export function defaultOptions() {
  return {
    goVersion: "1.22",
    families: Object.fromEntries(FAMILIES.map(([f]) => [f, true])),
    escape: false,
    minSeverity: "hint",
  };
}

/** Options from a share link (untrusted): unknown or malformed values become defaults. */
export function normaliseOptions(options) {
  const out = defaultOptions();
  if (GO_VERSIONS.includes(options.goVersion)) out.goVersion = options.goVersion;
  for (const [family] of FAMILIES) {
    if (typeof options.families?.[family] === "boolean") out.families[family] = options.families[family];
  }
  if (typeof options.escape === "boolean") out.escape = options.escape;
  if (Object.hasOwn(SEVERITY_RANK, options.minSeverity ?? "")) out.minSeverity = options.minSeverity;
  return out;
}

/**
 * Fills `bar` with the option controls for `options`; `set(key, value)` on
 * every change. The custom family's switch is disabled when the wasm build
 * has no custom rules.
 */
export function renderOptions(bar, options, set, customAvailable) {
  clear(bar);
  const goSelect = h(
    "select",
    { id: "go-version", title: "Go language version (loop variables are per-iteration from 1.22)" },
    GO_VERSIONS.map((v) => h("option", { value: v, selected: v === options.goVersion }, `Go ${v}`)),
  );
  goSelect.addEventListener("change", () => set("goVersion", goSelect.value));
  bar.append(h("label", { class: "opt" }, goSelect));

  const families = h("span", { class: "opt families", title: "rule families" });
  for (const [family, label] of FAMILIES) {
    const unavailable = family === "custom" && !customAvailable;
    const box = h("input", {
      type: "checkbox",
      id: `family-${family}`,
      checked: options.families[family],
      disabled: unavailable,
      title: unavailable ? "custom rules unavailable in this build" : null,
    });
    box.addEventListener("change", () => set("families", { ...options.families, [family]: box.checked }));
    families.append(h("label", {}, box, label));
  }
  bar.append(families);

  const escape = h("input", { type: "checkbox", id: "escape-hints", checked: options.escape });
  escape.addEventListener("change", () => set("escape", escape.checked));
  bar.append(h("label", { class: "opt", title: "ESC: values moved to the heap (hints)" }, escape, "escape hints"));

  const severity = h(
    "select",
    { id: "min-severity", title: "show findings of at least this severity" },
    [
      ["hint", "all severities"],
      ["info", "info and up"],
      ["warning", "warning and up"],
      ["error", "errors only"],
    ].map(([v, label]) => h("option", { value: v, selected: v === options.minSeverity }, label)),
  );
  severity.addEventListener("change", () => set("minSeverity", severity.value));
  bar.append(h("label", { class: "opt" }, severity));
}
