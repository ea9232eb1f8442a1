# SPDX-License-Identifier: GPL-2.0-or-later
# dpkg - the packages makeappdeb writes, installed, upgraded, downgraded,
# removed and purged by the real dpkg in a sandbox root, on a live node.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/sandbox.sh"

EX=$ERLRC_BUILD/examples/lib
D=$T/debs
n=dpkg_$$

# makeappdeb APP VSN [ARG...]: the example's package, its path in $deb
mkdeb() {
	local app=$1 vsn=$2
	shift 2
	run 0 "$ERLRC_BIN/makeappdeb" -o "$D" \
	    -s "$ERLRC_TOP/examples/$app/package.yaml" "$@" "$EX/$app-$vsn" ||
	    return 1
	deb=$(cat "$T/out")
}
mkdeb sensorlog 1.0 && sensorlog_1=$deb
for v in 1.0 2.0 3.0 4.0 4.0.1; do
	mkdeb sensor "$v" && eval "sensor_${v//./_}=\$deb"
done
[ "$(basename "$sensor_2_0")" = erlang-sensor_2.0_all.deb ] ||
    fail "package file name: $sensor_2_0"
dpkg-deb -f "$sensor_3_0" Depends >"$T/depends"
[ "$(cat "$T/depends")" = "erlrc (>= $sandbox__erlrc), erlang-base (>= $(deb_upstream "$sandbox__base")), erlang-abi (= $(erlang_abi)), erlang-sensorlog" ] ||
    fail "sensor 3.0's Depends: $(cat "$T/depends")"

node_start "$n" || finish
sandbox_register "$n"
running() { node_call "$n" 'proplists:get_value(sensor,
    [{A, V} || {A, _, V} <- application:which_applications()])'; }
srv() { node_call "$n" 'whereis(sensor_srv)'; }

# a fresh install starts it; each action twice where dpkg allows it
run 0 sdpkg -i "$sensor_1_0" || finish
[ "$(running)" = '"1.0"' ] || fail "after installing 1.0: $(running)"
# the scripts print nothing on stdout: only dpkg's own lines are there
grep -Ev '^(Selecting|\(Reading|Preparing|Unpacking|Setting up)' "$T/out" &&
    fail "a script printed on stdout"
[ "$(sdpkg_status erlang-sensor)" = ii ] || fail "1.0 not installed"
node_call "$n" 'sensor_srv:count(7)' >/dev/null
pid=$(srv)

# upgrade: the same process, its state migrated by code_change
run 0 sdpkg -i "$sensor_2_0" && expect_err "upgraded sensor 1.0 to 2.0"
[ "$(running)" = '"2.0"' ] || fail "after 2.0: $(running)"
[ "$(srv)" = "$pid" ] || fail "upgrade: sensor_srv is $(srv), was $pid"
got=$(node_call "$n" 'maps:get(total, sensor_srv:state())')
[ "$got" = 7 ] || fail "upgrade: total $got, expected 7"

# downgrade, by dpkg -i of the lower version
run 0 sdpkg -i "$sensor_1_0" && expect_err "downgraded sensor 2.0 to 1.0"
[ "$(running)" = '"1.0"' ] || fail "after the downgrade: $(running)"
[ "$(srv)" = "$pid" ] || fail "downgrade: sensor_srv is $(srv), was $pid"
[ "$(node_call "$n" 'sensor_srv:total()')" = 7 ] || fail "downgrade: state"

# reinstall the same version: nothing changes
run 0 sdpkg -i "$sensor_1_0" && expect_err "sensor 1.0 is already running"
[ "$(srv)" = "$pid" ] || fail "reinstall restarted sensor_srv"

# remove: stopped and unloaded; purge: nothing left
run 0 sdpkg -r erlang-sensor && expect_err "stopped sensor 1.0"
[ "$(running)" = undefined ] || fail "after remove: $(running)"
[ "$(node_call "$n" 'code:is_loaded(sensor_srv)')" = false ] ||
    fail "sensor_srv still loaded after remove"
[ "$(sdpkg_status erlang-sensor)" = rc ] || fail "not rc after remove"
[ -e "$R/etc/erlrc.d/applications/sensor" ] ||
    fail "remove took the registration (a conffile)"
run 0 sdpkg -r erlang-sensor
run 0 sdpkg -P erlang-sensor
[ "$(sdpkg_status erlang-sensor)" = un ] || fail "not gone after purge"
[ ! -e "$R/etc/erlrc.d/applications/sensor" ] || fail "purge kept the registration"
ls "$R/var/lib/erlrc/lib" | grep -q '^\.*sensor' &&
    fail "purge kept copies: $(ls -a "$R/var/lib/erlrc/lib")"
run 0 sdpkg -P erlang-sensor

# no node running: dpkg succeeds, the next boot starts the version installed
node_stop "$n" || finish
run 0 sdpkg -i "$sensor_1_0" && expect_err "is not running"
run 0 sdpkg -i "$sensorlog_1" "$sensor_3_0"
node_start "$n" || finish
DPKG_ROOT=$R run 0 erlrc-boot --wait 30 && expect_err "started sensor 3.0"
[ "$(running)" = '"3.0"' ] || fail "after boot: $(running)"
node_call "$n" 'sensor_srv:count(5)' >/dev/null
pid=$(srv)

# a failing upgrade: 4.0's code_change crashes after the point of no return
run 1 sdpkg -i "$sensor_4_0" && expect_err "failed after the point of no return"
[ "$(sdpkg_status erlang-sensor)" = iF ] ||
    fail "4.0: status $(sdpkg_status erlang-sensor), expected iF"
got=$(NODE_TIMEOUT=10 node_call "$n" '[P || P <- erlang:processes(),
    process_info(P, status) =:= {status, suspended}]')
[ "$got" = "[]" ] || fail "processes left suspended: $got"
# serving; sensor_srv is not called: 4.0's code on 3.0's state would crash
# it, and its supervisor restart it with a new state
got=$(NODE_TIMEOUT=10 node_call "$n" '{is_pid(whereis(sensor_loop)),
    is_pid(whereis(sensorlog)), is_pid(whereis(sensor_srv))}')
[ "$got" = "{true,true,true}" ] || fail "not serving after the failure: $got"
run 1 sdpkg --configure -a
[ "$(sdpkg_status erlang-sensor)" = iF ] || fail "4.0 configured by a re-run"

# the fixed 4.0.1 converges; then dpkg --configure -a has nothing to do
run 0 sdpkg -i "$sensor_4_0_1" && expect_err "upgraded sensor 3.0 to 4.0.1"
run 0 sdpkg --configure -a
[ "$(sdpkg_status erlang-sensor)" = ii ] || fail "4.0.1 not configured"
[ "$(running)" = '"4.0.1"' ] || fail "after 4.0.1: $(running)"
[ "$(node_call "$n" 'sensor_srv:version()')" = '"4.0.1"' ] ||
    fail "sensor_srv runs $(node_call "$n" 'sensor_srv:version()')"
[ "$(srv)" = "$pid" ] || fail "4.0.1: sensor_srv is $(srv), was $pid"
[ "$(node_call "$n" 'sensor_srv:total()')" = 5 ] ||
    fail "4.0.1: the state of 3.0 was not migrated"

# every action of every script, run as dpkg would (DESIGN §4), on a node
# where sensor 4.0.1 runs: the ones that must not stop it, then the others
mkdir "$T/scripts" && dpkg-deb -e "$sensor_4_0_1" "$T/scripts"
script() { DPKG_ROOT=$R DPKG_MAINTSCRIPT_NAME=$1 sh "$T/scripts/$1" "${@:2}"; }
for args in "postinst abort-upgrade 5.0" "postinst abort-remove" \
    "postinst abort-deconfigure in-favour other 1.0" "postinst triggered x" \
    "postinst configure 4.0.1" "prerm upgrade 5.0" "prerm failed-upgrade 3.0" \
    "postrm upgrade 5.0" "postrm failed-upgrade 3.0" "postrm abort-install" \
    "postrm abort-upgrade 3.0" "postrm remove" "postrm disappear other 1.0"; do
	run 0 script $args
	[ -s "$T/out" ] && fail "$args printed on stdout: $(cat "$T/out")"
	[ "$(srv)" = "$pid" ] || fail "$args: sensor_srv is $(srv), was $pid"
done
for s in postinst prerm postrm; do
	run 1 script "$s" frobnicate && expect_err "$s called with unknown argument 'frobnicate'"
done
run 0 script prerm deconfigure in-favour other 1.0 && expect_err "stopped sensor 4.0.1"
[ "$(running)" = undefined ] || fail "prerm deconfigure: $(running)"
run 0 script postinst abort-deconfigure in-favour other 1.0 &&
    expect_err "started sensor 4.0.1"
[ "$(running)" = '"4.0.1"' ] || fail "postinst abort-deconfigure: $(running)"
run 0 script prerm remove && expect_err "stopped sensor 4.0.1"
run 0 script postinst abort-remove && expect_err "started sensor 4.0.1"
[ "$(running)" = '"4.0.1"' ] || fail "postinst abort-remove: $(running)"
pid=$(srv)

# an unpack that fails (a file of another package): dpkg runs the old
# postinst abort-upgrade, and 4.0.1 keeps running
mkdir -p "$T/clash/DEBIAN" "$T/clash/usr/lib/erlang/lib/sensor-2.0/ebin"
printf 'Package: clash\nVersion: 1\nArchitecture: all\nMaintainer: t <t@example.org>\nDescription: a file of sensor 2.0\n' \
    >"$T/clash/DEBIAN/control"
: >"$T/clash/usr/lib/erlang/lib/sensor-2.0/ebin/sensor.app"
dpkg-deb --root-owner-group -b "$T/clash" "$T/clash.deb" >/dev/null
run 0 sdpkg -i "$T/clash.deb"
run 1 sdpkg -i "$sensor_2_0" && expect_err "trying to overwrite"
[ "$(sdpkg_status erlang-sensor)" = ii ] ||
    fail "after abort-upgrade: $(sdpkg_status erlang-sensor)"
[ "$(running)" = '"4.0.1"' ] && [ "$(srv)" = "$pid" ] ||
    fail "after abort-upgrade: $(running) $(srv)"
run 0 sdpkg -P clash

run 0 sdpkg -P erlang-sensor erlang-sensorlog
[ "$(running)" = undefined ] || fail "after purge: $(running)"
finish
