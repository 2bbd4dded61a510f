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
corpus=core/tests/corpus/race

if ! command -v go >/dev/null 2>&1; then
    sudo_cmd=""
    if [ "$(id -u)" != 0 ]; then sudo_cmd=sudo; fi
    $sudo_cmd apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq golang-go >/dev/null
fi
command -v python3 >/dev/null 2>&1 || { echo "46-race-corpus: python3 is required" >&2; exit 1; }

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
work="$target_dir/race-corpus"
rm -rf "$work"
mkdir -p "$work/bin" "$work/out"

export GO111MODULE=on GOTOOLCHAIN=local GOPROXY=off GOFLAGS=
programs=$(find "$corpus/buggy" "$corpus/clean" -mindepth 1 -maxdepth 1 -type d | sort)

# Build every program once with the race detector, two at a time (go build shares its cache).
printf '%s\n' $programs | xargs -P 2 -I{} sh -c '
    dir="$1"; work="$2"
    id=$(echo "$dir" | tr / _)
    if ! go build -race -o "$work/bin/$id" "$dir/main.go" >"$work/out/$id.build" 2>&1; then
        echo "46-race-corpus: $dir does not build:" >&2
        cat "$work/out/$id.build" >&2
        exit 255
    fi
    # The race runtime hides deadlocks from the runtime deadlock detector, so
    # programs marked "// corpus: deadlock" are also built without -race.
    if grep -q "^// corpus: deadlock" "$dir/main.go" && ! go build -o "$work/bin/$id.plain" "$dir/main.go" >>"$work/out/$id.build" 2>&1; then
        echo "46-race-corpus: $dir does not build without -race:" >&2
        cat "$work/out/$id.build" >&2
        exit 255
    fi
' _ {} "$work"

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
    id=$(echo "$dir" | tr / _)
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

cargo build -q -p faultline
set +e
"$target_dir/debug/faultline" check --select RACE --go 1.19 --format json --no-config --fail-on error "$corpus" >"$work/findings.json"
status=$?
set -e
if [ "$status" = 2 ]; then
    echo "46-race-corpus: faultline check failed" >&2
    exit 1
fi

python3 - "$corpus" "$work/findings.json" <<'PY'
import json, os, sys
corpus, findings = sys.argv[1], sys.argv[2]
data = json.load(open(findings))
by_dir = {}
for d in data["diagnostics"]:
    by_dir.setdefault(os.path.dirname(os.path.normpath(d["path"])), []).append(d)
def programs(label):
    base = os.path.join(corpus, label)
    return sorted(os.path.join(base, p) for p in os.listdir(base))
buggy, clean = programs("buggy"), programs("clean")
serious = lambda ds: [d for d in ds if d["severity"] in ("warning", "error")]
found_any = [p for p in buggy if by_dir.get(os.path.normpath(p))]
found_serious = [p for p in buggy if serious(by_dir.get(os.path.normpath(p), []))]
alarms = [p for p in clean if serious(by_dir.get(os.path.normpath(p), []))]
recall = len(found_any) / len(buggy)
recall_serious = len(found_serious) / len(buggy)
false_alarm = len(alarms) / len(clean)
print(f"46-race-corpus: {len(buggy)} buggy and {len(clean)} clean programs verified with the race detector")
print(f"46-race-corpus: recall {len(found_any)}/{len(buggy)} = {recall:.0%} (warning or error only: {recall_serious:.0%}); "
      f"false alarms {len(alarms)}/{len(clean)} = {false_alarm:.0%}")
# Per rule family prefix of the program name (race003_...): how many of each were found.
per = {}
for p in buggy:
    code = os.path.basename(p).split("_")[0].upper()
    hit = p in found_any
    a, b = per.get(code, (0, 0))
    per[code] = (a + hit, b + 1)
print("46-race-corpus: per rule: " + ", ".join(f"{c} {a}/{b}" for c, (a, b) in sorted(per.items())))
missed = [os.path.basename(p) for p in buggy if p not in found_any]
if missed:
    print("46-race-corpus: missed: " + ", ".join(missed))
for p in alarms:
    for d in serious(by_dir[os.path.normpath(p)]):
        print(f"46-race-corpus: false alarm {d['path']}:{d['start']['line']} {d['code']} {d['message']}", file=sys.stderr)
if len(buggy) < 60 or len(clean) < 60:
    sys.exit("46-race-corpus: the corpus needs at least 60 programs of each label")
if recall < 0.75 or false_alarm > 0.05:
    sys.exit("46-race-corpus: below target (recall >= 75%, false alarms <= 5%)")
PY
