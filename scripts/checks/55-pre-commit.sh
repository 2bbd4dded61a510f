#!/usr/bin/env bash
# The repository's .pre-commit-hooks.yaml, run by the real pre-commit (pinned,
# in a venv under target/) on a throwaway Go project: the check hook fails on a
# finding and passes on clean code; the fix hook applies a fix. Honours
# CARGO_TARGET_DIR. Quiet unless failing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target_dir"
log="$target_dir/check-pre-commit.log"
: >"$log"
fail() {
	echo "55-pre-commit: $*" >&2
	tail -n 40 "$log" >&2
	exit 1
}

venv="$target_dir/pre-commit-venv"
if [[ ! -x "$venv/bin/pre-commit" ]]; then
	if ! python3 -m venv "$venv" >>"$log" 2>&1; then
		sudo=""
		[[ "$(id -u)" == 0 ]] || sudo="sudo"
		{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv; } >>"$log" 2>&1 ||
			fail "cannot install python3-venv"
		rm -rf "$venv"
		python3 -m venv "$venv" >>"$log" 2>&1 || fail "cannot create a venv"
	fi
	"$venv/bin/pip" install -q "pre-commit==4.7.0" >>"$log" 2>&1 || fail "cannot install pre-commit"
fi
cargo build -q -p faultline >>"$log" 2>&1 || fail "cannot build faultline"
export PATH="$target_dir/debug:$PATH"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
git_quiet() { git -c user.name=t -c user.email=t@t -c init.defaultBranch=main -c commit.gpgsign=false "$@" >>"$log" 2>&1; }

# A hook repository holding only the hooks file, as pre-commit clones it.
mkdir "$work/hooks"
cp .pre-commit-hooks.yaml "$work/hooks/"
git_quiet -C "$work/hooks" init
git_quiet -C "$work/hooks" add .
git_quiet -C "$work/hooks" commit -m hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

project="$work/project"
mkdir -p "$project/vendor/x"
cat >"$project/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $work/hooks
    rev: $rev
    hooks:
      - id: faultline
      - id: faultline-fix
        stages: [manual]
YAML
printf 'package p\n\nfunc ok() int { return 1 }\n' >"$project/ok.go"
# Excluded by the hook although it has a finding.
printf 'package x\n\nfunc f() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n' >"$project/vendor/x/x.go"
git_quiet -C "$project" init
git_quiet -C "$project" add .
(cd "$project" && "$venv/bin/pre-commit" run --all-files faultline >>"$log" 2>&1) ||
	fail "the check hook failed on clean code"

printf 'package p\n\nfunc f() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n' >"$project/bad.go"
git_quiet -C "$project" add bad.go
if (cd "$project" && "$venv/bin/pre-commit" run --all-files faultline >"$work/out" 2>&1); then
	cat "$work/out" >>"$log"
	fail "the check hook passed on a nil map write"
fi
grep -q "NIL002" "$work/out" || { cat "$work/out" >>"$log"; fail "the check hook did not show the finding"; }

(cd "$project" && "$venv/bin/pre-commit" run --all-files --hook-stage manual faultline-fix >>"$log" 2>&1) || true
grep -q 'm := map\[string\]int{}' "$project/bad.go" || fail "the fix hook did not fix bad.go"
grep -q 'var m map' "$project/vendor/x/x.go" || fail "the fix hook touched vendor/"
(cd "$project" && git add -A >>"$log" 2>&1 && "$venv/bin/pre-commit" run --all-files faultline >>"$log" 2>&1) ||
	fail "the check hook still fails after the fix"
echo "55-pre-commit: pre-commit $("$venv/bin/pre-commit" --version | cut -d' ' -f2) ran the faultline and faultline-fix hooks (finding reported, fix applied, vendor/ excluded)"
