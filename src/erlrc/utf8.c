/* SPDX-License-Identifier: GPL-2.0-or-later */
/* utf8.c - UTF-8 text as Erlang takes it in atoms */
#include <erlrc/utf8.h>

/* erlrc_utf8_chars - see utf8.h. */
long
erlrc_utf8_chars(const unsigned char *s, size_t len)
{
	size_t i = 0, more, k;
	long n = 0;

	while (i < len) {
		unsigned c = s[i], lo = 0x80, hi = 0xbf;

		if (c < 0x80) {
			more = 0;
		} else if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			lo = c == 0xe0 ? 0xa0 : lo;
			hi = c == 0xed ? 0x9f : hi;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			lo = c == 0xf0 ? 0x90 : lo;
			hi = c == 0xf4 ? 0x8f : hi;
		} else {
			return -1;
		}
		if (len - i <= more)
			return -1;
		for (k = 1; k <= more; k++) {
			if (s[i + k] < lo || s[i + k] > hi)
				return -1;
			lo = 0x80;
			hi = 0xbf;
		}
		i += more + 1;
		n++;
	}
	return n;
}
