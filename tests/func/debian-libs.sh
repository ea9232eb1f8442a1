# SPDX-License-Identifier: GPL-2.0-or-later
# debian-libs - an application that needs Debian's own Erlang library
# packages (erlang-p1-tls, erlang-p1-yaml, installed by the suite from
# Debian's archive as test dependencies in debian/control): their
# directories are not named after the applications they hold (fast_tls.app
# is in p1_tls-1.1.16/), their packages do not call erlrc, and they load
# native code.  erlrc-start, erlrc-boot and makeappdeb find them by their
# .app, start them from where dpkg put them (never a copy, which a dpkg
# update would not reach), and the native code works.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
OTP=/usr/lib/erlang/lib
for p in erlang-p1-tls erlang-p1-yaml erlang-p1-utils erlang-jiffy; do
	dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' ||
	    { fail "$p is not installed (a test dependency in debian/control)"; finish; }
done
tlsdir=$(dpkg -L erlang-p1-tls | grep '/ebin/fast_tls.app$')
tlsdir=${tlsdir%/ebin/fast_tls.app}
yamldir=$(dpkg -L erlang-p1-yaml | grep '/ebin/fast_yaml.app$')
yamldir=${yamldir%/ebin/fast_yaml.app}
case ${tlsdir##*/} in
fast_tls*) fail "erlang-p1-tls installs fast_tls in $tlsdir: this test needs a directory not named after it" ;;
esac
tlsvsn=$(sed -n 's/.*{vsn, *"\([^"]*\)"}.*/\1/p' "$tlsdir/ebin/fast_tls.app")

sandbox_libdir
register() { for a; do : >"$ERLRC_ROOT/applications/$a"; done; }
mkotpapp "$L" web 1.0 deps=fast_tls,fast_yaml || finish
register web
n=deblibs_$$
node_start "$n" || finish
N=$NODE_FULL
node_register "$n"

# found by their .app, started in order, from where dpkg put them
run 0 "$ERLRC_BIN/erlrc-start" web 1.0 &&
    expect_err "node '$N': started p1_utils " &&
    expect_err "node '$N': started fast_tls $tlsvsn" &&
    expect_err "node '$N': started fast_yaml " &&
    expect_err "node '$N': started web 1.0"
[ "$(node_call "$n" 'code:which(fast_tls)')" = "\"$tlsdir/ebin/fast_tls.beam\"" ] ||
    fail "fast_tls runs from $(node_call "$n" 'code:which(fast_tls)')"
[ "$(node_call "$n" 'code:which(fast_yaml)')" = "\"$yamldir/ebin/fast_yaml.beam\"" ] ||
    fail "fast_yaml runs from $(node_call "$n" 'code:which(fast_yaml)')"
[ "$(node_call "$n" 'code:lib_dir(web)')" = "\"$(copy_of web 1.0)\"" ] ||
    fail "web runs from $(node_call "$n" 'code:lib_dir(web)')"
# their native code loads and works
[ "$(node_call "$n" 'fast_yaml:decode(<<"a: 1">>)')" = '{ok,[[{<<"a">>,1}]]}' ] ||
    fail "fast_yaml:decode: $(node_call "$n" 'fast_yaml:decode(<<"a: 1">>)')"
[ "$(node_call "$n" 'p1_sha:sha(<<"abc">>)')" = '<<"a9993e364706816aba3e25717850c26c9cd0d89d">>' ] ||
    fail "p1_sha:sha: $(node_call "$n" 'p1_sha:sha(<<"abc">>)')"
# only the application erlrc manages is copied
for d in "$ERLRC_STATE/lib/"*; do
	case ${d##*/} in
	web-1.0+*) ;;
	*) fail "a copy of what erlrc does not manage: $d" ;;
	esac
done

# erlrc-boot after a restart: the same
node_stop "$n"
node_start "$n" || finish
run 0 "$ERLRC_BIN/erlrc-boot" --wait 10 &&
    expect_err "node '$N': started fast_tls $tlsvsn" &&
    expect_err "node '$N': started web 1.0"
[ "$(node_call "$n" 'code:which(fast_tls)')" = "\"$tlsdir/ebin/fast_tls.beam\"" ] ||
    fail "boot: fast_tls runs from $(node_call "$n" 'code:which(fast_tls)')"

# makeappdeb: Depends on the packages that hold them, not on made-up ones
printf 'maintainer: T <t@example.org>\ndescription: web test application\ncopyright: %s\n' \
    "$ERLRC_TOP/examples/COPYING" >"$T/spec.yaml"
run 0 "$ERLRC_BIN/makeappdeb" -o "$T" -s "$T/spec.yaml" -L "$OTP" \
    "$L/web-1.0" || finish
deps=$(dpkg-deb -f "$(cat "$T/out")" Depends)
case $deps in
*erlang-p1-tls*erlang-p1-yaml*|*erlang-p1-yaml*erlang-p1-tls*) ;;
*) fail "makeappdeb's Depends: $deps" ;;
esac
case $deps in
*erlang-fast-tls*|*erlang-fast-yaml*) fail "Depends on no package: $deps" ;;
esac
# at least the versions built against, without their Debian revisions
for p in erlang-p1-tls erlang-p1-yaml; do
	v=$(dpkg-query -W -f='${Version}' "$p")
	case ", $deps," in
	*", $p (>= $(deb_upstream "$v")),"*) ;;
	*) fail "makeappdeb's Depends: $deps (no $p (>= $(deb_upstream "$v")))" ;;
	esac
done

# a package name Debian has: refused, with how to name it otherwise; a
# prefix, or the spec's name with replaces (Replaces and Breaks)
jiffydir=$(dpkg -L erlang-jiffy | grep '/ebin/jiffy.app$')
jiffydir=${jiffydir%/ebin/jiffy.app}
jiffyver=$(dpkg-query -W -f='${Version}' erlang-jiffy)
run 2 "$ERLRC_BIN/makeappdeb" -o "$T" -s "$T/spec.yaml" "$jiffydir" &&
    expect_err "error: the package name erlang-jiffy is taken: dpkg's database knows erlang-jiffy $jiffyver, which is not an erlrc package.*--prefix.*'package:' in the spec.*'replaces'"
mkdir -p "$T/released"
run 0 "$ERLRC_BIN/makeappdeb" -o "$T/released" -s "$T/spec.yaml" \
    -p local-erlang- "$jiffydir" && case $(cat "$T/out") in
    "$T"/released/local-erlang-jiffy_*.deb) ;;
    *) fail "--prefix: $(cat "$T/out")" ;;
    esac
localjiffy=$(dpkg-deb -f "$(cat "$T/out")" Version)
{ cat "$T/spec.yaml" && printf 'package: erlang-jiffy\nversion: %s+local1\nreplaces:\n  - erlang-jiffy (<< %s+local1)\n' \
    "$jiffyver" "$jiffyver"; } >"$T/mine.yaml"
run 0 "$ERLRC_BIN/makeappdeb" -o "$T" -s "$T/mine.yaml" "$jiffydir" || finish
deb=$(cat "$T/out")
[ "$(dpkg-deb -f "$deb" Replaces)" = "erlang-jiffy (<< $jiffyver+local1)" ] &&
    [ "$(dpkg-deb -f "$deb" Breaks)" = "erlang-jiffy (<< $jiffyver+local1)" ] ||
    fail "replaces: Replaces $(dpkg-deb -f "$deb" Replaces), Breaks $(dpkg-deb -f "$deb" Breaks)"

# makereldeb: a release of them pins the packages that hold them
erts=$(erl -noshell -eval 'io:put_chars(erlang:system_info(version)), halt().')
kernel=$(erl -noshell -eval 'application:load(kernel), {ok, V} = application:get_key(kernel, vsn), io:put_chars(V), halt().')
stdlib=$(erl -noshell -eval 'application:load(stdlib), {ok, V} = application:get_key(stdlib, vsn), io:put_chars(V), halt().')
printf '{release, {"site", "1"}, {erts, "%s"},\n [{kernel, "%s"}, {stdlib, "%s"}, {fast_tls, "%s"}]}.\n' \
    "$erts" "$kernel" "$stdlib" "$tlsvsn" >"$T/site.rel"
printf 'maintainer: T <t@example.org>\ncopyright: %s\n' "$ERLRC_TOP/examples/COPYING" >"$T/rel.yaml"
run 0 "$ERLRC_BIN/makereldeb" -o "$T" -s "$T/rel.yaml" "$T/site.rel" || finish
deps=$(dpkg-deb -f "$(cat "$T/out")" Depends)
pkgver=$(dpkg-query -W -f='${Version}' erlang-p1-tls)
case $deps in
*"erlang-p1-tls (= $pkgver)"*) ;;
*) fail "makereldeb's Depends: $deps" ;;
esac

# a release made with its own package of jiffy: Debian's erlang-jiffy,
# installed here and first in the library directories, holds jiffy too,
# but the release pins the package it is released with
jiffyvsn=${jiffydir##*/jiffy-}
printf '{release, {"site", "2"}, {erts, "%s"},\n [{kernel, "%s"}, {stdlib, "%s"}, {jiffy, "%s"}]}.\n' \
    "$erts" "$kernel" "$stdlib" "$jiffyvsn" >"$T/site2.rel"
run 0 "$ERLRC_BIN/makereldeb" -o "$T" -s "$T/rel.yaml" "$T/site2.rel" &&
    case $(dpkg-deb -f "$(cat "$T/out")" Depends) in
    *"erlang-jiffy (= $jiffyver)"*) ;;
    *) fail "without --debs: $(dpkg-deb -f "$(cat "$T/out")" Depends)" ;;
    esac
# every pin must be one of those packages or known to apt (which knows
# none in the tests): erlang-base is neither
base=$(dpkg-query -W -f='${Version}' erlang-base)
run 2 "$ERLRC_BIN/makereldeb" -o "$T" -s "$T/rel.yaml" -d "$T/released" \
    "$T/site2.rel" &&
    expect_err "site2.rel: the release would depend on erlang-base \\(= $(printf '%s' "$base" | sed 's/[.+]/\\&/g')\\), which is neither among the packages given with --debs nor known to apt"
run 0 "$ERLRC_BIN/makereldeb" -o "$T" -s "$T/rel.yaml" -d "$T/released" \
    --no-apt "$T/site2.rel" || finish
deps=$(dpkg-deb -f "$(cat "$T/out")" Depends)
case $deps in
*"local-erlang-jiffy (= $localjiffy)"*) ;;
*) fail "with --debs: $deps" ;;
esac
case $deps in
*", erlang-jiffy ("*) fail "with --debs, Debian's erlang-jiffy pinned: $deps" ;;
esac
finish
