#!/usr/bin/env bash
# Build constraints against the go command: for several GOOS/GOARCH/CGO_ENABLED
# targets, with and without -tags and GOEXPERIMENT, `go list` says which files
# of the Go distribution's `std` and `cmd` each builds and which it leaves out;
# faultline's BuildTarget::includes (which decides the siblings a file sees)
# must agree on every one (core/tests/build_constraints.rs). Installs Debian's
# golang-go if `go` is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if ! command -v go >/dev/null 2>&1; then
    echo "48-build-constraints: installing golang-go" >&2
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq golang-go >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
template='{{$d := .Dir}}{{range .GoFiles}}1 {{$d}}/{{.}}
{{end}}{{range .CgoFiles}}1 {{$d}}/{{.}}
{{end}}{{range .TestGoFiles}}1 {{$d}}/{{.}}
{{end}}{{range .XTestGoFiles}}1 {{$d}}/{{.}}
{{end}}{{range .IgnoredGoFiles}}0 {{$d}}/{{.}}
{{end}}'
# GOOS GOARCH CGO_ENABLED TAGS GOEXPERIMENT (`-`: none): the host's first,
# then systems and architectures that exercise the name rules (android is
# linux, ios is darwin, illumos is solaris), `unix`, cgo off and on, then
# `-tags` (std's own: pure-Go and cgo-free variants, a tag naming a system)
# and experiments turned on and off.
targets="linux amd64 1 - -
linux amd64 0 - -
linux arm64 0 - -
windows amd64 0 - -
windows 386 0 - -
darwin arm64 1 - -
ios arm64 1 - -
android arm64 1 - -
illumos amd64 0 - -
freebsd 386 0 - -
openbsd mips64 0 - -
plan9 amd64 0 - -
aix ppc64 0 - -
js wasm 0 - -
linux mips64le 0 - -
linux s390x 0 - -
linux amd64 1 netgo,osusergo,purego,math_big_pure_go,timetzdata -
darwin arm64 0 purego,compiler_bootstrap,math_rand_go -
linux amd64 1 - boringcrypto,fieldtrack
linux arm64 0 math_big_pure_go staticlockranking,nounified"
: >"$work/oracle"
while read -r goos goarch cgo tags experiments; do
    list="$work/$goos-$goarch-$cgo-${tags//,/_}-${experiments//,/_}.files"
    goflags=""
    [ "$tags" = - ] || goflags="-tags=$tags"
    goexperiment=""
    [ "$experiments" = - ] || goexperiment=$experiments
    (cd / && GOOS=$goos GOARCH=$goarch CGO_ENABLED=$cgo GOFLAGS=$goflags GOEXPERIMENT=$goexperiment \
        go list -e -f "$template" std cmd) | sed '/^$/d' >"$list"
    echo "$goos $goarch $cgo $tags $experiments $list" >>"$work/oracle"
done <<<"$targets"
FAULTLINE_BUILD_ORACLE="$work/oracle" cargo test -q -p faultline-core --test build_constraints -- --nocapture
