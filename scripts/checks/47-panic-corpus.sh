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
corpus=core/tests/corpus/panic
marker="deferred cleanup ran"

if ! command -v go >/dev/null 2>&1; then
    sudo_cmd=""
    if [ "$(id -u)" != 0 ]; then sudo_cmd=sudo; fi
    $sudo_cmd apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq golang-go >/dev/null
fi
command -v python3 >/dev/null 2>&1 || { echo "47-panic-corpus: python3 is required" >&2; exit 1; }

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
work="$target_dir/panic-corpus"
rm -rf "$work"
mkdir -p "$work/bin" "$work/out"

# Build every program, two at a time (go build shares its cache), then run each.
export GO111MODULE=on GOTOOLCHAIN=local GOPROXY=off GOFLAGS=
programs=$(find "$corpus/crash" "$corpus/clean" -mindepth 1 -maxdepth 1 -type d | sort)
printf '%s\n' $programs | xargs -P 2 -I{} sh -c '
    dir="$1"; work="$2"
    id=$(echo "$dir" | tr / _)
    if ! go build -o "$work/bin/$id" "$dir/main.go" >"$work/out/$id.build" 2>&1; then
        echo "47-panic-corpus: $dir does not build:" >&2
        cat "$work/out/$id.build" >&2
        exit 255
    fi
' _ {} "$work"

bad_labels=0
for dir in $programs; do
    id=$(echo "$dir" | tr / _)
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

cargo build -q -p faultline
set +e
"$target_dir/debug/faultline" check --select PANIC --format json --no-config --fail-on error "$corpus" >"$work/findings.json"
status=$?
set -e
if [ "$status" = 2 ]; then
    echo "47-panic-corpus: faultline check failed" >&2
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
crash, clean = programs("crash"), programs("clean")
serious = lambda ds: [d for d in ds if d["severity"] in ("warning", "error")]
found_any = [p for p in crash if by_dir.get(os.path.normpath(p))]
found_serious = [p for p in crash if serious(by_dir.get(os.path.normpath(p), []))]
alarms = [p for p in clean if serious(by_dir.get(os.path.normpath(p), []))]
info_on_clean = [p for p in clean if by_dir.get(os.path.normpath(p)) and p not in alarms]
recall = len(found_any) / len(crash)
recall_serious = len(found_serious) / len(crash)
false_alarm = len(alarms) / len(clean)
print(f"47-panic-corpus: {len(crash)} crashing and {len(clean)} clean programs verified with the Go runtime")
print(f"47-panic-corpus: recall {len(found_any)}/{len(crash)} = {recall:.0%} (warning or error only: {recall_serious:.0%}); "
      f"false alarms {len(alarms)}/{len(clean)} = {false_alarm:.0%} (info-only findings on {len(info_on_clean)} clean programs)")
missed = [os.path.basename(p) for p in crash if p not in found_any]
if missed:
    print("47-panic-corpus: missed: " + ", ".join(missed))
for p in alarms:
    for d in serious(by_dir[os.path.normpath(p)]):
        print(f"47-panic-corpus: false alarm {d['path']}:{d['start']['line']} {d['code']} {d['message']}", file=sys.stderr)
if len(crash) < 40 or len(clean) < 40:
    sys.exit("47-panic-corpus: the corpus needs at least 40 programs of each label")
if recall < 0.80 or false_alarm > 0.05:
    sys.exit("47-panic-corpus: below target (recall >= 80%, false alarms <= 5%)")
PY
