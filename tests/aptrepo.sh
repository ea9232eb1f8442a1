# SPDX-License-Identifier: GPL-2.0-or-later
# aptrepo.sh - apt-get as the real client of a local file: repository,
# pointed at the dpkg sandbox. Sourced after sandbox.sh, never run; the test
# exits 77 (SKIP) without apt-get and dpkg-scanpackages.
#
# Sourcing it makes $REPO, a repository apt reads as
# "deb [trusted=yes] file:$REPO ./", and exports APT_CONFIG, which keeps
# apt's state under $T and has it run dpkg on $R as sdpkg does. The
# stand-in erlrc and erlang-base packages are published in it.
#
# spec NAME [APP=RELATION]
#	Write $T/NAME.yaml, a package spec with a maintainer, a description,
#	a copyright file, and the relation to APP's package when given.
# publish APP VSN [APP=RELATION]
#	Build the package of $L/APP-VSN with makeappdeb into $REPO, with
#	spec APP [APP=RELATION], and index the repository again.
# reindex
#	Index $REPO again (after a .deb was put there some other way), every
#	version of each package, so a test can install an older one.
# aptget ARG...
#	apt-get -q -y ARG..., without a pseudo-terminal.

command -v apt-get >/dev/null && command -v dpkg-scanpackages >/dev/null || {
	echo "SKIP: apt-get and dpkg-scanpackages are needed"
	exit 77
}

REPO=$T/repo
aptrepo__dir=$T/apt
mkdir -p "$REPO" "$aptrepo__dir/etc/apt.conf.d" \
    "$aptrepo__dir/etc/preferences.d" "$aptrepo__dir/state/lists/partial" \
    "$aptrepo__dir/cache/archives/partial" "$aptrepo__dir/log"
printf 'deb [trusted=yes] file:%s ./\n' "$REPO" \
    >"$aptrepo__dir/etc/sources.list"
# apt resets PATH for dpkg: DPkg::Path keeps the erlrc programs under test
cat >"$aptrepo__dir/apt.conf" <<APTCONF
Dir::Etc "$aptrepo__dir/etc";
Dir::Etc::sourcelist "$aptrepo__dir/etc/sources.list";
Dir::Etc::sourceparts "-";
Dir::Etc::parts "$aptrepo__dir/etc/apt.conf.d";
Dir::Etc::preferencesparts "$aptrepo__dir/etc/preferences.d";
Dir::State "$aptrepo__dir/state";
Dir::State::status "$R/var/lib/dpkg/status";
Dir::Cache "$aptrepo__dir/cache";
Dir::Log "$aptrepo__dir/log";
DPkg::Options { "--root=$R"; "--log=$R/dpkg.log"; "--force-script-chrootless"; };
DPkg::Path "$PATH";
APT::Sandbox::User "root";
Acquire::Languages "none";
APTCONF
export APT_CONFIG=$aptrepo__dir/apt.conf

spec() {
	{
		printf 'maintainer: erlrc tests <erlrc@example.org>\n'
		printf 'description: test package %s\n' "$1"
		printf 'copyright: %s/examples/COPYING\n' "$ERLRC_TOP"
		[ -z "${2:-}" ] || printf 'applications:\n  %s:\n    version: "%s"\n' \
		    "${2%%=*}" "${2#*=}"
	} >"$T/$1.yaml"
}

reindex() {
	(cd "$REPO" && dpkg-scanpackages -m . >Packages 2>"$T/scan.log") ||
	    fail "dpkg-scanpackages: $(cat "$T/scan.log")"
}

publish() {
	spec "$1" "${3:-}"
	run 0 makeappdeb -o "$REPO" -s "$T/$1.yaml" "$L/$1-$2" || return 1
	reindex
}

aptget() { apt-get -q -y -o Dpkg::Use-Pty=0 "$@"; }

cp "$T"/debs/erlrc_*.deb "$T"/debs/erlang-base_*.deb "$REPO/"
