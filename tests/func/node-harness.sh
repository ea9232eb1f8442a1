# SPDX-License-Identifier: GPL-2.0-or-later
# node-harness - the harness itself: node.sh's throwaway nodes, otpapp.sh's
# applications started on them for real, and the cleanup at exit.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
n1=h1_$$ n2=h2_$$
L=$T/lib
host=$(uname -n)
host=${host%%.*}

# out_is TEXT WHAT: the last run's stdout is exactly TEXT (and a newline)
out_is() {
	[ "$(cat "$T/out")" = "$1" ] || fail "$2: '$(cat "$T/out")', expected '$1'"
}
# log_is FILE LINE...: FILE holds exactly LINE..., in that order
log_is() {
	local f=$1
	shift
	printf '%s\n' "$@" >"$T/want"
	cmp -s "$T/want" "$f" || {
		fail "$f is not as expected"
		diff "$T/want" "$f" | sed 's/^/  /'
	}
}

# what sourcing node.sh did
[ "$HOME" = "$T/home" ] || fail "HOME is $HOME"
[ "$(node_cookie)" = "$T/home/.erlang.cookie" ] ||
    fail "node_cookie: $(node_cookie)"
[ "$(stat -c %a "$(node_cookie)")" = 400 ] || fail "cookie mode is not 0400"
[[ $(cat "$(node_cookie)") =~ ^[0-9A-F]{32}$ ]] ||
    fail "cookie is not 32 hex digits"
[ "$ERL_EPMD_PORT" -ge 20000 ] && [ "$ERL_EPMD_PORT" -le 59999 ] ||
    fail "epmd port $ERL_EPMD_PORT"
run 0 epmd -port "$ERL_EPMD_PORT" -names

# two nodes, each answering for itself
node_start "$n1" || finish
[ "$NODE_FULL" = "$n1@$host" ] || fail "NODE_FULL is $NODE_FULL, not $n1@$host"
ERLRC_TEST_LOG=$T/n2.log node_start "$n2" || finish
[ "$NODE_FULL" = "$n2@$host" ] || fail "NODE_FULL is $NODE_FULL, not $n2@$host"
run 0 node_call "$n1" 'atom_to_list(node())' &&
    out_is "\"$n1@$host\"" "n1 node()"
run 0 node_call "$n2" 'atom_to_list(node()).' &&
    out_is "\"$n2@$host\"" "n2 node()"
run 0 node_call "$n1" 'os:getpid()' && out_is "\"$(node_pid "$n1")\"" "n1 pid"
run 0 node_call "$n1" 'os:getenv("HOME")' && out_is "\"$T/home\"" "n1 HOME"
run 0 node_call "$n1" 'os:getenv("ERL_EPMD_PORT")' &&
    out_is "\"$ERL_EPMD_PORT\"" "n1 epmd port"
run 0 epmd -port "$ERL_EPMD_PORT" -names &&
    grep -q "^name $n1 at port" "$T/out" &&
    grep -q "^name $n2 at port" "$T/out" || fail "epmd does not list both nodes"

# node_call: values on one line, what the expression prints, its statuses
run 0 node_call "$n1" 'X = "a\"b", {X, [1,2,3], #{k => <<"v">>}}' &&
    out_is '{"a\"b",[1,2,3],#{k => <<"v">>}}' "a composite value"
run 0 node_call "$n1" 'lists:seq(1, 300)' && [ "$(wc -l <"$T/out")" = 1 ] ||
    fail "a long value is not on one line"
run 0 node_call "$n1" 'io:format("said~n"), done' && out_is $'said\ndone' "io"
run 2 node_call "$n1" 'erlang:error(boom)' && expect_err "raised error:boom"
run 2 node_call "$n1" 'foo(' && expect_err "syntax error"
run 1 node_call "nosuch_$$" 'ok' && expect_err "failed to connect"

# applications: a -> b -> c, top including inc, a crashing one, a library
mkotpapp "$L" c 1.0 && mkotpapp "$L" b 1.0 deps=c &&
    mkotpapp "$L" a 1.0 deps=b && mkotpapp "$L" inc 1.0 &&
    mkotpapp "$L" top 2.0 incl=inc && mkotpapp "$L" boom 1.0 crash &&
    mkotpapp "$L" lb 3.0 lib || finish
for d in "$L"/*/ebin; do
	run 0 node_call "$n1" "code:add_patha(\"$d\")" && out_is true "add_patha $d"
done
run 0 node_call "$n1" 'application:ensure_all_started(a)' &&
    out_is '{ok,[c,b,a]}' "ensure_all_started(a)"
log_is "$T/apps.log" "start c" "sup c" "start b" "sup b" "start a" "sup a"
run 0 node_call "$n1" 'application:ensure_all_started(top)' &&
    out_is '{ok,[top]}' "ensure_all_started(top)"
log_is "$T/apps.log" "start c" "sup c" "start b" "sup b" "start a" "sup a" \
    "start top" "sup top" "sup inc"
run 0 node_call "$n1" 'gen_server:call(a_srv, ping)' &&
    out_is '{a,"1.0"}' "a ping"
run 0 node_call "$n1" 'gen_server:call(inc_srv, ping)' &&
    out_is '{inc,"1.0"}' "inc ping"
run 0 node_call "$n1" \
    '{application:get_key(top, mod), whereis(inc_sup) /= undefined}' &&
    out_is '{{ok,{top_app,[]}},true}' "top's mod and inc_sup"
run 0 node_call "$n1" 'application:stop(a)' && out_is ok "stop a"
run 0 node_call "$n1" 'application:start(boom)' &&
    out_is '{error,{{crashed_on_purpose,boom},{boom_app,start,[normal,[]]}}}' \
        "start boom"
log_is "$T/apps.log" "start c" "sup c" "start b" "sup b" "start a" "sup a" \
    "start top" "sup top" "sup inc" "stop a" "start boom"
run 0 node_call "$n1" '{code:is_loaded(a_lazy), code:is_loaded(lb_lazy)}' &&
    out_is '{false,false}' "lazy modules loaded early"
run 0 node_call "$n1" '{a_lazy:hello(), lb_lazy:hello()}' &&
    out_is '{{a,"1.0",lazy},{lb,"3.0",lazy}}' "lazy hello"
run 0 node_call "$n1" 'application:load(lb), application:get_all_key(lb)' &&
    grep -q '{modules,\[lb_lazy\]}' "$T/out" && grep -q '{mod,\[\]}' "$T/out" ||
    fail "lb keys: $(cat "$T/out")"

# the second node has its own applications and its own log
run 0 node_call "$n2" "code:add_patha(\"$L/c-1.0/ebin\")" &&
    run 0 node_call "$n2" 'application:start(c)' && out_is ok "start c on n2"
log_is "$T/n2.log" "start c" "sup c"
run 0 node_call "$n2" 'whereis(a_sup)' && out_is undefined "a_sup on n2"

# a frozen node: node_call gives up in bounded time, then works again
node_freeze "$n2"
start=$SECONDS
NODE_TIMEOUT=2 run 1 node_call "$n2" 'ok' && expect_err "no answer in 2 s"
[ $((SECONDS - start)) -le 5 ] ||
    fail "node_call on a frozen node took $((SECONDS - start)) s"
node_thaw "$n2"
run 0 node_call "$n2" 'ok' && out_is ok "thawed n2"

# node_register, node_stop
export ERLRC_ROOT=$T/etc
node_register "$n1" && [ "$(stat -c %a "$ERLRC_ROOT/nodes/$n1")" = 600 ] &&
    [ "$(head -n 1 "$ERLRC_ROOT/nodes/$n1")" = "$(cat "$(node_cookie)")" ] ||
    fail "node_register $n1"
node_register loose 0644 &&
    [ "$(stat -c %a "$ERLRC_ROOT/nodes/loose")" = 644 ] ||
    fail "node_register loose 0644"
pid=$(node_pid "$n2")
run 0 node_stop "$n2"
! kill -0 "$pid" 2>/dev/null || fail "$n2 still runs after node_stop"
node_pid "$n2" >/dev/null && fail "node_pid $n2 after node_stop"
run 0 epmd -port "$ERL_EPMD_PORT" -names && ! grep -q "^name $n2 " "$T/out" ||
    fail "epmd still lists $n2"
run 1 node_call "$n2" 'ok'

# cleanup: a test that exits 1, one killed with TERM, one interrupted (INT),
# one with KEEP_T leave no node, no epmd and (but the last) no $T behind
cat >"$T/child.sh" <<'EOF'
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
node_start "$1" || exit 3
echo "$T $(node_pid "$1") $ERL_EPMD_PORT $NODE_EPMD_PID" >"$2.tmp"
mv "$2.tmp" "$2"
[ "$3" = wait ] || exit 1
while :; do sleep 0.1; done
EOF
mkdir "$T/tmp"
i=0 child=
# a child still running when this test is killed is killed too
CLEANUP+='[ -z "$child" ] ||
    { kill -TERM "$child"; wait "$child"; } 2>/dev/null;'
for how in exit TERM INT KEEP_T; do
	i=$((i + 1))
	name=child${i}_$$ info=$T/child$i.info log=$T/child$i.log
	mode=wait want=1 keep=
	case $how in
	exit) mode=exit ;;
	KEEP_T) mode=exit keep=1 ;;
	TERM) want=143 ;;
	INT) want=130 ;;
	esac
	# job control, so that the background child does not ignore INT
	set -m
	KEEP_T=$keep TMPDIR=$T/tmp bash "$T/child.sh" "$name" "$info" "$mode" \
	    >"$log" 2>&1 &
	child=$!
	set +m
	for ((w = 0; w < 400; w++)); do
		[ ! -e "$info" ] && kill -0 "$child" 2>/dev/null || break
		sleep 0.1
	done
	[ -e "$info" ] || kill -TERM "$child" 2>/dev/null
	[ "$mode" = exit ] || kill "-$how" "$child"
	wait "$child"
	st=$?
	child=
	[ "$st" -eq "$want" ] || {
		fail "child ($how) exited $st, expected $want"
		sed 's/^/  child: /' "$log"
	}
	read -r ct cpid cport cepmd <"$info" ||
	    { fail "child ($how) did not start"; continue; }
	! kill -0 "$cpid" 2>/dev/null || fail "child ($how) left its node $cpid"
	! kill -0 "$cepmd" 2>/dev/null || fail "child ($how) left its epmd $cepmd"
	ps -eo pid=,args= >"$T/ps"
	! grep -Eq -- "-sname $name( |\$)" "$T/ps" ||
	    fail "child ($how) left a process: $(grep -- "$name" "$T/ps")"
	! grep -Eq -- "epmd -port $cport\$" "$T/ps" ||
	    fail "child ($how) left an epmd"
	run 1 epmd -port "$cport" -names
	if [ -n "$keep" ]; then
		[ -d "$ct" ] || fail "child ($how) did not keep its \$T"
		rm -rf "$ct"
	else
		[ ! -e "$ct" ] || fail "child ($how) left its \$T $ct"
	fi
done
finish
