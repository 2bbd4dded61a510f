#!/usr/bin/env bash
# ESC hints against the real compiler. Compiles the escape corpus
# (core/tests/corpus/escape/) and every ESC fixture case with Debian's Go 1.19
# `go build -gcflags='-m -l'` (inlining off: the mode the hints mirror), runs
# `faultline check --select ESC` on the same files, and compares line by line:
#   precision of a rule = its hint lines on which the compiler prints a line of
#     the kind the rule predicts ("moved to heap", "escapes to heap", or
#     "leaking param" for ESC006) / its hint lines;
#   recall = compiler "moved to heap"/"escapes to heap" lines with an ESC hint
#     on the same line / all of them (per kind of compiler line, and overall).
# Fails when overall precision < 85% or overall recall < 60%.
# Honours CARGO_TARGET_DIR. Set ESCAPE_ORACLE_VERBOSE=1 to list every line.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target_dir"
log="$target_dir/check-escape-oracle.log"
: >"$log"

fail() {
	echo "40-escape-oracle: $*" >&2
	[[ -s "$log" ]] && tail -n 40 "$log" >&2
	exit 1
}

need=()
command -v go >/dev/null || need+=(golang-go)
command -v jq >/dev/null || need+=(jq)
if ((${#need[@]})); then
	sudo=""
	[[ "$(id -u)" == 0 ]] || sudo="sudo"
	{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"; } >>"$log" 2>&1 ||
		fail "cannot install ${need[*]}"
fi

cargo build -q -p faultline >>"$log" 2>&1 || fail "cannot build faultline"
faultline="$target_dir/debug/faultline"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local
# A cache under target/ survives between runs without touching the user's.
export GOCACHE="$target_dir/go-build-cache" GOPATH="${GOPATH:-$work/gopath}"

# Every Go module to compare: the corpus and each ESC fixture case.
modules=(core/tests/corpus/escape)
for dir in core/tests/fixtures/ESC*/*/; do
	[[ -f "$dir/go.mod" ]] || fail "$dir has no go.mod (ESC fixtures must compile)"
	modules+=("${dir%/}")
done

compiler="$work/compiler.tsv" # path<TAB>line<TAB>kind<TAB>message
hints="$work/hints.tsv"       # path<TAB>line<TAB>code
: >"$compiler"
: >"$hints"
for module in "${modules[@]}"; do
	if ! out="$(cd "$module" && go build -gcflags='-m -l' ./... 2>&1)"; then
		echo "$out" >>"$log"
		fail "$module does not compile with $(go version)"
	fi
	echo "$out" | sed -n -E 's#^(\./)?([^:]+\.go):([0-9]+):[0-9]+: (.*)$#\2\t\3\t\4#p' |
		awk -F'\t' -v m="$module" '
			$3 ~ /^moved to heap: / { print m "/" $1 "\t" $2 "\tM\t" $3; next }
			$3 ~ /^leaking param: / { print m "/" $1 "\t" $2 "\tL\t" $3; next }
			$3 ~ / escapes to heap$/ { print m "/" $1 "\t" $2 "\tE\t" $3 }' >>"$compiler"
	set +e
	(cd "$module" && "$faultline" check --no-config --select ESC --format json --fail-on error .) >"$work/out.json" 2>>"$log"
	status=$?
	set -e
	((status == 0)) || fail "faultline check --select ESC $module exited $status"
	jq -r --arg m "$module" '.diagnostics[] | "\($m)/\(.path | sub("^\\./"; ""))\t\(.start.line)\t\(.code)"' \
		"$work/out.json" >>"$hints"
done

# Kinds of compiler line each rule predicts.
awk -F'\t' -v verbose="${ESCAPE_ORACLE_VERBOSE:-0}" '
	function kinds(code) {
		if (code == "ESC006") return "L"
		if (code == "ESC002") return "ME"
		if (code == "ESC003" || code == "ESC004") return "E"
		return "ME"
	}
	# What a compiler line is about, to report recall per kind.
	# mawk has no asorti: sort the keys of an array into out[1..n].
	function sorted_keys(arr, out,    k, n, i, j, t) {
		n = 0
		for (k in arr) out[++n] = k
		for (i = 2; i <= n; i++) { t = out[i]; for (j = i - 1; j >= 1 && out[j] > t; j--) out[j + 1] = out[j]; out[j + 1] = t }
		return n
	}
	function category(kind, msg) {
		if (kind == "L") return "leaking param (ESC006)"
		if (kind == "M") return "moved to heap: x (ESC001/002/005)"
		if (msg ~ /^func literal /) return "func literal escapes (ESC002)"
		if (msg ~ /^make\(/) return "make(...) escapes (ESC004/005)"
		if (msg ~ /^(&|new\()/) return "&T{...}/new(T) escapes (ESC001/005)"
		return "value escapes, interface conversion (ESC003)"
	}
	FNR == NR {
		key = $1 ":" $2
		if (!((key, $3) in seen_compiler)) {
			seen_compiler[key, $3] = 1
			has[key, $3] = 1
			if ($3 != "L") { me[key] = 1 }
			cat = category($3, $4)
			if (!((key, cat) in seen_cat)) { seen_cat[key, cat] = 1; cats[cat]++; catline[cat, cats[cat]] = key; catmsg[cat, cats[cat]] = $4 }
		}
		next
	}
	{
		key = $1 ":" $2
		if ((key, $3) in seen_hint) next
		seen_hint[key, $3] = 1
		rules[$3]++
		hinted[key] = 1
		hinted_rule[key, $3] = 1
		ok = 0
		k = kinds($3)
		for (i = 1; i <= length(k); i++) if ((key, substr(k, i, 1)) in has) ok = 1
		if (ok) { tp[$3]++ } else if (verbose) { print "  false alarm " $3 " " key }
		total_hints++
		total_tp += ok
	}
	END {
		printf "  %-8s %6s %6s %9s\n", "rule", "hints", "agree", "precision"
		n = sorted_keys(rules, codes)
		for (i = 1; i <= n; i++) {
			c = codes[i]
			printf "  %-8s %6d %6d %8.1f%%\n", c, rules[c], tp[c], 100 * tp[c] / rules[c]
		}
		printf "  %-8s %6d %6d %8.1f%%\n", "all", total_hints, total_tp, total_hints ? 100 * total_tp / total_hints : 0
		print ""
		printf "  %-48s %6s %6s %7s\n", "compiler lines", "lines", "hinted", "recall"
		n = sorted_keys(cats, names)
		for (i = 1; i <= n; i++) {
			c = names[i]
			hit = 0
			for (j = 1; j <= cats[c]; j++) {
				if (catline[c, j] in hinted) hit++
				else if (verbose) print "  missed " catline[c, j] ": " catmsg[c, j]
			}
			printf "  %-48s %6d %6d %6.1f%%\n", c, cats[c], hit, 100 * hit / cats[c]
		}
		total = 0; hit = 0
		for (key in me) { total++; if (key in hinted) hit++ }
		printf "  %-48s %6d %6d %6.1f%%\n", "all moved/escapes lines", total, hit, total ? 100 * hit / total : 0
		precision = total_hints ? 100 * total_tp / total_hints : 0
		recall = total ? 100 * hit / total : 0
		printf "RESULT %.1f %.1f\n", precision, recall
	}' "$compiler" "$hints" >"$work/report.txt"

result=$(grep '^RESULT' "$work/report.txt")
precision=$(awk '{print $2}' <<<"$result")
recall=$(awk '{print $3}' <<<"$result")
echo "40-escape-oracle: ${#modules[@]} module(s) compiled with go build -gcflags='-m -l' ($(go version | awk '{print $3}')), faultline --select ESC compared line by line:"
grep -v '^RESULT' "$work/report.txt"
if awk -v p="$precision" -v r="$recall" 'BEGIN { exit !(p < 85 || r < 60) }'; then
	fail "precision ${precision}% / recall ${recall}% below the 85% / 60% targets"
fi
echo "40-escape-oracle: precision ${precision}% (target 85%), recall ${recall}% (target 60%)"
