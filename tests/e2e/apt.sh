# SPDX-License-Identifier: GPL-2.0-or-later
# apt - apt-get as the real client: a local file: repository made with
# dpkg-scanpackages, apt pointed at the dpkg sandbox, a live node. An
# upgrade in which one application's new version needs another's new
# version changes both live, the one needed first.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
. "$ERLRC_TOP/tests/sandbox.sh"
. "$ERLRC_TOP/tests/aptrepo.sh"

L=$T/lib
n=apt_$$
mkotpapp "$L" store 1.0 && mkotpapp "$L" store 2.0 &&
    mkotpapp "$L" front 1.0 deps=store &&
    mkotpapp "$L" front 2.0 deps=store || finish
publish store 1.0 && publish front 1.0 || finish

node_start "$n" || finish
sandbox_register "$n"
vsns() { node_call "$n" '[{A, V} || {A, _, V} <- application:which_applications(),
    A =:= store orelse A =:= front]'; }

run 0 aptget update || finish
run 0 aptget install erlang-front
[ "$(vsns)" = '[{front,"1.0"},{store,"1.0"}]' ] ||
    fail "after apt-get install: $(vsns)"
grep -q '^start store$' "$ERLRC_TEST_LOG" && grep -q '^start front$' \
    "$ERLRC_TEST_LOG" || fail "not started: $(cat "$ERLRC_TEST_LOG")"
pids=$(node_call "$n" '{whereis(store_srv), whereis(front_srv)}')

# front 2.0 needs store 2.0
publish store 2.0 && publish front 2.0 'store=>= 2.0' || finish
dpkg-deb -f "$REPO/erlang-front_2.0_all.deb" Depends | grep -q \
    'erlang-store (>= 2.0)' || fail "front 2.0 does not depend on store 2.0"
: >"$ERLRC_TEST_LOG"
run 0 aptget update
run 0 aptget upgrade
[ "$(vsns)" = '[{front,"2.0"},{store,"2.0"}]' ] ||
    fail "after apt-get upgrade: $(vsns)"
[ "$(grep '^change' "$ERLRC_TEST_LOG" | tr '\n' ' ')" = \
    "change store 2.0 change front 2.0 " ] ||
    fail "upgrade order: $(tr '\n' ' ' <"$ERLRC_TEST_LOG")"
[ "$(node_call "$n" '{whereis(store_srv), whereis(front_srv)}')" = \
    "$pids" ] || fail "the servers were restarted"
run 0 aptget upgrade && grep -q '0 upgraded' "$T/out" ||
    fail "a second upgrade did something: $(cat "$T/out")"

run 0 aptget purge erlang-front erlang-store
[ "$(vsns)" = '[]' ] || fail "after purge: $(vsns)"

# a name apt knows, of a package that is not erlrc's: makeappdeb refuses
# it, saying whose it is and how to name this one; erlrc's own packages
# of the same application (front 1.0 and 2.0 above) are no collision
mkstandin erlang-back 1.1-1 "$REPO" >/dev/null && reindex
run 0 aptget update
mkotpapp "$L" back 1.1 || finish
spec back
run 2 "$ERLRC_BIN/makeappdeb" -o "$T" -s "$T/back.yaml" "$L/back-1.1" &&
    expect_err "error: the package name erlang-back is taken: apt knows erlang-back 1.1-1, which is not an erlrc package"
run 0 "$ERLRC_BIN/makeappdeb" -o "$T" -s "$T/back.yaml" -p site- \
    "$L/back-1.1" && [ "$(cat "$T/out")" = "$T/site-back_1.1_all.deb" ] ||
    fail "--prefix: $(cat "$T/out")"
mkotpapp "$L" front 3.0 || finish
run 0 "$ERLRC_BIN/makeappdeb" -o "$T" -s "$T/front.yaml" "$L/front-3.0" ||
    fail "erlrc's own erlang-front taken for another's"
finish
