# apt - apt-get as the real client: a local file: repository made with
# dpkg-scanpackages, apt pointed at the dpkg sandbox, a live node. An
# upgrade in which one application's new version needs another's new
# version changes both live, the one needed first.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/node.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
. "$ERLRC_TOP/tests/sandbox.sh"

command -v apt-get >/dev/null && command -v dpkg-scanpackages >/dev/null || {
	echo "SKIP: apt-get and dpkg-scanpackages are needed"
	exit 77
}

L=$T/lib
REPO=$T/repo
A=$T/apt
n=apt_$$
mkdir -p "$REPO" "$A/etc/apt.conf.d" "$A/etc/preferences.d" \
    "$A/state/lists/partial" "$A/cache/archives/partial" "$A/log"
printf 'deb [trusted=yes] file:%s ./\n' "$REPO" >"$A/etc/sources.list"
cat >"$A/apt.conf" <<EOF
Dir::Etc "$A/etc";
Dir::Etc::sourcelist "$A/etc/sources.list";
Dir::Etc::sourceparts "-";
Dir::Etc::parts "$A/etc/apt.conf.d";
Dir::Etc::preferencesparts "$A/etc/preferences.d";
Dir::State "$A/state";
Dir::State::status "$R/var/lib/dpkg/status";
Dir::Cache "$A/cache";
Dir::Log "$A/log";
DPkg::Options { "--root=$R"; "--log=$R/dpkg.log"; "--force-script-chrootless"; };
DPkg::Path "$PATH";
APT::Sandbox::User "root";
Acquire::Languages "none";
EOF
export APT_CONFIG=$A/apt.conf

# spec NAME [APP=RELATION]: a package spec for the application NAME
spec() {
	{
		printf 'maintainer: erlrc tests <erlrc@example.org>\n'
		printf 'description: test application %s\n' "$1"
		printf 'copyright: %s/examples/COPYING\n' "$ERLRC_TOP"
		[ -z "${2:-}" ] || printf 'applications:\n  %s:\n    version: "%s"\n' \
		    "${2%%=*}" "${2#*=}"
	} >"$T/$1.yaml"
}
# publish APP VSN [APP=RELATION]: build its package into the repository
publish() {
	spec "$1" "${3:-}"
	run 0 makeappdeb -o "$REPO" -s "$T/$1.yaml" "$L/$1-$2" || return 1
	(cd "$REPO" && dpkg-scanpackages . >Packages 2>"$T/scan.log") ||
	    fail "dpkg-scanpackages: $(cat "$T/scan.log")"
}
aptget() { apt-get -q -y -o Dpkg::Use-Pty=0 "$@"; }

mkotpapp "$L" store 1.0 && mkotpapp "$L" store 2.0 &&
    mkotpapp "$L" front 1.0 deps=store &&
    mkotpapp "$L" front 2.0 deps=store || finish
cp "$T"/debs/erlrc_*.deb "$T"/debs/erlang-base_*.deb "$REPO/"
publish store 1.0 && publish front 1.0 || finish

node_start "$n" || finish
sandbox_register "$n"
vsns() { node_call "$n" '[{A, V} || {A, _, V} <- application:which_applications(),
    A =:= store orelse A =:= front]'; }

run 0 aptget update || finish
run 0 aptget install erlang-front
[ "$(vsns)" = '[{front,"1.0"},{store,"1.0"}]' ] ||
    fail "after apt-get install: $(vsns)"
grep -q '^start store$' "$ERLRC_TEST_LOG" && grep -q '^start front$' \
    "$ERLRC_TEST_LOG" || fail "not started: $(cat "$ERLRC_TEST_LOG")"
pids=$(node_call "$n" '{whereis(store_srv), whereis(front_srv)}')

# front 2.0 needs store 2.0
publish store 2.0 && publish front 2.0 'store=>= 2.0' || finish
dpkg-deb -f "$REPO/erlang-front_2.0_all.deb" Depends | grep -q \
    'erlang-store (>= 2.0)' || fail "front 2.0 does not depend on store 2.0"
: >"$ERLRC_TEST_LOG"
run 0 aptget update
run 0 aptget upgrade
[ "$(vsns)" = '[{front,"2.0"},{store,"2.0"}]' ] ||
    fail "after apt-get upgrade: $(vsns)"
[ "$(grep '^change' "$ERLRC_TEST_LOG" | tr '\n' ' ')" = \
    "change store 2.0 change front 2.0 " ] ||
    fail "upgrade order: $(tr '\n' ' ' <"$ERLRC_TEST_LOG")"
[ "$(node_call "$n" '{whereis(store_srv), whereis(front_srv)}')" = \
    "$pids" ] || fail "the servers were restarted"
run 0 aptget upgrade && grep -q '0 upgraded' "$T/out" ||
    fail "a second upgrade did something: $(cat "$T/out")"

run 0 aptget purge erlang-front erlang-store
[ "$(vsns)" = '[]' ] || fail "after purge: $(vsns)"
finish
