#!/usr/bin/env bash
# The flat copy frees tree-sitter's tree as it copies it (c/flat.c,
# `faultline_ts_flat_tree_consume`): C code that drops reference counts and
# frees memory by hand. A double free or a read after free need not fail a
# plain test; under valgrind's memcheck, one that touches freed memory or
# leaks a subtree does. Runs the tests of the consuming copy (samples with
# syntax errors, deep nesting, CJK text; trees whose subtrees another tree
# shares) under memcheck, with tree-sitter on the system allocator as in
# every test.
set -euo pipefail
cd "$(dirname "$0")/../.."

VALGRIND_VERSION="1:3.19.0-1" # as scripts/bench.sh
need_apt=()
[[ "$(dpkg-query -W -f='${Version}' valgrind 2>/dev/null || true)" == "$VALGRIND_VERSION" ]] ||
	need_apt+=("valgrind=$VALGRIND_VERSION")
command -v jq >/dev/null || need_apt+=(jq)
if ((${#need_apt[@]})); then
	sudo=""
	[[ "$(id -u)" == 0 ]] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

binary=$(cargo test -p faultline-core --lib --no-run --message-format=json 2>/dev/null |
	jq -r 'select(.reason == "compiler-artifact" and .target.name == "faultline_core" and .profile.test) | .executable')
[[ -x "$binary" ]] || { echo "20-flat-tree-memcheck: no test binary for faultline-core" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! valgrind --quiet --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
	"$binary" syntax::flat::tests::consuming --test-threads=1 >"$log" 2>&1; then
	cat "$log"
	echo "20-flat-tree-memcheck: FAILED: memcheck found an invalid access or a leak (above)" >&2
	exit 1
fi
tests=$(grep -o '[0-9]* passed' "$log" | head -1)
[[ "$tests" == "2 passed" ]] || { cat "$log"; echo "20-flat-tree-memcheck: expected the 2 consuming-copy tests, got: $tests" >&2; exit 1; }
echo "20-flat-tree-memcheck: the consuming copy's tests ($tests) are clean under memcheck"
