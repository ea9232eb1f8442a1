# SPDX-License-Identifier: GPL-2.0-or-later
# makeappdeb - the built program on the example applications and on broken
# copies of them: files, control fields, Depends, reproducibility, lintian.
. "$ERLRC_TOP/tests/lib.sh"
mk=$ERLRC_BIN/makeappdeb
EX=$ERLRC_BUILD/examples/lib
SPEC=$ERLRC_TOP/examples/sensor/package.yaml
unset DEBEMAIL DEBFULLNAME SOURCE_DATE_EPOCH
O=$T/out.d
mkdir -p "$O"

# field DEB NAME: a control field of DEB
field() { dpkg-deb -f "$1" "$2"; }
# nothing_left DIR: no .deb, no staging directory, no temporary file
nothing_left() {
	[ -z "$(ls -A "$1")" ] || fail "left in $1: $(ls -A "$1")"
}
# app NAME VSN [APP-TERMS]: a copy of sensor 2.0 renamed, in $T/src
app() {
	local d=$T/src/$1-$2
	rm -rf "$d" && mkdir -p "$d" && cp -r "$EX/sensor-2.0/ebin" "$d/" &&
	    rm "$d/ebin/sensor.app" &&
	    printf '{application, %s, [{vsn, "%s"}, {description, "a test"}, {modules, [sensor_srv]}%s]}.\n' \
	    "$1" "$2" "${3:+, $3}" >"$d/ebin/$1.app" && cp "$ERLRC_TOP/examples/COPYING" "$d/"
}

# usage
run 0 "$mk" --help && grep -q '^usage: makeappdeb' "$T/out" ||
    fail "--help prints no usage"
run 2 "$mk" && expect_err "expected one application directory"
run 2 "$mk" --frobnicate x

# the example: files, fields, scripts
run 0 "$mk" -o "$O" -s "$SPEC" "$EX/sensor-3.0" || finish
deb=$(cat "$T/out")
[ "$deb" = "$O/erlang-sensor_3.0_all.deb" ] || fail "printed '$deb'"
[ "$(field "$deb" Package) $(field "$deb" Version) $(field "$deb" Architecture)" = \
    "erlang-sensor 3.0 all" ] || fail "fields: $(dpkg-deb -f "$deb")"
[ "$(field "$deb" Maintainer)" = "erlrc developers <erlrc@example.org>" ] ||
    fail "Maintainer: $(field "$deb" Maintainer)"
ver=$(sed -n 's/^VERSION = //p' "$ERLRC_TOP/config.mk")
base=$(dpkg-query -W -f='${Version}' erlang-base)
abi=$(erlang_abi)
[ -n "$abi" ] || fail "the machine's erlang-base provides no erlang-abi"
# erts is found in erlang-base: at least the version built against,
# without its Debian revision, and the erlang-abi it provides; sensorlog
# is not installed, so no version
[ "$(field "$deb" Depends)" = \
    "erlrc (>= $ver), erlang-base (>= $(deb_upstream "$base")), erlang-abi (= $abi), erlang-sensorlog" ] ||
    fail "Depends: $(field "$deb" Depends)"
dpkg-deb -c "$deb" | awk '{print $1, $2, $6}' >"$T/list"
grep -qx -- '-rw-r--r-- root/root ./usr/lib/erlang/lib/sensor-3.0/ebin/sensor_srv.beam' \
    "$T/list" || fail "no sensor_srv.beam: $(cat "$T/list")"
grep -qx -- '-rw-r--r-- root/root ./etc/erlrc.d/applications/sensor' "$T/list" ||
    fail "no registration file"
grep -q 'usr/share/doc/erlang-sensor/changelog.gz$' "$T/list" ||
    fail "no changelog.gz"
[ "$(dpkg-deb -I "$deb" conffiles)" = /etc/erlrc.d/applications/sensor ] ||
    fail "conffiles: $(dpkg-deb -I "$deb" conffiles)"
[ -z "$(dpkg-deb --fsys-tarfile "$deb" |
    tar -xOf - ./etc/erlrc.d/applications/sensor)" ] ||
    fail "the registration is not empty"
# start: false in the spec: the registration says so, and why
mkdir -p "$T/held" && sed "s|^copyright: .*|copyright: $ERLRC_TOP/examples/COPYING|" \
    "$SPEC" >"$T/held.yaml" && echo 'start: false' >>"$T/held.yaml"
run 0 "$mk" -o "$T/held" -s "$T/held.yaml" "$EX/sensor-3.0" &&
    dpkg-deb --fsys-tarfile "$(cat "$T/out")" |
    tar -xOf - ./etc/erlrc.d/applications/sensor >"$T/reg"
grep -qx 'start: false' "$T/reg" && grep -q '^# erlrc(7): sensor is installed' \
    "$T/reg" || fail "registration with start: false: $(cat "$T/reg")"
dpkg-deb -I "$deb" postinst >"$T/postinst"
grep -qx "erlrc_vsn='3.0'" "$T/postinst" &&
    grep -q 'erlrc-configure -- "$erlrc_app" "$erlrc_vsn" "$erlrc_version" "$2"' \
    "$T/postinst" || fail "postinst: $(cat "$T/postinst")"
sh -n "$T/postinst" || fail "postinst does not parse"
ls -A "$O" | grep -q '^\.' && fail "left in $O: $(ls -A "$O")"

# lintian: no error, no warning
if command -v lintian >/dev/null; then
	lintian --fail-on error,warning "$deb" >"$T/lintian" 2>&1 ||
	    fail "lintian: $(cat "$T/lintian")"
else
	fail "lintian is not installed (debian/control lists it)"
fi

# reproducible: the same inputs give the same bytes, with and without
# SOURCE_DATE_EPOCH; another date gives another package
mkdir -p "$T/again" "$T/dated" "$T/dated2"
run 0 "$mk" -o "$T/again" -s "$SPEC" "$EX/sensor-3.0"
cmp -s "$deb" "$T/again/erlang-sensor_3.0_all.deb" || fail "not reproducible"
SOURCE_DATE_EPOCH=1700000000 run 0 "$mk" -o "$T/dated" -s "$SPEC" \
    "$EX/sensor-3.0"
sleep 1
SOURCE_DATE_EPOCH=1700000000 run 0 "$mk" -o "$T/dated2" -s "$SPEC" \
    "$EX/sensor-3.0"
cmp -s "$T/dated/erlang-sensor_3.0_all.deb" \
    "$T/dated2/erlang-sensor_3.0_all.deb" ||
    fail "not reproducible with SOURCE_DATE_EPOCH"
cmp -s "$deb" "$T/dated/erlang-sensor_3.0_all.deb" &&
    fail "SOURCE_DATE_EPOCH changed nothing"
SOURCE_DATE_EPOCH=soon run 2 "$mk" -o "$T/dated" "$EX/sensor-3.0" &&
    expect_err "SOURCE_DATE_EPOCH 'soon' is not a number"

# a Debian revision: changelog.Debian.gz, and lintian still clean
printf 'version: 2.0-1\ncopyright: %s/examples/COPYING\n' "$ERLRC_TOP" \
    >"$T/rev.yaml"
DEBEMAIL="Ann Example <ann@example.org>" run 0 "$mk" -o "$O" \
    -s "$T/rev.yaml" "$EX/sensor-2.0"
deb=$O/erlang-sensor_2.0-1_all.deb
[ "$(field "$deb" Maintainer)" = "Ann Example <ann@example.org>" ] ||
    fail "Maintainer from DEBEMAIL: $(field "$deb" Maintainer)"
dpkg-deb -c "$deb" >"$T/list"
grep -q 'changelog.Debian.gz$' "$T/list" || fail "no changelog.Debian.gz"
# a first revision closes no ITP bug: not a Debian upload (makeappdeb(1))
lintian --fail-on error,warning --suppress-tags initial-upload-closes-no-bugs \
    "$deb" >"$T/lintian" 2>&1 || fail "lintian on 2.0-1: $(cat "$T/lintian")"
DEBFULLNAME="Ann Example" DEBEMAIL=ann@example.org run 0 "$mk" -o "$T/again" \
    -s "$T/rev.yaml" "$EX/sensor-2.0"
[ "$(field "$T/again/erlang-sensor_2.0-1_all.deb" Maintainer)" = \
    "Ann Example <ann@example.org>" ] || fail "DEBFULLNAME and DEBEMAIL"
run 2 "$mk" -o "$T/again" -s "$T/rev.yaml" "$EX/sensor-2.0" &&
    expect_err "no maintainer"
rm -f "$O"/*.deb

# bad input: status 2, the file named, nothing written
app odd 2.0_rc1
DEBEMAIL="A <a@example.org>" run 2 "$mk" -o "$O" "$T/src/odd-2.0_rc1" &&
    expect_err "odd.app: the application's vsn cannot be the package's Version.*2.0_rc1"
printf 'version: 2.0~rc1\n' >"$T/odd.yaml"
DEBEMAIL="A <a@example.org>" run 0 "$mk" -o "$O" -s "$T/odd.yaml" \
    "$T/src/odd-2.0_rc1" &&
    [ -e "$O/erlang-odd_2.0~rc1_all.deb" ] || fail "spec version not used"
rm -f "$O"/*.deb
app miss 1.0 && sed -i 's/\[sensor_srv\]/[sensor_srv, gone]/' \
    "$T/src/miss-1.0/ebin/miss.app"
DEBEMAIL="A <a@example.org>" run 2 "$mk" -o "$O" "$T/src/miss-1.0" &&
    expect_err "miss.app lists module 'gone', but there is no .*/gone.beam"
app nolicense 1.0 && rm "$T/src/nolicense-1.0/COPYING"
DEBEMAIL="A <a@example.org>" run 2 "$mk" -o "$O" "$T/src/nolicense-1.0" &&
    expect_err "no copyright file"
printf 'maintainer: A <a@example.org>\nfrobnicate: 1\n' >"$T/bad.yaml"
run 2 "$mk" -o "$O" -s "$T/bad.yaml" "$T/src/miss-1.0" &&
    expect_err "bad.yaml:2:1: "
app cr 1.0 && sed -i 's/"a test"/"a\\rtest"/' "$T/src/cr-1.0/ebin/cr.app"
DEBEMAIL="A <a@example.org>" run 2 "$mk" -o "$O" "$T/src/cr-1.0" &&
    expect_err "is no synopsis .*no control characters"
# the synopsis from the .app: no leading article, no final full stop, as
# lintian wants it (description-synopsis-starts-with-article,
# synopsis-is-a-sentence); the spec's as written
app syn 1.0
for c in "A traffic sensor.|traffic sensor" "An ELF reader|ELF reader" \
    "THE  sensor log|sensor log" "the end.|end" "Wait for it...|Wait for it..." \
    "Another app.|Another app" "Theory of things|Theory of things" \
    "a test|test" "Ends in a dot..|Ends in a dot.."; do
	sed -i "s/{description, \"[^\"]*\"}/{description, \"${c%%|*}\"}/" \
	    "$T/src/syn-1.0/ebin/syn.app"
	DEBEMAIL="A <a@example.org>" run 0 "$mk" -o "$O" "$T/src/syn-1.0" &&
	    [ "$(field "$O/erlang-syn_1.0_all.deb" Description | head -n 1)" = \
	    "${c#*|}" ] ||
	    fail "'${c%%|*}': synopsis $(field "$O/erlang-syn_1.0_all.deb" Description | head -n 1)"
done
sed -i 's/{description, "[^"]*"}/{description, "A traffic sensor."}/' \
    "$T/src/syn-1.0/ebin/syn.app"
DEBEMAIL="A <a@example.org>" run 0 "$mk" -o "$O" "$T/src/syn-1.0" &&
    lintian --fail-on error,warning,info "$O/erlang-syn_1.0_all.deb" \
    >"$T/lintian" 2>&1 || fail "lintian on 'A traffic sensor.': $(cat "$T/lintian")"
printf 'description: A traffic sensor.\ncopyright: %s/examples/COPYING\n' \
    "$ERLRC_TOP" >"$T/syn.yaml"
DEBEMAIL="A <a@example.org>" run 0 "$mk" -o "$O" -s "$T/syn.yaml" \
    "$T/src/syn-1.0" &&
    [ "$(field "$O/erlang-syn_1.0_all.deb" Description | head -n 1)" = \
    "A traffic sensor." ] ||
    fail "the spec's synopsis: $(field "$O/erlang-syn_1.0_all.deb" Description | head -n 1)"
rm -f "$O"/*.deb
app big_App 1.0
DEBEMAIL="A <a@example.org>" run 0 "$mk" -o "$O" "$T/src/big_App-1.0" &&
    [ -e "$O/erlang-big-app_1.0_all.deb" ] || fail "default package name"
rm -f "$O"/*.deb
run 2 "$mk" -o "$T/nosuchdir" -s "$SPEC" "$EX/sensor-3.0"
run 2 "$mk" -o "$O" -s "$SPEC" "$T/nosuchdir"
nothing_left "$O"

# Depends: dpkg's database, runtime_dependencies, the spec
app deps 1.0 '{applications, [kernel, stdlib, ssl, sensorlog]}, {runtime_dependencies, ["stdlib-3.0", "sensorlog-1.0", "ssl-1.0"]}'
ssl=$(dpkg-query -W -f='${Version}' erlang-ssl)
DEBEMAIL="A <a@example.org>" run 0 "$mk" -o "$O" "$T/src/deps-1.0" &&
    [ "$(field "$O/erlang-deps_1.0_all.deb" Depends)" = \
    "erlrc (>= $ver), erlang-base (>= $base), erlang-abi (= $abi), erlang-ssl (>= $ssl), erlang-sensorlog (>= 1.0)" ] ||
    fail "Depends: $(field "$O/erlang-deps_1.0_all.deb" Depends)"
printf 'maintainer: A <a@example.org>\ndepends: [libfoo1]\napplications:\n  sensorlog:\n    package: sensor-log\n    version: ">= 1.0-2"\n' \
    >"$T/deps.yaml"
run 0 "$mk" -o "$T/again" -s "$T/deps.yaml" "$T/src/deps-1.0" &&
    [ "$(field "$T/again/erlang-deps_1.0_all.deb" Depends)" = \
    "erlrc (>= $ver), erlang-base (>= $base), erlang-abi (= $abi), erlang-ssl (>= $ssl), sensor-log (>= 1.0-2), libfoo1" ] ||
    fail "Depends with a spec: $(field "$T/again/erlang-deps_1.0_all.deb" Depends)"
rm -f "$O"/*.deb
app old 1.0 '{applications, [kernel, stdlib]}, {runtime_dependencies, ["stdlib-99.0"]}'
DEBEMAIL="A <a@example.org>" run 2 "$mk" -o "$O" "$T/src/old-1.0" &&
    expect_err "old needs stdlib-99.0 \(runtime_dependencies\), but .*stdlib-[0-9.]+ is"

# priv/ with an ELF file: the machine's architecture; include/ when asked
app native 1.0 && mkdir -p "$T/src/native-1.0/priv" "$T/src/native-1.0/include" &&
    cp /bin/true "$T/src/native-1.0/priv/helper" &&
    echo '-define(X, 1).' >"$T/src/native-1.0/include/native.hrl"
DEBEMAIL="A <a@example.org>" run 0 "$mk" -i -o "$O" "$T/src/native-1.0"
arch=$(dpkg --print-architecture)
deb=$O/erlang-native_1.0_$arch.deb
[ "$(field "$deb" Architecture)" = "$arch" ] || fail "ELF: not $arch"
dpkg-deb -c "$deb" >"$T/list"
grep -q -- '-rwxr-xr-x .*priv/helper$' "$T/list" || fail "priv/helper"
grep -q 'include/native.hrl$' "$T/list" || fail "include/ not shipped"
rm -r "$T/src/native-1.0/include"
DEBEMAIL="A <a@example.org>" run 2 "$mk" -i -o "$T/again" "$T/src/native-1.0" &&
    expect_err "include/ asked for"
rm -f "$O"/*.deb

# --appup-from: written from the .beams, unless the application ships one
run 0 "$mk" -o "$O" -s "$SPEC" -a "$EX/sensor-1.0" "$EX/sensor-2.0"
mkdir "$T/x" && dpkg-deb -x "$O/erlang-sensor_2.0_all.deb" "$T/x"
up=$T/x/usr/lib/erlang/lib/sensor-2.0/ebin/sensor.appup
"$ERLRC_BIN/erlrc-makeappup" sensor "$EX/sensor-1.0" "$EX/sensor-2.0" \
    >"$T/made.appup" || fail "erlrc-makeappup failed"
[ -f "$up" ] && grep -v '^%' "$up" | cmp -s - <(grep -v '^%' "$T/made.appup") ||
    fail "the appup shipped is not erlrc-makeappup's"
cp -r "$EX/sensor-2.0" "$T/src/shipped" &&
    cp "$ERLRC_TOP/examples/sensor/appups/2.0.appup" "$T/src/shipped/ebin/sensor.appup"
run 0 "$mk" -o "$T/again" -s "$SPEC" -a "$EX/sensor-1.0" "$T/src/shipped"
rm -rf "$T/x" && mkdir "$T/x" && dpkg-deb -x "$T/again/erlang-sensor_2.0_all.deb" "$T/x"
cmp -s "$up" "$ERLRC_TOP/examples/sensor/appups/2.0.appup" ||
    fail "the shipped appup was not kept"
printf '{"2.0", [{"1.0", [frob]}], []}.\n' >"$T/src/shipped/ebin/sensor.appup"
run 2 "$mk" -o "$T/again" -s "$SPEC" "$T/src/shipped" &&
    expect_err "sensor.appup:1"
# an appup of another version than the application's: OTP refuses it
printf '{"3.0", [{"1.0", []}], [{"1.0", []}]}.\n' \
    >"$T/src/shipped/ebin/sensor.appup"
run 2 "$mk" -o "$T/again" -s "$SPEC" "$T/src/shipped" &&
    expect_err "sensor.appup: the appup is of version \"3.0\", but it is shipped with version \"2.0\""
finish
