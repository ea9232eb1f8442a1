# SPDX-License-Identifier: GPL-2.0-or-later
# man - every man page is valid mdoc: mandoc -Tlint reports nothing, and
# every installed program has a page.
. "$ERLRC_TOP/tests/lib.sh"
cd "$ERLRC_TOP" || exit 1
for page in man/*.[1-8]; do
	out=$(mandoc -Tlint -W warning "$page" 2>&1)
	[ -z "$out" ] || fail "$page: $out"
done
for prog in src/erlrc-*.c src/make*deb.c; do
	[ -f "$prog" ] || continue
	name=$(basename "$prog" .c)
	ls man/"$name".[1-8] >/dev/null 2>&1 || fail "$name has no man page"
done
finish
