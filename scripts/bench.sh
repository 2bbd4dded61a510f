#!/usr/bin/env bash
# Benchmarks (not tests). One command, one run, figures side by side:
#   - in one process (bench/, faultline-bench): tree-sitter parse only (the
#     floor), parse + semantic model, and the full check, on all cores, files
#     read into memory first; median of RUNS rounds;
#   - end to end: the real `faultline check` binary, the parse floor as a
#     process of its own timed right after it, and `cat` of the same
#     files (the I/O floor), timed with hyperfine; peak RSS with /usr/bin/time.
#   - peers (bench/sh/peers.sh): `go vet std` and `staticcheck std`, cold and
#     warm build cache, against `faultline check` on exactly the files of
#     `go list std` (tests included), and that run again with faultline's
#     result cache warm (every other faultline run here has it off);
#   - scaling (bench/sh/scale.sh): 1x, 2x and 4x copies of the corpus, time
#     exponent and peak RSS; instruction counts (callgrind) of about 1 MB of
#     it as 1 and 2 copies, which do not drift with the machine's speed;
#   - the language server's keystroke latency and memory (bench/lsp/latency.py);
#   - the wasm package (bench/sh/wasm.sh): its size, and its speed under Node
#     against the native CLI on one thread (wasm/bench/throughput.mjs).
# Then rewrites BENCHMARKS.md at the repo root (or $OUT).
#
# Usage: scripts/bench.sh            # Go 1.19 standard library, median of 5 runs
#        CORPUS=dir RUNS=3 PER_FAMILY=0 PEERS=0 SCALE=0 LSP=0 WASM=0 OUT=/tmp/b.md scripts/bench.sh   # a CI smoke run
# PER_FAMILY=1 (default) adds in-process rows for the check with no rule and
# with one rule family at a time. PEERS=1, SCALE=1, LSP=1, WASM=1 (defaults) add
# those sections; COLD_RUNS and SCALE_RUNS (default: RUNS) set their run counts,
# WASM_MAX_FILES limits the wasm section's corpus (default: all of it) and
# WASM_PKG names an npm package already built from this tree (default: build one).
# Nothing here fails on timing; it fails only when a step cannot run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

CORPUS="${CORPUS:-/usr/lib/go-1.19/src}"
RUNS="${RUNS:-5}"
PER_FAMILY="${PER_FAMILY:-1}"
OUT="${OUT:-$root/BENCHMARKS.md}"
PEERS="${PEERS:-1}"
SCALE="${SCALE:-1}"
LSP="${LSP:-1}"
WASM="${WASM:-1}"
WASM_MAX_FILES="${WASM_MAX_FILES:-}"
COLD_RUNS="${COLD_RUNS:-$RUNS}"
SCALE_RUNS="${SCALE_RUNS:-$RUNS}"
# PROFILE=dev measures unoptimised binaries: only for smoke runs (CI builds them anyway).
PROFILE="${PROFILE:-release}"
# BUILD=0 measures the binaries already built (e.g. while others edit the tree).
BUILD="${BUILD:-1}"
HYPERFINE_VERSION="1.15.0-2" # Debian bookworm
VALGRIND_VERSION="1:3.19.0-1" # Debian bookworm: instruction counts for the scaling section
# The rules every `faultline check` here runs: all of them, escape hints
# included (the CLI leaves ESC off unless selected; issue #12 times the whole set).
export FAULTLINE_SELECT="${FAULTLINE_SELECT:-ALL}"
# Every run here checks: the result cache would answer repeated runs of an
# unchanged corpus without parsing. bench/sh/peers.sh times a warm cache apart.
export FAULTLINE_NO_CACHE=1

log() { printf 'bench: %s\n' "$*" >&2; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The commit measured, read before the report is written (rewriting
# BENCHMARKS.md would itself count as an uncommitted change).
revision="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"

# --- tools -----------------------------------------------------------------
need_apt=()
# golang-1.19-src holds the files (under /usr/share/go-1.19/src);
# golang-1.19-go makes /usr/lib/go-1.19/src point at them.
[[ "$CORPUS" == /usr/lib/go-1.19/src && ! -d "$CORPUS" ]] && need_apt+=(golang-1.19-src golang-1.19-go)
[[ "$(dpkg-query -W -f='${Version}' hyperfine 2>/dev/null || true)" == "$HYPERFINE_VERSION" ]] ||
	need_apt+=("hyperfine=$HYPERFINE_VERSION")
[[ -x /usr/bin/time ]] || need_apt+=(time)
[[ "$SCALE" != 1 || "$(dpkg-query -W -f='${Version}' valgrind 2>/dev/null || true)" == "$VALGRIND_VERSION" ]] ||
	need_apt+=("valgrind=$VALGRIND_VERSION")
command -v jq >/dev/null || need_apt+=(jq)
if ((${#need_apt[@]})); then
	log "installing ${need_apt[*]}"
	sudo=""
	[[ "$(id -u)" == 0 ]] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
[[ -d "$CORPUS" ]] || {
	log "corpus $CORPUS is not a directory"
	exit 2
}

if [[ "$BUILD" == 1 ]]; then
	log "building $PROFILE binaries"
	cargo build --profile "$PROFILE" --quiet -p faultline -p faultline-bench -p faultline-lsp
fi
target_dir="$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)"
bin_dir="$target_dir/$([[ "$PROFILE" == dev ]] && echo debug || echo "$PROFILE")"
faultline="$bin_dir/faultline"
bench="$bin_dir/faultline-bench"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- in-process: parse floor vs model vs full check -------------------------
log "in-process pipelines on $CORPUS ($RUNS rounds)"
family_flag=()
[[ "$PER_FAMILY" == 1 ]] && family_flag=(--per-family)
"$bench" --runs "$RUNS" "${family_flag[@]}" --markdown "$work/inproc.md" --list-files "$work/files.list" "$CORPUS" | tee "$work/inproc.txt" >&2
files=$(tr -cd '\0' <"$work/files.list" | wc -c)

# --- end to end: the real binary, and cat of the same files ----------------
# First a plain run: it must not fail with exit 2, and must visit the same files.
set +e
"$faultline" check --select "$FAULTLINE_SELECT" --format json "$CORPUS" >"$work/check.json" 2>"$work/check.err"
status=$?
set -e
if ((status > 1)); then
	log "faultline check exited $status:"
	head -20 "$work/check.err" >&2
	exit 2
fi
checked=$(jq -r '.files_checked' "$work/check.json")
[[ "$checked" == "$files" ]] || log "note: faultline check visited $checked files, the in-process corpus has $files"
warn_plus=$(jq -r '[.diagnostics[] | select(.severity == "warning" or .severity == "error")] | length' "$work/check.json")
by_code=$(jq -r '[.diagnostics[] | .code] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$work/check.json")

log "end to end with hyperfine ($RUNS runs)"
printf -v check_cmd '%q check --select %q --format json %q' "$faultline" "$FAULTLINE_SELECT" "$CORPUS"
printf -v parse_cmd '%q --parse-only %q' "$bench" "$CORPUS"
printf -v cat_cmd 'xargs -0 -a %q cat' "$work/files.list"
# The parse floor again, as a process of its own right after the check: the
# machine's speed drifts over minutes (CPU time too), so the end-to-end ratio
# divides figures timed side by side, not the in-process floor of minutes ago.
hyperfine --style basic --runs "$RUNS" --warmup 1 --ignore-failure \
	--export-json "$work/hf.json" \
	-n "faultline check --select $FAULTLINE_SELECT --format json (end to end)" "$check_cmd" \
	-n "faultline-bench --parse-only (read, then parse only: the floor)" "$parse_cmd" \
	-n "cat of the same files (I/O floor)" "$cat_cmd" >&2

log "peak memory"
/usr/bin/time -v "$faultline" check --select "$FAULTLINE_SELECT" --format json "$CORPUS" >/dev/null 2>"$work/time.txt" || true
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")

# --- peers, scaling, language server, wasm ---------------------------------------
if [[ "$PEERS" == 1 ]]; then "$root/bench/sh/peers.sh" "$faultline" "$work" "$RUNS" "$COLD_RUNS"; fi
if [[ "$SCALE" == 1 ]]; then "$root/bench/sh/scale.sh" "$faultline" "$work" "$CORPUS" "$work/files.list" "$SCALE_RUNS"; fi
if [[ "$LSP" == 1 ]]; then
	log "language server latency and memory"
	python3 "$root/bench/lsp/latency.py" --server "$bin_dir/faultline-lsp" --edits 300 \
		--markdown "$work/lsp.md" >&2
fi
# A wasm section that fails (its findings differ from the CLI's) still leaves
# its figures in the report; the run fails at the end.
wasm_status=0
if [[ "$WASM" == 1 ]]; then "$root/bench/sh/wasm.sh" "$faultline" "$work" "$CORPUS" "$WASM_MAX_FILES" || wasm_status=$?; fi
# Set by the sections for the summary (empty when a section did not run).
vet_cold_ratio="" staticcheck_cold_ratio="" vet_warm_ratio="" staticcheck_warm_ratio="" faultline_std_ms=""
vet_warm_cached_ratio="" staticcheck_warm_cached_ratio="" faultline_std_cached_ms=""
exponent="" cpu_exponent="" rss_1x_mb="" rss_4x_mb="" instructions_ratio="" wasm_gzip="" wasm_vs_native=""
# shellcheck disable=SC1091
if [[ -f "$work/peers.env" ]]; then source "$work/peers.env"; fi
# shellcheck disable=SC1091
if [[ -f "$work/scale.env" ]]; then source "$work/scale.env"; fi
# shellcheck disable=SC1091
if [[ -f "$work/wasm.env" ]]; then source "$work/wasm.env"; fi
summary_rows() {
	if [[ -n "$vet_cold_ratio" ]]; then
		echo "| \`go vet std\` / faultline on the same files, cold cache (warm) | **${vet_cold_ratio}×** (${vet_warm_ratio}×) |"
		echo "| \`staticcheck std\` / faultline on the same files, cold cache (warm) | **${staticcheck_cold_ratio}×** (${staticcheck_warm_ratio}×) |"
		echo "| \`faultline check\` on the files of \`go list std\` | ${faultline_std_ms} ms |"
		echo "| warm peers / faultline with its result cache warm: \`go vet std\`, \`staticcheck std\` | ${vet_warm_cached_ratio}×, ${staticcheck_warm_cached_ratio}× |"
		echo "| \`faultline check\` on the files of \`go list std\`, result cache warm | ${faultline_std_cached_ms} ms |"
	fi
	if [[ -n "$exponent" ]]; then
		echo "| scaling exponent 1x → 4x corpus, wall-clock (CPU) | ${exponent} (${cpu_exponent}) |"
		echo "| peak RSS 1x → 4x corpus | ${rss_1x_mb} MB → ${rss_4x_mb} MB |"
		echo "| instructions 2x / 1x corpus slice (callgrind, one thread; 2.00 is linear) | ${instructions_ratio} |"
	fi
	if [[ -n "$wasm_gzip" ]]; then
		echo "| wasm package module, \`gzip -9\` | ${wasm_gzip} |"
		echo "| wasm under Node / native CLI on one thread, speed | ${wasm_vs_native}× |"
	fi
	true
}

# --- figures ------------------------------------------------------------------
median_ms() { jq -r --argjson i "$1" '.results[$i].median * 1000' "$work/hf.json"; }
cpu_ms() { jq -r --argjson i "$1" '(.results[$i].user + .results[$i].system) * 1000' "$work/hf.json"; }
check_ms=$(median_ms 0)
parse_ms=$(median_ms 1)
cat_ms=$(median_ms 2)
check_cpu_ms=$(cpu_ms 0)
parse_cpu_ms=$(cpu_ms 1)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
fmt_ms() { awk -v a="$1" 'BEGIN { printf "%.1f", a }'; }

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
corpus_desc="$CORPUS"
[[ "$CORPUS" == /usr/lib/go-1.19/src ]] &&
	corpus_desc="$CORPUS (Debian golang-1.19-src $(dpkg-query -W -f='${Version}' golang-1.19-src 2>/dev/null || echo '?'))"

{
	cat <<EOF
# Benchmarks

Rewritten by \`scripts/bench.sh\` (do not edit by hand). Benchmarks, not tests:
nothing fails on timing.

- **Date:** $(date -u '+%Y-%m-%d %H:%M UTC')
- **Command:** \`$( [[ "$OUT" == "$root/BENCHMARKS.md" && "$CORPUS" == /usr/lib/go-1.19/src && "$RUNS" == 5 && "$PER_FAMILY$PEERS$SCALE$LSP$WASM" == 11111 && -z "$WASM_MAX_FILES" && "$COLD_RUNS$SCALE_RUNS" == 55 ]] && echo "scripts/bench.sh" || echo "CORPUS=$CORPUS RUNS=$RUNS PER_FAMILY=$PER_FAMILY PEERS=$PEERS COLD_RUNS=$COLD_RUNS SCALE=$SCALE SCALE_RUNS=$SCALE_RUNS LSP=$LSP WASM=$WASM${WASM_MAX_FILES:+ WASM_MAX_FILES=$WASM_MAX_FILES} scripts/bench.sh")\`
- **Machine:** $(nproc) CPUs ($cpu_model), $mem_total RAM, Linux $(uname -r); load average (1, 5, 15 min) $load_before before the run, $(cut -d' ' -f1-3 /proc/loadavg) after: on a shared machine wall-clock figures swing, CPU-time figures less
- **Toolchain:** $(rustc --version), hyperfine $(hyperfine --version | cut -d' ' -f2)
- **faultline:** $("$faultline" --version 2>/dev/null || echo '?') at commit $revision
- **Corpus:** $corpus_desc: the \`.go\` files \`faultline check\` visits (\`testdata/\` and \`vendor/\` skipped).

## Summary

| measure | value |
|---|---:|
| full check / parse only, in process (all cores), wall-clock | **$(sed -n 's/.*Ratio full check \/ parse only: \([0-9.]*\)× wall-clock.*/\1/p' "$work/inproc.md")×** |
| full check / parse only, in process, CPU time | $(sed -n 's/.*wall-clock, \([0-9.]*\)× CPU time.*/\1/p' "$work/inproc.md")× |
| the same, round by round (median; smallest to largest: the machine's noise) | $(sed -n 's/.*round by round.*median \([0-9.]*\)×, from \([0-9.]*\)× to \([0-9.]*\)×.*/\1× (\2× to \3×)/p' "$work/inproc.md") |
| \`faultline check\` end to end / parse floor timed beside it, wall-clock | $(ratio "$check_ms" "$parse_ms")× |
| \`faultline check\` end to end / parse floor timed beside it, CPU time | $(ratio "$check_cpu_ms" "$parse_cpu_ms")× |
| \`faultline check\` end to end | $(fmt_ms "$check_ms") ms |
| \`cat\` of the same files (I/O floor) | $(fmt_ms "$cat_ms") ms |
| peak RSS of \`faultline check\` | $(awk -v k="${rss_kb:-0}" 'BEGIN { printf "%.1f MB", k / 1024 }') |
| findings, end to end | $warn_plus at warning or above; by code: ${by_code:-none} |
$(summary_rows)

## In process: parse floor, model, full check

\`target/release/faultline-bench --runs $RUNS ${family_flag[*]} CORPUS\` (crate \`bench/\`). Parse
only reuses one tree-sitter parser per thread and parses the bytes the check
parses (\`syntax::parse_once\`: in a file dense with escape sequences, such as
\`time/tzdata/zipdata.go\`, they are blanked to spaces first; see
ARCHITECTURE.md); parse + model builds
\`SourceFile\` (tree, semantic model, summary, line index); the full check groups
files by directory and package name like the CLI, gives each file its
siblings' summaries and the nearest go.mod's Go version, and runs
\`faultline_core::check_file\` with the default settings (every rule, escape
hints included); "no rule enabled" is that pipeline's own cost (files
grouped, models and summaries built, one walk, suppression) and the family rows
enable one family each, so their excess over it is that family's cost. CPU
time is this process's user + system time, steadier than wall time when the
machine is shared.

EOF
	cat "$work/inproc.md"
	cat <<EOF

## End to end

hyperfine $RUNS runs after one warm-up (page cache warm), output discarded.
\`faultline-bench --parse-only\` reads the corpus into memory and parses it once
on all cores (one parser per thread), nothing else: the floor, timed right
after the check so that both see the machine at the same speed.
\`cat\` reads exactly the files of the corpus list.

| command | median | mean ± σ | min | max | CPU (user + sys, mean) |
|---|---:|---:|---:|---:|---:|
EOF
	jq -r '.results[] | "| \(.command) | \(.median * 1000 | floor) ms | \(.mean * 1000 | floor) ± \((.stddev // 0) * 1000 | floor) ms | \(.min * 1000 | floor) ms | \(.max * 1000 | floor) ms | \((.user + .system) * 1000 | floor) ms |"' "$work/hf.json"
	cat <<EOF

Peak resident memory of one \`faultline check --select $FAULTLINE_SELECT --format json\` run (\`/usr/bin/time -v\`): ${rss_kb:-?} KiB.
EOF
	if [[ -f "$work/peers.md" ]]; then
		printf '\n## Peers: go vet and staticcheck\n\n'
		cat "$work/peers.md"
		printf '\nIn an editor, gopls runs its analyses after about 1 s of idle (its default); the\n'
		printf 'time an editor user waits for faultline is the language-server latency below.\n'
	fi
	if [[ -f "$work/scale.md" ]]; then
		printf '\n## Scaling: 1x, 2x, 4x the corpus\n\n'
		cat "$work/scale.md"
	fi
	if [[ -f "$work/lsp.md" ]]; then
		printf '\n## Language server: keystroke latency and memory\n\n'
		printf 'Command: `python3 bench/lsp/latency.py --edits 300` (method: bench/lsp/RESULTS.md).\n\n'
		cat "$work/lsp.md"
	fi
	if [[ -f "$work/wasm.md" ]]; then
		printf '\n## WebAssembly: package size, speed under Node\n\n'
		cat "$work/wasm.md"
	fi
} >"$OUT"
log "wrote $OUT"
if ((wasm_status != 0)); then
	log "the wasm section failed (exit $wasm_status)"
	exit "$wasm_status"
fi
