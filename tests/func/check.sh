# SPDX-License-Identifier: GPL-2.0-or-later
# check - erlrc-check, the built binary, on real throwaway nodes: a node
# that runs a release exactly, one that differs in erts, in a running, an
# included and a loaded-only application, a node that is down, bad input;
# a node that runs code older than what is installed.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
check=$ERLRC_BIN/erlrc-check
export ERLRC_ROOT=$T/etc ERLRC_STATE=$T/state
unset DPKG_ROOT
L=$T/lib
mkdir -p "$ERLRC_ROOT/nodes" "$ERLRC_ROOT/applications" "$L"
for a in dep inc top lazy late; do : >"$ERLRC_ROOT/applications/$a"; done
otp() { local d; d=$(ls -d /usr/lib/erlang/"$1"/"$2"-*) && echo "${d##*-}"; }
erts=$(otp . erts) kernel=$(otp lib kernel) stdlib=$(otp lib stdlib)
# rel FILE ERTS APP-TUPLES: a release "fleet" 3 with kernel and stdlib
rel() {
	printf '{release, {"fleet", "3"}, {erts, "%s"},\n [{kernel, "%s"}, {stdlib, "%s"}%s]}.\n' \
	    "$2" "$kernel" "$stdlib" "$3" >"$1"
}
n1=c1_$$ n2=c2_$$

mkotpapp "$L" dep 1.0 && mkotpapp "$L" inc 1.0 deps=dep &&
    mkotpapp "$L" top 1.0 incl=inc && mkotpapp "$L" lazy 1.0 lib &&
    mkotpapp "$L" late 1.0 || finish
apps=', {dep, "1.0"}, {inc, "1.0"}, {top, "1.0"}, {lazy, "1.0", load}, {late, "1.0", none}'
rel "$T/fleet.rel" "$erts" "$apps"

# usage
run 0 "$check" --help && grep -q '^usage: erlrc-check' "$T/out" ||
    fail "--help"
run 2 "$check" "$T/fleet.rel" "$T/fleet.rel"
expect_err '^erlrc-check: error: expected at most one release file'
run 2 "$check" --bogus "$T/fleet.rel"
# bad input names the file, before any node is contacted
printf '{release, {"fleet", "3"}, {erts, "%s"}, [{kernel, "%s"}]}.\n' \
    "$erts" "$kernel" >"$T/nostdlib.rel"
run 2 "$check" "$T/nostdlib.rel"
expect_err "^erlrc-check: error: $T/nostdlib.rel:.*stdlib"
run 2 "$check" "$T/missing.rel"
expect_err "missing.rel"

# no node registered: nothing to compare, status 0
run 0 "$check" "$T/fleet.rel"
expect_err '^erlrc-check: no node is registered in .*: nothing to compare there$'

# a node running the release: silent, status 0
node_start "$n1" -pa "$L"/*/ebin || finish
node_register "$n1"
node_call "$n1" '{ok, _} = application:ensure_all_started(dep),
    {ok, _} = application:ensure_all_started(top),
    ok = application:load(lazy)' >/dev/null ||
    fail "cannot start the release by hand"
run 0 "$check" "$T/fleet.rel"
[ ! -s "$T/err" ] || fail "a matching node: $(cat "$T/err")"

# a second node, down: a notice, status still 0
printf 'COOKIE\n' >"$ERLRC_ROOT/nodes/$n2" && chmod 0600 "$ERLRC_ROOT/nodes/$n2"
run 0 "$check" "$T/fleet.rel"
expect_err "^erlrc-check: node '$n2@[^']*' is not running.*: nothing to compare there\$"
rm "$ERLRC_ROOT/nodes/$n2"

# every kind of difference, each on a line, then one error for the node
rel "$T/other.rel" 1.0 ', {dep, "2.0"}, {inc, "1.1"}, {top, "1.0"}, {lazy, "1.2", load}, {late, "1.0"}'
run 1 "$check" "$T/other.rel"
expect_err "^erlrc-check: warning: node '$n1@[^']*' runs erts $erts, the release fleet 3 has 1.0\$"
expect_err "^erlrc-check: warning: node '$n1@[^']*' runs dep 1.0, the release fleet 3 has 2.0\$"
expect_err "^erlrc-check: warning: node '$n1@[^']*' loads inc 1.0, the release fleet 3 has 1.1\$"
expect_err "^erlrc-check: warning: node '$n1@[^']*' loads lazy 1.0, the release fleet 3 has 1.2\$"
expect_err "^erlrc-check: warning: node '$n1@[^']*' does not run late, the release fleet 3 has 1.0\$"
expect_err "^erlrc-check: error: node '$n1@[^']*': differs from the release fleet 3 in 5 places\$"
[ "$(wc -l <"$T/err")" -eq 6 ] || fail "more than the differences: $(cat "$T/err")"

# what was there stops: not run, not loaded
node_call "$n1" 'ok = application:stop(top), ok = application:unload(lazy)' \
    >/dev/null
run 1 "$check" "$T/fleet.rel"
expect_err "does not run top, the release fleet 3 has 1.0\$"
expect_err "does not load lazy, the release fleet 3 has 1.0\$"
expect_err "does not run inc, the release fleet 3 has 1.0\$"
expect_err "in 3 places\$"
grep -q "dep" "$T/err" && fail "dep still runs: $(cat "$T/err")"

# no release: only code older than what is installed is looked for
run 0 "$check"
[ ! -s "$T/err" ] || fail "no release, nothing stale: $(cat "$T/err")"

# code older than what is installed, of applications erlrc does not
# manage: dep's dep_srv.beam replaced under the node (dpkg renames a new
# file over the old), lazy's directory gone (a new version went into
# another directory)
mkotpapp "$T/new" dep 1.1 || finish
cp "$T/new/dep-1.1/ebin/dep_srv.beam" "$L/dep-1.0/ebin/.new" &&
    mv "$L/dep-1.0/ebin/.new" "$L/dep-1.0/ebin/dep_srv.beam"
node_call "$n1" 'ok = application:load(lazy),
    {module, lazy_lazy} = code:ensure_loaded(lazy_lazy)' >/dev/null ||
    fail "cannot load lazy"
rm -r "$L/lazy-1.0"
run 1 "$check"
expect_err "^erlrc-check: warning: node '$n1@[^']*' runs code of dep older than what is installed in $L/dep-1.0/ebin \\(dep_srv\\): the files changed after the node loaded them.  erlrc does not manage dep \\(its package does not call erlrc\\), so the new code runs only once the node restarts: restart it\$"
expect_err "^erlrc-check: warning: node '$n1@[^']*' runs code of lazy older than what is installed in $L/lazy-1.0/ebin \\(lazy_lazy\\): the files were removed after"
expect_err "^erlrc-check: error: node '$n1@[^']*': runs code older than what is installed, of 2 applications\$"
[ "$(wc -l <"$T/err")" -eq 3 ] || fail "more than the stale code: $(cat "$T/err")"
# with a release too: both told, one error for the node
run 1 "$check" "$T/fleet.rel"
expect_err "runs code of dep older than what is installed"
expect_err "does not run top, the release fleet 3 has 1.0\$"
expect_err "^erlrc-check: error: node '$n1@[^']*': runs code older than what is installed, of 2 applications; differs from the release fleet 3 in 2 places\$"
# the node restarted: it runs what is installed
node_stop "$n1"
node_start "$n1" -pa "$L"/*/ebin || finish
node_call "$n1" '{ok, _} = application:ensure_all_started(dep)' >/dev/null
run 0 "$check"
[ ! -s "$T/err" ] || fail "restarted: $(cat "$T/err")"

# an application of the release that no erlrc package registers (OTP's
# runtime_tools): how to start it; with --warn, differences are warnings
# only, status 0, and no error is printed (a release's postinst)
tools=$(otp lib runtime_tools)
rel "$T/tools.rel" "$erts" ", {dep, \"1.0\"}, {runtime_tools, \"$tools\"}"
run 1 "$check" "$T/tools.rel" &&
    expect_err "^erlrc-check: warning: node '$n1@[^']*' does not run runtime_tools, the release fleet 3 has $tools: no erlrc package registers runtime_tools \\(OTP's own applications are not\\), and erlrc starts only the registered applications and what they need.  'erlrc-start runtime_tools $tools' starts it now; list it in the applications of one of yours to have it started at every boot\$"
run 0 "$check" --warn "$T/tools.rel" &&
    expect_err "does not run runtime_tools"
grep -q "error" "$T/err" && fail "--warn printed an error: $(cat "$T/err")"
run 0 "$ERLRC_BIN/erlrc-start" runtime_tools "$tools" &&
    expect_err "started runtime_tools $tools"
run 0 "$check" "$T/tools.rel"
[ ! -s "$T/err" ] || fail "runtime_tools started: $(cat "$T/err")"
[ ! -e "$(copy_of runtime_tools "$tools")" ] || fail "runtime_tools was copied"

# --node: only that node
run 0 "$check" --node "$n2" --cookie-file "$ERLRC_ROOT/nodes/$n1" "$T/fleet.rel"
expect_err "^erlrc-check: node '$n2@[^']*' is not running.*: nothing to compare there\$"
finish
