#!/usr/bin/env bash
# The wasm side: faultline-core builds for wasm32-unknown-unknown; the npm
# package builds (scripts/build-wasm.sh installs its pinned tools); the Rust
# API passes wasm-bindgen-test under Node; the built package passes its Node
# tests (API, UTF-16 positions, Workspace and go.mod, never-throws fuzzing,
# web/bundler builds, npm pack + install, parity with the CLI's JSON).
# Honours CARGO_TARGET_DIR. Quiet unless failing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
log="$target_dir/check-wasm.log"
mkdir -p "$target_dir"
: >"$log"

quiet() {
    if ! "$@" >>"$log" 2>&1; then
        echo "30-wasm: failed: $*" >&2
        tail -n 80 "$log" >&2
        exit 1
    fi
}

scripts/build-wasm.sh >>"$log"
quiet cargo build -p faultline-core --target wasm32-unknown-unknown
echo "30-wasm: faultline-core builds for wasm32-unknown-unknown"
grep "^build-wasm:" "$log" || true

quiet env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p faultline-wasm --target wasm32-unknown-unknown
echo "30-wasm: wasm-bindgen-test under Node passed"

# The shipped .d.ts files compile, strictly, for a consumer (TypeScript pinned).
ts="$target_dir/wasm-tools/typescript"
if [ "$(node -p "try{require('$ts/node_modules/typescript/package.json').version}catch{''}")" != 5.9.3 ]; then
    quiet npm install --prefix "$ts" --no-save --no-audit --no-fund --loglevel=error typescript@5.9.3
fi
consumer="$target_dir/wasm-typecheck"
rm -rf "$consumer"
mkdir -p "$consumer/node_modules"
cp wasm/npm/typecheck/consumer.ts wasm/npm/typecheck/tsconfig.json "$consumer/"
echo '{ "type": "module", "private": true }' >"$consumer/package.json"
ln -s "$root/wasm/pkg" "$consumer/node_modules/faultline-wasm"
quiet node "$ts/node_modules/typescript/bin/tsc" -p "$consumer/tsconfig.json"
echo "30-wasm: the package's TypeScript types compile for a strict consumer"

quiet cargo build -p faultline
quiet env FAULTLINE_BIN="$target_dir/debug/faultline" node --test wasm/npm/test/*.test.mjs
echo "30-wasm: Node tests of the built package passed ($(grep -c '^ok ' "$log") tests, incl. parity with the CLI)"
