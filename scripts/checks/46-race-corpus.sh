#!/usr/bin/env bash
# The race-risk family against the real race detector. Every program under
# core/tests/corpus/race/buggy/ must really fail when built with `go build -race`
# and run: the race detector reports `WARNING: DATA RACE`, or the runtime dies
# with `concurrent map writes`, `all goroutines are asleep - deadlock!`, or a
# `send on closed channel` / `close of closed channel` panic (up to 3 tries,
# since scheduling varies). Every program under clean/ must exit 0 with no race
# report 5 times in a row (GORACE=halt_on_error=1, with a timeout). So no label
# is a guess. Then faultline's RACE rules are run over the corpus (as Go 1.19:
# per-loop variables, like the toolchain that verified the labels) and we
# measure recall (buggy programs with any RACE finding) and false alarms (clean
# programs with a warning or error RACE finding).
# Fails if a label is wrong, recall < 75%, false alarms > 5%, or the corpus has
# fewer than 60 programs of each label.
# Installs Debian's golang-go if `go` is missing. Honours CARGO_TARGET_DIR.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source scripts/lib/corpus.sh
corpus_init 46-race-corpus core/tests/corpus/race buggy

# Build every program once with the race detector. The race runtime hides
# deadlocks from the runtime deadlock detector, so programs marked
# "// corpus: deadlock" are also built without -race.
corpus_build -race
for dir in $(grep -l "^// corpus: deadlock" $(printf '%s/main.go\n' $programs) | xargs -n1 dirname); do
    id=$(corpus_id "$dir")
    if ! go build -o "$work/bin/$id.plain" "$dir/main.go" >>"$work/out/$id.build" 2>&1; then
        echo "46-race-corpus: $dir does not build without -race:" >&2
        cat "$work/out/$id.build" >&2
        exit 1
    fi
done

# Run each binary (two at a time) and write its verdict: ok or a reason.
cat >"$work/verify.sh" <<'VERIFY'
#!/usr/bin/env bash
dir="$1"; work="$2"
id=$(echo "$dir" | tr / _)
bin="$work/bin/$id"
failure='WARNING: DATA RACE|concurrent map writes|concurrent map read and map write|all goroutines are asleep - deadlock!|send on closed channel|close of closed channel'
case "$dir" in
*/buggy/*)
    if [ -x "$bin.plain" ]; then
        timeout 10 "$bin.plain" >"$work/out/$id.stdout" 2>"$work/out/$id.stderr" </dev/null
        if grep -qE "$failure" "$work/out/$id.stderr"; then
            echo ok >"$work/out/$id.verdict"
            exit 0
        fi
        echo "labelled buggy (deadlock) but the plain build ran without a deadlock or closed-channel panic" >"$work/out/$id.verdict"
        exit 0
    fi
    for try in 1 2 3; do
        timeout 20 "$bin" >"$work/out/$id.stdout" 2>"$work/out/$id.stderr" </dev/null
        if grep -qE "$failure" "$work/out/$id.stderr"; then
            echo ok >"$work/out/$id.verdict"
            exit 0
        fi
    done
    echo "labelled buggy but 3 runs showed no race report, fatal concurrent map access, deadlock or closed-channel panic" >"$work/out/$id.verdict"
    ;;
*)
    for try in 1 2 3 4 5; do
        GORACE=halt_on_error=1 timeout 20 "$bin" >"$work/out/$id.stdout" 2>"$work/out/$id.stderr" </dev/null
        status=$?
        if [ "$status" != 0 ] || grep -qE "$failure" "$work/out/$id.stderr"; then
            echo "labelled clean but run $try exited $status: $(head -c 300 "$work/out/$id.stderr" | tr '\n' ' ')" >"$work/out/$id.verdict"
            exit 0
        fi
    done
    echo ok >"$work/out/$id.verdict"
    ;;
esac
VERIFY
chmod +x "$work/verify.sh"
printf '%s\n' $programs | xargs -P 2 -I{} "$work/verify.sh" {} "$work"

bad_labels=0
for dir in $programs; do
    id=$(corpus_id "$dir")
    verdict=$(cat "$work/out/$id.verdict" 2>/dev/null || echo "not run")
    if [ "$verdict" != ok ]; then
        echo "46-race-corpus: $dir: $verdict" >&2
        bad_labels=$((bad_labels + 1))
    fi
done
if [ "$bad_labels" != 0 ]; then
    echo "46-race-corpus: $bad_labels wrong labels" >&2
    exit 1
fi

corpus_score --select RACE --go 1.19 -- --verified-with "the race detector" --min-programs 60 --min-recall 0.75 --per-rule
