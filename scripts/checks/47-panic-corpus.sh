#!/usr/bin/env bash
# The panic-path family against the real Go runtime. Every program under
# core/tests/corpus/panic/crash/ must really crash when run: exit status 2 with
# `panic:` or `fatal error:` on stderr, or, for programs marked
# `// corpus: exit-skips-defers`, exit with a non-zero status other than 2
# without printing "deferred cleanup ran", the line its pending
# `defer fmt.Println("deferred cleanup ran")` would have printed. Every program
# under clean/ must exit 0. Each is built and run, so no label is a guess.
# Then faultline's PANIC rules are run over the corpus and we measure recall
# (crashing programs with a PANIC finding) and false alarms (clean programs
# with a warning or error PANIC finding).
# Fails if a label is wrong, recall < 80% or false alarms > 5%.
# Installs Debian's golang-go if `go` is missing. Honours CARGO_TARGET_DIR.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source scripts/lib/corpus.sh
corpus_init 47-panic-corpus core/tests/corpus/panic crash
marker="deferred cleanup ran"
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
        if grep -q "corpus: exit-skips-defers" "$dir/main.go"; then
            if [ "$status" = 0 ] || [ "$status" = 2 ] || [ "$status" = 124 ] \
                || ! grep -q "defer fmt.Println(\"$marker\")" "$dir/main.go" \
                || grep -q "$marker" "$work/out/$id.stdout"; then
                echo "47-panic-corpus: $dir is labelled exit-skips-defers but exited $status" \
                    "(or its deferred marker ran, or it has none)" >&2
                bad_labels=$((bad_labels + 1))
            fi
        elif [ "$status" != 2 ] || ! grep -qE "^(panic: |fatal error: )" "$work/out/$id.stderr"; then
            echo "47-panic-corpus: $dir is labelled crash but exited $status without a panic" >&2
            head -n 5 "$work/out/$id.stderr" >&2
            bad_labels=$((bad_labels + 1))
        fi
        ;;
    *)
        if [ "$status" != 0 ]; then
            echo "47-panic-corpus: $dir is labelled clean but exited $status" >&2
            head -n 5 "$work/out/$id.stderr" >&2
            bad_labels=$((bad_labels + 1))
        fi
        ;;
    esac
done
if [ "$bad_labels" != 0 ]; then
    echo "47-panic-corpus: $bad_labels wrong labels" >&2
    exit 1
fi

corpus_score --select PANIC -- --verified-with "the Go runtime" --count-info-on-clean
