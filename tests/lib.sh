# SPDX-License-Identifier: GPL-2.0-or-later
# lib.sh - shared by the functional and once-only tests: sourced, never run.
# ERLRC_BUILD is the build directory, ERLRC_TOP the source tree.  The
# programs under test are in ERLRC_BIN (default: the build directory) and
# the build tools' templates and hooks in ERLRC_DATADIR (default: the
# source tree); make installcheck points them at the installed ones.
set -u
: "${ERLRC_BUILD:?run through tests/run-suite}" "${ERLRC_TOP:?}"
: "${ERLRC_BIN:=$ERLRC_BUILD}" "${ERLRC_DATADIR:=$ERLRC_TOP}"
export ERLRC_BIN ERLRC_DATADIR
T=$(mktemp -d "${TMPDIR:-/tmp}/erlrc-test.XXXXXX")
# an erl that crashes writes its dump here, never into the source tree
export ERL_CRASH_DUMP=$T/erl_crash.dump
# CLEANUP: shell commands (each ending in ';' or a newline) that the exit
# trap runs before $T is removed, e.g. node.sh's killing of its nodes.
CLEANUP=
trap 'eval "$CLEANUP"; [ -n "${KEEP_T:-}" ] || rm -rf "$T"' EXIT

# apt, as makeappdeb asks it which package names are taken, knows no
# package unless a test gives it a repository (aptrepo.sh): the machine's
# own apt lists are not the tests' business
mkdir -p "$T/apt-none/lists/partial" "$T/apt-none/cache" "$T/apt-none/parts" &&
    : >"$T/apt-none/status" && : >"$T/apt-none/sources.list" &&
    printf 'Dir::%s "%s";\n' State "$T/apt-none" State::status \
    "$T/apt-none/status" Cache "$T/apt-none/cache" Etc::sourcelist \
    "$T/apt-none/sources.list" Etc::sourceparts "$T/apt-none/parts" \
    Etc::parts "$T/apt-none/parts" Etc::preferencesparts \
    "$T/apt-none/parts" >"$T/apt-none.conf"
export APT_CONFIG=$T/apt-none.conf

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run STATUS CMD...: run CMD, stdout to $T/out, stderr to $T/err, and
# check its exit status is exactly STATUS.
run() {
	local want=$1 st
	shift
	"$@" >"$T/out" 2>"$T/err"
	st=$?
	if [ "$st" -ne "$want" ]; then
		fail "$* exited $st, expected $want"
		sed 's/^/  stderr: /' "$T/err"
		return 1
	fi
	return 0
}

# expect_err PATTERN: the last run's stderr matches the grep -E PATTERN.
expect_err() {
	grep -Eq -- "$1" "$T/err" || {
		fail "stderr does not match '$1'"
		sed 's/^/  stderr: /' "$T/err"
	}
}

# sandbox_libdir [YAML-LINE...]: erlrc's configuration and state in $T
# (ERLRC_ROOT, ERLRC_STATE, exported; DPKG_ROOT unset), its nodes and
# applications directories, the library directory L=$T/lib, and an
# erlrc.yaml naming L then OTP's own, then each YAML-LINE.
sandbox_libdir() {
	export ERLRC_ROOT=$T/etc ERLRC_STATE=$T/state
	unset DPKG_ROOT
	L=$T/lib
	mkdir -p "$ERLRC_ROOT/nodes" "$ERLRC_ROOT/applications" "$L" &&
	    { printf 'lib_dirs:\n  - %s\n  - /usr/lib/erlang/lib\n' "$L" &&
	    printf '%s\n' "$@"; } >"$ERLRC_ROOT/erlrc.yaml"
}

# copy_of APP VSN [STATE]: erlrc's most recent copy of APP at VSN,
# STATE/lib/APP-VSN+ID/APP-VSN (STATE: $ERLRC_STATE); a path that does
# not exist when there is none.  copy_re APP VSN: any copy of it, as a
# grep -E pattern.
copy_of() {
	local state=${3:-$ERLRC_STATE} d
	d=$(ls -dt "$state/lib/$1-$2+"*/"$1-$2" 2>/dev/null | head -n 1)
	echo "${d:-$state/lib/$1-$2+none/$1-$2}"
}
copy_re() {
	printf '%s\n' "$ERLRC_STATE/lib/$1-$2\\+[0-9a-f]{16}/$1-$2"
}

# deb_upstream VERSION: the Debian package version VERSION without its
# Debian revision (after the last '-'), its epoch kept
deb_upstream() {
	local v=$1 e=
	case $v in *:*) e=${v%%:*}:; v=${v#*:} ;; esac
	case $v in *-*) v=${v%-*} ;; esac
	printf '%s\n' "$e$v"
}

# erlang_abi [ADMINDIR]: the X of the "erlang-abi (= X)" that erlang-base,
# installed in dpkg's database (ADMINDIR, or the machine's), provides;
# nothing when it provides none or is not installed
erlang_abi() {
	dpkg-query ${1:+--admindir "$1"} -W -f='${Provides}' erlang-base \
	    2>/dev/null | tr ',' '\n' |
	    sed -n 's/^ *erlang-abi *(= *\([^ )]*\) *)$/\1/p'
}

finish() {
	[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
	exit 0
}
