# SPDX-License-Identifier: GPL-2.0-or-later
# makereldeb - the built program on releases of OTP's own applications and
# the example ones: files, control fields, the pins and where each comes
# from, the postinst, reproducibility, lintian, and every input error.
. "$ERLRC_TOP/tests/lib.sh"
mk=$ERLRC_BIN/makereldeb
EX=$ERLRC_BUILD/examples/lib
OTP=/usr/lib/erlang/lib
unset DEBEMAIL DEBFULLNAME SOURCE_DATE_EPOCH
O=$T/out.d
mkdir -p "$O"
export DEBEMAIL='erlrc tests <erlrc@example.org>'

field() { dpkg-deb -f "$1" "$2"; }
# ere S: S as a grep -E pattern that matches it literally
ere() { printf '%s' "$1" | sed 's/[][\\.*^$+?(){}|]/\\&/g'; }
nothing_left() {
	[ -z "$(ls -A "$1")" ] || fail "left in $1: $(ls -A "$1")"
}
otp() { local d; d=$(ls -d /usr/lib/erlang/"$1"/"$2"-*) && echo "${d##*-}"; }
erts=$(otp . erts) kernel=$(otp lib kernel) stdlib=$(otp lib stdlib)
base=$(dpkg-query -W -f='${Version}' erlang-base)
ver=$(sed -n 's/^VERSION = //p' "$ERLRC_TOP/config.mk")
# rel FILE NAME VSN [ERTS] [MORE-APPS]: a .rel with kernel, stdlib and
# sensor 3.0, and a copyright file beside it
rel() {
	mkdir -p "${1%/*}" && cp "$ERLRC_TOP/examples/COPYING" "${1%/*}/" &&
	    printf '{release, {"%s", "%s"}, {erts, "%s"},\n [{kernel, "%s"}, {stdlib, "%s"},\n  {sensor, "3.0"}%s]}.\n' \
	    "$2" "$3" "${4:-$erts}" "$kernel" "$stdlib" "${5:-}" >"$1"
}
# spec FILE LINE...: a spec file of those lines
spec() { local f=$1; shift; printf '%s\n' "$@" >"$f"; }

# usage
run 0 "$mk" --help && grep -q '^usage: makereldeb' "$T/out" ||
    fail "--help prints no usage"
run 2 "$mk" && expect_err "expected one release file"
run 2 "$mk" --frobnicate x
run 2 "$mk" a.rel b.rel

# a release of OTP's kernel and stdlib and the example sensor
rel "$T/r/fleet.rel" fleet 1
run 0 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/fleet.rel" || finish
deb=$(cat "$T/out")
[ "$deb" = "$O/fleet_1_all.deb" ] || fail "printed '$deb'"
[ "$(field "$deb" Package) $(field "$deb" Version) $(field "$deb" Architecture)" = \
    "fleet 1 all" ] || fail "fields: $(dpkg-deb -f "$deb")"
# erts, kernel and stdlib are erlang-base's, pinned at its version; sensor
# is in no package: the default name at its vsn
[ "$(field "$deb" Depends)" = \
    "erlrc (>= $ver), erlang-base (= $base), erlang-sensor (= 3.0)" ] ||
    fail "Depends: $(field "$deb" Depends)"
[ "$(field "$deb" Maintainer)" = "erlrc tests <erlrc@example.org>" ] ||
    fail "Maintainer: $(field "$deb" Maintainer)"
field "$deb" Description | head -n 1 | grep -qx 'Erlang/OTP release fleet 1' ||
    fail "Description: $(field "$deb" Description)"
dpkg-deb -c "$deb" | awk '{print $1, $2, $6}' >"$T/list"
grep -qx -- '-rw-r--r-- root/root ./usr/share/erlrc/releases/fleet/1/fleet.rel' \
    "$T/list" || fail "no fleet.rel: $(cat "$T/list")"
grep -q 'usr/share/doc/fleet/copyright$' "$T/list" || fail "no copyright"
rm -rf "$T/x" && dpkg-deb -x "$deb" "$T/x" &&
    cmp -s "$T/x/usr/share/erlrc/releases/fleet/1/fleet.rel" "$T/r/fleet.rel" ||
    fail "the .rel shipped is not the .rel"
dpkg-deb -e "$deb" "$T/ctl"
[ "$(ls "$T/ctl" | tr '\n' ' ')" = "control md5sums postinst " ] ||
    fail "control files: $(ls "$T/ctl")"
grep -qx "erlrc_rel='/usr/share/erlrc/releases/fleet/1/fleet.rel'" \
    "$T/ctl/postinst" && grep -q 'erlrc-check --warn -- "${DPKG_ROOT:-}$erlrc_rel" || :' \
    "$T/ctl/postinst" || fail "postinst: $(cat "$T/ctl/postinst")"
sh -n "$T/ctl/postinst" || fail "postinst does not parse"
ls -A "$O" | grep -q '^\.' && fail "left in $O: $(ls -A "$O")"

# the postinst: every action dpkg may give, erlrc-check found on PATH
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "check $*" >>"%s"\nexit 1\n' "$T/calls" >"$T/bin/erlrc-check"
chmod 755 "$T/bin/erlrc-check"
for a in configure abort-upgrade abort-remove abort-deconfigure triggered; do
	: >"$T/calls"
	PATH=$T/bin:$PATH DPKG_ROOT=/root.d run 0 sh "$T/ctl/postinst" "$a" 1 ||
	    continue
	want=
	[ "$a" != configure ] ||
	    want="check --warn -- /root.d/usr/share/erlrc/releases/fleet/1/fleet.rel"
	[ "$(cat "$T/calls")" = "$want" ] || fail "postinst $a ran: $(cat "$T/calls")"
	[ ! -s "$T/out" ] || fail "postinst $a printed on stdout"
done
run 1 sh "$T/ctl/postinst" bogus

# lintian: no error, no warning
if command -v lintian >/dev/null; then
	run 0 lintian --fail-on error,warning "$deb"
else
	echo "SKIP: lintian (not installed)"
fi

# the same inputs give the same bytes; SOURCE_DATE_EPOCH dates everything
mkdir -p "$T/again"
run 0 "$mk" -o "$T/again" -L "$OTP" -L "$EX" "$T/r/fleet.rel" &&
    cmp -s "$deb" "$T/again/fleet_1_all.deb" || fail "not reproducible"
SOURCE_DATE_EPOCH=86400 run 0 "$mk" -o "$T/again" -L "$OTP" -L "$EX" \
    "$T/r/fleet.rel"
dpkg-deb -c "$T/again/fleet_1_all.deb" | grep -qv ' 1970-01-02 ' &&
    fail "SOURCE_DATE_EPOCH: $(dpkg-deb -c "$T/again/fleet_1_all.deb")"
SOURCE_DATE_EPOCH=soon run 2 "$mk" -o "$T/again" "$T/r/fleet.rel"

# the spec: name, version, the package of an application, its relation
spec "$T/s.yaml" 'package: fleet-os' 'version: 1:1.0-2' \
    'maintainer: Jane Doe <jane@example.org>' \
    'description: |' '  the fleet' '  All of it.' 'copyright: c/LICENSE' \
    'depends: [libc6]' 'applications:' '  sensor:' '    package: sensor-app' \
    '    version: "= 3.0-7"' '  kernel:' '    package: erlang-base'
mkdir -p "$T/c" && cp "$ERLRC_TOP/examples/COPYING" "$T/c/LICENSE"
run 0 "$mk" -o "$O" -s "$T/s.yaml" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
deb=$O/fleet-os_1.0-2_all.deb
[ "$(cat "$T/out")" = "$deb" ] || fail "printed $(cat "$T/out")"
[ "$(field "$deb" Version) $(field "$deb" Maintainer)" = \
    "1:1.0-2 Jane Doe <jane@example.org>" ] || fail "$(dpkg-deb -f "$deb")"
[ "$(field "$deb" Depends)" = \
    "erlrc (>= $ver), erlang-base (= $base), sensor-app (= 3.0-7), libc6" ] ||
    fail "Depends from the spec: $(field "$deb" Depends)"
dpkg-deb -c "$deb" | grep -q 'usr/share/doc/fleet-os/changelog.Debian.gz$' ||
    fail "no changelog.Debian.gz"
field "$deb" Description | grep -qx ' All of it.' ||
    fail "Description: $(field "$deb" Description)"

# another dpkg database: nothing owns erts there, an error unless the
# spec tells; kernel and stdlib get their default names
mkdir -p "$T/admin/info" "$T/admin/updates" && : >"$T/admin/status"
run 2 "$mk" -o "$O" --admindir "$T/admin" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "/usr/lib/erlang/erts-$erts/bin/erlexec is in no installed package"
spec "$T/erts.yaml" 'applications:' '  erts:' '    package: erlang-base' \
    "    version: \"= $base\""
run 0 "$mk" -o "$O" -s "$T/erts.yaml" --admindir "$T/admin" -L "$OTP" \
    -L "$EX" "$T/r/fleet.rel"
[ "$(field "$O/fleet_1_all.deb" Depends)" = \
    "erlrc (>= $ver), erlang-base (= $base), erlang-kernel (= $kernel), erlang-stdlib (= $stdlib), erlang-sensor (= 3.0)" ] ||
    fail "Depends without owners: $(field "$O/fleet_1_all.deb" Depends)"

# a default name from a release name
rel "$T/r/My_Fleet.rel" My_Fleet 2
run 0 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/My_Fleet.rel" &&
    [ "$(cat "$T/out")" = "$O/my-fleet_2_all.deb" ] ||
    fail "default name: $(cat "$T/out")"
# a rebar3 layout: DIR/NAME, its .app at the release's vsn
mkdir -p "$T/rebar" && cp -r "$EX/sensor-3.0" "$T/rebar/sensor"
run 0 "$mk" -o "$O" -L "$OTP" -L "$T/rebar" "$T/r/fleet.rel"
# a release's own tree, ROOT/releases/VSN/NAME.rel: OTP's, then ROOT/lib
mkdir -p "$T/rel/lib" && cp -r "$EX/sensor-3.0" "$OTP/kernel-$kernel" "$T/rel/lib/" &&
    rel "$T/rel/releases/1/fleet.rel" fleet 1
cd "$T/rel" && run 0 "$mk" -o "$O" releases/1/fleet.rel
cd "$T" || finish
[ "$(field "$O/fleet_1_all.deb" Depends)" = \
    "erlrc (>= $ver), erlang-base (= $base), erlang-sensor (= 3.0)" ] ||
    fail "Depends in a release's tree: $(field "$O/fleet_1_all.deb" Depends)"

# errors: status 2, a message naming the file, nothing written
rm -rf "$O" && mkdir -p "$O"
run 2 "$mk" -o "$O" -L "$OTP" "$T/r/fleet.rel"
expect_err "^makereldeb: error: $T/r/fleet.rel: sensor-3.0 is in none of the library directories \\($OTP\\): give"
run 2 "$mk" -o "$O" -L "$EX" "$T/r/fleet.rel"
expect_err "erts-$erts is beside none of the library directories"
rel "$T/r/fleet.rel" fleet 1 99.1
run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "erts-99.1 is beside none of"
rel "$T/r/fleet.rel" fleet v1
run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "fleet.rel: the release's vsn cannot be the package's Version \\(give one with 'version:' in the spec\\)"
rel "$T/r/fleet.rel" f 1
run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "'f' is not a valid Debian package name"
# what erlrc would refuse on the host: a reserved word, a version with '/'
rel "$T/r/fleet.rel" fleet 1 "" ", {'end', \"1.0\"}"
run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "fleet.rel: erlrc could not run this release: 'end' is not an application name erlrc accepts: it is a reserved word of Erlang"
rel "$T/r/fleet.rel" fleet 1 "" ", {other, \"1.0/x\"}"
run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "fleet.rel: erlrc could not run this release: '1.0/x' is not a version erlrc accepts"
rel "$T/r/fleet.rel" fleet 1
spec "$T/start.yaml" 'maintainer: A <a@example.org>' 'start: false'
run 2 "$mk" -o "$O" -s "$T/start.yaml" -L "$OTP" -L "$EX" "$T/r/fleet.rel" &&
    expect_err "$T/start.yaml: 'start' is for makeappdeb: a release package has no use for it"
spec "$T/two.yaml" 'applications:' '  kernel:' '    version: "= 1.0"'
run 2 "$mk" -o "$O" -s "$T/two.yaml" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "fleet.rel: kernel $kernel needs erlang-base \\(= 1.0\\), another application of the release erlang-base \\(= $(ere "$base")\\)"
# an erts of no package (rebar3 copies one into a release's tree)
mkdir -p "$T/rel/erts-$erts/bin" && : >"$T/rel/erts-$erts/bin/erlexec"
run 2 "$mk" -o "$O" -L "$T/rel/lib" "$T/r/fleet.rel"
expect_err "fleet.rel: $T/rel/erts-$erts/bin/erlexec is in no installed package: give the package of erts $erts and its version in the spec's 'applications'"
# an application directory at the wrong vsn
mkdir -p "$T/bad" && cp -r "$EX/sensor-2.0" "$T/bad/sensor-3.0"
run 2 "$mk" -o "$O" -L "$OTP" -L "$T/bad" "$T/r/fleet.rel"
expect_err "$T/bad/sensor-3.0/ebin/sensor.app has vsn \"2.0\", not the release's \"3.0\""
# a vsn that is no Debian version, in no package
mkdir -p "$T/odd/sensor-x3/ebin" && cp "$EX"/sensor-3.0/ebin/* "$T/odd/sensor-x3/ebin/" &&
    sed -i 's/{vsn, *"3.0"}/{vsn, "x3"}/' "$T/odd/sensor-x3/ebin/sensor.app"
rel "$T/r/odd.rel" odd 1 "" ', {sensorlog, "1.0"}'
sed -i 's/{sensor, "3.0"}/{sensor, "x3"}/' "$T/r/odd.rel"
run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" -L "$T/odd" "$T/r/odd.rel"
expect_err "odd.rel: sensor x3 is in no installed package and its vsn is no package version"
# a .rel that is not one
printf '{release, {"fleet", "1"}, {erts, "%s"}, [{kernel, "%s"}]}.\n' \
    "$erts" "$kernel" >"$T/r/bad.rel"
run 2 "$mk" -o "$O" "$T/r/bad.rel"
expect_err "^makereldeb: error: $T/r/bad.rel:"
printf '{release, {"fleet", "1"},\n  [}.\n' >"$T/r/bad.rel"
run 2 "$mk" -o "$O" "$T/r/bad.rel"
expect_err "^makereldeb: error: $T/r/bad.rel:2:"
run 2 "$mk" -o "$O" "$T/r/missing.rel"
expect_err "missing.rel"
# no copyright
rel "$T/nolicense/fleet.rel" fleet 1 && rm "$T/nolicense/COPYING"
run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/nolicense/fleet.rel"
expect_err "no copyright file"
# a bad spec: the line and column
spec "$T/bad.yaml" 'package: fleet' 'colour: blue'
run 2 "$mk" -o "$O" -s "$T/bad.yaml" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
expect_err "bad.yaml:2:1"
# no maintainer known
DEBEMAIL= run 2 "$mk" -o "$O" -L "$OTP" -L "$EX" "$T/r/fleet.rel"
nothing_left "$O"
finish
