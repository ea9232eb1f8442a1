# SPDX-License-Identifier: GPL-2.0-or-later
# makedeb-inputs - what the build tools read and write, attacked: a link
# planted where the package is written is replaced, never followed; only
# regular files that everyone may read go into a package (not a device, a
# FIFO, a file of mode 0600, nor a link out of the application's tree), and
# each refusal names the file; no staging directory is left behind, by an
# error or by SIGTERM.
. "$ERLRC_TOP/tests/lib.sh"

mk=$ERLRC_BIN/makeappdeb
D=$T/debs
mkdir -p "$D" "$T/app"
cp -R "$ERLRC_BUILD/examples/lib/sensorlog-1.0" "$T/app/"
A=$T/app/sensorlog-1.0
printf 'Copyright (c) the authors\n' >"$A/COPYING"
spec=$T/spec.yaml
printf 'maintainer: t <t@example.org>\ncopyright: %s\n' "$A/COPYING" >"$spec"
deb=$D/erlang-sensorlog_1.0_all.deb

# no_stage WHAT: no .makedeb-* left in the output directory
no_stage() {
	local left
	left=$(find "$D" -maxdepth 1 -name '.makedeb-*')
	[ -z "$left" ] || { fail "$1: left behind: $left"; rm -rf "$left"; }
}
# refused WHY ARG...: makeappdeb exits 2 saying WHY, writes no package
refused() {
	local why=$1
	shift
	run 2 timeout 30 "$mk" -o "$D" "$@" && expect_err "$why"
	[ -z "$(find "$D" -name '*.deb')" ] ||
	    { fail "a package was written: $*"; rm -f "$D"/*.deb; }
	no_stage "$why"
}

# 1. links planted at the temporary name of old and at the final name
printf 'victim\n' >"$T/victim"
ln -s "$T/victim" "$D/.erlang-sensorlog_1.0_all.deb.tmp"
ln -s "$T/victim" "$deb"
run 0 "$mk" -o "$D" -s "$spec" "$A"
[ "$(cat "$T/victim")" = victim ] || fail "the planted link was followed"
[ -f "$deb" ] && [ ! -L "$deb" ] || fail "the package is not a file of its own"
run 0 dpkg-deb -I "$deb"
no_stage "a build"
rm -f "$deb" "$D/.erlang-sensorlog_1.0_all.deb.tmp"

# 2. the copyright file: only a regular file everyone may read
printf 'secret\n' >"$T/secret" && chmod 0600 "$T/secret"
for bad in "$T/secret:is not readable by all \\(mode 0600\\)" \
    "/dev/zero:'/dev/zero' is neither a file nor a directory" \
    "$T/fifo:is neither a file nor a directory"; do
	[ "${bad%%:*}" != "$T/fifo" ] || mkfifo "$T/fifo"
	printf 'maintainer: t <t@example.org>\ncopyright: %s\n' "${bad%%:*}" \
	    >"$T/bad.yaml"
	refused "${bad#*:}" -s "$T/bad.yaml" "$A"
done

# 3. the application's tree: a link out of it, a file of mode 0600, a FIFO
mkdir -p "$A/priv"
ln -s "$T/secret" "$A/priv/key"
refused "'$A/priv/key' is a symbolic link to '$T/secret', outside '$A/priv'" \
    -s "$spec" "$A"
rm "$A/priv/key" && ln -s /nonexistent "$A/priv/key"
refused "'$A/priv/key' is a symbolic link to nothing that exists" -s "$spec" "$A"
rm "$A/priv/key" && cp "$T/secret" "$A/priv/key"
refused "'$A/priv/key' is not readable by all \\(mode 0600\\)" -s "$spec" "$A"
rm "$A/priv/key" && mkfifo "$A/priv/fifo"
refused "'$A/priv/fifo' is neither a file nor a directory" -s "$spec" "$A"
rm "$A/priv/fifo"

# a link inside the tree is copied as what it points to
printf 'data\n' >"$A/priv/data.txt"
ln -s ../priv/data.txt "$A/priv/alias.txt"
run 0 "$mk" -o "$D" -s "$spec" "$A"
dpkg-deb -c "$deb" >"$T/contents"
grep -q '^-.* \./usr/lib/erlang/lib/sensorlog-1.0/priv/alias.txt$' \
    "$T/contents" || fail "the link inside the tree: $(grep alias "$T/contents")"
rm -f "$deb"

# 4. a name or a version that erlrc would refuse on the host is refused
# here, whatever the spec says of the package's own version
app() {
	local name=$1 file=$2 vsn=$3
	rm -rf "$T/bad" && mkdir -p "$T/bad/ebin" &&
	    printf 'x\n' >"$T/bad/COPYING" &&
	    printf 'maintainer: t <t@example.org>\ncopyright: COPYING\nversion: 1.0-1\n' \
	    >"$T/bad/spec.yaml" &&
	    printf '{application,%s,[{description,"x"},{vsn,"%s"},{modules,[]},{registered,[]},{applications,[kernel,stdlib]}]}.\n' \
	    "$name" "$vsn" >"$T/bad/ebin/$file.app"
}
app "'end'" end 1.0
refused "$T/bad/ebin/end.app: erlrc could not run this application: 'end' is not an application name erlrc accepts: it is a reserved word of Erlang" \
    -s "$T/bad/spec.yaml" "$T/bad"
app "'Foo'" Foo 1.0
refused "'Foo' is not an application name erlrc accepts" -s "$T/bad/spec.yaml" "$T/bad"
for v in 1.0/x .. '' '1.0\nx'; do
	app ok "ok" "$v"
	refused "ok.app: erlrc could not run this application: '.*' is not a version erlrc accepts" \
	    -s "$T/bad/spec.yaml" "$T/bad"
done
deb=$D/erlang-sensorlog_1.0_all.deb

# 5. SIGTERM while dpkg-deb compresses a large file: nothing left behind
truncate -s 300M "$A/priv/big"
"$mk" -o "$D" -s "$spec" "$A" >"$T/out" 2>"$T/err" &
pid=$!
for ((i = 0; i < 100; i++)); do
	[ -n "$(find "$D" -maxdepth 2 -path '*/.makedeb-*/root')" ] && break
	sleep 0.05
done
sleep 0.5
kill -TERM "$pid"
wait "$pid"
st=$?
[ "$st" -eq 143 ] ||
    fail "makeappdeb killed by SIGTERM exited $st: $(cat "$T/err")"
no_stage "SIGTERM"
[ ! -e "$deb" ] || fail "SIGTERM left a package"
# and left alone, a file larger than what erlrc reads whole is packaged
run 0 "$mk" -o "$D" -s "$spec" "$A"
dpkg-deb -c "$deb" >"$T/contents"
grep -q ' 314572800 .* \./usr/lib/erlang/lib/sensorlog-1.0/priv/big$' \
    "$T/contents" || fail "the 300 MB file: $(grep big "$T/contents")"
no_stage "a large build"
finish
