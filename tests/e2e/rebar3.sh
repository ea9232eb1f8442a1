# SPDX-License-Identifier: GPL-2.0-or-later
# rebar3 - the path of a new user: a project made by Debian's rebar3
# ("rebar3 new app", a test dependency in debian/control), compiled, its
# _build/default/lib/APP made into a package by makeappdeb with a spec
# that gives only the maintainer, checked by lintian, installed by the
# real dpkg in a sandbox root and running on a live node.  Its copyright
# file comes from the .app's licenses (rebar3's LICENSE is not in _build).
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/sandbox.sh"
command -v rebar3 >/dev/null ||
    { fail "rebar3 is not installed (a test dependency in debian/control)"; finish; }
n=rebar3_$$

# rebar3 writes its cache under HOME: the test's own
(
	cd "$T" && export HOME=$T/home && mkdir -p "$HOME" &&
	    rebar3 new app name=myapp && cd myapp && rebar3 compile
) >"$T/rebar3.log" 2>&1 ||
    { fail "rebar3: $(tail -n 5 "$T/rebar3.log")"; finish; }
app=$T/myapp/_build/default/lib/myapp
printf 'maintainer: A Developer <dev@example.org>\n' >"$T/spec.yaml"
run 0 "$ERLRC_BIN/makeappdeb" -o "$T" -s "$T/spec.yaml" "$app" || finish
deb=$(cat "$T/out")
[ "$deb" = "$T/erlang-myapp_0.1.0_all.deb" ] || fail "package: $deb"
dpkg-deb --fsys-tarfile "$deb" |
    tar -xOf - ./usr/share/doc/erlang-myapp/copyright >"$T/copyright"
grep -qx 'License: Apache-2.0' "$T/copyright" &&
    grep -qx ' /usr/share/common-licenses/Apache-2.0.' "$T/copyright" ||
    fail "copyright: $(cat "$T/copyright")"
if command -v lintian >/dev/null; then
	run 0 lintian --fail-on error,warning "$deb" ||
	    fail "lintian: $(cat "$T/out")"
else
	echo "SKIP: lintian (not installed)"
fi

# installed: it starts on the node, from erlrc's copy
node_start "$n" || finish
N=$NODE_FULL
sandbox_register "$n"
run 0 sdpkg -i "$deb" && expect_err "node '$N': started myapp 0.1.0"
[ "$(node_call "$n" 'is_pid(whereis(myapp_sup))')" = true ] ||
    fail "myapp_sup does not run"
run 0 sdpkg -P erlang-myapp && expect_err "node '$N': stopped myapp 0.1.0"
finish
