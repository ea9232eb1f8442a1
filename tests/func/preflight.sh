# SPDX-License-Identifier: GPL-2.0-or-later
# preflight - erlrc-upgrade refuses, before the point of no return and with
# nothing changed, a script that leaves a process running changed code it
# does not handle: a special process only loaded, a gen_server or an event
# handler outside every supervision tree, a process in a removed module.
# Each refusal names the process and the module; --dry-run shows the
# verdict; --restart restarts cold instead; the appup written from the
# .beam files updates the special process, which keeps its pid and state.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
up=$ERLRC_BIN/erlrc-upgrade
down=$ERLRC_BIN/erlrc-downgrade
start=$ERLRC_BIN/erlrc-start
sandbox_libdir "settle: 0.2" || finish
: >"$ERLRC_ROOT/applications/pf"

# pf VSN CHANGED [APPUP]: the application pf at VSN, where the modules
# named in CHANGED carry VSN as their tag (the others "1", unchanged) and
# pf_gone is missing if CHANGED says "-pf_gone".  pf_app starts, outside
# its supervision tree, the gen_server pf_loner, the event manager
# pf_events with the handler pf_h, and a plain process in pf_gone;
# pf_sup supervises the special process pf_special.  APPUP, if given, is
# shipped as ebin/pf.appup.
pf() {
	local vsn=$1 changed=" $2 " appup=${3:-} src=$T/src/pf-$1
	local ebin=$L/pf-$1/ebin m tag mods gone=1
	mkdir -p "$src" "$ebin"
	case $changed in *" -pf_gone "*) gone= ;; esac
	for m in pf_app pf_sup pf_special pf_loner pf_h pf_gone pf_util; do
		tag=1
		case $changed in *" $m "*) tag=$vsn ;; esac
		printf -- '-export([tag/0]).\ntag() -> "%s".\n' \
		    "$tag" >"$src/$m.hrl"
	done
	cat >"$src/pf_app.erl" <<-EOF
	-module(pf_app).
	-behaviour(application).
	-export([start/2, stop/1, tag/0]).
	$(case $changed in *" +version_change "*) printf '%s\n' \
	    '-export([version_change/2]).' 'version_change(_, _) -> ok.' ;; esac)
	tag() -> "$(case $changed in *" pf_app "*) echo "$vsn" ;; *) echo 1 ;; esac)".
	start(_, _) ->
	    {ok, Sup} = pf_sup:start_link(),
	    {ok, _} = gen_server:start({local, pf_loner}, pf_loner, [], []),
	    {ok, _} = gen_event:start({local, pf_events}),
	    ok = gen_event:add_handler(pf_events, pf_h, []),
	    $( [ -n "$gone" ] && echo 'register(pf_gone, spawn(pf_gone, wait, [])),' )
	    {ok, Sup}.
	stop(_) ->
	    [exit(whereis(P), kill) || P <- [pf_loner, pf_events, pf_gone],
	                               whereis(P) =/= undefined],
	    ok.
	EOF
	cat >"$src/pf_util.erl" <<-EOF
	-module(pf_util).
	-export([$(case $changed in *" pf_util "*) echo 'setup/0' ;; esac)]).
	-include("pf_util.hrl").
	$(case $changed in *" pf_util "*) echo 'setup() -> ok.' ;; esac)
	EOF
	cat >"$src/pf_sup.erl" <<-EOF
	-module(pf_sup).
	-behaviour(supervisor).
	-export([start_link/0, init/1]).
	-include("pf_sup.hrl").
	start_link() -> supervisor:start_link({local, ?MODULE}, ?MODULE, []).
	init([]) ->
	    $(case $changed in *" pf_util "*) echo 'ok = pf_util:setup(),' ;; esac)
	    {ok, {#{strategy => one_for_one},
	          [#{id => pf_special, start => {pf_special, start_link, []},
	             modules => [pf_special]}]}}.
	EOF
	cat >"$src/pf_special.erl" <<-EOF
	-module(pf_special).
	-export([start_link/0, init/1, system_continue/3,
	         system_terminate/4, system_code_change/4]).
	-include("pf_special.hrl").
	start_link() -> proc_lib:start_link(?MODULE, init, [self()]).
	init(Parent) ->
	    register(?MODULE, self()),
	    proc_lib:init_ack(Parent, {ok, self()}),
	    loop(Parent, 7).
	loop(Parent, S) ->
	    receive
	        {system, From, Msg} ->
	            sys:handle_system_msg(Msg, From, Parent, ?MODULE, [], S);
	        {From, tag} -> From ! {tag, tag()}, loop(Parent, S)
	    end.
	system_continue(Parent, _, S) -> loop(Parent, S).
	system_terminate(R, _, _, _) -> exit(R).
	system_code_change(S, _, _, _) -> {ok, S + 100}.
	EOF
	cat >"$src/pf_loner.erl" <<-EOF
	-module(pf_loner).
	-behaviour(gen_server).
	-export([init/1, handle_call/3, handle_cast/2, code_change/3]).
	-include("pf_loner.hrl").
	init([]) -> {ok, 0}.
	handle_call(_, _, S) -> {reply, S, S}.
	handle_cast(_, S) -> {noreply, S}.
	code_change(_, S, _) -> {ok, S}.
	EOF
	cat >"$src/pf_h.erl" <<-EOF
	-module(pf_h).
	-behaviour(gen_event).
	-export([init/1, handle_event/2, handle_call/2, code_change/3]).
	-include("pf_h.hrl").
	init([]) -> {ok, 0}.
	handle_event(_, S) -> {ok, S}.
	handle_call(_, S) -> {ok, S, S}.
	code_change(_, S, _) -> {ok, S}.
	EOF
	mods=pf_app,pf_sup,pf_special,pf_loner,pf_h,pf_util
	if [ -n "$gone" ]; then
		cat >"$src/pf_gone.erl" <<-EOF
		-module(pf_gone).
		-export([wait/0]).
		-include("pf_gone.hrl").
		wait() -> receive stop -> ok end.
		EOF
		mods=$mods,pf_gone
	fi
	erlc -I "$src" -o "$ebin" "$src"/*.erl || { fail "erlc pf $vsn"; return 1; }
	printf '{application,pf,[{description,"pf"},{vsn,"%s"},%s]}.\n' \
	    "$vsn" "{modules,[$mods]},{registered,[]},{applications,[kernel,stdlib]},{mod,{pf_app,[]}}" \
	    >"$ebin/pf.app"
	[ -z "$appup" ] || printf '%s\n' "$appup" >"$ebin/pf.appup"
}
pf 1 "" &&
    pf 2 pf_special '{"2", [{"1", [{load_module, pf_special}]}], [{"1", [{load_module, pf_special}]}]}.' &&
    pf 3 pf_special && pf 4 pf_loner && pf 5 pf_h && pf 6 "pf_app -pf_gone" &&
    pf 7 "pf_sup pf_util" && pf 8 "pf_app +version_change" && pf 9 pf_app ||
    finish

n=pf_$$
node_start "$n" || finish
N=$NODE_FULL
node_register "$n"
on_n() { node_is "$n" "$@"; }
value() { node_call "$n" "$1"; }
# still1: pf 1 runs, as it was, every process there
still1() {
	on_n "{element(3, lists:keyfind(pf, 1, application:which_applications())),
	    [whereis(P) || P <- [pf_special, pf_loner, pf_events, pf_gone]],
	    [M:tag() || M <- [pf_special, pf_loner, pf_h, pf_gone]],
	    sys:get_state(pf_special)}" "{\"1\",$procs,[\"1\",\"1\",\"1\",\"1\"],7}"
}

run 0 "$start" pf 1
procs=$(value '[whereis(P) || P <- [pf_special, pf_loner, pf_events, pf_gone]]')
special=$(value 'whereis(pf_special)')

# a special process that the shipped appup only loads
run 0 "$up" --dry-run pf 1 2 &&
    grep -q "^%% preflight: refused: process $special (registered as pf_special, in pf_special:loop/2) is a special process of pf_special, which the appup loads but does not update" "$T/out" ||
    fail "--dry-run shows no refusal: $(cat "$T/out")"
run 1 "$up" pf 1 2 &&
    expect_err "error: node '$N': pf 1 -> 2 refused, nothing changed: the appup \\($(copy_re pf 2)/ebin/pf.appup\\) is not safe on this node: process $special \\(registered as pf_special, in pf_special:loop/2\\) is a special process of pf_special.*Ship an appup that handles this, or run this again with --restart"
still1
# a gen_server outside every supervision tree, updated
run 1 "$up" pf 1 4 &&
    expect_err "refused, nothing changed: the appup \\(written from the .beam files\\) is not safe on this node: .*process <[0-9.]+> \\(registered as pf_loner, in gen_server:loop/7\\) runs pf_loner, which the appup updates, but the release handler does not reach it"
still1
# an event handler of a manager outside every supervision tree
run 1 "$up" pf 1 5 &&
    expect_err "refused, nothing changed: .*event manager <[0-9.]+> \\(registered as pf_events, in gen_event:fetch_msg/6\\) has the handler pf_h, which the appup updates, but the release handler does not reach it"
still1
# a supervisor's new init/1 calls a function that only the new code of a
# module has, and the supervisor is updated before that module is loaded
run 1 "$up" pf 1 7 &&
    expect_err "refused, nothing changed: the appup \\(written from the .beam files\\) is not safe on this node: the code_change of pf_sup calls pf_util:setup/0, which only pf_util's new code has, before the script loads it"
still1
# a process in a module that goes
run 1 "$up" pf 1 6 &&
    expect_err "refused, nothing changed: .*process <[0-9.]+> \\(registered as pf_gone, in pf_gone:wait/0\\) waits in pf_gone, which the appup removes: the purge would kill it"
still1
# the application callback module changes: what its start/2 set up is
# not redone, unless it exports version_change/2 (the written appup's last
# call) to do it
run 1 "$up" pf 1 9 &&
    expect_err "refused, nothing changed: the appup \\(written from the .beam files\\) is not safe on this node: the application callback module pf_app changes, and what its start/2 set up when pf started is not redone by an upgrade"
still1
run 0 "$up" pf 1 8 && expect_err "upgraded pf 1 to 8"
run 0 "$down" pf 8 1 && expect_err "downgraded pf 8 to 1"
still1
[ -d "$(copy_of pf 1)" ] || fail "pf 1's copy went"

# the appup written from the .beam files updates the special process
run 0 "$up" --dry-run pf 1 3 &&
    grep -q "^%% preflight: every process that runs code the script changes is covered" "$T/out" ||
    fail "--dry-run: $(cat "$T/out")"
run 0 "$up" pf 1 3 && expect_err "upgraded pf 1 to 3"
on_n '{whereis(pf_special), pf_special:tag(), sys:get_state(pf_special)}' "{$special,\"3\",107}"
run 0 "$down" pf 3 1 && expect_err "downgraded pf 3 to 1"
on_n '{whereis(pf_special), pf_special:tag(), sys:get_state(pf_special)}' "{$special,\"1\",207}"

# an application whose supervisor-type child does not answer
# which_children (as esockd 5's connection_sup does): the release handler
# cannot list what it suspends, for any upgrade on the node; said with
# the application and the process, nothing changed
mkdir -p "$L/odd-1/ebin" "$T/src/odd"
cat >"$T/src/odd/odd_app.erl" <<'EOF'
-module(odd_app).
-behaviour(application).
-export([start/2, stop/1, init/1]).
start(_, _) -> supervisor:start_link(?MODULE, []).
stop(_) -> ok.
init([]) -> {ok, {#{}, [#{id => fake, start => {odd_fake, start_link, []},
                          type => supervisor}]}}.
EOF
cat >"$T/src/odd/odd_fake.erl" <<'EOF'
-module(odd_fake).
-behaviour(gen_server).
-export([start_link/0, init/1, handle_call/3, handle_cast/2]).
start_link() -> gen_server:start_link(?MODULE, [], []).
init([]) -> {ok, []}.
handle_call(_, _, S) -> {reply, ignored, S}.
handle_cast(_, S) -> {noreply, S}.
EOF
erlc -o "$L/odd-1/ebin" "$T/src/odd"/*.erl || fail "erlc odd"
printf '{application,odd,[{description,"odd"},{vsn,"1"},%s]}.\n' \
    "{modules,[odd_app,odd_fake]},{registered,[]},{applications,[kernel,stdlib]},{mod,{odd_app,[]}}" \
    >"$L/odd-1/ebin/odd.app"
run 0 "$start" odd 1
run 1 "$up" pf 1 3 &&
    expect_err "error: node '$N': pf 1 -> 3 refused, nothing changed: the release handler cannot list the processes of the supervision trees, which it suspends by: in application odd, child fake <[0-9.]+> of supervisor odd_app <[0-9.]+> is of type supervisor but answers which_children with ignored"
on_n '{pf_special:tag(), sys:get_state(pf_special)}' '{"1",207}'
run 0 "$ERLRC_BIN/erlrc-stop" odd 1

# --restart: refused by the preflight, so restarted cold, at 2
run 0 "$up" --restart pf 1 2 &&
    expect_err "warning: node '$N': the appup \\($(copy_re pf 2)/ebin/pf.appup\\) for pf 1 -> 2 is not safe on this node: .*; restarting pf cold at 2" &&
    expect_err "started pf 2"
on_n '{element(3, lists:keyfind(pf, 1, application:which_applications())), pf_special:tag(), sys:get_state(pf_special)}' '{"2","2",7}'
node_stop "$n"
finish
