# SPDX-License-Identifier: GPL-2.0-or-later
# epmd-faults - a node that runs but that epmd cannot find (epmd killed, or
# restarted after the node: OTP does not register again) is never taken for
# a node that is not running: the real dpkg fails the script (status 1),
# nothing is removed, and the node keeps its code.  A node that is known not
# to run (no process runs as it) is still a notice, status 0.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/sandbox.sh"

EX=$ERLRC_BUILD/examples/lib
D=$T/debs
n=epmdf_$$

mkdeb() {
	run 0 "$ERLRC_BIN/makeappdeb" -o "$D" \
	    -s "$ERLRC_TOP/examples/$1/package.yaml" "$EX/$1-$2" || finish
	deb=$(cat "$T/out")
}
mkdeb sensorlog 1.0 && sensorlog=$deb
mkdeb sensor 1.0 && sensor_1=$deb
mkdeb sensor 2.0 && sensor_2=$deb

node_start "$n" || finish
sandbox_register "$n"
run 0 sdpkg -i "$sensorlog" "$sensor_1" || finish
port=$(node_port "$n")
[ -n "$port" ] || { fail "epmd does not know $n"; finish; }
export NODE_ADDRESS=$port	# node_call without epmd from here on
running() { node_call "$n" 'proplists:get_value(sensor,
    [{A, V} || {A, _, V} <- application:which_applications()])'; }
node_call "$n" 'sensor_srv:count(3)' >/dev/null
pid=$(node_call "$n" 'whereis(sensor_srv)')

# still_there WHAT: 1.0 runs, from its copy, with its process and state
still_there() {
	[ -d "$(copy_of sensor 1.0 "$R/var/lib/erlrc")" ] || fail "$1: the copy of sensor 1.0 is gone"
	[ "$(running)" = '"1.0"' ] || fail "$1: the node runs $(running)"
	[ "$(node_call "$n" 'whereis(sensor_srv)')" = "$pid" ] ||
	    fail "$1: sensor_srv was restarted"
	[ "$(node_call "$n" 'sensor_srv:total()')" = 3 ] || fail "$1: state"
	case $(node_call "$n" 'code:which(sensor_srv)') in
	*/var/lib/erlrc/lib/sensor-1.0+*/sensor-1.0/ebin/sensor_srv.beam\") ;;
	*) fail "$1: sensor_srv from $(node_call "$n" 'code:which(sensor_srv)')" ;;
	esac
}

# epmd killed: the upgrade, the removal and the purge fail on this node
node_epmd_kill
run 1 sdpkg -i "$sensor_2" &&
    expect_err "node '$n@[^']*': cannot reach it: beam process $(node_pid "$n") runs as it, but epmd \(port $ERL_EPMD_PORT of [^)]*\) does not answer after 4 s; nothing was done there"
grep -q "no node uses it" "$T/err" && fail "a copy was removed: $(cat "$T/err")"
[ "$(sdpkg_status erlang-sensor)" = iF ] ||
    fail "with epmd down: status $(sdpkg_status erlang-sensor), expected iF"
still_there "epmd down, dpkg -i"
run 1 sdpkg --configure -a && expect_err "cannot reach it"
still_there "epmd down, dpkg --configure -a"

# epmd restarted: the node registers with it again in about 2 s, which
# erlrc waits for; the upgrade then goes on
node_epmd_start || { fail "epmd does not start again"; finish; }
[ -z "$(node_port "$n")" ] || fail "the node registered at once: a stale test"
run 0 sdpkg --configure -a && expect_err "upgraded sensor 1.0 to 2.0"
[ "$(sdpkg_status erlang-sensor)" = ii ] ||
    fail "after epmd came back: $(sdpkg_status erlang-sensor)"
[ "$(running)" = '"2.0"' ] || fail "after epmd came back: $(running)"
[ "$(node_call "$n" 'whereis(sensor_srv)')" = "$pid" ] ||
    fail "after epmd came back: sensor_srv was restarted"
[ "$(node_call "$n" 'sensor_srv:total()')" = 3 ] ||
    fail "after epmd came back: state"

# epmd killed again: the removal fails (rF), and goes on once epmd is back
node_epmd_kill
run 1 sdpkg -r erlang-sensor && expect_err "cannot reach it"
grep -q "no node uses it" "$T/err" && fail "dpkg -r removed a copy"
[ "$(sdpkg_status erlang-sensor)" = rF ] ||
    fail "dpkg -r with epmd down: $(sdpkg_status erlang-sensor), expected rF"
[ -d "$(copy_of sensor 2.0 "$R/var/lib/erlrc")" ] || fail "dpkg -r with epmd down: no copy of 2.0"
[ "$(running)" = '"2.0"' ] || fail "dpkg -r with epmd down: $(running)"
node_epmd_start || { fail "epmd does not start again"; finish; }
run 0 sdpkg -r erlang-sensor && expect_err "stopped sensor 2.0"
[ "$(running)" = undefined ] || fail "dpkg -r after epmd came back: $(running)"
unset NODE_ADDRESS

# known not to run: no process runs as the node, with or without epmd
node_stop "$n" || finish
run 0 sdpkg -i "$sensor_1" &&
    expect_err "node '$n@[^']*' is not running \(no process runs as it; epmd knows no such node\)"
node_epmd_kill
run 0 sdpkg -i "$sensor_2" &&
    expect_err "is not running \(no process runs as it; epmd does not run\)"
[ "$(sdpkg_status erlang-sensor)" = ii ] || fail "down: not configured"
run 0 sdpkg -P erlang-sensor erlang-sensorlog
[ -e "$(copy_of sensor 1.0 "$R/var/lib/erlrc")" ] && fail "purge with no node kept the copy"
finish
