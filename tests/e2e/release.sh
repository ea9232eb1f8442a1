# SPDX-License-Identifier: GPL-2.0-or-later
# release - a release package moves a live node between releases with
# apt-get: release 1, then release 2, then back to 1, each application
# changed in place by its own package's scripts, the one needed first; the
# release's postinst says what differs from the release, without failing.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
. "$ERLRC_TOP/tests/sandbox.sh"
. "$ERLRC_TOP/tests/aptrepo.sh"

L=$T/lib
n=rel_$$
# otp DIR NAME: the version of the machine's NAME in /usr/lib/erlang/DIR
otp() { local d; d=$(ls -d /usr/lib/erlang/"$1"/"$2"-*) && echo "${d##*-}"; }
# release VSN STORE FRONT: the package of release "fleet" VSN into $REPO
release() {
	printf '{release, {"fleet", "%s"}, {erts, "%s"},\n [{kernel, "%s"}, {stdlib, "%s"}, {store, "%s"}, {front, "%s"}]}.\n' \
	    "$1" "$(otp . erts)" "$(otp lib kernel)" "$(otp lib stdlib)" \
	    "$2" "$3" >"$T/fleet-$1.rel"
	run 0 makereldeb -o "$REPO" -s "$T/fleet.yaml" -L "$L" \
	    -L /usr/lib/erlang/lib "$T/fleet-$1.rel" && reindex
}
vsns() { node_call "$n" '[{A, V} || {A, _, V} <- application:which_applications(),
    A =:= store orelse A =:= front]'; }
pids() { node_call "$n" '{whereis(store_srv), whereis(front_srv)}'; }

mkotpapp "$L" store 1.0 && mkotpapp "$L" store 2.0 &&
    mkotpapp "$L" front 1.0 deps=store &&
    mkotpapp "$L" front 2.0 deps=store || finish
spec fleet
publish store 1.0 && publish front 1.0 && release 1 1.0 1.0 || finish

node_start "$n" || finish
sandbox_register "$n"
run 0 aptget update || finish

# a fresh install of release 1
run 0 aptget install fleet=1
[ "$(vsns)" = '[{front,"1.0"},{store,"1.0"}]' ] ||
    fail "after installing release 1: $(vsns)"
grep -q 'erlrc-check' "$T/err" && fail "release 1 differs: $(cat "$T/err")"
[ -f "$R/usr/share/erlrc/releases/fleet/1/fleet.rel" ] ||
    fail "the .rel is not installed"
pids=$(pids)

# release 2 is published: both applications change in place, store first
publish store 2.0 && publish front 2.0 'store=>= 2.0' &&
    release 2 2.0 2.0 || finish
dpkg-deb -f "$REPO/fleet_2_all.deb" Depends >"$T/depends"
grep -q "^erlrc (>= [^)]*), erlang-base (= $sandbox__base), erlang-store (= 2.0), erlang-front (= 2.0)\$" \
    "$T/depends" || fail "fleet 2's Depends: $(cat "$T/depends")"
run 0 aptget update || finish
: >"$ERLRC_TEST_LOG"
run 0 aptget install fleet=2
[ "$(vsns)" = '[{front,"2.0"},{store,"2.0"}]' ] ||
    fail "after release 2: $(vsns)"
[ "$(grep '^change' "$ERLRC_TEST_LOG" | tr '\n' ' ')" = \
    "change store 2.0 change front 2.0 " ] ||
    fail "upgrade order: $(tr '\n' ' ' <"$ERLRC_TEST_LOG")"
[ "$(pids)" = "$pids" ] || fail "release 2 restarted the servers"
grep -q 'erlrc-check' "$T/err" && fail "release 2 differs: $(cat "$T/err")"
[ -f "$R/usr/share/erlrc/releases/fleet/2/fleet.rel" ] &&
    [ ! -e "$R/usr/share/erlrc/releases/fleet/1" ] ||
    fail "release 2's .rel is not the one installed"

# back to release 1: apt 2.6 takes no older version of a dependency by
# itself (makereldeb(1)), so the applications are named too
: >"$ERLRC_TEST_LOG"
run 100 aptget install --allow-downgrades fleet=1
expect_err 'Unable to correct problems'
run 0 aptget install --allow-downgrades fleet=1 erlang-store=1.0 \
    erlang-front=1.0
[ "$(vsns)" = '[{front,"1.0"},{store,"1.0"}]' ] ||
    fail "back at release 1: $(vsns)"
[ "$(grep -c '^change' "$ERLRC_TEST_LOG")" = 2 ] ||
    fail "downgrade: $(tr '\n' ' ' <"$ERLRC_TEST_LOG")"
[ "$(pids)" = "$pids" ] || fail "release 1 restarted the servers"
grep -q 'erlrc-check' "$T/err" && fail "release 1 differs: $(cat "$T/err")"
for p in fleet erlang-store erlang-front; do
	[ "$(sdpkg_status $p)" = ii ] || fail "$p is $(sdpkg_status $p)"
done

# the release's postinst reports what differs as warnings: it succeeds,
# and prints no error
node_call "$n" 'application:stop(front)' >/dev/null
run 0 aptget install --reinstall fleet=1
expect_err "erlrc-check: warning: node '$n@[^']*' does not run front, the release fleet 1 has 1.0"
grep -q "error" "$T/err" && fail "a release's postinst said error: $(cat "$T/err")"
[ "$(sdpkg_status fleet)" = ii ] || fail "fleet is $(sdpkg_status fleet)"

run 0 aptget purge fleet erlang-front erlang-store
[ "$(vsns)" = '[]' ] || fail "after purge: $(vsns)"
[ ! -e "$R/usr/share/erlrc/releases/fleet" ] || fail "the .rel stayed"
finish
