# SPDX-License-Identifier: GPL-2.0-or-later
# example-app - the example applications (examples/README) upgraded and
# downgraded live the way OTP does it, without erlrc: the hand-written
# appups of examples/sensor/appups translated by systools_rc and evaluated
# by release_handler:eval_appup_script (DESIGN.md §6), on a throwaway node.
# It checks that the examples are what the upgrade tests need: a state
# migrated both ways, a module added and one removed, a supervisor child
# added and taken away, a plain process and an unchanged module that
# survive, an application that becomes included, and 4.0's failure after
# the point of no return, which leaves sensor_srv suspended.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
L=$ERLRC_BUILD/examples/lib
U=$ERLRC_TOP/examples/sensor/appups
for d in sensor-1.0 sensor-2.0 sensor-3.0 sensor-4.0 sensorlog-1.0; do
	[ -f "$L/$d/ebin/${d%-*}.app" ] || { fail "$L/$d: not built"; finish; }
done

# the test's helper on the node: upgrade(Appup, ToVsn) takes sensor from
# the version that runs to ToVsn as release_handler:upgrade_app/2 and
# downgrade_app/3 would, but with the appup given (and ToDir in $L).
mkdir "$T/ebin"
cat >"$T/example_app_test.erl" <<EOF
-module(example_app_test).
-export([upgrade/2]).

upgrade(Appup, ToVsn) ->
    {sensor, _, FromVsn} =
        lists:keyfind(sensor, 1, application:which_applications()),
    FromDir = code:lib_dir(sensor),
    ToDir = filename:join("$L", "sensor-" ++ ToVsn),
    {ok, [{AppupVsn, Ups, Downs}]} = file:consult(Appup),
    {Mode, {_, Instrs}} =
        if AppupVsn =:= ToVsn -> {up, lists:keyfind(FromVsn, 1, Ups)};
           AppupVsn =:= FromVsn -> {dn, lists:keyfind(ToVsn, 1, Downs)}
        end,
    {ok, From} = systools_make:read_application(
                   "sensor", FromVsn, [filename:join(FromDir, "ebin")], []),
    {ok, To} = systools_make:read_application(
                 "sensor", ToVsn, [filename:join(ToDir, "ebin")], []),
    {ok, Script} =
        systools_rc:translate_scripts(Mode, [Instrs], [To], [From]),
    release_handler:eval_appup_script(sensor, ToVsn, ToDir, Script).
EOF
erlc +warnings_as_errors -o "$T/ebin" "$T/example_app_test.erl" ||
    { fail "erlc example_app_test.erl"; finish; }

n=ex_$$
node_start "$n" -pa "$T/ebin" || finish

# on_n EXPR WANT: the value of EXPR on the node is WANT
on_n() { node_is "$n" "$@"; }
# value EXPR: print the value of EXPR on the node
value() {
	node_call "$n" "$1" || fail "node_call $1"
}
# upgrade APPUP VSN WANT: sensor to VSN with APPUP; WANT is the result of
# eval_appup_script, or a pattern it matches
upgrade() {
	on_n "case example_app_test:upgrade(\"$U/$1\", \"$2\") of
	    $3 -> ok; R -> R end" ok
}
running() {	# running VSN: sensor VSN runs, from $L/sensor-VSN
	on_n "{element(3, lists:keyfind(sensor, 1,
	    application:which_applications())), code:lib_dir(sensor)}" \
	    "{\"$1\",\"$L/sensor-$1\"}"
}
children() {	# children ID...: sensor_sup's children, running, are ID...
	local want
	want=$(IFS=,; echo "[$*]")
	on_n "lists:sort([{Id, is_pid(P)} || {Id, P, _, _}
	    <- supervisor:which_children(sensor_sup)])" \
	    "$(sed -E 's/([a-z_]+)/{\1,true}/g' <<<"$want")"
}

# the build: unchanged modules have the same MD5 in every version
on_n "[M || M <- [sensor_app, sensor_util, sensor_loop, sensor_srv,
    sensor_stats, sensor_sup],
    length(lists:usort([element(2, beam_lib:md5(F)) || V <- [\"1.0\",
    \"2.0\", \"3.0\", \"4.0\"], F <- filelib:wildcard(\"$L/sensor-\" ++ V
    ++ \"/ebin/\" ++ atom_to_list(M) ++ \".beam\")])) =:= 1]" \
    "[sensor_app,sensor_util,sensor_stats]"

# 1.0, started cold, next to sensorlog on its own; sasl's modules are
# loadable, the sasl application is not needed
on_n "code:add_patha(\"$L/sensorlog-1.0/ebin\"),
    code:add_patha(\"$L/sensor-1.0/ebin\"),
    {application:start(sensorlog), application:start(sensor),
    lists:keymember(sasl, 1, application:which_applications())}" \
    "{ok,ok,false}"
running 1.0
children sensor_loop sensor_srv
on_n "{sensor_srv:count(3), sensor_srv:count(4), sensor_srv:state(),
    sensor_srv:version(), sensor_srv:report(), sensor_loop:ping()}" \
    '{3,7,#{total => 7},"1.0","total: 7 vehicles","1.0"}'
# pids as text, "<0.N.0>": erl_call does not parse pids
srv=$(value "pid_to_list(whereis(sensor_srv))")
loop=$(value "pid_to_list(whereis(sensor_loop))")
util_md5=$(value "sensor_util:module_info(md5)")
util_beam=$(value "code:which(sensor_util)")
[ "$util_beam" = "\"$L/sensor-1.0/ebin/sensor_util.beam\"" ] ||
    fail "sensor_util from $util_beam"

# unchanged_ok VSN: sensor_srv's and sensor_loop's processes are the same,
# the loop moves to VSN's code at its next tick, sensor_util is as loaded
# from 1.0 (neither reloaded nor purged)
unchanged_ok() {
	on_n "{pid_to_list(whereis(sensor_srv)),
	    pid_to_list(whereis(sensor_loop))}" "{$srv,$loop}"
	on_n "Ping = fun Ping(0) -> sensor_loop:ping();
	    Ping(N) -> case sensor_loop:ping() of \"$1\" -> \"$1\";
	    _ -> timer:sleep(50), Ping(N - 1) end end, Ping(10)" "\"$1\""
	on_n "{erlang:check_process_code(list_to_pid($loop), sensor_loop),
	    erlang:check_old_code(sensor_util),
	    sensor_util:module_info(md5), code:which(sensor_util)}" \
	    "{false,false,$util_md5,$util_beam}"
}

# up to 2.0: the state migrated, sensor_stats added and started by
# sup_upgrade_notify, sensor_legacy gone
upgrade 2.0.appup 2.0 "{ok, _}"
running 2.0
unchanged_ok 2.0
on_n "S = sensor_srv:state(), {maps:get(total, S), maps:get(by_hour, S),
    is_integer(maps:get(since, S)), sensor_srv:version()}" \
    '{7,#{},true,"2.0"}'
children sensor_loop sensor_srv sensor_stats
on_n "{sensor_srv:count(5), sensor_stats:stats(),
    maps:values(maps:get(by_hour, sensor_srv:state())),
    sensor_srv:report()}" \
    '{12,#{counts => 1,peak => 5},[5],"total: 12 vehicles"}'
on_n "{code:is_loaded(sensor_legacy), code:which(sensor_legacy)}" \
    "{false,non_existing}"

# down to 1.0: 2.0's code_change gives back 1.0's record, sensor_stats is
# stopped by sup_downgrade_notify and deleted, sensor_legacy is back
upgrade 2.0.appup 1.0 "{ok, _}"
running 1.0
unchanged_ok 1.0
on_n "{sensor_srv:state(), sensor_srv:version(), sensor_srv:report()}" \
    '{#{total => 12},"1.0","total: 12 vehicles"}'
children sensor_loop sensor_srv
on_n "{whereis(sensor_stats), code:is_loaded(sensor_stats)}" \
    "{undefined,false}"

# up to 3.0 from 1.0: sensorlog, which runs on its own, becomes included;
# stopped first as erlrc will do it (DESIGN.md §8), then started again by
# sensor_sup through sup_upgrade_notify
on_n "application:stop(sensorlog)" ok
upgrade 3.0.appup 3.0 "{ok, _}"
running 3.0
unchanged_ok 2.0
children sensor_loop sensor_srv sensor_stats sensorlog_sup
on_n "{sensor_srv:count(1), sensorlog:recent(), sensor_srv:version(),
    application:get_application(whereis(sensorlog)),
    application:get_key(sensor, included_applications)}" \
    '{13,[{counted,1}],"3.0",{ok,sensor},{ok,[sensorlog]}}'
on_n "lists:keymember(sensorlog, 1, application:which_applications())" false

# down to 2.0: sensorlog_sup goes, sensorlog runs on its own again
upgrade 3.0.appup 2.0 "{ok, _}"
running 2.0
children sensor_loop sensor_srv sensor_stats
on_n "{whereis(sensorlog_sup), application:start(sensorlog),
    application:get_application(whereis(sensorlog)), sensor_srv:total()}" \
    "{undefined,ok,{ok,sensorlog},13}"

# up to 3.0 from 2.0, then to 4.0, whose code_change fails: {'EXIT', _}
# after the point of no return. The new code is loaded and in the path,
# the application's version is still 3.0, sensor_srv stays suspended (a
# call times out, sys messages are still answered) until sys:resume; then
# it runs 4.0's code on 3.0's state, and the first call that reads the
# state crashes it, so its supervisor restarts it, from zero.
on_n "application:stop(sensorlog)" ok
upgrade 3.0.appup 3.0 "{ok, _}"
running 3.0
on_n "case example_app_test:upgrade(\"$U/4.0.appup\", \"4.0\") of
    {'EXIT', {code_change_failed, P, sensor_srv, \"3.0\",
    {'EXIT', {function_clause, _}}}} ->
    pid_to_list(P); R -> R end" "$srv"
on_n "{element(3, lists:keyfind(sensor, 1, application:which_applications())),
    code:lib_dir(sensor), code:which(sensor_srv)}" \
    "{\"3.0\",\"$L/sensor-4.0\",\"$L/sensor-4.0/ebin/sensor_srv.beam\"}"
on_n "{status, _, _, [_, SysState | _]} = sys:get_status(sensor_srv),
    {SysState, case catch gen_server:call(sensor_srv, version, 500) of
    {'EXIT', {timeout, _}} -> timeout; R -> R end}" "{suspended,timeout}"
on_n "{sys:resume(sensor_srv), pid_to_list(whereis(sensor_srv)),
    sensor_srv:version()}" "{ok,$srv,\"4.0\"}"
on_n "{case catch sensor_srv:total() of
    {'EXIT', {{{badrecord, {state, 13, _, _}}, _}, _}} -> badrecord;
    R -> R end,
    (fun W(0) -> none; W(N) -> case whereis(sensor_srv) of
    undefined -> timer:sleep(20), W(N - 1); P -> pid_to_list(P) =/= $srv
    end end)(100), sensor_srv:total()}" "{badrecord,true,0}"

node_stop "$n" || fail "node_stop"

# cold starts: every child in init/1, the included application started
# by its includer. OTP does not refuse to start an included application
# on its own: it tries, and only the clash of registered names stops it.
n=ex2_$$
node_start "$n" -pa "$L/sensor-2.0/ebin" || finish
on_n "application:start(sensor)" ok
children sensor_loop sensor_srv sensor_stats
on_n "{sensor_srv:count(2), sensor_stats:stats(), sensor_loop:ping()}" \
    '{2,#{counts => 1,peak => 2},"2.0"}'
node_stop "$n" || fail "node_stop"
n=ex3_$$
node_start "$n" -pa "$L/sensorlog-1.0/ebin" -pa "$L/sensor-3.0/ebin" ||
    finish
on_n "application:start(sensor)" ok
children sensor_loop sensor_srv sensor_stats sensorlog_sup
on_n "{sensor_srv:count(2), sensorlog:recent(),
    application:get_application(whereis(sensorlog)),
    lists:keymember(sensorlog, 1, application:which_applications()),
    case application:start(sensorlog) of {error, {{already_started, _},
    {sensorlog_app, start, [normal, []]}}} -> already_started; R -> R end}" \
    '{2,[{counted,2}],{ok,sensor},false,already_started}'
node_stop "$n" || fail "node_stop"
finish
