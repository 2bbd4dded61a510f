// The rule reference page: a table of rules() and each rule's explain() docs,
// rendered as text-only DOM. Loads the wasm package on the page itself (no
// typing to keep responsive here).
import init, * as faultline from "faultline-wasm/web/faultline_wasm.js";
import wasmUrl from "faultline-wasm/web/faultline_wasm_bg.wasm?url";
import { h } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import "./style.css";

await init({ module_or_path: wasmUrl });
document.getElementById("version").textContent = `faultline ${faultline.version()}`;
const index = document.getElementById("rule-index");
const docs = document.getElementById("rule-docs");
for (const rule of faultline.rules()) {
  index.append(
    h(
      "tr",
      { dataset: { code: rule.code } },
      h("td", {}, h("a", { href: `#${rule.code}` }, rule.code)),
      h("td", {}, rule.name),
      h("td", {}, rule.family),
      h("td", {}, h("span", { class: `badge sev-${rule.defaultSeverity}` }, rule.defaultSeverity)),
      h("td", {}, rule.fix),
      h("td", {}, rule.summary),
    ),
  );
  docs.append(
    h(
      "section",
      { class: "rule-doc", id: rule.code },
      h("h2", {}, `${rule.code} ${rule.name}`),
      h("p", { class: "note" }, `${rule.family} · default severity ${rule.defaultSeverity} · quick fix: ${rule.fix}`),
      renderMarkdown(faultline.explain(rule.code) ?? "", { headingOffset: 2 }),
    ),
  );
}
if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
document.body.dataset.ready = "true";
