# SPDX-License-Identifier: GPL-2.0-or-later
# same-version - a package whose files change while the application's
# version does not (a Debian revision, a security fix, a binNMU, a
# reinstall) reaches the running node live, through the real dpkg, and at
# the node's next boot: erlrc's copies are tied to the content they were
# made from, never reused stale.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/sandbox.sh"

EX=$ERLRC_BUILD/examples/lib
D=$T/debs
n=samevsn_$$
state=$R/var/lib/erlrc

# sensor 1.0 as fixed by a new revision: sensor_srv gains fixed/0, the
# rest is the same, the .app's vsn too
X2=$T/fixed/sensor-1.0
mkdir -p "$T/fixed" && cp -a "$EX/sensor-1.0" "$X2" &&
    sed -e 's/^-export(\[start_link\/0,/-export([fixed\/0, start_link\/0,/' \
    -e '$a fixed() -> security_fix_applied.' \
    "$ERLRC_TOP/examples/sensor/1.0/src/sensor_srv.erl" \
    >"$T/fixed/sensor_srv.erl" &&
    erlc +warnings_as_errors -o "$X2/ebin" "$T/fixed/sensor_srv.erl" ||
    { fail "cannot build the fixed sensor_srv"; finish; }

# and a revision whose code_change crashes: a change past its point of
# no return that fails
X3=$T/broken/sensor-1.0
mkdir -p "$T/broken" && cp -a "$EX/sensor-1.0" "$X3" &&
    sed -e 's/^    {ok, S}\.$/    erlang:error({broken_on_purpose, S})./' \
    "$ERLRC_TOP/examples/sensor/1.0/src/sensor_srv.erl" \
    >"$T/broken/sensor_srv.erl" &&
    grep -q broken_on_purpose "$T/broken/sensor_srv.erl" &&
    erlc -o "$X3/ebin" "$T/broken/sensor_srv.erl" ||
    { fail "cannot build the broken sensor_srv"; finish; }

# mkdeb APP DIR VERSION: the package of DIR at Debian version VERSION
mkdeb() {
	sed "s|^copyright: .*|copyright: $ERLRC_TOP/examples/COPYING|" \
	    "$ERLRC_TOP/examples/$1/package.yaml" >"$T/spec.yaml" &&
	    echo "version: $3" >>"$T/spec.yaml"
	run 0 "$ERLRC_BIN/makeappdeb" -o "$D" -s "$T/spec.yaml" "$2" || finish
	deb=$(cat "$T/out")
}
mkdeb sensorlog "$EX/sensorlog-1.0" 1.0-1 && sensorlog=$deb
mkdeb sensor "$EX/sensor-1.0" 1.0-1 && rev1=$deb
mkdeb sensor "$X2" 1.0-2 && rev2=$deb
mkdeb sensor "$X3" 1.0-3 && rev3=$deb

node_start "$n" || finish
N=$NODE_FULL
sandbox_register "$n"
run 0 sdpkg -i "$sensorlog" "$rev1" || finish
node_call "$n" 'sensor_srv:count(5)' >/dev/null
pid=$(node_call "$n" 'whereis(sensor_srv)')

# fixed YES|NO WHAT: the node runs the fixed code or not, from erlrc's
# most recent copy of sensor 1.0, with the same sensor_srv process and its
# state.  The modules that a change leaves alone still run from the
# copy they were loaded from, which stays: copies of one content are one
# copy, so there are never more than two here.
fixed() {
	local want=false copies
	[ "$1" = yes ] && want=true
	[ "$(node_call "$n" 'erlang:function_exported(sensor_srv, fixed, 0)')" = "$want" ] ||
	    fail "$2: fixed code running is not $want"
	[ "$(node_call "$n" 'whereis(sensor_srv)')" = "$pid" ] ||
	    fail "$2: sensor_srv was restarted"
	[ "$(node_call "$n" 'sensor_srv:total()')" = 5 ] ||
	    fail "$2: sensor_srv's state was lost"
	[ "$(node_call "$n" 'code:lib_dir(sensor)')" = "\"$(copy_of sensor 1.0 "$state")\"" ] ||
	    fail "$2: sensor runs from $(node_call "$n" 'code:lib_dir(sensor)')"
	copies=$(ls -d "$state/lib/sensor-1.0+"*)
	[ "$(printf '%s\n' "$copies" | wc -l)" -le 2 ] ||
	    fail "$2: copies of sensor 1.0: $copies"
	[ "$(node_call "$n" '{ok, {_, M}} = beam_lib:md5(code:which(sensor_srv)), M =:= sensor_srv:module_info(md5)')" = true ] ||
	    fail "$2: sensor_srv's loaded code is not its file's"
}
fixed no "1.0-1 installed"

# 1.0-1 -> 1.0-2: changed live, as an upgrade from 1.0 to 1.0
run 0 sdpkg -i "$rev2" &&
    expect_err "node '$N': changed sensor 1.0 live to its package's files .*with the appup written from the .beam files"
grep -q "already running" "$T/err" && fail "1.0-2 said 'already running'"
[ "$(sdpkg_status erlang-sensor)" = ii ] || fail "1.0-2 not installed"
fixed yes "1.0-2 installed"

# a reinstall of the same package: nothing to do
run 0 sdpkg -i "$rev2" && expect_err "node '$N': sensor 1.0 is already running"
fixed yes "1.0-2 reinstalled"

# back to the revision before: its files again, live
run 0 sdpkg -i "$rev1" &&
    expect_err "node '$N': changed sensor 1.0 live to its package's files"
fixed no "1.0-1 installed again"

# the node restarts: erlrc-boot starts the package's files, whatever the
# copies left behind (the one of 1.0-1 is still there)
run 0 sdpkg -i "$rev2"
fixed yes "1.0-2 installed again"
old=$(copy_of sensor 1.0 "$state")
node_stop "$n"
run 0 sdpkg -i "$rev1" && expect_err "node '$N' is not running"
node_start "$n" || finish
run 0 env DPKG_ROOT="$R" "$ERLRC_BIN/erlrc-boot" --wait 10 &&
    expect_err "node '$N': started sensor 1.0"
[ "$(node_call "$n" 'erlang:function_exported(sensor_srv, fixed, 0)')" = false ] ||
    fail "boot: the node runs the files of 1.0-2, not of the installed 1.0-1"
[ "$(node_call "$n" 'code:lib_dir(sensor)')" != "\"$old\"" ] ||
    fail "boot: sensor runs from the stale copy $old"

# the next run of erlrc removes the copies no node uses any more
run 0 sdpkg -i "$rev1" && expect_err "node '$N': sensor 1.0 is already running"
[ "$(ls -d "$state/lib/sensor-1.0+"*)" = "$(dirname "$(copy_of sensor 1.0 "$state")")" ] ||
    fail "copies of sensor 1.0 after a restart: $(ls -d "$state/lib/sensor-1.0+"*)"

# a change of the same version that fails past its point of no return:
# dpkg fails, and a run again (dpkg --configure -a) refuses, as the
# version the node reports cannot tell that the processes' state was not
# migrated; --restart converges
run 1 sdpkg -i "$rev3" &&
    expect_err "failed after the point of no return"
[ "$(sdpkg_status erlang-sensor)" = iF ] ||
    fail "1.0-3: status $(sdpkg_status erlang-sensor), expected iF"
run 1 sdpkg --configure -a &&
    expect_err "error: node '$N': sensor runs 1.0's code, but its change 1.0 -> 1.0 failed past its point of no return before.*'erlrc-upgrade --restart sensor 1.0 1.0'"
grep -q "already running" "$T/err" && fail "a failed change said 'already running'"
run 0 env DPKG_ROOT="$R" "$ERLRC_BIN/erlrc-upgrade" --restart sensor 1.0 1.0 &&
    expect_err "restarting sensor cold at 1.0"
run 0 sdpkg --configure -a && expect_err "node '$N': sensor 1.0 is already running"
[ "$(sdpkg_status erlang-sensor)" = ii ] ||
    fail "after --restart: status $(sdpkg_status erlang-sensor)"

# erlrc's copies are only of what erlrc manages: not of sensorlog's
# dependencies (kernel, stdlib), nor of OTP's own applications
for d in "$state/lib/"*; do
	case ${d##*/} in
	sensor-1.0+*|sensorlog-1.0+*) ;;
	*) fail "a copy erlrc should not make: $d" ;;
	esac
done
finish
