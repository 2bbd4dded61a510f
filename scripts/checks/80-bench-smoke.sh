#!/usr/bin/env bash
# The benchmark script works (issue 12): scripts/bench.sh on a small corpus
# (examples/) with unoptimised binaries, one round, scaling and wasm included,
# peers and the language-server run left out (minutes each). Checks that the report is
# written with every section and figure it promises; never fails on timing.
# Honours CARGO_TARGET_DIR. Quiet unless failing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target_dir"
log="$target_dir/check-bench-smoke.log"
out="$target_dir/bench-smoke.md"
: >"$log"
rm -f "$out"

fail() {
	echo "80-bench-smoke: $*" >&2
	[[ -s "$log" ]] && tail -n 40 "$log" >&2
	[[ -s "$out" ]] && head -n 40 "$out" >&2
	exit 1
}

# The wasm section reuses the package 30-wasm.sh built from this tree, when there is one.
wasm_pkg=()
[[ -f "$root/wasm/pkg/node/faultline_wasm.js" ]] && wasm_pkg=(WASM_PKG="$root/wasm/pkg")
env "${wasm_pkg[@]}" CORPUS="$root/examples" RUNS=1 PER_FAMILY=1 PEERS=0 SCALE=1 SCALE_RUNS=1 LSP=0 WASM=1 \
	PROFILE=dev OUT="$out" scripts/bench.sh >>"$log" 2>&1 || fail "scripts/bench.sh failed"

[[ -s "$out" ]] || fail "no report written"
for want in '^## Summary' '^## In process' '^## End to end' '^## Scaling' \
	'^| tree-sitter parse only (floor) | [0-9.]* ms' '^| full check (all rules) | [0-9.]* ms' \
	'^| check, nil-contract rules only (NIL) |' '^| 4x | [0-9]* ms' 'Fitted exponent' \
	'^| peak RSS of `faultline check` | [0-9.]* MB' '^| findings, end to end | [0-9]' \
	'^| `faultline check` end to end / parse floor timed beside it, CPU time | [0-9.]*×' \
	'^| faultline-bench --parse-only (read, then parse only: the floor) | [0-9]* ms' \
	'^| instructions 2x / 1x corpus slice (callgrind, one thread; 2.00 is linear) | [0-9.]* |' \
	'^## WebAssembly' '^| wasm speed / native speed | \*\*[0-9.]*×\*\* |' '^| findings (both sides) | [0-9]' \
	'^| wasm package module, `gzip -9` | [0-9]* KB |'; do
	grep -q -- "$want" "$out" || fail "report lacks a line matching: $want"
done
if grep -q -- ' n/a\| NaN\|null' "$out"; then
	fail "report has a missing figure"
fi
files=$(sed -n 's/^\([0-9]*\) files, .* read into memory.*/\1/p' "$out")
[[ "${files:-0}" -gt 0 ]] || fail "the in-process corpus is empty"
echo "80-bench-smoke: scripts/bench.sh on examples/ ($files files) wrote every section"
