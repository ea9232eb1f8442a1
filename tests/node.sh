# SPDX-License-Identifier: GPL-2.0-or-later
# node.sh - throwaway Erlang nodes for the functional tests (DESIGN.md §10).
# Sourced after lib.sh, never run:
#	. "$ERLRC_TOP/tests/lib.sh"
#	. "$ERLRC_TOP/tests/node.sh"
#
# Sourcing it (the test exits 77, i.e. SKIP, when erl, epmd or erl_call is
# missing; ERL_CALL may name erl_call):
#   - exports HOME=$T/home, with its own random .erlang.cookie (mode 0400);
#   - starts a private epmd on a free random port in 20000-59999 and exports
#     ERL_EPMD_PORT (libei, hence erlrc's programs, honours it too);
#   - exports ERLRC_TEST_LOG=$T/apps.log, the file the applications made by
#     otpapp.sh log to (change it before node_start to have another one);
#   - unsets ERL_FLAGS, ERL_AFLAGS, ERL_ZFLAGS and ERL_LIBS;
#   - makes the exit trap (also on INT, TERM and HUP) kill every node still
#     running (kill -CONT, kill -KILL, wait), then epmd, before lib.sh
#     removes $T (or keeps it, with KEEP_T).
# A node inherits the test's environment as it is at node_start, except that
# HOME is always the scratch one. Use a unique node name, such as n1_$$.
#
# node_start NAME [ERL-ARG...]
#	Run `erl -sname NAME -noshell -noinput -start_epmd false ERL-ARG...`
#	in the background (cwd $T, stdin /dev/null, output to $T/NAME.log,
#	crash dump to $T/NAME.crashdump) and wait, 30 s at most, until
#	init:get_status() on it says {started,started}. Sets NODE_FULL to the
#	node's full name, NAME@<short host name>. On failure: calls fail with
#	the tail of the log, kills the node, returns 1; so write
#	`node_start n1_$$ || finish`. Call it directly, not in $(...) or a
#	pipeline, since it records the node's pid in this shell.
# node_call NAME EXPR
#	Evaluate EXPR (an expression or a comma sequence of them; the final
#	'.' is optional) on node NAME with erl_call, independently of erlrc,
#	and print its value on stdout as Erlang text: ~tp on a single line,
#	after anything EXPR itself printed with io. Returns 0; 1 if the node
#	cannot be reached or does not answer within $NODE_TIMEOUT seconds
#	(default 30; e.g. `NODE_TIMEOUT=2 node_call ...`); 2 if EXPR does not
#	parse or raises. The reason for 1 or 2 goes to stderr. With
#	NODE_ADDRESS=PORT it reaches the node at that port, without epmd.
# node_is NAME EXPR WANT
#	node_call NAME EXPR prints WANT; else calls fail, naming EXPR and what
#	it gave, and returns 1.
# node_stop NAME
#	init:stop() the node and wait 20 s at most for its process to end;
#	if it does not, kill it and return 1.
# node_freeze NAME, node_thaw NAME
#	kill -STOP, kill -CONT the node (its beam.smp process).
# node_pid NAME
#	Print the node's OS pid; return 1 if node_start did not start it.
# node_port NAME
#	Print the node's distribution port, as epmd knows it.
# node_epmd_kill, node_epmd_start
#	Kill the private epmd; start it again on the same port (the nodes
#	that ran do not register with it again, as in OTP).
# node_cookie
#	Print the path of the cookie file (for erlrc's --cookie-file).
# node_register NAME [MODE]
#	Write $ERLRC_ROOT/nodes/NAME, whose first line is the cookie, with
#	mode MODE (default 0600).

for node__tool in erl epmd; do
	command -v "$node__tool" >/dev/null ||
	    { echo "SKIP: $node__tool is not installed"; exit 77; }
done
if [ -z "${ERL_CALL:-}" ]; then
	for node__tool in /usr/lib/erlang/lib/erl_interface-*/bin/erl_call; do
		[ -x "$node__tool" ] && ERL_CALL=$node__tool
	done
fi
[ -n "${ERL_CALL:-}" ] || { echo "SKIP: erl_call is not installed"; exit 77; }
unset node__tool ERL_FLAGS ERL_AFLAGS ERL_ZFLAGS ERL_LIBS

declare -A NODE_PIDS=()	# node name -> pid of its beam.smp
NODE_FULL=
NODE_EPMD_PID=

NODE_HOME=$T/home
mkdir -m 0700 "$NODE_HOME"
export HOME=$NODE_HOME
node__c=$(od -An -N16 -tx1 /dev/urandom) || { echo "no /dev/urandom"; exit 1; }
node__c=${node__c//[[:space:]]/}
(umask 0377 && printf '%s' "${node__c^^}" >"$NODE_HOME/.erlang.cookie") ||
    { echo "cannot write the cookie"; exit 1; }
unset node__c
export ERLRC_TEST_LOG=$T/apps.log

# node__kill NAME: kill the node for good and forget it.
node__kill() {
	local pid=${NODE_PIDS[$1]:-}
	[ -n "$pid" ] || return 0
	{
		kill -CONT "$pid"
		kill -KILL "$pid"
		wait "$pid"
	} 2>/dev/null
	unset "NODE_PIDS[$1]"
}

node__cleanup() {
	local name
	for name in "${!NODE_PIDS[@]}"; do
		node__kill "$name"
	done
	if [ -n "$NODE_EPMD_PID" ]; then
		{
			kill -KILL "$NODE_EPMD_PID"
			wait "$NODE_EPMD_PID"
		} 2>/dev/null
		NODE_EPMD_PID=
	fi
}
CLEANUP+="node__cleanup;"
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port is one where no epmd answers and where ours stays up: epmd
# -port P exits at once, silently and with status 0, if P is taken.
node__epmd() {
	local try i port
	for ((try = 0; try < 20; try++)); do
		port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		! epmd -port "$port" -names >/dev/null 2>&1 || continue
		epmd -port "$port" </dev/null >"$T/epmd.log" 2>&1 &
		NODE_EPMD_PID=$!	# at once, for node__cleanup
		for ((i = 0; i < 50; i++)); do
			kill -0 "$NODE_EPMD_PID" 2>/dev/null || break
			if epmd -port "$port" -names >/dev/null 2>&1; then
				sleep 0.1
				kill -0 "$NODE_EPMD_PID" 2>/dev/null || break
				export ERL_EPMD_PORT=$port
				return 0
			fi
			sleep 0.1
		done
		{ kill -KILL "$NODE_EPMD_PID"; wait "$NODE_EPMD_PID"; } 2>/dev/null
		NODE_EPMD_PID=
	done
	return 1
}
node__epmd || { echo "cannot start a private epmd"; exit 1; }

node_call() {
	local name=$1 expr=$2 out err st res to=(-sname "$1")
	[ -z "${NODE_ADDRESS:-}" ] || to=(-address "$NODE_ADDRESS")
	out=$T/.node_call.$BASHPID.out
	err=$T/.node_call.$BASHPID.err
	expr=${expr%"${expr##*[![:space:]]}"}
	expr=${expr%.}
	{
		HOME=$NODE_HOME "$ERL_CALL" "${to[@]}" \
		    -h "node_call_${BASHPID}_$RANDOM" \
		    -timeout "${NODE_TIMEOUT:-30}" -fetch_stdout -e \
		    >"$out" 2>"$err" <<-EOF
		try begin
		$expr
		end of NodeCallV__ ->
		    io:format("~9999999tp~n", [NodeCallV__]), node_call_ok
		catch NodeCallC__:NodeCallR__ ->
		    io:format("~tp:~9999999tp~n", [NodeCallC__, NodeCallR__]),
		    node_call_raised
		end.
		EOF
		st=$?
	} 2>/dev/null
	if [ "$st" -ne 0 ]; then
		if [ "$st" -eq 142 ]; then
			echo "node_call $name: no answer in ${NODE_TIMEOUT:-30} s" >&2
		else
			echo "node_call $name: erl_call exited $st: $(cat "$err")" >&2
		fi
		rm -f "$out" "$err"
		return 1
	fi
	# stdout: what EXPR and we printed, then erl_call's {ok, Result},
	# without a final newline.
	res=$(cat "$out")
	rm -f "$out" "$err"
	case $res in
	*$'\n{ok, node_call_ok}')
		printf '%s\n' "${res%$'\n'*}"
		return 0 ;;
	*$'\n{ok, node_call_raised}')
		res=${res%$'\n'*}
		echo "node_call $name: raised ${res##*$'\n'}" >&2 ;;
	*)
		echo "node_call $name: $res" >&2 ;;
	esac
	return 2
}

node_start() {
	local name=$1 pid deadline st
	shift
	[ -z "${NODE_PIDS[$name]:-}" ] ||
	    { fail "node_start $name: already started"; return 1; }
	(
		cd "$T" || exit 1
		export HOME=$NODE_HOME ERL_CRASH_DUMP=$T/$name.crashdump
		exec erl -sname "$name" -noshell -noinput -start_epmd false "$@"
	) </dev/null >"$T/$name.log" 2>&1 &
	pid=$!
	NODE_PIDS[$name]=$pid
	deadline=$((SECONDS + 30))
	while :; do
		if ! kill -0 "$pid" 2>/dev/null; then
			fail "node $name exited while starting"
			break
		fi
		st=$(NODE_TIMEOUT=5 node_call "$name" 'init:get_status()' \
		    2>/dev/null)
		if [ "$st" = "{started,started}" ] &&
		    st=$(node_call "$name" 'atom_to_list(node())'); then
			st=${st#\"}
			NODE_FULL=${st%\"}
			return 0
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			fail "node $name did not start in 30 s"
			break
		fi
		sleep 0.2
	done
	tail -n 20 "$T/$name.log" | sed "s/^/  $name.log: /"
	node__kill "$name"
	return 1
}

node_is() {
	local got
	got=$(node_call "$1" "$2") || { fail "node_call $2"; return 1; }
	[ "$got" = "$3" ] || { fail "$2 is $got, expected $3"; return 1; }
}

node_stop() {
	local name=$1 pid=${NODE_PIDS[$1]:-} i
	[ -n "$pid" ] || { echo "node_stop $name: not started" >&2; return 1; }
	NODE_TIMEOUT=5 node_call "$name" 'init:stop()' >/dev/null
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "node_stop $name: still running after 20 s, killed" >&2
		node__kill "$name"
		return 1
	fi
	wait "$pid" 2>/dev/null
	unset "NODE_PIDS[$name]"
	return 0
}

node_pid() {
	[ -n "${NODE_PIDS[$1]:-}" ] || return 1
	echo "${NODE_PIDS[$1]}"
}

node_port() {
	local names
	names=$(epmd -port "$ERL_EPMD_PORT" -names 2>/dev/null) || return 1
	sed -n "s/^name $1 at port \([0-9]*\)\$/\1/p" <<<"$names"
}

node_epmd_kill() {
	[ -n "$NODE_EPMD_PID" ] || return 1
	{ kill -KILL "$NODE_EPMD_PID"; wait "$NODE_EPMD_PID"; } 2>/dev/null
	NODE_EPMD_PID=
}

node_epmd_start() {
	local i
	[ -z "$NODE_EPMD_PID" ] || return 1
	epmd -port "$ERL_EPMD_PORT" </dev/null >>"$T/epmd.log" 2>&1 &
	NODE_EPMD_PID=$!
	for ((i = 0; i < 50; i++)); do
		epmd -port "$ERL_EPMD_PORT" -names >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

node_freeze() {
	[ -n "${NODE_PIDS[$1]:-}" ] && kill -STOP "${NODE_PIDS[$1]}"
}

node_thaw() {
	[ -n "${NODE_PIDS[$1]:-}" ] && kill -CONT "${NODE_PIDS[$1]}"
}

node_cookie() {
	echo "$NODE_HOME/.erlang.cookie"
}

node_register() {
	local f=${ERLRC_ROOT:?node_register needs ERLRC_ROOT}/nodes/$1
	mkdir -p "${f%/*}" &&
	    (umask 0077 && printf '%s\n' "$(cat "$NODE_HOME/.erlang.cookie")" >"$f") &&
	    chmod "${2:-0600}" "$f"
}
