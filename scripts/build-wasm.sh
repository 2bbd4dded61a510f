#!/usr/bin/env bash
# Builds the npm package `faultline-wasm` into wasm/pkg/ (or $FAULTLINE_WASM_OUT):
# nodejs (CommonJS), web and bundler (ES modules) builds of crate faultline-wasm,
# each run through wasm-opt, plus package.json, README, licences and types.
#
# Installs its own tools first, pinned and only when missing: the
# wasm32-unknown-unknown target, clang (compiles tree-sitter's C for wasm),
# wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock, and npm
# `binaryen` for wasm-opt (Debian's binaryen 108 produced a module that crashes
# on load). Honours CARGO_TARGET_DIR. Quiet unless something fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
out=${FAULTLINE_WASM_OUT:-$root/wasm/pkg}
tools="$target_dir/wasm-tools/binaryen"
binaryen_version=132.0.0
log="$target_dir/build-wasm.log"
mkdir -p "$target_dir" "$tools"
: >"$log"

# Runs a command with its output in the log; shows the log if it fails.
quiet() {
    if ! "$@" >>"$log" 2>&1; then
        echo "build-wasm: failed: $*" >&2
        tail -n 60 "$log" >&2
        exit 1
    fi
}

install_tools() {
    if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        quiet rustup target add wasm32-unknown-unknown
    fi
    if ! command -v clang >/dev/null; then
        quiet apt-get update
        quiet env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang
    fi
    local want
    want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
    if [ -z "$want" ]; then
        echo "build-wasm: no wasm-bindgen in Cargo.lock" >&2
        exit 1
    fi
    if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
        echo "build-wasm: installing wasm-bindgen-cli $want (takes a few minutes, once)" >&2
        quiet cargo install wasm-bindgen-cli --version "=$want"
    fi
    if [ "$(node -p "try{require('$tools/node_modules/binaryen/package.json').version}catch{''}")" != "$binaryen_version" ]; then
        quiet npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "binaryen@$binaryen_version"
    fi
}

build() {
    # Profile wasm-release (root Cargo.toml): fat LTO, one codegen unit, cold crates built for size.
    quiet cargo build --profile wasm-release -p faultline-wasm --target wasm32-unknown-unknown \
        --manifest-path "$root/Cargo.toml"
    local wasm="$target_dir/wasm32-unknown-unknown/wasm-release/faultline_wasm.wasm"
    rm -rf "$out"
    mkdir -p "$out"
    local name dir
    for name in nodejs web bundler; do
        dir=$name
        [ "$name" = nodejs ] && dir=node
        quiet wasm-bindgen --target "$name" --out-dir "$out/$dir" --out-name faultline_wasm "$wasm"
        quiet "$tools/node_modules/.bin/wasm-opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
            "$out/$dir/faultline_wasm_bg.wasm" -o "$out/$dir/faultline_wasm_bg.wasm"
    done
    # web/ and bundler/ hold ES modules, node/ CommonJS: say so to Node.
    echo '{ "type": "module" }' >"$out/web/package.json"
    echo '{ "type": "module" }' >"$out/bundler/package.json"
    cp "$root/wasm/npm/README.md" "$root/wasm/npm/LICENSE-MIT" "$root/wasm/npm/LICENSE-APACHE" \
        "$root/wasm/npm/THIRD-PARTY-NOTICES.md" "$out/"
    local version
    version=$(cargo metadata --no-deps --format-version 1 --manifest-path "$root/Cargo.toml" |
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="faultline-wasm");process.stdout.write(p.version)})')
    node -e '
        const fs = require("fs");
        const pkg = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
        pkg.version = process.argv[2];
        fs.writeFileSync(process.argv[3], JSON.stringify(pkg, null, 2) + "\n");
    ' "$root/wasm/npm/package.json" "$version" "$out/package.json"
}

install_tools
build
raw=$(stat -c %s "$out/web/faultline_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/web/faultline_wasm_bg.wasm" | wc -c)
echo "build-wasm: $out (faultline_wasm_bg.wasm: $raw bytes, $gz gzip -9)"
