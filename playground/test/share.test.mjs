// Share links round-trip the state through CompressionStream + base64url, and
// a damaged or hostile link is rejected or sanitised, never trusted.
import test from "node:test";
import assert from "node:assert/strict";
import { encodeState, decodeState } from "../src/share.js";

const state = {
  files: [
    { path: "main.go", text: "package main\n\n// 😀 日本 </script><img src=x onerror=alert(1)>\n" },
    { path: "util.go", text: "package main\n".repeat(2000) },
  ],
  active: "util.go",
  options: { goVersion: "1.21", escape: true, families: { "race-risk": false }, minSeverity: "warning" },
  rules: '[[rule]]\nid = "x"\n',
};

test("round trip", async () => {
  const hash = await encodeState(state);
  assert.match(hash, /^#s=[A-Za-z0-9_-]+$/);
  assert.ok(hash.length < 1000, `compressed: ${hash.length} chars`);
  assert.deepEqual(await decodeState(hash), state);
});

test("no share state in other hashes", async () => {
  assert.equal(await decodeState(""), null);
  assert.equal(await decodeState("#NIL002"), null);
});

test("damaged links throw", async () => {
  const hash = await encodeState(state);
  await assert.rejects(decodeState(hash.slice(0, 20)));
  await assert.rejects(decodeState("#s=!!!"));
});

test("hostile fields are dropped", async () => {
  const hash = await encodeState({
    files: [
      { path: 7, text: "x" },
      { path: "a.go", text: "package a\n" },
    ],
    rules: 5,
  });
  const out = await decodeState(hash);
  assert.deepEqual(out.files, [{ path: "a.go", text: "package a\n" }]);
  assert.equal(out.rules, "");
  await assert.rejects(decodeState(await encodeState({ files: [] })), /no files/);
});
