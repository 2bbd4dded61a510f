#!/usr/bin/env bash
# examples/: the Go programs build with the Debian Go toolchain (1.19), and
# `faultline check examples/` reports exactly the lines marked
# `// faultline: CODE [CODE...]` (every severity, hints included), which
# cover all five first rules (examples/faultline.toml selects ALL, so the
# opt-in escape hints run too). Honours CARGO_TARGET_DIR. Quiet unless failing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target_dir"
log="$target_dir/check-examples.log"
: >"$log"

fail() {
	echo "50-examples: $*" >&2
	[[ -s "$log" ]] && tail -n 40 "$log" >&2
	exit 1
}

need=()
command -v go >/dev/null || need+=(golang-go)
command -v jq >/dev/null || need+=(jq)
if ((${#need[@]})); then
	sudo=""
	[[ "$(id -u)" == 0 ]] || sudo="sudo"
	{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"; } >>"$log" 2>&1 ||
		fail "cannot install ${need[*]}"
fi

# The examples compile, so `go build -gcflags=-m` can confirm the escape hints.
# vet's loopclosure check would (rightly) flag the RACE001 examples.
(cd examples && go build ./... && go vet -loopclosure=false ./...) >>"$log" 2>&1 ||
	fail "examples do not build with $(go version)"
echo "50-examples: examples build and vet clean with $(go version | cut -d' ' -f3)"

cargo build -q -p faultline >>"$log" 2>&1 || fail "cannot build faultline"
set +e
"$target_dir/debug/faultline" check --format json --fail-on hint examples/ >"$target_dir/examples.json" 2>>"$log"
status=$?
set -e
((status == 1)) || fail "faultline check examples/ exited $status (expected 1: findings)"

expected=$(grep -rn --include='*.go' -o '// faultline: [A-Z0-9 ]*' examples |
	awk -F: '{ n = split($4, codes, " "); for (i = 1; i <= n; i++) print $1 ":" $2 ":" codes[i] }' | sort)
actual=$(jq -r '.diagnostics[] | "\(.path):\(.start.line):\(.code)"' "$target_dir/examples.json" | sed 's|^\./||' | sort)
if [[ "$expected" != "$actual" ]]; then
	echo "50-examples: findings differ from the // faultline: markers (< marked only, > reported only):" >&2
	diff <(echo "$expected") <(echo "$actual") | grep '^[<>]' >&2
	exit 1
fi
for code in NIL001 NIL002 ESC001 RACE001 PANIC001; do
	grep -q ":$code\$" <<<"$actual" || fail "no $code finding in examples/"
done
echo "50-examples: faultline check examples/ reports exactly the $(wc -l <<<"$actual") marked findings (all five rules)"
