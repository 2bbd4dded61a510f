#!/usr/bin/env bash
# WebAssembly (issue 12, item 6): the npm package's size, and its speed under
# Node against the native CLI on one thread over the same files
# (wasm/bench/throughput.mjs: cold start, warm checks of a 1,000-line file,
# the corpus one Workspace per directory). Both sides must report the same
# number of findings: a difference is reported and fails the run (a broken
# build, not timing).
# Called by scripts/bench.sh; writes $WORK/wasm.md and $WORK/wasm.env.
#
# Usage: [WASM_PKG=dir] bench/sh/wasm.sh FAULTLINE WORK CORPUS [MAX_FILES]
set -euo pipefail

faultline="$1"
work="$2"
corpus="$3"
max_files="${4:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log() { printf 'bench: %s\n' "$*" >&2; }

# The package is built into the run's own directory (scripts/build-wasm.sh
# installs its pinned tools; wasm/pkg is left as it is), unless WASM_PKG names
# one already built from this tree (the CI smoke run reuses the check's build).
pkg="${WASM_PKG:-}"
if [[ -z "$pkg" ]]; then
	pkg="$work/wasm-pkg"
	log "building the wasm package"
	FAULTLINE_WASM_OUT="$pkg" "$root/scripts/build-wasm.sh" >&2
fi
module="$pkg/node/faultline_wasm_bg.wasm"
raw_bytes=$(wc -c <"$module")
gzip_bytes=$(gzip -9 -c "$module" | wc -c)

log "wasm throughput under Node $(node --version) against the native CLI on one thread"
limit=()
[[ -n "$max_files" ]] && limit=(--max-files "$max_files")
FAULTLINE_WASM_PKG="$pkg" FAULTLINE_BIN="$faultline" \
	node "$root/wasm/bench/throughput.mjs" "$corpus" "${limit[@]}" >"$work/wasm.json"

wasm_findings=$(jq -r '.wasm.findings' "$work/wasm.json")
native_findings=$(jq -r '.native.findings' "$work/wasm.json")
findings_row="| findings (both sides) | $wasm_findings |"
if [[ "$wasm_findings" != "$native_findings" ]]; then
	log "wasm reported $wasm_findings findings, the native CLI $native_findings"
	findings_row="| findings: **they differ** | wasm $wasm_findings, native $native_findings |"
fi
kb() { awk -v b="$1" 'BEGIN { printf "%.0f KB", b / 1000 }'; }
field() { jq -r "$1" "$work/wasm.json"; }

cat >"$work/wasm.env" <<EOF
wasm_gzip="$(kb "$gzip_bytes")"
wasm_vs_native="$(field .wasmVsNative)"
EOF
cat >"$work/wasm.md" <<EOF
Command: \`FAULTLINE_WASM_PKG=PKG FAULTLINE_BIN=target/release/faultline node wasm/bench/throughput.mjs $corpus${max_files:+ --max-files $max_files}\`,
where PKG is the package \`scripts/build-wasm.sh\` built; Node $(node --version). The
corpus is checked one \`Workspace\` per directory (its go.mod files and every
file set, then each file checked), against the native CLI given the same
files on one thread (\`RAYON_NUM_THREADS=1\`, \`--select ALL\`: every rule, as the package runs by default).

| measure | value |
|---|---:|
| \`faultline_wasm_bg.wasm\` (after \`wasm-opt\`), raw / \`gzip -9\` | $(kb "$raw_bytes") / **$(kb "$gzip_bytes")** |
| budget (issue #4): \`gzip -9\` at most | 400 KB |
| corpus | $(field .files) files, $(field .megabytes) MB |
| wasm under Node | $(field .wasm.seconds) s ($(field .wasm.mbPerSecond) MB/s) |
| native CLI, one thread | $(field .native.seconds) s ($(field .native.mbPerSecond) MB/s) |
| wasm speed / native speed | **$(field .wasmVsNative)×** |
$findings_row
| cold start: instantiate the module | $(field .coldStartMs.instantiate) ms |
| cold start: first check of a 100-line file | $(field .coldStartMs.firstCheck100Lines) ms |
| warm check of a 1,000-line file in a Workspace (median of 30) | $(field .warm1000LinesMs.check) ms |
| one-character edit + check of that file (median of 30) | $(field .warm1000LinesMs.editAndCheck) ms |
EOF
# The report is written either way; a difference in findings fails the run.
[[ "$wasm_findings" == "$native_findings" ]] || exit 2
