#!/usr/bin/env bash
# Gets the playground ready to serve: the wasm package (scripts/build-wasm.sh,
# skipped when wasm/pkg is newer than the Rust sources), `npm ci` (skipped when
# package-lock.json is unchanged since the last install), then `vite build`
# into playground/dist/. Used by scripts/playground and the check script.
# Honours CARGO_TARGET_DIR and FAULTLINE_WASM_PKG. Quiet unless failing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/playground"
target_dir=${CARGO_TARGET_DIR:-$root/target}
log="$target_dir/playground-prepare.log"
mkdir -p "$target_dir"
: >"$log"

quiet() {
    if ! "$@" >>"$log" 2>&1; then
        echo "playground: failed: $*" >&2
        tail -n 60 "$log" >&2
        exit 1
    fi
}

pkg=${FAULTLINE_WASM_PKG:-$root/wasm/pkg}
wasm="$pkg/web/faultline_wasm_bg.wasm"
if [ -z "${FAULTLINE_WASM_PKG:-}" ]; then
    stale=""
    if [ -f "$wasm" ] && [ -f "$pkg/node/faultline_wasm.js" ]; then
        stale=$(find "$root/core/src" "$root/wasm/src" "$root/Cargo.lock" "$root/Cargo.toml" "$root/wasm/Cargo.toml" "$root/core/Cargo.toml" \
            -newer "$wasm" -print -quit)
    else
        stale=missing
    fi
    if [ -n "$stale" ]; then
        echo "playground: building the wasm package (scripts/build-wasm.sh)" >&2
        quiet "$root/scripts/build-wasm.sh"
    fi
fi
if [ ! -f "$wasm" ]; then
    echo "playground: no wasm package at $pkg" >&2
    exit 1
fi

cd "$here"
stamp="node_modules/.faultline-lock.sha"
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    quiet npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" >"$stamp"
fi
quiet npx vite build
