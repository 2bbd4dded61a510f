#!/usr/bin/env bash
# Checks ESC fixtures against the real compiler: every line marked
# `// want ESC001` must have a "moved to heap" or "escapes to heap" line from
# `go build -gcflags=-m` (Go 1.19, Debian golang-go). When the expectation
# quotes "moved to heap: NAME", the compiler must name the same variable.
# Compiler escapes on unmarked lines are listed as misses (faultline stays
# quiet where it cannot be sure), not failures.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fixtures="$root/core/tests/fixtures"

if ! command -v go >/dev/null 2>&1; then
    echo "40-escape-oracle: installing golang-go" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq golang-go >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local
# A cache under target/ survives between runs without touching the user's.
export GOCACHE="$root/target/go-build-cache" GOPATH="${GOPATH:-$work/gopath}"

failures=0
checked=0
missed=0
cases=0
for dir in "$fixtures"/ESC*/*/; do
    [ -f "$dir/go.mod" ] || { echo "40-escape-oracle: $dir has no go.mod (ESC fixtures must compile)"; failures=$((failures + 1)); continue; }
    cases=$((cases + 1))
    name="${dir#"$fixtures"/}"
    name="${name%/}"
    copy="$work/src/$name"
    mkdir -p "$copy"
    cp -r "$dir"/. "$copy"/
    if ! out="$(cd "$copy" && go build -gcflags=-m ./... 2>&1)"; then
        echo "40-escape-oracle: $name does not compile:"
        echo "$out" | sed 's/^/    /'
        failures=$((failures + 1))
        continue
    fi
    # file:line<TAB>message for every escape the compiler reports.
    escapes="$(echo "$out" | sed -n -E 's#^\./([^:]+\.go):([0-9]+):[0-9]+: (.*(moved to heap: .*|escapes to heap))$#\1:\2\t\3#p')"
    for file in "$copy"/*.go; do
        base="$(basename "$file")"
        while IFS=$'\t' read -r line want; do
            checked=$((checked + 1))
            got="$(echo "$escapes" | awk -F'\t' -v key="$base:$line" '$1 == key { print $2 }')"
            if [ -z "$got" ]; then
                echo "MISMATCH $name/$base:$line: faultline expects an escape, the compiler reports none"
                echo "    want: $want"
                failures=$((failures + 1))
                continue
            fi
            var="$(echo "$want" | sed -n -E 's/.*"moved to heap: ([A-Za-z_0-9]+).*/\1/p')"
            if [ -n "$var" ] && ! echo "$got" | grep -qx "moved to heap: $var"; then
                echo "MISMATCH $name/$base:$line: faultline says moved to heap: $var, the compiler says:"
                echo "$got" | sed 's/^/    /'
                failures=$((failures + 1))
            fi
        done < <(grep -n '// want ESC001' "$file" | sed -E 's/^([0-9]+):.*\/\/ want (ESC001.*)$/\1\t\2/')
        # Compiler escapes faultline does not claim (recall, informational).
        while IFS=$'\t' read -r key msg; do
            [ -n "$key" ] || continue
            line="${key##*:}"
            if ! sed -n "${line}p" "$file" | grep -q '// want ESC001'; then
                missed=$((missed + 1))
            fi
        done < <(echo "$escapes" | awk -F'\t' -v f="$base" 'index($1, f ":") == 1')
    done
done

echo "40-escape-oracle: $cases ESC fixture case(s), $checked expected escape(s) checked against go build -gcflags=-m ($(go version | awk '{print $3}')); $missed compiler escape line(s) left unclaimed"
if [ "$failures" -gt 0 ]; then
    echo "40-escape-oracle: $failures mismatch(es)"
    exit 1
fi
