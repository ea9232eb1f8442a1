# SPDX-License-Identifier: GPL-2.0-or-later
# boot-dry-run - erlrc-boot --dry-run, the built binary, on real OTP
# applications and on constructed library directories.
. "$ERLRC_TOP/tests/lib.sh"
boot=$ERLRC_BIN/erlrc-boot
export ERLRC_ROOT=$T/etc ERLRC_STATE=$T/state
unset DPKG_ROOT
mkdir -p "$ERLRC_ROOT/applications" "$ERLRC_STATE"

# mkapp DIR NAME VSN [KEY-VALUE TEXT]: write DIR/NAME-VSN/ebin/NAME.app
mkapp() {
	mkdir -p "$1/$2-$3/ebin"
	printf '{application, %s, [{vsn, "%s"}, {description, "test"}%s]}.\n' \
	    "$2" "$3" "${4:+, $4}" >"$1/$2-$3/ebin/$2.app"
}
register() { for a; do : >"$ERLRC_ROOT/applications/$a"; done; }
unregister() { rm -f "$ERLRC_ROOT"/applications/*; }

# usage
run 0 "$boot" --help && grep -q '^usage: erlrc-boot' "$T/out" ||
    fail "--help prints no usage on stdout"
run 2 "$boot" --dry-run --frobnicate && expect_err "Try 'erlrc-boot --help'"
run 2 "$boot" --dry-run extra && expect_err "unexpected argument 'extra'"
run 2 "$boot" --dry-run --lib-dir lib &&
    expect_err "--lib-dir 'lib': expected an absolute path, as the node is given it"

# nothing registered: nothing to do
run 0 "$boot" --dry-run && [ ! -s "$T/out" ] ||
    fail "output with nothing registered"
expect_err "no application is registered"

# real OTP applications: ssl and what it needs, in order
register ssl
run 0 "$boot" --dry-run --lib-dir /usr/lib/erlang/lib
cut -d' ' -f1 "$T/out" | tr '\n' ' ' >"$T/names"
[ "$(cat "$T/names")" = "kernel stdlib crypto asn1 public_key ssl " ] ||
    fail "ssl order: $(cat "$T/names")"
grep -Eq '^ssl [0-9.]+ /usr/lib/erlang/lib/ssl-[0-9.]+$' "$T/out" ||
    fail "ssl line is not NAME VSN DIR: $(grep ^ssl "$T/out")"
cp "$T/out" "$T/first"
run 0 "$boot" --dry-run --lib-dir /usr/lib/erlang/lib
cmp -s "$T/out" "$T/first" || fail "two runs gave different orders"

# the configured lib_dirs, under DPKG_ROOT; an unknown key is an error
L=$T/lib
mkapp "$L" base 1.0
mkapp "$L" top 2.0 '{applications, [mid]}, {included_applications, [inc]}'
mkapp "$L" mid 1.0 '{applications, [base]}'
mkapp "$L" inc 1.0 '{applications, [dep]}'
mkapp "$L" dep 1.0
mkapp "$L" user 1.0 '{applications, [top]}'
unregister
register user
mkdir -p "$T/root/opt"
ln -s "$L" "$T/root/opt/lib"
printf 'lib_dirs:\n  - /opt/lib\n' >"$ERLRC_ROOT/erlrc.yaml"
DPKG_ROOT=$T/root run 0 "$boot" --dry-run &&
    [ "$(cut -d' ' -f1 "$T/out" | tr '\n' ' ')" = "base mid dep top user " ] ||
    fail "included order: $(cut -d' ' -f1 "$T/out" | tr '\n' ' ')"
printf 'lib_dirs:\n  - /opt/lib\nlibdirs: []\n' >"$ERLRC_ROOT/erlrc.yaml"
DPKG_ROOT=$T/root run 2 "$boot" --dry-run &&
    expect_err "erlrc.yaml:3:1: .*libdirs"
rm "$ERLRC_ROOT/erlrc.yaml"

# the highest version, as the code server chooses it
mkapp "$L" base 1.10
mkapp "$L" base 1.9
register base
run 0 "$boot" --dry-run --lib-dir "$L" &&
    grep -qx "base 1.10 $L/base-1.10" "$T/out" ||
    fail "base 1.10 not chosen: $(grep ^base "$T/out")"

# erlrc's own copies are not: the installed version is what boots, even
# when erlrc still holds a higher one (a downgrade while a node was down)
mkapp "$ERLRC_STATE/lib" base 3.0
run 0 "$boot" --dry-run --lib-dir "$L" &&
    grep -qx "base 1.10 $L/base-1.10" "$T/out" ||
    fail "erlrc's own copy chosen: $(grep ^base "$T/out")"
rm -r "$ERLRC_STATE/lib"

# errors: each is exit 2 and names what is wrong
unregister
mkapp "$L" cy1 1.0 '{applications, [cy2]}'
mkapp "$L" cy2 1.0 '{applications, [cy1]}'
register cy1
run 2 "$boot" --dry-run --lib-dir "$L" &&
    expect_err "cycle in application dependencies: cy1 -> cy2 -> cy1"
unregister
# registered, not installed: its package removed but not purged (dpkg
# keeps the registration file, a conffile); the others still start
mkapp "$L" kept 1.0 ''
register nosuch kept
run 0 "$boot" --dry-run --lib-dir "$L" &&
    expect_err "'nosuch' is registered but not installed" &&
    grep -q "^kept 1.0 " "$T/out" || fail "kept not in the order"
unregister
register nosuch
run 0 "$boot" --dry-run --lib-dir "$L" &&
    expect_err "no registered application is installed: nothing to start"
unregister
mkapp "$L" broken 1.0 '{vsn, 1}'
register broken
run 2 "$boot" --dry-run --lib-dir "$L" &&
    expect_err "broken-1.0/ebin/broken.app:1:[0-9]+: key 'vsn' given twice"
unregister
mkapp "$L" both 1.0 '{applications, [inc]}'
register both top
run 2 "$boot" --dry-run --lib-dir "$L" &&
    expect_err "'inc' is a dependency of 'both' and included by 'top'"
unregister

# the registry: dpkg leftovers are ignored; a bad entry is left out with
# a warning naming it, and every other application is dealt with
register base
: >"$ERLRC_ROOT/applications/base.dpkg-new"
run 0 "$boot" --dry-run --lib-dir "$L"
cp "$T/out" "$T/good"
: >"$ERLRC_ROOT/applications/Bad-Name"
: >"$ERLRC_ROOT/applications/end"
mkdir "$ERLRC_ROOT/applications/dir"
run 0 "$boot" --dry-run --lib-dir "$L" &&
    expect_err "^erlrc-boot: warning: $ERLRC_ROOT/applications/Bad-Name: 'Bad-Name' is not an application name erlrc accepts: .*: left out, as if not registered\$" &&
    expect_err "applications/end: 'end' is not an application name erlrc accepts: it is a reserved word of Erlang" &&
    expect_err "applications/dir: is a directory, expected an empty file: left out"
cmp -s "$T/out" "$T/good" || fail "a bad entry changed the order: $(cat "$T/out")"
rmdir "$ERLRC_ROOT/applications/dir"
unregister

# a failed write on stdout is exit 2
register base
"$boot" --dry-run --lib-dir "$L" >/dev/full 2>"$T/err"
[ $? -eq 2 ] || fail "a write error on stdout did not exit 2"
expect_err "write error"
finish
