#!/usr/bin/env bash
# Fuzz smoke test (issue #13): every fuzz target's harness (fuzz/src/) runs
# over its checked-in corpus (seeds plus every crash found so far, minimised)
# and a few thousand pseudo-random inputs, as a plain `cargo test`.
#
# Why not libFuzzer here: installing cargo-fuzz takes ~3 minutes and the
# sanitizer-instrumented build of the targets 10+ minutes on a 2-core machine,
# well over this check's budget. The same harnesses are what `cargo fuzz run`
# drives; set FAULTLINE_FUZZ_LIBFUZZER=1 to also install cargo-fuzz (pinned)
# and run each target for FUZZ_SMOKE_RUNS libFuzzer iterations.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs="${FUZZ_SMOKE_RUNS:-2000}"
export FUZZ_SMOKE_RUNS="$runs"
# The fuzz crate is its own workspace; sharing the main target directory
# reuses the already compiled faultline-core and faultline-lsp dependencies.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! cargo test --quiet --manifest-path fuzz/Cargo.toml --lib >"$log" 2>&1; then
    cat "$log"
    echo "85-fuzz-smoke: FAILED (replay of fuzz/corpus and $runs random inputs per target)" >&2
    exit 1
fi
targets="$(ls fuzz/fuzz_targets | sed 's/\.rs$//' | tr '\n' ' ')"
corpus="$(find fuzz/corpus -type f | wc -l)"
echo "85-fuzz-smoke: fuzz targets [${targets% }] replayed $corpus corpus files + $runs random inputs each"

if [[ "${FAULTLINE_FUZZ_LIBFUZZER:-0}" == "1" ]]; then
    if ! cargo fuzz --version 2>/dev/null | grep -q "0.13.2"; then
        cargo install cargo-fuzz --version 0.13.2 --locked --quiet
    fi
    # cargo-fuzz needs nightly flags (-Zsanitizer); the stable toolchain accepts them with RUSTC_BOOTSTRAP.
    export RUSTC_BOOTSTRAP=1
    work="$CARGO_TARGET_DIR/fuzz-smoke"
    for t in $targets; do
        mkdir -p "$work/$t"
        (cd fuzz && cargo fuzz run "$t" "$work/$t" corpus/"$t" -- -runs="$runs" -max_len=4096 \
            -artifact_prefix="$work/$t-" >"$log" 2>&1) || { tail -50 "$log"; echo "85-fuzz-smoke: libFuzzer $t FAILED" >&2; exit 1; }
    done
    echo "85-fuzz-smoke: libFuzzer ran each target for $runs runs"
fi
