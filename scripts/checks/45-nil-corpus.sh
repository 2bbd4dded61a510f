#!/usr/bin/env bash
# The nil-contract family against the real Go runtime. Every program under
# core/tests/corpus/nil/crash/ must really panic with a nil dereference or a
# nil map write when run, and every one under clean/ must run cleanly: each is
# built and run, so no label is a guess. Then faultline's NIL rules are run over
# the corpus and we measure recall (crashing programs with a NIL finding) and
# false alarms (clean programs with a warning or error NIL finding).
# Fails if a label is wrong, recall < 80% or false alarms > 5%.
# Installs Debian's golang-go if `go` is missing. Honours CARGO_TARGET_DIR.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source scripts/lib/corpus.sh
corpus_init 45-nil-corpus core/tests/corpus/nil crash
corpus_build

bad_labels=0
for dir in $programs; do
    id=$(corpus_id "$dir")
    set +e
    timeout 20 "$work/bin/$id" >"$work/out/$id.stdout" 2>"$work/out/$id.stderr" </dev/null
    status=$?
    set -e
    case "$dir" in
    */crash/*)
        if [ "$status" != 2 ] || ! grep -qE "nil pointer dereference|assignment to entry in nil map" "$work/out/$id.stderr"; then
            echo "45-nil-corpus: $dir is labelled crash but exited $status without a nil panic" >&2
            head -n 5 "$work/out/$id.stderr" >&2
            bad_labels=$((bad_labels + 1))
        fi
        ;;
    *)
        if [ "$status" != 0 ]; then
            echo "45-nil-corpus: $dir is labelled clean but exited $status" >&2
            head -n 5 "$work/out/$id.stderr" >&2
            bad_labels=$((bad_labels + 1))
        fi
        ;;
    esac
done
if [ "$bad_labels" != 0 ]; then
    echo "45-nil-corpus: $bad_labels wrong labels" >&2
    exit 1
fi

corpus_score --select NIL -- --verified-with "the Go runtime"
