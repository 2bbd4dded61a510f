#!/usr/bin/env bash
# `faultline check` over the Go 1.19 standard library (Debian golang-1.19-src):
# the whole tree, every vendor/ and testdata/ directory named explicitly, and
# every testdata .go file named explicitly (malformed ones included). Each run
# must end with exit 0 or 1 (findings), never 2, and print no error on stderr.
# Every rule runs (--select ALL), the opt-in escape hints included. The
# tree is checked twice, the second time answered from the result cache.
# Honours CARGO_TARGET_DIR. Quiet unless failing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target_dir"
log="$target_dir/check-cli-stdlib.log"
: >"$log"
src=/usr/lib/go-1.19/src

fail() {
	echo "60-cli-stdlib: $*" >&2
	[[ -s "$log" ]] && tail -n 40 "$log" >&2
	exit 1
}

need=()
[[ -d "$src" ]] || need+=(golang-1.19-src)
command -v jq >/dev/null || need+=(jq)
if ((${#need[@]})); then
	sudo=""
	[[ "$(id -u)" == 0 ]] || sudo="sudo"
	{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"; } >>"$log" 2>&1 ||
		fail "cannot install ${need[*]}"
fi

cargo build -q -p faultline >>"$log" 2>&1 || fail "cannot build faultline"
faultline="$target_dir/debug/faultline"

# run NAME ARGS...: exit 0 or 1 and nothing but notes on stderr.
run() {
	local name=$1
	shift
	local status=0
	"$faultline" check --format json --select ALL "$@" >"$target_dir/stdlib-$name.json" 2>"$target_dir/stdlib-$name.err" || status=$?
	((status <= 1)) || { cat "$target_dir/stdlib-$name.err" >>"$log"; fail "$name: exit $status"; }
	if grep -v '^faultline: note:' "$target_dir/stdlib-$name.err" | grep -q .; then
		cat "$target_dir/stdlib-$name.err" >>"$log"
		fail "$name: unexpected messages on stderr"
	fi
	jq -r '"\(.files_checked) files, \(.diagnostics | length) findings"' "$target_dir/stdlib-$name.json"
}

# The tree's run writes the result cache (scripts/test turns it off elsewhere);
# a second run is answered from it and must print the same bytes.
cache="$target_dir/stdlib-result-cache"
rm -rf "$cache"
summary=$(FAULTLINE_NO_CACHE=0 run tree "$src" --cache-dir "$cache")
files=${summary%% *}
((files > 4000)) || fail "only $files files checked in $src"
echo "60-cli-stdlib: $src: $summary, exit 0/1, stderr clean"
dirs=$(jq -r '.diagnostics[].path' "$target_dir/stdlib-tree.json" | sed 's|/[^/]*$||' | sort -u | wc -l)
slots=$(find "$cache/results-v1" -name '*.json' | wc -l)
((slots >= dirs)) || fail "result cache: $slots directories stored, but $dirs have findings"
FAULTLINE_NO_CACHE=0 run tree-cached "$src" --cache-dir "$cache" >/dev/null
cmp -s "$target_dir/stdlib-tree.json" "$target_dir/stdlib-tree-cached.json" ||
	fail "result cache: the second run's JSON differs from the first's"
echo "60-cli-stdlib: result cache: $slots directories stored; the run answered from it printed the same JSON"

mapfile -d '' special < <(find "$src/" \( -name testdata -o -name vendor \) -type d -prune -print0)
echo "60-cli-stdlib: ${#special[@]} testdata/vendor dirs named: $(run special "${special[@]}")"

mapfile -d '' testdata_files < <(find "$src/" -path '*/testdata/*' -name '*.go' -type f -print0)
echo "60-cli-stdlib: ${#testdata_files[@]} testdata files named: $(run testdata-files "${testdata_files[@]}")"
