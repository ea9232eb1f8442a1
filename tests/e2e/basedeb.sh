# SPDX-License-Identifier: GPL-2.0-or-later
# basedeb - the node package that makebasedeb writes, installed,
# reinstalled, upgraded, removed and purged by the real dpkg in a sandbox
# root: the cookie (made once, kept), the unit enabled once by
# deb-systemd-helper and then left as the administrator has it, never
# masked (as by debhelper since 13.10), forgotten on purge, the
# conffiles; every script action as dpkg runs it, and again as if systemd
# ran the system (a stand-in systemctl behind the real
# deb-systemd-invoke); the unit's commands run by hand as systemd would
# run them (no systemd runs here), on a live node; and systemd-analyze
# verify of the installed unit in the sandbox.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/sandbox.sh"

D=$T/debs
n=bd_$$
pkg=erlang-node-bd-$$
unit=$pkg.service
cookie=$R/etc/erlrc.d/nodes/$n
state=$R/var/lib/erlrc/nodes/$n
conf=$R/etc/erlrc.d/config/$n
# deb-systemd-helper's records, and where a mask of the unit would be
dsh=$R/var/lib/systemd/deb-systemd-helper-enabled
dsh_masked=$R/var/lib/systemd/deb-systemd-helper-masked
mask=$R/etc/systemd/system/$unit
has_systemctl=
command -v systemctl >/dev/null && has_systemctl=1
command -v deb-systemd-helper >/dev/null &&
    command -v deb-systemd-invoke >/dev/null || {
	fail "no deb-systemd-helper: init-system-helpers is not installed"
	finish
}

# the package at versions 1.0 and 2.0: the same conffiles, so that dpkg
# keeps an administrator's changes without asking
printf 'maintainer: erlrc tests <erlrc@example.org>\ncopyright: %s\n' \
    "$ERLRC_TOP/examples/COPYING" >"$T/node.yaml"
printf '# test flags\n+A 7\n' >"$T/vm.args"
printf '[{kernel, [{erlrc_basedeb_test, 42}]}].\n' >"$T/sys.config"
for v in 1.0 2.0; do
	run 0 "$ERLRC_BIN/makebasedeb" -o "$D" -s "$T/node.yaml" -V "$v" \
	    --vm-args "$T/vm.args" --sys-config "$T/sys.config" "$n" || finish
done
v1=$D/${pkg}_1.0_all.deb v2=$D/${pkg}_2.0_all.deb
# the link that enabling makes: the unit's WantedBy=, one target
wantedby=$(dpkg-deb --fsys-tarfile "$v1" |
    tar -xOf - "./lib/systemd/system/$unit" | sed -n 's/^WantedBy=//p')
case $wantedby in
*.target) ;;
*) fail "WantedBy=$wantedby: expected one target"; finish ;;
esac
wants=/etc/systemd/system/$wantedby.wants/$unit
link=$R$wants

# check_cookie: one line of 20 capitals, mode 0400, root's, alone
check_cookie() {
	[ -f "$cookie" ] && [ ! -L "$cookie" ] ||
	    { fail "$1: no cookie file"; return 1; }
	[ "$(stat -c '%a %U %G' "$cookie")" = "400 root root" ] ||
	    fail "$1: cookie is $(stat -c '%a %U %G' "$cookie")"
	[ "$(wc -l <"$cookie")" -eq 1 ] && grep -qx '[A-Z]\{20\}' "$cookie" ||
	    fail "$1: the cookie is not one line of 20 capitals"
	[ -z "$(ls -A "$R/etc/erlrc.d/nodes" | grep -v "^$n\$")" ] ||
	    fail "$1: left in nodes/: $(ls -A "$R/etc/erlrc.d/nodes")"
}
# enabled yes|no WHAT: the unit's link is there, or not
enabled() {
	if [ "$1" = yes ]; then
		[ "$(readlink "$link")" = "/lib/systemd/system/$unit" ] ||
		    fail "$2: the unit is not enabled"
	else
		[ ! -L "$link" ] || fail "$2: the unit is enabled"
	fi
}
# recorded WHAT: deb-systemd-helper knows it enabled the unit once
recorded() {
	[ "$(cat "$dsh/$unit.dsh-also" 2>/dev/null)" = "$wants" ] ||
	    fail "$1: deb-systemd-helper's state: $(ls -R "$dsh" 2>&1)"
	[ -f "$dsh/$wantedby.wants/$unit" ] ||
	    fail "$1: deb-systemd-helper recorded no enabling"
}
# unmasked WHAT: no mask of the unit, nor deb-systemd-helper's record of one
unmasked() {
	[ ! -e "$mask" ] && [ ! -L "$mask" ] &&
	    [ ! -e "$dsh_masked/$unit" ] ||
	    fail "$1: the unit is masked: $(ls -l "$mask" "$dsh_masked" 2>&1)"
}
# forgotten WHAT: no link, mask or record of the unit is left
forgotten() {
	find "$R/etc/systemd" "$R/var/lib/systemd" -name "$unit*" \
	    >"$T/left" 2>/dev/null
	[ ! -s "$T/left" ] || fail "$1: left: $(cat "$T/left")"
}
# dpkg_quiet: the last run printed only dpkg's own lines on stdout
dpkg_quiet() {
	grep -Ev '^(Selecting|\(Reading|Preparing|Unpacking|Setting up)' \
	    "$T/out" | grep -Ev '^(Removing|Purging)' &&
	    fail "$1: a script printed on stdout"
}

# a fresh install: a cookie, the unit enabled and recorded, the conffiles
run 0 sdpkg -i "$v1" || finish
dpkg_quiet "install"
[ "$(sdpkg_status "$pkg")" = ii ] || fail "1.0 not installed"
check_cookie "install"
c1=$(cat "$cookie")
enabled yes "install"
recorded "install"
unmasked "install"
cmp -s "$T/vm.args" "$conf/vm.args" &&
    cmp -s "$T/sys.config" "$conf/sys.config" || fail "install: the conffiles"
[ -f "$R/lib/systemd/system/$unit" ] || fail "install: no unit file"
grep -q "^ExecStartPost=-+/usr/sbin/erlrc-boot --node $n " \
    "$R/lib/systemd/system/$unit" || fail "the unit does not boot $n"

# the scripts as dpkg runs them
mkdir "$T/scripts" && dpkg-deb -e "$v2" "$T/scripts"
script() {
	DPKG_ROOT=$R DPKG_MAINTSCRIPT_NAME=$1 DPKG_MAINTSCRIPT_PACKAGE=$pkg \
	    /bin/sh "$T/scripts/$1" "${@:2}"
}

# configure again, as dpkg --configure -a would: nothing changes
run 0 script postinst configure 1.0 && [ ! -s "$T/out" ] ||
    fail "configure again printed: $(cat "$T/out")"
run 0 script postinst configure ""
[ "$(cat "$cookie")" = "$c1" ] || fail "configure again: a new cookie"
check_cookie "configure again"
enabled yes "configure again"

# the administrator's vm.args is kept by an upgrade; so is the cookie
printf '+A 16\n' >>"$conf/vm.args"
run 0 sdpkg -i "$v2" && dpkg_quiet "upgrade"
[ "$(sdpkg_status "$pkg")" = ii ] &&
    [ "$(dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${Version}' "$pkg")" = 2.0 ] ||
    fail "2.0 not installed"
[ "$(cat "$cookie")" = "$c1" ] || fail "upgrade: a new cookie"
check_cookie "upgrade"
tail -n 1 "$conf/vm.args" | grep -qx '+A 16' || fail "upgrade: vm.args lost"
ls "$conf" | grep -q dpkg && fail "upgrade: $(ls "$conf")"
enabled yes "upgrade"
recorded "upgrade"

# a reinstall keeps everything
run 0 sdpkg -i "$v2"
[ "$(cat "$cookie")" = "$c1" ] || fail "reinstall: a new cookie"
tail -n 1 "$conf/vm.args" | grep -qx '+A 16' || fail "reinstall: vm.args lost"
enabled yes "reinstall"

# remove: the cookie, the conffiles and the link stay, until the purge;
# the unit is not masked
run 0 sdpkg -r "$pkg" && dpkg_quiet "remove"
[ "$(sdpkg_status "$pkg")" = rc ] || fail "not rc after remove"
[ "$(cat "$cookie")" = "$c1" ] || fail "remove: the cookie changed"
check_cookie "remove"
[ -e "$conf/vm.args" ] && [ -e "$conf/sys.config" ] ||
    fail "remove took the conffiles"
[ ! -e "$R/lib/systemd/system/$unit" ] || fail "remove left the unit"
unmasked "remove"
enabled yes "remove"
recorded "remove"
run 0 sdpkg -r "$pkg"
# reinstalled after the remove: the same cookie, enabled
run 0 sdpkg -i "$v2"
[ "$(cat "$cookie")" = "$c1" ] || fail "reinstall after remove: a new cookie"
unmasked "reinstall after remove"
enabled yes "reinstall after remove"
tail -n 1 "$conf/vm.args" | grep -qx '+A 16' ||
    fail "reinstall after remove: vm.args lost"

# disabled by the administrator: upgrades, downgrades, a remove and a
# reinstall leave it so; a purge forgets it
if [ -n "$has_systemctl" ]; then
	run 0 systemctl --root="$R" disable "$unit"
	enabled no "systemctl disable"
	run 0 sdpkg -i "$v1" && dpkg_quiet "a downgrade"
	enabled no "a downgrade after systemctl disable"
	run 0 sdpkg -i "$v2"
	enabled no "an upgrade after systemctl disable"
	run 0 sdpkg -i "$v2"
	enabled no "a reinstall after systemctl disable"
	recorded "a reinstall after systemctl disable"
	run 0 sdpkg -r "$pkg"
	unmasked "a remove after systemctl disable"
	enabled no "a remove after systemctl disable"
	run 0 sdpkg -i "$v2"
	unmasked "a reinstall after a remove"
	enabled no "a reinstall after a remove, after systemctl disable"
else
	echo "SKIP: systemctl is not installed: no administrator disables"
fi

# purge: nothing of the node is left
run 0 sdpkg -r "$pkg"
unmasked "remove before the purge"
run 0 sdpkg -P "$pkg" && dpkg_quiet "purge"
[ "$(sdpkg_status "$pkg")" = un ] || fail "not gone after purge"
[ ! -e "$cookie" ] || fail "purge kept the cookie"
[ ! -e "$state" ] || fail "purge kept $state"
[ ! -e "$conf" ] || fail "purge kept $conf: $(ls -a "$conf")"
enabled no "purge"
unmasked "purge"
forgotten "purge"
run 0 sdpkg -P "$pkg"

# installed again: a new cookie; enabled again, whatever was before
run 0 sdpkg -i "$v2" || finish
check_cookie "install after purge"
[ "$(cat "$cookie")" != "$c1" ] || fail "install after purge: the old cookie"
enabled yes "install after purge"
recorded "install after purge"
unmasked "install after purge"

# The unit's commands, run as systemd would: ExecStart with the cookie as
# its credential in $HOME, in the state directory; then ExecStartPost,
# which starts the registered applications; then SIGTERM.  The sandbox's
# /etc stands for /etc.
run 0 "$ERLRC_BIN/makeappdeb" -o "$D" \
    -s "$ERLRC_TOP/examples/sensorlog/package.yaml" \
    "$ERLRC_BUILD/examples/lib/sensorlog-1.0" || finish
run 0 sdpkg -i "$(cat "$T/out")" && expect_err "not running"
u=$R/lib/systemd/system/$unit
key() { sed -n "s/^$1=//p" "$u"; }
[ "$(key Environment)" = 'HOME=%d' ] &&
    [ "$(key LoadCredential)" = ".erlang.cookie:/etc/erlrc.d/nodes/$n" ] &&
    [ "$(key WorkingDirectory)" = "/var/lib/erlrc/nodes/$n" ] ||
    fail "the unit's cookie or directory: $(cat "$u")"
mkdir -p "$T/cred" "$state" && cp "$cookie" "$T/cred/.erlang.cookie" &&
    chmod 0400 "$T/cred/.erlang.cookie" && chmod 0500 "$T/cred"
read -ra cmd <<<"$(key ExecStart)"
for i in "${!cmd[@]}"; do
	case ${cmd[$i]} in /etc/*) cmd[$i]=$R${cmd[$i]} ;; esac
done
(cd "$state" && HOME=$T/cred exec "${cmd[@]}") </dev/null \
    >"$T/unit-node.log" 2>&1 &
upid=$!
CLEANUP+="kill -KILL $upid 2>/dev/null; wait $upid 2>/dev/null;"
read -ra post <<<"$(key ExecStartPost)"
[ "${post[0]}" = "-+/usr/sbin/erlrc-boot" ] || fail "ExecStartPost: ${post[*]}"
DPKG_ROOT=$R run 0 "$ERLRC_BIN/erlrc-boot" "${post[@]:1}" &&
    expect_err "started sensorlog 1.0"
full=$n@${HOSTNAME%%.*}
call() { "$ERLRC_BUILD/tests/nodecall" "$full" "$cookie" 10000 "$@"; }
[ "$(call application get_env kernel erlrc_basedeb_test)" = "{ok,42}" ] ||
    fail "sys.config not applied: $(cat "$T/unit-node.log")"
[ "$(call erlang system_info thread_pool_size)" = 7 ] ||
    fail "vm.args not applied"
[ "$(call erlang get_cookie)" = "'$(cat "$cookie")'" ] ||
    fail "the node's cookie is not the registry's"
call application which_applications >"$T/apps"
grep -q '{sensorlog,' "$T/apps" || fail "sensorlog not started: $(cat "$T/apps")"
[ "$(call file get_cwd)" = "{ok,\"$state\"}" ] || fail "cwd: $(call file get_cwd)"
c3=$(cat "$cookie")
ps -o args= -p "$upid" >"$T/ps" && grep -q -e "$c3" -e setcookie "$T/ps" &&
    fail "the cookie is on the node's command line"
tr '\0' '\n' <"/proc/$upid/environ" >"$T/environ" &&
    grep -q -e "$c3" "$T/environ" && fail "the cookie is in the node's environment"
# stopped by SIGTERM, cleanly, well within TimeoutStopSec
kill -TERM "$upid"
for ((i = 0; i < 300; i++)); do
	kill -0 "$upid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$upid" 2>/dev/null; then
	fail "the node is still running 30 s after SIGTERM"
else
	wait "$upid"
	st=$?
	[ "$st" -eq 0 ] || fail "the node exited $st after SIGTERM:" \
	    "$(tail -n 5 "$T/unit-node.log")"
fi

# every action of every script, run as dpkg would: those that keep
# the node, twice, then the ones that forget it
for args in "postinst configure 2.0" "postinst configure 1.0" \
    "postinst abort-upgrade 3.0" "postinst abort-remove" \
    "postinst abort-deconfigure in-favour other 1.0" "postinst triggered x" \
    "prerm upgrade 3.0" "prerm failed-upgrade 1.0" "prerm remove" \
    "prerm deconfigure in-favour other 1.0" "postrm upgrade 3.0" \
    "postrm failed-upgrade 1.0" "postrm abort-install" \
    "postrm abort-upgrade 1.0" "postrm remove" "postrm disappear other 1.0"; do
	for i in 1 2; do
		run 0 script $args
		[ -s "$T/out" ] && fail "$args printed on stdout: $(cat "$T/out")"
		check_cookie "$args"
		enabled yes "$args"
		recorded "$args"
		unmasked "$args"
	done
done
c2=$(cat "$cookie")
for s in postinst prerm postrm; do
	run 1 script "$s" frobnicate &&
	    expect_err "$s called with unknown argument 'frobnicate'"
done
[ "$(cat "$cookie")" = "$c2" ] || fail "a script action changed the cookie"
# postrm remove keeps the links and masks nothing; postinst after it
# finds the unit as it was
run 0 script postrm remove
unmasked "postrm remove"
enabled yes "postrm remove"
recorded "postrm remove"
run 0 script postinst configure 2.0
unmasked "postinst configure after postrm remove"
enabled yes "postinst configure after postrm remove"
run 0 script postrm remove
for i in 1 2; do
	run 0 script postrm purge
	[ ! -e "$cookie" ] && [ ! -e "$state" ] ||
	    fail "postrm purge left the node"
	enabled no "postrm purge"
	unmasked "postrm purge"
	forgotten "postrm purge"
done
# postinst configure without deb-systemd-helper: the cookie, no link, a
# warning; the next configure, with it, enables the unit
mkdir "$T/nodsh"
for c in head tr mkdir mktemp chmod mv rm; do
	ln -s "$(command -v "$c")" "$T/nodsh/$c"
done
PATH=$T/nodsh run 0 script postinst configure "" &&
    expect_err "no deb-systemd-helper .*: $unit not enabled"
check_cookie "configure without deb-systemd-helper"
enabled no "configure without deb-systemd-helper"
forgotten "configure without deb-systemd-helper"
run 0 script postinst configure ""
enabled yes "configure with deb-systemd-helper"
recorded "configure with deb-systemd-helper"
# a cookie that cannot be put in place: nothing half done, status 1
run 0 script postrm purge
mkdir "$T/failmv" && printf '#!/bin/sh\nexit 1\n' >"$T/failmv/mv" &&
    chmod 755 "$T/failmv/mv"
PATH=$T/failmv:$PATH run 1 script postinst configure "" &&
    expect_err "cannot write the cookie $cookie"
[ -z "$(ls -A "$R/etc/erlrc.d/nodes")" ] ||
    fail "a failed configure left: $(ls -A "$R/etc/erlrc.d/nodes")"
run 0 script postinst configure ""
check_cookie "configure after a failed one"
enabled yes "configure after a failed one"

# The scripts as if systemd ran the system: a copy of each with its test
# of DPKG_ROOT and /run/systemd/system made true (everything else still
# under $R), the real deb-systemd-invoke, and a stand-in systemctl that
# logs its arguments, says on stdout what it does, and answers is-enabled
# and is-active from $T/sd/enabled and $T/sd/active.
guard='[ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]'
mkdir "$T/sd" "$T/sdscripts"
for s in postinst prerm postrm; do
	[ "$(grep -cF "$guard" "$T/scripts/$s")" -eq 1 ] ||
	    fail "$s: not one test of systemd:" \
	    "$(grep -n systemd "$T/scripts/$s")"
	awk -v g="$guard" '{
		i = index($0, g)
		if (i)
			$0 = substr($0, 1, i - 1) "true" \
			    substr($0, i + length(g))
		print
	}' "$T/scripts/$s" >"$T/sdscripts/$s"
	grep -q '/run/systemd' "$T/sdscripts/$s" &&
	    fail "$s: another test of systemd"
done
cat >"$T/sd/systemctl" <<SD
#!/bin/sh
echo "systemctl \$*" >>"$T/sd/log"
case " \$* " in
*" is-enabled "*)
	[ -e "$T/sd/enabled" ] && { echo enabled; exit 0; }
	echo disabled
	exit 1
	;;
*" is-active "*) [ -e "$T/sd/active" ] || exit 3 ;;
*" start "*)
	[ ! -e "$T/sd/fail" ] || { echo "Job failed." >&2; exit 1; }
	;;
esac
echo "systemctl stand-in: \$*"
exit 0
SD
chmod 755 "$T/sd/systemctl"
sdscript() {
	: >"$T/sd/log"
	DPKG_ROOT=$R DPKG_MAINTSCRIPT_NAME=$1 DPKG_MAINTSCRIPT_PACKAGE=$pkg \
	    PATH=$T/sd:$PATH /bin/sh "$T/sdscripts/$1" "${@:2}"
}
# did WHAT LINE...: the last sdscript ran exactly these systemctl
# commands, queries aside, and printed nothing on stdout
did() {
	local what=$1
	shift
	[ -s "$T/out" ] && fail "$what: printed on stdout: $(cat "$T/out")"
	grep -Ev ' is-(enabled|active) ' "$T/sd/log" >"$T/sd/did"
	[ $# -eq 0 ] && : >"$T/sd/want" || printf '%s\n' "$@" >"$T/sd/want"
	diff "$T/sd/want" "$T/sd/did" >"$T/sd/diff" ||
	    fail "$what: systemctl: $(cat "$T/sd/diff")"
}
reload="systemctl --system daemon-reload"
touch "$T/sd/enabled"
run 0 sdscript postinst configure ""
did "install" "$reload" "systemctl --quiet --system start $unit"
touch "$T/sd/active"
# an upgrade, a downgrade, a reinstall: the node that runs is not
# restarted
for old in 1.0 3.0 2.0; do
	run 0 sdscript postinst configure "$old"
	did "configure $old" "$reload" "systemctl --quiet --system start $unit"
done
for args in "abort-upgrade 3.0" abort-remove "abort-deconfigure in-favour x 1"
do
	run 0 sdscript postinst $args
	did "postinst $args" "$reload" "systemctl --quiet --system start $unit"
done
# a disabled unit is not started; nor one that policy-rc.d forbids
rm "$T/sd/enabled" "$T/sd/active"
run 0 sdscript postinst configure 1.0 &&
    expect_err "$unit is a disabled or a static unit, not starting it"
did "configure, disabled" "$reload"
touch "$T/sd/enabled"
mkdir -p "$R/usr/sbin"
printf '#!/bin/sh\necho policy-rc.d: "$@"\nexit 101\n' \
    >"$R/usr/sbin/policy-rc.d"
chmod 755 "$R/usr/sbin/policy-rc.d"
run 0 sdscript postinst configure 1.0 && expect_err "returned 101, not running"
did "configure, policy-rc.d 101" "$reload"
run 0 sdscript prerm remove
did "prerm remove, policy-rc.d 101"
rm "$R/usr/sbin/policy-rc.d"
# stopped when the package goes, not when it is upgraded
for args in remove "deconfigure in-favour x 1"; do
	run 0 sdscript prerm $args
	did "prerm $args" "systemctl stop $unit"
done
for args in "upgrade 3.0" "failed-upgrade 1.0"; do
	run 0 sdscript prerm $args
	did "prerm $args"
done
run 0 sdscript postrm remove
did "postrm remove" "$reload"
unmasked "postrm remove, systemd running"
enabled yes "postrm remove, systemd running"
for args in "upgrade 3.0" "failed-upgrade 1.0" abort-install "abort-upgrade 1.0"
do
	run 0 sdscript postrm $args
	did "postrm $args"
done
run 0 sdscript postrm purge
did "postrm purge"
forgotten "postrm purge, systemd running"
# a start that fails is a warning, not a failed configure
touch "$T/sd/fail"
run 0 sdscript postinst configure "" &&
    expect_err "postinst: warning: cannot start $unit"
did "configure, the start failing" "$reload" \
    "systemctl --quiet --system start $unit"
check_cookie "configure, the start failing"

# systemd-analyze verify of the installed unit, inside the sandbox: the
# machine's own units, and stand-ins for erl and erlrc-boot (the packages
# erlang-base and erlrc of the sandbox are empty)
if command -v systemd-analyze >/dev/null; then
	cp -an /lib/systemd/system/. "$R/lib/systemd/system/"
	mkdir -p "$R/usr/bin" "$R/usr/sbin"
	printf '#!/bin/sh\nexit 0\n' >"$R/usr/bin/erl" &&
	    chmod 755 "$R/usr/bin/erl"
	cp "$ERLRC_BIN/erlrc-boot" "$R/usr/sbin/erlrc-boot"
	run 0 systemd-analyze verify --man=no --root="$R" \
	    "/lib/systemd/system/$unit" &&
	    [ ! -s "$T/out" ] && [ ! -s "$T/err" ] ||
	    fail "systemd-analyze verify: $(cat "$T/out" "$T/err")"
	# '-' spares ExecStartPost the check that its program is there: a
	# copy without it checks /usr/sbin/erlrc-boot, then its absence
	sed 's/^ExecStartPost=-+/ExecStartPost=+/' "$u" \
	    >"$R/lib/systemd/system/erlang-node-check.service"
	run 0 systemd-analyze verify --man=no --root="$R" \
	    /lib/systemd/system/erlang-node-check.service &&
	    [ ! -s "$T/out" ] && [ ! -s "$T/err" ] ||
	    fail "systemd-analyze verify (ExecStartPost): $(cat "$T/out" "$T/err")"
	rm "$R/usr/sbin/erlrc-boot"
	systemd-analyze verify --man=no --root="$R" \
	    /lib/systemd/system/erlang-node-check.service >"$T/out" 2>&1
	grep -q '/usr/sbin/erlrc-boot' "$T/out" ||
	    fail "systemd-analyze verify misses erlrc-boot: $(cat "$T/out")"
else
	echo "SKIP: systemd-analyze is not installed: the unit is not verified"
fi
finish
