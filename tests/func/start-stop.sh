# SPDX-License-Identifier: GPL-2.0-or-later
# start-stop - erlrc-start and erlrc-stop, the built binaries, against real
# throwaway nodes: idempotency, erlrc's copies, failures and their statuses.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
start=$ERLRC_BIN/erlrc-start
stop=$ERLRC_BIN/erlrc-stop
export ERLRC_ROOT=$T/etc ERLRC_STATE=$T/state
unset DPKG_ROOT
L=$T/lib
mkdir -p "$ERLRC_ROOT/nodes" "$ERLRC_ROOT/applications" "$L"
# a, e and p are managed by erlrc (their packages would register them):
# they run from erlrc's copies; b and c, which a needs, are not
for a in a e p; do : >"$ERLRC_ROOT/applications/$a"; done
printf 'lib_dirs:\n  - %s\n  - /usr/lib/erlang/lib\n' "$L" \
    >"$ERLRC_ROOT/erlrc.yaml"

mkotpapp "$L" c 1.0 && mkotpapp "$L" b 1.0 deps=c &&
    mkotpapp "$L" a 1.0 deps=b && mkotpapp "$L" a 2.0 deps=b &&
    mkotpapp "$L" e 1.0 || finish
n1=n1_$$ n2=n2_$$
mkotpapp "$L" p 1.0 || finish
# p's package directory is in the node's code path from the start
node_start "$n1" -pa "$L/p-1.0/ebin" || finish
N1=$NODE_FULL
node_register "$n1"

# on_n1 EXPR WANT: the value of EXPR on n1 is WANT
on_n1() {
	local got
	got=$(node_call "$n1" "$1") || { fail "node_call $1"; return; }
	[ "$got" = "$2" ] || fail "on $n1: $1 is $got, expected $2"
}
# running NAME: the version of NAME that runs on n1, or "no"
running() {
	on_n1 "case lists:keyfind($1, 1, application:which_applications())
	    of {_, _, V} -> V; false -> no end" "$2"
}
log_is() {
	local got
	got=$(tr '\n' ' ' <"$ERLRC_TEST_LOG" 2>/dev/null)
	[ "$got" = "$1" ] || fail "applications log: '$got', expected '$1'"
}

# usage
run 0 "$start" --help && grep -q '^usage: erlrc-start' "$T/out" ||
    fail "erlrc-start --help"
run 0 "$stop" --help && grep -q '^usage: erlrc-stop' "$T/out" ||
    fail "erlrc-stop --help"
run 2 "$start" a && expect_err "expected an application and a version"
run 2 "$stop" a 1.0 extra && expect_err "expected an application"
run 2 "$start" --frobnicate a 1.0 && expect_err "Try 'erlrc-start --help'"
run 2 "$start" --timeout 0 a 1.0 && expect_err "--timeout '0'"
run 2 "$start" --timeout 0.0001 a 1.0 &&
    expect_err "--timeout '0.0001': expected at most 3 decimals \(milliseconds\), as in erlrc.yaml"
run 2 "$start" A-b 1.0 && expect_err "'A-b' is not an application name erlrc accepts"
run 2 "$stop" a ../x && expect_err "'../x' is not a version erlrc accepts"
run 2 "$start" a 9.9 && expect_err "a 9.9 is not installed"
# erlrc-configure, as a maintainer script runs it: the package versions
# are Debian versions, the old one too
conf=$ERLRC_BIN/erlrc-configure
run 2 "$conf" a 1.0 '1.0 x' && expect_err "version '1.0 x' has bad syntax"
run 2 "$conf" a 1.0 1.0-1 'old/1' &&
    expect_err "version 'old/1' has bad syntax"
run 2 "$conf" a 1.0 1.0-1 2.0 extra && expect_err "expected an application"
run 2 "$start" --cookie-file /dev/null a 1.0 &&
    expect_err "--cookie-file .*: give --node too"
[ ! -s "$T/out" ] || fail "output on stdout"

# start: the dependencies first, from where their packages put them (their
# packages do not call erlrc: a copy would freeze them), a from erlrc's
# copy; then again: nothing
run 0 "$start" a 1.0 && expect_err "node '$N1': started c 1.0" &&
    expect_err "started b 1.0" && expect_err "started a 1.0"
log_is "start c sup c start b sup b start a sup a "
running a '"1.0"'
on_n1 'code:lib_dir(a)' "\"$(copy_of a 1.0)\""
on_n1 'code:lib_dir(c)' "\"$L/c-1.0\""
on_n1 'code:lib_dir(b)' "\"$L/b-1.0\""
[ ! -e "$(copy_of b 1.0)" ] && [ ! -e "$(copy_of c 1.0)" ] ||
    fail "copies of b or c, which are not registered: $(ls "$ERLRC_STATE/lib")"
[ "$(stat -c %i "$L/a-1.0/ebin/a.app")" = \
    "$(stat -c %i "$(copy_of a 1.0)/ebin/a.app")" ] ||
    fail "erlrc's copy is not a hard link on the same file system"
# libei's trace, asked for in the environment, would print the handshake
EI_TRACELEVEL=5 run 0 "$start" a 1.0 &&
    expect_err "node '$N1': a 1.0 is already running"
! grep -Eiq "challenge|digest|ei_" "$T/out" "$T/err" ||
    fail "libei traced the handshake: $(cat "$T/out" "$T/err")"
log_is "start c sup c start b sup b start a sup a "
[ ! -s "$T/out" ] || fail "output on stdout"

# the package's directory in the code path is replaced by erlrc's copy
on_n1 'code:lib_dir(p)' "\"$L/p-1.0\""
run 0 "$start" p 1.0 && expect_err "started p 1.0"
on_n1 'code:lib_dir(p)' "\"$(copy_of p 1.0)\""
on_n1 "lists:member(\"$L/p-1.0/ebin\", code:get_path())" false

# another version runs: refused, saying what runs and what fixes it
run 1 "$start" a 2.0 &&
    expect_err "error: node '$N1': a 1.0 is running, not 2.0: 'erlrc-upgrade a 1.0 2.0'"

# the package's directory goes: a module not loaded yet still loads
on_n1 'code:is_loaded(a_lazy)' false
rm -rf "$L/a-1.0"
on_n1 'a_lazy:hello()' '{a,"1.0",lazy}'
on_n1 'code:which(a_lazy)' "\"$(copy_of a 1.0)/ebin/a_lazy.beam\""

# stop: stopped, purged, unloaded, path dropped, copy removed; then again.
# The copies an erlrc before content ids made of OTP's applications, which
# froze them (STATE/lib/crypto-VSN), go too once no node uses them
crypto=$(ls -d /usr/lib/erlang/lib/crypto-*) && crypto=${crypto##*/}
mkdir -p "$ERLRC_STATE/lib/$crypto/ebin"
run 0 "$stop" a 1.0 && expect_err "node '$N1': stopped a 1.0" &&
    expect_err "removed erlrc's copy of a 1.0" &&
    expect_err "removed erlrc's copy of crypto ${crypto#crypto-}: no node uses it"
[ ! -e "$ERLRC_STATE/lib/$crypto" ] || fail "the old copy of $crypto stayed"
running a no
running b '"1.0"'
on_n1 'code:is_loaded(a_lazy)' false
on_n1 'code:lib_dir(a)' '{error,bad_name}'
on_n1 'lists:keymember(a, 1, application:loaded_applications())' false
[ ! -e "$(copy_of a 1.0)" ] || fail "a's copy is still there"
on_n1 'code:lib_dir(b)' "\"$L/b-1.0\""
run 0 "$stop" a 1.0 && expect_err "node '$N1': a is not running"

# the copy is rebuilt from the package's directory
mkotpapp "$L" a 1.0 deps=b
run 0 "$start" a 1.0 && expect_err "started a 1.0"
[ -d "$(copy_of a 1.0)" ] || fail "no copy of a 1.0"

# --no-unload keeps the code, its path and the copy
run 0 "$stop" --no-unload a 1.0 && expect_err "stopped a 1.0"
running a no
on_n1 'code:is_loaded(a_sup) =/= false' true
on_n1 'code:lib_dir(a)' "\"$(copy_of a 1.0)\""
[ -d "$(copy_of a 1.0)" ] || fail "--no-unload removed the copy"
run 0 "$start" a 1.0 && expect_err "started a 1.0"
# ... but a later start of another version runs that version's code
run 0 "$stop" --no-unload a 1.0
run 0 "$start" a 2.0 && expect_err "started a 2.0"
on_n1 'gen_server:call(a_srv, ping)' '{a,"2.0"}'
on_n1 'code:which(a_sup)' "\"$(copy_of a 2.0)/ebin/a_sup.beam\""
run 0 "$stop" a 2.0 && run 0 "$start" a 1.0
on_n1 'gen_server:call(a_srv, ping)' '{a,"1.0"}'

# two registered nodes, one not running: a notice, the other acted on
node_register "$n2"
run 0 "$stop" a 1.0 &&
    expect_err "node 'n2_$$@[^']*' is not running.*nothing to stop" &&
    expect_err "node '$N1': stopped a 1.0"
# a node down does not keep a copy alive
[ ! -e "$(copy_of a 1.0)" ] || fail "a's copy kept for a node down"
run 0 "$start" a 1.0 && expect_err "node 'n2_$$@[^']*' is not running" &&
    expect_err "started a 1.0"
rm -f "$ERLRC_ROOT/nodes/$n2"

# a wrong cookie: status 1, the node named, no cookie printed
cookie=$(cat "$(node_cookie)")
printf 'WRONGCOOKIE\n' >"$T/wrong"
chmod 600 "$T/wrong"
run 1 "$start" --node "$n1" --cookie-file "$T/wrong" e 1.0 &&
    expect_err "error: node '$N1': connection refused: cookie rejected"
if grep -q -e WRONGCOOKIE -e "$cookie" "$T/err"; then
	fail "a cookie in the messages"
fi
running e no
# the registered node's cookie is wrong: the same
cp "$T/wrong" "$ERLRC_ROOT/nodes/$n1"
run 1 "$stop" e 1.0 && expect_err "error: node '$N1': connection refused"
node_register "$n1"

# a cookie file open to others: could not try, the file named
chmod 644 "$ERLRC_ROOT/nodes/$n1"
run 2 "$start" e 1.0 && expect_err "$ERLRC_ROOT/nodes/$n1: mode 0644"
chmod 644 "$T/wrong"
run 2 "$start" --node "$n1" --cookie-file "$T/wrong" e 1.0 &&
    expect_err "$T/wrong: mode 0644"
node_register "$n1"
run 2 "$start" --node nobody_$$ e 1.0 &&
    expect_err "node 'nobody_$$@[^']*' is not registered.*--cookie-file"

# a frozen node: status 1 within the timeout and a second; no cookie in ps
node_freeze "$n1"
t0=$(date +%s%N)
"$start" --timeout 2 e 1.0 >"$T/out" 2>"$T/err" &
pid=$!
sleep 0.5
ps -o args= -p "$pid" >"$T/ps" || fail "erlrc-start ended early"
grep -q "$cookie" "$T/ps" "/proc/$pid/environ" 2>/dev/null &&
    fail "the cookie is visible in ps or the environment"
wait "$pid"
st=$? t1=$(date +%s%N)
node_thaw "$n1"
[ "$st" -eq 1 ] || fail "frozen node: status $st, expected 1"
ms=$(((t1 - t0) / 1000000))
[ "$ms" -lt 3000 ] || fail "frozen node: gave up after $ms ms (timeout 2 s)"
expect_err "error: node '$N1': no answer within 2 s"
on_n1 'ok' ok

# the start type comes from erlrc.yaml: the global one, or the
# application's own
mkotpapp "$L" t1 1.0 && mkotpapp "$L" t2 1.0 || finish
printf 'lib_dirs:\n  - %s\n  - /usr/lib/erlang/lib\nstart_type: transient
applications:\n  t2:\n    start_type: permanent\n' "$L" \
    >"$ERLRC_ROOT/erlrc.yaml"
run 0 "$start" t1 1.0 && run 0 "$start" t2 1.0 && run 0 "$start" b 1.0
on_n1 'lists:sort([{A, T} || {A, T} <- proplists:get_value(started,
    application:info()), lists:member(A, [t1, t2, b])])' \
    '[{b,temporary},{t1,transient},{t2,permanent}]'
printf 'lib_dirs:\n  - %s\n  - /usr/lib/erlang/lib\n' "$L" \
    >"$ERLRC_ROOT/erlrc.yaml"

# five at once on one node: all succeed, serialised by the lock
for i in 1 2 3 4 5; do
	"$start" e 1.0 >"$T/out.$i" 2>"$T/err.$i" &
	pids[$i]=$!
done
for i in 1 2 3 4 5; do
	wait "${pids[$i]}" || fail "concurrent erlrc-start $i: status $?"
done
[ "$(cat "$T"/err.? | grep -c "started e 1.0")" -eq 1 ] ||
    fail "e started $(cat "$T"/err.? | grep -c "started e 1.0") times"
[ "$(cat "$T"/err.? | grep -c "already running")" -eq 4 ] ||
    fail "not 4 'already running'"
running e '"1.0"'

# another run holds the lock for too long: could not try, the lock named
printf 'lib_dirs:\n  - %s\n  - /usr/lib/erlang/lib\nlock_timeout: 0.5\n' \
    "$L" >"$ERLRC_ROOT/erlrc.yaml"
flock "$ERLRC_STATE/lock" sleep 3 &
lockpid=$!
sleep 0.3
run 2 "$stop" e 1.0 && expect_err "another erlrc run.*$ERLRC_STATE/lock"
running e '"1.0"'
wait "$lockpid"

# an embedded node loads nothing on demand: every module of the
# application and of what it needs is loaded when it starts
node_start emb_$$ -mode embedded || finish
run 0 "$start" --node emb_$$ --cookie-file "$(node_cookie)" a 1.0 &&
    expect_err "started c 1.0" && expect_err "started a 1.0"
got=$(node_call emb_$$ '[code:is_loaded(M) =/= false || M <- [a_lazy, c_lazy]]')
[ "$got" = "[true,true]" ] || fail "embedded: modules loaded: $got"
got=$(node_call emb_$$ 'a_lazy:hello()')
[ "$got" = '{a,"1.0",lazy}' ] || fail "embedded: a_lazy:hello() is $got"

# DPKG_ROOT: the registry, settings and state under it
R=$T/root
mkdir -p "$R/etc/erlrc.d/nodes" "$R/etc/erlrc.d/applications" &&
    : >"$R/etc/erlrc.d/applications/e"
cp -p "$ERLRC_ROOT/nodes/$n1" "$R/etc/erlrc.d/nodes/"
printf 'lib_dirs:\n  - /lib\n  - /usr/lib/erlang/lib\n' \
    >"$R/etc/erlrc.d/erlrc.yaml"
ln -s "$L" "$R/lib"
ln -s /usr "$R/usr"
(
	fails=0
	unset ERLRC_ROOT ERLRC_STATE
	export DPKG_ROOT=$R
	run 0 "$stop" e 1.0 && expect_err "stopped e 1.0"
	run 0 "$start" e 1.0 && expect_err "started e 1.0"
	[ -d "$(copy_of e 1.0 "$R/var/lib/erlrc")" ] || fail "no copy under DPKG_ROOT"
	finish
) || fails=$((fails + 1))

finish
