// How a finding is shown: the hover card over its squiggle (message, related
// places, the rule's summary and docs) and its row in the problems panel.
// Text only: every string goes through h() as a text node.
import { h } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

export function fixLabel(fix) {
  return fix.applicability === "unsafe" ? `${fix.title} (review)` : fix.title;
}

/** The hover card: the finding, then the rule's summary and documentation. */
export function hoverCard(d, info) {
  const rule = info?.rules.find((r) => r.code === d.code);
  const docs = info?.docs[d.code];
  return h(
    "div",
    { class: "hover-card" },
    h("div", { class: "hover-title" }, h("strong", {}, d.code), ` ${d.name} · ${d.severity}`),
    h("div", { class: "hover-message" }, d.message),
    d.related.map((r) => h("div", { class: "hover-related" }, `line ${r.start.line}: ${r.message}`)),
    rule ? h("div", { class: "hover-summary" }, rule.summary) : null,
    docs ? h("div", { class: "hover-docs" }, renderMarkdown(docs, { headingOffset: 3 })) : null,
    rule ? h("a", { href: `rules.html#${d.code}`, target: "_blank", rel: "noopener" }, "rule reference") : null,
  );
}

/** A row of the problems panel; `jump()` shows the finding, `fix()` applies its quick fix. */
export function problemRow(path, d, { jump, fix }) {
  return h(
    "tr",
    {
      class: `problem sev-${d.severity}`,
      dataset: { code: d.code, line: String(d.start.line), file: path, severity: d.severity },
      onclick: jump,
      onkeydown: (event) => event.key === "Enter" && event.target === event.currentTarget && jump(),
      tabindex: "0",
      title: "click to jump to the finding",
    },
    h("td", { class: "p-file" }, path),
    h("td", { class: "p-line" }, `${d.start.line}:${d.start.column}`),
    h("td", { class: "p-sev" }, h("span", { class: `badge sev-${d.severity}` }, d.severity)),
    h("td", { class: "p-code" }, d.code),
    h("td", { class: "p-name" }, d.name),
    h("td", { class: "p-msg" }, d.message),
    h(
      "td",
      { class: "p-fix" },
      d.fix
        ? h(
            "button",
            {
              class: "fix",
              dataset: { applicability: d.fix.applicability },
              title: d.fix.applicability === "unsafe" ? "this fix may change behaviour: review it" : "safe fix",
              onclick: (event) => {
                event.stopPropagation();
                fix();
              },
            },
            fixLabel(d.fix),
          )
        : null,
    ),
  );
}
