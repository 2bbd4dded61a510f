#!/usr/bin/env bash
# Installs the system packages and Rust components the tests need. Idempotent:
# each step is skipped when already satisfied. Pinned versions live here and in
# the check scripts that need them.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v clang >/dev/null 2>&1 || need_apt+=(clang)          # tree-sitter-go's C for wasm32
[ -d /usr/lib/go-1.19/src ] || need_apt+=(golang-1.19-src)      # the standard library corpus
command -v go >/dev/null 2>&1 || need_apt+=(golang-go)          # compiler oracle for escape hints
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "apt-get install ${need_apt[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
