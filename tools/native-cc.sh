#!/bin/sh
# C compiler for native x86_64 Linux builds (named in .cargo/config.toml): the
# system's `cc`, plus gcc profile-guided optimisation for the third-party C that
# takes most of faultline's time (issue #12): tree-sitter's runtime, the Go
# grammar's parse tables and mimalloc. Parsing is about two thirds of a check's
# CPU time, and gcc lays out that code for the branches a real parse takes.
#
# The profiles live in tools/pgo/, one per source file, under the crate
# directory's name with its version (tree-sitter-0.27.1/src/lib.gcda): a
# registry crate's source never changes under its version, so a profile can
# only ever meet the code it was measured on. tools/pgo-train.sh measures them;
# scripts/checks/15-pgo-profiles.sh fails when Cargo.lock moves to a version
# that has none.
#
# Everything else passes through untouched, as does any compile when:
#   - FAULTLINE_PGO=off;
#   - it is not optimised (-O2/-O3: debug builds and cc's flag probes);
#   - the compiler is not the gcc release the profiles were made with
#     (tools/pgo/gcc-version): gcc reads only its own release's profiles.
# FAULTLINE_PGO=generate (tools/pgo-train.sh) instruments the same sources and
# appends "key<TAB>profile path" lines to $FAULTLINE_PGO_MAP; =check is the
# default, =use, with gcc's warnings about the profile shown.
here=$(cd "$(dirname "$0")" && pwd)
real=${FAULTLINE_REAL_CC:-cc}
mode=${FAULTLINE_PGO:-use}

source_file=""
object=""
optimised=""
next_is_object=""
for arg in "$@"; do
	if [ -n "$next_is_object" ]; then
		object=$arg
		next_is_object=""
		continue
	fi
	case $arg in
	-o) next_is_object=1 ;;
	-o*) object=${arg#-o} ;;
	-O2 | -O3) optimised=1 ;;
	*.c) source_file=$arg ;;
	esac
done

# The profiled sources, by their path inside the crate directory. Build
# scripts run in their crate's directory, and some name sources relative to it.
case $source_file in
"" | /*) ;;
*) source_file="$PWD/$source_file" ;;
esac
key=$(printf '%s\n' "$source_file" | sed -n \
	-e 's#^.*/\(tree-sitter-[0-9][0-9.]*/src/lib\)\.c$#\1#p' \
	-e 's#^.*/\(tree-sitter-go-[0-9][0-9.]*/src/parser\)\.c$#\1#p' \
	-e 's#^.*/\(libmimalloc-sys-[0-9][0-9.]*/c_src/mimalloc/v[0-9]*/src/static\)\.c$#\1#p')

if [ "$mode" = off ] || [ -z "$key" ] || [ -z "$object" ] || [ -z "$optimised" ]; then
	exec "$real" "$@"
fi
# gcc writes and reads a profile beside the object: foo.o's is foo.gcda.
profile="${object%.o}.gcda"
# gcc finds a function's counts by an id that, for a static function, hashes
# the object's path by default; cargo's build directories differ between
# checkouts. Numbering functions in source order instead lets a profile fit
# wherever it is used.
stable_ids="--param=profile-func-internal-id=1"

case $mode in
generate)
	printf '%s\t%s\n' "$key" "$profile" >>"${FAULTLINE_PGO_MAP:?FAULTLINE_PGO_MAP names the file that maps profiles to sources}"
	exec "$real" "$@" $stable_ids -fprofile-generate -fprofile-update=prefer-atomic
	;;
*)
	stored="$here/pgo/$key.gcda"
	if [ -f "$stored" ] && [ "$("$real" -dumpfullversion 2>/dev/null)" = "$(cat "$here/pgo/gcc-version")" ]; then
		cp "$stored" "$profile" || exec "$real" "$@"
		# -fprofile-partial-training: code the training never ran keeps the
		# usual optimisation instead of being compiled for size. A profile
		# that does not fit (other flags from the user's CFLAGS) costs the
		# speed, never the build: gcc then warns instead of failing.
		# FAULTLINE_PGO=check (scripts/checks/15-pgo-profiles.sh) shows
		# gcc's word on each function it found no counts for.
		missing=-Wno-missing-profile
		[ "$mode" = check ] && missing=-Wmissing-profile
		exec "$real" "$@" $stable_ids -fprofile-use -fprofile-partial-training $missing -Wno-error=coverage-mismatch
	fi
	exec "$real" "$@"
	;;
esac
