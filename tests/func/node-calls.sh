# SPDX-License-Identifier: GPL-2.0-or-later
# node-calls - node.c through the nodecall test tool against real nodes:
# replies, a call that fails on the node, a deadline that ticks do not
# move, a lost connection, and the errors of connecting.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
call=$ERLRC_BUILD/tests/nodecall
cookie=$(node_cookie)
n1=calls1_$$ n2=calls2_$$

# the node ticks every second: ticks arrive while a call waits
node_start "$n1" -kernel net_ticktime 4 || finish
N1=$NODE_FULL

# now_ms: milliseconds since the epoch
now_ms() { echo $(($(date +%s%N) / 1000000)); }

run 0 "$call" "$N1" "$cookie" 5000 erlang node &&
    [ "$(cat "$T/out")" = "$N1" ] || fail "erlang:node(): $(cat "$T/out")"
run 0 "$call" "$N1" "$cookie" 5000 erlang make_tuple 2 x &&
    [ "$(cat "$T/out")" = "{x,x}" ] || fail "make_tuple: $(cat "$T/out")"
# a throw on the node arrives as the bare term
run 0 "$call" "$N1" "$cookie" 5000 erlang throw oops &&
    [ "$(cat "$T/out")" = "oops" ] || fail "throw: $(cat "$T/out")"
# a call that fails on the node: {badrpc, Reason}, shown
run 1 "$call" "$N1" "$cookie" 5000 erlang error boom &&
    expect_err "^nodecall: failed: erlang:error/1 failed: \{'EXIT',\{boom,"

# one deadline: ticks every second do not extend it
t0=$(now_ms)
run 1 "$call" "$N1" "$cookie" 2500 timer sleep 10000 &&
    expect_err "failed: no answer within 2.5 s \(calling timer:sleep/1\): connection closed"
ms=$(($(now_ms) - t0))
[ "$ms" -ge 2400 ] && [ "$ms" -lt 3500 ] ||
    fail "a 2.5 s deadline ended after $ms ms"

# several clients at once: each has its own name
for i in 1 2 3; do
	"$call" "$N1" "$cookie" 5000 timer sleep 1000 >"$T/out.$i" 2>&1 &
	pids[$i]=$!
done
for i in 1 2 3; do
	wait "${pids[$i]}" || fail "concurrent call $i: $(cat "$T/out.$i")"
done

# connecting: not running, refused
run 0 "$call" "nobody_$$@${N1#*@}" "$cookie" 5000 erlang node &&
    expect_err "^nodecall: nodedown: not running"
printf 'WRONG\n' >"$T/wrong"
chmod 600 "$T/wrong"
run 1 "$call" "$N1" "$T/wrong" 5000 erlang node &&
    expect_err "^nodecall: refused: connection refused: cookie rejected or name refused"
run 2 "$call" "noat" "$cookie" 5000 erlang node &&
    expect_err "not a node name"

# a peer that answers the handshake one byte every 0.7 s: each step of
# the connection would wait anew, the deadline still ends it in time
ERL_CRASH_DUMP=$T/drip.dump erl -noshell -noinput -start_epmd false -eval '
	{ok, _} = erl_epmd:start_link(),
	{ok, L} = gen_tcp:listen(0, [binary, {active, false}]),
	{ok, Port} = inet:port(L),
	{ok, _} = erl_epmd:register_node("drip_'$$'", Port, inet),
	{ok, S} = gen_tcp:accept(L),
	Drip = fun Drip([B | Bs]) -> timer:sleep(700),
	    gen_tcp:send(S, <<B>>), Drip(Bs) end,
	Drip([0, 100 | lists:duplicate(100, $s)]).' </dev/null >"$T/drip.log" 2>&1 &
drip=$!
CLEANUP+="kill $drip 2>/dev/null;"
for i in $(seq 50); do
	epmd -port "$ERL_EPMD_PORT" -names 2>/dev/null | grep -q "drip_$$" &&
	    break
	sleep 0.1
done
t0=$(now_ms)
run 1 "$call" "drip_$$@${N1#*@}" "$cookie" 2000 erlang node &&
    expect_err "failed: no answer within 2 s while connecting"
ms=$(($(now_ms) - t0))
[ "$ms" -lt 3000 ] || fail "a slow handshake took $ms ms (timeout 2 s)"
kill "$drip"

# the node dies during a call: the connection is lost, said at once
node_start "$n2" || finish
N2=$NODE_FULL
"$call" "$N2" "$cookie" 20000 timer sleep 15000 >"$T/out" 2>"$T/err" &
pid=$!
sleep 1
kill -KILL "$(node_pid "$n2")"
t0=$(now_ms)
wait "$pid"
st=$?
[ "$st" -eq 1 ] || fail "lost connection: status $st"
expect_err "^nodecall: failed: lost the connection \(calling timer:sleep/1\)"
[ $(($(now_ms) - t0)) -lt 3000 ] || fail "the loss was not seen at once"

finish
