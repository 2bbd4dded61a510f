// A test double of the custom-rules API (issue 11) for wasm builds that lack
// it, so that the Rules tab's flow is tested end to end before the real one
// lands: `ruleErrors(text)` and `WorkspaceOptions.rules`. Only understands
// what the browser test writes: `[[rule]]` tables with `id`, `message`,
// `severity` and a `query` naming a selector call through `#eq? @pkg` and
// `#eq? @fn`; a query with unbalanced parentheses is an error. Used only when
// vite is run with FAULTLINE_PLAYGROUND_FAKE_CUSTOM=1 (never in dist/).
import init, * as real from "faultline-wasm-real/web/faultline_wasm.js";

export default init;
export const { check, rules, explain, version, initSync } = real;

/** Problems in a rules text: { message, line, column }[] */
export function ruleErrors(text) {
  return parse(text).errors;
}

function parse(text) {
  const rules = [];
  const errors = [];
  const lines = text.split("\n");
  let rule = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*#/.test(line)) continue;
    if (/^\s*\[\[rule\]\]\s*$/.test(line)) {
      rule = { line: i + 1 };
      rules.push(rule);
      continue;
    }
    const kv = line.match(/^\s*(\w+)\s*=\s*(.*)$/);
    if (!kv || !rule) continue;
    let value = kv[2];
    if (value.startsWith("'''")) {
      const body = [];
      for (i++; i < lines.length && !lines[i].startsWith("'''"); i++) body.push(lines[i]);
      value = body.join("\n");
    } else {
      value = value.replace(/^"(.*)"$/, "$1");
    }
    rule[kv[1]] = value;
    if (kv[1] === "query") {
      const open = (value.match(/\(/g) ?? []).length;
      const close = (value.match(/\)/g) ?? []).length;
      if (open !== close) {
        errors.push({ message: `rule \`${rule.id}\`: query: unbalanced parentheses`, line: i + 1, column: 9 });
        rule.broken = true;
      }
    }
  }
  return { rules: rules.filter((r) => r.id && r.query && !r.broken), errors };
}

export class Workspace {
  constructor(options) {
    this.inner = new real.Workspace(strip(options));
    this.custom = parse(options?.rules ?? "").rules;
  }
  // Strict, as a real implementation may be: any broken rule rejects the options.
  setOptions(options) {
    const parsed = parse(options?.rules ?? "");
    if (parsed.errors.length) throw Object.assign(new Error(parsed.errors[0].message), { name: "OptionsError" });
    this.inner.setOptions(strip(options));
    this.custom = parsed.rules;
  }
  setFile(path, text) {
    this.inner.setFile(path, text);
  }
  editFile(path, start, end, newText) {
    return this.inner.editFile(path, start, end, newText);
  }
  removeFile(path) {
    this.inner.removeFile(path);
  }
  getFile(path) {
    return this.inner.getFile(path);
  }
  paths() {
    return this.inner.paths();
  }
  free() {
    this.inner.free();
  }
  check(path) {
    const found = this.inner.check(path);
    if (!found) return found;
    const text = this.inner.getFile(path) ?? "";
    for (const rule of this.custom) {
      const pkg = rule.query.match(/#eq\? @pkg "(\w+)"/)?.[1];
      const fn = rule.query.match(/#eq\? @fn "(\w+)"/)?.[1];
      if (!pkg || !fn) continue;
      const needle = `${pkg}.${fn}(`;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        found.push(diagnostic(rule, text, at, at + needle.length - 1));
      }
    }
    return found;
  }
}

function strip(options) {
  if (!options) return options;
  const { rules: _rules, ...rest } = options;
  return rest;
}

function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n"), offset };
}

function diagnostic(rule, text, start, end) {
  return {
    code: rule.id,
    name: rule.id,
    family: "custom",
    severity: rule.severity ?? "warning",
    message: rule.message ?? rule.id,
    start: position(text, start),
    end: position(text, end),
    related: [],
  };
}
