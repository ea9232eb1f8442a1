# SPDX-License-Identifier: GPL-2.0-or-later
# guardian - nothing is left suspended, and no environment lost, whatever
# happens to erlrc-upgrade during the evaluation: its --timeout expires
# and code_change then crashes; it is killed (SIGKILL) or terminated
# (SIGTERM); a supervisor starts processes while the evaluation fails; the
# timeout expires and the upgrade then succeeds on the node.  The guardian
# that erlrc leaves on the node ends each change; a second change waits
# for it.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
up=$ERLRC_BIN/erlrc-upgrade
start=$ERLRC_BIN/erlrc-start
sandbox_libdir || finish
: >"$ERLRC_ROOT/applications/pool"

# pool VSN EXTRA: pool_sup, simple_one_for_one over pool_w (a gen_server
# with a counter); from 2 on, a shipped appup from 1 that updates pool_w
# with {advanced, EXTRA}.  pool_w's code_change/3 on EXTRA:
#   crash              raises at once
#   {crash_after, Ms}  sleeps Ms, then raises
#   {ok_after, Ms}     sleeps Ms, then keeps the state
pool() {
	local vsn=$1 extra=${2:-} src=$T/src/pool-$1 ebin=$L/pool-$1/ebin
	mkdir -p "$src" "$ebin"
	cat >"$src/pool_w.erl" <<-EOF
	-module(pool_w).
	-behaviour(gen_server).
	-export([start_link/0, init/1, handle_call/3, handle_cast/2,
	         handle_info/2, code_change/3]).
	start_link() -> gen_server:start_link(?MODULE, [], []).
	init([]) -> {ok, 0}.
	handle_call(vsn, _, N) -> {reply, "$vsn", N + 1}.
	handle_cast(_, N) -> {noreply, N}.
	handle_info(_, N) -> {noreply, N}.
	code_change(_, _, crash) -> error(crash_on_purpose);
	code_change(_, _, {crash_after, Ms}) ->
	    timer:sleep(Ms), error(crash_on_purpose);
	code_change(_, N, {ok_after, Ms}) -> timer:sleep(Ms), {ok, N};
	code_change(_, N, _) -> {ok, N}.
	EOF
	cat >"$src/pool_sup.erl" <<-'EOF'
	-module(pool_sup).
	-behaviour(supervisor).
	-export([start_link/0, init/1]).
	start_link() -> supervisor:start_link({local, ?MODULE}, ?MODULE, []).
	init([]) ->
	    {ok, {#{strategy => simple_one_for_one, intensity => 10,
	            period => 10},
	          [#{id => w, start => {pool_w, start_link, []},
	             restart => temporary, modules => [pool_w]}]}}.
	EOF
	cat >"$src/pool_app.erl" <<-'EOF'
	-module(pool_app).
	-behaviour(application).
	-export([start/2, stop/1]).
	start(_, _) -> pool_sup:start_link().
	stop(_) -> ok.
	EOF
	erlc -o "$ebin" "$src"/*.erl || { fail "erlc pool $vsn"; return 1; }
	printf '{application,pool,[{description,"pool"},{vsn,"%s"},%s]}.\n' \
	    "$vsn" "{modules,[pool_app,pool_sup,pool_w]},{registered,[pool_sup]},{applications,[kernel,stdlib]},{mod,{pool_app,[]}},{env,[{answer,1}]}" \
	    >"$ebin/pool.app"
	[ -z "$extra" ] ||
	    printf '{"%s",[{"1",[{update,pool_w,{advanced,%s}}]}],[{"1",[]}]}.\n' \
	    "$vsn" "$extra" >"$ebin/pool.appup"
}
pool 1 && pool 2 crash && pool 3 "{crash_after,4000}" &&
    pool 4 "{ok_after,4000}" || finish

# fresh NAME [WORKERS]: a node of its own, pool 1 started with WORKERS
# workers and answer set to 42 (as sys.config or set_env would)
fresh() {
	n=$1
	node_start "$n" || finish
	node_register "$n"
	run 0 "$start" -N "$n" pool 1 || finish
	node_call "$n" "application:set_env(pool, answer, 42),
	    [supervisor:start_child(pool_sup, []) || _ <- lists:seq(1, ${2:-3})],
	    ok" >/dev/null
}
suspended() {
	node_call "$n" '[P || P <- erlang:processes(),
	    {current_function, {sys, suspend_loop, _}} <-
	        [process_info(P, current_function)]]'
}
# settled: the guardian has ended (10 s at most)
settled() {
	local i
	for ((i = 0; i < 50; i++)); do
		[ "$(node_call "$n" 'whereis(erlrc_guard)')" = undefined ] &&
		    return 0
		sleep 0.2
	done
	fail "the guardian still runs after 10 s"
	return 1
}
# serving: every worker answers, at WANT's code (no process suspended)
serving() {
	local got
	got=$(NODE_TIMEOUT=10 node_call "$n" 'lists:usort([catch
	    gen_server:call(P, vsn, 1000) || {_, P, _, _} <-
	    supervisor:which_children(pool_sup)])')
	[ "$got" = "[\"$1\"]" ] || fail "$2: the workers answer $got"
	[ "$(suspended)" = "[]" ] || fail "$2: left suspended: $(suspended)"
}
running() {
	node_call "$n" 'proplists:get_value(pool,
	    [{A, V} || {A, _, V} <- application:which_applications()])'
}

# 1. the timeout expires during the evaluation, then code_change crashes
fresh g1_$$
run 1 "$up" -N "$n" -T 3 pool 1 3 &&
    expect_err "pool 1 -> 3 goes on on the node, where erlrc's guardian resumes the processes it suspended if it fails.*: no answer within 3 s"
settled
serving 3 "timeout, then a crash"
[ "$(running)" = '"1"' ] || fail "timeout, then a crash: pool runs $(running)"
grep -q "erlrc: pool 1 -> 3 ended after erlrc went away: {'EXIT',.*; 3 suspended processes resumed" \
    "$T/$n.log" || fail "the node's log does not tell: $(cat "$T/$n.log")"
node__kill "$n"

# 2. the timeout expires, then the upgrade succeeds: the environment the
# node had (answer = 42) is set again by the guardian, and a run again
# finds the version running
fresh g2_$$
run 1 "$up" -N "$n" -T 3 pool 1 4 && expect_err "goes on on the node"
settled
serving 4 "timeout, then success"
[ "$(running)" = '"4"' ] || fail "timeout, then success: pool runs $(running)"
[ "$(node_call "$n" 'application:get_env(pool, answer)')" = "{ok,42}" ] ||
    fail "the environment was lost: $(node_call "$n" 'application:get_all_env(pool)')"
run 0 "$up" -N "$n" pool 1 4 && expect_err "pool 4 is already running"
node__kill "$n"

# 3. erlrc-upgrade killed, or terminated, during the evaluation
for sig in KILL TERM; do
	fresh "g3${sig}_$$"
	"$up" -N "$n" pool 1 3 >"$T/out" 2>"$T/err" &
	pid=$!
	for ((i = 0; i < 100; i++)); do
		[ "$(node_call "$n" 'whereis(erlrc_guard)')" != undefined ] &&
		    break
		sleep 0.1
	done
	[ "$i" -lt 100 ] || fail "SIG$sig: no guardian seen"
	kill -"$sig" "$pid"
	wait "$pid" 2>/dev/null
	# a second change meanwhile is refused, and changes nothing
	run 1 "$up" -N "$n" pool 1 2 &&
	    expect_err "erlrc's guardian <[0-9.]+> is still evaluating an earlier change on the node"
	run 1 "$ERLRC_BIN/erlrc-stop" -N "$n" pool 1 &&
	    expect_err "erlrc's guardian <[0-9.]+> is still evaluating an earlier change on the node, which erlrc stopped waiting for; nothing was done"
	settled
	serving 3 "SIG$sig"
	[ "$(running)" = '"1"' ] || fail "SIG$sig: pool runs $(running)"
	node__kill "$n"
done

# 4. a supervisor starts workers all through a failing evaluation: every
# process suspended is resumed, those started after erlrc listed them too
fresh g4_$$ 50
node_call "$n" 'spawn(fun F() ->
    supervisor:start_child(pool_sup, []), timer:sleep(2), F() end), ok' \
    >/dev/null
run 1 "$up" -N "$n" pool 1 2 &&
    expect_err "failed after the point of no return.*[0-9]+ suspended processes were resumed"
[ "$(node_call "$n" 'whereis(erlrc_guard)')" = undefined ] ||
    fail "the guardian outlived erlrc-upgrade"
[ "$(suspended)" = "[]" ] || fail "feeder: left suspended: $(suspended)"
got=$(sed -n 's/.* \([0-9][0-9]*\) suspended processes were resumed.*/\1/p' "$T/err")
[ "${got:-0}" -gt 50 ] || fail "feeder: only ${got:-0} resumed"
finish
