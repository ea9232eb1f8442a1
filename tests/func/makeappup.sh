# SPDX-License-Identifier: GPL-2.0-or-later
# makeappup - erlrc-makeappup, the built binary, on the example
# application's versions: what it writes is what DESIGN §7 says, OTP's
# systools_rc accepts it, and --check finds what is wrong in an appup.
. "$ERLRC_TOP/tests/lib.sh"
mk=$ERLRC_BIN/erlrc-makeappup
E=$ERLRC_BUILD/examples/lib
A=$ERLRC_TOP/examples/sensor/appups

# usage
run 0 "$mk" --help && grep -q '^usage: erlrc-makeappup' "$T/out" ||
    fail "--help"
run 2 "$mk" sensor "$E/sensor-1.0" && expect_err "expected APPLICATION"
run 2 "$mk" --check x.appup a "$T" && expect_err "$T/ebin: No such file"
run 2 "$mk" sensor "$E/sensor-1.0" "$T/none" &&
    expect_err "$T/none/ebin/sensor.app"

# consult FILE: print file:consult's result, one term per line
consult() {
	erl -noshell -noinput -eval '
	    {ok, Ts} = file:consult("'"$1"'"),
	    [io:format("~0p~n", [T]) || T <- Ts], halt().'
}
# translate FILE OLDDIR NEWDIR: OTP's own check of the appup's 1st entries
translate() {
	erl -noshell -noinput -eval '
	    {ok, [{New, [{Old, Up}], [{Old, Dn}]}]} = file:consult("'"$1"'"),
	    {ok, O} = systools_make:read_application("sensor", Old,
	        ["'"$2"'/ebin"], []),
	    {ok, N} = systools_make:read_application("sensor", New,
	        ["'"$3"'/ebin"], []),
	    R1 = systools_rc:translate_scripts(up, [Up], [N], [O]),
	    R2 = systools_rc:translate_scripts(dn, [Dn], [O], [N]),
	    io:format("~p ~p~n", [element(1, R1), element(1, R2)]),
	    halt().'
}

# 1.0 -> 2.0: every rule of DESIGN §7 at work
run 0 "$mk" sensor "$E/sensor-1.0" "$E/sensor-2.0" &&
    [ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
cp "$T/out" "$T/2.0.appup"
consult "$T/2.0.appup" >"$T/terms" || fail "file:consult refused it"
# (sensor_util is unchanged: no instruction, and in no DepMods; the added
# sensor_stats comes first, then the supervisor, then the other modules)
want='{"2.0",[{"1.0",[{add_module,sensor_stats,[]},{update,sensor_sup,supervisor},{apply,{sensor_sup,sup_upgrade_notify,["1.0","2.0"]}},{load_module,sensor_loop,[]},{update,sensor_srv,{advanced,[]},[sensor_stats]},{delete_module,sensor_legacy,[]}]}],[{"1.0",[{add_module,sensor_legacy,[]},{update,sensor_srv,{advanced,[]},[sensor_stats]},{load_module,sensor_loop,[]},{apply,{sensor_sup,sup_downgrade_notify,["1.0","2.0"]}},{update,sensor_sup,supervisor},{delete_module,sensor_stats,[]}]}]}'
[ "$(cat "$T/terms")" = "$want" ] ||
    fail "the 1.0 -> 2.0 appup is
  $(cat "$T/terms")
expected
  $want"
[ "$(translate "$T/2.0.appup" "$E/sensor-1.0" "$E/sensor-2.0")" = "ok ok" ] ||
    fail "systools_rc refuses it: $(translate "$T/2.0.appup" \
    "$E/sensor-1.0" "$E/sensor-2.0" 2>&1 | head -c 600)"

# A special process (proc_lib and sys, system_code_change/4, no
# code_change/3) is updated, not loaded; a gen_server without code_change/3
# is updated soft (suspended, no code_change); a library is loaded.
for v in 1 2; do
	d=$T/sp/sp-$v
	mkdir -p "$d/ebin" "$T/sp/src-$v"
	cat >"$T/sp/src-$v/sp_special.erl" <<EOF
-module(sp_special).
-export([start_link/0, init/1, system_continue/3, system_terminate/4,
         system_code_change/4]).
start_link() -> proc_lib:start_link(?MODULE, init, [self()]).
init(Parent) -> proc_lib:init_ack(Parent, {ok, self()}), loop(Parent, $v).
loop(Parent, S) ->
    receive {system, From, Msg} ->
        sys:handle_system_msg(Msg, From, Parent, ?MODULE, [], S)
    end.
system_continue(Parent, _, S) -> loop(Parent, S).
system_terminate(R, _, _, _) -> exit(R).
system_code_change(S, _, _, _) -> {ok, S}.
EOF
	cat >"$T/sp/src-$v/sp_soft.erl" <<EOF
-module(sp_soft).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2]).
init([]) -> {ok, $v}.
handle_call(_, _, S) -> {reply, S, S}.
handle_cast(_, S) -> {noreply, S}.
EOF
	printf -- '-module(sp_lib).\n-export([v/0]).\nv() -> %s.\n' "$v" \
	    >"$T/sp/src-$v/sp_lib.erl"
	erlc -o "$d/ebin" "$T/sp/src-$v"/*.erl || fail "erlc sp $v"
	printf '{application,sp,[{description,"sp"},{vsn,"%s"},%s]}.\n' "$v" \
	    '{modules,[sp_lib,sp_soft,sp_special]},{registered,[]},{applications,[kernel,stdlib]}' \
	    >"$d/ebin/sp.app"
done
run 0 "$mk" sp "$T/sp/sp-1" "$T/sp/sp-2" && consult "$T/out" >"$T/terms" ||
    fail "sp: no appup"
want='{"2",[{"1",[{load_module,sp_lib,[]},{update,sp_soft,soft,[]},{update,sp_special,{advanced,[]},[]}]}],[{"1",[{update,sp_special,{advanced,[]},[]},{update,sp_soft,soft,[]},{load_module,sp_lib,[]}]}]}'
[ "$(cat "$T/terms")" = "$want" ] ||
    fail "the sp appup is
  $(cat "$T/terms")
expected
  $want"

# The same source built in two places, ?FILE in its literals: the same
# module (no instruction); a literal that really changes: a changed one.
for v in 1 2; do
	mkdir -p "$T/fp/fp-$v/ebin" "$T/fp/fp-$v/src"
	printf -- '-module(fp_same).\n-export([f/0]).\nf() -> {?FILE, <<?FILE>>, ?LINE}.\n' \
	    >"$T/fp/fp-$v/src/fp_same.erl"
	printf -- '-module(fp_diff).\n-export([f/0]).\nf() -> {?FILE, "%s"}.\n' "$v" \
	    >"$T/fp/fp-$v/src/fp_diff.erl"
	erlc -o "$T/fp/fp-$v/ebin" "$T/fp/fp-$v/src/fp_same.erl" \
	    "$T/fp/fp-$v/src/fp_diff.erl" || fail "erlc fp $v"
	printf '{application,fp,[{description,"fp"},{vsn,"%s"},%s]}.\n' "$v" \
	    '{modules,[fp_diff,fp_same]},{registered,[]},{applications,[kernel,stdlib]}' \
	    >"$T/fp/fp-$v/ebin/fp.app"
done
cmp -s "$T/fp/fp-1/ebin/fp_same.beam" "$T/fp/fp-2/ebin/fp_same.beam" &&
    fail "fp_same: the two builds are the same bytes: the test tests nothing"
run 0 "$mk" fp "$T/fp/fp-1" "$T/fp/fp-2" && consult "$T/out" >"$T/terms" ||
    fail "fp: no appup"
[ "$(cat "$T/terms")" = '{"2",[{"1",[{load_module,fp_diff,[]}]}],[{"1",[{load_module,fp_diff,[]}]}]}' ] ||
    fail "the fp appup is $(cat "$T/terms")"

# the same inputs give the same bytes
run 0 "$mk" sensor "$E/sensor-1.0" "$E/sensor-2.0" &&
    cmp -s "$T/out" "$T/2.0.appup" || fail "two runs differ"

# no change at all: empty instruction lists
run 0 "$mk" sensor "$E/sensor-1.0" "$E/sensor-1.0" && consult "$T/out" \
    >"$T/terms" && [ "$(cat "$T/terms")" = '{"1.0",[{"1.0",[]}],[{"1.0",[]}]}' ] ||
    fail "identical versions: $(cat "$T/terms")"

# every other step OTP accepts too
for step in "1.0 3.0" "2.0 3.0" "3.0 4.0" "2.0 1.0"; do
	set -- $step
	run 0 "$mk" sensor "$E/sensor-$1" "$E/sensor-$2" &&
	    cp "$T/out" "$T/step.appup" &&
	    [ "$(translate "$T/step.appup" "$E/sensor-$1" "$E/sensor-$2")" = "ok ok" ] ||
	    fail "$1 -> $2: not accepted by systools_rc"
done

# --check: the hand-written appups are right; what is wrong is named
run 0 "$mk" --check "$A/2.0.appup" "$E/sensor-1.0" "$E/sensor-2.0" &&
    [ ! -s "$T/out" ] && [ ! -s "$T/err" ] || fail "--check of 2.0.appup"
run 0 "$mk" --check "$T/2.0.appup" "$E/sensor-1.0" "$E/sensor-2.0" ||
    fail "--check refuses the generated appup"
# only the first term counts, as OTP reads it (systools_lib:read_term/1)
{ cat "$A/2.0.appup"; echo '{"9.9", [], []}. % a second term'; } \
    >"$T/two.appup"
run 0 "$mk" --check "$T/two.appup" "$E/sensor-1.0" "$E/sensor-2.0" ||
    fail "--check refuses an appup with a second term"
mkdir -p "$T/bad"
sed 's/{load_module,sensor_loop,/{load_module,sensor_nope,/' \
    "$T/2.0.appup" >"$T/bad/sensor.appup"
grep -q sensor_nope "$T/bad/sensor.appup" || fail "the bad appup is not bad"
line=$(grep -n sensor_nope "$T/bad/sensor.appup" | head -n 1 | cut -d: -f1)
run 2 "$mk" --check "$T/bad/sensor.appup" "$E/sensor-1.0" "$E/sensor-2.0" &&
    expect_err "^erlrc-makeappup: error: $T/bad/sensor.appup:$line:[0-9]+: load_module: module 'sensor_nope' is not in sensor 2.0"
sed 's/^{"2.0"/{"2.5"/' "$T/2.0.appup" >"$T/bad/sensor.appup"
run 2 "$mk" --check "$T/bad/sensor.appup" "$E/sensor-1.0" "$E/sensor-2.0" &&
    expect_err "sensor.appup:[0-9]+:[0-9]+: the appup upgrades to \"2.5\""
run 2 "$mk" --check "$T/2.0.appup" "$E/sensor-2.0" "$E/sensor-3.0" &&
    expect_err "2.0.appup:[0-9]+:[0-9]+: the appup upgrades to \"2.0\", but .*says \"3.0\""
cp "$A/3.0.appup" "$T/3.0.appup"
run 2 "$mk" --check "$T/3.0.appup" "$E/sensor-3.0" "$E/sensor-3.0" &&
    expect_err "3.0.appup:[0-9]+:[0-9]+: no upgrade entry for version \"3.0\""
run 0 "$mk" --check "$A/3.0.appup" "$E/sensor-2.0" "$E/sensor-3.0"
run 0 "$mk" --check "$A/4.0.appup" "$E/sensor-3.0" "$E/sensor-4.0"
printf '{"2.0", [{"1.0", [{frobnicate}]}], []}.\n' >"$T/bad/sensor.appup"
run 2 "$mk" --check "$T/bad/sensor.appup" "$E/sensor-1.0" "$E/sensor-2.0" &&
    expect_err "sensor.appup:1:[0-9]+: "

finish
