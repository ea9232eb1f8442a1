# SPDX-License-Identifier: GPL-2.0-or-later
# makeappdeb-deps - the built makeappdeb on what its packages depend on:
# the libraries of native code (dpkg-shlibdeps, on Debian's own jiffy NIF),
# lintian on such a package, and dpkg-shlibdeps missing or failing.
. "$ERLRC_TOP/tests/lib.sh"
. "$ERLRC_TOP/tests/otpapp.sh"
mk=$ERLRC_BIN/makeappdeb
unset DEBEMAIL DEBFULLNAME SOURCE_DATE_EPOCH
arch=$(dpkg --print-architecture)
O=$T/out.d
mkdir -p "$O"

# field DEB NAME: a control field of DEB
field() { dpkg-deb -f "$1" "$2"; }
# nothing_left DIR: no .deb, no staging directory, no temporary file
nothing_left() {
	[ -z "$(ls -A "$1")" ] || fail "left in $1: $(ls -A "$1")"
}

# Native code: Debian's jiffy, a NIF in C++.  Its Depends has what
# dpkg-shlibdeps says of jiffy.so, run here by hand, and the package is
# the machine's architecture.
jiffysrc=$(dpkg -L erlang-jiffy | grep '/ebin/jiffy.app$') ||
    { fail "erlang-jiffy is not installed (a test dependency in debian/control)"; finish; }
jiffysrc=${jiffysrc%/ebin/jiffy.app}
mkdir -p "$T/src" "$T/shlibs/debian" && cp -r "$jiffysrc" "$T/src/" || finish
jiffy=$T/src/${jiffysrc##*/}
printf 'Source: x\n\nPackage: x\nArchitecture: any\n' >"$T/shlibs/debian/control"
shlibs=$(cd "$T/shlibs" && dpkg-shlibdeps -O "-e$jiffysrc/priv/jiffy.so" 2>/dev/null) ||
    { fail "dpkg-shlibdeps on $jiffysrc/priv/jiffy.so failed"; finish; }
shlibs=${shlibs#shlibs:Depends=}
case $shlibs in
*"libc6 (>= "*"libstdc++6 ("*) ;;
*) fail "dpkg-shlibdeps says jiffy.so needs '$shlibs': no libc6, no libstdc++6?" ;;
esac
# Debian's package has the default name, erlang-jiffy
printf 'package: local-jiffy\nmaintainer: T <t@example.org>\ncopyright: %s\n' \
    /usr/share/doc/erlang-jiffy/copyright >"$T/jiffy.yaml"
run 0 "$mk" -o "$O" -s "$T/jiffy.yaml" "$jiffy" || finish
deb=$(cat "$T/out")
[ "$deb" = "$O/local-jiffy_1.1.1_$arch.deb" ] || fail "printed '$deb'"
[ "$(field "$deb" Architecture)" = "$arch" ] ||
    fail "Architecture: $(field "$deb" Architecture), not $arch"
depends=$(field "$deb" Depends)
case $depends in
"erlrc (>= "*", $shlibs") ;;
*) fail "Depends: $depends (no '$shlibs' at the end)" ;;
esac
case $depends in
*"libc6 (>= 2.14)"*"libstdc++6 ("*) ;;
*) fail "Depends: $depends (no libc6 (>= 2.14), no libstdc++6)" ;;
esac
# lintian: no error, no warning, nothing suppressed
if command -v lintian >/dev/null; then
	lintian --fail-on error,warning "$deb" >"$T/lintian" 2>&1 ||
	    fail "lintian: $(cat "$T/lintian")"
else
	fail "lintian is not installed (debian/control lists it)"
fi
rm -f "$O"/*.deb

# dpkg-shlibdeps reads the database of --admindir: an empty one knows no
# library, and its failure is quoted
mkdir -p "$T/admin/info" "$T/admin/updates" && : >"$T/admin/status"
run 1 "$mk" --admindir "$T/admin" -o "$O" -s "$T/jiffy.yaml" "$jiffy" &&
    expect_err "error: cannot find the libraries that the ELF files in /usr/lib/erlang/lib/jiffy-1\.1\.1 link with: dpkg-shlibdeps exited with status [0-9]+: dpkg-shlibdeps: error: no dependency information found for .*/priv/jiffy\.so"
nothing_left "$O"
# dpkg-shlibdeps not installed: what to install.  $T/bin has every
# program of PATH but it, as without dpkg-dev
mkdir -p "$T/bin"
declare -A seen=([dpkg-shlibdeps]=1)
for d in ${PATH//:/ }; do
	for f in "$d"/*; do
		n=${f##*/}
		[ -x "$f" ] && [ -z "${seen[$n]:-}" ] || continue
		seen[$n]=1
		printf '%s\0' "$f"
	done
done | xargs -0 ln -s -t "$T/bin" || fail "cannot fill $T/bin"
[ -x "$T/bin/dpkg-deb" ] && ! [ -e "$T/bin/dpkg-shlibdeps" ] ||
    fail "$T/bin: $(ls "$T/bin" | grep dpkg)"
PATH=$T/bin run 2 "$mk" -o "$O" -s "$T/jiffy.yaml" "$jiffy" &&
    expect_err "error: the ELF files in /usr/lib/erlang/lib/jiffy-1\.1\.1 need dpkg-shlibdeps .*it is not installed: install dpkg-dev"
nothing_left "$O"
# an object file, with no libraries to find, is native code all the
# same, and dpkg-shlibdeps is not run for it
rm "$jiffy/priv/jiffy.so" && printf 'int f(void) { return 1; }\n' >"$T/f.c" &&
    cc -c -o "$jiffy/priv/f.o" "$T/f.c" || fail "cannot make an object file"
PATH=$T/bin run 0 "$mk" -o "$O" -s "$T/jiffy.yaml" "$jiffy" &&
    deb=$(cat "$T/out") && [ "$(field "$deb" Architecture)" = "$arch" ] &&
    case $(field "$deb" Depends) in *lib*) false ;; esac ||
    fail "an object file: $(dpkg-deb -f "$deb" Architecture Depends)"
rm -f "$O"/*.deb
finish
