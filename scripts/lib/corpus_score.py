"""Scores faultline's findings over a labelled corpus of Go programs (see
corpus.sh): recall is the share of bad programs with any finding, false alarms
the share of clean programs with a warning or error finding. Exits non-zero
below the targets or when the corpus is too small."""

import argparse
import json
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--check", required=True, help="the check's name, printed before every line")
ap.add_argument("--corpus", required=True)
ap.add_argument("--bad-label", required=True, help="directory of the programs that must fail (crash, buggy)")
ap.add_argument("--findings", required=True, help="faultline check --format json output")
ap.add_argument("--verified-with", required=True, help="what proved the labels, for the summary line")
ap.add_argument("--min-programs", type=int, default=40, help="fewest programs of each label")
ap.add_argument("--min-recall", type=float, default=0.80)
ap.add_argument("--max-false-alarms", type=float, default=0.05)
ap.add_argument("--per-rule", action="store_true", help="recall per rule code, the program name's prefix (race003_...)")
ap.add_argument("--count-info-on-clean", action="store_true", help="also count clean programs with info/hint findings")
args = ap.parse_args()
name = args.check

by_dir = {}
for d in json.load(open(args.findings))["diagnostics"]:
    by_dir.setdefault(os.path.dirname(os.path.normpath(d["path"])), []).append(d)


def programs(label):
    base = os.path.join(args.corpus, label)
    return sorted(os.path.join(base, p) for p in os.listdir(base))


def findings(p):
    return by_dir.get(os.path.normpath(p), [])


def serious(ds):
    return [d for d in ds if d["severity"] in ("warning", "error")]


bad, clean = programs(args.bad_label), programs("clean")
found_any = [p for p in bad if findings(p)]
found_serious = [p for p in bad if serious(findings(p))]
alarms = [p for p in clean if serious(findings(p))]
recall = len(found_any) / len(bad)
false_alarm = len(alarms) / len(clean)
what = "crashing" if args.bad_label == "crash" else args.bad_label
print(f"{name}: {len(bad)} {what} and {len(clean)} clean programs verified with {args.verified_with}")
info = ""
if args.count_info_on_clean:
    info_on_clean = [p for p in clean if findings(p) and p not in alarms]
    info = f" (info-only findings on {len(info_on_clean)} clean programs)"
print(
    f"{name}: recall {len(found_any)}/{len(bad)} = {recall:.0%} (warning or error only: {len(found_serious) / len(bad):.0%}); "
    f"false alarms {len(alarms)}/{len(clean)} = {false_alarm:.0%}{info}"
)
if args.per_rule:
    per = {}
    for p in bad:
        code = os.path.basename(p).split("_")[0].upper()
        hit, total = per.get(code, (0, 0))
        per[code] = (hit + (p in found_any), total + 1)
    print(f"{name}: per rule: " + ", ".join(f"{c} {a}/{b}" for c, (a, b) in sorted(per.items())))
missed = [os.path.basename(p) for p in bad if p not in found_any]
if missed:
    print(f"{name}: missed: " + ", ".join(missed))
for p in alarms:
    for d in serious(findings(p)):
        print(f"{name}: false alarm {d['path']}:{d['start']['line']} {d['code']} {d['message']}", file=sys.stderr)
if len(bad) < args.min_programs or len(clean) < args.min_programs:
    sys.exit(f"{name}: the corpus needs at least {args.min_programs} programs of each label")
if recall < args.min_recall or false_alarm > args.max_false_alarms:
    sys.exit(
        f"{name}: below target (recall >= {args.min_recall:.0%}, false alarms <= {args.max_false_alarms:.0%})"
    )
