# SPDX-License-Identifier: GPL-2.0-or-later
# node-stops - an application whose start stops the node: Debian's
# erlang-yaws (a test dependency in debian/control) calls init:stop()
# when it finds no configuration.  erlrc-start and erlrc-boot say that the
# node stopped and which application was starting; 'start: false' in an
# application's registration (makeappdeb's spec key start) installs it
# without starting it, and erlrc-boot leaves it alone.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
yawsapp=$(dpkg -L erlang-yaws 2>/dev/null | grep '/ebin/yaws.app$') ||
    { fail "erlang-yaws is not installed (a test dependency in debian/control)"; finish; }
yawsdir=${yawsapp%/ebin/yaws.app}
yawsvsn=$(sed -n 's/.*{vsn, *"\([^"]*\)"}.*/\1/p' "$yawsapp")
[ ! -e /etc/yaws/yaws.conf ] ||
    { echo "SKIP: /etc/yaws/yaws.conf exists: yaws would start"; exit 77; }
sandbox_libdir "  - ${yawsdir%/*}"
mkotpapp "$L" site 1.0 deps=yaws || finish
: >"$ERLRC_ROOT/applications/site"
n=nstop_$$
node_start "$n" || finish
N=$NODE_FULL
node_register "$n"

# erlrc-start: the node stops while yaws starts
run 1 "$ERLRC_BIN/erlrc-start" site 1.0 &&
    expect_err "error: node '$N': site 1.0 not started: the node stopped while yaws $yawsvsn was starting \(lost the connection \(calling application:start/2\)\): its start stopped the node" &&
    expect_err "install what needs it without starting it \('start: false' in the package's spec"
# node_is_down: the node's process is gone (then forgotten by node.sh)
node_is_down() {
	! kill -0 "$(node_pid "$n")" 2>/dev/null && node_stop "$n" 2>/dev/null
}
node_is_down || fail "the node still runs"

# erlrc-boot on the node started again: the same, naming yaws
node_start "$n" || finish
run 1 "$ERLRC_BIN/erlrc-boot" --wait 10 &&
    expect_err "error: node '$N': the node stopped while yaws $yawsvsn was starting"
node_is_down || fail "the node still runs after erlrc-boot"

# start: false: erlrc-configure on a fresh install and erlrc-boot leave
# site alone, and say so; the node runs on
printf '# set by its package\nstart: false\n' >"$ERLRC_ROOT/applications/site"
node_start "$n" || finish
run 0 "$ERLRC_BIN/erlrc-configure" site 1.0 1.0-1 &&
    expect_err "site 1.0 is installed, not started: its registration says 'start: false'; start it with 'erlrc-start site 1.0'"
run 0 "$ERLRC_BIN/erlrc-boot" --wait 10 &&
    expect_err "the registration of every registered application says 'start: false': nothing to start"
[ "$(node_call "$n" 'ok')" = ok ] || fail "the node stopped"
[ "$(node_call "$n" 'lists:keymember(yaws, 1, application:which_applications())')" = false ] ||
    fail "yaws was started"
# a registration that is not a setting erlrc knows: that application
# only is left out, said with file, line and column
printf 'start: maybe\n' >"$ERLRC_ROOT/applications/site"
run 0 "$ERLRC_BIN/erlrc-boot" --wait 10 &&
    expect_err "warning: $ERLRC_ROOT/applications/site:1:8: start: expected true or false, got 'maybe': left out, as if not registered"
finish
