# SPDX-License-Identifier: GPL-2.0-or-later
# sandbox.sh - a dpkg root for the end-to-end tests (DESIGN.md §10). Sourced
# after lib.sh and node.sh, never run. The machine's own package database,
# /etc/erlrc.d and /var/lib/erlrc are never touched: everything is under
# $R=$T/root, and the erlrc programs the maintainer scripts run are the
# ones under test ($ERLRC_BIN first in PATH).
#
# Sourcing it (the test exits 77, i.e. SKIP, unless run as root with dpkg
# and dpkg-deb):
#   - makes $R an empty dpkg root whose erlrc.yaml looks for applications in
#     $R/usr/lib/erlang/lib, then in $R/otp, a link to the machine's OTP
#     (the node runs the machine's OTP; the packages install under $R);
#   - unsets ERLRC_ROOT and ERLRC_STATE, so DPKG_ROOT (exported by dpkg to
#     the scripts, and by sdpkg_env to the test) decides where erlrc works;
#   - installs two stand-in packages into $R: erlrc (at the version of the
#     build) and erlang-base (at the machine's version, providing what the
#     machine's provides: erlang-abi (= X) among others), the Depends that
#     makeappdeb writes for every package.
#
# sdpkg ARG...
#	dpkg --root=$R --force-script-chrootless --log=$R/dpkg.log ARG...
# sdpkg_status PACKAGE
#	Print dpkg's two-letter status of PACKAGE in $R (ii, iF, rc, ...),
#	"un" when $R does not know it.
# sandbox_register NODE
#	Register the node for erlrc in $R: $R/etc/erlrc.d/nodes/NODE holds
#	its cookie (mode 0600).
# mkstandin NAME VERSION [DIR [PROVIDES]]
#	Write DIR/NAME_VERSION_all.deb (DIR defaults to $T/debs), an empty
#	package, with the Provides field PROVIDES when not empty; print its
#	path.

if [ "$(id -u)" -ne 0 ] || ! command -v dpkg-deb >/dev/null; then
	echo "SKIP: the dpkg sandbox needs root and dpkg-deb"
	exit 77
fi

R=$T/root
unset ERLRC_ROOT ERLRC_STATE DPKG_ROOT
export PATH=$ERLRC_BIN:$PATH:/usr/sbin:/sbin
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" \
    "$R/etc/erlrc.d/nodes" "$R/usr/lib/erlang/lib" "$T/debs" || exit 1
: >"$R/var/lib/dpkg/status"
ln -s /usr/lib/erlang/lib "$R/otp"
printf 'lib_dirs:\n  - /usr/lib/erlang/lib\n  - /otp\ntimeout: 60\n' \
    >"$R/etc/erlrc.d/erlrc.yaml"

sdpkg() {
	dpkg --root="$R" --force-script-chrootless --log="$R/dpkg.log" "$@"
}

sdpkg_status() {
	local s
	s=$(dpkg-query --admindir="$R/var/lib/dpkg" -W \
	    -f='${db:Status-Abbrev}' "$1" 2>/dev/null) || s=un
	printf '%s\n' "${s%% *}"
}

sandbox_register() {
	head -n 1 "$HOME/.erlang.cookie" >"$R/etc/erlrc.d/nodes/$1" &&
	    chmod 0600 "$R/etc/erlrc.d/nodes/$1"
}

mkstandin() {
	local name=$1 version=$2 dir=${3:-$T/debs} provides=${4:-}
	local d=$T/standin-$1
	rm -rf "$d" && mkdir -p "$d/DEBIAN" || return 1
	printf 'Package: %s\nVersion: %s\nArchitecture: all\nMaintainer: %s\n%s%s\n' \
	    "$name" "$version" "erlrc tests <root@localhost>" \
	    "${provides:+Provides: $provides
}" "Description: stand-in for $name in the erlrc tests" \
	    >"$d/DEBIAN/control"
	dpkg-deb --root-owner-group --build "$d" \
	    "$dir/${name}_${version#*:}_all.deb" >/dev/null || return 1
	printf '%s\n' "$dir/${name}_${version#*:}_all.deb"
}

sandbox__base=$(dpkg-query -W -f='${Version}' erlang-base) || {
	fail "erlang-base is not installed on this machine"
	finish
}
# what makeappdeb's packages need of it: erlang-abi (= X)
sandbox__provides=$(dpkg-query -W -f='${Provides}' erlang-base)
sandbox__erlrc=$(sed -n 's/^VERSION = //p' "$ERLRC_TOP/config.mk")
sdpkg -i "$(mkstandin erlrc "$sandbox__erlrc")" \
    "$(mkstandin erlang-base "$sandbox__base" "$T/debs" \
    "$sandbox__provides")" >"$T/standin.log" 2>&1 || {
	fail "cannot install the stand-in packages: $(tail -n 3 "$T/standin.log")"
	finish
}
