#!/usr/bin/env bash
# The gcc profiles in tools/pgo/ (tools/native-cc.sh) must be for the crate
# versions Cargo.lock builds: a profile is stored under its crate's version, so
# after a `cargo update` of tree-sitter, tree-sitter-go or libmimalloc-sys the
# release build silently loses its profile-guided optimisation, and the
# benchmarks their speed. This fails until tools/pgo-train.sh is rerun, and
# also on a profile no locked version uses. A different gcc release only
# costs the optimisation, on that machine: it is reported, not failed.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
fail=0

# name version, for each profiled crate in Cargo.lock.
locked=$(awk '
	/^name = / { gsub(/"/, "", $3); name = $3 }
	/^version = / { gsub(/"/, "", $3); if (name ~ /^(tree-sitter|tree-sitter-go|libmimalloc-sys)$/) print name, $3 }
' Cargo.lock)
[[ $(wc -l <<<"$locked") -eq 3 ]] || { echo "15-pgo-profiles: expected one locked version of each profiled crate, got: $locked" >&2; exit 1; }

while read -r name version; do
	if [[ ! -d "tools/pgo/$name-$version" ]]; then
		echo "15-pgo-profiles: Cargo.lock builds $name $version, which has no profile in tools/pgo/; run tools/pgo-train.sh" >&2
		fail=1
	fi
done <<<"$locked"

for dir in tools/pgo/*/; do
	crate=$(basename "$dir")
	if ! grep -qx "${crate%-*} ${crate##*-}" <<<"$locked"; then
		echo "15-pgo-profiles: tools/pgo/$crate is for a version Cargo.lock does not build; run tools/pgo-train.sh" >&2
		fail=1
	fi
done

# Each crate's profiles are one per source tools/native-cc.sh profiles.
for expected in tree-sitter-*/src/lib.gcda tree-sitter-go-*/src/parser.gcda libmimalloc-sys-*/c_src/mimalloc/v*/src/static.gcda; do
	compgen -G "tools/pgo/$expected" >/dev/null || { echo "15-pgo-profiles: no tools/pgo/$expected" >&2; fail=1; }
done

[[ $fail == 0 ]] || exit 1

stored_gcc=$(cat tools/pgo/gcc-version)
this_gcc=$(cc -dumpfullversion 2>/dev/null || echo "not gcc")
if [[ "$this_gcc" != "$stored_gcc" ]]; then
	echo "15-pgo-profiles: note: the profiles are for gcc $stored_gcc and cc here is $this_gcc; release builds on this machine are not profile-guided" >&2
	exit 0
fi

# The profile must fit away from where it was measured: compile tree-sitter's
# runtime through the wrapper, as its build script does, in a directory of
# our own. gcc warns of each function whose counts it could not match, and the
# release build would lay those out blind.
tree_sitter_version=$(awk '$1 == "tree-sitter" { print $2 }' <<<"$locked")
src=$(cargo metadata --format-version 1 --locked |
	python3 -c 'import json, sys; v = sys.argv[1]; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "tree-sitter" and p["version"] == v).rsplit("/", 1)[0])' "$tree_sitter_version")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
FAULTLINE_PGO=check tools/native-cc.sh -O3 -ffunction-sections -fdata-sections -fPIC -m64 -std=c11 \
	-I "$src/src" -I "$src/src/wasm" -I "$src/include" -fvisibility=hidden \
	-D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE -D_BSD_SOURCE -D_DARWIN_C_SOURCE \
	-o "$work/lib.o" -c "$src/src/lib.c" 2>"$work/stderr"
problems='Missing counts\|-Wmissing-profile\|-Wcoverage-mismatch'
if grep -q "$problems" "$work/stderr"; then
	echo "15-pgo-profiles: gcc could not apply tools/pgo/tree-sitter-$tree_sitter_version/src/lib.gcda:" >&2
	grep -m 5 "$problems" "$work/stderr" >&2
	exit 1
fi
