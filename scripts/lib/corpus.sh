# Shared by the corpus checks (scripts/checks/45-nil, 46-race, 47-panic): a
# corpus holds Go programs `<corpus>/<bad label>/<name>/main.go` and
# `<corpus>/clean/<name>/main.go`. The calling script builds and runs each one
# to prove its label, then `corpus_score` runs faultline over the corpus and
# scores it with corpus_score.py. Source it after `set -euo pipefail`.

# corpus_init NAME CORPUS BAD_LABEL: installs Debian's golang-go if `go` is
# missing, and sets $check, $corpus, $target_dir (honours CARGO_TARGET_DIR), an
# empty $work with bin/ and out/, and $programs (every program directory).
corpus_init() {
    check=$1 corpus=$2 bad_label=$3
    if ! command -v go >/dev/null 2>&1; then
        local sudo_cmd=""
        if [ "$(id -u)" != 0 ]; then sudo_cmd=sudo; fi
        $sudo_cmd apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq golang-go >/dev/null
    fi
    command -v python3 >/dev/null 2>&1 || { echo "$check: python3 is required" >&2; exit 1; }
    target_dir=$(cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
    work="$target_dir/$check"
    rm -rf "$work"
    mkdir -p "$work/bin" "$work/out"
    export GO111MODULE=on GOTOOLCHAIN=local GOPROXY=off GOFLAGS=
    programs=$(find "$corpus/$bad_label" "$corpus/clean" -mindepth 1 -maxdepth 1 -type d | sort)
}

# corpus_id DIR: the file name of a program's binary and outputs.
corpus_id() {
    echo "$1" | tr / _
}

# corpus_build [GO BUILD FLAGS...]: builds every program into $work/bin/<id>,
# two at a time (go build shares its cache); a program that does not build fails the check.
corpus_build() {
    printf '%s\n' $programs | xargs -P 2 -I{} sh -c '
        check="$1"; work="$2"; dir="$3"; shift 3
        id=$(echo "$dir" | tr / _)
        if ! go build "$@" -o "$work/bin/$id" "$dir/main.go" >"$work/out/$id.build" 2>&1; then
            echo "$check: $dir does not build:" >&2
            cat "$work/out/$id.build" >&2
            exit 255
        fi
    ' _ "$check" "$work" {} "$@"
}

# corpus_score [FAULTLINE CHECK FLAGS...] -- [SCORER FLAGS...]: runs the debug
# faultline over the corpus (JSON, no config) and scores it (corpus_score.py).
corpus_score() {
    local flags=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        flags+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    cargo build -q -p faultline
    local status=0
    "$target_dir/debug/faultline" check "${flags[@]}" --format json --no-config --fail-on error "$corpus" \
        >"$work/findings.json" || status=$?
    if [ "$status" = 2 ]; then
        echo "$check: faultline check failed" >&2
        exit 1
    fi
    python3 "$(dirname "${BASH_SOURCE[0]}")/corpus_score.py" --check "$check" --corpus "$corpus" \
        --bad-label "$bad_label" --findings "$work/findings.json" "$@"
}
