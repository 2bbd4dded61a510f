// A small markdown renderer for the rule docs that explain() returns:
// headings, paragraphs, bullet lists, fenced code and `inline code`. It builds
// DOM nodes with text content only, so nothing in the docs can become markup.
import { h } from "./dom.js";

export function renderMarkdown(markdown, { headingOffset = 0 } = {}) {
  const out = document.createDocumentFragment();
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  let paragraph = [];
  let list = null;
  const flushParagraph = () => {
    if (paragraph.length) out.append(h("p", {}, inline(paragraph.join(" "))));
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.append(list);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^```(\w*)\s*$/);
    if (fence) {
      flushParagraph();
      flushList();
      const body = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      out.append(h("pre", { class: "md-code", dataset: { lang: fence[1] || "text" } }, h("code", {}, body.join("\n"))));
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      flushParagraph();
      flushList();
      const level = Math.min(6, heading[1].length + headingOffset);
      out.append(h(`h${level}`, {}, inline(heading[2])));
      continue;
    }
    const item = line.match(/^\s*[-*]\s+(.*)$/);
    if (item) {
      flushParagraph();
      list ??= h("ul");
      list.append(h("li", {}, inline(item[1])));
      continue;
    }
    if (line.trim() === "") {
      flushParagraph();
      flushList();
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      // continuation of the last list item
      list.lastChild.append(" ", ...inline(line.trim()));
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return out;
}

/** `code` spans become <code>; everything else stays text. */
function inline(text) {
  const parts = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m; (m = re.exec(text)); last = re.lastIndex) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(h("code", {}, m[1]));
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
