# SPDX-License-Identifier: GPL-2.0-or-later
# makebasedeb - the built program: the node package's files, fields,
# unit (systemd-analyze verify) and scripts, no cookie inside,
# reproducibility, lintian, and every error path.  tests/e2e/basedeb.sh
# installs the package with dpkg.
. "$ERLRC_TOP/tests/lib.sh"
mk=$ERLRC_BIN/makebasedeb
unset DEBEMAIL DEBFULLNAME SOURCE_DATE_EPOCH
O=$T/out.d S=$T/spec.d
mkdir -p "$O" "$S" "$T/bin"
cp "$ERLRC_TOP/examples/COPYING" "$S/"
ver=$(sed -n 's/^VERSION = //p' "$ERLRC_TOP/config.mk")

field() { dpkg-deb -f "$1" "$2"; }
nothing_left() {
	[ -z "$(ls -A "$1")" ] || fail "left in $1: $(ls -A "$1")"
}
# spec FILE LINE...: a spec file of those lines
spec() { local f=$1; shift; printf '%s\n' "$@" >"$f"; }
# member DEB PATH: print the file PATH (./etc/...) of DEB's data
member() { dpkg-deb --fsys-tarfile "$1" | tar -xOf - "$2"; }
spec "$S/node.yaml" 'maintainer: erlrc tests <erlrc@example.org>' \
    'copyright: COPYING'

# usage
run 0 "$mk" --help && grep -q '^usage: makebasedeb' "$T/out" ||
    fail "--help prints no usage"
grep -q -- '--vm-args FILE' "$T/out" || fail "--help: no --vm-args"
run 2 "$mk" && expect_err "expected one node name"
run 2 "$mk" a b && expect_err "expected one node name"
run 2 "$mk" --frobnicate x
run 2 "$mk" -V

# the package of node sensor, with the default vm.args and sys.config
run 0 "$mk" -o "$O" -s "$S/node.yaml" -V 1.0 sensor || finish
deb=$(cat "$T/out")
[ "$deb" = "$O/erlang-node-sensor_1.0_all.deb" ] || fail "printed '$deb'"
[ -s "$T/err" ] && fail "stderr: $(cat "$T/err")"
[ "$(field "$deb" Package) $(field "$deb" Version) $(field "$deb" Architecture)" = \
    "erlang-node-sensor 1.0 all" ] || fail "fields: $(dpkg-deb -f "$deb")"
[ "$(field "$deb" Maintainer)" = "erlrc tests <erlrc@example.org>" ] ||
    fail "Maintainer: $(field "$deb" Maintainer)"
[ "$(field "$deb" Depends)" = "erlrc (>= $ver), erlang-base" ] ||
    fail "Depends: $(field "$deb" Depends)"
[ "$(field "$deb" Section) $(field "$deb" Priority)" = "misc optional" ] ||
    fail "Section, Priority: $(dpkg-deb -f "$deb")"
[ -z "$(field "$deb" Homepage)" ] || fail "a Homepage without a spec's"
field "$deb" Description >"$T/desc"
[ "$(head -n 1 "$T/desc")" = "Erlang node sensor, run by systemd for erlrc" ] ||
    fail "synopsis: $(head -n 1 "$T/desc")"
grep -q 'erlang-node-sensor.service' "$T/desc" ||
    fail "the description does not name the unit: $(cat "$T/desc")"
awk 'length > 80 { bad = 1 } END { exit bad }' "$T/desc" ||
    fail "description lines over 80 columns: $(cat "$T/desc")"

# the files, their modes, and no cookie
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $1, $2, $6 }' >"$T/list"
cat >"$T/want" <<'EOF'
-rw-r--r-- root/root ./etc/erlrc.d/config/sensor/sys.config
-rw-r--r-- root/root ./etc/erlrc.d/config/sensor/vm.args
-rw-r--r-- root/root ./lib/systemd/system/erlang-node-sensor.service
-rw-r--r-- root/root ./usr/share/doc/erlang-node-sensor/changelog.gz
-rw-r--r-- root/root ./usr/share/doc/erlang-node-sensor/copyright
EOF
diff "$T/want" "$T/list" >"$T/diff" || fail "files: $(cat "$T/diff")"
dpkg-deb -c "$deb" | grep -q 'erlrc.d/nodes' && fail "a node file in the .deb"
mkdir "$T/ctl" && dpkg-deb -e "$deb" "$T/ctl" && mkdir "$T/x" &&
    dpkg-deb -x "$deb" "$T/x" || fail "cannot unpack $deb"
printf '%s\n' /etc/erlrc.d/config/sensor/vm.args \
    /etc/erlrc.d/config/sensor/sys.config >"$T/want"
cmp -s "$T/want" "$T/ctl/conffiles" ||
    fail "conffiles: $(cat "$T/ctl/conffiles")"
grep -q 'erlrc.d/config' "$T/ctl/md5sums" && fail "conffiles in md5sums"
grep -rlE '(^|[^A-Z])[A-Z]{20}([^A-Z]|$)' "$T/x" "$T/ctl" >"$T/found" &&
    fail "something like a cookie in: $(cat "$T/found")"
cmp -s "$T/x/usr/share/doc/erlang-node-sensor/copyright" \
    "$ERLRC_TOP/examples/COPYING" || fail "copyright is not the spec's"
zcat "$T/x/usr/share/doc/erlang-node-sensor/changelog.gz" >"$T/changelog"
grep -q '^erlang-node-sensor (1.0) unstable' "$T/changelog" &&
    grep -q 'The Erlang node sensor, packaged by makebasedeb' "$T/changelog" ||
    fail "changelog: $(cat "$T/changelog")"

# the default vm.args and sys.config: comments, a list for erl
cfg=$T/x/etc/erlrc.d/config/sensor
grep -q 'conffile of the package erlang-node-sensor' "$cfg/vm.args" ||
    fail "vm.args: $(cat "$cfg/vm.args")"
grep -v '^#' "$cfg/vm.args" | grep -q . &&
    fail "the default vm.args sets something: $(cat "$cfg/vm.args")"
[ "$(grep -v '^%' "$cfg/sys.config")" = "[]." ] ||
    fail "sys.config: $(cat "$cfg/sys.config")"
grep -q '#[A-Z_]*#' "$cfg/vm.args" "$cfg/sys.config" \
    "$T/x/lib/systemd/system/erlang-node-sensor.service" &&
    fail "a placeholder left"
erl -noshell -eval "{ok, [[]]} = file:consult(\"$cfg/sys.config\"), halt()." \
    >"$T/erl.out" 2>&1 </dev/null ||
    fail "erl cannot read sys.config: $(cat "$T/erl.out")"

# the unit
unit=$T/x/lib/systemd/system/erlang-node-sensor.service
key() { sed -n "s/^$1=//p" "$unit"; }
cd=/etc/erlrc.d/config/sensor
[ "$(key ExecStart)" = "/usr/bin/erl -noinput -start_epmd false -sname sensor \
-args_file $cd/vm.args -config $cd/sys.config" ] ||
    fail "ExecStart: $(key ExecStart)"
[ "$(key ExecStartPost)" = "-+/usr/sbin/erlrc-boot --node sensor --wait 60" ] ||
    fail "ExecStartPost: $(key ExecStartPost)"
[ "$(key LoadCredential)" = ".erlang.cookie:/etc/erlrc.d/nodes/sensor" ] &&
    [ "$(key Environment)" = "HOME=%d" ] ||
    fail "the cookie: $(key LoadCredential) $(key Environment)"
[ "$(key StateDirectory) $(key WorkingDirectory)" = \
    "erlrc/nodes/sensor /var/lib/erlrc/nodes/sensor" ] ||
    fail "state: $(key StateDirectory) $(key WorkingDirectory)"
[ "$(key Type) $(key Restart) $(key WantedBy)" = \
    "simple on-failure multi-user.target" ] || fail "Type, Restart, WantedBy"
grep -qi 'setcookie' "$unit" && grep -v '^#' "$unit" | grep -qi setcookie &&
    fail "the unit sets the cookie on a command line"
# the options given to erlrc-boot are ones it takes
ERLRC_ROOT=$T/etc.d ERLRC_STATE=$T/state.d run 0 "$ERLRC_BIN/erlrc-boot" \
    --dry-run $(key ExecStartPost | sed 's/^-+[^ ]* //') ||
    fail "erlrc-boot refuses the unit's options"

# systemd-analyze verify: no message at all (a bad setting is only a
# warning); its man: links checked against this tree's pages
if command -v systemd-analyze >/dev/null; then
	mkdir -p "$T/man/man7" "$T/man/man8"
	cp "$ERLRC_TOP"/man/*.7 "$T/man/man7/"
	cp "$ERLRC_TOP"/man/*.8 "$T/man/man8/"
	man_opt=--man=yes
	if ! command -v man >/dev/null; then
		echo "SKIP: man is not installed: man: links not checked"
		man_opt=--man=no
	fi
	MANPATH=$T/man run 0 systemd-analyze verify "$man_opt" "$unit" &&
	    [ ! -s "$T/err" ] && [ ! -s "$T/out" ] ||
	    fail "systemd-analyze verify: $(cat "$T/out" "$T/err")"
	# the check can fail: a unit with a typo
	sed 's/^Restart=on-failure/Restart=on-failur/' "$unit" \
	    >"$T/erlang-node-typo.service"
	MANPATH=$T/man systemd-analyze verify "$man_opt" \
	    "$T/erlang-node-typo.service" >"$T/out" 2>&1
	grep -qi 'restart' "$T/out" ||
	    fail "systemd-analyze verify sees no typo: $(cat "$T/out")"
else
	echo "SKIP: systemd-analyze is not installed: the unit is not verified"
fi

# the scripts: parse, their settings, the node's hooks
for s in postinst prerm postrm; do
	sh -n "$T/ctl/$s" || fail "$s does not parse"
	grep -qx "erlrc_node='sensor'" "$T/ctl/$s" &&
	    grep -qx "erlrc_unit='erlang-node-sensor.service'" "$T/ctl/$s" ||
	    fail "$s: no settings"
	grep -q "^# $s of erlang-node-sensor" "$T/ctl/$s" || fail "$s: header"
done
grep -q 'mktemp --suffix=.dpkg-tmp' "$T/ctl/postinst" || fail "postinst"
grep -q 'var/lib/erlrc/nodes/$erlrc_node' "$T/ctl/postrm" || fail "postrm"
# the unit through init-system-helpers, as dh_installsystemd's scripts
# do: systemctl for daemon-reload only, the unit started (an upgrade
# never restarts the node) and stopped by deb-systemd-invoke; the
# scripts run in tests/e2e/basedeb.sh
grep -q 'deb-systemd-helper --quiet was-enabled "$erlrc_unit"' \
    "$T/ctl/postinst" &&
    grep -q 'deb-systemd-invoke start "$erlrc_unit"' "$T/ctl/postinst" ||
    fail "postinst: no deb-systemd-helper or deb-systemd-invoke"
grep -q 'deb-systemd-invoke stop "$erlrc_unit"' "$T/ctl/prerm" || fail "prerm"
grep -q 'deb-systemd-helper purge "$erlrc_unit"' "$T/ctl/postrm" ||
    fail "postrm"
grep -hEv '^[[:space:]]*#' "$T/ctl/postinst" "$T/ctl/prerm" "$T/ctl/postrm" |
    grep -E 'restart|systemctl' | grep -v 'systemctl --system daemon-reload' \
    >"$T/found" && fail "systemctl or restart: $(cat "$T/found")"

# lintian: no error, no warning, nothing suppressed
if command -v lintian >/dev/null; then
	lintian --fail-on error,warning "$deb" >"$T/lintian" 2>&1 ||
	    fail "lintian: $(cat "$T/lintian")"
else
	fail "lintian is not installed (debian/control lists it)"
fi

# reproducible: the same inputs give the same bytes, with and without
# SOURCE_DATE_EPOCH; another date gives another package
mkdir -p "$T/again" "$T/dated" "$T/dated2"
run 0 "$mk" -o "$T/again" -s "$S/node.yaml" -V 1.0 sensor
cmp -s "$deb" "$T/again/erlang-node-sensor_1.0_all.deb" ||
    fail "not reproducible"
SOURCE_DATE_EPOCH=1700000000 run 0 "$mk" -o "$T/dated" -s "$S/node.yaml" \
    -V 1.0 sensor
sleep 1
SOURCE_DATE_EPOCH=1700000000 run 0 "$mk" -o "$T/dated2" -s "$S/node.yaml" \
    -V 1.0 sensor
cmp -s "$T/dated/erlang-node-sensor_1.0_all.deb" \
    "$T/dated2/erlang-node-sensor_1.0_all.deb" ||
    fail "not reproducible with SOURCE_DATE_EPOCH"
cmp -s "$deb" "$T/dated/erlang-node-sensor_1.0_all.deb" &&
    fail "SOURCE_DATE_EPOCH changed nothing"
SOURCE_DATE_EPOCH=soon run 2 "$mk" -o "$T/dated" -s "$S/node.yaml" \
    -V 1.0 sensor && expect_err "SOURCE_DATE_EPOCH 'soon' is not a number"
rm -rf "$T/again" "$T/dated" "$T/dated2"
# without it, the newest of the inputs' dates
printf '+A 8\n' >"$T/vm.args" && printf '[{kernel, []}].\n' >"$T/sys.config"
touch -d '2021-03-04 05:06:07 UTC' "$S/node.yaml"
touch -d '2022-01-02 03:04:05 UTC' "$T/sys.config"
touch -d '2020-01-01 00:00:00 UTC' "$T/vm.args"
run 0 "$mk" -o "$O" -s "$S/node.yaml" -V 2 --vm-args "$T/vm.args" \
    --sys-config "$T/sys.config" sensor
TZ=UTC dpkg-deb -c "$O/erlang-node-sensor_2_all.deb" >"$T/list"
grep -q ' 2022-01-02 03:04 \./etc/erlrc.d/config/sensor/vm.args$' \
    "$T/list" || fail "not dated by sys.config: $(head -n 3 "$T/list")"
touch "$S/node.yaml"

# --vm-args and --sys-config: shipped as they are
rm -rf "$T/x" && mkdir "$T/x" &&
    dpkg-deb -x "$O/erlang-node-sensor_2_all.deb" "$T/x"
cmp -s "$T/vm.args" "$T/x/etc/erlrc.d/config/sensor/vm.args" &&
    cmp -s "$T/sys.config" "$T/x/etc/erlrc.d/config/sensor/sys.config" ||
    fail "--vm-args, --sys-config not shipped as given"
rm -f "$O"/*.deb

# the spec: package, version, description, section, priority,
# homepage, depends; a copyright relative to the spec, from elsewhere
mkdir -p "$T/elsewhere"
spec "$S/full.yaml" 'package: sensor-node' 'version: 1:2.0-1' \
    'maintainer: Jane Doe <jane@example.org>' \
    'description: |' '  sensor node of the crossing' '  It counts vehicles.' \
    'section: net' 'priority: standard' 'homepage: https://example.org/n' \
    'copyright: COPYING' 'depends: [libfoo1, "bar (>= 2) | baz"]'
(cd "$T/elsewhere" && run 0 "$mk" -o "$O" -s ../spec.d/full.yaml Sensor_1) ||
    fail "a spec from elsewhere"
deb=$O/sensor-node_2.0-1_all.deb
[ "$(field "$deb" Package) $(field "$deb" Version)" = "sensor-node 1:2.0-1" ] ||
    fail "spec's package and version: $(dpkg-deb -f "$deb")"
[ "$(field "$deb" Depends)" = \
    "erlrc (>= $ver), erlang-base, libfoo1, bar (>= 2) | baz" ] ||
    fail "Depends: $(field "$deb" Depends)"
[ "$(field "$deb" Section) $(field "$deb" Priority) $(field "$deb" Homepage)" = \
    "net standard https://example.org/n" ] || fail "fields: $(dpkg-deb -f "$deb")"
[ "$(field "$deb" Description)" = "sensor node of the crossing
 It counts vehicles." ] || fail "Description: $(field "$deb" Description)"
dpkg-deb -c "$deb" >"$T/list"
grep -q '\./lib/systemd/system/sensor-node\.service$' "$T/list" &&
    grep -q '\./etc/erlrc.d/config/Sensor_1/vm.args$' "$T/list" &&
    grep -q 'changelog.Debian.gz$' "$T/list" || fail "files: $(cat "$T/list")"
# -V wins over the spec's version
run 0 "$mk" -o "$O" -s "$S/full.yaml" -V 3.0 Sensor_1 &&
    [ -e "$O/sensor-node_3.0_all.deb" ] || fail "-V does not win"
# a first revision closes no ITP bug: not a Debian upload (makebasedeb(1))
lintian --fail-on error,warning --suppress-tags initial-upload-closes-no-bugs \
    "$deb" >"$T/lintian" 2>&1 || fail "lintian on 1:2.0-1: $(cat "$T/lintian")"
rm -f "$O"/*.deb
# the default package name; DEBEMAIL
spec "$S/bare.yaml" 'copyright: COPYING'
DEBEMAIL="Ann Example <ann@example.org>" run 0 "$mk" -o "$O" \
    -s "$S/bare.yaml" --package-version 1 Big_Node-2 &&
    [ "$(field "$O/erlang-node-big-node-2_1_all.deb" Maintainer)" = \
    "Ann Example <ann@example.org>" ] || fail "default name, DEBEMAIL"
rm -f "$O"/*.deb
nothing_left "$O"

# bad input: status 2, what is wrong named, nothing written
bad() {	# bad PATTERN ARG...: makebasedeb ARG... fails so
	local pat=$1
	shift
	run 2 "$mk" -o "$O" "$@" && expect_err "$pat"
	nothing_left "$O"
}
bad "node name 'sensor@host': give the alive name only" -s "$S/node.yaml" \
    -V 1 sensor@host
bad "node name 'a.b': an alive name is made of letters, digits" \
    -s "$S/node.yaml" -V 1 a.b
bad "node name 'a/b'" -s "$S/node.yaml" -V 1 a/b
bad "node name '-x' starts with '-'" -s "$S/node.yaml" -V 1 -- -x
bad "the node name is empty" -s "$S/node.yaml" -V 1 ''
bad "is longer than 191 characters" -s "$S/node.yaml" -V 1 \
    "$(printf 'n%.0s' {1..192})"
# the name is what is wrong, even with missing files
bad "node name 'a@b'" -s "$T/nosuch.yaml" a@b
bad "no version: give one with --package-version \(-V\) or with 'version:'" \
    -s "$S/node.yaml" sensor
bad "--package-version: version '2.0_x' has bad syntax" -s "$S/node.yaml" \
    -V 2.0_x sensor
DEBEMAIL="A <a@example.org>" bad \
    "no copyright file: .*'copyright:' in the spec \(--spec\)" -V 1 sensor
spec "$T/nocr.yaml" 'maintainer: A <a@example.org>'
bad "no copyright file: .*'copyright:' in the spec$" -s "$T/nocr.yaml" \
    -V 1 sensor
spec "$T/nocopy.yaml" 'maintainer: A <a@example.org>' 'copyright: GONE'
bad "$T/GONE" -s "$T/nocopy.yaml" -V 1 sensor
bad "no maintainer" -s "$S/bare.yaml" -V 1 sensor
bad "nosuch.yaml" -s "$T/nosuch.yaml" -V 1 sensor
spec "$T/apps.yaml" 'maintainer: A <a@example.org>' 'copyright: x' \
    'applications:' '  sensor:' '    package: erlang-sensor'
bad "$T/apps.yaml: 'applications' is for makeappdeb" -s "$T/apps.yaml" \
    -V 1 sensor
spec "$T/incl.yaml" 'maintainer: A <a@example.org>' 'include: false'
bad "$T/incl.yaml: 'include' is for makeappdeb" -s "$T/incl.yaml" -V 1 sensor
spec "$T/start.yaml" 'maintainer: A <a@example.org>' 'start: false'
bad "$T/start.yaml: 'start' is for makeappdeb" -s "$T/start.yaml" -V 1 sensor
spec "$T/typo.yaml" 'maintainer: A <a@example.org>' 'versoin: 1'
bad "typo.yaml:2:1: " -s "$T/typo.yaml" -V 1 sensor
spec "$S/plus.yaml" 'maintainer: A <a@example.org>' 'copyright: COPYING' \
    'package: node-c++'
bad "plus.yaml: the package 'node-c\+\+' cannot name a systemd unit" \
    -s "$S/plus.yaml" -V 1 sensor
spec "$S/upper.yaml" 'maintainer: A <a@example.org>' 'copyright: COPYING'
bad "too long for the default description .*'description:'" \
    -s "$S/upper.yaml" -V 1 "$(printf 'n%.0s' {1..43})"
# vm.args and sys.config
printf '+A 8\n# x\n-y\0z\n' >"$T/nul.args"
bad "$T/nul.args:3: a NUL byte" -s "$S/node.yaml" -V 1 \
    --vm-args "$T/nul.args" sensor
bad "$T/nosuch.args" -s "$S/node.yaml" -V 1 --vm-args "$T/nosuch.args" sensor
bad "$T: not a regular file" -s "$S/node.yaml" -V 1 --vm-args "$T" sensor
printf '%% two\n[].\n[].\n' >"$T/two.config"
bad "$T/two.config:3:1: expected one term" -s "$S/node.yaml" -V 1 \
    --sys-config "$T/two.config" sensor
printf '{kernel, []}.\n' >"$T/tuple.config"
bad "$T/tuple.config:1:1: expected a list" -s "$S/node.yaml" -V 1 \
    --sys-config "$T/tuple.config" sensor
printf '[{kernel, [{a, 1}, b]}].\n' >"$T/param.config"
bad "$T/param.config:1:20: application kernel: expected \{Key, Value\}" \
    -s "$S/node.yaml" -V 1 --sys-config "$T/param.config" sensor
printf '[{kernel, []}\n' >"$T/open.config"
bad "$T/open.config:" -s "$S/node.yaml" -V 1 --sys-config "$T/open.config" \
    sensor
bad "$T/nosuch.config" -s "$S/node.yaml" -V 1 --sys-config \
    "$T/nosuch.config" sensor
run 2 "$mk" -o "$T/nosuchdir" -s "$S/node.yaml" -V 1 sensor &&
    expect_err "$T/nosuchdir"

# broken templates and hooks: named
mkdir -p "$T/data"
cp -r "$ERLRC_TOP/templates" "$ERLRC_TOP/hooks" "$T/data/"
sed -i 's/-sname #NODE#/-sname #NODES#/' "$T/data/templates/node.service"
ERLRC_DATADIR=$T/data bad \
    "templates/node.service:[0-9]+: unknown placeholder #NODES#" \
    -s "$S/node.yaml" -V 1 sensor
cp "$ERLRC_TOP/templates/node.service" "$T/data/templates/"
printf '[{kernel, x}].\n' >"$T/data/templates/sys.config"
ERLRC_DATADIR=$T/data bad "templates/sys.config:1:11: application kernel" \
    -s "$S/node.yaml" -V 1 sensor
ERLRC_DATADIR=$T/data run 0 "$mk" -o "$O" -s "$S/node.yaml" -V 1 \
    --sys-config "$T/sys.config" sensor || fail "the template read anyway"
rm -f "$O"/*.deb
cp "$ERLRC_TOP/templates/sys.config" "$T/data/templates/"
rm "$T/data/hooks/node-prerm"
ERLRC_DATADIR=$T/data bad "hooks/node-prerm" -s "$S/node.yaml" -V 1 sensor

# dpkg-deb fails: status 1, nothing left
printf '#!/bin/sh\necho "dpkg-deb: error: out of luck" >&2\nexit 2\n' \
    >"$T/bin/dpkg-deb" && chmod +x "$T/bin/dpkg-deb"
PATH=$T/bin:$PATH run 1 "$mk" -o "$O" -s "$S/node.yaml" -V 1 sensor &&
    expect_err "out of luck"
nothing_left "$O"
finish
