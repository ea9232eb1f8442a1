# SPDX-License-Identifier: GPL-2.0-or-later
# debian-package - erlrc as Debian packages: dpkg-buildpackage -us -uc -b
# on a copy of the source tree (without build products) makes erlrc and
# erlrc-build with the files the Makefile installs, hardened and
# lintian-clean (--fail-on error,warning); both install with dpkg into a
# sandbox root, and the functional and end-to-end tests pass against the
# installed programs (tests/run-suite --installed).  The build and lintian
# need no root; the rest does (sandbox.sh exits 77 without it).
. "$ERLRC_TOP/tests/lib.sh"

for cmd in dpkg-buildpackage dh lintian readelf; do
	command -v "$cmd" >/dev/null ||
	    { fail "$cmd is missing (debian/control lists it)"; finish; }
done

# mkvar NAME: print the Makefile's variable NAME, one word per line.
mkvar() {
	make -s -C "$ERLRC_TOP" -f Makefile -f - print \
	    <<<"print: ; @printf '%s\n' \$($1)"
}

ver=$(sed -n 's/^VERSION = //p' "$ERLRC_TOP/config.mk")
arch=$(dpkg --print-architecture)
P=$T/pkg
S=$P/erlrc-$ver
mkdir -p "$S" || exit 1

# The source tree as git sees it (tracked and new files, not what
# .gitignore names); without git, all but what a build leaves.
if git -C "$ERLRC_TOP" ls-files -z --cached --others --exclude-standard \
    >"$T/files.0" 2>/dev/null; then
	while IFS= read -r -d '' f; do
		[ -e "$ERLRC_TOP/$f" ] && printf '%s\0' "$f"
	done <"$T/files.0" >"$T/files"
	tar -C "$ERLRC_TOP" --null -T "$T/files" -cf "$T/src.tar" ||
	    { fail "cannot archive the git files of $ERLRC_TOP"; finish; }
else
	tar -C "$ERLRC_TOP" --anchored --exclude=./.git --exclude=./build \
	    --exclude=./config.mk --exclude=./config.log \
	    --exclude=./config.status --exclude=./configure \
	    --exclude=./configure~ --exclude=./aclocal.m4 \
	    --exclude=./autom4te.cache --exclude=./tests/fuzz/corpus-run \
	    --exclude=./debian/.debhelper --exclude=./debian/tmp \
	    --exclude=./debian/erlrc --exclude=./debian/erlrc-build \
	    --exclude=./debian/files --exclude='./debian/*.substvars' \
	    --exclude='./debian/*.debhelper.log' \
	    --exclude=./debian/debhelper-build-stamp \
	    --exclude='./debian/autoreconf.*' \
	    --exclude='./*.o' -cf "$T/src.tar" . ||
	    { fail "cannot archive $ERLRC_TOP"; finish; }
fi
tar -C "$S" -xf "$T/src.tar" ||
    { fail "cannot unpack the source copy"; finish; }

# The unit tests run (dh_auto_test), not make check.
start=$SECONDS
(cd "$S" && DEB_BUILD_OPTIONS=parallel=2 dpkg-buildpackage -us -uc -b) \
    >"$T/build.log" 2>&1 </dev/null
st=$?
echo "dpkg-buildpackage: status $st, $((SECONDS - start)) s"
if [ "$st" -ne 0 ]; then
	fail "dpkg-buildpackage -us -uc -b exited $st"
	tail -n 40 "$T/build.log" | sed 's/^/  build: /'
	finish
fi
grep -Eq '^100%: Checks: [0-9]+, Failures: 0, Errors: 0' "$T/build.log" ||
    fail "dh_auto_test did not run the unit tests"
! grep -q 'tests/run-suite' "$T/build.log" ||
    fail "the package build ran the test suite"

# Each package holds exactly the files the Makefile installs for it.
deb_erlrc=$P/erlrc_${ver}_$arch.deb
deb_build=$P/erlrc-build_${ver}_$arch.deb
for deb in "$deb_erlrc" "$deb_build"; do
	[ -f "$deb" ] || { fail "${deb##*/} was not built"; finish; }
done
for v in SBIN_PROGS BIN_PROGS MAN_PAGES; do
	mkvar "$v" >"$T/$v" && [ -s "$T/$v" ] ||
	    { fail "cannot read $v from the Makefile"; finish; }
done
{
	sed 's|^|./usr/sbin/|' "$T/SBIN_PROGS"
	sed -nE 's|^man/(.*\.([578]))$|./usr/share/man/man\2/\1.gz|p' \
	    "$T/MAN_PAGES"
	for f in "$ERLRC_TOP"/templates/* "$ERLRC_TOP"/hooks/*; do
		echo "./usr/share/erlrc/${f#"$ERLRC_TOP"/}"
	done
	printf './usr/share/doc/erlrc/%s\n' changelog.gz copyright
	echo ./usr/share/lintian/overrides/erlrc
} >"$T/want"
sort "$T/want" >"$T/want-erlrc"
{
	sed 's|^|./usr/bin/|' "$T/BIN_PROGS"
	sed -nE 's|^man/(.*\.1)$|./usr/share/man/man1/\1.gz|p' "$T/MAN_PAGES"
	printf './usr/share/doc/erlrc-build/%s\n' changelog.gz copyright
	echo ./usr/share/lintian/overrides/erlrc-build
} >"$T/want"
sort "$T/want" >"$T/want-erlrc-build"
for pkg in erlrc erlrc-build; do
	deb=$P/${pkg}_${ver}_$arch.deb
	dpkg-deb --fsys-tarfile "$deb" >"$T/$pkg.tar" &&
	    tar -tvf "$T/$pkg.tar" >"$T/$pkg.list" ||
	    { fail "cannot list $deb"; continue; }
	awk '$1 !~ /^d/ { print $6 }' "$T/$pkg.list" >"$T/got" &&
	    sort "$T/got" >"$T/got-$pkg"
	diff -u "$T/want-$pkg" "$T/got-$pkg" >"$T/diff-$pkg" ||
	    { fail "$pkg: not the files expected"; sed 's/^/  /' "$T/diff-$pkg"; }
done
dep=$(dpkg-deb -f "$deb_build" Depends)
case ", $dep," in
*", erlrc (= $ver),"*) ;;
*) fail "erlrc-build: Depends: $dep (no erlrc (= $ver))" ;;
esac

# Hardened: PIE, full RELRO, stack protector, fortified functions.
mkdir -p "$T/x" && tar -C "$T/x" -xf "$T/erlrc.tar" &&
    tar -C "$T/x" -xf "$T/erlrc-build.tar" || fail "cannot unpack the packages"
for prog in "$T"/x/usr/bin/* "$T"/x/usr/sbin/*; do
	name=${prog#"$T/x"}
	readelf -hdlW --dyn-syms "$prog" >"$T/elf" 2>&1 ||
	    { fail "$name: readelf failed"; continue; }
	grep -Eq 'Type: +DYN' "$T/elf" || fail "$name: not PIE"
	grep -q 'GNU_RELRO' "$T/elf" || fail "$name: no RELRO"
	grep -Eq '\(FLAGS\).*BIND_NOW' "$T/elf" || fail "$name: no BIND_NOW"
	grep -q '__stack_chk_fail' "$T/elf" || fail "$name: no stack protector"
	grep -Eq '__[a-z_]+_chk\b' "$T/elf" || fail "$name: not fortified"
done

# lintian: no error, no warning left (the rest is overridden, and why is
# said in debian/*.lintian-overrides).
start=$SECONDS
lintian --fail-on error,warning "$P/erlrc_${ver}_$arch.changes" \
    >"$T/lintian.log" 2>&1
st=$?
echo "lintian: status $st, $((SECONDS - start)) s"
[ "$st" -eq 0 ] ||
    { fail "lintian exited $st"; sed 's/^/  /' "$T/lintian.log"; }
[ "$fails" -eq 0 ] || finish

# Install both into a sandbox root in place of its stand-in erlrc, with
# stand-ins for what they depend on at the machine's versions, so that dpkg
# checks the dependencies.
path=$PATH
. "$ERLRC_TOP/tests/sandbox.sh"
deps=$(dpkg-deb -f "$deb_erlrc" Depends && dpkg-deb -f "$deb_build" Depends) ||
    { fail "cannot read the Depends of the packages"; finish; }
# the first alternative of each, without version or architecture
deps=$(sed -E 's/\([^)]*\)//g; s/\|[^,]*//g; s/:[a-z0-9]+//g; s/,/ /g' \
    <<<"$deps") || { fail "cannot parse the Depends: $deps"; finish; }
standins=()
declare -A seen=([erlrc]=1 [erlrc-build]=1 [erlang-base]=1)
for d in $deps; do
	[ -z "${seen[$d]:-}" ] || continue
	seen[$d]=1
	v=$(dpkg-query -W -f='${Version}' "$d" 2>/dev/null) && [ -n "$v" ] ||
	    { fail "$d, a dependency, is not installed here"; continue; }
	f=$(mkstandin "$d" "$v") || { fail "cannot make a stand-in for $d"; continue; }
	standins+=("$f")
done
[ "$fails" -eq 0 ] || finish
run 0 sdpkg -i "${standins[@]}" || finish
run 0 sdpkg -i "$deb_erlrc" "$deb_build" || finish
for pkg in erlrc erlrc-build; do
	s=$(dpkg-query --admindir="$R/var/lib/dpkg" -W \
	    -f='${db:Status-Abbrev}${Version} ${Architecture}' "$pkg")
	[ "$s" = "ii $ver $arch" ] || fail "$pkg in the sandbox: $s"
done
run 0 sdpkg --audit && [ ! -s "$T/out" ] ||
    fail "dpkg --audit: $(cat "$T/out")"

# The functional tests against the programs installed in the sandbox.
mkdir -p "$T/bin" || exit 1
for prog in "$R"/usr/bin/* "$R"/usr/sbin/*; do
	ln -s "$prog" "$T/bin/" || exit 1
done
start=$SECONDS
PATH=$path ERLRC_BIN=$T/bin ERLRC_DATADIR=$R/usr/share/erlrc \
    "$ERLRC_TOP/tests/run-suite" --installed "$ERLRC_BUILD" \
    >"$T/suite.log" 2>&1 </dev/null
st=$?
sed 's/^/  /' "$T/suite.log"
echo "installed-program tests: status $st, $((SECONDS - start)) s:" \
    "$(tail -n 1 "$T/suite.log")"
[ "$st" -eq 0 ] || fail "the tests of the installed programs failed"

# And both go away without a trace.
run 0 sdpkg -P erlrc-build erlrc
for pkg in erlrc erlrc-build; do
	s=$(sdpkg_status "$pkg")
	[ "$s" = un ] || [ "$s" = pn ] || fail "$pkg after purge: $s"
done
left=$(find "$R/usr/bin" "$R/usr/sbin" "$R/usr/share" -mindepth 1 \
    -not -type d 2>/dev/null)
[ -z "$left" ] || fail "left after purge: $left"
finish
