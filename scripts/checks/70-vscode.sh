#!/usr/bin/env bash
# VS Code extension (editors/vscode): type check, bundle, package; a fast
# `node --test` of the server launched with the extension's own options; then
# the real editor: code-server 4.100.3 (VS Code 1.100.3) with the linux-x64
# .vsix installed, driven by headless Chromium (playwright-core): diagnostics,
# squiggles, a light-bulb quick fix, Fix All, a live settings change, Explain.
# Installs once (cached under the cargo target dir): npm ci, Debian chromium,
# code-server (~300 MB). Set FAULTLINE_VSCODE_E2E=0 to skip the browser part.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')}"
ext="$root/editors/vscode"
cache="$target/editors"
mkdir -p "$cache"

cargo build --quiet -p faultline --bin faultline
bin="$target/debug/faultline"

cd "$ext"
# npm ci only when the lockfile changed since the last install.
stamp="node_modules/.faultline-lock.sha"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_sum" >"$stamp"
fi
npx tsc --noEmit -p .
node esbuild.mjs
FAULTLINE_BIN="$bin" node --test test/server.test.mjs >"$cache/vscode-node-test.log" 2>&1 || {
  cat "$cache/vscode-node-test.log" >&2
  exit 1
}
echo "vscode: node --test: $(grep -E '^# (pass|fail)' "$cache/vscode-node-test.log" | tr '\n' ' ')"

vsix="$cache/faultline-linux-x64.vsix"
scripts/package.sh "$vsix" linux-x64 "$bin"
echo "vscode: packaged $(basename "$vsix") ($(($(stat -c %s "$vsix") / 1024)) KiB)"

if [ "${FAULTLINE_VSCODE_E2E:-1}" = 0 ]; then
  echo "vscode: code-server e2e skipped (FAULTLINE_VSCODE_E2E=0)"
  exit 0
fi
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
fi
scripts/install-code-server.sh "$cache/code-server"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! CODE_SERVER="$cache/code-server/node_modules/.bin/code-server" VSIX="$vsix" WORK="$work" \
  timeout 300 node test/e2e/code-server.mjs >"$work/report.json" 2>"$work/err.log"; then
  echo "vscode: code-server e2e FAILED" >&2
  cat "$work/err.log" >&2
  cp "$work/failure.png" "$cache/vscode-e2e-failure.png" 2>/dev/null && echo "screenshot: $cache/vscode-e2e-failure.png" >&2
  exit 1
fi
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = r["ms"]
steps = ", ".join(f"{k} {v} ms" for k, v in m.items())
print(f'vscode: code-server e2e (VS Code {r["activated"]["vscode"]}, server {r["clientStarted"]["server"]["source"]}): '
      f'{r["squiggles"]["error"]} error + {r["squiggles"]["warning"]} warning squiggles, quick fix, fix all, inlay hint, '
      f'live settings, explain {r["explained"]["code"]}: {steps}')
PY
