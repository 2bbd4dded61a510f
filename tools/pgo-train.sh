#!/usr/bin/env bash
# Measures the gcc profiles tools/native-cc.sh compiles tree-sitter's runtime,
# the Go grammar and mimalloc with (tools/pgo/): builds an instrumented
# faultline in its own target directory, checks the training corpus with every
# rule, and stores each source's profile under its crate's name and version.
# Rerun it after Cargo.lock moves one of those crates (scripts/checks/
# 15-pgo-profiles.sh says when), or on a new gcc release, and commit tools/pgo/.
#
# The training corpus is the Go 1.19 distribution's commands (src/cmd, Debian
# golang-1.19-src): never the `go list std` packages the peers benchmark
# (bench/sh/peers.sh) times, so that figure measures code the profile has not
# seen.
#
# Usage: tools/pgo-train.sh [CORPUS]   (default /usr/lib/go-1.19/src/cmd)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/usr/lib/go-1.19/src/cmd}
if [[ "$corpus" == /usr/lib/go-1.19/src/cmd && ! -d "$corpus" ]]; then
	sudo_cmd=""
	[[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq golang-1.19-src golang-1.19-go >/dev/null
fi
[[ -d "$corpus" ]] || { echo "pgo-train: no corpus at $corpus" >&2; exit 2; }

target="$root/target/pgo-train"
map="$target/profiles.map"
# A fresh target directory: build scripts rerun only when their inputs change,
# and the instrumented compiles must happen for the map to be written.
rm -rf "$target"
mkdir -p "$target"
cd "$root"
echo "pgo-train: building an instrumented faultline in $target" >&2
FAULTLINE_PGO=generate FAULTLINE_PGO_MAP="$map" CARGO_TARGET_DIR="$target" \
	RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-lgcov" \
	cargo build --release --locked --quiet --bin faultline
[[ -s "$map" ]] || { echo "pgo-train: no source was instrumented (is cc gcc?)" >&2; exit 1; }

echo "pgo-train: checking $corpus" >&2
status=0
"$target/release/faultline" check --no-cache --no-config --select ALL --format json "$corpus" >/dev/null || status=$?
# 1 means findings, which a corpus this size has; 2 is a failure.
[[ $status -le 1 ]] || { echo "pgo-train: faultline check failed ($status)" >&2; exit 1; }

rm -rf "$root/tools/pgo"
mkdir -p "$root/tools/pgo"
while IFS=$'\t' read -r key profile; do
	[[ -f "$profile" ]] || { echo "pgo-train: $key: the training wrote no profile ($profile)" >&2; exit 1; }
	mkdir -p "$root/tools/pgo/$(dirname "$key")"
	cp "$profile" "$root/tools/pgo/$key.gcda"
	echo "pgo-train: tools/pgo/$key.gcda" >&2
done < <(sort -u "$map")
"${FAULTLINE_REAL_CC:-cc}" -dumpfullversion >"$root/tools/pgo/gcc-version"
echo "pgo-train: profiles for gcc $(cat "$root/tools/pgo/gcc-version") in tools/pgo/" >&2
