#!/usr/bin/env bash
# Peers (issue 12, item 3): `go vet std` and `staticcheck std` with a cold and a
# warm build cache, against `faultline check` given exactly the files of the
# packages `go list std` reports (GoFiles, CgoFiles, TestGoFiles, XTestGoFiles).
# Called by scripts/bench.sh; writes $WORK/peers.md and $WORK/peers.env.
#
# Usage: bench/sh/peers.sh FAULTLINE WORK RUNS COLD_RUNS
set -euo pipefail
# Timed runs check for real: no answers from the result cache.
export FAULTLINE_NO_CACHE=1

faultline="$1"
work="$2"
runs="$3"
cold_runs="$4"
log() { printf 'bench: %s\n' "$*" >&2; }

need=()
command -v go >/dev/null || need+=(golang-go)
command -v go-staticcheck >/dev/null || command -v staticcheck >/dev/null || need+=(go-staticcheck)
if ((${#need[@]})); then
	log "installing ${need[*]}"
	sudo=""
	[[ "$(id -u)" == 0 ]] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Debian installs staticcheck as go-staticcheck.
staticcheck=$(command -v go-staticcheck || command -v staticcheck)
peers="$work/peers"
mkdir -p "$peers"
cd / # outside any Go module: `std` means the toolchain's standard library
# The files of every std package for this GOOS/GOARCH, tests included.
go list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .CgoFiles}}{{$d}}/{{.}}
{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}
{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}
{{end}}' std | sed '/^$/d' | sort -u >"$peers/std.files"
std_files=$(wc -l <"$peers/std.files")
std_bytes=$(xargs -d '\n' -a "$peers/std.files" cat | wc -c)
std_packages=$(go list std | wc -l)
log "go list std: $std_packages packages, $std_files files"

# hyperfine runs commands through a shell, and one argument may not exceed
# 128 KiB: a wrapper reads the file list itself.
cat >"$peers/faultline-std.sh" <<SH
#!/usr/bin/env bash
mapfile -t files <"$peers/std.files"
exec "$faultline" check --no-config --select "$FAULTLINE_SELECT" --format json "\${files[@]}" >/dev/null
SH
chmod +x "$peers/faultline-std.sh"
# The same run with faultline's result cache on (scripts/bench.sh turns it off
# for every other run), kept in the work directory: after the warm-up run it
# answers every directory from the cache, as a rerun in CI would.
cat >"$peers/faultline-std-cached.sh" <<SH
#!/usr/bin/env bash
unset FAULTLINE_NO_CACHE
export FAULTLINE_CACHE_DIR="$peers/faultline-cache"
exec "$peers/faultline-std.sh"
SH
chmod +x "$peers/faultline-std-cached.sh"

# Cold: a fresh, empty build cache (and staticcheck cache) for every run.
cold_env="GOCACHE=$peers/cache-cold XDG_CACHE_HOME=$peers/xdg-cold"
warm_env="GOCACHE=$peers/cache-warm XDG_CACHE_HOME=$peers/xdg-warm"
log "peers: cold caches ($cold_runs runs each), then warm ($runs runs each)"
hyperfine --style basic --ignore-failure --export-json "$peers/cold.json" --runs "$cold_runs" \
	--prepare "rm -rf $peers/cache-cold $peers/xdg-cold" \
	-n "go vet std (cold cache)" "env $cold_env go vet std" \
	-n "staticcheck std (cold cache)" "env $cold_env $staticcheck std" >&2
hyperfine --style basic --ignore-failure --export-json "$peers/warm.json" --runs "$runs" --warmup 1 \
	-n "go vet std (warm cache)" "env $warm_env go vet std" \
	-n "staticcheck std (warm cache)" "env $warm_env $staticcheck std" \
	-n "faultline check (the same files)" "$peers/faultline-std.sh" \
	-n "faultline check (the same files, result cache warm)" "$peers/faultline-std-cached.sh" >&2

med() { jq -r --argjson i "$2" '.results[$i].median' "$peers/$1.json"; }
fl=$(med warm 2)
fl_cached=$(med warm 3)
# Peer time / faultline time: one decimal below 10 (a warm peer can be faster).
ratio() { awk -v a="$1" -v b="${2:-$fl}" 'BEGIN { if (b <= 0) print "n/a"; else if (a / b < 10) printf "%.1f", a / b; else printf "%.0f", a / b }'; }
{
	echo "vet_cold_ratio=$(ratio "$(med cold 0)")"
	echo "staticcheck_cold_ratio=$(ratio "$(med cold 1)")"
	echo "vet_warm_ratio=$(ratio "$(med warm 0)")"
	echo "staticcheck_warm_ratio=$(ratio "$(med warm 1)")"
	echo "vet_warm_cached_ratio=$(ratio "$(med warm 0)" "$fl_cached")"
	echo "staticcheck_warm_cached_ratio=$(ratio "$(med warm 1)" "$fl_cached")"
	echo "faultline_std_ms=$(awk -v a="$fl" 'BEGIN { printf "%.0f", a * 1000 }')"
	echo "faultline_std_cached_ms=$(awk -v a="$fl_cached" 'BEGIN { printf "%.0f", a * 1000 }')"
} >"$work/peers.env"

row() { # json index label
	jq -r --argjson i "$2" --arg fl "$fl" \
		'.results[$i] | "| \(.command) | \(.median * 1000 | floor) ms | \(.min * 1000 | floor) ms | \(.max * 1000 | floor) ms | \((.user + .system) * 1000 | floor) ms | \(.times | length) | \(if (.command | contains("result cache")) then "–" elif (.command | startswith("faultline")) then "1×" else ((.median / ($fl | tonumber)) as $r | if $r < 10 then (($r * 10 | round) / 10 | tostring) else ($r | round | tostring) end) + "×" end) |"' \
		"$peers/$1.json"
}
{
	cat <<MD
$std_packages packages of \`go list std\` ($(go version | cut -d' ' -f3-)), $std_files files
with their tests ($(awk -v b="$std_bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')): \`faultline check --no-config --select $FAULTLINE_SELECT\` is given exactly
these files (\`$peers/std.files\` during the run; each file sees as its package the siblings this GOOS/GOARCH builds, which are these files).
Cold: \`GOCACHE\` and the staticcheck cache emptied before every run; warm: the
same caches kept between runs (one warm-up run first). faultline's own result
cache is off in every faultline row but the last, where (after the warm-up
run) it answers every directory without parsing; the × column divides by the
uncached faultline run. staticcheck: $("$staticcheck" -version 2>/dev/null | head -1 || echo '?').
Exit codes are ignored (the peers report findings in std).

| command | median | min | max | CPU (user + sys, mean) | runs | × faultline |
|---|---:|---:|---:|---:|---:|---:|
MD
	row cold 0
	row cold 1
	row warm 0
	row warm 1
	row warm 2
	row warm 3
} >"$work/peers.md"
