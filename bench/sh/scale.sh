#!/usr/bin/env bash
# Scaling (issue 12, item 4): `faultline check` on 1, 2 and 4 copies of the
# corpus files, wall and CPU time and peak RSS. Linear growth means an
# exponent near 1 (time ~ size^k, fitted over the three points); memory should
# stay flat (bounded by the directories in flight, not the corpus size).
# Time on a shared machine drifts within minutes, so instruction counts
# (callgrind, one thread) of a slice checked as 1 and 2 copies back it up.
# Called by scripts/bench.sh; writes $WORK/scale.md and $WORK/scale.env.
#
# Usage: bench/sh/scale.sh FAULTLINE WORK CORPUS FILES_LIST(NUL-separated) RUNS
set -euo pipefail
# Timed runs check for real: no answers from the result cache.
export FAULTLINE_NO_CACHE=1

faultline="$1"
work="$2"
corpus="$3"
list="$4"
runs="$5"
log() { printf 'bench: %s\n' "$*" >&2; }

scale="$work/scale"
mkdir -p "$scale"
# Relative paths, so each copy is a tree of its own under scale/cN/.
tr '\0' '\n' <"$list" | sed "s|^$corpus/||" | tr '\n' '\0' >"$scale/rel.list"
for n in 1 2 3 4; do
	dest="$scale/c$n"
	mkdir -p "$dest"
	(cd "$corpus" && xargs -0 -a "$scale/rel.list" cp --parents -t "$dest")
	[[ -f "$corpus/go.mod" ]] && cp "$corpus/go.mod" "$dest/"
done
bytes=$(xargs -0 -a "$list" cat | wc -c)

# Peak memory first: these runs also warm the page cache for the timed ones.
declare -A rss
for n in 1 2 4; do
	paths=()
	for ((c = 1; c <= n; c++)); do paths+=("$scale/c$c"); done
	/usr/bin/time -v "$faultline" check --no-config --select "$FAULTLINE_SELECT" --format json "${paths[@]}" >/dev/null 2>"$scale/time$n.txt" || true
	rss[$n]=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$scale/time$n.txt")
done

log "scaling: 1x, 2x, 4x ($runs runs each)"
args=()
for n in 1 2 4; do
	printf -v cmd '%q check --no-config --select %q --format json' "$faultline" "$FAULTLINE_SELECT"
	for ((c = 1; c <= n; c++)); do printf -v cmd '%s %q' "$cmd" "$scale/c$c"; done
	args+=(-n "${n}x" "$cmd")
done
hyperfine --style basic --ignore-failure --export-json "$scale/hf.json" --runs "$runs" "${args[@]}" >&2

# Least-squares slope of log(time) over log(size) for the three points.
exponent=$(jq -r '[.results[] | .median] as $t | [0, 1, 2] | map({x: ([1, 2, 4][.] | log), y: ($t[.] | log)}) as $p
	| ($p | map(.x) | add / 3) as $mx | ($p | map(.y) | add / 3) as $my
	| (($p | map((.x - $mx) * (.y - $my)) | add) / ($p | map((.x - $mx) * (.x - $mx)) | add)) * 100 | round / 100' "$scale/hf.json")
cpu_exponent=$(jq -r '[.results[] | (.user + .system)] as $t | [0, 1, 2] | map({x: ([1, 2, 4][.] | log), y: ($t[.] | log)}) as $p
	| ($p | map(.x) | add / 3) as $mx | ($p | map(.y) | add / 3) as $my
	| (($p | map((.x - $mx) * (.y - $my)) | add) / ($p | map((.x - $mx) * (.x - $mx)) | add)) * 100 | round / 100' "$scale/hf.json")
# Instructions, which do not drift with the machine's speed as time does:
# whole directories of the corpus, about 1 MB of source, as 1 and 2 copies,
# under callgrind on one thread (the files named, so their directories'
# other files are read as context exactly as in the timed runs).
log "scaling: instruction counts (callgrind) of about 1 MB of the corpus, 1x and 2x"
: >"$scale/slice.list"
tr '\0' '\n' <"$scale/rel.list" | while IFS= read -r rel; do
	printf '%s\t%s\n' "$(dirname "$rel")" "$(stat -c %s "$corpus/$rel")"
done | awk -F '\t' '{ size[$1] += $2 } END { for (d in size) print d "\t" size[d] }' | sort |
	awk -F '\t' 'total < 1000000 { print $1; total += $2 }' >"$scale/slice.dirs"
tr '\0' '\n' <"$scale/rel.list" | while IFS= read -r rel; do
	grep -qxF -- "$(dirname "$rel")" "$scale/slice.dirs" && printf '%s\n' "$rel"
done >"$scale/slice.list" || true
instructions() {
	local files=() c rel
	for ((c = 1; c <= $1; c++)); do
		while IFS= read -r rel; do files+=("$scale/c$c/$rel"); done <"$scale/slice.list"
	done
	# Exit status 1 (findings) is expected.
	RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$faultline" check --no-config \
		--select "$FAULTLINE_SELECT" --parse-timeout 0 --format json "${files[@]}" >/dev/null 2>"$scale/callgrind$1.txt" || true
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$scale/callgrind$1.txt"
}
instr1=$(instructions 1)
instr2=$(instructions 2)
slice_files=$(wc -l <"$scale/slice.list")
slice_mb=$(cd "$corpus" && tr '\n' '\0' <"$scale/slice.list" | xargs -0 cat | wc -c | awk '{ printf "%.2f", $1 / 1e6 }')
{
	echo "exponent=$exponent"
	echo "instructions_ratio=$(awk -v a="${instr2:-0}" -v b="${instr1:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')"
	echo "cpu_exponent=$cpu_exponent"
	echo "rss_1x_mb=$(awk -v k="${rss[1]:-0}" 'BEGIN { printf "%.1f", k / 1024 }')"
	echo "rss_4x_mb=$(awk -v k="${rss[4]:-0}" 'BEGIN { printf "%.1f", k / 1024 }')"
} >"$work/scale.env"
{
	cat <<MD
The corpus files copied 1, 2 and 4 times into separate trees (each copy
$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')), checked by one \`faultline check --no-config --select $FAULTLINE_SELECT --format json\`
run; hyperfine, $runs runs each after a \`/usr/bin/time -v\` run that gives the peak RSS
and warms the page cache.
Fitted exponent (time ∝ size^k): **$exponent wall-clock, $cpu_exponent CPU time** (1 = linear).
Instructions, which do not drift with the machine's speed: the $slice_files files
($slice_mb MB) of the first directories, by name, up to about 1 MB, checked as 1 and 2 copies under
\`valgrind --tool=callgrind\` on one thread: $(printf "%'d" "${instr1:-0}") and
$(printf "%'d" "${instr2:-0}") instructions, a ratio of
**$(awk -v a="${instr2:-0}" -v b="${instr1:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')** (2.000 is linear).

| copies | median wall | min | max | CPU (user + sys, mean) | peak RSS |
|---|---:|---:|---:|---:|---:|
MD
	i=0
	for n in 1 2 4; do
		jq -r --argjson i "$i" --arg rss "$(awk -v k="${rss[$n]:-0}" 'BEGIN { printf "%.1f MB", k / 1024 }')" \
			'.results[$i] | "| \(.command) | \(.median * 1000 | floor) ms | \(.min * 1000 | floor) ms | \(.max * 1000 | floor) ms | \((.user + .system) * 1000 | floor) ms | \($rss) |"' "$scale/hf.json"
		i=$((i + 1))
	done
} >"$work/scale.md"
