# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz - a short fuzzing run of every target that is built and has a
# corpus: 20 seconds of fuzz_term, 10 each of fuzz_beam, fuzz_config,
# fuzz_ei, fuzz_models and fuzz_spec, 5 each of fuzz_proc and fuzz_debscan.  Exits 0 when the
# runs find nothing, 77 when no target is there to run.
set -u
: "${ERLRC_BUILD:?run through tests/run-suite}" "${ERLRC_TOP:?}"

fuzzdir=$ERLRC_BUILD/fuzz
ran=0 st=0
for spec in fuzz_term:20 fuzz_beam:10 fuzz_config:10 fuzz_ei:10 \
    fuzz_models:10 fuzz_spec:10 fuzz_proc:5 fuzz_debscan:5; do
	target=${spec%:*} seconds=${spec#*:}
	if [ ! -x "$fuzzdir/$target" ]; then
		echo "skipping $target: $fuzzdir/$target is not built"
		continue
	fi
	if [ ! -d "$ERLRC_TOP/tests/fuzz/corpus/$target" ]; then
		echo "skipping $target: no tests/fuzz/corpus/$target"
		continue
	fi
	ran=$((ran + 1))
	"$ERLRC_TOP/tests/fuzz/run" "$fuzzdir" "$seconds" "$target" || st=1
done
[ "$ran" -gt 0 ] || exit 77
exit "$st"
