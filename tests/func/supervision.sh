# SPDX-License-Identifier: GPL-2.0-or-later
# supervision - erlrc-upgrade and erlrc-downgrade on a supervisor that gains
# and loses children, with appups written from the .beam files: the new
# child is started after the supervisor's update, the removed one stopped
# and deleted (before its module goes), both ways; and the look after the
# evaluation: a worker that dies within the settle time fails the upgrade,
# status 1, naming it, and on_failure: restart restarts the application.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
up=$ERLRC_BIN/erlrc-upgrade
down=$ERLRC_BIN/erlrc-downgrade
start=$ERLRC_BIN/erlrc-start
sandbox_libdir "settle: 0.5" || finish
: >"$ERLRC_ROOT/applications/tree"

# tree VSN CHILDREN [crash]: the application tree at VSN: tree_app,
# tree_sup (one_for_one, no sup_*_notify) with the children named (each
# a gen_server module tree_NAME registered as such, ticking every 50 ms),
# tree_a always first.  With crash, tree_a's state is a map from VSN on
# (no code_change/3: an update keeps the old tuple), and its tick crashes
# on the old one.
tree() {
	local vsn=$1 children=$2 crash=${3:-} src=$T/src/tree-$1 c specs= mods
	local ebin=$L/tree-$1/ebin state bump match
	mkdir -p "$src" "$ebin"
	mods=tree_app,tree_sup
	for c in $children; do
		if [ -n "$crash" ] && [ "$c" = a ]; then
			state='#{n => 0}' bump='S#{n => N + 1}'
			match='#{n := N} = S'
		else
			state='{n, 0}' bump='{n, N + 1}' match='{n, N}'
		fi
		specs="$specs${specs:+,
          }#{id => tree_$c, start => {tree_$c, start_link, []}, modules => [tree_$c]}"
		mods="$mods,tree_$c"
		cat >"$src/tree_$c.erl" <<-EOF
		-module(tree_$c).
		-behaviour(gen_server).
		-export([start_link/0, init/1, handle_call/3, handle_cast/2,
		         handle_info/2]).
		start_link() -> gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).
		init([]) -> erlang:send_after(50, self(), tick), {ok, $state}.
		handle_call(vsn, _, S) -> {reply, "$vsn", S}.
		handle_cast(_, S) -> {noreply, S}.
		handle_info(tick, $match) ->
		    erlang:send_after(50, self(), tick), {noreply, $bump}.
		EOF
	done
	cat >"$src/tree_sup.erl" <<-EOF
	-module(tree_sup).
	-behaviour(supervisor).
	-export([start_link/0, init/1]).
	start_link() -> supervisor:start_link({local, ?MODULE}, ?MODULE, []).
	init([]) ->
	    {ok, {#{strategy => one_for_one, intensity => 10, period => 10},
	          [$specs]}}.
	EOF
	cat >"$src/tree_app.erl" <<-EOF
	-module(tree_app).
	-behaviour(application).
	-export([start/2, stop/1]).
	start(_, _) -> tree_sup:start_link().
	stop(_) -> ok.
	EOF
	erlc -o "$ebin" "$src"/*.erl || { fail "erlc tree $vsn"; return 1; }
	printf '{application,tree,[{description,"tree"},{vsn,"%s"},%s]}.\n' \
	    "$vsn" "{modules,[$mods]},{registered,[]},{applications,[kernel,stdlib]},{mod,{tree_app,[]}}" \
	    >"$ebin/tree.app"
}
tree 1 "a old" && tree 2 "a new" && tree 3 "a new" crash || finish
# leaf 1: an application that needs tree (and holds nothing else)
mkdir -p "$L/leaf-1/ebin" "$T/src/leaf"
cat >"$T/src/leaf/leaf_app.erl" <<'EOF'
-module(leaf_app).
-behaviour(application).
-export([start/2, stop/1, init/1]).
start(_, _) -> supervisor:start_link(?MODULE, []).
stop(_) -> ok.
init([]) -> {ok, {#{}, []}}.
EOF
erlc -o "$L/leaf-1/ebin" "$T/src/leaf/leaf_app.erl" || fail "erlc leaf"
printf '{application,leaf,[{description,"leaf"},{vsn,"1"},%s]}.\n' \
    "{modules,[leaf_app]},{registered,[]},{applications,[kernel,stdlib,tree]},{mod,{leaf_app,[]}}" \
    >"$L/leaf-1/ebin/leaf.app"

n=sup_$$
node_start "$n" || finish
N=$NODE_FULL
node_register "$n"
on_n() { node_is "$n" "$@"; }
value() { node_call "$n" "$1"; }
# kids: the children of tree_sup, by id, with whether each runs
kids() {
	on_n "lists:sort([{Id, is_pid(P)} ||
	    {Id, P, _, _} <- supervisor:which_children(tree_sup)])" "$1"
}

run 0 "$start" tree 1
kids '[{tree_a,true},{tree_old,true}]'
sup=$(value 'whereis(tree_sup)') a=$(value 'whereis(tree_a)')
# a child added at run time, in no init/1: kept as it is
extra=$(value '{ok, P} = supervisor:start_child(tree_sup,
    #{id => extra, start => {gen_event, start_link, []}}), P')

# up: tree_new started, tree_old stopped and deleted, nothing else touched
run 0 "$up" tree 1 2 &&
    expect_err "node '$N': tree: started child tree_new of supervisor tree_sup" &&
    expect_err "node '$N': tree: removed child tree_old of supervisor tree_sup" &&
    expect_err "node '$N': upgraded tree 1 to 2"
kids '[{extra,true},{tree_a,true},{tree_new,true}]'
on_n 'whereis(tree_sup)' "$sup"
on_n 'whereis(tree_a)' "$a"
on_n '[P || {extra, P, _, _} <- supervisor:which_children(tree_sup)]' "[$extra]"
on_n 'gen_server:call(tree_new, vsn)' '"2"'
on_n 'code:is_loaded(tree_old)' false
run 0 "$up" tree 1 2 && expect_err "tree 2 is already running"

# down: the other way round, tree_new going before its module does
run 0 "$down" tree 2 1 &&
    expect_err "tree: started child tree_old of supervisor tree_sup" &&
    expect_err "tree: removed child tree_new of supervisor tree_sup" &&
    expect_err "downgraded tree 2 to 1"
kids '[{extra,true},{tree_a,true},{tree_old,true}]'
on_n 'whereis(tree_sup)' "$sup"
on_n 'whereis(tree_a)' "$a"
on_n 'code:is_loaded(tree_new)' false
run 0 "$up" tree 1 2
kids '[{extra,true},{tree_a,true},{tree_new,true}]'

# 2 -> 3: tree_a is updated soft and its next tick crashes on the old
# state; the supervisor restarts it.  Evaluated, but a failure, named.
run 1 "$up" tree 2 3 &&
    expect_err "error: node '$N': tree 2 -> 3 was evaluated, but within 500 ms after: supervisor tree_sup $sup restarted [0-9]+ child(ren)?: tree_a $a, now <[0-9.]+>\$"
grep -q "upgraded tree" "$T/err" && fail "'upgraded' said of a failure"
# back with --restart: 3's state in 2's code crashes too, so cold
run 0 "$down" --restart tree 3 2 &&
    expect_err "warning: node '$N': tree 3 -> 2 was evaluated, but .*; restarting tree cold at 2"
kids '[{tree_a,true},{tree_new,true}]'
# on_failure: restart: the same, then a cold start at 3 that holds, with
# leaf, which needs tree, stopped before and started again after it
run 0 "$start" leaf 1
leaf=$(value 'application_controller:get_master(leaf)')
printf 'on_failure: restart\n' >>"$ERLRC_ROOT/erlrc.yaml"
run 0 "$up" tree 2 3 &&
    expect_err "warning: node '$N': tree 2 -> 3 was evaluated, but .*supervisor tree_sup <[0-9.]+> restarted [0-9]+ child(ren)?: tree_a <[0-9.]+>, now <[0-9.]+>; restarting tree cold at 3" &&
    expect_err "node '$N': stopped leaf, which depends on tree, to start again after it" &&
    expect_err "node '$N': started leaf 1"
on_n "[element(3, lists:keyfind(A, 1, application:which_applications())) || A <- [tree, leaf]]" '["3","1"]'
[ "$(value 'application_controller:get_master(leaf)')" != "$leaf" ] ||
    fail "leaf was not restarted"
kids '[{tree_a,true},{tree_new,true}]'
node_stop "$n"
finish
