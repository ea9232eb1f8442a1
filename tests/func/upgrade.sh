# SPDX-License-Identifier: GPL-2.0-or-later
# upgrade - erlrc-upgrade and erlrc-downgrade, the built binaries, on a
# real throwaway node with the example application: processes kept, state
# migrated both ways, modules added and removed, an included application,
# a failing code_change, a shipped appup, --dry-run, each run twice.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
up=$ERLRC_BIN/erlrc-upgrade
down=$ERLRC_BIN/erlrc-downgrade
start=$ERLRC_BIN/erlrc-start
export ERLRC_ROOT=$T/etc ERLRC_STATE=$T/state
unset DPKG_ROOT
# the "installed packages": a library directory with every version
L=$T/lib
mkdir -p "$ERLRC_ROOT/nodes" "$ERLRC_ROOT/applications" "$L"
cp -r "$ERLRC_BUILD"/examples/lib/* "$L/"
printf 'lib_dirs:\n  - %s\n  - /usr/lib/erlang/lib\n' "$L" \
    >"$ERLRC_ROOT/erlrc.yaml"
: >"$ERLRC_ROOT/applications/sensor"
: >"$ERLRC_ROOT/applications/sensorlog"

n=up_$$
# the site comes from the node's sys.config
printf '[{sensor, [{site, "A7"}]}].\n' >"$T/sys.config"
node_start "$n" -config "$T/sys" || finish
N=$NODE_FULL
node_register "$n"

on_n() { node_is "$n" "$@"; }
value() { node_call "$n" "$1"; }
# runs VSN: sensor VSN runs, from erlrc's copy
runs() {
	on_n "{element(3, lists:keyfind(sensor, 1,
	    application:which_applications())), code:lib_dir(sensor)}" \
	    "{\"$1\",\"$(copy_of sensor "$1")\"}"
}
# nothing_suspended: sensor's supervisor and servers all run
nothing_suspended() {
	on_n "[S || Name <- [sensor_sup, sensor_srv],
	    {status, _, _, [_, S | _]} <- [sys:get_status(Name, 2000)],
	    S =/= running]" "[]"
}

run 2 "$up" sensor 2.0 1.0 &&
    expect_err "sensor 1.0 is not higher than 2.0: use erlrc-downgrade"
run 2 "$down" sensor 1.0 2.0 && expect_err "2.0 is not lower than 1.0: use erlrc-upgrade"
run 2 "$up" sensor 1.0 && expect_err "expected an application and two versions"

run 0 "$start" sensorlog 1.0 && run 0 "$start" sensor 1.0
runs 1.0
value 'sensor_srv:count(5)' >/dev/null
srv=$(value 'whereis(sensor_srv)') loop=$(value 'whereis(sensor_loop)')
md5=$(value 'sensor_util:module_info(md5)')

# 1.0 -> 2.0, the appup written from the .beam files
run 0 "$up" sensor 1.0 2.0 &&
    expect_err "node '$N': upgraded sensor 1.0 to 2.0, with the appup written from the .beam files"
runs 2.0
on_n 'whereis(sensor_srv)' "$srv"
on_n 'whereis(sensor_loop)' "$loop"
on_n 'maps:get(total, sensor_srv:state())' 5
on_n 'is_pid(whereis(sensor_stats))' true
on_n 'code:is_loaded(sensor_legacy)' false
on_n 'sensor_util:module_info(md5)' "$md5"
# not reloaded: it still runs from 1.0's copy, which therefore stays
on_n 'code:which(sensor_util)' "\"$(copy_of sensor 1.0)/ebin/sensor_util.beam\""
[ -e "$(copy_of sensor 1.0)/ebin/sensor_util.beam" ] ||
    fail "1.0's copy removed, a module still loaded from it"
on_n 'application:get_env(sensor, site)' '{ok,"A7"}'
nothing_suspended
run 0 "$up" sensor 1.0 2.0 && expect_err "sensor 2.0 is already running"

# and back
run 0 "$down" sensor 2.0 1.0 && expect_err "downgraded sensor 2.0 to 1.0"
runs 1.0
on_n 'whereis(sensor_srv)' "$srv"
on_n 'maps:get(total, sensor_srv:state())' 5
on_n 'whereis(sensor_stats)' undefined
on_n 'code:is_loaded(sensor_legacy) =/= false' true
on_n 'application:get_env(sensor, site)' '{ok,"A7"}'
run 0 "$down" sensor 2.0 1.0 && expect_err "sensor 1.0 is already running"

# --dry-run: the appup and the script, nothing changed
run 0 "$up" --dry-run sensor 1.0 2.0 &&
    grep -q '^%% node .*sensor 1.0 -> 2.0' "$T/out" &&
    grep -q '{update,sensor_srv,{advanced,\[\]}' "$T/out" &&
    grep -q 'point_of_no_return' "$T/out" || fail "--dry-run: $(cat "$T/out")"
runs 1.0

# a shipped appup is used
cp "$ERLRC_TOP/examples/sensor/appups/2.0.appup" "$L/sensor-2.0/ebin/sensor.appup"
rm -rf "$ERLRC_STATE/lib/sensor-2.0+"*
run 0 "$up" sensor 1.0 2.0 &&
    expect_err "with the appup $(copy_re sensor 2.0)/ebin/sensor.appup"
runs 2.0
run 0 "$down" sensor 2.0 1.0
runs 1.0
# a malformed one: could not try, the file and line named
printf '{"2.0", [{"1.0", [{load_module}]}],\n []}.\n' \
    >"$L/sensor-2.0/ebin/sensor.appup"
rm -rf "$ERLRC_STATE/lib/sensor-2.0+"*
run 2 "$up" sensor 1.0 2.0 && expect_err "sensor.appup:1:[0-9]+: "
runs 1.0
# one of another version: refused, as OTP refuses it
printf '{"3.0", [{"1.0", []}], [{"1.0", []}]}.\n' \
    >"$L/sensor-2.0/ebin/sensor.appup"
rm -rf "$ERLRC_STATE/lib/sensor-2.0+"*
run 2 "$up" sensor 1.0 2.0 &&
    expect_err "sensor.appup: the appup is of version \"3.0\", but it is shipped with version \"2.0\""
runs 1.0
rm "$L/sensor-2.0/ebin/sensor.appup"
rm -rf "$ERLRC_STATE/lib/sensor-2.0+"*

# 1.0 -> 3.0: sensorlog becomes included (it stops running on its own)
run 0 "$up" sensor 1.0 3.0 && expect_err "stopped sensorlog: sensor 3.0 includes it"
runs 3.0
on_n 'lists:keymember(sensorlog, 1, application:which_applications())' false
on_n 'is_pid(whereis(sensorlog))' true
on_n 'maps:get(total, sensor_srv:state())' 5
# and back to 2.0: sensorlog runs on its own again
run 0 "$down" sensor 3.0 2.0 && expect_err "started sensorlog 1.0"
runs 2.0
on_n 'lists:keymember(sensorlog, 1, application:which_applications())' true
run 0 "$up" sensor 2.0 3.0
runs 3.0
# an application that becomes included need not be loaded before
run 0 "$down" sensor 3.0 2.0
ERLRC_STATE=$ERLRC_STATE run 0 "$ERLRC_BIN/erlrc-stop" sensorlog 1.0
on_n 'lists:keymember(sensorlog, 1, application:loaded_applications())' false
run 0 "$up" sensor 2.0 3.0
runs 3.0
on_n 'is_pid(whereis(sensorlog))' true

# 3.0 -> 4.0, whose code_change crashes: status 1, nothing left
# suspended, the node serving (sensor_srv is not called: 4.0's code on
# 3.0's state would crash it, and its supervisor restart it)
run 1 "$up" sensor 3.0 4.0 &&
    expect_err "sensor 3.0 -> 4.0 failed after the point of no return" &&
    expect_err "still reports sensor 3.0; 1 suspended processes were resumed"
nothing_suspended
on_n '{lists:keymember(sensor, 1, application:which_applications()),
    is_pid(whereis(sensor_loop)), is_pid(whereis(sensorlog))}' \
    '{true,true,true}'
[ -d "$(copy_of sensor 3.0)" ] || fail "3.0's copy removed"
# run again (dpkg --configure -a): 4.0's sensor_srv is loaded already, so
# its code_change would get "4.0" as the old version and leave the state
# unmigrated: refused, nothing changed, with the command that converges
run 1 "$up" sensor 3.0 4.0 &&
    expect_err "error: node '$N': sensor 3.0 -> 4.0 refused, nothing changed: the node runs 4.0's code of sensor_srv already but reports sensor 3.0: an earlier attempt failed past its point of no return.*run 'erlrc-upgrade --restart sensor 3.0 4.0'"
grep -q "upgraded sensor" "$T/err" && fail "a re-run said 'upgraded'"
# the version left, installed again: it reports 3.0, runs 4.0's code
run 1 "$down" sensor 4.0 3.0 &&
    expect_err "error: node '$N': sensor reports 3.0, but the node runs other code than 3.0's of sensor_srv.*'erlrc-stop sensor 3.0' then 'erlrc-start sensor 3.0', or this again with --restart"
run 0 "$down" --dry-run sensor 4.0 3.0 &&
    grep -q "sensor reports 3.0, but runs other code of sensor_srv: sensor would restart cold at 3.0" "$T/out" ||
    fail "--dry-run: $(cat "$T/out")"
run 0 "$down" --restart sensor 4.0 3.0 &&
    expect_err "warning: node '$N': sensor reports 3.0, but the node runs other code of sensor_srv; restarting sensor cold at 3.0" &&
    expect_err "started sensor 3.0"
runs 3.0
on_n '{ok, {_, M}} = beam_lib:md5("'"$(copy_of sensor 3.0)"'/ebin/sensor_srv.beam"), M =:= sensor_srv:module_info(md5)' true
# with --restart: the same failure, then sensor 4.0 started cold, said,
# status 0
run 0 "$up" --restart sensor 3.0 4.0 &&
    expect_err "warning: node '$N': sensor 3.0 -> 4.0 failed after the point of no return.*restarting sensor cold at 4.0" &&
    expect_err "started sensor 4.0"
runs 4.0
nothing_suspended
on_n 'sensor_srv:total()' 0
run 0 "$up" sensor 3.0 4.0 && expect_err "sensor 4.0 is already running"

# on a node in embedded mode (sasl's modules loaded by erlrc) and on one
# running the sasl application, the same upgrade and back
for kind in embedded sasl; do
	m=${kind}_$$
	case $kind in
	embedded) node_start "$m" -mode embedded || finish ;;
	sasl) node_start "$m" -boot start_sasl || finish ;;
	esac
	at=(--node "$m" --cookie-file "$(node_cookie)")
	run 0 "$start" "${at[@]}" sensor 1.0 || continue
	pid=$(node_call "$m" 'whereis(sensor_srv)')
	node_call "$m" 'sensor_srv:count(3)' >/dev/null
	run 0 "$up" "${at[@]}" sensor 1.0 2.0 &&
	    expect_err "node '$m@[^']*': upgraded sensor 1.0 to 2.0"
	got=$(node_call "$m" '{whereis(sensor_srv), maps:get(total,
	    sensor_srv:state()), element(3, lists:keyfind(sensor, 1,
	    application:which_applications()))}')
	[ "$got" = "{$pid,3,\"2.0\"}" ] || fail "$kind: after the upgrade: $got"
	run 0 "$down" "${at[@]}" sensor 2.0 1.0 &&
	    expect_err "downgraded sensor 2.0 to 1.0"
	node_stop "$m"
done

finish
