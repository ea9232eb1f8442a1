# SPDX-License-Identifier: GPL-2.0-or-later
# term-parity - erlrc's term reader and writer against file:consult/1:
# every .app, .appup and .rel file of the installed OTP, and the edge cases
# in tests/func/terms/ (both the accepted and the refused ones).
. "$ERLRC_TOP/tests/lib.sh"

list=$T/list
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1))
	"$ERLRC_BUILD/tests/termcat" "$f" "$T/$n.copy" 2>"$T/$n.err"
	printf '%s\t%s\t%s\n' "$f" "$T/$n.copy" "$?" >>"$list"
done < <(find /usr/lib/erlang \( -name '*.app' -o -name '*.appup' \
    -o -name '*.rel' \) -print0 | sort -z;
    find "$ERLRC_TOP/tests/func/terms" -name '*.term' -print0 | sort -z)

real=$(find /usr/lib/erlang \( -name '*.app' -o -name '*.appup' \
    -o -name '*.rel' \) | wc -l)
[ "$real" -ge 50 ] || fail "only $real OTP term files found under /usr/lib/erlang"
escript "$ERLRC_TOP/tests/func/consult-compare.escript" "$list" ||
    fail "erlrc and file:consult disagree"
finish
