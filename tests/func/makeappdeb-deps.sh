# SPDX-License-Identifier: GPL-2.0-or-later
# makeappdeb-deps - the built makeappdeb on what its packages depend on:
# the libraries of native code (dpkg-shlibdeps, on Debian's own jiffy NIF),
# lintian on such a package, and dpkg-shlibdeps missing or failing; the
# lower bounds of the packages found in dpkg's database; the erlang-abi
# that erlang-base provides; optional_applications as Recommends.
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
# library, and its failure is quoted.  A relative --admindir is relative
# to makeappdeb's directory, though dpkg-shlibdeps runs in another.
mkdir -p "$T/admin/info" "$T/admin/updates" && : >"$T/admin/status"
cd "$T" || finish
run 1 "$mk" --admindir admin -o "$O" -s "$T/jiffy.yaml" "$jiffy" &&
    expect_err "error: cannot find the libraries that the ELF files in /usr/lib/erlang/lib/jiffy-1\.1\.1 link with: dpkg-shlibdeps exited with status [0-9]+: dpkg-shlibdeps: error: no dependency information found for .*/priv/jiffy\.so"
cd - >/dev/null || finish
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

# Lower bounds: a package found in dpkg's database, and asked for no
# version by the spec or runtime_dependencies, gets at least its installed
# version without the Debian revision; one not found, none.  After the
# runtime's, the erlang-abi that erlang-base provides, as every Debian
# Erlang library has it
ver=$(sed -n 's/^VERSION = //p' "$ERLRC_TOP/config.mk")
abi=$(erlang_abi)
[ -n "$abi" ] || fail "the machine's erlang-base provides no erlang-abi"
base=$(dpkg-query -W -f='${Version}' erlang-base) &&
    crypto=$(dpkg-query -W -f='${Version}' erlang-crypto) &&
    asn1=$(dpkg-query -W -f='${Version}' erlang-asn1) &&
    [ -n "$base" ] && [ -n "$crypto" ] && [ -n "$asn1" ] ||
    { fail "erlang-base, erlang-crypto or erlang-asn1 is not installed"; finish; }
L=$T/lib
mkdir -p "$L"
mkotpapp "$L" needs 1.0 deps=crypto,asn1,nowhere_app || finish
cp "$ERLRC_TOP/examples/COPYING" "$L/needs-1.0/"
printf 'maintainer: T <t@example.org>\n' >"$T/needs.yaml"
run 0 "$mk" -o "$O" -s "$T/needs.yaml" "$L/needs-1.0" || finish
deb=$O/erlang-needs_1.0_all.deb
want="erlrc (>= $ver), erlang-base (>= $(deb_upstream "$base")), erlang-abi (= $abi), erlang-crypto (>= $(deb_upstream "$crypto")), erlang-asn1 (>= $(deb_upstream "$asn1")), erlang-nowhere-app"
[ "$(field "$deb" Depends)" = "$want" ] ||
    fail "Depends: $(field "$deb" Depends), not $want"
[ -z "$(field "$deb" Recommends)" ] ||
    fail "Recommends without optional_applications: $(field "$deb" Recommends)"
# the spec's version comes first, then runtime_dependencies'; the spec's
# package is not looked up, and gets no version of its own
sed -i 's/{applications, \[/{runtime_dependencies, ["crypto-5.0"]}, &/' \
    "$L/needs-1.0/ebin/needs.app"
run 0 "$mk" -o "$O" -s "$T/needs.yaml" "$L/needs-1.0" || finish
want="erlrc (>= $ver), erlang-base (>= $(deb_upstream "$base")), erlang-abi (= $abi), erlang-crypto (>= $crypto), erlang-asn1 (>= $(deb_upstream "$asn1")), erlang-nowhere-app"
[ "$(field "$deb" Depends)" = "$want" ] ||
    fail "Depends with runtime_dependencies: $(field "$deb" Depends), not $want"
printf 'maintainer: T <t@example.org>\napplications:\n  crypto:\n    version: ">= 1:20"\n  asn1:\n    package: erlang-asn1\n  nowhere_app:\n    package: nowhere\n' \
    >"$T/needs.yaml"
run 0 "$mk" -o "$O" -s "$T/needs.yaml" "$L/needs-1.0" || finish
want="erlrc (>= $ver), erlang-base (>= $(deb_upstream "$base")), erlang-abi (= $abi), erlang-crypto (>= 1:20), erlang-asn1, nowhere"
[ "$(field "$deb" Depends)" = "$want" ] ||
    fail "Depends with a spec: $(field "$deb" Depends), not $want"
rm -f "$O"/*.deb
# a version without revision, as it is; the epoch kept, and the revision
# after the last '-' only: a dpkg database of our own says who owns them
A=$T/admin-own
mkdir -p "$A/info" "$A/updates" "$T/lib2"
mkotpapp "$T/lib2" plain 2.0 lib && mkotpapp "$T/lib2" dashed 1.0 lib &&
    mkotpapp "$T/lib2" uses 1.0 deps=plain,dashed || finish
cp "$ERLRC_TOP/examples/COPYING" "$T/lib2/uses-1.0/"
for p in plain:3:2.0 dashed:1.0-beta-3; do
	n=${p%%:*} v=${p#*:}
	printf 'Package: erlang-%s\nStatus: install ok installed\nVersion: %s\nArchitecture: all\nMaintainer: T <t@example.org>\nDescription: %s\n\n' \
	    "$n" "$v" "$n" >>"$A/status"
	ls "$T/lib2/$n"-*/ebin/"$n.app" >"$A/info/erlang-$n.list"
done
printf 'maintainer: T <t@example.org>\n' >"$T/uses.yaml"
run 0 "$mk" --admindir "$A" -L "$T/lib2" -o "$O" -s "$T/uses.yaml" \
    "$T/lib2/uses-1.0" || finish
# kernel and stdlib are not in $T/lib2: the default names
want="erlrc (>= $ver), erlang-base, erlang-kernel, erlang-stdlib, erlang-plain (>= 3:2.0), erlang-dashed (>= 1.0-beta)"
[ "$(field "$O/erlang-uses_1.0_all.deb" Depends)" = "$want" ] ||
    fail "Depends (no erlang-base, so no erlang-abi): $(field "$O/erlang-uses_1.0_all.deb" Depends), not $want"
# erlang-abi: what the erlang-base of --admindir provides, when it is
# installed; one with its configuration files only provides nothing
# ebase STATUS: $A/status with erlang-base in STATUS
ebase() {
	{ sed '/^Package: erlang-base$/,/^$/d' "$A/status" &&
	    printf 'Package: erlang-base\nStatus: %s\nVersion: 1:99.1-1\nArchitecture: all\nMaintainer: T <t@example.org>\nProvides: erlang-pcre (= 8.44), erlang-abi-99.1, erlang-abi (= 99.1)\nDescription: base\n\n' \
	    "$1"; } >"$A/status.new" && mv "$A/status.new" "$A/status"
}
ebase "deinstall ok config-files"
run 0 "$mk" --admindir "$A" -L "$T/lib2" -o "$O" -s "$T/uses.yaml" \
    "$T/lib2/uses-1.0" &&
    [ "$(field "$O/erlang-uses_1.0_all.deb" Depends)" = "$want" ] ||
    fail "Depends (erlang-base removed): $(field "$O/erlang-uses_1.0_all.deb" Depends)"
ebase "install ok installed"
run 0 "$mk" --admindir "$A" -L "$T/lib2" -o "$O" -s "$T/uses.yaml" \
    "$T/lib2/uses-1.0" || finish
want="erlrc (>= $ver), erlang-base, erlang-abi (= 99.1), erlang-kernel, erlang-stdlib, erlang-plain (>= 3:2.0), erlang-dashed (>= 1.0-beta)"
[ "$(field "$O/erlang-uses_1.0_all.deb" Depends)" = "$want" ] ||
    fail "Depends with erlang-abi 99.1: $(field "$O/erlang-uses_1.0_all.deb" Depends), not $want"
rm -f "$O"/*.deb

# optional_applications (OTP 24): those of applications in Recommends,
# not Depends; sasl's package, erlang-base, is in Depends already
rt=$(dpkg-query -W -f='${Version}' erlang-runtime-tools) && [ -n "$rt" ] ||
    { fail "erlang-runtime-tools is not installed"; finish; }
mkotpapp "$L" opt 1.0 lib || finish
cp "$ERLRC_TOP/examples/COPYING" "$L/opt-1.0/"
cat >"$L/opt-1.0/ebin/opt.app" <<'EOF'
{application, opt,
 [{description, "erlrc test application opt"},
  {vsn, "1.0"},
  {modules, [opt_lazy]},
  {registered, []},
  {applications, [kernel, stdlib, sasl, runtime_tools, crypto, nowhere_opt]},
  {optional_applications, [sasl, runtime_tools, nowhere_opt]}]}.
EOF
printf 'maintainer: T <t@example.org>\n' >"$T/opt.yaml"
run 0 "$mk" -o "$O" -s "$T/opt.yaml" "$L/opt-1.0" || finish
deb=$O/erlang-opt_1.0_all.deb
want="erlrc (>= $ver), erlang-base (>= $(deb_upstream "$base")), erlang-abi (= $abi), erlang-crypto (>= $(deb_upstream "$crypto"))"
[ "$(field "$deb" Depends)" = "$want" ] ||
    fail "Depends with optional_applications: $(field "$deb" Depends), not $want"
want="erlang-runtime-tools (>= $(deb_upstream "$rt")), erlang-nowhere-opt"
[ "$(field "$deb" Recommends)" = "$want" ] ||
    fail "Recommends: $(field "$deb" Recommends), not $want"
# the field is where dpkg puts it, after Depends
dpkg-deb -f "$deb" | grep -A1 '^Depends:' | grep -q '^Recommends: ' ||
    fail "Recommends is not after Depends: $(dpkg-deb -f "$deb")"
rm -f "$O"/*.deb
finish
