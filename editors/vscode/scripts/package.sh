#!/usr/bin/env bash
# Builds the extension and packages it into a .vsix.
#   scripts/package.sh OUT.vsix                         universal vsix, no binary (server from faultline.path or PATH)
#   scripts/package.sh OUT.vsix linux-x64 path/to/faultline   platform vsix with the server bundled in bin/
# Other targets work the same with a binary built for them (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"
target="${2:-}"
binary="${3:-}"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
rm -rf bin dist
node esbuild.mjs --production
args=(package --no-dependencies --no-update-package-json --no-git-tag-version --allow-missing-repository --skip-license --out "$out")
if [ -n "$target" ]; then
  [ -n "$binary" ] || { echo "package.sh: a platform target needs the binary to bundle" >&2; exit 2; }
  mkdir -p bin
  case "$target" in win32-*) exe=faultline.exe ;; *) exe=faultline ;; esac
  cp "$binary" "bin/$exe"
  chmod +x "bin/$exe"
  # A debug build carries ~120 MB of symbols the extension does not need.
  if [ "$target" = linux-x64 ] && command -v strip >/dev/null; then strip "bin/$exe"; fi
  args+=(--target "$target")
fi
npx vsce "${args[@]}" >/dev/null
rm -rf bin
