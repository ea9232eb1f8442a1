# SPDX-License-Identifier: GPL-2.0-or-later
# boot-live - erlrc-boot, the built binary, on real throwaway nodes: the
# order the node really starts applications in, included applications, an
# application whose start crashes, waiting for a node, idempotency.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
boot=$ERLRC_BIN/erlrc-boot
stop=$ERLRC_BIN/erlrc-stop
export ERLRC_ROOT=$T/etc ERLRC_STATE=$T/state
unset DPKG_ROOT
L=$T/lib
mkdir -p "$ERLRC_ROOT/nodes" "$ERLRC_ROOT/applications" "$L"
printf 'lib_dirs:\n  - %s\n  - /usr/lib/erlang/lib\n' "$L" \
    >"$ERLRC_ROOT/erlrc.yaml"
register() { for a; do : >"$ERLRC_ROOT/applications/$a"; done; }

# a chain c <- b <- a; top includes inc, which needs dep; client needs top;
# bad crashes at start, needbad needs it, later needs needbad
mkotpapp "$L" c 1.0 && mkotpapp "$L" b 1.0 deps=c &&
    mkotpapp "$L" a 1.0 deps=b && mkotpapp "$L" dep 1.0 &&
    mkotpapp "$L" inc 1.0 deps=dep && mkotpapp "$L" top 1.0 incl=inc &&
    mkotpapp "$L" client 1.0 deps=top && mkotpapp "$L" bad 1.0 crash &&
    mkotpapp "$L" needbad 1.0 deps=bad &&
    mkotpapp "$L" later 1.0 deps=needbad || finish
register a client
n1=n1_$$ n2=n2_$$ n3=n3_$$

# the order the node started them in, as the applications logged it
log_is() {
	local got
	got=$(tr '\n' ' ' <"$1" 2>/dev/null)
	[ "$got" = "$2" ] || fail "log $1: '$got', expected '$2'"
}
apps_on() {
	node_call "$1" 'lists:sort([A || {A, _, _} <-
	    application:which_applications()])'
}

# usage
run 0 "$boot" --help && grep -q '^usage: erlrc-boot' "$T/out" ||
    fail "--help"
run 2 "$boot" --wait -1 && expect_err "--wait '-1'"
run 2 "$boot" extra && expect_err "unexpected argument 'extra'"

# nothing registered and no node: nothing to do
run 0 "$boot" --wait 0 && expect_err "node .* is not running|no node"

export ERLRC_TEST_LOG=$T/n1.log
node_start "$n1" || finish
N1=$NODE_FULL
node_register "$n1"

run 0 "$boot" --wait 5 && expect_err "node '$N1': started a 1.0" &&
    expect_err "node '$N1': started top 1.0" &&
    expect_err "node '$N1': started client 1.0"
[ ! -s "$T/out" ] || fail "output on stdout"
log_is "$T/n1.log" "start c sup c start b sup b start a sup a start dep \
sup dep start top sup top sup inc start client sup client "
[ "$(apps_on "$n1")" = "[a,b,c,client,dep,kernel,stdlib,top]" ] ||
    fail "running on n1: $(apps_on "$n1")"
# inc's package does not call erlrc (it is not registered): it runs from
# where its package put it, the registered ones from erlrc's copies
node_call "$n1" 'code:lib_dir(inc)' >"$T/dir"
[ "$(cat "$T/dir")" = "\"$L/inc-1.0\"" ] ||
    fail "inc runs from $(cat "$T/dir")"
node_call "$n1" 'code:lib_dir(client)' >"$T/dir"
[ "$(cat "$T/dir")" = "\"$(copy_of client 1.0)\"" ] ||
    fail "client runs from $(cat "$T/dir")"

# twice: nothing to do
run 0 "$boot" --wait 5 &&
    expect_err "node '$N1': nothing to start: every registered"
log_is "$T/n1.log" "start c sup c start b sup b start a sup a start dep \
sup dep start top sup top sup inc start client sup client "

# an application whose start crashes: reported, what needs it skipped
# with a message, the others started, status 1
register bad later
export ERLRC_TEST_LOG=$T/n2.log
node_start "$n2" || finish
N2=$NODE_FULL
node_register "$n2"
run 1 "$boot" --node "$n2" &&
    expect_err "error: node '$N2': cannot start bad 1.0: .*crashed_on_purpose" &&
    expect_err "error: node '$N2': needbad 1.0 not started: it needs bad" &&
    expect_err "error: node '$N2': later 1.0 not started: it needs needbad" &&
    expect_err "error: node '$N2': 3 applications did not start" &&
    expect_err "node '$N2': started client 1.0"
grep -q "$N1" "$T/err" && fail "--node $n2 acted on $n1"
[ "$(apps_on "$n2")" = "[a,b,c,client,dep,kernel,stdlib,top]" ] ||
    fail "running on n2: $(apps_on "$n2")"
rm "$ERLRC_ROOT/applications/bad" "$ERLRC_ROOT/applications/later"
run 0 "$boot" --node "$n2" && expect_err "nothing to start"

# waiting for a node that boots later; one that never does is a notice
export ERLRC_TEST_LOG=$T/n3.log
node_register "$n3"
"$boot" --node "$n3" --wait 60 >"$T/out3" 2>"$T/err3" &
bootpid=$!
sleep 1
node_start "$n3" || finish
wait "$bootpid" || fail "erlrc-boot --wait: status $?"
grep -q "started client 1.0" "$T/err3" || fail "n3: $(cat "$T/err3")"
[ "$(apps_on "$n3")" = "[a,b,c,client,dep,kernel,stdlib,top]" ] ||
    fail "running on n3: $(apps_on "$n3")"
node_stop "$n3"
t0=$(date +%s)
run 0 "$boot" --node "$n3" --wait 1 &&
    expect_err "node '$n3@[^']*' is not running.* after waiting"
[ $(($(date +%s) - t0)) -lt 5 ] || fail "--wait 1 waited too long"

# every registered node: one down, the others done
run 0 "$boot" && expect_err "node '$n3@[^']*' is not running" &&
    expect_err "node '$N1': nothing to start" &&
    expect_err "node '$N2': nothing to start"

# stopping an includer unloads what it included, modules and all, if not
# registered
run 0 "$stop" --node "$n2" client 1.0
run 0 "$stop" --node "$n2" top 1.0 && expect_err "node '$N2': stopped top 1.0"
got=$(node_call "$n2" '{code:is_loaded(inc_sup), code:is_loaded(top_sup),
    lists:keymember(inc, 1, application:loaded_applications()),
    code:lib_dir(inc)}')
[ "$got" = "{false,false,false,{error,bad_name}}" ] ||
    fail "after stopping top, inc on n2: $got"

# stopping an includer starts what it included on its own, if registered
# (not while an application that needs it runs)
register inc
run 1 "$stop" --node "$n1" top 1.0 &&
    expect_err "error: node '$N1': client runs and needs top: stop client"
run 0 "$stop" --node "$n1" client 1.0
run 0 "$stop" --node "$n1" top 1.0 &&
    expect_err "node '$N1': stopped top 1.0" &&
    expect_err "node '$N1': started inc 1.0"
node_call "$n1" 'lists:keymember(inc, 1, application:which_applications())' \
    >"$T/inc"
[ "$(cat "$T/inc")" = true ] || fail "inc does not run on its own"
# boot then starts client's includer again: inc stops running on its own
run 0 "$boot" --node "$n1" &&
    expect_err "node '$N1': stopped inc: it runs as part of top" &&
    expect_err "node '$N1': started top 1.0" &&
    expect_err "node '$N1': started client 1.0"
node_call "$n1" 'lists:keymember(inc, 1, application:which_applications())' \
    >"$T/inc"
[ "$(cat "$T/inc")" = false ] || fail "inc still runs on its own"

finish
