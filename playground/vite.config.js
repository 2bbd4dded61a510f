// Builds the playground into dist/: two static pages (the editor and the rule
// reference), a module Web Worker that runs the faultline wasm package, and
// the .wasm file as a separate asset. Nothing is fetched from elsewhere at
// run time, and the built pages carry a Content-Security-Policy that says so.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
// The npm package built by scripts/build-wasm.sh (or $FAULTLINE_WASM_PKG).
const wasmPkg = path.resolve(process.env.FAULTLINE_WASM_PKG ?? path.join(here, "..", "wasm", "pkg"));

// 'wasm-unsafe-eval' lets WebAssembly compile; styles stay 'unsafe-inline'
// because CodeMirror sets element styles at run time. No remote origin anywhere.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

// Only in the build: the dev server's live reload needs its websocket.
const cspMeta = {
  name: "faultline-csp",
  apply: "build",
  transformIndexHtml: () => [
    { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: CSP }, injectTo: "head-prepend" },
  ],
};

// Test only: a stand-in for the custom-rules API of issue 11 (see the file).
const fakeCustom = process.env.FAULTLINE_PLAYGROUND_FAKE_CUSTOM === "1";
const alias = [
  ...(fakeCustom
    ? [
        {
          find: "faultline-wasm/web/faultline_wasm.js",
          replacement: path.join(here, "test", "fake-custom-rules", "faultline_wasm.js"),
        },
        { find: "faultline-wasm-real", replacement: wasmPkg },
      ]
    : []),
  { find: "faultline-wasm", replacement: wasmPkg },
];

export default defineConfig({
  base: "./",
  plugins: [cspMeta],
  resolve: { alias },
  worker: { format: "es" },
  server: { host: "127.0.0.1", fs: { allow: [here, wasmPkg] } },
  preview: { host: "127.0.0.1" },
  build: {
    outDir: fakeCustom ? "dist-fake-custom" : "dist",
    target: "es2022",
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { main: path.join(here, "index.html"), rules: path.join(here, "rules.html") },
    },
  },
});
